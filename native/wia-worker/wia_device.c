#include "wia_device.h"

#include <stdio.h>
#include <string.h>

#include "../common/dib_page.h"
#include "../common/scan_request.h"
#include "../common/win_input.h"
#include "wia2.h"
#include "wia_internal.h"

static IWiaDevMgr2 *manager;
static const int STANDARD_DPI[] = {75, 100, 150, 200, 240, 300, 400, 600, 1200};

HRESULT wia_start(void) {
  if (manager) return S_OK;
  HRESULT hr = CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
  if (FAILED(hr)) return hr;
  return CoCreateInstance(&SOHOA_CLSID_WiaDevMgr2, NULL, CLSCTX_LOCAL_SERVER, &SOHOA_IID_IWiaDevMgr2, (void **)&manager);
}

void wia_stop(void) {
  if (!manager) return;
  manager->lpVtbl->Release(manager);
  manager = NULL;
  CoUninitialize();
}

/* ---- properties ---- */

IPropertyStorage *wia_properties_of(IWiaItem2 *item) {
  IPropertyStorage *p = NULL;
  item->lpVtbl->QueryInterface(item, &SOHOA_IID_IWiaPropertyStorage, (void **)&p);
  return p;
}

static int read_long(IPropertyStorage *p, PROPID id, LONG *value) {
  PROPSPEC spec = {.ulKind = PRSPEC_PROPID, .propid = id};
  PROPVARIANT v;
  PropVariantInit(&v);
  int ok = p && p->lpVtbl->ReadMultiple(p, 1, &spec, &v) == S_OK && (v.vt == VT_I4 || v.vt == VT_UI4);
  if (ok) *value = v.lVal;
  PropVariantClear(&v);
  return ok;
}

HRESULT wia_write_long(IPropertyStorage *p, PROPID id, LONG value) {
  PROPSPEC spec = {.ulKind = PRSPEC_PROPID, .propid = id};
  PROPVARIANT v;
  PropVariantInit(&v);
  v.vt = VT_I4;
  v.lVal = value;
  return p ? p->lpVtbl->WriteMultiple(p, 1, &spec, &v, 2) : E_POINTER;
}

HRESULT wia_write_guid(IPropertyStorage *p, PROPID id, const GUID *value) {
  PROPSPEC spec = {.ulKind = PRSPEC_PROPID, .propid = id};
  PROPVARIANT v;
  PropVariantInit(&v);
  v.vt = VT_CLSID;
  v.puuid = (CLSID *)value;
  return p ? p->lpVtbl->WriteMultiple(p, 1, &spec, &v, 2) : E_POINTER;
}

static void read_string(IPropertyStorage *p, PROPID id, char *out, size_t size) {
  PROPSPEC spec = {.ulKind = PRSPEC_PROPID, .propid = id};
  PROPVARIANT v;
  PropVariantInit(&v);
  out[0] = '\0';
  if (p->lpVtbl->ReadMultiple(p, 1, &spec, &v) == S_OK && v.vt == VT_BSTR && v.bstrVal)
    WideCharToMultiByte(CP_UTF8, 0, v.bstrVal, -1, out, (int)size, NULL, NULL);
  PropVariantClear(&v);
}

/* A property's valid values: a list, or a range (min, max, step). Returns the flags. */
static ULONG read_attributes(IPropertyStorage *p, PROPID id, LONG *values, int max, int *count, LONG range[3]) {
  wia_get_property_attributes get = ((wia_get_property_attributes *)(*(void ***)p))[WIA_PROPERTY_ATTRIBUTES_SLOT];
  PROPSPEC spec = {.ulKind = PRSPEC_PROPID, .propid = id};
  ULONG flags = 0;
  PROPVARIANT v;
  PropVariantInit(&v);
  *count = 0;
  if (get(p, 1, &spec, &flags, &v) == S_OK && v.vt == (VT_VECTOR | VT_I4)) {
    if (flags & WIA_ATTR_LIST)
      for (ULONG i = WIA_LIST_FIRST_VALUE; i < v.cal.cElems && *count < max; i++) values[(*count)++] = v.cal.pElems[i];
    else if ((flags & WIA_ATTR_RANGE) && v.cal.cElems > WIA_RANGE_STEP_AT) {
      range[0] = v.cal.pElems[WIA_RANGE_MIN_AT];
      range[1] = v.cal.pElems[WIA_RANGE_MAX_AT];
      range[2] = v.cal.pElems[WIA_RANGE_STEP_AT];
    }
  }
  PropVariantClear(&v);
  return flags;
}

/* ---- devices and items ---- */

