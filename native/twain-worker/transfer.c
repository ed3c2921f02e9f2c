#include "transfer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/dib_page.h"
#include "../common/page_events.h"
#include "../common/win_input.h"
#include "../common/worker_protocol.h"
#include "caps.h"
#include "dsm.h"
#include "twain_errors.h"

typedef struct {
  scan_request req;
  TW_IDENTITY source;
  int memory_transfer; /* else native */
  int pages_done;
  int vanilla;         /* ICAP_PIXELFLAVOR says 0 is white */
  const char *code;
  char message[512];
} twain_job;

static int fail(twain_job *job, const char *code, const char *fmt, const char *detail) {
  job->code = code;
  snprintf(job->message, sizeof job->message, fmt, detail);
  return -1;
}

/* A failed negotiation: invalid-setting when the source refused the value, its condition else. */
static int refused(twain_job *job, TW_UINT16 cc, const char *what) {
  int value_refused = cc == TWCC_BADVALUE || cc == TWCC_BADCAP || cc == TWCC_CAPUNSUPPORTED || cc == TWCC_CAPBADOPERATION;
  job->code = value_refused ? "invalid-setting" : twcc_code(cc);
  snprintf(job->message, sizeof job->message, "%s (%s)", what, twcc_text(cc));
  return -1;
}

static int negotiate(twain_job *job) {
  scan_request *r = &job->req;
  TW_IDENTITY *s = &job->source;
  TW_UINT16 cc;
  cap_set(s, CAP_XFERCOUNT, TWTY_INT16, r->pages_limit > 0 ? r->pages_limit : -1);
  if ((cc = select_source(s, r->source)) != 0) {
    char what[80];
    snprintf(what, sizeof what, "the device has no %s", SCAN_SOURCE_NAMES[r->source]);
    return refused(job, cc, what);
  }
  if (r->source != SCAN_FLATBED) {
    cap_values loaded;
    if (cap_get(s, CAP_FEEDERLOADED, MSG_GETCURRENT, &loaded) == 0 && loaded.current == 0)
      return fail(job, "no-documents", "%s", "there is no paper in the feeder");
  }
  cap_set(s, ICAP_UNITS, TWTY_UINT16, TWUN_INCHES);
  static const TW_UINT16 PIXEL_TYPES[SCAN_MODE_COUNT] = {TWPT_RGB, TWPT_GRAY, TWPT_BW};
  static const TW_UINT16 DEPTHS[SCAN_MODE_COUNT] = {8, 8, 1};
  if ((cc = cap_set(s, ICAP_PIXELTYPE, TWTY_UINT16, PIXEL_TYPES[r->mode])) != 0) return refused(job, cc, "the device cannot scan in this colour mode");
  cap_set(s, ICAP_BITDEPTH, TWTY_UINT16, DEPTHS[r->mode]); /* many sources fix the depth per type */
  if ((cc = cap_set(s, ICAP_XRESOLUTION, TWTY_FIX32, r->dpi)) != 0) return refused(job, cc, "the device cannot scan at this resolution");
  cap_set(s, ICAP_YRESOLUTION, TWTY_FIX32, r->dpi);
  cap_values flavor;
  job->vanilla = cap_get(s, ICAP_PIXELFLAVOR, MSG_GETCURRENT, &flavor) == 0 && flavor.current == TWPF_VANILLA;
  if (r->has_area) {
    cap_values w, h;
    double max_w = cap_get(s, ICAP_PHYSICALWIDTH, MSG_GETCURRENT, &w) == 0 ? w.current * 25.4 : 0;
    double max_h = cap_get(s, ICAP_PHYSICALHEIGHT, MSG_GETCURRENT, &h) == 0 ? h.current * 25.4 : 0;
    /* Never clip silently: a clipped page would be an incomplete copy of the paper. */
    if (max_w > 0 && max_h > 0 && (r->x + r->width > max_w + 0.5 || r->y + r->height > max_h + 0.5)) {
      snprintf(job->message, sizeof job->message, "the area %.1fx%.1f mm is larger than the %s area %.1fx%.1f mm", r->width, r->height,
               SCAN_SOURCE_NAMES[r->source], max_w, max_h);
      job->code = "invalid-setting";
      return -1;
    }
    /* A selected paper size would override the frame: choose "no fixed size" first. */
    cap_set(s, ICAP_SUPPORTEDSIZES, TWTY_UINT16, TWSS_NONE);
    TW_IMAGELAYOUT layout;
    memset(&layout, 0, sizeof layout);
    dsm_call(s, DG_IMAGE, DAT_IMAGELAYOUT, MSG_GET, &layout);
    layout.Frame.Left = fix32_of(r->x / 25.4);
    layout.Frame.Top = fix32_of(r->y / 25.4);
    layout.Frame.Right = fix32_of((r->x + r->width) / 25.4);
    layout.Frame.Bottom = fix32_of((r->y + r->height) / 25.4);
    TW_UINT16 rc = dsm_call(s, DG_IMAGE, DAT_IMAGELAYOUT, MSG_SET, &layout);
    if (rc != TWRC_SUCCESS && rc != TWRC_CHECKSTATUS) return refused(job, dsm_condition(s), "the device does not let the scan area be chosen");
  }
  /* Memory transfer streams rows with progress; native (one DIB per page) is every source's minimum. */
  job->memory_transfer = cap_set(s, ICAP_XFERMECH, TWTY_UINT16, TWSX_MEMORY) == 0;
  if (!job->memory_transfer) cap_set(s, ICAP_XFERMECH, TWTY_UINT16, TWSX_NATIVE);
  return 0;
}

