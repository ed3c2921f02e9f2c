/*
 * The message side of the worker protocol (docs/architecture.md, "The scan worker protocol"),
 * shared by every worker: SANE on Linux/macOS, TWAIN and WIA on Windows. Replies and events are
 * JSON objects written as one line each on stdout; requests are parsed from one line each.
 *
 * Depends on nothing but the C library and json.c, so it builds with the system compiler and with
 * mingw-w64 alike. How request lines are read (poll on POSIX, a reader thread on Windows) is each
 * platform's business.
 */
#ifndef SOHOA_WORKER_PROTOCOL_H
#define SOHOA_WORKER_PROTOCOL_H

#include "json.h"

#define WORKER_PROTOCOL_VERSION 1

/* Prepares stdout for protocol lines (binary mode on Windows, so a line ends in "\n" only). */
void protocol_init_stdio(void);

/* Starts a message {"id":<id> ...; the caller adds members, then calls send_message. */
void begin_message(json_writer *w, double id);
/* Ends the object, writes it as one line and flushes. */
void send_message(json_writer *w);
/* {"id":<id or null>,"error":{"code","message"}}; pass a negative id when the request had none. */
void send_error(double id, const char *code, const char *message);
/* {"id":<id>,"ok":true} */
void send_ok(double id);

/* Starts the {"event":"ready","protocol":1,"worker":<name>} line; the caller may add members
 * (versions, a start-up error) before send_message. */
void begin_ready(json_writer *w, const char *worker);

/* Parses a request line into doc. Returns the request object with *id and *op set, or NULL after
 * answering with an invalid-setting error. */
const json_value *parse_request(json_doc *doc, char *line, double *id, const char **op);

#endif
