#include "tiff_writer.h"
#include "u8_path.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_BYTES 8u
#define TARGET_STRIP_BYTES (256u * 1024u)
#define MAX_FILE_BYTES 0xF0000000ull /* leave room for the directory under 4 GiB */

/* Little-endian writers: the header says "II", whatever the host. */
static void le16(uint8_t *p, uint16_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
}
static void le32(uint8_t *p, uint32_t v) {
  for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i));
}

uint32_t tiff_row_bytes(uint32_t width, uint16_t bits, uint16_t spp) {
  uint64_t bits_per_row = (uint64_t)width * bits * spp;
  return (uint32_t)((bits_per_row + 7) / 8);
}

int tiff_open(tiff_writer *t, const char *path, uint32_t width, uint16_t bits, uint16_t spp,
              uint16_t photometric, double dpi, uint32_t expected_rows) {
  memset(t, 0, sizeof *t);
  if (width == 0 || (bits != 1 && bits != 8 && bits != 16) || (spp != 1 && spp != 3)) {
    errno = EINVAL;
    return -1;
  }
  t->width = width;
  t->bits_per_sample = bits;
  t->samples_per_pixel = spp;
  t->photometric = photometric;
  t->dpi = dpi > 0 ? dpi : 72;
  t->row_bytes = tiff_row_bytes(width, bits, spp);
  if ((uint64_t)t->row_bytes * expected_rows > MAX_FILE_BYTES) {
    errno = EFBIG;
    return -1;
  }
  t->rows_per_strip = TARGET_STRIP_BYTES / t->row_bytes;
  if (t->rows_per_strip == 0) t->rows_per_strip = 1;
  t->file = u8_fopen(path, "wb");
  if (!t->file) return -1;
  setvbuf(t->file, NULL, _IOFBF, 1 << 20);
  uint8_t header[HEADER_BYTES] = {'I', 'I', 42, 0, 0, 0, 0, 0}; /* IFD offset patched at close */
  if (fwrite(header, 1, sizeof header, t->file) != sizeof header) {
    tiff_abort(t);
    return -1;
  }
  return 0;
}

int tiff_write_rows(tiff_writer *t, const uint8_t *rows, uint32_t nrows) {
  uint64_t bytes = (uint64_t)t->row_bytes * nrows;
  if (HEADER_BYTES + t->data_bytes + bytes > MAX_FILE_BYTES) {
    errno = EFBIG;
    return -1;
  }
  if (bytes && fwrite(rows, 1, (size_t)bytes, t->file) != bytes) return -1;
  t->data_bytes += bytes;
  t->rows += nrows;
  return 0;
}

typedef struct {
  uint16_t tag, type;
  uint32_t count, value;
} ifd_entry;

enum { T_SHORT = 3, T_LONG = 4, T_RATIONAL = 5 };

int tiff_close(tiff_writer *t) {
  if (!t->file) {
    errno = EBADF;
    return -1;
  }
  if (t->rows == 0) { /* a page with no rows is not an image */
    tiff_abort(t);
    errno = ENODATA;
    return -1;
  }
  uint32_t strips = (t->rows + t->rows_per_strip - 1) / t->rows_per_strip;
  uint32_t strip_bytes = t->rows_per_strip * t->row_bytes;

  /* Out-of-line values go after the pixels, each on an even offset. */
  uint64_t pos = HEADER_BYTES + t->data_bytes;
  uint8_t pad = 0;
  if (pos & 1) {
    if (fwrite(&pad, 1, 1, t->file) != 1) return -1;
    pos++;
  }
  size_t extra_bytes = (size_t)strips * 8 + 16 + 8;
  uint8_t *extra = calloc(1, extra_bytes);
  if (!extra) return -1;
  uint32_t offsets_at = (uint32_t)pos, counts_at = offsets_at + strips * 4;
  uint32_t xres_at = counts_at + strips * 4, yres_at = xres_at + 8, bits_at = yres_at + 8;
  for (uint32_t i = 0; i < strips; i++) {
    uint32_t rows_here = i + 1 < strips ? t->rows_per_strip : t->rows - i * t->rows_per_strip;
    le32(extra + i * 4, HEADER_BYTES + i * strip_bytes);
    le32(extra + strips * 4 + i * 4, rows_here * t->row_bytes);
  }
  /* Resolution as a rational with 100ths of a dot per inch. */
  uint32_t dpi_num = (uint32_t)(t->dpi * 100 + 0.5);
  le32(extra + strips * 8, dpi_num);
  le32(extra + strips * 8 + 4, 100);
  le32(extra + strips * 8 + 8, dpi_num);
  le32(extra + strips * 8 + 12, 100);
  for (int i = 0; i < 3; i++) le16(extra + strips * 8 + 16 + i * 2, t->bits_per_sample);
  size_t extra_used = (size_t)strips * 8 + 16 + (t->samples_per_pixel == 3 ? 6 : 0);
  if (extra_used & 1) extra_used++;
  int ok = fwrite(extra, 1, extra_used, t->file) == extra_used;
  free(extra);
  if (!ok) return -1;
  pos += extra_used;

  ifd_entry entries[] = {
      {256, T_LONG, 1, t->width},
      {257, T_LONG, 1, t->rows},
      {258, T_SHORT, t->samples_per_pixel, t->samples_per_pixel == 3 ? bits_at : t->bits_per_sample},
      {259, T_SHORT, 1, 1}, /* no compression */
      {262, T_SHORT, 1, t->photometric},
      {273, T_LONG, strips, strips == 1 ? HEADER_BYTES : offsets_at},
      {277, T_SHORT, 1, t->samples_per_pixel},
      {278, T_LONG, 1, t->rows_per_strip},
      {279, T_LONG, strips, strips == 1 ? t->rows * t->row_bytes : counts_at},
      {282, T_RATIONAL, 1, xres_at},
      {283, T_RATIONAL, 1, yres_at},
      {284, T_SHORT, 1, 1}, /* chunky (interleaved) samples */
      {296, T_SHORT, 1, 2}, /* resolution in inches */
  };
  uint16_t n = (uint16_t)(sizeof entries / sizeof entries[0]);
  uint8_t ifd[2 + sizeof entries / sizeof entries[0] * 12 + 4];
  le16(ifd, n);
  for (uint16_t i = 0; i < n; i++) {
    uint8_t *e = ifd + 2 + i * 12;
    le16(e, entries[i].tag);
    le16(e + 2, entries[i].type);
    le32(e + 4, entries[i].count);
    /* SHORT values that fit are stored left-justified in the 4-byte field. */
    if (entries[i].type == T_SHORT && entries[i].count == 1) {
      le16(e + 8, (uint16_t)entries[i].value);
      le16(e + 10, 0);
    } else {
      le32(e + 8, entries[i].value);
    }
  }
  le32(ifd + 2 + n * 12, 0); /* no next directory */
  if (fwrite(ifd, 1, sizeof ifd, t->file) != sizeof ifd) return -1;

  uint8_t at[4];
  le32(at, (uint32_t)pos);
  if (fseek(t->file, 4, SEEK_SET) != 0 || fwrite(at, 1, 4, t->file) != 4) return -1;
  int rc = fclose(t->file);
  t->file = NULL;
  return rc == 0 ? 0 : -1;
}

void tiff_abort(tiff_writer *t) {
  if (t->file) fclose(t->file);
  t->file = NULL;
}