/* Pumps window messages until the source says MSG_XFERREADY. Returns 0, or -1 with the outcome
 * set (cancelled; the source closed). */
static int wait_for_transfer(twain_job *job) {
  HANDLE input = win_input_event();
  for (;;) {
    if (win_service_requests_during_scan(job->req.id)) return fail(job, "cancelled", "%s", "the scan was cancelled");
    MSG msg;
    while (PeekMessageW(&msg, NULL, 0, 0, PM_REMOVE)) {
      TW_EVENT event = {&msg, MSG_NULL};
      if (dsm_call(&job->source, DG_CONTROL, DAT_EVENT, MSG_PROCESSEVENT, &event) == TWRC_DSEVENT) {
        if (event.TWMessage == MSG_XFERREADY) return 0;
        if (event.TWMessage == MSG_CLOSEDSREQ || event.TWMessage == MSG_CLOSEDSOK)
          return fail(job, "cancelled", "%s", "the scanner's driver ended the scan");
        continue;
      }
      TranslateMessage(&msg);
      DispatchMessageW(&msg);
    }
    MsgWaitForMultipleObjects(1, &input, FALSE, 500, QS_ALLINPUT);
  }
}

static const char *condition_failure(twain_job *job, const char *what, char *message, size_t size) {
  TW_UINT16 cc = dsm_condition(&job->source);
  snprintf(message, size, "%s: %s", what, twcc_text(cc));
  return twcc_code(cc);
}

static uint16_t photometric_for(const twain_job *job, int spp) {
  if (spp == 3) return TIFF_RGB;
  return job->vanilla ? TIFF_WHITE_IS_ZERO : TIFF_BLACK_IS_ZERO;
}

static const char *memory_page(twain_job *job, char *message, size_t size) {
  TW_IMAGEINFO info;
  memset(&info, 0, sizeof info);
  if (dsm_call(&job->source, DG_IMAGE, DAT_IMAGEINFO, MSG_GET, &info) != TWRC_SUCCESS) return condition_failure(job, "reading the image size failed", message, size);
  int spp = info.SamplesPerPixel == 3 ? 3 : 1;
  int bits = spp == 3 ? 8 : info.BitsPerPixel == 1 ? 1 : 8;
  if (info.ImageWidth <= 0 || (info.BitsPerPixel != bits * spp)) {
    snprintf(message, size, "unsupported image format from the source (%d bits per pixel)", info.BitsPerPixel);
    return "invalid-setting";
  }
  double dpi = fix32_value(info.XResolution) > 0 ? fix32_value(info.XResolution) : job->req.dpi;
  page_file page;
  const char *code = page_begin(&page, &job->req, job->pages_done + 1, (uint32_t)info.ImageWidth, info.ImageLength > 0 ? info.ImageLength : -1,
                                (uint16_t)bits, (uint16_t)spp, photometric_for(job, spp), dpi, message, size);
  if (code) return code;
  TW_SETUPMEMXFER setup = {0, 0, 0};
  dsm_call(&job->source, DG_CONTROL, DAT_SETUPMEMXFER, MSG_GET, &setup);
  TW_UINT32 length = setup.Preferred ? setup.Preferred : setup.MinBufSize ? setup.MinBufSize : 256 * 1024;
  if (setup.MaxBufSize && length > setup.MaxBufSize) length = setup.MaxBufSize;
  uint8_t *buffer = malloc(length);
  uint32_t row_bytes = page.tiff.row_bytes;
  if (!buffer) code = "io", snprintf(message, size, "out of memory");
  for (;;) {
    if (code) break;
    if (win_service_requests_during_scan(job->req.id)) {
      code = "cancelled";
      snprintf(message, size, "the scan was cancelled");
      break;
    }
    TW_IMAGEMEMXFER x;
    memset(&x, 0, sizeof x);
    x.Compression = TWON_DONTCARE16;
    x.BytesPerRow = x.Columns = x.Rows = x.XOffset = x.YOffset = x.BytesWritten = TWON_DONTCARE32;
    x.Memory.Flags = TWMF_APPOWNS | TWMF_POINTER;
    x.Memory.Length = length;
    x.Memory.TheMem = buffer;
    TW_UINT16 rc = dsm_call(&job->source, DG_IMAGE, DAT_IMAGEMEMXFER, MSG_GET, &x);
    if (rc == TWRC_CANCEL) {
      code = "cancelled";
      snprintf(message, size, "the scan was cancelled at the scanner");
      break;
    }
    if (rc != TWRC_SUCCESS && rc != TWRC_XFERDONE) {
      code = condition_failure(job, "the page transfer failed", message, size);
      break;
    }
    /* Strips only (XOffset 0, full rows); BytesPerRow may carry padding beyond the pixels. */
    if (x.XOffset != 0 || x.BytesPerRow < row_bytes || (uint64_t)x.BytesPerRow * x.Rows > length) {
      code = "io";
      snprintf(message, size, "the source sent tiles or inconsistent rows");
      break;
    }
    for (TW_UINT32 row = 0; row < x.Rows && !code; row++) code = page_write_rows(&page, buffer + (size_t)row * x.BytesPerRow, 1, message, size);
    if (rc == TWRC_XFERDONE) break;
  }
  free(buffer);
  if (code) {
    page_abort(&page);
    return code;
  }
  return page_finish(&page, message, size);
}

