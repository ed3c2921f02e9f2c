#include "twain_errors.h"

typedef struct {
  TW_UINT16 condition;
  const char *code;
  const char *text;
} twcc_entry;

static const twcc_entry TABLE[] = {
    {TWCC_SUCCESS, "io", "no condition reported"},
    {TWCC_BUMMER, "io", "the data source failed (TWCC_BUMMER)"},
    {TWCC_LOWMEMORY, "io", "the data source ran out of memory"},
    {TWCC_NODS, "device-gone", "the data source is not installed or cannot be found"},
    {TWCC_MAXCONNECTIONS, "busy", "the data source is in use by another program"},
    {TWCC_OPERATIONERROR, "io", "the data source or the device reported an operation error"},
    {TWCC_BADCAP, "invalid-setting", "the data source does not support this capability"},
    {TWCC_BADPROTOCOL, "io", "the data source does not support this operation"},
    {TWCC_BADVALUE, "invalid-setting", "the data source refused this value"},
    {TWCC_SEQERROR, "io", "the data source was asked in the wrong order (TWCC_SEQERROR)"},
    {TWCC_BADDEST, "device-gone", "the data source is no longer open"},
    {TWCC_CAPUNSUPPORTED, "invalid-setting", "the data source does not support this capability"},
    {TWCC_CAPBADOPERATION, "invalid-setting", "the data source does not allow this on this capability"},
    {TWCC_CAPSEQERROR, "invalid-setting", "this capability depends on another one that is not set"},
    {TWCC_DENIED, "busy", "the data source denied the operation"},
    {TWCC_FILEWRITEERROR, "io", "the data source could not write a file"},
    {TWCC_PAPERJAM, "jammed", "the paper jammed in the feeder"},
    {TWCC_PAPERDOUBLEFEED, "jammed", "two sheets were fed at once"},
    {TWCC_CHECKDEVICEONLINE, "device-gone", "the scanner is off or disconnected"},
    {TWCC_INTERLOCK, "cover-open", "the scanner's cover or a door is open"},
    {TWCC_DAMAGEDCORNER, "jammed", "a sheet with a damaged corner stopped the feeder"},
    {TWCC_FOCUSERROR, "io", "the scanner could not focus"},
    {TWCC_DOCTOOLIGHT, "io", "the document is too light to scan"},
    {TWCC_DOCTOODARK, "io", "the document is too dark to scan"},
    {TWCC_NOMEDIA, "no-documents", "there is no paper in the feeder"},
};

static const twcc_entry *find(TW_UINT16 condition) {
  for (size_t i = 0; i < sizeof TABLE / sizeof TABLE[0]; i++)
    if (TABLE[i].condition == condition) return &TABLE[i];
  return NULL;
}

const char *twcc_code(TW_UINT16 condition) {
  const twcc_entry *e = find(condition);
  return e ? e->code : "io";
}

const char *twcc_text(TW_UINT16 condition) {
  const twcc_entry *e = find(condition);
  return e ? e->text : "the data source reported an unknown condition";
}
