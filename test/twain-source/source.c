/*
 * A minimal TWAIN data source for the tests: "SoHoa Test Source", a flatbed plus a feeder with
 * three sheets (duplex capable), serving the known images of pages.h by memory or native
 * transfer. It implements only what a scan needs, strictly enough that a worker which gets the
 * TWAIN sequence wrong fails here. Not part of the product.
 *
 * Environment, read when the source is opened (Wine passes the test's environment through):
 *   SOHOA_TEST_TWAIN_SHEETS   sheets in the feeder (default 3)
 *   SOHOA_TEST_TWAIN_JAM_AT   the feeder image at which the paper jams (TWCC_PAPERJAM)
 *   SOHOA_TEST_TWAIN_NATIVE_ONLY  refuse memory transfers, as some sources do
 *   SOHOA_TEST_TWAIN_DELAY_MS  a pause before each memory block, as a slow scanner's
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "pages.h"
#include "twain.h"

#define A4_WIDTH_IN 8.27
#define A4_HEIGHT_IN 11.69
#define FEEDER_HEIGHT_IN 14.0

static TW_IDENTITY me, app;
static TW_UINT16 condition;
static int state = 3; /* 3 closed, 4 open, 5 enabled, 6 transfer ready, 7 transferring */
static int feeder_enabled, duplex_enabled, auto_feed = 1;
static int sheets_left, jam_at, images_done, pending, native_only, delay_ms;
static TW_INT16 xfer_count = -1;
static TW_UINT16 pixel_type = TWPT_RGB, bit_depth = 8, xfer_mech = TWSX_NATIVE;
static double resolution = 100;
static TW_FRAME frame;
static uint32_t next_row; /* memory transfer: the next row of the current image */

static TW_FIX32 fix32(double v) {
  TW_INT32 s = (TW_INT32)(v * 65536.0 + 0.5);
  TW_FIX32 f = {(TW_INT16)(s >> 16), (TW_UINT16)(s & 0xffff)};
  return f;
}
static double unfix(TW_FIX32 f) { return f.Whole + f.Frac / 65536.0; }

static TW_UINT16 failure(TW_UINT16 cc) {
  condition = cc;
  return TWRC_FAILURE;
}

static void reset_frame(void) {
  frame.Left = fix32(0);
  frame.Top = fix32(0);
  frame.Right = fix32(A4_WIDTH_IN);
  frame.Bottom = fix32(A4_HEIGHT_IN);
}

static uint32_t image_width(void) { return (uint32_t)((unfix(frame.Right) - unfix(frame.Left)) * resolution + 0.5); }
static uint32_t image_height(void) { return (uint32_t)((unfix(frame.Bottom) - unfix(frame.Top)) * resolution + 0.5); }
/* The image number the pattern uses: 0 on the flatbed, 1, 2, 3 … from the feeder. */
static int image_number(void) { return feeder_enabled ? images_done + 1 : 0; }

static TW_HANDLE one_value(TW_UINT16 type, TW_UINT32 item) {
  TW_HANDLE h = GlobalAlloc(GHND, sizeof(TW_ONEVALUE));
  TW_ONEVALUE *v = GlobalLock(h);
  v->ItemType = type;
  v->Item = item;
  GlobalUnlock(h);
  return h;
}

static TW_UINT32 fix32_item(double v) {
  TW_FIX32 f = fix32(v);
  TW_UINT32 item;
  memcpy(&item, &f, sizeof item);
  return item;
}

static TW_HANDLE enumeration(TW_UINT16 type, const TW_UINT32 *items, TW_UINT32 n, TW_UINT32 current) {
  size_t size = type == TWTY_FIX32 ? 4 : 2;
  TW_HANDLE h = GlobalAlloc(GHND, sizeof(TW_ENUMERATION) + n * size);
  TW_ENUMERATION *e = GlobalLock(h);
  e->ItemType = type;
  e->NumItems = n;
  e->DefaultIndex = 0;
  for (TW_UINT32 i = 0; i < n; i++) {
    memcpy(e->ItemList + i * size, &items[i], size);
    if (items[i] == current) e->CurrentIndex = i;
  }
  GlobalUnlock(h);
  return h;
}

static const double RESOLUTIONS[] = {75, 100, 150, 200, 300};

