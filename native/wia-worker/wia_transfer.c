/*
 * The WIA scan: settings written to the flatbed or feeder item, then one IWiaTransfer::Download
 * whose callback receives a stream per page (GetNextStream) and progress (TransferCallback).
 * Each page arrives as a BMP in memory and leaves as a TIFF in the spool folder.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../common/dib_page.h"
#include "../common/page_events.h"
#include "../common/win_input.h"
#include "wia2.h"
#include "wia_device.h"
#include "wia_internal.h"

typedef struct {
  IWiaTransferCallback iface; /* first: the COM object is this struct */
  LONG refs;
  const scan_request *request;
  wia_scan_outcome *outcome;
  IStream *stream;   /* the page being received */
  int cancelled;
  HRESULT device_error;
} transfer_callback;

static HRESULT STDMETHODCALLTYPE cb_query(IWiaTransferCallback *self, REFIID iid, void **out) {
  if (IsEqualIID(iid, &IID_IUnknown) || IsEqualIID(iid, &SOHOA_IID_IWiaTransferCallback)) {
    *out = self;
    self->lpVtbl->AddRef(self);
    return S_OK;
  }
  *out = NULL;
  return E_NOINTERFACE;
}

static ULONG STDMETHODCALLTYPE cb_addref(IWiaTransferCallback *self) {
  return (ULONG)InterlockedIncrement(&((transfer_callback *)self)->refs);
}

static ULONG STDMETHODCALLTYPE cb_release(IWiaTransferCallback *self) {
  return (ULONG)InterlockedDecrement(&((transfer_callback *)self)->refs); /* lives on the scan's stack */
}

/* Turns the finished page's BMP stream into a spool page. */
static void finish_page(transfer_callback *cb) {
  if (!cb->stream) return;
  HGLOBAL memory = NULL;
  STATSTG stat;
  if (!cb->outcome->code && SUCCEEDED(GetHGlobalFromStream(cb->stream, &memory)) && SUCCEEDED(cb->stream->lpVtbl->Stat(cb->stream, &stat, STATFLAG_NONAME))) {
    const uint8_t *bytes = GlobalLock(memory);
    size_t size = (size_t)stat.cbSize.QuadPart;
    if (bytes && size > sizeof(BITMAPFILEHEADER) + sizeof(BITMAPINFOHEADER)) {
      const BITMAPINFOHEADER *bi = (const BITMAPINFOHEADER *)(bytes + sizeof(BITMAPFILEHEADER));
      const char *code = write_dib_page(bi, size - sizeof(BITMAPFILEHEADER), cb->request, cb->outcome->pages_done + 1, cb->outcome->message, sizeof cb->outcome->message);
      if (code) cb->outcome->code = code;
      else cb->outcome->pages_done++;
    }
    if (bytes) GlobalUnlock(memory);
  }
  cb->stream->lpVtbl->Release(cb->stream);
  cb->stream = NULL;
}

static HRESULT STDMETHODCALLTYPE cb_transfer(IWiaTransferCallback *self, LONG flags, WiaTransferParams *params) {
  transfer_callback *cb = (transfer_callback *)self;
  if (params->lMessage == WIA_MSG_END_OF_STREAM) finish_page(cb);
  if (params->lMessage == WIA_MSG_DEVICE_STATUS && FAILED(params->hrErrorStatus)) cb->device_error = params->hrErrorStatus;
  if (win_service_requests_during_scan(cb->request->id)) cb->cancelled = 1;
  /* S_FALSE asks WIA to stop; so does a page we could not write. */
  return cb->cancelled || cb->outcome->code ? S_FALSE : S_OK;
}

static HRESULT STDMETHODCALLTYPE cb_next_stream(IWiaTransferCallback *self, LONG flags, BSTR item, BSTR full_item, IStream **out) {
  transfer_callback *cb = (transfer_callback *)self;
  finish_page(cb); /* a driver may skip END_OF_STREAM between pages */
  if (cb->cancelled || cb->outcome->code) return S_FALSE;
  if (cb->request->pages_limit > 0 && cb->outcome->pages_done >= cb->request->pages_limit) return S_FALSE;
  HRESULT hr = CreateStreamOnHGlobal(NULL, TRUE, &cb->stream);
  if (FAILED(hr)) return hr;
  cb->stream->lpVtbl->AddRef(cb->stream);
  *out = cb->stream;
  return S_OK;
}

static const IWiaTransferCallbackVtbl CALLBACK_VTBL = {cb_query, cb_addref, cb_release, cb_transfer, cb_next_stream};

