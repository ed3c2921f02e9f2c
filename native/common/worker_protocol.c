#include "worker_protocol.h"

#include <stdio.h>
#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#endif

void protocol_init_stdio(void) {
#ifdef _WIN32
  /* Text mode would turn every "\n" into "\r\n" and treat a 0x1A byte as the end of input. */
  _setmode(_fileno(stdout), _O_BINARY);
  _setmode(_fileno(stdin), _O_BINARY);
#endif
}

void begin_message(json_writer *w, double id) {
  jw_begin_object(w);
  jw_kv_number(w, "id", id);
}

void send_message(json_writer *w) {
  jw_end_object(w);
  jw_emit_line(w, stdout);
}

void send_error(double id, const char *code, const char *message) {
  json_writer w;
  jw_init(&w);
  jw_begin_object(&w);
  if (id >= 0) jw_kv_number(&w, "id", id);
  else {
    jw_key(&w, "id");
    jw_null(&w);
  }
  jw_key(&w, "error");
  jw_begin_object(&w);
  jw_kv_string(&w, "code", code);
  jw_kv_string(&w, "message", message);
  jw_end_object(&w);
  send_message(&w);
  jw_free(&w);
}

void send_ok(double id) {
  json_writer w;
  jw_init(&w);
  begin_message(&w, id);
  jw_kv_bool(&w, "ok", 1);
  send_message(&w);
  jw_free(&w);
}

void begin_ready(json_writer *w, const char *worker) {
  jw_begin_object(w);
  jw_kv_string(w, "event", "ready");
  jw_kv_int(w, "protocol", WORKER_PROTOCOL_VERSION);
  jw_kv_string(w, "worker", worker);
}

const json_value *parse_request(json_doc *d, char *line, double *id, const char **op) {
  const json_value *req = json_parse(d, line);
  if (!req || req->type != JSON_OBJECT) {
    send_error(-1, "invalid-setting", req ? "a request must be a JSON object" : d->error);
    return NULL;
  }
  const json_value *idv = json_get(req, "id");
  *op = json_get_string(req, "op");
  if (!idv || idv->type != JSON_NUMBER || !*op) {
    send_error(idv && idv->type == JSON_NUMBER ? idv->number : -1, "invalid-setting", "a request needs a numeric id and an op");
    return NULL;
  }
  *id = idv->number;
  return req;
}
