/* What the scan loop needs from the request loop: writing messages and answering requests
 * (cancel, ping) that arrive while a scan is running. */
#ifndef SOHOA_SANE_WORKER_H
#define SOHOA_SANE_WORKER_H

#include <sane/sane.h>

#include "../common/json.h"

/* Starts a message {"id":<id> ...; the caller adds members, then calls send_message. */
void begin_message(json_writer *w, double id);
void send_message(json_writer *w);
void send_error(double id, const char *code, const char *message);

/* Answers requests that arrived during a scan. Returns 1 when the scan with this id must stop
 * (a cancel for it, or the station closed our input). */
int service_requests_during_scan(double scan_id);

/* The open handle for a device id ("sane:test:0" or "test:0"), opening it if needed. */
SANE_Handle open_device(const char *device_id, const char **code, char *message, size_t message_size);

/* Closes the open device handle, if any. */
void release_device(void);

void handle_scan(double id, const json_value *request);

#endif
