#include "win_input.h"

#include <stdlib.h>
#include <string.h>

#define MAX_REQUEST_LINE 65536

typedef struct queued_line {
  struct queued_line *next;
  int overlong;
  char text[];
} queued_line;

static CRITICAL_SECTION lock;
static HANDLE ready_event;
static queued_line *head, *tail;
static int reached_eof, eof_taken;
static json_doc aside; /* requests that arrive during a scan */

static void push(const char *text, size_t len, int overlong) {
  queued_line *q = malloc(sizeof *q + len + 1);
  if (!q) return;
  q->next = NULL;
  q->overlong = overlong;
  memcpy(q->text, text, len);
  q->text[len] = '\0';
  if (len && q->text[len - 1] == '\r') q->text[len - 1] = '\0';
  EnterCriticalSection(&lock);
  if (tail) tail->next = q;
  else head = q;
  tail = q;
  SetEvent(ready_event);
  LeaveCriticalSection(&lock);
}

static DWORD WINAPI reader(void *unused) {
  HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
  static char buf[MAX_REQUEST_LINE];
  size_t len = 0;
  int overlong = 0;
  for (;;) {
    char chunk[4096];
    DWORD got = 0;
    if (!ReadFile(in, chunk, sizeof chunk, &got, NULL) || got == 0) break;
    for (DWORD i = 0; i < got; i++) {
      if (chunk[i] == '\n') {
        push(buf, overlong ? 0 : len, overlong);
        len = 0;
        overlong = 0;
      } else if (len < sizeof buf) {
        buf[len++] = chunk[i];
      } else {
        overlong = 1; /* keep reading to the newline, then report the line as dropped */
      }
    }
  }
  /* A last line without a newline is not a request: report the end. */
  EnterCriticalSection(&lock);
  reached_eof = 1;
  SetEvent(ready_event);
  LeaveCriticalSection(&lock);
  return 0;
}

int win_input_start(void) {
  InitializeCriticalSection(&lock);
  ready_event = CreateEventW(NULL, TRUE, FALSE, NULL);
  if (!ready_event) return -1;
  HANDLE t = CreateThread(NULL, 0, reader, NULL, 0, NULL);
  if (!t) return -1;
  CloseHandle(t);
  return 0;
}

HANDLE win_input_event(void) {
  return ready_event;
}

int win_input_next(char **line) {
  int rc = 0;
  EnterCriticalSection(&lock);
  if (head) {
    queued_line *q = head;
    head = q->next;
    if (!head) tail = NULL;
    if (q->overlong) {
      free(q);
      rc = -2;
    } else {
      *line = (char *)q; /* the text sits at the start of a block the caller frees */
      memmove(q, q->text, strlen(q->text) + 1);
      rc = 1;
    }
  } else if (reached_eof) {
    eof_taken = 1;
    rc = -1;
  }
  if (!head && !reached_eof) ResetEvent(ready_event);
  LeaveCriticalSection(&lock);
  return rc;
}

int win_input_closed(void) {
  EnterCriticalSection(&lock);
  int closed = eof_taken;
  LeaveCriticalSection(&lock);
  return closed;
}

int win_service_requests_during_scan(double scan_id) {
  int stop = 0;
  char *line;
  int rc;
  while (!stop && (rc = win_input_next(&line)) != 0) {
    if (rc == -1) return 1; /* the station went away: stop scanning, then exit */
    if (rc == -2) {
      send_error(-1, "invalid-setting", "request line too long");
      continue;
    }
    double id;
    const char *op;
    const json_value *req = parse_request(&aside, line, &id, &op);
    if (req && strcmp(op, "cancel") == 0) {
      send_ok(id);
      if (json_get_number(req, "target", -1) == scan_id) stop = 1;
    } else if (req && strcmp(op, "ping") == 0) {
      send_ok(id);
    } else if (req) {
      send_error(id, "busy", "a scan is running; cancel it or wait for it to finish");
    }
    free(line);
  }
  return stop;
}

void win_serve_requests(void (*handle_request)(char *line)) {
  HANDLE input = win_input_event();
  for (;;) {
    char *line;
    int rc = win_input_next(&line);
    if (rc == -1) break;
    if (rc == -2) send_error(-1, "invalid-setting", "request line too long");
    if (rc == 1) {
      handle_request(line);
      free(line);
      if (win_input_closed()) break;
      continue;
    }
    /* Idle: keep the thread's messages flowing (TWAIN's hidden window, COM in a single-threaded
     * apartment) while waiting for the next request. */
    MSG msg;
    while (PeekMessageW(&msg, NULL, 0, 0, PM_REMOVE)) {
      TranslateMessage(&msg);
      DispatchMessageW(&msg);
    }
    MsgWaitForMultipleObjects(1, &input, FALSE, INFINITE, QS_ALLINPUT);
  }
}

int win_worker_ready(const char *family) {
  json_writer w;
  jw_init(&w);
  begin_ready(&w, family);
  jw_kv_int(&w, "bits", (long long)sizeof(void *) * 8);
  int started = win_input_start() == 0;
  if (!started) jw_kv_string(&w, "error", "cannot start the input thread");
  send_message(&w);
  jw_free(&w);
  return started ? 0 : -1;
}
