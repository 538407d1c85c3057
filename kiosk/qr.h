/*
 * qr.h - QR codes (libqrencode) of what a villager takes away on a phone:
 * a document's 原文链接, an application's 受理编号. The screen draws the
 * modules with half blocks (tui/screen_qr.c), the printout as squares
 * (printing/layout.c); this module only encodes, and only text that is safe
 * to encode: bundle text never reaches the encoder unchecked.
 */
#ifndef GK_QR_H
#define GK_QR_H

#include <stddef.h>

struct qr {
	int size;          /* modules per side, without the quiet zone */
	unsigned char *m;  /* size * size, row by row; 1 = dark; owned */
};

/* Longest text encoded (a URL of a government portal is far shorter). */
#define QR_MAX_TEXT 300

/* Returns 1 when url is an http(s) address of printable ASCII without
 * spaces or quotes, at most QR_MAX_TEXT bytes: what the kiosk will show
 * and encode as a 原文链接. */
int qr_url_ok(const char *url);

/* Encodes text (8-bit, error correction level M: readable when a kiosk
 * printer smudges a little). Returns 0, or -1 when it cannot be encoded. */
int qr_make(const char *text, struct qr *q);

/* Returns 1 when module (x, y) is dark; 0 outside the code. */
int qr_dark(const struct qr *q, int x, int y);

void qr_free(struct qr *q);

#endif
