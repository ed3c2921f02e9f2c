/*
 * The scan request: apply settings, then read pages until the requested count is reached or the
 * feeder is empty, streaming each page into a TIFF in the spool folder and reporting progress.
 */
#include <errno.h>
#include <math.h>
#include <sane/saneopts.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../common/tiff_writer.h"
#include "options.h"
#include "worker.h"

#define READ_CHUNK (256 * 1024)
#define PROGRESS_EVERY_BYTES (1024 * 1024)
#define PROGRESS_EVERY_MS 250

typedef struct {
  double id;
  SANE_Handle h;
  const char *spool;
  const char *prefix;
  source_kind source;
  int pages_limit; /* 0: one page on the flatbed, until empty on a feeder */
  double dpi;
  int pages_done;
} scan_job;

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void scan_failed(scan_job *job, const char *code, const char *message) {
  json_writer w;
  jw_init(&w);
  begin_message(&w, job->id);
  jw_kv_string(&w, "event", "error");
  jw_kv_string(&w, "code", code);
  jw_kv_string(&w, "message", message);
  jw_kv_int(&w, "pages", job->pages_done);
  send_message(&w);
  jw_free(&w);
}

/* Backend-specific options from settings.options (for example the test backend's
 * "test-picture" or "read-return-value"). A plain name is applied before the normalised
 * settings (sheet 0); "name@N" just before sheet N of this job is started, so that a test can
 * change the device between sheets (a jam at sheet 4 of a feeder batch) as a real one would.
 * SANE option names never contain '@'. */
static int apply_backend_options(SANE_Handle h, const json_value *options, int sheet, worker_error *err) {
  if (!options) return 0;
  if (options->type != JSON_OBJECT) {
    set_error(err, "invalid-setting", "settings.options must be an object");
    return -1;
  }
  for (const json_value *o = options->child; o; o = o->next) {
    char name[128];
    const char *at = strchr(o->key, '@');
    int when = 0;
    if (at) {
      char *end = NULL;
      long n = strtol(at + 1, &end, 10);
      if (at == o->key || (size_t)(at - o->key) >= sizeof name || n < 1 || n > 100000 || !end || *end) {
        set_error(err, "invalid-setting", "option '%s': after '@' comes the sheet number (1, 2, ...)", o->key);
        return -1;
      }
      when = (int)n;
      snprintf(name, sizeof name, "%.*s", (int)(at - o->key), o->key);
    } else {
      snprintf(name, sizeof name, "%s", o->key);
    }
    if (when != sheet) continue;
    int rc;
    if (o->type == JSON_STRING) {
      rc = set_string_option(h, name, o->string, err);
    } else if (o->type == JSON_NUMBER) {
      rc = set_number_option(h, name, o->number, NULL, err);
    } else if (o->type == JSON_BOOL) {
      int index;
      const SANE_Option_Descriptor *d = option_descriptor(h, name, &index);
      SANE_Bool b = o->boolean ? SANE_TRUE : SANE_FALSE;
      rc = d && d->type == SANE_TYPE_BOOL && sane_control_option(h, index, SANE_ACTION_SET_VALUE, &b, NULL) == SANE_STATUS_GOOD ? 0 : -1;
      if (rc) set_error(err, "invalid-setting", "cannot set boolean option '%s'", name);
    } else {
      set_error(err, "invalid-setting", "option '%s' must be a string, number or boolean", name);
      rc = -1;
    }
    if (rc) return -1;
  }
  return 0;
}