static TW_UINT16 get_capability(TW_CAPABILITY *c, TW_UINT16 msg) {
  int all = msg == MSG_GET;
  c->ConType = TWON_ONEVALUE;
  switch (c->Cap) {
    case CAP_XFERCOUNT: c->hContainer = one_value(TWTY_INT16, (TW_UINT16)xfer_count); break;
    case CAP_FEEDERENABLED: c->hContainer = one_value(TWTY_BOOL, feeder_enabled); break;
    case CAP_FEEDERLOADED: c->hContainer = one_value(TWTY_BOOL, sheets_left > 0); break;
    case CAP_AUTOFEED: c->hContainer = one_value(TWTY_BOOL, auto_feed); break;
    case CAP_DUPLEX: c->hContainer = one_value(TWTY_UINT16, TWDX_1PASSDUPLEX); break;
    case CAP_DUPLEXENABLED: c->hContainer = one_value(TWTY_BOOL, duplex_enabled); break;
    case ICAP_UNITS: c->hContainer = one_value(TWTY_UINT16, TWUN_INCHES); break;
    case ICAP_PIXELFLAVOR: c->hContainer = one_value(TWTY_UINT16, TWPF_CHOCOLATE); break;
    case ICAP_BITDEPTH: c->hContainer = one_value(TWTY_UINT16, bit_depth); break;
    case ICAP_PHYSICALWIDTH: c->hContainer = one_value(TWTY_FIX32, fix32_item(A4_WIDTH_IN)); break;
    case ICAP_PHYSICALHEIGHT: c->hContainer = one_value(TWTY_FIX32, fix32_item(feeder_enabled ? FEEDER_HEIGHT_IN : A4_HEIGHT_IN)); break;
    case ICAP_XFERMECH: {
      TW_UINT32 items[] = {TWSX_NATIVE, TWSX_MEMORY};
      if (all) c->ConType = TWON_ENUMERATION, c->hContainer = enumeration(TWTY_UINT16, items, 2, xfer_mech);
      else c->hContainer = one_value(TWTY_UINT16, xfer_mech);
      break;
    }
    case ICAP_PIXELTYPE: {
      TW_UINT32 items[] = {TWPT_BW, TWPT_GRAY, TWPT_RGB};
      if (all) c->ConType = TWON_ENUMERATION, c->hContainer = enumeration(TWTY_UINT16, items, 3, pixel_type);
      else c->hContainer = one_value(TWTY_UINT16, pixel_type);
      break;
    }
    case ICAP_XRESOLUTION:
    case ICAP_YRESOLUTION: {
      TW_UINT32 items[5];
      for (int i = 0; i < 5; i++) items[i] = fix32_item(RESOLUTIONS[i]);
      if (all) c->ConType = TWON_ENUMERATION, c->hContainer = enumeration(TWTY_FIX32, items, 5, fix32_item(resolution));
      else c->hContainer = one_value(TWTY_FIX32, fix32_item(resolution));
      break;
    }
    default: return failure(TWCC_CAPUNSUPPORTED);
  }
  return TWRC_SUCCESS;
}

static TW_UINT16 set_capability(TW_CAPABILITY *c) {
  if (state != 4) return failure(TWCC_SEQERROR);
  if (c->ConType != TWON_ONEVALUE) return failure(TWCC_BADVALUE);
  TW_ONEVALUE *v = GlobalLock(c->hContainer);
  TW_ONEVALUE one = *v;
  GlobalUnlock(c->hContainer);
  TW_UINT16 u = (TW_UINT16)one.Item;
  TW_FIX32 f;
  memcpy(&f, &one.Item, sizeof f);
  switch (c->Cap) {
    case CAP_XFERCOUNT: xfer_count = (TW_INT16)u; break;
    case CAP_FEEDERENABLED: feeder_enabled = u != 0; break;
    case CAP_AUTOFEED: auto_feed = u != 0; break;
    case CAP_DUPLEXENABLED: duplex_enabled = u != 0; break;
    case ICAP_UNITS: if (u != TWUN_INCHES) return failure(TWCC_BADVALUE); break;
    case ICAP_XFERMECH:
      if (u != TWSX_NATIVE && (u != TWSX_MEMORY || native_only)) return failure(TWCC_BADVALUE);
      xfer_mech = u;
      break;
    case ICAP_PIXELTYPE:
      if (u > TWPT_RGB) return failure(TWCC_BADVALUE);
      pixel_type = u;
      bit_depth = u == TWPT_BW ? 1 : 8;
      break;
    case ICAP_BITDEPTH: if (u != (pixel_type == TWPT_BW ? 1 : 8)) return failure(TWCC_BADVALUE); break;
    case ICAP_XRESOLUTION:
    case ICAP_YRESOLUTION: {
      double r = unfix(f);
      int ok = 0;
      for (int i = 0; i < 5; i++) ok |= RESOLUTIONS[i] == r;
      if (!ok) return failure(TWCC_BADVALUE);
      resolution = r;
      break;
    }
    default: return failure(TWCC_CAPUNSUPPORTED);
  }
  return TWRC_SUCCESS;
}

