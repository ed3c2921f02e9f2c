/*
 * The known images the test data source serves. test/core/twain-under-wine.test.ts computes the
 * same values to check every pixel that arrives in the station's spool folder.
 *
 * Image k (1, 2, 3 … from the feeder, 0 on the flatbed), pixel (x, y) from the top-left of the
 * scanned frame:
 *   colour  R = (x + 40k) mod 256, G = (y + 80k) mod 256, B = 60k mod 256
 *   grey    (x + y + 40k) mod 256
 *   b/w     a checkerboard of 8 px squares, white where (x/8 + y/8 + k) is even (1 = white:
 *           TWAIN's default "chocolate" flavour makes 0 black)
 */
#ifndef SOHOA_TEST_TWAIN_PAGES_H
#define SOHOA_TEST_TWAIN_PAGES_H

#include <stdint.h>

enum { TEST_PIXEL_BW = 0, TEST_PIXEL_GRAY = 1, TEST_PIXEL_RGB = 2 }; /* TWPT_* values */

/* Writes row y of image k: width pixels, packed (1 bit, 8 bit or 3 × 8 bit per pixel). */
void test_page_row(int k, int pixel_type, uint32_t width, uint32_t y, uint8_t *out);

/* Packed bytes of one row. */
uint32_t test_row_bytes(int pixel_type, uint32_t width);

#endif
