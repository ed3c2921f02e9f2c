/*
 * The scan request over TWAIN: negotiate the settings, enable the source with its UI off, wait
 * for MSG_XFERREADY in the window-message loop (answering cancel and ping meanwhile), then
 * transfer pages (memory transfer, or native DIBs when the source has no memory transfer) until
 * the pending count reaches 0 or the requested count is reached.
 */
#ifndef SOHOA_TWAIN_TRANSFER_H
#define SOHOA_TWAIN_TRANSFER_H

#include "../common/json.h"

void handle_scan(double id, const json_value *request);

#endif
