/*
 * test_config.c - kiosk.conf: defaults fill what is left out, a bad value or
 * a missing required key is an error naming the key, unknown keys warn.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/config.h"
#include "tests/unit/check.h"

static char path[] = "/tmp/gk-test-conf.XXXXXX";

/* Writes text to the temp file and loads it; returns config_load's result. */
static int load(const char *text, struct config *c, char *err, size_t errlen)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -2;
	fputs(text, f);
	fclose(f);
	return config_load(path, c, err, errlen);
}

/* A file with only the required key gets every default. */
static void test_defaults(void)
{
	struct config c;
	char err[256] = "";

	CHECK_INT(load("[trust]\nbundle_pubkey = RWQabc\n", &c, err, sizeof err), 0);
	if (err[0])
		printf("  %s\n", err);
	CHECK_INT(c.idle_timeout, 120);
	CHECK_INT(c.max_pages_per_session, 30);
	CHECK_STR(c.database, "/var/lib/gongkai/gongkai.db");
	CHECK_STR(c.mount_roots, "/media:/run/media:/mnt");
	CHECK(c.speech_rate > 0.79 && c.speech_rate < 0.81);
	CHECK_STR(c.audio_out, "");
	CHECK_STR(c.printer, "");
	CHECK_STR(c.warnings, "");
	config_free(&c);
}

/* Values are read; an inline comment after a value is not part of it. */
static void test_values(void)
{
	struct config c;
	char err[256] = "";

	CHECK_INT(load("[kiosk]\nname = 东乡街道便民服务中心       ; shown on screen\nid = XH-DX-01\n"
		       "idle_timeout = 300\n[trust]\nbundle_pubkey = RWQxyz\n[print]\nprinter = office\n"
		       "max_pages_per_session = 5\n[extra]\ncolour = red\n",
		       &c, err, sizeof err), 0);
	CHECK_STR(c.kiosk_name, "东乡街道便民服务中心");
	CHECK_STR(c.kiosk_id, "XH-DX-01");
	CHECK_INT(c.idle_timeout, 300);
	CHECK_STR(c.printer, "office");
	CHECK_INT(c.max_pages_per_session, 5);
	CHECK(strstr(c.warnings, "[extra] colour") != NULL);
	config_free(&c);
	CHECK_INT(load("[trust]\nbundle_pubkey = RWQxyz\n[access]\nspeech_rate = 1.25\n"
		       "audio_out = /tmp/gk-audio\n", &c, err, sizeof err), 0);
	CHECK(c.speech_rate > 1.24 && c.speech_rate < 1.26);
	CHECK_STR(c.audio_out, "/tmp/gk-audio");
	CHECK_STR(c.warnings, "");
	config_free(&c);
}

/* Each bad value names its section and key. */
static void test_errors(void)
{
	struct config c;
	char err[256];

	err[0] = '\0';
	CHECK_INT(load("[kiosk]\nname = x\n", &c, err, sizeof err), -1);
	CHECK(strstr(err, "bundle_pubkey") != NULL);
	err[0] = '\0';
	CHECK_INT(load("[kiosk]\nidle_timeout = soon\n[trust]\nbundle_pubkey = RWQ\n", &c, err, sizeof err), -1);
	CHECK(strstr(err, "[kiosk] idle_timeout") != NULL);
	err[0] = '\0';
	CHECK_INT(load("[kiosk]\nid = 东乡 1\n[trust]\nbundle_pubkey = RWQ\n", &c, err, sizeof err), -1);
	CHECK(strstr(err, "[kiosk] id") != NULL);
	err[0] = '\0';
	CHECK_INT(load("[access]\nspeech_rate = 5\n[trust]\nbundle_pubkey = RWQ\n", &c, err, sizeof err), -1);
	CHECK(strstr(err, "[access] speech_rate") != NULL);
	err[0] = '\0';
	CHECK_INT(load("[access]\nspeech_rate = slow\n[trust]\nbundle_pubkey = RWQ\n", &c, err, sizeof err), -1);
	CHECK(strstr(err, "[access] speech_rate") != NULL);
	err[0] = '\0';
	CHECK_INT(load("[print]\nmax_pages_per_session = -1\n[trust]\nbundle_pubkey = RWQ\n", &c, err, sizeof err), -1);
	CHECK(strstr(err, "max_pages_per_session") != NULL);
	err[0] = '\0';
	CHECK_INT(config_load("/nonexistent/kiosk.conf", &c, err, sizeof err), -1);
	CHECK(strstr(err, "/nonexistent/kiosk.conf") != NULL);
}

