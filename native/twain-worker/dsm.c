#include "dsm.h"

#include <stdio.h>
#include <string.h>

#include "twain_errors.h"

static HMODULE library;
static DSMENTRYPROC entry;
static TW_IDENTITY app;
static HWND window;
static TW_ENTRYPOINT memory; /* filled when the DSM speaks TWAIN 2 */
static int have_memory_functions;
static const char *library_name = "";

static LRESULT CALLBACK window_proc(HWND hwnd, UINT msg, WPARAM wp, LPARAM lp) {
  return DefWindowProcW(hwnd, msg, wp, lp);
}

/* Data sources want a parent window even with their UI off, and TWAIN 1.x DSMs (Wine's among
 * them) deliver MSG_XFERREADY as a message posted to it. It is never shown. */
static HWND create_hidden_window(void) {
  WNDCLASSW wc = {0};
  wc.lpfnWndProc = window_proc;
  wc.hInstance = GetModuleHandleW(NULL);
  wc.lpszClassName = L"SoHoaTwainWorker";
  RegisterClassW(&wc);
  return CreateWindowW(L"SoHoaTwainWorker", L"SoHoa TWAIN worker", WS_OVERLAPPEDWINDOW, 0, 0, 1, 1, NULL, NULL, wc.hInstance, NULL);
}

static void fill_app_identity(void) {
  memset(&app, 0, sizeof app);
  app.Version.MajorNum = 1;
  app.Version.MinorNum = 0;
  app.Version.Language = TWLG_USA;
  app.Version.Country = TWCY_USA;
  snprintf(app.Version.Info, sizeof app.Version.Info, "SoHoa Station twain-worker");
  app.ProtocolMajor = TWON_PROTOCOLMAJOR;
  app.ProtocolMinor = TWON_PROTOCOLMINOR;
  app.SupportedGroups = DF_APP2 | DG_IMAGE | DG_CONTROL;
  snprintf(app.Manufacturer, sizeof app.Manufacturer, "SoHoa");
  snprintf(app.ProductFamily, sizeof app.ProductFamily, "SoHoa Station");
  snprintf(app.ProductName, sizeof app.ProductName, "SoHoa Station");
}

int dsm_start(char *message, size_t message_size) {
  if (entry) return 0;
  /* The TWAIN 2 DSM first; twain_32.dll is the 1.x DSM of old Windows installs and of Wine.
   * (A 64-bit process cannot load a 32-bit DSM or source: the station runs both builds.) */
  static const struct { const wchar_t *file; const char *name; } dsms[] = {{L"TWAINDSM.DLL", "TWAINDSM.DLL"}, {L"twain_32.dll", "twain_32.dll"}};
  for (size_t i = 0; i < sizeof dsms / sizeof dsms[0] && !entry; i++) {
    library = LoadLibraryW(dsms[i].file);
    if (!library) continue;
    entry = (DSMENTRYPROC)(void (*)(void))GetProcAddress(library, "DSM_Entry");
    if (entry) library_name = dsms[i].name;
    else FreeLibrary(library);
  }
  if (!entry) {
    snprintf(message, message_size, "no TWAIN data source manager (TWAINDSM.DLL or twain_32.dll) could be loaded");
    return -1;
  }
  fill_app_identity();
  window = create_hidden_window();
  TW_UINT16 rc = entry(&app, NULL, DG_CONTROL, DAT_PARENT, MSG_OPENDSM, (TW_MEMREF)&window);
  if (rc != TWRC_SUCCESS) {
    snprintf(message, message_size, "the TWAIN data source manager would not open (%s)", twcc_text(dsm_condition(NULL)));
    entry = NULL;
    return -1;
  }
  if (app.SupportedGroups & DF_DSM2) {
    memory.Size = sizeof memory;
    have_memory_functions = entry(&app, NULL, DG_CONTROL, DAT_ENTRYPOINT, MSG_GET, &memory) == TWRC_SUCCESS;
  }
  return 0;
}

void dsm_stop(void) {
  if (!entry) return;
  entry(&app, NULL, DG_CONTROL, DAT_PARENT, MSG_CLOSEDSM, (TW_MEMREF)&window);
  entry = NULL;
}

