#include "wia_device.h"

#define WIA_ERROR_PAPER_EMPTY MAKE_HRESULT(SEVERITY_ERROR, 33 /* FACILITY_WIA */, 3)

HRESULT wia_settle(HRESULT hr, const scan_request *r, wia_scan_outcome *outcome) {
  if (outcome->code) return FAILED(hr) ? hr : E_FAIL;
  if ((hr == WIA_ERROR_PAPER_EMPTY || SUCCEEDED(hr)) && outcome->pages_done > 0) {
    int count_reached = r->pages_limit > 0 && outcome->pages_done >= r->pages_limit;
    outcome->end = r->source != SCAN_FLATBED && !count_reached ? "no-documents" : "count";
    return S_OK;
  }
  /* Success without a page: the feeder was empty from the start, or the flatbed sent nothing. */
  if (SUCCEEDED(hr)) return r->source == SCAN_FLATBED ? E_FAIL : WIA_ERROR_PAPER_EMPTY;
  return hr;
}
