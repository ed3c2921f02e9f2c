#include "dib_page.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page_events.h"

const char *write_dib_page(const BITMAPINFOHEADER *bi, size_t size, const scan_request *job, int page, char *message, size_t message_size) {
  int bits = size >= sizeof *bi ? bi->biBitCount : 0;
  if ((bits != 1 && bits != 8 && bits != 24) || bi->biCompression != BI_RGB || bi->biWidth <= 0 || bi->biHeight == 0) {
    snprintf(message, message_size, "unsupported image from the scanner (%d bits per pixel)", bits);
    return "invalid-setting";
  }
  uint32_t width = (uint32_t)bi->biWidth, height = (uint32_t)abs(bi->biHeight);
  DWORD colours = bits == 24 ? 0 : bi->biClrUsed ? bi->biClrUsed : 1u << bits;
  const RGBQUAD *palette = (const RGBQUAD *)((const uint8_t *)bi + bi->biSize);
  const uint8_t *pixels = (const uint8_t *)(palette + colours);
  size_t stride = ((size_t)width * bits + 31) / 32 * 4;
  if ((size_t)(pixels - (const uint8_t *)bi) + stride * height > size) {
    snprintf(message, message_size, "the scanner sent a truncated image");
    return "io";
  }
  int spp = bits == 24 ? 3 : 1;
  /* 1 bit: the palette says whether index 0 is black; 8 bit: grey levels through the palette. */
  uint16_t photometric = spp == 3 ? TIFF_RGB : bits == 1 && palette[0].rgbGreen > 127 ? TIFF_WHITE_IS_ZERO : TIFF_BLACK_IS_ZERO;
  double dpi = bi->biXPelsPerMeter > 0 ? round(bi->biXPelsPerMeter * 0.0254) : job->dpi;
  page_file out;
  const char *code = page_begin(&out, job, page, width, (int32_t)height, (uint16_t)(bits == 24 ? 8 : bits), (uint16_t)spp, photometric, dpi, message, message_size);
  if (code) return code;
  uint8_t *row = malloc(stride);
  if (!row) {
    page_abort(&out);
    snprintf(message, message_size, "out of memory");
    return "io";
  }
  for (uint32_t y = 0; !code && y < height; y++) {
    const uint8_t *src = pixels + (bi->biHeight > 0 ? height - 1 - y : y) * stride;
    if (bits == 24) {
      for (uint32_t x = 0; x < width; x++) {
        row[3 * x] = src[3 * x + 2];
        row[3 * x + 1] = src[3 * x + 1];
        row[3 * x + 2] = src[3 * x];
      }
    } else if (bits == 8) {
      for (uint32_t x = 0; x < width; x++) row[x] = palette[src[x]].rgbGreen;
    } else {
      memcpy(row, src, (width + 7) / 8);
    }
    code = page_write_rows(&out, row, 1, message, message_size);
  }
  free(row);
  if (code) {
    page_abort(&out);
    return code;
  }
  return page_finish(&out, message, message_size);
}
