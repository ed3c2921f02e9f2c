/* WIA HRESULTs as the worker protocol's device codes, and in words. */
#ifndef SOHOA_WIA_ERRORS_H
#define SOHOA_WIA_ERRORS_H

#include <windows.h>

/* jammed, no-documents, cover-open, busy, device-gone, cancelled, invalid-setting or io. */
const char *wia_code(HRESULT hr);
const char *wia_text(HRESULT hr);

#endif
