#include "caps.h"

#include <math.h>
#include <string.h>

#include "dsm.h"

static const int STANDARD_DPI[] = {75, 100, 150, 200, 240, 300, 400, 600, 1200};

double fix32_value(TW_FIX32 f) {
  return f.Whole + f.Frac / 65536.0;
}

TW_FIX32 fix32_of(double v) {
  TW_FIX32 f;
  TW_INT32 scaled = (TW_INT32)(v * 65536.0 + (v < 0 ? -0.5 : 0.5));
  f.Whole = (TW_INT16)(scaled >> 16);
  f.Frac = (TW_UINT16)(scaled & 0xffff);
  return f;
}

static size_t item_size(TW_UINT16 type) {
  switch (type) {
    case TWTY_INT8: case TWTY_UINT8: return 1;
    case TWTY_INT16: case TWTY_UINT16: case TWTY_BOOL: return 2;
    case TWTY_INT32: case TWTY_UINT32: case TWTY_FIX32: return 4;
    default: return 0; /* frames and strings are not read as numbers */
  }
}

static double item_value(TW_UINT16 type, const void *p) {
  switch (type) {
    case TWTY_INT8: return *(const TW_INT8 *)p;
    case TWTY_UINT8: return *(const TW_UINT8 *)p;
    case TWTY_INT16: return *(const TW_INT16 *)p;
    case TWTY_UINT16: case TWTY_BOOL: return *(const TW_UINT16 *)p;
    case TWTY_INT32: return *(const TW_INT32 *)p;
    case TWTY_UINT32: return *(const TW_UINT32 *)p;
    case TWTY_FIX32: {
      TW_FIX32 f;
      memcpy(&f, p, sizeof f);
      return fix32_value(f);
    }
    default: return 0;
  }
}

/* A range's 32-bit fields hold the value in the item's own representation. */
static double range_value(TW_UINT16 type, TW_UINT32 raw) {
  return item_value(type, &raw);
}

TW_UINT16 cap_get(TW_IDENTITY *source, TW_UINT16 cap, TW_UINT16 msg, cap_values *out) {
  memset(out, 0, sizeof *out);
  TW_CAPABILITY c = {cap, TWON_DONTCARE16, NULL};
  if (dsm_call(source, DG_CONTROL, DAT_CAPABILITY, msg, &c) != TWRC_SUCCESS) {
    TW_UINT16 cc = dsm_condition(source);
    return cc ? cc : TWCC_BUMMER;
  }
  TW_MEMREF p = dsm_lock(c.hContainer);
  TW_UINT16 rc = 0;
  if (!p) rc = TWCC_LOWMEMORY;
  else if (c.ConType == TWON_ONEVALUE) {
    const TW_ONEVALUE *v = p;
    out->current = item_value(v->ItemType, &v->Item);
    out->values[0] = out->current;
    out->count = 1;
  } else if (c.ConType == TWON_ENUMERATION) {
    const TW_ENUMERATION *e = p;
    size_t size = item_size(e->ItemType);
    for (TW_UINT32 i = 0; size && i < e->NumItems && out->count < MAX_CAP_VALUES; i++)
      out->values[out->count++] = item_value(e->ItemType, e->ItemList + i * size);
    if (size && e->CurrentIndex < e->NumItems) out->current = item_value(e->ItemType, e->ItemList + e->CurrentIndex * size);
  } else if (c.ConType == TWON_ARRAY) {
    const TW_ARRAY *a = p;
    size_t size = item_size(a->ItemType);
    for (TW_UINT32 i = 0; size && i < a->NumItems && out->count < MAX_CAP_VALUES; i++)
      out->values[out->count++] = item_value(a->ItemType, a->ItemList + i * size);
  } else if (c.ConType == TWON_RANGE) {
    const TW_RANGE *r = p;
    out->is_range = 1;
    out->min = range_value(r->ItemType, r->MinValue);
    out->max = range_value(r->ItemType, r->MaxValue);
    out->step = range_value(r->ItemType, r->StepSize);
    out->current = range_value(r->ItemType, r->CurrentValue);
  } else {
    rc = TWCC_BADVALUE;
  }
  if (p) dsm_unlock(c.hContainer);
  dsm_free(c.hContainer);
  return rc;
}

