#include "ceditline.h"
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static char ps_prompt_buffer[128] = "planscope> ";
static volatile sig_atomic_t ps_interrupted = 0;

static char *ps_prompt(EditLine *el) { (void)el; return ps_prompt_buffer; }

/* Bracketed paste: the terminal wraps pasted text in ESC[200~ … ESC[201~. The text is
 * inserted into the line as it is (newlines included), so a pasted statement runs only
 * when Enter is pressed, never line by line. */
static unsigned char ps_paste(EditLine *el, int ch) {
    (void)ch;
    static char buf[1 << 16];
    const char *end = "\033[201~";
    size_t n = 0, matched = 0;
    char c;
    while (el_getc(el, &c) == 1) {
        if (c == end[matched]) {
            matched++;
            if (end[matched] == 0) break;
            continue;
        }
        for (size_t i = 0; i < matched && n < sizeof buf - 1; i++) buf[n++] = end[i];
        matched = (c == end[0]) ? 1 : 0;
        if (matched) continue;
        if (c == '\r') c = '\n';
        if (n < sizeof buf - 1) buf[n++] = c;
    }
    buf[n] = 0;
    el_insertstr(el, buf);
    return CC_REFRESH;
}

/* One line editor per process: its history lives here. */
static History *ps_history = NULL;

EditLine *ps_el_open(const char *program) {
    EditLine *el = el_init(program, stdin, stdout, stderr);
    if (!el) return NULL;
    History *h = history_init();
    HistEvent ev;
    history(h, &ev, H_SETSIZE, 2000);
    history(h, &ev, H_SETUNIQUE, 1);
    el_set(el, EL_HIST, history, h);
    ps_history = h;
    el_set(el, EL_PROMPT, ps_prompt);
    el_set(el, EL_EDITOR, "emacs");
    el_set(el, EL_SIGNAL, 1);
    /* Ctrl-R searches history backwards, as in readline. */
    el_set(el, EL_BIND, "^R", "em-inc-search-prev", NULL);
    el_set(el, EL_ADDFN, "ps-paste", "insert bracketed paste", ps_paste);
    el_set(el, EL_BIND, "\\e[200~", "ps-paste", NULL);
    if (isatty(STDOUT_FILENO)) { fputs("\033[?2004h", stdout); fflush(stdout); }
    el_source(el, NULL);
    return el;
}

void ps_el_close(EditLine *el) {
    if (isatty(STDOUT_FILENO)) { fputs("\033[?2004l", stdout); fflush(stdout); }
    el_end(el);
    if (ps_history) history_end(ps_history);
    ps_history = NULL;
}

void ps_el_set_prompt_text(const char *prompt) {
    strncpy(ps_prompt_buffer, prompt, sizeof ps_prompt_buffer - 1);
    ps_prompt_buffer[sizeof ps_prompt_buffer - 1] = 0;
}

int ps_el_use_emacs(EditLine *el, int emacs) { return el_set(el, EL_EDITOR, emacs ? "emacs" : "vi"); }
int ps_el_add_fn(EditLine *el, const char *name, const char *help, ps_el_fn *fn) { return el_set(el, EL_ADDFN, name, help, fn); }
int ps_el_bind(EditLine *el, const char *key, const char *fname) { return el_set(el, EL_BIND, key, fname, (const char *)NULL); }
int ps_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
void *ps_el_get_clientdata(EditLine *el) { void *p = NULL; el_get(el, EL_CLIENTDATA, &p); return p; }

int ps_el_history_add(EditLine *el, const char *line) {
    (void)el;
    HistEvent ev;
    if (!ps_history) return -1;
    return history(ps_history, &ev, H_ENTER, line);
}

const char *ps_el_gets(EditLine *el, int *count) { return el_gets(el, count); }

static void ps_on_sigint(int sig) { (void)sig; ps_interrupted = 1; }

void ps_install_sigint(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = ps_on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocked read() returns EINTR */
    sigaction(SIGINT, &sa, NULL);
}

/* SIGTERM, SIGHUP and SIGQUIT end the process with the terminal as it was when the line
 * editor opened: bracketed paste off and the saved modes back (both async-signal-safe:
 * write and tcsetattr), then the signal's default action. libedit restores its raw mode
 * itself while it reads a line; this covers the time a statement runs. */
static struct termios ps_saved_termios;
static int ps_have_termios = 0;

static void ps_on_exit_signal(int sig) {
    if (isatty(STDOUT_FILENO)) { static const char off[] = "\033[?2004l"; (void)!write(STDOUT_FILENO, off, sizeof off - 1); }
    if (ps_have_termios) tcsetattr(STDIN_FILENO, TCSANOW, &ps_saved_termios);
    signal(sig, SIG_DFL);
    raise(sig);
}

void ps_install_exit_restore(void) {
    if (tcgetattr(STDIN_FILENO, &ps_saved_termios) == 0) ps_have_termios = 1;
    int signals[] = {SIGTERM, SIGHUP, SIGQUIT};
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = ps_on_exit_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(signals[i], &sa, NULL);
    }
}

int ps_take_interrupt(void) { int v = ps_interrupted; ps_interrupted = 0; return v; }
int ps_interrupt_pending(void) { return ps_interrupted; }

int ps_terminal_columns(void) {
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0) return ws.ws_col;
    return 0;
}

int ps_terminal_rows(void) {
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0) return ws.ws_row;
    return 0;
}
