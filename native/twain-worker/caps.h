/*
 * TWAIN capability negotiation: reading a capability's values whatever container the source
 * answers with (one value, enumeration, range, array), setting one value, and the caps reply
 * (sources with their area, resolutions and modes) in the station's normalised terms.
 */
#ifndef SOHOA_TWAIN_CAPS_H
#define SOHOA_TWAIN_CAPS_H

#include <windows.h>

#include "../common/json.h"
#include "../common/scan_request.h"
#include "twain.h"

#define MAX_CAP_VALUES 64

typedef struct {
  int count;                   /* values listed (enumeration, array, or the one value) */
  double values[MAX_CAP_VALUES];
  double current;
  int is_range;
  double min, max, step;
} cap_values;

/* MSG_GET (all values) or MSG_GETCURRENT. Returns 0, or the condition code when it failed. */
TW_UINT16 cap_get(TW_IDENTITY *source, TW_UINT16 cap, TW_UINT16 msg, cap_values *out);

/* Sets one value of the given item type (TWTY_UINT16, TWTY_BOOL, TWTY_FIX32 …). Returns 0, or the
 * condition code. A source may answer TWRC_CHECKSTATUS (it took a nearby value): that counts. */
TW_UINT16 cap_set(TW_IDENTITY *source, TW_UINT16 cap, TW_UINT16 item_type, double value);

/* Whether the source reports a capability at all. */
int cap_supported(TW_IDENTITY *source, TW_UINT16 cap);

/* Selects flatbed / feeder / feeder with duplex. Returns 0, or the condition code. */
TW_UINT16 select_source(TW_IDENTITY *source, scan_source kind);

/* Writes the "sources" array of a caps reply. */
void write_twain_caps(TW_IDENTITY *source, json_writer *w);

double fix32_value(TW_FIX32 f);
TW_FIX32 fix32_of(double v);

#endif
