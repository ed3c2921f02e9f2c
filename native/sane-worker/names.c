#include "names.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>

const char *const SOURCE_NAMES[SRC_COUNT] = {"flatbed", "feeder", "feeder-duplex"};
const char *const MODE_NAMES[MODE_COUNT] = {"color", "gray", "bw"};

static int contains_ci(const char *haystack, const char *needle) {
  size_t n = strlen(needle);
  for (const char *p = haystack; *p; p++) {
    size_t i = 0;
    while (i < n && p[i] && tolower((unsigned char)p[i]) == needle[i]) i++;
    if (i == n) return 1;
  }
  return 0;
}

/* Whether the name contains any of the (lower-case) words. */
static int any_of(const char *name, const char *const words[]) {
  for (size_t i = 0; words[i]; i++)
    if (contains_ci(name, words[i])) return 1;
  return 0;
}

/* Names seen in sane-backends (fujitsu, canon_dr, epjitsu, epsonds, avision, hp5590, genesys,
 * plustek, pixma, brother, hpaio, xerox_mfp, escl, airscan): film and slide units, and feeds
 * that deliver only the backs ("ADF Back", "ADF Rear") or come from a card slot, are no paper
 * source for a counter. */
static const char *const NOT_PAPER[] = {"transparen", "negative", "positive", "film", "slide", "tma", "xpa", "infrared", "card", NULL};
static const char *const BACKS_ONLY[] = {"back", "rear", NULL};
static const char *const FEEDER[] = {"adf", "feeder", "automatic document", "sheetfed", "sheet feed", NULL};
static const char *const FLATBED[] = {"flatbed", "normal", "document table", "platen", "glass", NULL};

source_kind classify_source(const char *name) {
  if (!name || !*name) return SRC_NONE;
  if (any_of(name, NOT_PAPER)) return SRC_NONE;
  /* "ADF Duplex", plain "Duplex" (hpaio), "Automatic Document Feeder(left aligned,Duplex)" (brother). */
  if (contains_ci(name, "duplex")) return SRC_FEEDER_DUPLEX;
  if (any_of(name, BACKS_ONLY)) return SRC_NONE;
  if (any_of(name, FEEDER)) return SRC_FEEDER; /* "ADF", "ADF Front", "Automatic Document Feeder" */
  if (any_of(name, FLATBED)) return SRC_FLATBED;
  return SRC_NONE;
}

/* Dithered, halftoned and colour-lineart modes only imitate grey or colour. */
static const char *const NOT_FAITHFUL[] = {"halftone", "dither", "diffusion", "color lineart", "colour lineart", NULL};
static const char *const COLOR[] = {"color", "colour", "rgb", NULL};
static const char *const GRAY[] = {"gray", "grey", NULL};
static const char *const BW[] = {"lineart", "line art", "binary", "black", "mono", "b&w", NULL};

mode_kind classify_mode(const char *name) {
  if (!name || !*name) return MODE_NONE;
  if (any_of(name, NOT_FAITHFUL)) return MODE_NONE;
  if (any_of(name, COLOR)) return MODE_COLOR; /* "Color", "Colour", "24bit Color", "24bit Color[Fast]" */
  if (any_of(name, GRAY)) return MODE_GRAY;   /* "Gray", "Grayscale", "True Gray", "Gray16" */
  if (any_of(name, BW) || strcmp(name, "BW") == 0) return MODE_BW; /* "Lineart", "Binary", "Black & White" */
  return MODE_NONE;
}

source_kind parse_source(const char *s) {
  for (int i = 0; s && i < SRC_COUNT; i++)
    if (strcmp(s, SOURCE_NAMES[i]) == 0) return (source_kind)i;
  return SRC_NONE;
}

mode_kind parse_mode(const char *s) {
  for (int i = 0; s && i < MODE_COUNT; i++)
    if (strcmp(s, MODE_NAMES[i]) == 0) return (mode_kind)i;
  return MODE_NONE;
}
