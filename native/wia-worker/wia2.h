/*
 * The WIA 2.0 COM interfaces the worker calls, declared for C. mingw-w64's wia.h stops at WIA 1.0
 * (IWiaDevMgr, IWiaItem), so IWiaDevMgr2, IWiaItem2, IWiaTransfer and IWiaTransferCallback are
 * declared here from their documented layouts (Windows SDK wia_lh.h); methods the worker never
 * calls are kept as untyped slots so the vtable offsets stay right.
 */
#ifndef SOHOA_WIA2_H
#define SOHOA_WIA2_H

#include <windows.h>
#include <objbase.h>
#include <propidl.h>

typedef void *wia_unused_slot;

typedef struct IWiaItem2 IWiaItem2;
typedef struct IEnumWiaItem2 IEnumWiaItem2;
typedef struct IEnumWIA_DEV_INFO IEnumWIA_DEV_INFO;
typedef struct IWiaDevMgr2 IWiaDevMgr2;
typedef struct IWiaTransfer IWiaTransfer;
typedef struct IWiaTransferCallback IWiaTransferCallback;

typedef struct {
  LONG lMessage;
  LONG lPercentComplete;
  ULONG64 ulTransferredBytes;
  HRESULT hrErrorStatus;
} WiaTransferParams;

struct IEnumWIA_DEV_INFO {
  const struct {
    HRESULT(STDMETHODCALLTYPE *QueryInterface)(IEnumWIA_DEV_INFO *, REFIID, void **);
    ULONG(STDMETHODCALLTYPE *AddRef)(IEnumWIA_DEV_INFO *);
    ULONG(STDMETHODCALLTYPE *Release)(IEnumWIA_DEV_INFO *);
    /* Each element is an IWiaPropertyStorage, whose first methods are IPropertyStorage's. */
    HRESULT(STDMETHODCALLTYPE *Next)(IEnumWIA_DEV_INFO *, ULONG, IPropertyStorage **, ULONG *);
    wia_unused_slot Skip, Reset, Clone, GetCount;
  } *lpVtbl;
};

struct IWiaDevMgr2 {
  const struct {
    HRESULT(STDMETHODCALLTYPE *QueryInterface)(IWiaDevMgr2 *, REFIID, void **);
    ULONG(STDMETHODCALLTYPE *AddRef)(IWiaDevMgr2 *);
    ULONG(STDMETHODCALLTYPE *Release)(IWiaDevMgr2 *);
    HRESULT(STDMETHODCALLTYPE *EnumDeviceInfo)(IWiaDevMgr2 *, LONG, IEnumWIA_DEV_INFO **);
    HRESULT(STDMETHODCALLTYPE *CreateDevice)(IWiaDevMgr2 *, LONG, BSTR, IWiaItem2 **);
    wia_unused_slot SelectDeviceDlg, SelectDeviceDlgID, RegisterEventCallbackInterface, RegisterEventCallbackProgram,
        RegisterEventCallbackCLSID, GetImageDlg;
  } *lpVtbl;
};

struct IEnumWiaItem2 {
  const struct {
    HRESULT(STDMETHODCALLTYPE *QueryInterface)(IEnumWiaItem2 *, REFIID, void **);
    ULONG(STDMETHODCALLTYPE *AddRef)(IEnumWiaItem2 *);
    ULONG(STDMETHODCALLTYPE *Release)(IEnumWiaItem2 *);
    HRESULT(STDMETHODCALLTYPE *Next)(IEnumWiaItem2 *, ULONG, IWiaItem2 **, ULONG *);
    wia_unused_slot Skip, Reset, Clone, GetCount;
  } *lpVtbl;
};

struct IWiaItem2 {
  const struct {
    HRESULT(STDMETHODCALLTYPE *QueryInterface)(IWiaItem2 *, REFIID, void **);
    ULONG(STDMETHODCALLTYPE *AddRef)(IWiaItem2 *);
    ULONG(STDMETHODCALLTYPE *Release)(IWiaItem2 *);
    wia_unused_slot CreateChildItem, DeleteItem;
    HRESULT(STDMETHODCALLTYPE *EnumChildItems)(IWiaItem2 *, const GUID *, IEnumWiaItem2 **);
    wia_unused_slot FindItemByName;
    HRESULT(STDMETHODCALLTYPE *GetItemCategory)(IWiaItem2 *, GUID *);
    wia_unused_slot GetItemType, DeviceDlg, DeviceCommand, EnumDeviceCapabilities, CheckExtension, GetExtension,
        GetParentItem, GetRootItem, GetPreviewComponent, EnumRegisterEventInfo, Diagnostic;
  } *lpVtbl;
};

struct IWiaTransfer {
  const struct {
    HRESULT(STDMETHODCALLTYPE *QueryInterface)(IWiaTransfer *, REFIID, void **);
    ULONG(STDMETHODCALLTYPE *AddRef)(IWiaTransfer *);
    ULONG(STDMETHODCALLTYPE *Release)(IWiaTransfer *);
    HRESULT(STDMETHODCALLTYPE *Download)(IWiaTransfer *, LONG, IWiaTransferCallback *);
    wia_unused_slot Upload, Cancel, EnumWIA_FORMAT_INFO;
  } *lpVtbl;
};

