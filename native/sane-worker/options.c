#include "options.h"

#include <math.h>
#include <sane/saneopts.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Resolutions offered when a device only states a range. */
static const int STANDARD_DPI[] = {75, 100, 150, 200, 240, 300, 400, 600, 1200, 2400};

void set_error(worker_error *err, const char *code, const char *fmt, ...) {
  va_list ap;
  err->code = code;
  va_start(ap, fmt);
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  va_end(ap);
}

const char *status_code(SANE_Status status) {
  switch ((int)status) {
    case SANE_STATUS_JAMMED: return "jammed";
    case SANE_STATUS_NO_DOCS: return "no-documents";
    case SANE_STATUS_COVER_OPEN: return "cover-open";
    case SANE_STATUS_DEVICE_BUSY:
    case 12: /* SANE_STATUS_WARMING_UP and */
    case 13: /* SANE_STATUS_HW_LOCKED: newer statuses, declared only for SANE 1.1 frontends */
      return "busy";
    case SANE_STATUS_CANCELLED: return "cancelled";
    case SANE_STATUS_INVAL:
    case SANE_STATUS_UNSUPPORTED: return "invalid-setting";
    case SANE_STATUS_ACCESS_DENIED: return "busy"; /* another program or user holds the device */
    default: return "io";
  }
}

int option_index(SANE_Handle h, const char *name) {
  for (SANE_Int i = 1;; i++) {
    const SANE_Option_Descriptor *d = sane_get_option_descriptor(h, i);
    if (!d) return -1;
    if (d->name && strcmp(d->name, name) == 0) return i;
  }
}

const SANE_Option_Descriptor *option_descriptor(SANE_Handle h, const char *name, int *index) {
  int i = option_index(h, name);
  if (index) *index = i;
  return i < 0 ? NULL : sane_get_option_descriptor(h, i);
}

static int usable(const SANE_Option_Descriptor *d) {
  return d && SANE_OPTION_IS_ACTIVE(d->cap) && SANE_OPTION_IS_SETTABLE(d->cap);
}

static double word_value(const SANE_Option_Descriptor *d, SANE_Word w) {
  return d->type == SANE_TYPE_FIXED ? SANE_UNFIX(w) : (double)w;
}

int set_string_option(SANE_Handle h, const char *name, const char *value, worker_error *err) {
  int i;
  const SANE_Option_Descriptor *d = option_descriptor(h, name, &i);
  if (!usable(d) || d->type != SANE_TYPE_STRING) {
    set_error(err, "invalid-setting", "the device has no settable option '%s'", name);
    return -1;
  }
  if (d->constraint_type == SANE_CONSTRAINT_STRING_LIST) {
    int found = 0;
    for (const SANE_String_Const *s = d->constraint.string_list; *s; s++)
      if (strcmp(*s, value) == 0) found = 1;
    if (!found) {
      set_error(err, "invalid-setting", "'%s' is not a value of option '%s'", value, name);
      return -1;
    }
  }
  char *buf = calloc(1, (size_t)d->size + 1);
  if (!buf) {
    set_error(err, "io", "out of memory");
    return -1;
  }
  strncpy(buf, value, (size_t)d->size);
  SANE_Int info = 0;
  SANE_Status st = sane_control_option(h, i, SANE_ACTION_SET_VALUE, buf, &info);
  free(buf);
  if (st != SANE_STATUS_GOOD) {
    set_error(err, status_code(st), "setting '%s' to '%s' failed: %s", name, value, sane_strstatus(st));
    return -1;
  }
  return 0;
}

int get_number_option(SANE_Handle h, const char *name, double *value) {
  int i;
  const SANE_Option_Descriptor *d = option_descriptor(h, name, &i);
  if (!d || !SANE_OPTION_IS_ACTIVE(d->cap) || (d->type != SANE_TYPE_INT && d->type != SANE_TYPE_FIXED) ||
      d->size != sizeof(SANE_Word))
    return -1;
  SANE_Word w;
  if (sane_control_option(h, i, SANE_ACTION_GET_VALUE, &w, NULL) != SANE_STATUS_GOOD) return -1;
  *value = word_value(d, w);
  return 0;
}

