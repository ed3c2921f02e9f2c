/*
 * names-check: classifies SANE names read from stdin, one "source NAME" or "mode NAME" a line,
 * and prints the normalised kind (or "none") a line each. Not part of the worker: the test of
 * the vendor-name table (test/core/sane-names.test.ts) compiles it with names.c and runs it.
 */
#include <stdio.h>
#include <string.h>

#include "names.h"

int main(void) {
  char line[512];
  while (fgets(line, sizeof line, stdin)) {
    line[strcspn(line, "\r\n")] = '\0';
    if (strncmp(line, "source ", 7) == 0) {
      source_kind k = classify_source(line + 7);
      puts(k == SRC_NONE ? "none" : SOURCE_NAMES[k]);
    } else if (strncmp(line, "mode ", 5) == 0) {
      mode_kind k = classify_mode(line + 5);
      puts(k == MODE_NONE ? "none" : MODE_NAMES[k]);
    } else {
      puts("?");
    }
  }
  return 0;
}
