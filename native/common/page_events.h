/*
 * One scanned page, written row by row into a TIFF in the spool folder (as <prefix>-NNNN.tiff,
 * first as .part so that the station never reads half a page), with the protocol's page-start,
 * progress and page events; and the scan's final done / error events. Shared by the Windows
 * workers, whose drivers hand over rows (TWAIN memory transfers, decoded DIBs, WIA streams).
 */
#ifndef SOHOA_PAGE_EVENTS_H
#define SOHOA_PAGE_EVENTS_H

#include <stddef.h>
#include <stdint.h>

#include "scan_request.h"
#include "tiff_writer.h"

typedef struct {
  const scan_request *job;
  int page;
  const char *mode;
  double dpi;
  uint32_t width;
  long long bytes, expected, reported;
  double last_report_ms;
  tiff_writer tiff;
  char final_path[4096], part_path[4120];
} page_file;

/* Opens page number `page` and sends page-start. height: rows, or -1 when unknown.
 * Returns NULL, or an error code with message filled in. */
const char *page_begin(page_file *p, const scan_request *job, int page, uint32_t width, int32_t height,
                       uint16_t bits_per_sample, uint16_t samples_per_pixel, uint16_t photometric, double dpi,
                       char *message, size_t message_size);

/* Appends packed rows (tiff_row_bytes each) and sends progress now and then. */
const char *page_write_rows(page_file *p, const uint8_t *rows, uint32_t count, char *message, size_t message_size);

/* Finishes the file, renames it into place and sends the page event. */
const char *page_finish(page_file *p, char *message, size_t message_size);

/* Drops an unfinished page. */
void page_abort(page_file *p);

/* {"event":"done","pages":n,"end":"count"|"no-documents"} */
void send_scan_done(double id, int pages, const char *end);
/* {"event":"error","code","message","pages":n} */
void send_scan_error(double id, const char *code, const char *message, int pages);

/* Milliseconds from a monotonic clock. */
double monotonic_ms(void);

#endif