int set_number_option(SANE_Handle h, const char *name, double value, double *actual, worker_error *err) {
  int i;
  const SANE_Option_Descriptor *d = option_descriptor(h, name, &i);
  if (!usable(d) || (d->type != SANE_TYPE_INT && d->type != SANE_TYPE_FIXED) || d->size != sizeof(SANE_Word)) {
    set_error(err, "invalid-setting", "the device has no settable option '%s'", name);
    return -1;
  }
  const double eps = 1e-3;
  if (d->constraint_type == SANE_CONSTRAINT_RANGE) {
    double lo = word_value(d, d->constraint.range->min), hi = word_value(d, d->constraint.range->max);
    if (value < lo - eps || value > hi + eps) {
      set_error(err, "invalid-setting", "%s %g is outside the device's range %g..%g", name, value, lo, hi);
      return -1;
    }
  } else if (d->constraint_type == SANE_CONSTRAINT_WORD_LIST) {
    int found = 0;
    for (SANE_Int k = 1; k <= d->constraint.word_list[0]; k++)
      if (fabs(word_value(d, d->constraint.word_list[k]) - value) < eps) found = 1;
    if (!found) {
      set_error(err, "invalid-setting", "%s %g is not one the device offers", name, value);
      return -1;
    }
  }
  SANE_Word w = d->type == SANE_TYPE_FIXED ? SANE_FIX(value) : (SANE_Word)lround(value);
  SANE_Int info = 0;
  SANE_Status st = sane_control_option(h, i, SANE_ACTION_SET_VALUE, &w, &info);
  if (st != SANE_STATUS_GOOD) {
    set_error(err, status_code(st), "setting %s to %g failed: %s", name, value, sane_strstatus(st));
    return -1;
  }
  if (actual) *actual = word_value(d, w); /* the backend writes back the value it took */
  return 0;
}

const char *find_source_name(SANE_Handle h, source_kind kind) {
  const SANE_Option_Descriptor *d = option_descriptor(h, SANE_NAME_SCAN_SOURCE, NULL);
  if (!d || d->constraint_type != SANE_CONSTRAINT_STRING_LIST) return NULL;
  for (const SANE_String_Const *s = d->constraint.string_list; *s; s++)
    if (classify_source(*s) == kind) return *s;
  return NULL;
}

static const char *find_mode_name(SANE_Handle h, mode_kind kind) {
  const SANE_Option_Descriptor *d = option_descriptor(h, SANE_NAME_SCAN_MODE, NULL);
  if (!d || d->constraint_type != SANE_CONSTRAINT_STRING_LIST) return NULL;
  for (const SANE_String_Const *s = d->constraint.string_list; *s; s++)
    if (classify_mode(*s) == kind) return *s;
  return NULL;
}

/* Whether the depth option lists this depth, active or not. */
static int depth_listed(SANE_Handle h, int depth) {
  const SANE_Option_Descriptor *d = option_descriptor(h, SANE_NAME_BIT_DEPTH, NULL);
  if (!d || d->constraint_type != SANE_CONSTRAINT_WORD_LIST) return 0;
  for (SANE_Int k = 1; k <= d->constraint.word_list[0]; k++)
    if (d->constraint.word_list[k] == depth) return 1;
  return 0;
}

/* Whether the depth option can be set to this depth now. */
static int depth_offered(SANE_Handle h, int depth) {
  return usable(option_descriptor(h, SANE_NAME_BIT_DEPTH, NULL)) && depth_listed(h, depth);
}

