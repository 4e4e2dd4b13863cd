#ifndef PLANSCOPE_CNCURSESW_SHIM_H
#define PLANSCOPE_CNCURSESW_SHIM_H
/* ncursesw for Swift 6: the wide API switched on here (SwiftPM drops pkg-config's
 * -D_XOPEN_SOURCE), C globals and function-like macros read through inline functions
 * (globals are not concurrency-safe to Swift; macros are not imported). */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <string.h>
#include <wchar.h>
#include <ncurses.h>
#include <sys/ioctl.h>

static inline WINDOW *ps_stdscr(void) { return stdscr; }
/* The terminal named by $TERM on stdout/stdin; NULL (instead of exiting, as initscr
 * does) when its description cannot be found. */
static inline SCREEN *ps_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int ps_lines(void) { return LINES; }
static inline int ps_cols(void) { return COLS; }
static inline int ps_colors(void) { return COLORS; }
static inline int ps_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t ps_color_pair(short n) { return (attr_t)COLOR_PAIR(n); }

static const attr_t PS_A_NORMAL = A_NORMAL;
static const attr_t PS_A_BOLD = A_BOLD;
static const attr_t PS_A_DIM = A_DIM;
static const attr_t PS_A_REVERSE = A_REVERSE;
static const attr_t PS_A_UNDERLINE = A_UNDERLINE;

/* 1 if LC_CTYPE ends up UTF-8: the environment's locale, else C.UTF-8. Call before initscr. */
static inline int ps_setlocale_utf8(void) {
  setlocale(LC_ALL, "");
  if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0) return 1;
  if (setlocale(LC_CTYPE, "C.UTF-8") != NULL && strcmp(nl_langinfo(CODESET), "UTF-8") == 0) return 1;
  return 0;
}

/* The terminal size from the kernel (ioctl is variadic, unavailable in Swift). */
static inline int ps_winsize(int fd, int *rows, int *cols) {
  struct winsize ws;
  if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
  *rows = ws.ws_row; *cols = ws.ws_col;
  return 0;
}
#endif
