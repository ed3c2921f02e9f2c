#include "json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---------- reading ---------- */

typedef struct {
  json_doc *doc;
  const char *p;
  int depth;
} parser;

#define MAX_DEPTH 16

static json_value *new_value(parser *ps, json_type type) {
  if (ps->doc->used_values >= JSON_ARENA_VALUES) {
    ps->doc->error = "request too large (too many values)";
    return NULL;
  }
  json_value *v = &ps->doc->values[ps->doc->used_values++];
  memset(v, 0, sizeof *v);
  v->type = type;
  return v;
}

static int put_char(parser *ps, char c) {
  if (ps->doc->used_chars >= JSON_ARENA_CHARS) {
    ps->doc->error = "request too large (strings too long)";
    return 0;
  }
  ps->doc->chars[ps->doc->used_chars++] = c;
  return 1;
}

static void skip_ws(parser *ps) {
  while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\r' || *ps->p == '\n') ps->p++;
}

static int hex4(const char *s, unsigned *out) {
  unsigned v = 0;
  for (int i = 0; i < 4; i++) {
    char c = s[i];
    v <<= 4;
    if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
    else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
    else return 0;
  }
  *out = v;
  return 1;
}

static int put_utf8(parser *ps, unsigned cp) {
  if (cp < 0x80) return put_char(ps, (char)cp);
  if (cp < 0x800) return put_char(ps, (char)(0xC0 | (cp >> 6))) && put_char(ps, (char)(0x80 | (cp & 0x3F)));
  if (cp < 0x10000)
    return put_char(ps, (char)(0xE0 | (cp >> 12))) && put_char(ps, (char)(0x80 | ((cp >> 6) & 0x3F))) &&
           put_char(ps, (char)(0x80 | (cp & 0x3F)));
  return put_char(ps, (char)(0xF0 | (cp >> 18))) && put_char(ps, (char)(0x80 | ((cp >> 12) & 0x3F))) &&
         put_char(ps, (char)(0x80 | ((cp >> 6) & 0x3F))) && put_char(ps, (char)(0x80 | (cp & 0x3F)));
}

/* Parses a string literal at ps->p (which points at the opening quote) into the char arena. */
static char *parse_string_raw(parser *ps) {
  if (*ps->p != '"') {
    ps->doc->error = "expected a string";
    return NULL;
  }
  ps->p++;
  char *start = &ps->doc->chars[ps->doc->used_chars];
  for (;;) {
    unsigned char c = (unsigned char)*ps->p;
    if (c == '\0') {
      ps->doc->error = "unterminated string";
      return NULL;
    }
    if (c < 0x20) {
      ps->doc->error = "control character in string";
      return NULL;
    }
    if (c == '"') {
      ps->p++;
      break;
    }
    if (c != '\\') {
      if (!put_char(ps, (char)c)) return NULL;
      ps->p++;
      continue;
    }
    ps->p++;
    char e = *ps->p++;
    char out;
    switch (e) {
      case '"': out = '"'; break;
      case '\\': out = '\\'; break;
      case '/': out = '/'; break;
      case 'b': out = '\b'; break;
      case 'f': out = '\f'; break;
      case 'n': out = '\n'; break;
      case 'r': out = '\r'; break;
      case 't': out = '\t'; break;
      case 'u': {
        unsigned cp;
        if (!hex4(ps->p, &cp)) {
          ps->doc->error = "bad \\u escape";
          return NULL;
        }
        ps->p += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) { /* surrogate pair */
          unsigned low;
          if (ps->p[0] != '\\' || ps->p[1] != 'u' || !hex4(ps->p + 2, &low) || low < 0xDC00 || low > 0xDFFF) {
            ps->doc->error = "unpaired surrogate";
            return NULL;
          }
          ps->p += 6;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        if (!put_utf8(ps, cp)) return NULL;
        continue;
      }
      default:
        ps->doc->error = "bad escape in string";
        return NULL;
    }
    if (!put_char(ps, out)) return NULL;
  }
  if (!put_char(ps, '\0')) return NULL;
  return start;
}