TW_UINT16 cap_set(TW_IDENTITY *source, TW_UINT16 cap, TW_UINT16 item_type, double value) {
  TW_CAPABILITY c = {cap, TWON_ONEVALUE, dsm_alloc(sizeof(TW_ONEVALUE))};
  if (!c.hContainer) return TWCC_LOWMEMORY;
  TW_ONEVALUE *v = dsm_lock(c.hContainer);
  v->ItemType = item_type;
  v->Item = 0;
  if (item_type == TWTY_FIX32) {
    TW_FIX32 f = fix32_of(value);
    memcpy(&v->Item, &f, sizeof f);
  } else if (item_type == TWTY_UINT16 || item_type == TWTY_BOOL) {
    TW_UINT16 u = (TW_UINT16)value;
    memcpy(&v->Item, &u, sizeof u);
  } else {
    v->Item = (TW_UINT32)(TW_INT32)value;
  }
  dsm_unlock(c.hContainer);
  TW_UINT16 rc = dsm_call(source, DG_CONTROL, DAT_CAPABILITY, MSG_SET, &c);
  dsm_free(c.hContainer);
  if (rc == TWRC_SUCCESS || rc == TWRC_CHECKSTATUS) return 0;
  TW_UINT16 cc = dsm_condition(source);
  return cc ? cc : TWCC_BUMMER;
}

int cap_supported(TW_IDENTITY *source, TW_UINT16 cap) {
  cap_values v;
  return cap_get(source, cap, MSG_GETCURRENT, &v) == 0;
}

TW_UINT16 select_source(TW_IDENTITY *source, scan_source kind) {
  int has_feeder_cap = cap_supported(source, CAP_FEEDERENABLED);
  if (kind == SCAN_FLATBED) return has_feeder_cap ? cap_set(source, CAP_FEEDERENABLED, TWTY_BOOL, 0) : 0;
  if (!has_feeder_cap) return TWCC_CAPUNSUPPORTED;
  TW_UINT16 rc = cap_set(source, CAP_FEEDERENABLED, TWTY_BOOL, 1);
  if (rc) return rc;
  cap_set(source, CAP_AUTOFEED, TWTY_BOOL, 1); /* optional: some sources feed on their own */
  if (kind == SCAN_FEEDER_DUPLEX) return cap_set(source, CAP_DUPLEXENABLED, TWTY_BOOL, 1);
  if (cap_supported(source, CAP_DUPLEXENABLED)) cap_set(source, CAP_DUPLEXENABLED, TWTY_BOOL, 0);
  return 0;
}

static void write_resolutions(TW_IDENTITY *source, json_writer *w) {
  cap_values r;
  int ok = cap_get(source, ICAP_XRESOLUTION, MSG_GET, &r) == 0;
  jw_key(w, "resolutions");
  jw_begin_array(w);
  if (ok && r.is_range) {
    for (size_t k = 0; k < sizeof STANDARD_DPI / sizeof STANDARD_DPI[0]; k++)
      if (STANDARD_DPI[k] >= r.min && STANDARD_DPI[k] <= r.max) jw_int(w, STANDARD_DPI[k]);
  } else if (ok) {
    for (int i = 0; i < r.count; i++) jw_number(w, r.values[i]);
  }
  jw_end_array(w);
  if (ok && r.is_range) {
    jw_key(w, "resolutionRange");
    jw_begin_object(w);
    jw_kv_number(w, "min", r.min);
    jw_kv_number(w, "max", r.max);
    jw_kv_number(w, "step", r.step > 0 ? r.step : 1);
    jw_end_object(w);
  }
}

