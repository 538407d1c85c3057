/*
 * qr.c - QR codes through libqrencode; see qr.h.
 */
#include "kiosk/qr.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/util.h"

int qr_url_ok(const char *url)
{
	size_t n;

	if (!url)
		return 0;
	n = strlen(url);
	if (n > QR_MAX_TEXT || (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0))
		return 0;
	if (n <= 8)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)url[i];

		if (c <= ' ' || c >= 0x7f || c == '"' || c == '\'' || c == '<' || c == '>' ||
		    c == '\\' || c == '`')
			return 0;
	}
	return 1;
}

int qr_make(const char *text, struct qr *q)
{
	QRcode *c;

	memset(q, 0, sizeof *q);
	if (!text || !*text || strlen(text) > QR_MAX_TEXT)
		return -1;
	c = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (!c)
		return -1;
	q->size = c->width;
	q->m = xmalloc((size_t)c->width * (size_t)c->width);
	for (int i = 0; i < c->width * c->width; i++)
		q->m[i] = c->data[i] & 1;
	QRcode_free(c);
	return 0;
}

int qr_dark(const struct qr *q, int x, int y)
{
	if (x < 0 || y < 0 || x >= q->size || y >= q->size)
		return 0;
	return q->m[y * q->size + x];
}

void qr_free(struct qr *q)
{
	free(q->m);
	memset(q, 0, sizeof *q);
}