static json_value *parse_value(parser *ps);

static json_value *parse_container(parser *ps, int is_object) {
  json_value *v = new_value(ps, is_object ? JSON_OBJECT : JSON_ARRAY);
  if (!v) return NULL;
  if (++ps->depth > MAX_DEPTH) {
    ps->doc->error = "nesting too deep";
    return NULL;
  }
  ps->p++; /* { or [ */
  skip_ws(ps);
  char close = is_object ? '}' : ']';
  json_value **tail = &v->child;
  if (*ps->p == close) {
    ps->p++;
    ps->depth--;
    return v;
  }
  for (;;) {
    char *key = NULL;
    if (is_object) {
      skip_ws(ps);
      key = parse_string_raw(ps);
      if (!key) return NULL;
      skip_ws(ps);
      if (*ps->p != ':') {
        ps->doc->error = "expected ':'";
        return NULL;
      }
      ps->p++;
    }
    json_value *item = parse_value(ps);
    if (!item) return NULL;
    item->key = key;
    *tail = item;
    tail = &item->next;
    skip_ws(ps);
    if (*ps->p == ',') {
      ps->p++;
      continue;
    }
    if (*ps->p == close) {
      ps->p++;
      ps->depth--;
      return v;
    }
    ps->doc->error = is_object ? "expected ',' or '}'" : "expected ',' or ']'";
    return NULL;
  }
}

static json_value *parse_value(parser *ps) {
  skip_ws(ps);
  char c = *ps->p;
  if (c == '{') return parse_container(ps, 1);
  if (c == '[') return parse_container(ps, 0);
  if (c == '"') {
    json_value *v = new_value(ps, JSON_STRING);
    if (!v) return NULL;
    v->string = parse_string_raw(ps);
    return v->string ? v : NULL;
  }
  if (strncmp(ps->p, "true", 4) == 0 || strncmp(ps->p, "false", 5) == 0) {
    json_value *v = new_value(ps, JSON_BOOL);
    if (!v) return NULL;
    v->boolean = c == 't';
    ps->p += v->boolean ? 4 : 5;
    return v;
  }
  if (strncmp(ps->p, "null", 4) == 0) {
    ps->p += 4;
    return new_value(ps, JSON_NULL);
  }
  if (c == '-' || (c >= '0' && c <= '9')) {
    char *end;
    double d = strtod(ps->p, &end);
    if (end == ps->p || !isfinite(d)) {
      ps->doc->error = "bad number";
      return NULL;
    }
    json_value *v = new_value(ps, JSON_NUMBER);
    if (!v) return NULL;
    v->number = d;
    ps->p = end;
    return v;
  }
  ps->doc->error = "unexpected character";
  return NULL;
}

json_value *json_parse(json_doc *doc, const char *text) {
  doc->used_values = 0;
  doc->used_chars = 0;
  doc->error = NULL;
  parser ps = {doc, text, 0};
  json_value *root = parse_value(&ps);
  if (!root) return NULL;
  skip_ws(&ps);
  if (*ps.p != '\0') {
    doc->error = "trailing characters after the JSON value";
    return NULL;
  }
  return root;
}

const json_value *json_get(const json_value *object, const char *key) {
  if (!object || object->type != JSON_OBJECT) return NULL;
  for (const json_value *m = object->child; m; m = m->next)
    if (m->key && strcmp(m->key, key) == 0) return m;
  return NULL;
}

const char *json_get_string(const json_value *object, const char *key) {
  const json_value *v = json_get(object, key);
  return v && v->type == JSON_STRING ? v->string : NULL;
}

double json_get_number(const json_value *object, const char *key, double fallback) {
  const json_value *v = json_get(object, key);
  return v && v->type == JSON_NUMBER ? v->number : fallback;
}

int json_get_bool(const json_value *object, const char *key, int fallback) {
  const json_value *v = json_get(object, key);
  return v && v->type == JSON_BOOL ? v->boolean : fallback;
}

/* ---------- writing ---------- */