static void write_modes(TW_IDENTITY *source, json_writer *w) {
  cap_values t;
  int seen[SCAN_MODE_COUNT] = {0};
  if (cap_get(source, ICAP_PIXELTYPE, MSG_GET, &t) == 0) {
    for (int i = 0; i < t.count; i++) {
      if (t.values[i] == TWPT_RGB) seen[SCAN_COLOR] = 1;
      else if (t.values[i] == TWPT_GRAY) seen[SCAN_GRAY] = 1;
      else if (t.values[i] == TWPT_BW) seen[SCAN_BW] = 1;
    }
  }
  jw_key(w, "modes");
  jw_begin_array(w);
  for (int k = 0; k < SCAN_MODE_COUNT; k++)
    if (seen[k]) jw_string(w, SCAN_MODE_NAMES[k]);
  jw_end_array(w);
}

/* A size capability in inches (ICAP_UNITS is set to inches first) as millimetres, or 0. */
static double size_mm(TW_IDENTITY *source, TW_UINT16 cap) {
  cap_values v;
  return cap_get(source, cap, MSG_GETCURRENT, &v) == 0 ? v.current * 25.4 : 0;
}

static void write_source(TW_IDENTITY *source, json_writer *w, scan_source kind) {
  double width = size_mm(source, ICAP_PHYSICALWIDTH), height = size_mm(source, ICAP_PHYSICALHEIGHT);
  double min_width = size_mm(source, ICAP_MINIMUMWIDTH), min_height = size_mm(source, ICAP_MINIMUMHEIGHT);
  jw_begin_object(w);
  jw_kv_string(w, "source", SCAN_SOURCE_NAMES[kind]);
  jw_kv_string(w, "name", kind == SCAN_FLATBED ? "Flatbed" : kind == SCAN_FEEDER ? "ADF" : "ADF Duplex");
  if (width > 0 && height > 0) {
    jw_kv_number(w, "maxWidth", round(width * 10) / 10);
    jw_kv_number(w, "maxHeight", round(height * 10) / 10);
    jw_kv_number(w, "minWidth", min_width > 0 ? round(min_width * 10) / 10 : 1);
    jw_kv_number(w, "minHeight", min_height > 0 ? round(min_height * 10) / 10 : 1);
  }
  write_resolutions(source, w);
  write_modes(source, w);
  jw_kv_bool(w, "duplex", kind == SCAN_FEEDER_DUPLEX);
  jw_end_object(w);
}

void write_twain_caps(TW_IDENTITY *source, json_writer *w) {
  cap_set(source, ICAP_UNITS, TWTY_UINT16, TWUN_INCHES);
  int has_feeder_cap = cap_supported(source, CAP_FEEDERENABLED);
  cap_values duplex;
  int duplex_capable = cap_get(source, CAP_DUPLEX, MSG_GETCURRENT, &duplex) == 0 && duplex.current != TWDX_NONE;
  jw_key(w, "sources");
  jw_begin_array(w);
  /* No feeder capability: a flatbed-only source. Otherwise each source that can be selected. */
  if (!has_feeder_cap || cap_set(source, CAP_FEEDERENABLED, TWTY_BOOL, 0) == 0) write_source(source, w, SCAN_FLATBED);
  if (has_feeder_cap && select_source(source, SCAN_FEEDER) == 0) {
    write_source(source, w, SCAN_FEEDER);
    if (duplex_capable && select_source(source, SCAN_FEEDER_DUPLEX) == 0) write_source(source, w, SCAN_FEEDER_DUPLEX);
  }
  jw_end_array(w);
  /* The paper sensor, as the SANE worker reports it: loaded, empty, or unknown. */
  if (has_feeder_cap) {
    cap_values loaded;
    int known = cap_get(source, CAP_FEEDERLOADED, MSG_GETCURRENT, &loaded) == 0;
    jw_kv_string(w, "feeder", !known ? "unknown" : loaded.current != 0 ? "loaded" : "empty");
  }
}