typedef struct {
  HRESULT(STDMETHODCALLTYPE *QueryInterface)(IWiaTransferCallback *, REFIID, void **);
  ULONG(STDMETHODCALLTYPE *AddRef)(IWiaTransferCallback *);
  ULONG(STDMETHODCALLTYPE *Release)(IWiaTransferCallback *);
  HRESULT(STDMETHODCALLTYPE *TransferCallback)(IWiaTransferCallback *, LONG, WiaTransferParams *);
  HRESULT(STDMETHODCALLTYPE *GetNextStream)(IWiaTransferCallback *, LONG, BSTR, BSTR, IStream **);
} IWiaTransferCallbackVtbl;

struct IWiaTransferCallback {
  const IWiaTransferCallbackVtbl *lpVtbl;
};

/* IWiaPropertyStorage's extra method after the twelve of IPropertyStorage (vtable slot 15). */
typedef HRESULT(STDMETHODCALLTYPE *wia_get_property_attributes)(IPropertyStorage *, ULONG, PROPSPEC *, ULONG *, PROPVARIANT *);
#define WIA_PROPERTY_ATTRIBUTES_SLOT 15

/* Identifiers (Windows SDK wia_lh.h, wiadef.h). */
static const CLSID SOHOA_CLSID_WiaDevMgr2 = {0xb6c292bc, 0x7c88, 0x41ee, {0x8b, 0x54, 0x8e, 0xc9, 0x26, 0x17, 0xe5, 0x99}};
static const IID SOHOA_IID_IWiaDevMgr2 = {0x79c07cf1, 0xcbdd, 0x41ee, {0x8e, 0xc3, 0xf0, 0x00, 0x80, 0xca, 0xda, 0x7a}};
static const IID SOHOA_IID_IWiaPropertyStorage = {0x98b5e8a0, 0x29cc, 0x491a, {0xaa, 0xc0, 0xe6, 0xdb, 0x4f, 0xdc, 0xce, 0xb6}};
static const IID SOHOA_IID_IWiaTransfer = {0xc39d6942, 0x2f4e, 0x4d04, {0x92, 0xfe, 0x4e, 0xf4, 0xd3, 0xa1, 0xde, 0x5a}};
static const IID SOHOA_IID_IWiaTransferCallback = {0x27d4eaaf, 0x28a6, 0x4ca5, {0x9a, 0xab, 0xe6, 0x78, 0x16, 0x8b, 0x95, 0x27}};
static const GUID SOHOA_WIA_CATEGORY_FLATBED = {0xfb607b1f, 0x43f3, 0x488b, {0x85, 0x5b, 0xfb, 0x70, 0x3e, 0xc3, 0x42, 0xa6}};
static const GUID SOHOA_WIA_CATEGORY_FEEDER = {0xfe131934, 0xf84c, 0x42ad, {0x8d, 0xa4, 0x61, 0x29, 0xcd, 0xdd, 0x72, 0x88}};
static const GUID SOHOA_WiaImgFmt_BMP = {0xb96b3cab, 0x0728, 0x11d3, {0x9d, 0x7b, 0x00, 0x00, 0xf8, 0x1e, 0xf3, 0x2e}};

#define SOHOA_WIA_DEVINFO_ENUM_LOCAL 0x10
#define SOHOA_StiDeviceTypeScanner 1

enum {
  PROP_DEV_ID = 2, PROP_VEND_DESC = 3, PROP_DEV_DESC = 4, PROP_DEV_TYPE = 5, PROP_DEV_NAME = 7,
  PROP_DOCUMENT_HANDLING_CAPABILITIES = 3086, PROP_DOCUMENT_HANDLING_STATUS = 3087,
  PROP_DOCUMENT_HANDLING_SELECT = 3088, PROP_PAGES = 3096,
  PROP_DATATYPE = 4103, PROP_DEPTH = 4104, PROP_FORMAT = 4106, PROP_TYMED = 4108, PROP_ITEM_CATEGORY = 4125,
  PROP_XRES = 6147, PROP_YRES = 6148, PROP_XPOS = 6149, PROP_YPOS = 6150, PROP_XEXTENT = 6151, PROP_YEXTENT = 6152,
  PROP_MAX_HORIZONTAL_SIZE = 6165, PROP_MAX_VERTICAL_SIZE = 6166, PROP_MIN_HORIZONTAL_SIZE = 6167, PROP_MIN_VERTICAL_SIZE = 6168,
};

/* Property attribute flags and the layout of list / range values. */
#define WIA_ATTR_RANGE 0x10
#define WIA_ATTR_LIST 0x20
#define WIA_LIST_FIRST_VALUE 2
#define WIA_RANGE_MIN_AT 0
#define WIA_RANGE_MAX_AT 2
#define WIA_RANGE_STEP_AT 3

/* Document handling: select and capability bits, and the feeder's status. */
#define WIA_HANDLING_FEEDER 0x001
#define WIA_HANDLING_FLATBED 0x002
#define WIA_HANDLING_DUPLEX 0x004
#define WIA_FEED_READY 0x01

#define WIA_DATATYPE_THRESHOLD 0
#define WIA_DATATYPE_GRAYSCALE 2
#define WIA_DATATYPE_COLOR 3

#define WIA_MSG_STATUS 0x1
#define WIA_MSG_END_OF_STREAM 0x2
#define WIA_MSG_END_OF_TRANSFER 0x3
#define WIA_MSG_DEVICE_STATUS 0x5
#define WIA_MSG_NEW_PAGE 0x6

#endif
