/*
 * minisign.c - minisign public keys and signatures checked with libsodium
 * (see minisign.h for the formats). Everything read here comes from a USB
 * stick or a configuration file, so every length is checked before use and
 * no input can make the parser read past the text it was given.
 */
#include "kiosk/minisign.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/util.h"

#define UNTRUSTED_PREFIX "untrusted comment:"
#define TRUSTED_PREFIX "trusted comment: "

/* Raw sizes of the base64 payloads. */
#define PUBKEY_BYTES 42 /* alg + key id + key */
#define SIG_BYTES 74    /* alg + key id + signature */
#define GLOBAL_BYTES 64 /* signature of the trusted comment */

/* One line of a text: [s, s + len), without its line end. */
struct line {
	const char *s;
	size_t len;
};

/* A cursor over a text that may hold any bytes. */
struct cursor {
	const char *p;
	const char *end;
};

/* Takes the next line (LF-terminated; trailing CRs dropped). Returns 0 at
 * the end of the text. */
static int next_line(struct cursor *c, struct line *out)
{
	const char *nl;

	if (c->p >= c->end)
		return 0;
	nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
	out->s = c->p;
	out->len = (size_t)((nl ? nl : c->end) - c->p);
	c->p = nl ? nl + 1 : c->end;
	while (out->len > 0 && out->s[out->len - 1] == '\r')
		out->len--;
	return 1;
}

/* Returns 1 when the byte is a space, tab, CR or LF. */
static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* Drops surrounding blanks from a line. */
static void trim_line(struct line *l)
{
	while (l->len > 0 && is_blank(l->s[0])) {
		l->s++;
		l->len--;
	}
	while (l->len > 0 && is_blank(l->s[l->len - 1]))
		l->len--;
}

/* Returns 1 when the line holds nothing but blanks. */
static int line_is_blank(const struct line *l)
{
	size_t i;

	for (i = 0; i < l->len; i++)
		if (!is_blank(l->s[i]))
			return 0;
	return 1;
}

/* Returns 1 when the line starts with the given prefix. */
static int has_prefix(const struct line *l, const char *prefix)
{
	size_t n = strlen(prefix);

	return l->len >= n && memcmp(l->s, prefix, n) == 0;
}

/* Decodes one base64 line that must hold exactly want bytes. Returns 0, or
 * -1 with err naming what. */