static int apply_area(SANE_Handle h, const json_value *area, const char *source_name, worker_error *err) {
  double x = json_get_number(area, "x", 0), y = json_get_number(area, "y", 0);
  double width = json_get_number(area, "width", 0), height = json_get_number(area, "height", 0);
  if (!area || width <= 0 || height <= 0 || x < 0 || y < 0) {
    set_error(err, "invalid-setting", "settings.area needs a positive width and height in mm");
    return -1;
  }
  const SANE_Option_Descriptor *bx = option_descriptor(h, SANE_NAME_SCAN_BR_X, NULL);
  const SANE_Option_Descriptor *by = option_descriptor(h, SANE_NAME_SCAN_BR_Y, NULL);
  if (!bx || !by) {
    set_error(err, "invalid-setting", "the device does not let the scan area be chosen");
    return -1;
  }
  if (bx->constraint_type == SANE_CONSTRAINT_RANGE && by->constraint_type == SANE_CONSTRAINT_RANGE) {
    double max_x = bx->type == SANE_TYPE_FIXED ? SANE_UNFIX(bx->constraint.range->max) : bx->constraint.range->max;
    double max_y = by->type == SANE_TYPE_FIXED ? SANE_UNFIX(by->constraint.range->max) : by->constraint.range->max;
    if (x + width > max_x + 1e-3 || y + height > max_y + 1e-3) {
      /* Never clip silently: a clipped page would be an incomplete copy of the paper. */
      set_error(err, "invalid-setting", "the area %.1fx%.1f mm at (%.1f, %.1f) is larger than the %s area %.1fx%.1f mm",
                width, height, x, y, source_name && *source_name ? source_name : "scan", max_x, max_y);
      return -1;
    }
  }
  /* Top-left first, so that the bottom-right is never checked against a stale origin. */
  if (set_number_option(h, SANE_NAME_SCAN_TL_X, x, NULL, err) || set_number_option(h, SANE_NAME_SCAN_TL_Y, y, NULL, err) ||
      set_number_option(h, SANE_NAME_SCAN_BR_X, x + width, NULL, err) ||
      set_number_option(h, SANE_NAME_SCAN_BR_Y, y + height, NULL, err))
    return -1;
  return 0;
}

static void emit_progress(scan_job *job, long long bytes, long long expected) {
  json_writer w;
  jw_init(&w);
  begin_message(&w, job->id);
  jw_kv_string(&w, "event", "progress");
  jw_kv_int(&w, "page", job->pages_done + 1);
  jw_kv_int(&w, "bytes", bytes);
  jw_kv_int(&w, "expected", expected);
  send_message(&w);
  jw_free(&w);
}

/* Reads one page (after a successful sane_start). Returns NULL on success, or the error code
 * with message filled in. */