static void xfer_ready(void) {
  /* TWAIN 1.x: the source tells the DSM, which posts a message the application's loop passes
   * back through DAT_EVENT. Wine's DSM implements exactly this. */
  HMODULE dsm = GetModuleHandleW(L"TWAINDSM.DLL");
  if (!dsm) dsm = GetModuleHandleW(L"twain_32.dll");
  DSMENTRYPROC entry = dsm ? (DSMENTRYPROC)(void (*)(void))GetProcAddress(dsm, "DSM_Entry") : NULL;
  if (entry) entry(&me, &app, DG_CONTROL, DAT_NULL, MSG_XFERREADY, NULL);
}

static TW_UINT16 enable(TW_USERINTERFACE *ui) {
  if (state != 4) return failure(TWCC_SEQERROR);
  if (ui->ShowUI) return failure(TWCC_BADPROTOCOL); /* the station never shows a driver's UI */
  if (feeder_enabled && sheets_left == 0) return failure(TWCC_NOMEDIA);
  int available = feeder_enabled ? sheets_left * (duplex_enabled ? 2 : 1) : 1;
  pending = xfer_count > 0 && xfer_count < available ? xfer_count : available;
  state = 5;
  next_row = 0;
  xfer_ready();
  state = 6;
  return TWRC_SUCCESS;
}

static TW_UINT16 end_transfer(TW_PENDINGXFERS *p, int reset) {
  if (state < 6) return failure(TWCC_SEQERROR);
  if (!reset && state == 7) {
    images_done++;
    pending--;
    if (feeder_enabled && (!duplex_enabled || images_done % 2 == 0)) sheets_left--;
  }
  if (reset) pending = 0;
  next_row = 0;
  state = pending > 0 ? 6 : 5;
  p->Count = (TW_UINT16)pending;
  return TWRC_SUCCESS;
}

static TW_UINT16 image_info(TW_IMAGEINFO *info) {
  memset(info, 0, sizeof *info);
  info->XResolution = info->YResolution = fix32(resolution);
  info->ImageWidth = (TW_INT32)image_width();
  info->ImageLength = (TW_INT32)image_height();
  info->SamplesPerPixel = pixel_type == TWPT_RGB ? 3 : 1;
  for (int i = 0; i < info->SamplesPerPixel; i++) info->BitsPerSample[i] = (TW_INT16)bit_depth;
  info->BitsPerPixel = (TW_INT16)(bit_depth * info->SamplesPerPixel);
  info->PixelType = (TW_INT16)pixel_type;
  info->Compression = TWCP_NONE;
  return TWRC_SUCCESS;
}

static int jams_now(void) {
  return feeder_enabled && jam_at > 0 && images_done + 1 == jam_at;
}

static TW_UINT16 memory_transfer(TW_IMAGEMEMXFER *x) {
  if (state != 6 && state != 7) return failure(TWCC_SEQERROR);
  state = 7;
  uint32_t width = image_width(), height = image_height();
  uint32_t packed = test_row_bytes(pixel_type, width), stride = (packed + 3) & ~3u; /* padded, as many sources do */
  if (jams_now() && next_row >= height / 2) return failure(TWCC_PAPERJAM);
  if (delay_ms > 0) Sleep((DWORD)delay_ms);
  uint32_t rows = x->Memory.Length / stride;
  if (rows == 0) return failure(TWCC_BADVALUE);
  if (rows > height - next_row) rows = height - next_row;
  uint8_t *out = x->Memory.TheMem;
  for (uint32_t r = 0; r < rows; r++) test_page_row(image_number(), pixel_type, width, next_row + r, out + (size_t)r * stride);
  x->Compression = TWCP_NONE;
  x->BytesPerRow = stride;
  x->Columns = width;
  x->Rows = rows;
  x->XOffset = 0;
  x->YOffset = next_row;
  x->BytesWritten = rows * stride;
  next_row += rows;
  return next_row >= height ? TWRC_XFERDONE : TWRC_SUCCESS;
}

