/*
 * A MOCK of the WIA device layer (wia_device.h), for tests only: it stands in for wia_device.c
 * and wia_transfer.c (the COM side, which needs Windows' WIA service and a scanner) so that the
 * real protocol side (main.c), the real HRESULT mapping (wia_errors.c), the real outcome rules
 * (wia_outcome.c) and the real page writing (common/dib_page.c, page_events.c) can run under
 * Wine. Built as build/test/wia-worker-mock.exe; never shipped.
 *
 * It plays one scanner, "wia:SoHoa/Mock Scanner", whose pages are the test images of
 * test/twain-source/pages.h as bottom-up 24-bit DIBs. Environment:
 *   SOHOA_WIA_MOCK_SHEETS    sheets in the feeder (default 3)
 *   SOHOA_WIA_MOCK_FAIL      an HRESULT (hex) the transfer returns ...
 *   SOHOA_WIA_MOCK_FAIL_AT   ... instead of this page (default 1)
 *   SOHOA_WIA_MOCK_NO_SERVICE  the WIA service is not there (REGDB_E_CLASSNOTREG)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../test/twain-source/pages.h"
#include "../common/dib_page.h"
#include "../common/win_input.h"
#include "wia_device.h"

HRESULT wia_start(void) {
  return getenv("SOHOA_WIA_MOCK_NO_SERVICE") ? REGDB_E_CLASSNOTREG : S_OK;
}

void wia_stop(void) {}

HRESULT wia_list_devices(wia_device_info *out, int max, int *count) {
  *count = 0;
  if (max < 1) return S_OK;
  memset(out, 0, sizeof *out);
  snprintf(out->id, sizeof out->id, "wia:SoHoa/Mock Scanner");
  snprintf(out->vendor, sizeof out->vendor, "SoHoa");
  snprintf(out->name, sizeof out->name, "Mock Scanner");
  snprintf(out->description, sizeof out->description, "Mock Scanner (WIA stand-in)");
  *count = 1;
  return S_OK;
}

static HRESULT known(const char *device_id) {
  return strcmp(device_id, "wia:SoHoa/Mock Scanner") == 0 ? S_OK : MAKE_HRESULT(SEVERITY_ERROR, 33, 21);
}

HRESULT wia_write_caps(const char *device_id, json_writer *w) {
  HRESULT hr = known(device_id);
  if (FAILED(hr)) return hr;
  static const char *const SOURCES[] = {"flatbed", "feeder", "feeder-duplex"};
  jw_key(w, "sources");
  jw_begin_array(w);
  for (int i = 0; i < 3; i++) {
    jw_begin_object(w);
    jw_kv_string(w, "source", SOURCES[i]);
    jw_kv_string(w, "name", SOURCES[i]);
    jw_kv_number(w, "maxWidth", 215.9);
    jw_kv_number(w, "maxHeight", i == 0 ? 297 : 355.6);
    jw_key(w, "resolutions");
    jw_begin_array(w);
    jw_int(w, 100);
    jw_int(w, 200);
    jw_end_array(w);
    jw_key(w, "modes");
    jw_begin_array(w);
    jw_string(w, "color");
    jw_end_array(w);
    jw_kv_bool(w, "duplex", i == 2);
    jw_end_object(w);
  }
  jw_end_array(w);
  jw_kv_string(w, "feeder", "loaded");
  return S_OK;
}

/* Page k of the test images as a bottom-up 24-bit DIB, as a WIA BMP transfer delivers it. */
static BITMAPINFOHEADER *make_dib(int k, uint32_t width, uint32_t height, double dpi, size_t *size) {
  size_t stride = ((size_t)width * 24 + 31) / 32 * 4;
  *size = sizeof(BITMAPINFOHEADER) + stride * height;
  BITMAPINFOHEADER *bi = calloc(1, *size);
  uint8_t *row = malloc(width * 3);
  if (!bi || !row) return free(bi), free(row), NULL;
  bi->biSize = sizeof *bi;
  bi->biWidth = (LONG)width;
  bi->biHeight = (LONG)height;
  bi->biPlanes = 1;
  bi->biBitCount = 24;
  bi->biCompression = BI_RGB;
  bi->biXPelsPerMeter = bi->biYPelsPerMeter = (LONG)(dpi / 0.0254 + 0.5);
  uint8_t *pixels = (uint8_t *)(bi + 1);
  for (uint32_t y = 0; y < height; y++) {
    test_page_row(k, TEST_PIXEL_RGB, width, y, row);
    uint8_t *dst = pixels + (height - 1 - y) * stride;
    for (uint32_t x = 0; x < width; x++) dst[3 * x] = row[3 * x + 2], dst[3 * x + 1] = row[3 * x + 1], dst[3 * x + 2] = row[3 * x];
  }
  free(row);
  return bi;
}

HRESULT wia_scan(const scan_request *r, wia_scan_outcome *outcome) {
  memset(outcome, 0, sizeof *outcome);
  HRESULT hr = known(r->device);
  if (FAILED(hr)) return hr;
  const char *sheets_s = getenv("SOHOA_WIA_MOCK_SHEETS"), *fail_s = getenv("SOHOA_WIA_MOCK_FAIL"), *fail_at_s = getenv("SOHOA_WIA_MOCK_FAIL_AT");
  int available = r->source == SCAN_FLATBED ? 1 : (sheets_s ? atoi(sheets_s) : 3) * (r->source == SCAN_FEEDER_DUPLEX ? 2 : 1);
  HRESULT fail = fail_s ? (HRESULT)strtoul(fail_s, NULL, 16) : S_OK;
  int fail_at = fail_at_s ? atoi(fail_at_s) : 1;
  uint32_t width = (uint32_t)(r->width / 25.4 * r->dpi + 0.5), height = (uint32_t)(r->height / 25.4 * r->dpi + 0.5);
  hr = S_OK;
  for (int page = 1; page <= available; page++) {
    if (r->pages_limit > 0 && outcome->pages_done >= r->pages_limit) break;
    if (win_service_requests_during_scan(r->id)) {
      outcome->code = "cancelled";
      snprintf(outcome->message, sizeof outcome->message, "the scan was cancelled");
      return E_ABORT;
    }
    if (FAILED(fail) && page == fail_at) {
      hr = fail;
      break;
    }
    size_t size = 0;
    BITMAPINFOHEADER *bi = make_dib(r->source == SCAN_FLATBED ? 0 : page, width, height, r->dpi, &size);
    const char *code = bi ? write_dib_page(bi, size, r, page, outcome->message, sizeof outcome->message) : "io";
    free(bi);
    if (code) {
      outcome->code = code;
      return E_FAIL;
    }
    outcome->pages_done = page;
  }
  /* WIA reports an empty feeder at the end of a batch as WIA_ERROR_PAPER_EMPTY. */
  if (SUCCEEDED(hr) && r->source != SCAN_FLATBED && (r->pages_limit == 0 || outcome->pages_done < r->pages_limit)) hr = MAKE_HRESULT(SEVERITY_ERROR, 33, 3);
  return wia_settle(hr, r, outcome);
}
