/*
 * Streams scanned rows into an uncompressed, strip-organised baseline TIFF.
 *
 * Why TIFF for the spool: the station's image library (libvips through sharp) reads it
 * strip by strip, so even an A0 page at 300 dpi (about 420 MB of RGB) is never held whole in
 * memory; it carries the resolution in its own tags; any viewer opens it when debugging; and
 * writing it needs nothing but stdio, so the Windows workers share this file.
 *
 * The image height need not be known in advance (SANE hand-scanners report -1 lines): the
 * directory (IFD) is written after the pixels and the header is patched to point at it.
 * Classic TIFF uses 32-bit offsets, so a page must stay under 4 GiB (A0 at 600 dpi colour is
 * 1.7 GB); tiff_open refuses larger expected sizes up front.
 */
#ifndef SOHOA_TIFF_WRITER_H
#define SOHOA_TIFF_WRITER_H

#include <stdint.h>
#include <stdio.h>

enum { TIFF_WHITE_IS_ZERO = 0, TIFF_BLACK_IS_ZERO = 1, TIFF_RGB = 2 };

typedef struct {
  FILE *file;
  uint32_t width;
  uint32_t row_bytes;
  uint32_t rows_per_strip;
  uint32_t rows;
  uint16_t bits_per_sample;
  uint16_t samples_per_pixel;
  uint16_t photometric;
  double dpi;
  uint64_t data_bytes;
} tiff_writer;

/* Bytes in one packed row (1-bit rows are padded to a whole byte, as SANE delivers them). */
uint32_t tiff_row_bytes(uint32_t width, uint16_t bits_per_sample, uint16_t samples_per_pixel);

/* Opens path for writing. Returns 0, or -1 with errno set (EFBIG when expected_rows makes the
 * page too large for classic TIFF; pass 0 when the height is unknown). */
int tiff_open(tiff_writer *t, const char *path, uint32_t width, uint16_t bits_per_sample,
              uint16_t samples_per_pixel, uint16_t photometric, double dpi, uint32_t expected_rows);

/* Appends nrows rows of row_bytes each. Returns 0, or -1 with errno set. */
int tiff_write_rows(tiff_writer *t, const uint8_t *rows, uint32_t nrows);

/* Writes the directory, patches the header and closes. Returns 0, or -1 with errno set. */
int tiff_close(tiff_writer *t);

/* Closes without finishing (the caller removes the file). */
void tiff_abort(tiff_writer *t);

#endif
