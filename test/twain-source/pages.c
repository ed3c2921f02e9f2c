#include "pages.h"

#include <string.h>

uint32_t test_row_bytes(int pixel_type, uint32_t width) {
  return pixel_type == TEST_PIXEL_RGB ? width * 3 : pixel_type == TEST_PIXEL_GRAY ? width : (width + 7) / 8;
}

void test_page_row(int k, int pixel_type, uint32_t width, uint32_t y, uint8_t *out) {
  if (pixel_type == TEST_PIXEL_RGB) {
    for (uint32_t x = 0; x < width; x++) {
      out[3 * x] = (uint8_t)(x + 40u * k);
      out[3 * x + 1] = (uint8_t)(y + 80u * k);
      out[3 * x + 2] = (uint8_t)(60u * k);
    }
  } else if (pixel_type == TEST_PIXEL_GRAY) {
    for (uint32_t x = 0; x < width; x++) out[x] = (uint8_t)(x + y + 40u * k);
  } else {
    memset(out, 0, (width + 7) / 8);
    for (uint32_t x = 0; x < width; x++)
      if (((x / 8 + y / 8 + (uint32_t)k) & 1) == 0) out[x / 8] |= (uint8_t)(0x80 >> (x % 8));
  }
}