const char *dsm_library(void) {
  return library_name;
}

HWND dsm_window(void) {
  return window;
}

TW_UINT16 dsm_call(pTW_IDENTITY dest, TW_UINT32 dg, TW_UINT16 dat, TW_UINT16 msg, TW_MEMREF data) {
  return entry ? entry(&app, dest, dg, dat, msg, data) : TWRC_FAILURE;
}

TW_UINT16 dsm_condition(pTW_IDENTITY dest) {
  TW_STATUS status = {0};
  if (!entry || entry(&app, dest, DG_CONTROL, DAT_STATUS, MSG_GET, &status) != TWRC_SUCCESS) return TWCC_BUMMER;
  return status.ConditionCode;
}

TW_HANDLE dsm_alloc(TW_UINT32 size) {
  return have_memory_functions ? memory.DSM_MemAllocate(size) : GlobalAlloc(GHND, size);
}

void dsm_free(TW_HANDLE h) {
  if (!h) return;
  if (have_memory_functions) memory.DSM_MemFree(h);
  else GlobalFree(h);
}

TW_MEMREF dsm_lock(TW_HANDLE h) {
  return have_memory_functions ? memory.DSM_MemLock(h) : GlobalLock(h);
}

void dsm_unlock(TW_HANDLE h) {
  if (have_memory_functions) memory.DSM_MemUnlock(h);
  else GlobalUnlock(h);
}

int dsm_list_sources(TW_IDENTITY *out, int max) {
  int count = 0;
  TW_IDENTITY s;
  memset(&s, 0, sizeof s);
  TW_UINT16 rc = dsm_call(NULL, DG_CONTROL, DAT_IDENTITY, MSG_GETFIRST, &s);
  while (rc == TWRC_SUCCESS && count < max) {
    out[count++] = s;
    memset(&s, 0, sizeof s);
    rc = dsm_call(NULL, DG_CONTROL, DAT_IDENTITY, MSG_GETNEXT, &s);
  }
  return count;
}

void twain_string_utf8(const char *text, char *out, size_t size) {
  wchar_t wide[256];
  int n = MultiByteToWideChar(CP_ACP, 0, text, -1, wide, 256);
  if (n <= 0 || WideCharToMultiByte(CP_UTF8, 0, wide, -1, out, (int)size, NULL, NULL) <= 0) snprintf(out, size, "%s", text);
}

void device_id_of(const TW_IDENTITY *source, char *out, size_t size) {
  char maker[140], product[140];
  twain_string_utf8(source->Manufacturer, maker, sizeof maker);
  twain_string_utf8(source->ProductName, product, sizeof product);
  snprintf(out, size, "twain:%s/%s", maker, product);
}

int dsm_open_source(const char *device_id, TW_IDENTITY *source, const char **code, char *message, size_t message_size) {
  TW_IDENTITY all[MAX_SOURCES];
  int n = dsm_list_sources(all, MAX_SOURCES);
  for (int i = 0; i < n; i++) {
    char id[300];
    device_id_of(&all[i], id, sizeof id);
    if (strcmp(id, device_id) != 0) continue;
    *source = all[i];
    if (dsm_call(NULL, DG_CONTROL, DAT_IDENTITY, MSG_OPENDS, source) == TWRC_SUCCESS) return 0;
    TW_UINT16 cc = dsm_condition(NULL);
    /* A source that is listed but will not open is usually in use by another program. */
    *code = cc == TWCC_MAXCONNECTIONS || cc == TWCC_OPERATIONERROR ? "busy" : twcc_code(cc);
    snprintf(message, message_size, "cannot open %s: %s", device_id, twcc_text(cc));
    return -1;
  }
  *code = "device-gone";
  snprintf(message, message_size, "no TWAIN source %s (it was unplugged, or its driver was removed)", device_id);
  return -1;
}

void dsm_close_source(TW_IDENTITY *source) {
  dsm_call(NULL, DG_CONTROL, DAT_IDENTITY, MSG_CLOSEDS, source);
}