static const char *read_page(scan_job *job, char *message, size_t message_size) {
  SANE_Parameters p;
  SANE_Status st = sane_get_parameters(job->h, &p);
  if (st != SANE_STATUS_GOOD) {
    snprintf(message, message_size, "reading scan parameters failed: %s", sane_strstatus(st));
    return status_code(st);
  }
  if ((p.format != SANE_FRAME_GRAY && p.format != SANE_FRAME_RGB) || !p.last_frame) {
    snprintf(message, message_size, "three-pass or compressed frames are not supported; choose another mode");
    return "invalid-setting";
  }
  if (p.format == SANE_FRAME_RGB && p.depth == 1) {
    snprintf(message, message_size, "1-bit colour is not supported; choose black-and-white or colour");
    return "invalid-setting";
  }
  uint16_t spp = p.format == SANE_FRAME_RGB ? 3 : 1;
  uint16_t photometric = spp == 3 ? TIFF_RGB : p.depth == 1 ? TIFF_WHITE_IS_ZERO : TIFF_BLACK_IS_ZERO;
  const char *mode = spp == 3 ? "color" : p.depth == 1 ? "bw" : "gray";
  uint32_t row_bytes = tiff_row_bytes((uint32_t)p.pixels_per_line, (uint16_t)p.depth, spp);
  if (p.pixels_per_line <= 0 || p.bytes_per_line <= 0 || row_bytes > (uint32_t)p.bytes_per_line) {
    snprintf(message, message_size, "the device reported inconsistent image parameters");
    return "io";
  }
  long long expected = p.lines > 0 ? (long long)p.bytes_per_line * p.lines : -1;
  int page = job->pages_done + 1;

  char final_path[4096], part_path[4120];
  snprintf(final_path, sizeof final_path, "%s/%s-%04d.tiff", job->spool, job->prefix, page);
  snprintf(part_path, sizeof part_path, "%s.part", final_path);
  tiff_writer tw;
  if (tiff_open(&tw, part_path, (uint32_t)p.pixels_per_line, (uint16_t)p.depth, spp, photometric, job->dpi,
                p.lines > 0 ? (uint32_t)p.lines : 0) != 0) {
    snprintf(message, message_size, "cannot write the page to the spool folder: %s", strerror(errno));
    return errno == EFBIG ? "invalid-setting" : "io";
  }

  json_writer w;
  jw_init(&w);
  begin_message(&w, job->id);
  jw_kv_string(&w, "event", "page-start");
  jw_kv_int(&w, "page", page);
  jw_kv_int(&w, "width", p.pixels_per_line);
  jw_kv_int(&w, "height", p.lines);
  jw_kv_number(&w, "dpi", job->dpi);
  jw_kv_string(&w, "mode", mode);
  jw_kv_int(&w, "expected", expected);
  send_message(&w);

  const char *code = NULL;
  SANE_Byte *chunk = malloc(READ_CHUNK);
  uint8_t *line = malloc((size_t)p.bytes_per_line);
  size_t line_fill = 0;
  long long bytes = 0, reported = 0;
  double last_report = now_ms();
  if (!chunk || !line) {
    snprintf(message, message_size, "out of memory");
    code = "io";
  }
  while (!code) {
    /* A cancel ends the page here; sane_cancel follows once the outcome has been reported. */
    if (service_requests_during_scan(job->id)) {
      snprintf(message, message_size, "the scan was cancelled");
      code = "cancelled";
      break;
    }
    SANE_Int len = 0;
    st = sane_read(job->h, chunk, READ_CHUNK, &len);
    if (st == SANE_STATUS_EOF) break;
    if (st != SANE_STATUS_GOOD) {
      snprintf(message, message_size, "%s", sane_strstatus(st));
      code = status_code(st);
      break;
    }
    bytes += len;
    /* Reassemble whole lines and drop any padding beyond the pixels (SANE's ppl-loss). */
    for (SANE_Int i = 0; i < len;) {
      size_t take = (size_t)p.bytes_per_line - line_fill;
      if (take > (size_t)(len - i)) take = (size_t)(len - i);
      memcpy(line + line_fill, chunk + i, take);
      line_fill += take;
      i += (SANE_Int)take;
      if (line_fill == (size_t)p.bytes_per_line) {
        if (tiff_write_rows(&tw, line, 1) != 0) {
          snprintf(message, message_size, "cannot write the page to the spool folder: %s", strerror(errno));
          code = "io";
          break;
        }
        line_fill = 0;
      }
    }
    double t = now_ms();
    if (bytes - reported >= PROGRESS_EVERY_BYTES || t - last_report >= PROGRESS_EVERY_MS) {
      emit_progress(job, bytes, expected);
      reported = bytes;
      last_report = t;
    }
  }
  free(chunk);
  free(line);
  if (code) {
    tiff_abort(&tw);
    remove(part_path);
    jw_free(&w);
    return code;
  }
  uint32_t rows = tw.rows;
  if (tiff_close(&tw) != 0 || rename(part_path, final_path) != 0) {
    snprintf(message, message_size, rows == 0 ? "the device sent an empty page" : "cannot finish the page file: %s",
             strerror(errno));
    remove(part_path);
    jw_free(&w);
    return "io";
  }
  struct stat sb;
  stat(final_path, &sb);
  emit_progress(job, bytes, expected);
  begin_message(&w, job->id);
  jw_kv_string(&w, "event", "page");
  jw_kv_int(&w, "page", page);
  jw_kv_string(&w, "file", final_path);
  jw_kv_int(&w, "width", p.pixels_per_line);
  jw_kv_int(&w, "height", rows);
  jw_kv_number(&w, "dpi", job->dpi);
  jw_kv_string(&w, "mode", mode);
  jw_kv_int(&w, "bytes", (long long)sb.st_size);
  send_message(&w);
  jw_free(&w);
  job->pages_done = page;
  return NULL;
}