int select_mode(SANE_Handle h, mode_kind mode, worker_error *err) {
  const char *name = find_mode_name(h, mode);
  int bw_by_depth = 0;
  if (!name && mode == MODE_BW) {
    name = find_mode_name(h, MODE_GRAY);
    bw_by_depth = 1;
  }
  if (!name) {
    /* A device without a mode option scans in one fixed mode; accept what it gives. */
    if (option_index(h, SANE_NAME_SCAN_MODE) < 0 && mode != MODE_BW) return 0;
    set_error(err, "invalid-setting", "the device has no %s mode", MODE_NAMES[mode]);
    return -1;
  }
  if (set_string_option(h, SANE_NAME_SCAN_MODE, name, err) != 0) return -1;
  int depth = bw_by_depth ? 1 : 8;
  if (bw_by_depth && !depth_offered(h, 1)) {
    set_error(err, "invalid-setting", "the device has no black-and-white mode");
    return -1;
  }
  if (depth_offered(h, depth)) return set_number_option(h, SANE_NAME_BIT_DEPTH, depth, NULL, err);
  return 0;
}

/* Maximum extent of a geometry axis in mm, or -1 when the backend does not state it in mm. */
static double axis_extent(SANE_Handle h, const char *tl, const char *br, double *quant) {
  const SANE_Option_Descriptor *a = option_descriptor(h, tl, NULL), *b = option_descriptor(h, br, NULL);
  if (!a || !b || a->unit != SANE_UNIT_MM || b->unit != SANE_UNIT_MM || a->constraint_type != SANE_CONSTRAINT_RANGE ||
      b->constraint_type != SANE_CONSTRAINT_RANGE)
    return -1;
  *quant = word_value(b, b->constraint.range->quant);
  return word_value(b, b->constraint.range->max) - word_value(a, a->constraint.range->min);
}

static void write_resolutions(SANE_Handle h, json_writer *w) {
  const SANE_Option_Descriptor *d = option_descriptor(h, SANE_NAME_SCAN_RESOLUTION, NULL);
  jw_key(w, "resolutions");
  jw_begin_array(w);
  if (d && d->constraint_type == SANE_CONSTRAINT_WORD_LIST) {
    for (SANE_Int k = 1; k <= d->constraint.word_list[0]; k++) jw_number(w, word_value(d, d->constraint.word_list[k]));
  } else if (d && d->constraint_type == SANE_CONSTRAINT_RANGE) {
    double lo = word_value(d, d->constraint.range->min), hi = word_value(d, d->constraint.range->max);
    for (size_t k = 0; k < sizeof STANDARD_DPI / sizeof STANDARD_DPI[0]; k++)
      if (STANDARD_DPI[k] >= lo && STANDARD_DPI[k] <= hi) jw_int(w, STANDARD_DPI[k]);
  }
  jw_end_array(w);
  if (d && d->constraint_type == SANE_CONSTRAINT_RANGE) {
    jw_key(w, "resolutionRange");
    jw_begin_object(w);
    jw_kv_number(w, "min", word_value(d, d->constraint.range->min));
    jw_kv_number(w, "max", word_value(d, d->constraint.range->max));
    jw_kv_number(w, "step", word_value(d, d->constraint.range->quant));
    jw_end_object(w);
  }
}

static void write_modes(SANE_Handle h, json_writer *w) {
  int seen[MODE_COUNT] = {0};
  const SANE_Option_Descriptor *d = option_descriptor(h, SANE_NAME_SCAN_MODE, NULL);
  if (d && d->constraint_type == SANE_CONSTRAINT_STRING_LIST)
    for (const SANE_String_Const *s = d->constraint.string_list; *s; s++) {
      mode_kind k = classify_mode(*s);
      if (k != MODE_NONE) seen[k] = 1;
    }
  /* Bilevel through gray at depth 1; the depth option may be inactive in the current mode. */
  if (!seen[MODE_BW] && seen[MODE_GRAY] && depth_listed(h, 1)) seen[MODE_BW] = 1;
  /* No mode option (the pnm backend, some sheet-fed devices): the device scans in the one mode
   * it has, which select_mode accepts for colour or grey; the page reports what it really was. */
  if (!d) seen[MODE_COLOR] = seen[MODE_GRAY] = 1;
  jw_key(w, "modes");
  jw_begin_array(w);
  for (int k = 0; k < MODE_COUNT; k++)
    if (seen[k]) jw_string(w, MODE_NAMES[k]);
  jw_end_array(w);
}