/* Writes the request's settings to the item. Returns S_OK or the refused property's HRESULT. */
static HRESULT apply_settings(IWiaItem2 *item, const scan_request *r, wia_scan_outcome *outcome) {
  IPropertyStorage *p = wia_properties_of(item);
  if (!p) return E_NOINTERFACE;
  static const LONG DATATYPES[SCAN_MODE_COUNT] = {WIA_DATATYPE_COLOR, WIA_DATATYPE_GRAYSCALE, WIA_DATATYPE_THRESHOLD};
  static const LONG DEPTHS[SCAN_MODE_COUNT] = {24, 8, 1};
  HRESULT hr = S_OK;
  const char *what = NULL;
  if (r->source != SCAN_FLATBED) {
    LONG select = WIA_HANDLING_FEEDER | (r->source == SCAN_FEEDER_DUPLEX ? WIA_HANDLING_DUPLEX : 0);
    if (FAILED(hr = wia_write_long(p, PROP_DOCUMENT_HANDLING_SELECT, select))) what = "the scanner cannot scan both sides";
    else if (FAILED(hr = wia_write_long(p, PROP_PAGES, r->pages_limit))) what = "the scanner refused the page count";
  }
  if (!what && FAILED(hr = wia_write_long(p, PROP_DATATYPE, DATATYPES[r->mode]))) what = "the scanner cannot scan in this colour mode";
  if (!what) wia_write_long(p, PROP_DEPTH, DEPTHS[r->mode]);
  if (!what && (FAILED(hr = wia_write_long(p, PROP_XRES, (LONG)r->dpi)) || FAILED(hr = wia_write_long(p, PROP_YRES, (LONG)r->dpi))))
    what = "the scanner cannot scan at this resolution";
  if (!what && r->has_area) {
    /* Positions and extents are in pixels at the chosen resolution. */
    double px = r->dpi / 25.4;
    if (FAILED(hr = wia_write_long(p, PROP_XPOS, (LONG)lround(r->x * px))) || FAILED(hr = wia_write_long(p, PROP_YPOS, (LONG)lround(r->y * px))) ||
        FAILED(hr = wia_write_long(p, PROP_XEXTENT, (LONG)lround(r->width * px))) || FAILED(hr = wia_write_long(p, PROP_YEXTENT, (LONG)lround(r->height * px))))
      what = "the scan area does not fit the scanner";
  }
  if (!what && (FAILED(hr = wia_write_guid(p, PROP_FORMAT, &SOHOA_WiaImgFmt_BMP)) || FAILED(hr = wia_write_long(p, PROP_TYMED, TYMED_FILE))))
    what = "the scanner cannot deliver uncompressed images";
  p->lpVtbl->Release(p);
  if (what) {
    outcome->code = "invalid-setting";
    snprintf(outcome->message, sizeof outcome->message, "%s (0x%08lx)", what, (unsigned long)hr);
  }
  return hr;
}

HRESULT wia_scan(const scan_request *r, wia_scan_outcome *outcome) {
  memset(outcome, 0, sizeof *outcome);
  IWiaItem2 *root = NULL;
  HRESULT hr = wia_open_device(r->device, &root);
  if (FAILED(hr)) return hr;
  IWiaItem2 *item = wia_child_of(root, r->source == SCAN_FLATBED ? &SOHOA_WIA_CATEGORY_FLATBED : &SOHOA_WIA_CATEGORY_FEEDER);
  IWiaTransfer *transfer = NULL;
  if (!item) {
    outcome->code = "invalid-setting";
    snprintf(outcome->message, sizeof outcome->message, "the scanner has no %s", SCAN_SOURCE_NAMES[r->source]);
    hr = E_INVALIDARG;
  } else if (SUCCEEDED(hr = apply_settings(item, r, outcome)) &&
             SUCCEEDED(hr = item->lpVtbl->QueryInterface(item, &SOHOA_IID_IWiaTransfer, (void **)&transfer))) {
    transfer_callback cb = {{&CALLBACK_VTBL}, 1, r, outcome, NULL, 0, S_OK};
    hr = transfer->lpVtbl->Download(transfer, 0, &cb.iface);
    finish_page(&cb);
    transfer->lpVtbl->Release(transfer);
    if (cb.cancelled) {
      outcome->code = "cancelled";
      snprintf(outcome->message, sizeof outcome->message, "the scan was cancelled");
      hr = E_ABORT;
    } else if (outcome->code) {
      hr = E_FAIL;
    } else if (FAILED(cb.device_error) && SUCCEEDED(hr)) {
      hr = cb.device_error;
    }
    hr = wia_settle(hr, r, outcome);
  }
  if (item) item->lpVtbl->Release(item);
  root->lpVtbl->Release(root);
  return hr;
}