HRESULT wia_list_devices(wia_device_info *out, int max, int *count) {
  *count = 0;
  IEnumWIA_DEV_INFO *e = NULL;
  HRESULT hr = manager->lpVtbl->EnumDeviceInfo(manager, SOHOA_WIA_DEVINFO_ENUM_LOCAL, &e);
  if (FAILED(hr)) return hr;
  IPropertyStorage *p = NULL;
  ULONG got = 0;
  while (*count < max && e->lpVtbl->Next(e, 1, &p, &got) == S_OK && got == 1) {
    LONG type = 0;
    if (read_long(p, PROP_DEV_TYPE, &type) && (type >> 16) == SOHOA_StiDeviceTypeScanner) {
      wia_device_info *d = &out[*count];
      read_string(p, PROP_VEND_DESC, d->vendor, sizeof d->vendor);
      read_string(p, PROP_DEV_NAME, d->name, sizeof d->name);
      read_string(p, PROP_DEV_DESC, d->description, sizeof d->description);
      snprintf(d->id, sizeof d->id, "wia:%s/%s", d->vendor, d->name);
      /* Two identical scanners: number the later ones so that each id names one device. */
      int same = 0;
      for (int i = 0; i < *count; i++) same += strncmp(out[i].id, d->id, strlen(d->id)) == 0;
      if (same) snprintf(d->id + strlen(d->id), sizeof d->id - strlen(d->id), "#%d", same + 1);
      (*count)++;
    }
    p->lpVtbl->Release(p);
  }
  e->lpVtbl->Release(e);
  return S_OK;
}

HRESULT wia_open_device(const char *device_id, IWiaItem2 **root) {
  wia_device_info all[MAX_WIA_DEVICES];
  int n = 0;
  IEnumWIA_DEV_INFO *e = NULL;
  HRESULT hr = wia_list_devices(all, MAX_WIA_DEVICES, &n);
  if (FAILED(hr)) return hr;
  int wanted = -1;
  for (int i = 0; i < n; i++)
    if (strcmp(all[i].id, device_id) == 0) wanted = i;
  if (wanted < 0) return MAKE_HRESULT(SEVERITY_ERROR, 33, 21); /* no such device */
  /* Walk the enumeration again to the same scanner and open it by its WIA device id. */
  if (FAILED(hr = manager->lpVtbl->EnumDeviceInfo(manager, SOHOA_WIA_DEVINFO_ENUM_LOCAL, &e))) return hr;
  IPropertyStorage *p = NULL;
  ULONG got = 0;
  int index = -1;
  hr = MAKE_HRESULT(SEVERITY_ERROR, 33, 21);
  while (e->lpVtbl->Next(e, 1, &p, &got) == S_OK && got == 1) {
    LONG type = 0;
    if (read_long(p, PROP_DEV_TYPE, &type) && (type >> 16) == SOHOA_StiDeviceTypeScanner && ++index == wanted) {
      PROPSPEC spec = {.ulKind = PRSPEC_PROPID, .propid = PROP_DEV_ID};
      PROPVARIANT v;
      PropVariantInit(&v);
      if (p->lpVtbl->ReadMultiple(p, 1, &spec, &v) == S_OK && v.vt == VT_BSTR) hr = manager->lpVtbl->CreateDevice(manager, 0, v.bstrVal, root);
      PropVariantClear(&v);
    }
    p->lpVtbl->Release(p);
    if (index >= wanted) break;
  }
  e->lpVtbl->Release(e);
  return hr;
}

/* The root's child of this category (flatbed or feeder), or NULL. */
IWiaItem2 *wia_child_of(IWiaItem2 *root, const GUID *category) {
  IEnumWiaItem2 *e = NULL;
  IWiaItem2 *item = NULL, *found = NULL;
  ULONG got = 0;
  if (FAILED(root->lpVtbl->EnumChildItems(root, NULL, &e))) return NULL;
  while (!found && e->lpVtbl->Next(e, 1, &item, &got) == S_OK && got == 1) {
    GUID c;
    if (SUCCEEDED(item->lpVtbl->GetItemCategory(item, &c)) && IsEqualGUID(&c, category)) found = item;
    else item->lpVtbl->Release(item);
  }
  e->lpVtbl->Release(e);
  return found;
}

/* ---- caps ---- */

