/*
 * A scan request's normalised settings, read and checked once for the Windows workers (the SANE
 * worker has its own, older reading in sane-worker/scan.c). Sources are flatbed | feeder |
 * feeder-duplex, modes color | gray | bw, the area in millimetres from the source's top-left.
 */
#ifndef SOHOA_SCAN_REQUEST_H
#define SOHOA_SCAN_REQUEST_H

#include "json.h"

typedef enum { SCAN_SOURCE_NONE = -1, SCAN_FLATBED = 0, SCAN_FEEDER, SCAN_FEEDER_DUPLEX, SCAN_SOURCE_COUNT } scan_source;
typedef enum { SCAN_MODE_NONE = -1, SCAN_COLOR = 0, SCAN_GRAY, SCAN_BW, SCAN_MODE_COUNT } scan_mode;

extern const char *const SCAN_SOURCE_NAMES[SCAN_SOURCE_COUNT];
extern const char *const SCAN_MODE_NAMES[SCAN_MODE_COUNT];

typedef struct {
  double id;
  const char *device;
  const char *spool;
  const char *prefix;
  scan_source source;
  scan_mode mode;
  double dpi;
  int pages_limit; /* 0: until the feeder is empty (1 on the flatbed) */
  int has_area;
  double x, y, width, height; /* mm */
} scan_request;

/* Reads and checks the request. Returns 0, or -1 after answering with invalid-setting. */
int scan_request_parse(double id, const json_value *request, scan_request *out);

#endif
