/* TWAIN condition codes (TWCC_*) as the worker protocol's device codes, and in words. */
#ifndef SOHOA_TWAIN_ERRORS_H
#define SOHOA_TWAIN_ERRORS_H

#include <windows.h>

#include "twain.h"

/* jammed, no-documents, cover-open, busy, device-gone, invalid-setting or io. */
const char *twcc_code(TW_UINT16 condition);
const char *twcc_text(TW_UINT16 condition);

#endif
