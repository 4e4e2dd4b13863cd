#include "cterminal.h"
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios ps_saved;
static volatile sig_atomic_t ps_have_saved = 0;
static const int ps_crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGABRT, SIGFPE};
#define PS_CRASH_COUNT (sizeof ps_crash_signals / sizeof ps_crash_signals[0])
static struct sigaction ps_previous[PS_CRASH_COUNT];
static volatile sig_atomic_t ps_installed = 0;

/* Mouse reporting off (SGR, button events, X10), bracketed paste off, the cursor shown,
 * the alternate screen left, attributes reset. */
static const char ps_leave[] = "\033[?1006l\033[?1002l\033[?1000l\033[?2004l\033[0m\033[?25h\033[?1049l\r\n";
static const char ps_mouse_on[] = "\033[?1000h\033[?1006h";
static const char ps_mouse_off[] = "\033[?1006l\033[?1000l";

int ps_term_save(void) {
    if (!isatty(STDIN_FILENO)) return 0;
    if (tcgetattr(STDIN_FILENO, &ps_saved) != 0) return 0;
    ps_have_saved = 1;
    return 1;
}

static void ps_on_crash(int sig, siginfo_t *info, void *context) {
    if (isatty(STDOUT_FILENO)) (void)!write(STDOUT_FILENO, ps_leave, sizeof ps_leave - 1);
    if (ps_have_saved) tcsetattr(STDIN_FILENO, TCSANOW, &ps_saved);
    for (unsigned i = 0; i < PS_CRASH_COUNT; i++) {
        if (ps_crash_signals[i] != sig) continue;
        struct sigaction previous = ps_previous[i];
        sigaction(sig, &previous, NULL);
        if (previous.sa_flags & SA_SIGINFO) {
            if (previous.sa_sigaction) previous.sa_sigaction(sig, info, context);
        } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
            previous.sa_handler(sig);
        }
        break;
    }
    /* The process ends with the signal's default action even when the previous handler
     * returns (the backtracer does, for a signal sent with kill): blocked while this
     * handler runs, the raised signal comes on return (a fault also comes again when its
     * instruction runs again). */
    signal(sig, SIG_DFL);
    raise(sig);
}

void ps_term_install_crash_handlers(void) {
    if (ps_installed) return;
    for (unsigned i = 0; i < PS_CRASH_COUNT; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_sigaction = ps_on_crash;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigaction(ps_crash_signals[i], &action, &ps_previous[i]);
    }
    ps_installed = 1;
}

void ps_term_remove_crash_handlers(void) {
    if (!ps_installed) return;
    for (unsigned i = 0; i < PS_CRASH_COUNT; i++) sigaction(ps_crash_signals[i], &ps_previous[i], NULL);
    ps_installed = 0;
}

void ps_term_mouse(int on) {
    if (!isatty(STDOUT_FILENO)) return;
    if (on) (void)!write(STDOUT_FILENO, ps_mouse_on, sizeof ps_mouse_on - 1);
    else (void)!write(STDOUT_FILENO, ps_mouse_off, sizeof ps_mouse_off - 1);
}

void ps_term_stop_self(void) {
    struct sigaction dfl, previous;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGTSTP, &dfl, &previous);
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGTSTP);
    sigprocmask(SIG_UNBLOCK, &set, &old);
    /* To this thread (tgkill), not the process group: the TUI may run on a thread other
     * than the main one, and a process-wide signal could be taken by another thread after
     * the handler below is back, which would not stop. Taken on the way out of raise. */
    raise(SIGTSTP);
    sigprocmask(SIG_SETMASK, &old, NULL);
    sigaction(SIGTSTP, &previous, NULL);
}