static TW_UINT16 native_transfer(TW_HANDLE *out) {
  if (state != 6) return failure(TWCC_SEQERROR);
  if (jams_now()) return failure(TWCC_PAPERJAM);
  uint32_t width = image_width(), height = image_height();
  int bits = pixel_type == TWPT_RGB ? 24 : pixel_type == TWPT_GRAY ? 8 : 1;
  DWORD colours = bits == 24 ? 0 : 1u << bits;
  size_t stride = ((size_t)width * bits + 31) / 32 * 4;
  TW_HANDLE h = GlobalAlloc(GHND, sizeof(BITMAPINFOHEADER) + colours * sizeof(RGBQUAD) + stride * height);
  if (!h) return failure(TWCC_LOWMEMORY);
  BITMAPINFOHEADER *bi = GlobalLock(h);
  bi->biSize = sizeof *bi;
  bi->biWidth = (LONG)width;
  bi->biHeight = (LONG)height; /* bottom-up */
  bi->biPlanes = 1;
  bi->biBitCount = (WORD)bits;
  bi->biCompression = BI_RGB;
  bi->biXPelsPerMeter = bi->biYPelsPerMeter = (LONG)(resolution / 0.0254 + 0.5);
  bi->biClrUsed = colours;
  RGBQUAD *palette = (RGBQUAD *)(bi + 1);
  for (DWORD i = 0; i < colours; i++) {
    BYTE level = (BYTE)(bits == 1 ? i * 255 : i);
    palette[i].rgbRed = palette[i].rgbGreen = palette[i].rgbBlue = level;
  }
  uint8_t *pixels = (uint8_t *)(palette + colours), *row = malloc(test_row_bytes(pixel_type, width));
  for (uint32_t y = 0; y < height; y++) {
    uint8_t *dst = pixels + (height - 1 - y) * stride;
    test_page_row(image_number(), pixel_type, width, y, row);
    if (bits == 24) for (uint32_t x = 0; x < width; x++) dst[3 * x] = row[3 * x + 2], dst[3 * x + 1] = row[3 * x + 1], dst[3 * x + 2] = row[3 * x];
    else memcpy(dst, row, test_row_bytes(pixel_type, width));
  }
  free(row);
  GlobalUnlock(h);
  *out = h;
  state = 7;
  return TWRC_XFERDONE;
}

static void identify(TW_IDENTITY *id) {
  TW_UINT32 keep = id->Id;
  memset(id, 0, sizeof *id);
  id->Id = keep;
  id->Version.MajorNum = 1;
  id->Version.Language = TWLG_USA;
  id->Version.Country = TWCY_USA;
  snprintf(id->Version.Info, sizeof id->Version.Info, "SoHoa test source");
  id->ProtocolMajor = 2;
  id->ProtocolMinor = 4;
  id->SupportedGroups = DG_CONTROL | DG_IMAGE | DF_DS2;
  snprintf(id->Manufacturer, sizeof id->Manufacturer, "SoHoa");
  snprintf(id->ProductFamily, sizeof id->ProductFamily, "Test");
  snprintf(id->ProductName, sizeof id->ProductName, "SoHoa Test Source");
}

static void open_source(TW_IDENTITY *origin, TW_IDENTITY *id) {
  identify(id);
  me = *id;
  app = *origin;
  const char *sheets = getenv("SOHOA_TEST_TWAIN_SHEETS"), *jam = getenv("SOHOA_TEST_TWAIN_JAM_AT");
  sheets_left = sheets ? atoi(sheets) : 3;
  jam_at = jam ? atoi(jam) : 0;
  native_only = getenv("SOHOA_TEST_TWAIN_NATIVE_ONLY") != NULL;
  const char *delay = getenv("SOHOA_TEST_TWAIN_DELAY_MS");
  delay_ms = delay ? atoi(delay) : 0;
  images_done = pending = 0;
  feeder_enabled = duplex_enabled = 0;
  auto_feed = 1;
  xfer_count = -1;
  pixel_type = TWPT_RGB;
  bit_depth = 8;
  xfer_mech = TWSX_NATIVE;
  resolution = 100;
  reset_frame();
  state = 4;
}

