/*
 * test_demo_conf.c - the shipped configurations (assets/demo.conf used by
 * `make run`, assets/kiosk.conf installed as /etc/gongkai/kiosk.conf) load
 * with config_load() and carry the values the demo and installs rely on.
 * Run from the repository root (tests/run.sh does).
 */
#include <stdio.h>
#include <string.h>

#include "kiosk/config.h"
#include "tests/unit/check.h"

/* Reads the second line of the demo public key file (the RWQ... key). */
static int read_demo_pubkey(char *buf, size_t n)
{
	FILE *f = fopen("assets/demo-keys/office.pub", "r");
	int ok;

	if (!f)
		return -1;
	ok = fgets(buf, (int)n, f) && fgets(buf, (int)n, f);
	fclose(f);
	if (!ok)
		return -1;
	buf[strcspn(buf, "\r\n")] = '\0';
	return 0;
}

/* demo.conf loads with the demo kiosk's values. */
static void demo_conf_values(void)
{
	struct config c;
	char err[512] = "";

	CHECK_INT(config_load("assets/demo.conf", &c, err, sizeof err), 0);
	if (err[0]) {
		printf("  %s\n", err);
		return;
	}
	CHECK_STR(c.kiosk_name, "东乡街道便民服务中心");
	CHECK_STR(c.kiosk_id, "XH-DX-01");
	CHECK_STR(c.database, "build/demo.db");
	CHECK_INT(c.idle_timeout, 120);
	CHECK_STR(c.seal_pubkey, "");
	CHECK_STR(c.printer, "");
	CHECK_INT(c.max_pages_per_session, 30);
	CHECK_STR(c.pin_hash, "");
	CHECK_STR(c.mount_roots, "/media:/run/media:/mnt");
	CHECK_STR(c.warnings, "");
	config_free(&c);
}

/* demo.conf trusts the committed demo public key. */
static void demo_conf_trusts_demo_key(void)
{
	struct config c;
	char err[512] = "", key[128] = "";

	CHECK_INT(read_demo_pubkey(key, sizeof key), 0);
	CHECK(strncmp(key, "RWQ", 3) == 0);
	CHECK_INT(config_load("assets/demo.conf", &c, err, sizeof err), 0);
	if (err[0])
		return;
	CHECK_STR(c.bundle_pubkey, key);
	config_free(&c);
}

/* kiosk.conf loads, with the installed database and a placeholder key. */
static void kiosk_conf_defaults(void)
{
	struct config c;
	char err[512] = "";

	CHECK_INT(config_load("assets/kiosk.conf", &c, err, sizeof err), 0);
	if (err[0]) {
		printf("  %s\n", err);
		return;
	}
	CHECK_STR(c.database, "/var/lib/gongkai/gongkai.db");
	CHECK_STR(c.bundle_pubkey, "REPLACE-WITH-COUNTY-KEY");
	CHECK_INT(c.idle_timeout, 120);
	CHECK_INT(c.max_pages_per_session, 30);
	CHECK_STR(c.seal_pubkey, "");
	CHECK_STR(c.pin_hash, "");
	CHECK_STR(c.warnings, "");
	config_free(&c);
}

/* Runs the tests. */
int main(void)
{
	TEST(demo_conf_values);
	TEST(demo_conf_trusts_demo_key);
	TEST(kiosk_conf_defaults);
	return CHECK_EXIT();
}
