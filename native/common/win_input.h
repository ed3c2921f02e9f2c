/*
 * Request lines on Windows: a thread reads stdin (a pipe from the station) and queues whole
 * lines, so the worker's own thread can keep pumping window messages (TWAIN delivers its events
 * as window messages) or waiting on COM, and still answer a cancel or a ping at once.
 *
 * The queue's event is signalled while lines (or the end of input) are waiting, so a message
 * loop can wait for input and window messages together with MsgWaitForMultipleObjects.
 */
#ifndef SOHOA_WIN_INPUT_H
#define SOHOA_WIN_INPUT_H

#include <windows.h>

#include "worker_protocol.h"

/* Starts the reader thread. Returns 0, or -1 when the thread cannot be created. */
int win_input_start(void);

/* The manual-reset event that is signalled while win_input_next would not return 0. */
HANDLE win_input_event(void);

/* Takes the next line (the caller frees it). Returns 1 with *line set, 0 when none is waiting,
 * -1 at the end of input, -2 when a line was too long and has been dropped. */
int win_input_next(char **line);

/* Answers the requests that arrived while a scan runs: ok to ping and cancel, busy to anything
 * else. Returns 1 when the scan with this id must stop (a cancel for it, or the end of input). */
int win_service_requests_during_scan(double scan_id);

/* Whether the station has closed our input (the worker should finish and exit). */
int win_input_closed(void);

/* Starts the input thread and says the worker is ready (its family and width), or why it is not.
 * Returns 0, or -1 when the worker cannot serve. */
int win_worker_ready(const char *family);

/* The worker's request loop: hands each line to handle_request and pumps the thread's window
 * messages while idle; returns at the end of input. */
void win_serve_requests(void (*handle_request)(char *line));

#endif
