#include "page_events.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#ifdef _WIN32
#include <windows.h>
#else
#include <time.h>
#endif

#include "u8_path.h"
#include "worker_protocol.h"

#define PROGRESS_EVERY_BYTES (1024 * 1024)
#define PROGRESS_EVERY_MS 250

double monotonic_ms(void) {
#ifdef _WIN32
  return (double)GetTickCount64();
#else
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
#endif
}

static void emit_progress(page_file *p) {
  json_writer w;
  jw_init(&w);
  begin_message(&w, p->job->id);
  jw_kv_string(&w, "event", "progress");
  jw_kv_int(&w, "page", p->page);
  jw_kv_int(&w, "bytes", p->bytes);
  jw_kv_int(&w, "expected", p->expected);
  send_message(&w);
  jw_free(&w);
  p->reported = p->bytes;
  p->last_report_ms = monotonic_ms();
}

const char *page_begin(page_file *p, const scan_request *job, int page, uint32_t width, int32_t height,
                       uint16_t bits, uint16_t spp, uint16_t photometric, double dpi, char *message, size_t message_size) {
  memset(p, 0, sizeof *p);
  p->job = job;
  p->page = page;
  p->width = width;
  p->dpi = dpi;
  p->mode = spp == 3 ? "color" : bits == 1 ? "bw" : "gray";
  uint32_t row_bytes = tiff_row_bytes(width, bits, spp);
  p->expected = height > 0 ? (long long)row_bytes * height : -1;
  /* The station's spool path decides the separator: a Windows path gets backslashes. */
  const char *sep = strchr(job->spool, '\\') ? "\\" : "/";
  snprintf(p->final_path, sizeof p->final_path, "%s%s%s-%04d.tiff", job->spool, sep, job->prefix, page);
  snprintf(p->part_path, sizeof p->part_path, "%s.part", p->final_path);
  if (tiff_open(&p->tiff, p->part_path, width, bits, spp, photometric, dpi, height > 0 ? (uint32_t)height : 0) != 0) {
    snprintf(message, message_size, "cannot write the page to the spool folder: %s", strerror(errno));
    return errno == EFBIG ? "invalid-setting" : "io";
  }
  json_writer w;
  jw_init(&w);
  begin_message(&w, job->id);
  jw_kv_string(&w, "event", "page-start");
  jw_kv_int(&w, "page", page);
  jw_kv_int(&w, "width", width);
  jw_kv_int(&w, "height", height);
  jw_kv_number(&w, "dpi", dpi);
  jw_kv_string(&w, "mode", p->mode);
  jw_kv_int(&w, "expected", p->expected);
  send_message(&w);
  jw_free(&w);
  p->last_report_ms = monotonic_ms();
  return NULL;
}

const char *page_write_rows(page_file *p, const uint8_t *rows, uint32_t count, char *message, size_t message_size) {
  if (tiff_write_rows(&p->tiff, rows, count) != 0) {
    snprintf(message, message_size, "cannot write the page to the spool folder: %s", strerror(errno));
    return "io";
  }
  p->bytes += (long long)p->tiff.row_bytes * count;
  if (p->bytes - p->reported >= PROGRESS_EVERY_BYTES || monotonic_ms() - p->last_report_ms >= PROGRESS_EVERY_MS) emit_progress(p);
  return NULL;
}

const char *page_finish(page_file *p, char *message, size_t message_size) {
  uint32_t rows = p->tiff.rows;
  if (rows == 0) {
    page_abort(p);
    snprintf(message, message_size, "the device sent an empty page");
    return "io";
  }
  if (tiff_close(&p->tiff) != 0 || u8_rename(p->part_path, p->final_path) != 0) {
    snprintf(message, message_size, "cannot finish the page file: %s", strerror(errno));
    u8_remove(p->part_path);
    return "io";
  }
  emit_progress(p);
  json_writer w;
  jw_init(&w);
  begin_message(&w, p->job->id);
  jw_kv_string(&w, "event", "page");
  jw_kv_int(&w, "page", p->page);
  jw_kv_string(&w, "file", p->final_path);
  jw_kv_int(&w, "width", p->width);
  jw_kv_int(&w, "height", rows);
  jw_kv_number(&w, "dpi", p->dpi);
  jw_kv_string(&w, "mode", p->mode);
  /* The pixel bytes: the file adds an 8-byte header and a directory of about 200 bytes. */
  jw_kv_int(&w, "bytes", (long long)p->tiff.data_bytes);
  send_message(&w);
  jw_free(&w);
  return NULL;
}

void page_abort(page_file *p) {
  tiff_abort(&p->tiff);
  u8_remove(p->part_path);
}

void send_scan_done(double id, int pages, const char *end) {
  json_writer w;
  jw_init(&w);
  begin_message(&w, id);
  jw_kv_string(&w, "event", "done");
  jw_kv_int(&w, "pages", pages);
  jw_kv_string(&w, "end", end);
  send_message(&w);
  jw_free(&w);
}

void send_scan_error(double id, const char *code, const char *message, int pages) {
  json_writer w;
  jw_init(&w);
  begin_message(&w, id);
  jw_kv_string(&w, "event", "error");
  jw_kv_string(&w, "code", code);
  jw_kv_string(&w, "message", message);
  jw_kv_int(&w, "pages", pages);
  send_message(&w);
  jw_free(&w);
}
