/*
 * sane-worker: the station's SANE driver, out of process.
 *
 * Speaks the worker protocol of docs/architecture.md (JSON Lines on stdin/stdout): list, caps,
 * scan (with page-start / progress / page / done | error events), cancel, ping. A driver that
 * crashes or hangs takes only this process down; the station's watchdog restarts it.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "../common/json.h"
#include "../common/worker_protocol.h"
#include "io.h"
#include "options.h"
#include "worker.h"

static line_reader input;
static json_doc doc;   /* the request being handled */
static json_doc aside; /* requests that arrive during a scan */
static int input_closed;

static SANE_Handle open_handle;
static char open_name[256];

static const char *sane_name_of(const char *device_id) {
  return strncmp(device_id, "sane:", 5) == 0 ? device_id + 5 : device_id;
}

SANE_Handle open_device(const char *device_id, const char **code, char *message, size_t message_size) {
  const char *name = sane_name_of(device_id);
  if (open_handle && strcmp(open_name, name) == 0) return open_handle;
  if (open_handle) {
    sane_close(open_handle);
    open_handle = NULL;
  }
  SANE_Status st = sane_open(name, &open_handle);
  if (st != SANE_STATUS_GOOD) {
    open_handle = NULL;
    /* INVAL from sane_open means no such device: it was unplugged or never existed. */
    *code = st == SANE_STATUS_INVAL ? "device-gone" : status_code(st);
    snprintf(message, message_size, "cannot open %s: %s", device_id, sane_strstatus(st));
    return NULL;
  }
  snprintf(open_name, sizeof open_name, "%s", name);
  return open_handle;
}

void release_device(void) {
  if (open_handle) sane_close(open_handle);
  open_handle = NULL;
  open_name[0] = '\0';
}

static void write_device(json_writer *w, const SANE_Device *d) {
  char id[300];
  snprintf(id, sizeof id, "sane:%s", d->name);
  jw_begin_object(w);
  jw_kv_string(w, "id", id);
  jw_kv_string(w, "name", d->name);
  jw_kv_string(w, "vendor", d->vendor ? d->vendor : "");
  jw_kv_string(w, "model", d->model ? d->model : "");
  jw_kv_string(w, "type", d->type ? d->type : "");
  jw_kv_string(w, "serial", ""); /* SANE has no portable serial number */
  jw_kv_string(w, "driver", "sane");
  jw_end_object(w);
}

static void handle_list(double id) {
  const SANE_Device **devices = NULL;
  SANE_Status st = sane_get_devices(&devices, SANE_FALSE);
  if (st != SANE_STATUS_GOOD) {
    send_error(id, status_code(st), sane_strstatus(st));
    return;
  }
  json_writer w;
  jw_init(&w);
  begin_message(&w, id);
  jw_key(&w, "devices");
  jw_begin_array(&w);
  for (int i = 0; devices && devices[i]; i++) write_device(&w, devices[i]);
  jw_end_array(&w);
  send_message(&w);
  jw_free(&w);
}

static void handle_caps(double id, const json_value *req) {
  const char *device = json_get_string(req, "device");
  if (!device) {
    send_error(id, "invalid-setting", "caps needs a device");
    return;
  }
  const char *code = NULL;
  char message[512];
  SANE_Handle h = open_device(device, &code, message, sizeof message);
  if (!h) {
    send_error(id, code, message);
    return;
  }
  json_writer w;
  jw_init(&w);
  begin_message(&w, id);
  jw_kv_string(&w, "device", device);
  worker_error err = {0};
  if (write_caps(h, &w, &err) != 0) {
    jw_free(&w);
    release_device();
    send_error(id, err.code, err.message);
    return;
  }
  release_device();
  send_message(&w);
  jw_free(&w);
}

int service_requests_during_scan(double scan_id) {
  int stop = input_closed;
  char *line;
  int rc;
  while (!stop && (rc = lr_next(&input, 0, &line)) != 0) {
    if (rc == -1) {
      input_closed = 1; /* the station went away: stop scanning, then exit */
      return 1;
    }
    if (rc == -2) {
      send_error(-1, "invalid-setting", "request line too long");
      continue;
    }
    double id;
    const char *op;
    const json_value *req = parse_request(&aside, line, &id, &op);
    if (!req) continue;
    if (strcmp(op, "cancel") == 0) {
      send_ok(id);
      if (json_get_number(req, "target", -1) == scan_id) stop = 1;
    } else if (strcmp(op, "ping") == 0) {
      send_ok(id);
    } else {
      send_error(id, "busy", "a scan is running; cancel it or wait for it to finish");
    }
  }
  return stop;
}

static void handle_request(char *line) {
  double id;
  const char *op;
  const json_value *req = parse_request(&doc, line, &id, &op);
  if (!req) return;
  if (strcmp(op, "ping") == 0) send_ok(id);
  else if (strcmp(op, "list") == 0) handle_list(id);
  else if (strcmp(op, "caps") == 0) handle_caps(id, req);
  else if (strcmp(op, "scan") == 0) {
    handle_scan(id, req);
    /* Release the device after each job, as scanimage does: other programs can use it, and a
     * backend that keeps per-session state (the test backend's feeder count) starts afresh. */
    release_device();
  }
  else if (strcmp(op, "cancel") == 0) send_ok(id); /* nothing is running: nothing to cancel */
  else send_error(id, "invalid-setting", "unknown op");
}

int main(void) {
#ifdef __linux__
  /* If the station dies, so do we, even when a driver is stuck inside sane_read. */
  prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
  SANE_Int version = 0;
  SANE_Status st = sane_init(&version, NULL);
  json_writer w;
  jw_init(&w);
  begin_ready(&w, "sane");
  char v[32];
  snprintf(v, sizeof v, "%d.%d.%d", SANE_VERSION_MAJOR(version), SANE_VERSION_MINOR(version), SANE_VERSION_BUILD(version));
  jw_kv_string(&w, "sane", v);
  if (st != SANE_STATUS_GOOD) jw_kv_string(&w, "error", sane_strstatus(st));
  send_message(&w);
  jw_free(&w);
  if (st != SANE_STATUS_GOOD) return 3;

  char *line;
  int rc;
  while (!input_closed && (rc = lr_next(&input, -1, &line)) != -1) {
    if (rc == -2) send_error(-1, "invalid-setting", "request line too long");
    else if (rc == 1) handle_request(line);
  }
  release_device();
  sane_exit();
  return 0;
}
