/*
 * A device-independent bitmap (what a TWAIN native transfer and a WIA BMP transfer deliver:
 * bottom-up rows padded to 4 bytes, BGR order, a palette for 1- and 8-bit) written as one spool
 * page with its events. Windows only.
 */
#ifndef SOHOA_DIB_PAGE_H
#define SOHOA_DIB_PAGE_H

#include <windows.h>

#include "scan_request.h"

/* bi points at the BITMAPINFOHEADER; size is how many bytes are readable from there. Returns
 * NULL, or an error code with message filled in. */
const char *write_dib_page(const BITMAPINFOHEADER *bi, size_t size, const scan_request *job, int page, char *message, size_t message_size);

#endif
