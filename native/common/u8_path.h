/*
 * File names are UTF-8 throughout the protocol. On Windows the C library's fopen/rename/remove
 * take the ANSI code page, which cannot spell every Vietnamese user name in a profile path; these
 * convert to UTF-16 and use the wide calls. Elsewhere they are the plain calls.
 */
#ifndef SOHOA_U8_PATH_H
#define SOHOA_U8_PATH_H

#include <stdio.h>

#ifdef _WIN32
#include <stdlib.h>
#include <windows.h>

static inline wchar_t *u8_widen(const char *s) {
  int n = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
  wchar_t *w = n > 0 ? malloc(sizeof(wchar_t) * (size_t)n) : NULL;
  if (w && MultiByteToWideChar(CP_UTF8, 0, s, -1, w, n) != n) {
    free(w);
    w = NULL;
  }
  return w;
}

static inline FILE *u8_fopen(const char *path, const char *mode) {
  wchar_t *wp = u8_widen(path), *wm = u8_widen(mode);
  FILE *f = wp && wm ? _wfopen(wp, wm) : NULL;
  free(wp);
  free(wm);
  return f;
}

static inline int u8_rename(const char *from, const char *to) {
  wchar_t *a = u8_widen(from), *b = u8_widen(to);
  /* MoveFileEx replaces an existing target, as POSIX rename does. */
  int rc = a && b && MoveFileExW(a, b, MOVEFILE_REPLACE_EXISTING) ? 0 : -1;
  free(a);
  free(b);
  return rc;
}

static inline int u8_remove(const char *path) {
  wchar_t *w = u8_widen(path);
  int rc = w ? _wremove(w) : -1;
  free(w);
  return rc;
}
#else
#define u8_fopen fopen
#define u8_rename rename
#define u8_remove remove
#endif

#endif
