#ifndef PLANSCOPE_CTERMINAL_H
#define PLANSCOPE_CTERMINAL_H
/* The terminal handed back from C signal handlers (async-signal-safe: write, tcsetattr,
 * sigaction): a crash in the TUI restores the saved mode, leaves the alternate screen and
 * mouse reporting, then chains to the handler that was there before (the Swift runtime's
 * backtracer), so the shell is never left raw. */

/* Saves the mode of the terminal on stdin now (call before curses changes it).
 * Returns 1 when there was a terminal to save. */
int ps_term_save(void);
/* SIGSEGV, SIGBUS, SIGILL, SIGABRT, SIGFPE: put the terminal back, then the previous handler. */
void ps_term_install_crash_handlers(void);
/* The handlers that were there before ps_term_install_crash_handlers. */
void ps_term_remove_crash_handlers(void);
/* The escape sequences that turn mouse reporting (press/release and wheel, SGR 1006
 * coordinates) on or off, written to stdout. */
void ps_term_mouse(int on);
/* Ctrl-Z: SIGTSTP's default action for this process (it stops here until SIGCONT), then
 * the handler that was installed before. The caller has left curses mode. */
void ps_term_stop_self(void);
#endif