/* A native transfer hands over a whole page as a DIB in global memory, which we then own. */
static const char *native_page(twain_job *job, char *message, size_t size) {
  TW_HANDLE dib = NULL;
  TW_UINT16 rc = dsm_call(&job->source, DG_IMAGE, DAT_IMAGENATIVEXFER, MSG_GET, &dib);
  if (rc == TWRC_CANCEL) return snprintf(message, size, "the scan was cancelled at the scanner"), "cancelled";
  if (rc != TWRC_XFERDONE || !dib) return condition_failure(job, "the page transfer failed", message, size);
  const BITMAPINFOHEADER *bi = GlobalLock(dib);
  const char *code = bi ? write_dib_page(bi, GlobalSize(dib), &job->req, job->pages_done + 1, message, size) : "io";
  if (!bi) snprintf(message, size, "the source's image could not be read");
  else GlobalUnlock(dib);
  GlobalFree(dib);
  return code;
}

/* Transfers pages until the source has none pending or the count is reached. */
static void transfer_pages(twain_job *job, const char **end) {
  for (;;) {
    const char *code = job->memory_transfer ? memory_page(job, job->message, sizeof job->message) : native_page(job, job->message, sizeof job->message);
    TW_PENDINGXFERS pending = {0, {0}};
    if (code) {
      job->code = code;
      dsm_call(&job->source, DG_CONTROL, DAT_PENDINGXFERS, MSG_ENDXFER, &pending);
      if (pending.Count != 0) dsm_call(&job->source, DG_CONTROL, DAT_PENDINGXFERS, MSG_RESET, &pending);
      return;
    }
    job->pages_done++;
    dsm_call(&job->source, DG_CONTROL, DAT_PENDINGXFERS, MSG_ENDXFER, &pending);
    if (job->req.pages_limit > 0 && job->pages_done >= job->req.pages_limit) {
      if (pending.Count != 0) dsm_call(&job->source, DG_CONTROL, DAT_PENDINGXFERS, MSG_RESET, &pending);
      *end = "count";
      return;
    }
    /* Count 0: the feeder ran empty (a normal end), or the flatbed's one page is done. */
    if (pending.Count == 0) {
      *end = job->req.source == SCAN_FLATBED ? "count" : "no-documents";
      return;
    }
    if (win_service_requests_during_scan(job->req.id)) {
      dsm_call(&job->source, DG_CONTROL, DAT_PENDINGXFERS, MSG_RESET, &pending);
      fail(job, "cancelled", "%s", "the scan was cancelled");
      return;
    }
  }
}

void handle_scan(double id, const json_value *request) {
  twain_job job;
  memset(&job, 0, sizeof job);
  if (scan_request_parse(id, request, &job.req) != 0) return;
  if (dsm_open_source(job.req.device, &job.source, &job.code, job.message, sizeof job.message) != 0) {
    send_error(id, job.code, job.message);
    return;
  }
  if (negotiate(&job) != 0) {
    dsm_close_source(&job.source);
    send_error(id, job.code, job.message);
    return;
  }
  TW_USERINTERFACE ui = {FALSE, FALSE, dsm_window()};
  const char *end = "count";
  TW_UINT16 rc = dsm_call(&job.source, DG_CONTROL, DAT_USERINTERFACE, MSG_ENABLEDS, &ui);
  if (rc != TWRC_SUCCESS && rc != TWRC_CHECKSTATUS) {
    job.code = condition_failure(&job, "the scanner would not start", job.message, sizeof job.message);
  } else {
    if (wait_for_transfer(&job) == 0) transfer_pages(&job, &end);
  }
  /* Report first, then hand the source back: a driver that hangs while disabling costs the
   * station nothing, its health check replaces this worker. */
  if (job.code) send_scan_error(id, job.code, job.message, job.pages_done);
  else send_scan_done(id, job.pages_done, end);
  if (rc == TWRC_SUCCESS || rc == TWRC_CHECKSTATUS) dsm_call(&job.source, DG_CONTROL, DAT_USERINTERFACE, MSG_DISABLEDS, &ui);
  dsm_close_source(&job.source);
}
