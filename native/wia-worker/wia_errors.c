#include "wia_errors.h"

#define WIA_HR(n) MAKE_HRESULT(SEVERITY_ERROR, 33 /* FACILITY_WIA */, (n))

typedef struct {
  HRESULT hr;
  const char *code;
  const char *text;
} wia_entry;

static const wia_entry TABLE[] = {
    {WIA_HR(1), "io", "the scanner reported a general error"},
    {WIA_HR(2), "jammed", "the paper jammed in the feeder"},                 /* WIA_ERROR_PAPER_JAM */
    {WIA_HR(3), "no-documents", "there is no paper in the feeder"},          /* WIA_ERROR_PAPER_EMPTY */
    {WIA_HR(4), "jammed", "there is a problem with the paper in the feeder"}, /* WIA_ERROR_PAPER_PROBLEM */
    {WIA_HR(5), "device-gone", "the scanner is off or disconnected"},        /* WIA_ERROR_OFFLINE */
    {WIA_HR(6), "busy", "the scanner is busy"},                              /* WIA_ERROR_BUSY */
    {WIA_HR(7), "busy", "the scanner is warming up"},                        /* WIA_ERROR_WARMING_UP */
    {WIA_HR(8), "cover-open", "the scanner needs attention (a cover or a lever)"}, /* WIA_ERROR_USER_INTERVENTION */
    {WIA_HR(9), "device-gone", "the scanner item no longer exists"},         /* WIA_ERROR_ITEM_DELETED */
    {WIA_HR(10), "io", "communication with the scanner failed"},             /* WIA_ERROR_DEVICE_COMMUNICATION */
    {WIA_HR(11), "io", "the scanner did not accept the command"},
    {WIA_HR(12), "invalid-setting", "the scanner's settings are not consistent"},
    {WIA_HR(13), "busy", "the scanner is locked by another program"},        /* WIA_ERROR_DEVICE_LOCKED */
    {WIA_HR(14), "io", "the scanner's driver failed"},
    {WIA_HR(15), "io", "the scanner's driver answered wrongly"},
    {WIA_HR(16), "cover-open", "the scanner's cover is open"},               /* WIA_ERROR_COVER_OPEN */
    {WIA_HR(17), "io", "the scanner's lamp is off"},                         /* WIA_ERROR_LAMP_OFF */
    {WIA_HR(21), "device-gone", "no such scanner"},                          /* WIA_S_NO_DEVICE_AVAILABLE */
    {E_ABORT, "cancelled", "the scan was cancelled"},
    {E_INVALIDARG, "invalid-setting", "the scanner refused a setting"},
    {E_OUTOFMEMORY, "io", "out of memory"},
    {HRESULT_FROM_WIN32(ERROR_CANCELLED), "cancelled", "the scan was cancelled"},
};

static const wia_entry *find(HRESULT hr) {
  for (size_t i = 0; i < sizeof TABLE / sizeof TABLE[0]; i++)
    if (TABLE[i].hr == hr) return &TABLE[i];
  return NULL;
}

const char *wia_code(HRESULT hr) {
  const wia_entry *e = find(hr);
  return e ? e->code : "io";
}

const char *wia_text(HRESULT hr) {
  const wia_entry *e = find(hr);
  return e ? e->text : "the scanner reported an error";
}