static void write_source(SANE_Handle h, json_writer *w, source_kind kind, const char *sane_name) {
  double qx = 0, qy = 0;
  double width = axis_extent(h, SANE_NAME_SCAN_TL_X, SANE_NAME_SCAN_BR_X, &qx);
  double height = axis_extent(h, SANE_NAME_SCAN_TL_Y, SANE_NAME_SCAN_BR_Y, &qy);
  jw_begin_object(w);
  jw_kv_string(w, "source", SOURCE_NAMES[kind]);
  jw_kv_string(w, "name", sane_name);
  if (width > 0 && height > 0) {
    jw_kv_number(w, "maxWidth", width);
    jw_kv_number(w, "maxHeight", height);
    jw_kv_number(w, "minWidth", qx > 0 ? qx : 1);
    jw_kv_number(w, "minHeight", qy > 0 ? qy : 1);
  }
  write_resolutions(h, w);
  write_modes(h, w);
  jw_kv_bool(w, "duplex", kind == SRC_FEEDER_DUPLEX);
  jw_end_object(w);
}

/* Paper-sensor options some backends offer (epjitsu, fujitsu, canon_dr, ...). SANE has no
 * standard name for them; a backend with neither is reported as "unknown", never guessed. */
static const char *const FEEDER_SENSORS[] = {"page-loaded", "adf-loaded", NULL};

static void write_feeder_state(SANE_Handle h, json_writer *w) {
  const char *state = "unknown";
  for (size_t k = 0; FEEDER_SENSORS[k]; k++) {
    int index;
    const SANE_Option_Descriptor *d = option_descriptor(h, FEEDER_SENSORS[k], &index);
    if (!d || d->type != SANE_TYPE_BOOL || !SANE_OPTION_IS_ACTIVE(d->cap)) continue;
    SANE_Bool loaded = SANE_FALSE;
    if (sane_control_option(h, index, SANE_ACTION_GET_VALUE, &loaded, NULL) != SANE_STATUS_GOOD) continue;
    state = loaded ? "loaded" : "empty";
    break;
  }
  jw_kv_string(w, "feeder", state);
}

int write_caps(SANE_Handle h, json_writer *w, worker_error *err) {
  const SANE_Option_Descriptor *d = option_descriptor(h, SANE_NAME_SCAN_SOURCE, NULL);
  jw_key(w, "sources");
  jw_begin_array(w);
  if (!d || d->constraint_type != SANE_CONSTRAINT_STRING_LIST || !usable(d)) {
    write_source(h, w, SRC_FLATBED, "");
    jw_end_array(w);
    return 0;
  }
  /* Copy the names first: changing the source may reload the descriptors. */
  char names[16][64];
  int count = 0;
  char original[64] = "";
  int index = option_index(h, SANE_NAME_SCAN_SOURCE);
  char *current = calloc(1, (size_t)d->size + 1);
  if (current && sane_control_option(h, index, SANE_ACTION_GET_VALUE, current, NULL) == SANE_STATUS_GOOD)
    snprintf(original, sizeof original, "%s", current);
  free(current);
  for (const SANE_String_Const *s = d->constraint.string_list; *s && count < 16; s++)
    snprintf(names[count++], sizeof names[0], "%s", *s);
  int listed[SRC_COUNT] = {0};
  for (int i = 0; i < count; i++) {
    source_kind kind = classify_source(names[i]);
    if (kind == SRC_NONE || listed[kind]) continue;
    if (set_string_option(h, SANE_NAME_SCAN_SOURCE, names[i], err) != 0) return -1;
    write_source(h, w, kind, names[i]);
    listed[kind] = 1;
  }
  jw_end_array(w);
  if (original[0] && set_string_option(h, SANE_NAME_SCAN_SOURCE, original, err) != 0) return -1;
  if (listed[SRC_FEEDER] || listed[SRC_FEEDER_DUPLEX]) write_feeder_state(h, w);
  return 0;
}
