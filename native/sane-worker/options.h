/*
 * SANE option handling: finding options by name, reading constraints, setting values, and
 * mapping each vendor's source and mode names onto the station's normalised ones.
 *
 * Backends name the same thing differently ("ADF", "Automatic Document Feeder", "ADF Front";
 * "Color", "Colour", "24bit Color"); names.c maps them, and the rest of the station only ever
 * sees flatbed | feeder | feeder-duplex and color | gray | bw.
 */
#ifndef SOHOA_SANE_OPTIONS_H
#define SOHOA_SANE_OPTIONS_H

#include <sane/sane.h>
#include <stddef.h>

#include "../common/json.h"
#include "names.h"


/* Index of the named option, or -1. */
int option_index(SANE_Handle h, const char *name);
const SANE_Option_Descriptor *option_descriptor(SANE_Handle h, const char *name, int *index);

/* A failure that becomes an {"code","message"} error reply. */
typedef struct {
  const char *code;
  char message[256];
} worker_error;

void set_error(worker_error *err, const char *code, const char *fmt, ...);
const char *status_code(SANE_Status status);

/* Setters that check the option's constraint first and report invalid-setting clearly. */
int set_string_option(SANE_Handle h, const char *name, const char *value, worker_error *err);
/* Sets a numeric option (INT or FIXED) and returns the value the device actually took. */
int set_number_option(SANE_Handle h, const char *name, double value, double *actual, worker_error *err);
/* Reads a numeric option's current value. */
int get_number_option(SANE_Handle h, const char *name, double *value);

/* The SANE source name for a normalised source, found among the device's own names. */
const char *find_source_name(SANE_Handle h, source_kind kind);

/* Selects color, gray or bilevel: by mode name, or bilevel as gray at depth 1 when the device
 * has no lineart mode but offers a 1-bit depth (as the SANE test backend does). */
int select_mode(SANE_Handle h, mode_kind mode, worker_error *err);

/* Writes the "sources" array of a caps reply: per source its area, resolutions and modes. */
int write_caps(SANE_Handle h, json_writer *w, worker_error *err);

#endif