static void jw_reserve(json_writer *w, size_t extra) {
  if (w->length + extra + 1 <= w->capacity) return;
  size_t cap = w->capacity ? w->capacity : 256;
  while (cap < w->length + extra + 1) cap *= 2;
  char *grown = realloc(w->data, cap);
  if (!grown) abort(); /* out of memory while writing a reply: nothing sensible left to do */
  w->data = grown;
  w->capacity = cap;
}

static void jw_raw(json_writer *w, const char *s, size_t n) {
  jw_reserve(w, n);
  memcpy(w->data + w->length, s, n);
  w->length += n;
  w->data[w->length] = '\0';
}

static void jw_sep(json_writer *w) {
  if (w->need_comma) jw_raw(w, ",", 1);
  w->need_comma = 1;
}

void jw_init(json_writer *w) { memset(w, 0, sizeof *w); }
void jw_free(json_writer *w) {
  free(w->data);
  memset(w, 0, sizeof *w);
}

void jw_begin_object(json_writer *w) {
  jw_sep(w);
  jw_raw(w, "{", 1);
  w->need_comma = 0;
}
void jw_end_object(json_writer *w) {
  jw_raw(w, "}", 1);
  w->need_comma = 1;
}
void jw_begin_array(json_writer *w) {
  jw_sep(w);
  jw_raw(w, "[", 1);
  w->need_comma = 0;
}
void jw_end_array(json_writer *w) {
  jw_raw(w, "]", 1);
  w->need_comma = 1;
}

static void jw_quoted(json_writer *w, const char *s) {
  jw_raw(w, "\"", 1);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    char esc[8];
    switch (*p) {
      case '"': jw_raw(w, "\\\"", 2); break;
      case '\\': jw_raw(w, "\\\\", 2); break;
      case '\n': jw_raw(w, "\\n", 2); break;
      case '\r': jw_raw(w, "\\r", 2); break;
      case '\t': jw_raw(w, "\\t", 2); break;
      default:
        if (*p < 0x20) {
          snprintf(esc, sizeof esc, "\\u%04x", *p);
          jw_raw(w, esc, 6);
        } else {
          jw_raw(w, (const char *)p, 1);
        }
    }
  }
  jw_raw(w, "\"", 1);
}

void jw_key(json_writer *w, const char *key) {
  jw_sep(w);
  jw_quoted(w, key);
  jw_raw(w, ":", 1);
  w->need_comma = 0;
}

void jw_string(json_writer *w, const char *value) {
  jw_sep(w);
  if (value) jw_quoted(w, value);
  else jw_raw(w, "null", 4);
}

void jw_number(json_writer *w, double value) {
  char buf[32];
  jw_sep(w);
  if (!isfinite(value)) {
    jw_raw(w, "null", 4);
    return;
  }
  int n = snprintf(buf, sizeof buf, "%.10g", value);
  jw_raw(w, buf, (size_t)n);
}

void jw_int(json_writer *w, long long value) {
  char buf[32];
  jw_sep(w);
  int n = snprintf(buf, sizeof buf, "%lld", value);
  jw_raw(w, buf, (size_t)n);
}

void jw_bool(json_writer *w, int value) {
  jw_sep(w);
  jw_raw(w, value ? "true" : "false", value ? 4 : 5);
}

void jw_null(json_writer *w) {
  jw_sep(w);
  jw_raw(w, "null", 4);
}

void jw_kv_string(json_writer *w, const char *key, const char *value) {
  jw_key(w, key);
  jw_string(w, value);
}
void jw_kv_int(json_writer *w, const char *key, long long value) {
  jw_key(w, key);
  jw_int(w, value);
}
void jw_kv_number(json_writer *w, const char *key, double value) {
  jw_key(w, key);
  jw_number(w, value);
}
void jw_kv_bool(json_writer *w, const char *key, int value) {
  jw_key(w, key);
  jw_bool(w, value);
}

void jw_emit_line(json_writer *w, FILE *out) {
  if (w->length) fwrite(w->data, 1, w->length, out);
  fputc('\n', out);
  fflush(out);
  w->length = 0;
  w->need_comma = 0;
  if (w->data) w->data[0] = '\0';
}
