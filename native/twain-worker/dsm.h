/*
 * The TWAIN Data Source Manager from the application's side: loading it (TWAINDSM.DLL, the TWAIN
 * 2.x DSM, else the old twain_32.dll that Windows and Wine ship), the hidden window it posts its
 * events to, the memory functions it hands out, and the data sources it lists and opens.
 */
#ifndef SOHOA_TWAIN_DSM_H
#define SOHOA_TWAIN_DSM_H

#include <windows.h>

#include "twain.h"

#define MAX_SOURCES 32

/* Loads and opens the DSM once per process. Returns 0, or -1 with message filled in. */
int dsm_start(char *message, size_t message_size);
void dsm_stop(void);

/* Which DSM was loaded ("TWAINDSM.DLL" or "twain_32.dll"), for the ready line. */
const char *dsm_library(void);
HWND dsm_window(void);

/* DSM_Entry with our application identity as origin; dest NULL talks to the DSM itself. */
TW_UINT16 dsm_call(pTW_IDENTITY dest, TW_UINT32 dg, TW_UINT16 dat, TW_UINT16 msg, TW_MEMREF data);

/* The condition code after a failed call (DAT_STATUS), for the source or (NULL) the DSM. */
TW_UINT16 dsm_condition(pTW_IDENTITY dest);

/* Memory for containers: the DSM's own functions (TWAIN 2) or GlobalAlloc (TWAIN 1.x). */
TW_HANDLE dsm_alloc(TW_UINT32 size);
void dsm_free(TW_HANDLE h);
TW_MEMREF dsm_lock(TW_HANDLE h);
void dsm_unlock(TW_HANDLE h);

/* The data sources the DSM knows. Returns how many were stored (at most max). */
int dsm_list_sources(TW_IDENTITY *out, int max);

/* "twain:<manufacturer>/<product name>" in UTF-8: stable across reboots and ports. */
void device_id_of(const TW_IDENTITY *source, char *out, size_t size);

/* A TWAIN string (the system's ANSI code page) as UTF-8. */
void twain_string_utf8(const char *text, char *out, size_t size);

/* Opens the source with this device id. Returns 0, or -1 with *code and message set. */
int dsm_open_source(const char *device_id, TW_IDENTITY *source, const char **code, char *message, size_t message_size);
void dsm_close_source(TW_IDENTITY *source);

#endif