void handle_scan(double id, const json_value *req) {
  scan_job job = {.id = id};
  const char *device = json_get_string(req, "device");
  const json_value *settings = json_get(req, "settings");
  job.spool = json_get_string(req, "spool");
  job.prefix = json_get_string(req, "prefix");
  if (!job.prefix) job.prefix = "page";
  if (!device || !job.spool || !settings || settings->type != JSON_OBJECT) {
    send_error(id, "invalid-setting", "scan needs device, spool and a settings object");
    return;
  }
  if (strchr(job.prefix, '/') || strstr(job.prefix, "..")) {
    send_error(id, "invalid-setting", "prefix must be a plain file name part");
    return;
  }
  const char *source_s = json_get_string(settings, "source"), *mode_s = json_get_string(settings, "mode");
  job.source = parse_source(source_s ? source_s : "flatbed");
  mode_kind mode = parse_mode(mode_s ? mode_s : "color");
  double dpi = json_get_number(settings, "dpi", 0), pages = json_get_number(settings, "pages", 0);
  if (job.source == SRC_NONE || mode == MODE_NONE || dpi <= 0 || pages < 0 || pages != floor(pages)) {
    send_error(id, "invalid-setting", "settings need source (flatbed|feeder|feeder-duplex), mode (color|gray|bw), dpi > 0 and pages >= 0");
    return;
  }
  job.pages_limit = (int)pages;
  if (job.pages_limit == 0 && job.source == SRC_FLATBED) job.pages_limit = 1;

  const char *code = NULL;
  char message[512];
  job.h = open_device(device, &code, message, sizeof message);
  if (!job.h) {
    send_error(id, code, message);
    return;
  }
  worker_error err = {0};
  const char *source_name = NULL;
  const json_value *backend_options = json_get(settings, "options");
  if (apply_backend_options(job.h, backend_options, 0, &err) != 0) goto refused;
  if (option_index(job.h, SANE_NAME_SCAN_SOURCE) >= 0) {
    source_name = find_source_name(job.h, job.source);
    if (!source_name) {
      set_error(&err, "invalid-setting", "the device has no %s", SOURCE_NAMES[job.source]);
      goto refused;
    }
    if (set_string_option(job.h, SANE_NAME_SCAN_SOURCE, source_name, &err) != 0) goto refused;
  } else if (job.source != SRC_FLATBED) {
    set_error(&err, "invalid-setting", "the device has no %s", SOURCE_NAMES[job.source]);
    goto refused;
  }
  if (select_mode(job.h, mode, &err) != 0) goto refused;
  if (set_number_option(job.h, SANE_NAME_SCAN_RESOLUTION, dpi, &job.dpi, &err) != 0) goto refused;
  /* No area: the device's own (a device such as pnm has none to choose; the station asks for
   * this only with the `auto` paper). */
  const json_value *area = json_get(settings, "area");
  if (area && apply_area(job.h, area, source_name, &err) != 0) goto refused;

  const char *end = "count";
  while (job.pages_limit == 0 || job.pages_done < job.pages_limit) {
    if (service_requests_during_scan(id)) {
      code = "cancelled";
      snprintf(message, sizeof message, "the scan was cancelled");
      break;
    }
    if (backend_options && apply_backend_options(job.h, backend_options, job.pages_done + 1, &err) != 0) {
      code = err.code;
      snprintf(message, sizeof message, "%s", err.message);
      break;
    }
    SANE_Status st = sane_start(job.h);
    if (st == SANE_STATUS_NO_DOCS && job.pages_done > 0) { /* the feeder ran empty: a normal end */
      end = "no-documents";
      break;
    }
    if (st != SANE_STATUS_GOOD) {
      code = status_code(st);
      snprintf(message, sizeof message, "%s", st == SANE_STATUS_NO_DOCS ? "there is no paper in the feeder" : sane_strstatus(st));
      break;
    }
    code = read_page(&job, message, sizeof message);
    if (code) break;
  }
  /* Report first, then end the batch with sane_cancel (as SANE requires after the last page).
   * Some backends can hang inside sane_cancel (libsane's sanei_thread cancels its reader thread
   * asynchronously, which can deadlock in malloc); the outcome is out by then, and the station's
   * health check replaces a worker that does not come back. */
  if (code) {
    scan_failed(&job, code, message);
  } else {
    json_writer w;
    jw_init(&w);
    begin_message(&w, id);
    jw_kv_string(&w, "event", "done");
    jw_kv_int(&w, "pages", job.pages_done);
    jw_kv_string(&w, "end", end);
    send_message(&w);
    jw_free(&w);
  }
  sane_cancel(job.h);
  return;

refused:
  send_error(id, err.code, err.message);
}
