/*
 * A small JSON reader and writer for the scan worker protocol (JSON Lines).
 *
 * Every worker (SANE on Linux/macOS, TWAIN and WIA on Windows, cross-compiled with mingw-w64)
 * shares this file, so it depends on nothing but the C standard library. It reads one request
 * line into a tree held in a fixed arena (requests are small: an op, an id, a settings object),
 * and writes replies with correct string escaping.
 */
#ifndef SOHOA_JSON_H
#define SOHOA_JSON_H

#include <stddef.h>
#include <stdio.h>

typedef enum { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } json_type;

typedef struct json_value {
  json_type type;
  double number;
  int boolean;
  char *string;             /* JSON_STRING: decoded UTF-8, NUL-terminated */
  char *key;                /* set when this value is a member of an object */
  struct json_value *child; /* first element or member */
  struct json_value *next;  /* next sibling */
} json_value;

#define JSON_ARENA_VALUES 512
#define JSON_ARENA_CHARS 16384

typedef struct {
  json_value values[JSON_ARENA_VALUES];
  size_t used_values;
  char chars[JSON_ARENA_CHARS];
  size_t used_chars;
  const char *error; /* why parsing failed, for the error reply */
} json_doc;

/* Parses one JSON text. Returns the root, or NULL with doc->error set. */
json_value *json_parse(json_doc *doc, const char *text);

/* Lookups that return NULL (or the fallback) when the member is absent or of another type. */
const json_value *json_get(const json_value *object, const char *key);
const char *json_get_string(const json_value *object, const char *key);
double json_get_number(const json_value *object, const char *key, double fallback);
int json_get_bool(const json_value *object, const char *key, int fallback);

/* Writing: a growable buffer, flushed as one line so replies never interleave. */
typedef struct {
  char *data;
  size_t length;
  size_t capacity;
  int need_comma;
} json_writer;

void jw_init(json_writer *w);
void jw_free(json_writer *w);
void jw_begin_object(json_writer *w);
void jw_end_object(json_writer *w);
void jw_begin_array(json_writer *w);
void jw_end_array(json_writer *w);
void jw_key(json_writer *w, const char *key);
void jw_string(json_writer *w, const char *value);
void jw_number(json_writer *w, double value);
void jw_int(json_writer *w, long long value);
void jw_bool(json_writer *w, int value);
void jw_null(json_writer *w);
/* Convenience: key + value. */
void jw_kv_string(json_writer *w, const char *key, const char *value);
void jw_kv_int(json_writer *w, const char *key, long long value);
void jw_kv_number(json_writer *w, const char *key, double value);
void jw_kv_bool(json_writer *w, const char *key, int value);
/* Writes the buffer and a newline to out, flushes, and resets the writer. */
void jw_emit_line(json_writer *w, FILE *out);

#endif
