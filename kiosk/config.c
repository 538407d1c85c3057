/*
 * config.c - reading kiosk.conf with inih and checking every value.
 */
#include "kiosk/config.h"

#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "kiosk/minisign.h"
#include "kiosk/util.h"
#include "kiosk/width.h"

struct config_parse {
	struct config *c;
	struct sbuf warnings;
	char err[512]; /* first bad value */
};

/* Replaces a string field with a copy of value. */
static void config_set(char **field, const char *value)
{
	free(*field);
	*field = xstrdup(value);
}

/* Parses an integer within [lo, hi]; returns 0 or -1. */
static int config_int(const char *value, int lo, int hi, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (errno || end == value || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

/* Returns the bytes of s to quote in a message: at most max, never ending
 * inside a UTF-8 character (s is valid UTF-8, from width_printable). */
static int config_quote_len(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return (int)n;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return (int)max;
}

/* inih callback: stores one key, or records why it is bad. */
static int config_handler(void *user, const char *section, const char *name, const char *value)
{
	struct config_parse *p = user;
	struct config *c = p->c;

#define KEY(s, n) (strcmp(section, s) == 0 && strcmp(name, n) == 0)
	if (KEY("kiosk", "name")) {
		if (!*value)
			goto bad;
		config_set(&c->kiosk_name, value);
	} else if (KEY("kiosk", "id")) {
		/* Part of tracking numbers: letters, digits and dashes only. */
		if (!*value || strlen(value) > 24 || strspn(value, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
						 "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(value))
			goto bad;
		config_set(&c->kiosk_id, value);
	} else if (KEY("kiosk", "database")) {
		if (!*value)
			goto bad;
		config_set(&c->database, value);
	} else if (KEY("kiosk", "idle_timeout")) {
		if (config_int(value, 5, 86400, &c->idle_timeout) < 0)
			goto bad;
	} else if (KEY("trust", "bundle_pubkey")) {
		config_set(&c->bundle_pubkey, value);
	} else if (KEY("trust", "seal_pubkey")) {
		config_set(&c->seal_pubkey, value);
	} else if (KEY("print", "printer")) {
		config_set(&c->printer, value);
	} else if (KEY("print", "max_pages_per_session")) {
		if (config_int(value, 0, 10000, &c->max_pages_per_session) < 0)
			goto bad;
	} else if (KEY("staff", "pin_hash")) {
		config_set(&c->pin_hash, value);
	} else if (KEY("usb", "mount_roots")) {
		config_set(&c->mount_roots, value);
	} else if (KEY("access", "speech_rate")) {
		char *end;
		double v;

		errno = 0;
		v = strtod(value, &end);
		if (errno || end == value || *end != '\0' || !(v >= 0.3 && v <= 3.0))
			goto bad;
		c->speech_rate = v;
	} else if (KEY("access", "audio_out")) {
		config_set(&c->audio_out, value);
	} else {
		char *sec = width_printable(section), *key = width_printable(name);

		sbuf_addf(&p->warnings, "%s: 未知的设置 [%s] %s，已忽略（请检查拼写）\n", c->path, sec,
			  key);
		free(sec);
		free(key);
	}
	return 1;
#undef KEY
bad:
	if (!p->err[0]) {
		char *v = width_printable(value);

		snprintf(p->err, sizeof p->err, "[%s] %s: 值“%.*s”不正确，请按 kiosk.conf 里的说明改正",
			 section, name, config_quote_len(v, 120), v);
		free(v);
	}
	return 1;
}

/* Fills every default. */
void config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	c->kiosk_name = xstrdup("政务公开专区");
	c->kiosk_id = xstrdup("KIOSK-01");
	c->database = xstrdup("/var/lib/gongkai/gongkai.db");
	c->idle_timeout = 120;
	c->bundle_pubkey = xstrdup("");
	c->seal_pubkey = xstrdup("");
	c->printer = xstrdup("");
	c->max_pages_per_session = 30;
	c->pin_hash = xstrdup("");
	c->mount_roots = xstrdup("/media:/run/media:/mnt");
	c->speech_rate = 0.8;
	c->audio_out = xstrdup("");
	c->path = xstrdup("");
	c->warnings = xstrdup("");
}

/* Reads and checks the configuration file. */
int config_load(const char *path, struct config *out, char *err, size_t errlen)
{
	struct config_parse p = { .c = out };
	int rc;

	if (!path)
		path = CONFIG_DEFAULT_PATH;
	config_defaults(out);
	config_set(&out->path, path);
	rc = ini_parse(path, config_handler, &p);
	if (rc == -1) {
		util_errf(err, errlen, "%s: 无法打开配置文件（%s）", path, strerror(errno));
		goto fail;
	}
	if (rc > 0) {
		util_errf(err, errlen, "%s:%d: 这一行不是有效的设置（应为 [节名] 或 键 = 值，"
			  "且不超过 200 字节）", path, rc);
		goto fail;
	}
	if (rc < 0) {
		util_errf(err, errlen, "%s: 无法读取配置文件", path);
		goto fail;
	}
	if (p.err[0]) {
		util_errf(err, errlen, "%s: %s", path, p.err);
		goto fail;
	}
	if (!out->bundle_pubkey[0]) {
		util_errf(err, errlen, "%s: [trust] bundle_pubkey: 缺少这个必需的设置"
			  "（县里数据包签名用的 minisign 公钥，RWQ 开头）", path);
		goto fail;
	}
	config_set(&out->warnings, sbuf_str(&p.warnings));
	sbuf_free(&p.warnings);
	return 0;
fail:
	sbuf_free(&p.warnings);
	config_free(out);
	return -1;
}

/* Checks that [trust] bundle_pubkey is a minisign Ed25519 public key. */
int config_check_pubkey(const struct config *c, char *err, size_t errlen)
{
	struct minisign_pubkey pk;
	unsigned char bin[64];
	size_t binlen = 0;
	const char *k = c->bundle_pubkey ? c->bundle_pubkey : "", *why;
	char msg[256];
	char *shown;

	if (minisign_parse_pubkey(k, &pk, msg, sizeof msg) == 0)
		return 0;
	if (strlen(k) != 56)
		why = "长度不对（应为 56 个字符）";
	else if (sodium_base642bin(bin, sizeof bin, k, strlen(k), NULL, &binlen, NULL,
				   sodium_base64_VARIANT_ORIGINAL) != 0)
		why = "含有 base64 以外的字符";
	else
		why = "不是 Ed25519 算法（应以 RWQ 开头）";
	shown = width_printable(k);
	util_errf(err, errlen, "%s: [trust] bundle_pubkey: 不是有效的 minisign 公钥（%s）：“%.*s”。"
		  "请填写县里 .pub 公钥文件的第二行", c->path ? c->path : "", why,
		  config_quote_len(shown, 120), shown);
	free(shown);
	return -1;
}

/* Frees the configuration's strings. */
void config_free(struct config *c)
{
	char **fields[] = { &c->kiosk_name, &c->kiosk_id, &c->database, &c->bundle_pubkey,
			    &c->seal_pubkey, &c->printer, &c->pin_hash, &c->mount_roots,
			    &c->audio_out, &c->path, &c->warnings };

	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		free(*fields[i]);
		*fields[i] = NULL;
	}
}
