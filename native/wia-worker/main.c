/*
 * wia-worker: the station's WIA 2.0 driver for Windows, out of process.
 *
 * The protocol side only (the same JSON Lines as the SANE and TWAIN workers): requests in, replies
 * and events out, HRESULTs turned into the protocol's codes. Everything that talks COM is in
 * wia_device.c and wia_transfer.c behind wia_device.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/page_events.h"
#include "../common/scan_request.h"
#include "../common/win_input.h"
#include "../common/worker_protocol.h"
#include "wia_device.h"
#include "wia_errors.h"

static json_doc doc;

static void send_failure(double id, HRESULT hr) {
  char message[300];
  snprintf(message, sizeof message, "%s (0x%08lx)", wia_text(hr), (unsigned long)hr);
  send_error(id, wia_code(hr), message);
}

/* WIA is started on first use, so that `ping` and the ready line never wait for its service. */
static int need_wia(double id) {
  HRESULT hr = wia_start();
  if (FAILED(hr)) {
    char message[300];
    snprintf(message, sizeof message, "the Windows Image Acquisition service is not available (0x%08lx); start the \"stisvc\" service", (unsigned long)hr);
    send_error(id, "io", message);
  }
  return SUCCEEDED(hr);
}

static void handle_list(double id) {
  if (!need_wia(id)) return;
  static wia_device_info devices[MAX_WIA_DEVICES];
  int n = 0;
  HRESULT hr = wia_list_devices(devices, MAX_WIA_DEVICES, &n);
  if (FAILED(hr)) {
    send_failure(id, hr);
    return;
  }
  json_writer w;
  jw_init(&w);
  begin_message(&w, id);
  jw_key(&w, "devices");
  jw_begin_array(&w);
  for (int i = 0; i < n; i++) {
    jw_begin_object(&w);
    jw_kv_string(&w, "id", devices[i].id);
    jw_kv_string(&w, "name", devices[i].name);
    jw_kv_string(&w, "vendor", devices[i].vendor);
    jw_kv_string(&w, "model", devices[i].description[0] ? devices[i].description : devices[i].name);
    jw_kv_string(&w, "type", "scanner");
    jw_kv_string(&w, "serial", ""); /* WIA does not expose one */
    jw_kv_string(&w, "driver", "wia");
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
  if (!need_wia(id)) return;
  json_writer w;
  jw_init(&w);
  begin_message(&w, id);
  jw_kv_string(&w, "device", device);
  HRESULT hr = wia_write_caps(device, &w);
  if (FAILED(hr)) send_failure(id, hr);
  else send_message(&w);
  jw_free(&w);
}

static void handle_scan(double id, const json_value *req) {
  scan_request r;
  if (scan_request_parse(id, req, &r) != 0 || !need_wia(id)) return;
  wia_scan_outcome outcome;
  HRESULT hr = wia_scan(&r, &outcome);
  if (SUCCEEDED(hr)) send_scan_done(id, outcome.pages_done, outcome.end ? outcome.end : "count");
  else if (outcome.code) send_scan_error(id, outcome.code, outcome.message, outcome.pages_done);
  else {
    char message[300];
    snprintf(message, sizeof message, "%s (0x%08lx)", wia_text(hr), (unsigned long)hr);
    send_scan_error(id, wia_code(hr), message, outcome.pages_done);
  }
}

static void handle_request(char *line) {
  double id;
  const char *op;
  const json_value *req = parse_request(&doc, line, &id, &op);
  if (!req) return;
  if (strcmp(op, "ping") == 0) send_ok(id);
  else if (strcmp(op, "list") == 0) handle_list(id);
  else if (strcmp(op, "caps") == 0) handle_caps(id, req);
  else if (strcmp(op, "scan") == 0) handle_scan(id, req);
  else if (strcmp(op, "cancel") == 0) send_ok(id); /* nothing is running: nothing to cancel */
  else send_error(id, "invalid-setting", "unknown op");
}

int main(void) {
  protocol_init_stdio();
  SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOOPENFILEERRORBOX);
  if (win_worker_ready("wia") != 0) return 3;
  win_serve_requests(handle_request);
  wia_stop();
  return 0;
}