static int decode_b64(const struct line *in, unsigned char *out, size_t want, const char *what,
		      char *err, size_t errlen)
{
	struct line l = *in;
	size_t enc_len = (want + 2) / 3 * 4, bin_len = 0;
	const char *b64_end = NULL;

	trim_line(&l);
	if (l.len == 0) {
		util_errf(err, errlen, "缺少%s", what);
		return -1;
	}
	if (l.len != enc_len) {
		util_errf(err, errlen, "%s的长度不对（%zu 个 base64 字符，应为 %zu 个）",
			  what, l.len, enc_len);
		return -1;
	}
	if (sodium_base642bin(out, want, l.s, l.len, NULL, &bin_len, &b64_end,
			      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    b64_end != l.s + l.len || bin_len != want) {
		util_errf(err, errlen, "%s不是有效的 base64 文本", what);
		return -1;
	}
	return 0;
}

/* Formats a key id as minisign prints it: the bytes read as a little-endian
 * 64-bit number, in upper-case hex. */
void minisign_keyid_hex(const unsigned char keyid[8], char out[17])
{
	static const char hex[] = "0123456789ABCDEF";
	int i;

	for (i = 0; i < 8; i++) {
		out[2 * i] = hex[keyid[7 - i] >> 4];
		out[2 * i + 1] = hex[keyid[7 - i] & 15];
	}
	out[16] = '\0';
}

/* Parses a bare public key line or a whole .pub file. */
int minisign_parse_pubkey(const char *text, struct minisign_pubkey *out, char *err,
			  size_t errlen)
{
	struct cursor c;
	struct line l, key = {NULL, 0};
	unsigned char raw[PUBKEY_BYTES];
	int seen_comment = 0;
	size_t len;

	if (!text) {
		util_errf(err, errlen, "没有给出公钥");
		return -1;
	}
	len = strlen(text);
	if (len > 4096) {
		util_errf(err, errlen, "公钥文本太长（%zu 字节）", len);
		return -1;
	}
	c.p = text;
	c.end = text + len;
	while (next_line(&c, &l)) {
		if (line_is_blank(&l))
			continue;
		if (!key.s && !seen_comment && has_prefix(&l, UNTRUSTED_PREFIX)) {
			seen_comment = 1;
			continue;
		}
		if (key.s) {
			util_errf(err, errlen, "公钥后面还有多余的行");
			return -1;
		}
		key = l;
	}
	if (!key.s) {
		util_errf(err, errlen, "没有给出公钥");
		return -1;
	}
	if (decode_b64(&key, raw, sizeof raw, "公钥", err, errlen) < 0)
		return -1;
	if (raw[0] != 'E' || raw[1] != 'd') {
		util_errf(err, errlen, "公钥的算法不是 Ed25519（\"Ed\"）");
		return -1;
	}
	memcpy(out->keyid, raw + 2, sizeof out->keyid);
	memcpy(out->pk, raw + 10, sizeof out->pk);
	return 0;
}

/* Parses the four lines of a .minisig text. */
int minisign_parse_sig(const char *sig_text, size_t len, struct minisign_sig *out, char *err,
		       size_t errlen)
{
	struct cursor c;
	struct line l;
	unsigned char raw[SIG_BYTES];

	memset(out, 0, sizeof *out);
	if (!sig_text || len == 0) {
		util_errf(err, errlen, "签名文件是空的");
		return -1;
	}
	if (len > MINISIGN_MAX_SIG_TEXT) {
		util_errf(err, errlen, "签名文件太大（%zu 字节）", len);
		return -1;
	}
	if (memchr(sig_text, '\0', len)) {
		util_errf(err, errlen, "签名文件里有 NUL 字节");
		return -1;
	}
	c.p = sig_text;
	c.end = sig_text + len;

	if (!next_line(&c, &l) || !has_prefix(&l, UNTRUSTED_PREFIX)) {
		util_errf(err, errlen,
			  "签名文件不是以 \"untrusted comment:\" 开头（不是 minisign 签名）");
		return -1;
	}
	if (!next_line(&c, &l)) {
		util_errf(err, errlen, "缺少签名行");
		return -1;
	}
	if (decode_b64(&l, raw, sizeof raw, "签名行", err, errlen) < 0)
		return -1;
	if (raw[0] != 'E' || (raw[1] != 'D' && raw[1] != 'd')) {
		util_errf(err, errlen, "签名算法不受支持（既不是 \"ED\" 也不是 \"Ed\"）");
		return -1;
	}
	out->alg[0] = raw[0];
	out->alg[1] = raw[1];
	out->prehashed = raw[1] == 'D';
	memcpy(out->keyid, raw + 2, sizeof out->keyid);
	memcpy(out->sig, raw + 10, sizeof out->sig);

	if (!next_line(&c, &l)) {
		util_errf(err, errlen, "缺少可信注释（trusted comment）行");
		return -1;
	}
	if (!has_prefix(&l, TRUSTED_PREFIX)) {
		util_errf(err, errlen, "第三行不是以 \"trusted comment: \" 开头");
		return -1;
	}
	out->trusted_comment = l.s + strlen(TRUSTED_PREFIX);
	out->trusted_comment_len = l.len - strlen(TRUSTED_PREFIX);

	if (!next_line(&c, &l)) {
		util_errf(err, errlen, "缺少可信注释（trusted comment）的签名");
		return -1;
	}
	if (decode_b64(&l, out->global_sig, sizeof out->global_sig, "可信注释（trusted comment）的签名",
		       err, errlen) < 0)
		return -1;
	while (next_line(&c, &l)) {
		if (!line_is_blank(&l)) {
			util_errf(err, errlen, "签名文件第四行之后还有多余的内容");
			return -1;
		}
	}
	return 0;
}

/* Copies the trusted comment into the caller's buffer, cut at a character
 * boundary when it does not fit. */
static void copy_comment(const struct minisign_sig *s, char *out, size_t outlen)
{
	size_t n = s->trusted_comment_len;

	if (!out || outlen == 0)
		return;
	if (n >= outlen) {
		n = outlen - 1;
		while (n > 0 && ((unsigned char)s->trusted_comment[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(out, s->trusted_comment, n);
	out[n] = '\0';
}

/* Refuses a signature made by a key other than pk. */
static int check_keyid(const struct minisign_pubkey *pk, const struct minisign_sig *s, char *err,
		       size_t errlen)
{
	char want[17], got[17];

	if (memcmp(pk->keyid, s->keyid, sizeof pk->keyid) == 0)
		return 0;
	minisign_keyid_hex(s->keyid, got);
	minisign_keyid_hex(pk->keyid, want);
	util_errf(err, errlen, "签名用的是密钥 %s，而本机信任的是 %s：请向县政府办公室索取用本县密钥签名的数据包", got,
		  want);
	return -1;
}

/* Checks the signature over signed (the message or its BLAKE2b-512) and the
 * trusted comment's signature. */
static int check_sigs(const struct minisign_pubkey *pk, const struct minisign_sig *s,
		      const unsigned char *signed_data, size_t signed_len, char *err, size_t errlen)
{
	unsigned char *global;
	int bad;

	if (crypto_sign_verify_detached(s->sig, signed_data, signed_len, pk->pk) != 0) {
		util_errf(err, errlen, "签名与文件不符（文件被改过，或签名是伪造的）：请向县政府办公室重新索取数据包");
		return -1;
	}
	global = xmalloc(sizeof s->sig + s->trusted_comment_len);
	memcpy(global, s->sig, sizeof s->sig);
	memcpy(global + sizeof s->sig, s->trusted_comment, s->trusted_comment_len);
	bad = crypto_sign_verify_detached(s->global_sig, global,
					  sizeof s->sig + s->trusted_comment_len, pk->pk) != 0;
	free(global);
	if (bad) {
		util_errf(err, errlen, "可信注释（trusted comment）的签名无效（注释被改过）：请向县政府办公室重新索取数据包");
		return -1;
	}
	return 0;
}

/* Clears the comment buffer so a failed check never leaves stale text. */
static void clear_comment(char *tc, size_t tclen)
{
	if (tc && tclen > 0)
		tc[0] = '\0';
}

/* Verifies a signature of a message held in memory. */
int minisign_verify(const struct minisign_pubkey *pk, const unsigned char *msg, size_t msglen,
		    const char *sig_text, size_t sig_len, char *trusted_comment, size_t tclen,
		    char *err, size_t errlen)
{
	struct minisign_sig s;
	unsigned char hash[crypto_generichash_BYTES_MAX];
	static const unsigned char empty[1];

	clear_comment(trusted_comment, tclen);
	if (sodium_init() < 0) {
		util_errf(err, errlen, "加密库 libsodium 无法启动");
		return -1;
	}
	if (minisign_parse_sig(sig_text, sig_len, &s, err, errlen) < 0 ||
	    check_keyid(pk, &s, err, errlen) < 0)
		return -1;
	if (!msg)
		msg = empty; /* only with msglen 0 */
	if (s.prehashed) {
		crypto_generichash(hash, sizeof hash, msg, msglen, NULL, 0);
		if (check_sigs(pk, &s, hash, sizeof hash, err, errlen) < 0)
			return -1;
	} else if (check_sigs(pk, &s, msg, msglen, err, errlen) < 0) {
		return -1;
	}
	copy_comment(&s, trusted_comment, tclen);
	return 0;
}

/* Computes BLAKE2b-512 of a file while reading it in chunks. */
static int hash_file(const char *path, unsigned char hash[crypto_generichash_BYTES_MAX],
		     char *err, size_t errlen)
{
	crypto_generichash_state st;
	unsigned char *buf;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		util_errf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	buf = xmalloc(65536);
	crypto_generichash_init(&st, NULL, 0, crypto_generichash_BYTES_MAX);
	for (;;) {
		n = read(fd, buf, 65536);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		crypto_generichash_update(&st, buf, (unsigned long long)n);
	}
	if (n < 0)
		util_errf(err, errlen, "%s: %s", path, strerror(errno));
	else
		crypto_generichash_final(&st, hash, crypto_generichash_BYTES_MAX);
	free(buf);
	close(fd);
	return n < 0 ? -1 : 0;
}

/* Verifies the signature file sig_path of the file msg_path. */
int minisign_verify_file(const struct minisign_pubkey *pk, const char *msg_path,
			 const char *sig_path, char *trusted_comment, size_t tclen, char *err,
			 size_t errlen)
{
	struct minisign_sig s;
	char *sig_text = NULL, *msg = NULL;
	size_t sig_len = 0, msg_len = 0;
	unsigned char hash[crypto_generichash_BYTES_MAX];
	int rc = -1;

	clear_comment(trusted_comment, tclen);
	if (sodium_init() < 0) {
		util_errf(err, errlen, "加密库 libsodium 无法启动");
		return -1;
	}
	if (util_read_file(sig_path, MINISIGN_MAX_SIG_TEXT, &sig_text, &sig_len, err, errlen) < 0)
		return -1;
	if (minisign_parse_sig(sig_text, sig_len, &s, err, errlen) < 0 ||
	    check_keyid(pk, &s, err, errlen) < 0)
		goto out;
	if (s.prehashed) {
		if (hash_file(msg_path, hash, err, errlen) < 0 ||
		    check_sigs(pk, &s, hash, sizeof hash, err, errlen) < 0)
			goto out;
	} else {
		if (util_read_file(msg_path, MINISIGN_MAX_LEGACY_FILE, &msg, &msg_len, err, errlen) < 0)
			goto out;
		if (check_sigs(pk, &s, (const unsigned char *)(msg ? msg : ""), msg_len, err,
			       errlen) < 0)
			goto out;
	}
	copy_comment(&s, trusted_comment, tclen);
	rc = 0;
out:
	free(sig_text);
	free(msg);
	return rc;
}
