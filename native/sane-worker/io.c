#include "io.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

static char *take_line(line_reader *r) {
  char *nl = memchr(r->buf, '\n', r->len);
  if (!nl) return NULL;
  *nl = '\0';
  if (nl > r->buf && nl[-1] == '\r') nl[-1] = '\0';
  r->consumed = (size_t)(nl - r->buf) + 1;
  return r->buf;
}

int lr_next(line_reader *r, int timeout_ms, char **line) {
  if (r->consumed) { /* drop the line handed out last time */
    memmove(r->buf, r->buf + r->consumed, r->len - r->consumed);
    r->len -= r->consumed;
    r->consumed = 0;
  }
  for (;;) {
    if ((*line = take_line(r)) != NULL) {
      if (r->overlong) { /* the tail of a dropped line */
        r->overlong = 0;
        memmove(r->buf, r->buf + r->consumed, r->len - r->consumed);
        r->len -= r->consumed;
        r->consumed = 0;
        return -2;
      }
      return 1;
    }
    if (r->eof) return -1;
    if (r->len == MAX_REQUEST_LINE) { /* no newline in a full buffer: discard and resync */
      r->len = 0;
      r->overlong = 1;
    }
    struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
    int n = poll(&p, 1, timeout_ms);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return 0;
    ssize_t got = read(STDIN_FILENO, r->buf + r->len, MAX_REQUEST_LINE - r->len);
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (got <= 0) {
      r->eof = 1;
      continue; /* a last line without a newline is not a request; report the end */
    }
    r->len += (size_t)got;
    if (timeout_ms == 0 && !memchr(r->buf, '\n', r->len)) return 0;
  }
}
