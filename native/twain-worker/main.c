/*
 * twain-worker: the station's TWAIN driver for Windows, out of process.
 *
 * Speaks the worker protocol of docs/architecture.md (JSON Lines on stdin/stdout), as the SANE
 * worker does: list, caps, scan (page-start / progress / page / done | error), cancel, ping.
 * Built twice, 64-bit and 32-bit, because a process can load only data sources of its own width
 * and many scanners ship only 32-bit ones; the station runs both and merges their lists.
 *
 * TWAIN needs a window-message loop on the thread that talks to the DSM, so requests are read on
 * a thread of their own (common/win_input.c) and this thread waits for input and messages at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/win_input.h"
#include "../common/worker_protocol.h"
#include "caps.h"
#include "dsm.h"
#include "transfer.h"

static json_doc doc;
static int dsm_ready;
static char dsm_problem[256];

/* The DSM is opened on first use, so that `ping` and the ready line never wait for it. */
static int need_dsm(double id) {
  if (!dsm_ready && dsm_start(dsm_problem, sizeof dsm_problem) == 0) dsm_ready = 1;
  if (!dsm_ready) send_error(id, "io", dsm_problem);
  return dsm_ready;
}

static void handle_list(double id) {
  if (!need_dsm(id)) return;
  TW_IDENTITY sources[MAX_SOURCES];
  int n = dsm_list_sources(sources, MAX_SOURCES);
  json_writer w;
  jw_init(&w);
  begin_message(&w, id);
  jw_key(&w, "devices");
  jw_begin_array(&w);
  for (int i = 0; i < n; i++) {
    char device[300], maker[140], product[140], family[140];
    device_id_of(&sources[i], device, sizeof device);
    twain_string_utf8(sources[i].Manufacturer, maker, sizeof maker);
    twain_string_utf8(sources[i].ProductName, product, sizeof product);
    twain_string_utf8(sources[i].ProductFamily, family, sizeof family);
    jw_begin_object(&w);
    jw_kv_string(&w, "id", device);
    jw_kv_string(&w, "name", product);
    jw_kv_string(&w, "vendor", maker);
    jw_kv_string(&w, "model", product);
    jw_kv_string(&w, "type", family);
    jw_kv_string(&w, "serial", ""); /* TWAIN identities carry no serial number */
    jw_kv_string(&w, "driver", "twain");
    jw_end_object(&w);
  }
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
  if (!need_dsm(id)) return;
  TW_IDENTITY source;
  const char *code = NULL;
  char message[512];
  if (dsm_open_source(device, &source, &code, message, sizeof message) != 0) {
    send_error(id, code, message);
    return;
  }
  json_writer w;
  jw_init(&w);
  begin_message(&w, id);
  jw_kv_string(&w, "device", device);
  write_twain_caps(&source, &w);
  dsm_close_source(&source);
  send_message(&w);
  jw_free(&w);
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
    if (need_dsm(id)) handle_scan(id, req);
  } else if (strcmp(op, "cancel") == 0) send_ok(id); /* nothing is running: nothing to cancel */
  else send_error(id, "invalid-setting", "unknown op");
}

int main(void) {
  protocol_init_stdio();
  /* No error dialogs from the system or a driver's DLL: nobody would click them away. */
  SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOOPENFILEERRORBOX);
  /* The DSM is looked up by name: never from the current folder, where anyone could drop one. */
  SetDllDirectoryW(L"");
  if (win_worker_ready("twain") != 0) return 3;

  win_serve_requests(handle_request);
  if (dsm_ready) dsm_stop();
  return 0;
}
