/*
 * test_qr.c - what may become a QR code (kiosk/qr.h) and its size: a
 * county portal address fits 80x24 (33 modules, 37 with the quiet zone),
 * and bundle text that is not a plain http(s) address never reaches the
 * encoder.
 */
#include <string.h>

#include "check.h"
#include "kiosk/qr.h"

static void test_url_ok(void)
{
	char longurl[QR_MAX_TEXT + 10];

	CHECK(qr_url_ok("https://www.xuanhan.gov.cn/gongkai/show/20250528046.html"));
	CHECK(qr_url_ok("http://example.gov.cn/a?b=1&c=%E4%B8%AD"));
	CHECK(!qr_url_ok(NULL));
	CHECK(!qr_url_ok(""));
	CHECK(!qr_url_ok("https://"));
	CHECK(!qr_url_ok("javascript:alert(1)"));
	CHECK(!qr_url_ok("ftp://example.gov.cn/x"));
	CHECK(!qr_url_ok("https://example.gov.cn/a b"));
	CHECK(!qr_url_ok("https://example.gov.cn/\x1b[31m"));
	CHECK(!qr_url_ok("https://例子.中国/"));
	CHECK(!qr_url_ok("https://example.gov.cn/\"onload"));
	memset(longurl, 'a', sizeof longurl - 1);
	longurl[sizeof longurl - 1] = '\0';
	memcpy(longurl, "https://", 8);
	CHECK(!qr_url_ok(longurl));
}

static void test_make(void)
{
	struct qr q;

	CHECK(qr_make("https://www.xuanhan.gov.cn/gongkai/show/20250528046.html", &q) == 0);
	CHECK_INT(q.size, 33);
	/* the finder pattern: a dark ring and a dark centre, top left */
	CHECK(qr_dark(&q, 0, 0) && qr_dark(&q, 6, 0) && qr_dark(&q, 0, 6) && qr_dark(&q, 3, 3));
	CHECK(!qr_dark(&q, 1, 1) && !qr_dark(&q, 7, 7));
	CHECK(!qr_dark(&q, -1, 0) && !qr_dark(&q, 33, 0));
	qr_free(&q);
	CHECK(qr_make("", &q) < 0);
	CHECK(qr_make("XH-DX-01-20261124-0001", &q) == 0 && q.size >= 21);
	qr_free(&q);
}

int main(void)
{
	TEST(test_url_ok);
	TEST(test_make);
	return CHECK_EXIT();
}