/* A bundle_pubkey that is no minisign Ed25519 key is a configuration error
 * naming the file and the key, found before any bundle is read. */
static void test_pubkey(void)
{
	static const char *bad[] = {
		"RWQabc",                                                   /* too short */
		"RWQURiJj1TZCkOCrsG1NTYmpZvCFHr4ABGHgDFlA7vYgQaDhqybc",     /* 3 bytes short */
		"RXgURiJj1TZCkOCrsG1NTYmpZvCFHr4ABGHgDFlA7vYgQaDhqybc7IAj", /* algorithm "Ex" */
		"RWQURiJj1TZCkOCrsG1NTYmpZvCFHr4ABGHgDFlA7vYgQaDhqybc7I!j", /* not base64 */
		"REPLACE-WITH-COUNTY-KEY",
	};
	struct config c;
	char err[512], text[256];

	err[0] = '\0';
	CHECK_INT(load("[trust]\nbundle_pubkey = RWQURiJj1TZCkOCrsG1NTYmpZvCFHr4ABGHgDFlA7vYgQaDhqybc7IAj\n",
		       &c, err, sizeof err), 0);
	CHECK_INT(config_check_pubkey(&c, err, sizeof err), 0);
	config_free(&c);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(text, sizeof text, "[trust]\nbundle_pubkey = %s\n", bad[i]);
		err[0] = '\0';
		CHECK_INT(load(text, &c, err, sizeof err), 0); /* the kiosk itself still starts */
		CHECK_INT(config_check_pubkey(&c, err, sizeof err), -1);
		CHECK(strstr(err, path) != NULL);
		CHECK(strstr(err, "[trust] bundle_pubkey") != NULL);
		CHECK(strstr(err, "minisign") != NULL);
		config_free(&c);
	}
}

/* Messages a staff member reads are Chinese, and a value quoted back from the
 * file carries no control characters to the terminal. */
static void test_messages(void)
{
	struct config c;
	char err[256];

	err[0] = '\0';
	CHECK_INT(load("[kiosk]\nidle_timeout = \x1b[2J\x07\n[trust]\nbundle_pubkey = RWQ\n", &c, err, sizeof err), -1);
	CHECK(strstr(err, "[kiosk] idle_timeout") != NULL);
	CHECK(strstr(err, "不正确") != NULL);
	CHECK(strchr(err, 0x1b) == NULL && strchr(err, 0x07) == NULL);
	/* A long value is quoted cut at a character boundary, never mid-UTF-8,
	 * and the whole message still fits a 256-byte buffer. */
	err[0] = '\0';
	CHECK_INT(load("[kiosk]\nidle_timeout = é东东东东东东东东东东东东东东东东东东东东东东东东东东东东东东"
		       "东东东东东东东东东东东东东东东东东东东东东东东东东东东东东东\n"
		       "[trust]\nbundle_pubkey = RWQ\n", &c, err, sizeof err), -1);
	CHECK(strstr(err, "“é东东") != NULL);
	CHECK(strstr(err, "东”不正确") != NULL);
	CHECK(strstr(err, "说明改正") != NULL);
	err[0] = '\0';
	CHECK_INT(load("[kiosk]\nname = x\n", &c, err, sizeof err), -1);
	CHECK(strstr(err, "缺少") != NULL);
	CHECK_INT(load("[trust]\nbundle_pubkey = RWQ\n[x\x1b]\nk\x07 = 1\n", &c, err, sizeof err), 0);
	CHECK(strstr(c.warnings, "已忽略") != NULL);
	CHECK(strchr(c.warnings, 0x1b) == NULL && strchr(c.warnings, 0x07) == NULL);
	config_free(&c);
}

/* Runs the configuration tests on a temporary file. */
int main(void)
{
	int fd = mkstemp(path);

	if (fd < 0)
		return 3;
	close(fd);
	TEST(test_defaults);
	TEST(test_values);
	TEST(test_errors);
	TEST(test_pubkey);
	TEST(test_messages);
	unlink(path);
	return CHECK_EXIT();
}
