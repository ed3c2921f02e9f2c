/*
 * Each vendor's SANE source and mode names onto the station's normalised ones.
 *
 * Pure string work with no libsane calls, so that a small test program can check the table of
 * real backends' names (test/core/sane-names.test.ts compiles and runs names_check.c).
 */
#ifndef SOHOA_SANE_NAMES_H
#define SOHOA_SANE_NAMES_H

typedef enum { SRC_NONE = -1, SRC_FLATBED = 0, SRC_FEEDER, SRC_FEEDER_DUPLEX, SRC_COUNT } source_kind;
typedef enum { MODE_NONE = -1, MODE_COLOR = 0, MODE_GRAY, MODE_BW, MODE_COUNT } mode_kind;

extern const char *const SOURCE_NAMES[SRC_COUNT];
extern const char *const MODE_NAMES[MODE_COUNT];

/* A backend's scan-source value ("ADF Duplex", "Document Table", "Transparency") as a paper
 * source, or SRC_NONE for what is not one (film units, back-only feeds, card slots). */
source_kind classify_source(const char *sane_name);
/* A backend's scan-mode value ("24bit Color", "True Gray", "Black & White") as a colour mode,
 * or MODE_NONE for modes that are not a faithful copy of the paper (halftone, dithered). */
mode_kind classify_mode(const char *sane_name);
/* The station's own names ("feeder", "bw") back to the enums. */
source_kind parse_source(const char *normalised);
mode_kind parse_mode(const char *normalised);

#endif
