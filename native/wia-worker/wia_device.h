/*
 * The COM side of the WIA worker: the WIA 2.0 device manager, a device's flatbed and feeder
 * items, their properties, and IWiaTransfer downloads. main.c (the protocol side) calls only
 * these functions and turns their HRESULTs into protocol codes.
 */
#ifndef SOHOA_WIA_DEVICE_H
#define SOHOA_WIA_DEVICE_H

#include <windows.h>

#include "../common/json.h"
#include "../common/scan_request.h"

#define MAX_WIA_DEVICES 32

typedef struct {
  char id[600];     /* "wia:<vendor>/<name>": stable across reboots and ports */
  char vendor[256];
  char name[256];
  char description[256];
} wia_device_info;

/* Initialises COM and creates the WIA 2.0 device manager (once). */
HRESULT wia_start(void);
void wia_stop(void);

/* The scanners WIA knows. */
HRESULT wia_list_devices(wia_device_info *out, int max, int *count);

/* Writes the "sources" array of a caps reply for the device. */
HRESULT wia_write_caps(const char *device_id, json_writer *w);

typedef struct {
  int pages_done;
  const char *end;     /* on success: "count" or "no-documents" */
  const char *code;    /* on failure: a protocol code when not derived from the HRESULT */
  char message[512];
} wia_scan_outcome;

/* Runs a scan; pages and their events go out as they arrive. Returns S_OK or the failure. */
HRESULT wia_scan(const scan_request *request, wia_scan_outcome *outcome);

/* How a transfer that returned hr after outcome->pages_done pages ends (wia_outcome.c, no COM):
 * an empty feeder after some pages is the normal end of a batch ("no-documents"), a reached
 * count ends with "count"; no page at all is a failure. Returns S_OK or the failure. */
HRESULT wia_settle(HRESULT hr, const scan_request *request, wia_scan_outcome *outcome);

#endif
