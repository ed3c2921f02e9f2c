/*
 * Reading request lines from stdin without blocking the scan loop, so that a cancel or a ping
 * is answered while pages are being read. POSIX only (poll); the Windows workers read stdin on
 * a thread of their own.
 */
#ifndef SOHOA_SANE_IO_H
#define SOHOA_SANE_IO_H

#include <stddef.h>

#define MAX_REQUEST_LINE 65536

typedef struct {
  char buf[MAX_REQUEST_LINE + 1];
  size_t len;
  size_t consumed; /* bytes of the previous line still to drop */
  int eof;
  int overlong; /* the current line is being discarded because it is too long */
} line_reader;

/* Waits up to timeout_ms (0: just check; -1: forever) for a complete line.
 * Returns 1 with *line set (valid until the next call), 0 on timeout, -1 at end of input,
 * -2 when a line was too long and has been dropped. */
int lr_next(line_reader *r, int timeout_ms, char **line);

#endif
