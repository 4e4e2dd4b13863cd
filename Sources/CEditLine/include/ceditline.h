#ifndef PLANSCOPE_CEDITLINE_H
#define PLANSCOPE_CEDITLINE_H
/* A small C layer over libedit's native API (histedit.h) for Swift: variadic el_set()
 * calls wrapped one per use, and a SIGINT flag set by a plain C handler. */
#include <stdio.h>
#include <histedit.h>

typedef unsigned char ps_el_fn(EditLine *, int);

EditLine *ps_el_open(const char *program);
void ps_el_close(EditLine *el);
/* The prompt shown by the next el_gets (copied). */
void ps_el_set_prompt_text(const char *prompt);
int ps_el_use_emacs(EditLine *el, int emacs);
int ps_el_add_fn(EditLine *el, const char *name, const char *help, ps_el_fn *fn);
int ps_el_bind(EditLine *el, const char *key, const char *fname);
int ps_el_set_clientdata(EditLine *el, void *data);
void *ps_el_get_clientdata(EditLine *el);
/* The in-memory history libedit recalls with Up and searches with Ctrl-R. */
int ps_el_history_add(EditLine *el, const char *line);
/* Reads a line; NULL at end of input or when interrupted (see ps_take_interrupt). */
const char *ps_el_gets(EditLine *el, int *count);

/* SIGINT: a handler without SA_RESTART that sets a flag (so a blocked read returns). */
void ps_install_sigint(void);
/* SIGTERM, SIGHUP, SIGQUIT: restore the terminal (saved now) and bracketed paste, then die. */
void ps_install_exit_restore(void);
/* 1 if SIGINT arrived since the last call (and clears it). */
int ps_take_interrupt(void);
/* 1 if SIGINT arrived (without clearing). */
int ps_interrupt_pending(void);

/* Rows of the terminal on stdout (0 if unknown). */
int ps_terminal_rows(void);
/* Columns of the terminal on stdout (0 when it is not a terminal). */
int ps_terminal_columns(void);

#endif
