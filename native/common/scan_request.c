#include "scan_request.h"

#include <math.h>
#include <string.h>

#include "worker_protocol.h"

const char *const SCAN_SOURCE_NAMES[SCAN_SOURCE_COUNT] = {"flatbed", "feeder", "feeder-duplex"};
const char *const SCAN_MODE_NAMES[SCAN_MODE_COUNT] = {"color", "gray", "bw"};

static int lookup(const char *const *names, int count, const char *name) {
  for (int i = 0; name && i < count; i++)
    if (strcmp(names[i], name) == 0) return i;
  return -1;
}

int scan_request_parse(double id, const json_value *req, scan_request *out) {
  memset(out, 0, sizeof *out);
  out->id = id;
  out->device = json_get_string(req, "device");
  out->spool = json_get_string(req, "spool");
  out->prefix = json_get_string(req, "prefix");
  if (!out->prefix) out->prefix = "page";
  const json_value *settings = json_get(req, "settings");
  if (!out->device || !out->spool || !settings || settings->type != JSON_OBJECT) {
    send_error(id, "invalid-setting", "scan needs device, spool and a settings object");
    return -1;
  }
  if (strpbrk(out->prefix, "/\\:") || strstr(out->prefix, "..")) {
    send_error(id, "invalid-setting", "prefix must be a plain file name part");
    return -1;
  }
  const char *source = json_get_string(settings, "source"), *mode = json_get_string(settings, "mode");
  out->source = (scan_source)lookup(SCAN_SOURCE_NAMES, SCAN_SOURCE_COUNT, source ? source : "flatbed");
  out->mode = (scan_mode)lookup(SCAN_MODE_NAMES, SCAN_MODE_COUNT, mode ? mode : "color");
  out->dpi = json_get_number(settings, "dpi", 0);
  double pages = json_get_number(settings, "pages", 0);
  if (out->source == SCAN_SOURCE_NONE || out->mode == SCAN_MODE_NONE || out->dpi <= 0 || pages < 0 || pages != floor(pages)) {
    send_error(id, "invalid-setting", "settings need source (flatbed|feeder|feeder-duplex), mode (color|gray|bw), dpi > 0 and pages >= 0");
    return -1;
  }
  out->pages_limit = (int)pages;
  if (out->pages_limit == 0 && out->source == SCAN_FLATBED) out->pages_limit = 1;
  const json_value *area = json_get(settings, "area");
  if (area) {
    out->x = json_get_number(area, "x", 0);
    out->y = json_get_number(area, "y", 0);
    out->width = json_get_number(area, "width", 0);
    out->height = json_get_number(area, "height", 0);
    if (out->width <= 0 || out->height <= 0 || out->x < 0 || out->y < 0) {
      send_error(id, "invalid-setting", "settings.area needs a positive width and height in mm");
      return -1;
    }
    out->has_area = 1;
  }
  return 0;
}