static void write_source(IWiaItem2 *item, json_writer *w, scan_source kind) {
  IPropertyStorage *p = wia_properties_of(item);
  LONG max_w = 0, max_h = 0, min_w = 0, min_h = 0, values[64], range[3] = {0, 0, 0};
  int count = 0;
  jw_begin_object(w);
  jw_kv_string(w, "source", SCAN_SOURCE_NAMES[kind]);
  jw_kv_string(w, "name", kind == SCAN_FLATBED ? "Flatbed" : kind == SCAN_FEEDER ? "Feeder" : "Feeder (duplex)");
  /* Sizes in thousandths of an inch. */
  if (read_long(p, PROP_MAX_HORIZONTAL_SIZE, &max_w) && read_long(p, PROP_MAX_VERTICAL_SIZE, &max_h) && max_w > 0 && max_h > 0) {
    jw_kv_number(w, "maxWidth", max_w * 0.0254);
    jw_kv_number(w, "maxHeight", max_h * 0.0254);
    jw_kv_number(w, "minWidth", read_long(p, PROP_MIN_HORIZONTAL_SIZE, &min_w) && min_w > 0 ? min_w * 0.0254 : 1);
    jw_kv_number(w, "minHeight", read_long(p, PROP_MIN_VERTICAL_SIZE, &min_h) && min_h > 0 ? min_h * 0.0254 : 1);
  }
  ULONG flags = p ? read_attributes(p, PROP_XRES, values, 64, &count, range) : 0;
  jw_key(w, "resolutions");
  jw_begin_array(w);
  if (flags & WIA_ATTR_RANGE) {
    for (size_t k = 0; k < sizeof STANDARD_DPI / sizeof STANDARD_DPI[0]; k++)
      if (STANDARD_DPI[k] >= range[0] && STANDARD_DPI[k] <= range[1]) jw_int(w, STANDARD_DPI[k]);
  } else {
    for (int i = 0; i < count; i++) jw_int(w, values[i]);
  }
  jw_end_array(w);
  if (flags & WIA_ATTR_RANGE) {
    jw_key(w, "resolutionRange");
    jw_begin_object(w);
    jw_kv_number(w, "min", range[0]);
    jw_kv_number(w, "max", range[1]);
    jw_kv_number(w, "step", range[2] > 0 ? range[2] : 1);
    jw_end_object(w);
  }
  if (p) read_attributes(p, PROP_DATATYPE, values, 64, &count, range);
  jw_key(w, "modes");
  jw_begin_array(w);
  for (int i = 0; i < count; i++)
    if (values[i] == WIA_DATATYPE_COLOR) jw_string(w, "color");
  for (int i = 0; i < count; i++)
    if (values[i] == WIA_DATATYPE_GRAYSCALE) jw_string(w, "gray");
  for (int i = 0; i < count; i++)
    if (values[i] == WIA_DATATYPE_THRESHOLD) jw_string(w, "bw");
  jw_end_array(w);
  jw_kv_bool(w, "duplex", kind == SCAN_FEEDER_DUPLEX);
  jw_end_object(w);
  if (p) p->lpVtbl->Release(p);
}

HRESULT wia_write_caps(const char *device_id, json_writer *w) {
  IWiaItem2 *root = NULL;
  HRESULT hr = wia_open_device(device_id, &root);
  if (FAILED(hr)) return hr;
  IWiaItem2 *flatbed = wia_child_of(root, &SOHOA_WIA_CATEGORY_FLATBED), *feeder = wia_child_of(root, &SOHOA_WIA_CATEGORY_FEEDER);
  jw_key(w, "sources");
  jw_begin_array(w);
  if (flatbed) write_source(flatbed, w, SCAN_FLATBED);
  if (feeder) {
    write_source(feeder, w, SCAN_FEEDER);
    IPropertyStorage *p = wia_properties_of(feeder);
    LONG handling = 0;
    if (read_long(p, PROP_DOCUMENT_HANDLING_CAPABILITIES, &handling) && (handling & WIA_HANDLING_DUPLEX)) write_source(feeder, w, SCAN_FEEDER_DUPLEX);
    if (p) p->lpVtbl->Release(p);
  }
  jw_end_array(w);
  if (feeder) {
    /* The paper sensor, as the SANE worker reports it: loaded, empty, or unknown. */
    IPropertyStorage *p = wia_properties_of(feeder);
    LONG status = 0;
    int known = read_long(p, PROP_DOCUMENT_HANDLING_STATUS, &status);
    jw_kv_string(w, "feeder", !known ? "unknown" : (status & WIA_FEED_READY) ? "loaded" : "empty");
    if (p) p->lpVtbl->Release(p);
  }
  if (flatbed) flatbed->lpVtbl->Release(flatbed);
  if (feeder) feeder->lpVtbl->Release(feeder);
  root->lpVtbl->Release(root);
  return S_OK;
}
