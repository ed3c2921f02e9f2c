/* Helpers shared by wia_device.c and wia_transfer.c (the COM side only). */
#ifndef SOHOA_WIA_INTERNAL_H
#define SOHOA_WIA_INTERNAL_H

#include "wia2.h"

IPropertyStorage *wia_properties_of(IWiaItem2 *item);
HRESULT wia_write_long(IPropertyStorage *p, PROPID id, LONG value);
HRESULT wia_write_guid(IPropertyStorage *p, PROPID id, const GUID *value);
HRESULT wia_open_device(const char *device_id, IWiaItem2 **root);
IWiaItem2 *wia_child_of(IWiaItem2 *root, const GUID *category);

#endif