__declspec(dllexport) TW_UINT16 WINAPI DS_Entry(pTW_IDENTITY origin, TW_UINT32 dg, TW_UINT16 dat, TW_UINT16 msg, TW_MEMREF data) {
  if (dat != DAT_STATUS) condition = TWCC_SUCCESS;
  if (dg == DG_CONTROL && dat == DAT_IDENTITY) {
    if (msg == MSG_GET) return identify(data), TWRC_SUCCESS;
    if (msg == MSG_OPENDS) return open_source(origin, data), TWRC_SUCCESS;
    if (msg == MSG_CLOSEDS) return state = 3, TWRC_SUCCESS;
  }
  if (dg == DG_CONTROL && dat == DAT_STATUS && msg == MSG_GET) {
    ((TW_STATUS *)data)->ConditionCode = condition;
    condition = TWCC_SUCCESS;
    return TWRC_SUCCESS;
  }
  if (dg == DG_CONTROL && dat == DAT_EVENT && msg == MSG_PROCESSEVENT) {
    ((TW_EVENT *)data)->TWMessage = MSG_NULL;
    return TWRC_NOTDSEVENT;
  }
  if (dg == DG_CONTROL && dat == DAT_CAPABILITY) {
    if (msg == MSG_SET) return set_capability(data);
    if (msg == MSG_GET || msg == MSG_GETCURRENT || msg == MSG_GETDEFAULT) return get_capability(data, msg);
  }
  if (dg == DG_CONTROL && dat == DAT_USERINTERFACE) {
    if (msg == MSG_ENABLEDS) return enable(data);
    if (msg == MSG_DISABLEDS) return state = 4, TWRC_SUCCESS;
  }
  if (dg == DG_CONTROL && dat == DAT_PENDINGXFERS && (msg == MSG_ENDXFER || msg == MSG_RESET)) return end_transfer(data, msg == MSG_RESET);
  if (dg == DG_CONTROL && dat == DAT_SETUPMEMXFER && msg == MSG_GET) {
    TW_SETUPMEMXFER *s = data;
    uint32_t stride = (test_row_bytes(pixel_type, image_width()) + 3) & ~3u;
    s->MinBufSize = stride;
    s->MaxBufSize = stride * 1024;
    s->Preferred = stride * 64;
    return TWRC_SUCCESS;
  }
  if (dg == DG_IMAGE && dat == DAT_IMAGEINFO && msg == MSG_GET) return image_info(data);
  if (dg == DG_IMAGE && dat == DAT_IMAGELAYOUT) {
    TW_IMAGELAYOUT *l = data;
    if (msg == MSG_GET || msg == MSG_GETDEFAULT) {
      memset(l, 0, sizeof *l);
      l->Frame = frame;
      l->DocumentNumber = l->PageNumber = (TW_UINT32)images_done + 1;
      l->FrameNumber = 1;
      return TWRC_SUCCESS;
    }
    if (msg == MSG_SET) {
      if (state != 4) return failure(TWCC_SEQERROR);
      double right = unfix(l->Frame.Right), bottom = unfix(l->Frame.Bottom);
      if (unfix(l->Frame.Left) < 0 || unfix(l->Frame.Top) < 0 || right > A4_WIDTH_IN + 0.01 || bottom > (feeder_enabled ? FEEDER_HEIGHT_IN : A4_HEIGHT_IN) + 0.01)
        return failure(TWCC_BADVALUE);
      frame = l->Frame;
      return TWRC_SUCCESS;
    }
    if (msg == MSG_RESET) return reset_frame(), TWRC_SUCCESS;
  }
  if (dg == DG_IMAGE && dat == DAT_IMAGEMEMXFER && msg == MSG_GET) return memory_transfer(data);
  if (dg == DG_IMAGE && dat == DAT_IMAGENATIVEXFER && msg == MSG_GET) return native_transfer(data);
  return failure(TWCC_BADPROTOCOL);
}
