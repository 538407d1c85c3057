/*
 * test_minisign.c - minisign verification against signatures made by the
 * real minisign tool (tests/data/minisign/, see make-fixtures.sh there):
 * pre-hashed and legacy signatures pass; another key, a changed file, a
 * changed trusted comment and every kind of damaged signature text fail with
 * a message that says which.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/minisign.h"
#include "kiosk/util.h"
#include "tests/unit/check.h"

#define DIR "tests/data/minisign/"
#define TC "gongkai-bundle 宣汉县人民政府办公室 sequence 7"

/* Reads a fixture (or any file) into memory; the test fails if it cannot. */
static char *slurp(const char *path, size_t *len)
{
	char err[256], *out = NULL;
	size_t n = 0;

	if (util_read_file(path, 64 * 1024 * 1024, &out, &n, err, sizeof err) < 0) {
		printf("  cannot read %s: %s\n", path, err);
		check_failed_in_test = 1;
		out = NULL;
	}
	if (!out)
		out = xstrdup("");
	if (len)
		*len = n;
	return out;
}

/* Loads a public key from a .pub file. */
static int load_key(const char *path, struct minisign_pubkey *pk)
{
	char err[256];
	char *text = slurp(path, NULL);
	int rc = minisign_parse_pubkey(text, pk, err, sizeof err);

	if (rc < 0)
		printf("  %s: %s\n", path, err);
	free(text);
	return rc;
}

/* Verifies sig text against msg (both in files), returning the result;
 * err and tc are filled as minisign_verify fills them. */
static int verify_mem(const struct minisign_pubkey *pk, const char *msg_path, const char *sig_text,
		      size_t sig_len, char *tc, size_t tclen, char *err, size_t errlen)
{
	size_t mlen;
	char *msg = slurp(msg_path, &mlen);
	int rc = minisign_verify(pk, (const unsigned char *)msg, mlen, sig_text, sig_len, tc, tclen,
				 err, errlen);

	free(msg);
	return rc;
}

/* Verifies a fixture signature both from memory and from the files. */
static int verify_both(const struct minisign_pubkey *pk, const char *msg_path,
		       const char *sig_path, char *tc, size_t tclen, char *err, size_t errlen)
{
	size_t slen;
	char *sig = slurp(sig_path, &slen);
	char *tc2 = tc ? xmalloc(tclen) : NULL, err2[512];
	int rc = verify_mem(pk, msg_path, sig, slen, tc, tclen, err, errlen);
	int rc2 = minisign_verify_file(pk, msg_path, sig_path, tc2, tclen, err2, sizeof err2);

	CHECK_INT(rc, rc2);
	if (tc)
		CHECK_STR(tc, tc2);
	if (rc < 0 && rc2 < 0)
		CHECK_STR(err, err2);
	free(tc2);
	free(sig);
	return rc;
}

/* The bare key, the whole .pub file and the key id minisign prints. */
static void test_pubkey_forms(void)
{
	struct minisign_pubkey a, b;
	char err[256], hex[17], comment_id[17] = "";
	char *file = slurp(DIR "demo.pub", NULL);
	char *nl = strchr(file, '\n');
	char *bare, *padded, *crlf;

	CHECK_INT(minisign_parse_pubkey(file, &a, err, sizeof err), 0);
	CHECK(nl != NULL);
	if (!nl)
		goto out;
	bare = xstrndup(nl + 1, strcspn(nl + 1, "\n"));
	CHECK_INT(minisign_parse_pubkey(bare, &b, err, sizeof err), 0);
	CHECK(memcmp(&a, &b, sizeof a) == 0);
	CHECK_INT(strlen(bare), 56);

	/* Spaces around it (as in an INI value) and CRLF line ends are fine. */
	padded = xasprintf("  %s \t\n\n", bare);
	CHECK_INT(minisign_parse_pubkey(padded, &b, err, sizeof err), 0);
	CHECK(memcmp(&a, &b, sizeof a) == 0);
	crlf = xasprintf("untrusted comment: x\r\n%s\r\n", bare);
	CHECK_INT(minisign_parse_pubkey(crlf, &b, err, sizeof err), 0);
	CHECK(memcmp(&a, &b, sizeof a) == 0);

	/* The id is printed as in the .pub file's comment line. */
	sscanf(file, "untrusted comment: minisign public key %16s", comment_id);
	minisign_keyid_hex(a.keyid, hex);
	CHECK_STR(hex, comment_id);
	free(bare);
	free(padded);
	free(crlf);
out:
	free(file);
}

/* Keys that are empty, garbage, cut, of another algorithm or followed by more. */
static void test_pubkey_bad(void)
{
	struct minisign_pubkey pk;
	char err[256];
	/* base64 of "Xd" followed by 40 zero bytes: right length, wrong algorithm. */
	const char *wrong_alg = "WGQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
	const char *good = "RWSdIMD6hc2CpN+BHlC+BtetID8xIufvbCg0HK7e77d59gFY/iPK+DCR";
	char *twice = xasprintf("%s\n%s\n", good, good);
	char *two_comments = xasprintf("untrusted comment: a\nuntrusted comment: b\n%s\n", good);

	CHECK_INT(minisign_parse_pubkey(good, &pk, err, sizeof err), 0);
	CHECK_INT(minisign_parse_pubkey("", &pk, err, sizeof err), -1);
	CHECK(strstr(err, "没有给出公钥") != NULL);
	CHECK_INT(minisign_parse_pubkey(NULL, &pk, err, sizeof err), -1);
	CHECK_INT(minisign_parse_pubkey("untrusted comment: only\n", &pk, err, sizeof err), -1);
	CHECK_INT(minisign_parse_pubkey("RWQ...", &pk, err, sizeof err), -1);
	CHECK(strstr(err, "长度不对") != NULL);
	CHECK_INT(minisign_parse_pubkey("RWSdIMD6hc2CpN+BHlC+BtetID8xIufvbCg0HK7e77d59gFY/iPK+DC",
					&pk, err, sizeof err), -1);
	CHECK_INT(minisign_parse_pubkey("RWSdIMD6hc2CpN+BHlC+BtetID8xIufvbCg0HK7e77d59gFY/iPK+DC!",
					&pk, err, sizeof err), -1);
	CHECK(strstr(err, "base64") != NULL);
	CHECK_INT(minisign_parse_pubkey(wrong_alg, &pk, err, sizeof err), -1);
	CHECK(strstr(err, "算法") != NULL);
	CHECK_INT(minisign_parse_pubkey(twice, &pk, err, sizeof err), -1);
	CHECK(strstr(err, "多余") != NULL);
	CHECK_INT(minisign_parse_pubkey(two_comments, &pk, err, sizeof err), -1);
	free(twice);
	free(two_comments);
}

/* minisign's default (pre-hashed, "ED") signature verifies and gives the
 * trusted comment. */
static void test_prehashed_ok(void)
{
	struct minisign_pubkey pk;
	struct minisign_sig s;
	char tc[512], err[512];
	size_t len;
	char *text = slurp(DIR "msg.txt.minisig", &len);

	CHECK_INT(load_key(DIR "demo.pub", &pk), 0);
	CHECK_INT(minisign_parse_sig(text, len, &s, err, sizeof err), 0);
	CHECK_INT(s.prehashed, 1);
	CHECK(memcmp(s.keyid, pk.keyid, 8) == 0);
	CHECK_INT(verify_both(&pk, DIR "msg.txt", DIR "msg.txt.minisig", tc, sizeof tc, err,
			      sizeof err), 0);
	CHECK_STR(tc, TC);
	free(text);
}

/* A legacy ("Ed", minisign -l) signature verifies too. */
static void test_legacy_ok(void)
{
	struct minisign_pubkey pk;
	struct minisign_sig s;
	char tc[512], err[512];
	size_t len;
	char *text = slurp(DIR "msg.txt.legacy.minisig", &len);

	CHECK_INT(load_key(DIR "demo.pub", &pk), 0);
	CHECK_INT(minisign_parse_sig(text, len, &s, err, sizeof err), 0);
	CHECK_INT(s.prehashed, 0);
	CHECK_INT(verify_both(&pk, DIR "msg.txt", DIR "msg.txt.legacy.minisig", tc, sizeof tc, err,
			      sizeof err), 0);
	CHECK_STR(tc, TC);
	free(text);
}

/* An empty file signed both ways verifies (NULL message pointer included). */
static void test_empty_message(void)
{
	struct minisign_pubkey pk;
	char tc[64], err[512];
	size_t len;
	char *text = slurp(DIR "empty.txt.minisig", &len);

	CHECK_INT(load_key(DIR "demo.pub", &pk), 0);
	CHECK_INT(verify_both(&pk, DIR "empty.txt", DIR "empty.txt.minisig", tc, sizeof tc, err,
			      sizeof err), 0);
	CHECK_STR(tc, "empty");
	CHECK_INT(minisign_verify(&pk, NULL, 0, text, len, tc, sizeof tc, err, sizeof err), 0);
	CHECK_INT(verify_both(&pk, DIR "empty.txt", DIR "empty.txt.legacy.minisig", tc, sizeof tc,
			      err, sizeof err), 0);
	/* The empty signature does not cover a non-empty file. */
	CHECK_INT(verify_both(&pk, DIR "msg.txt", DIR "empty.txt.minisig", tc, sizeof tc, err,
			      sizeof err), -1);
	free(text);
}

/* A signature by another key names both key ids. */
static void test_other_key(void)
{
	struct minisign_pubkey pk, other;
	char tc[512], err[512], want[17], got[17];

	CHECK_INT(load_key(DIR "demo.pub", &pk), 0);
	CHECK_INT(load_key(DIR "other.pub", &other), 0);
	CHECK_INT(verify_both(&pk, DIR "msg.txt", DIR "msg.txt.other.minisig", tc, sizeof tc, err,
			      sizeof err), -1);
	minisign_keyid_hex(pk.keyid, want);
	minisign_keyid_hex(other.keyid, got);
	CHECK(strstr(err, want) != NULL);
	CHECK(strstr(err, got) != NULL);
	CHECK_STR(tc, "");
	/* ...and it is good for the key that made it. */
	CHECK_INT(verify_both(&other, DIR "msg.txt", DIR "msg.txt.other.minisig", tc, sizeof tc,
			      err, sizeof err), 0);
	/* The demo key's signature is refused by the other key. */
	CHECK_INT(verify_both(&other, DIR "msg.txt", DIR "msg.txt.minisig", tc, sizeof tc, err,
			      sizeof err), -1);
}

/* A changed message fails in both modes. */
static void test_tampered_message(void)
{
	struct minisign_pubkey pk;
	char tc[512], err[512];

	CHECK_INT(load_key(DIR "demo.pub", &pk), 0);
	CHECK_INT(verify_both(&pk, DIR "msg-tampered.txt", DIR "msg.txt.minisig", tc, sizeof tc, err,
			      sizeof err), -1);
	CHECK(strstr(err, "签名与文件不符") != NULL);
	CHECK_STR(tc, "");
	CHECK_INT(verify_both(&pk, DIR "msg-tampered.txt", DIR "msg.txt.legacy.minisig", tc,
			      sizeof tc, err, sizeof err), -1);
	CHECK(strstr(err, "签名与文件不符") != NULL);
}

/* A trusted comment edited after signing fails on the global signature. */
static void test_tampered_comment(void)
{
	struct minisign_pubkey pk;
	char tc[512], err[512];

	CHECK_INT(load_key(DIR "demo.pub", &pk), 0);
	CHECK_INT(verify_both(&pk, DIR "msg.txt", DIR "msg.txt.badcomment.minisig", tc, sizeof tc,
			      err, sizeof err), -1);
	CHECK(strstr(err, "trusted comment") != NULL);
	CHECK_STR(tc, "");
}

/* CRLF line ends and trailing blank lines are tolerated; other extra text is not. */
static void test_line_ends(void)
{
	struct minisign_pubkey pk;
	char tc[512], err[512];
	size_t len;
	char *text = slurp(DIR "msg.txt.minisig", &len);
	char *more;

	CHECK_INT(load_key(DIR "demo.pub", &pk), 0);
	CHECK_INT(verify_both(&pk, DIR "msg.txt", DIR "msg.txt.crlf.minisig", tc, sizeof tc, err,
			      sizeof err), 0);
	CHECK_STR(tc, TC);
	/* Without the last newline. */
	CHECK_INT(verify_mem(&pk, DIR "msg.txt", text, len - 1, tc, sizeof tc, err, sizeof err), 0);
	more = xasprintf("%s\n  \n", text);
	CHECK_INT(verify_mem(&pk, DIR "msg.txt", more, strlen(more), tc, sizeof tc, err, sizeof err),
		  0);
	free(more);
	more = xasprintf("%sanother line\n", text);
	CHECK_INT(verify_mem(&pk, DIR "msg.txt", more, strlen(more), tc, sizeof tc, err, sizeof err),
		  -1);
	CHECK(strstr(err, "多余") != NULL);
	free(more);
	free(text);
}

/* Every cut of the signature text, every changed byte of its three signed
 * lines, a NUL inside and the wrong first line are refused without a crash. */
static void test_damaged_signatures(void)
{
	struct minisign_pubkey pk;
	char tc[512], err[512];
	size_t len, i, first_nl, refused = 0, tried = 0;
	char *text = slurp(DIR "msg.txt.minisig", &len);
	char *copy = xmalloc(len + 1);

	CHECK_INT(load_key(DIR "demo.pub", &pk), 0);
	for (i = 0; i + 1 < len; i++) {
		memcpy(copy, text, i);
		if (verify_mem(&pk, DIR "msg.txt", copy, i, tc, sizeof tc, err, sizeof err) == 0) {
			printf("  a cut at %zu bytes verified\n", i);
			check_failed_in_test = 1;
		}
	}
	first_nl = (size_t)(strchr(text, '\n') - text);
	for (i = first_nl + 1; i < len; i++) {
		if (text[i] == '\n')
			continue;
		memcpy(copy, text, len);
		copy[i] = text[i] == 'A' ? 'B' : 'A';
		tried++;
		if (verify_mem(&pk, DIR "msg.txt", copy, len, tc, sizeof tc, err, sizeof err) < 0)
			refused++;
		else
			printf("  changing byte %zu still verified\n", i);
	}
	CHECK(tried > 200);
	CHECK_INT(refused, tried);

	/* The untrusted comment is not signed: changing it changes nothing. */
	memcpy(copy, text, len);
	copy[first_nl - 1] = 'X';
	CHECK_INT(verify_mem(&pk, DIR "msg.txt", copy, len, tc, sizeof tc, err, sizeof err), 0);

	memcpy(copy, text, len);
	copy[first_nl + 5] = '\0';
	CHECK_INT(verify_mem(&pk, DIR "msg.txt", copy, len, tc, sizeof tc, err, sizeof err), -1);
	CHECK(strstr(err, "NUL") != NULL);

	memcpy(copy, text, len);
	copy[0] = 'U';
	CHECK_INT(verify_mem(&pk, DIR "msg.txt", copy, len, tc, sizeof tc, err, sizeof err), -1);
	CHECK(strstr(err, "untrusted comment") != NULL);
	free(copy);
	free(text);
}

/* Signature lines of the right shape but wrong content give the right message. */
static void test_sig_fields(void)
{
	struct minisign_sig s;
	char err[512];
	/* base64 of "Xx" + 72 zero bytes (74 bytes): unknown algorithm. */
	char line[101];
	char *text;
	const char *g = "ixVpzGwodgOKhaZMB2AFAWegVOHJF0GIocDL75+JcpGkPnlHj+WHcWd/ISrbAewkX1x5OPSGpulUkdofRxW5BQ==";

	memset(line, 'A', 100);
	line[100] = '\0';
	memcpy(line, "WHgA", 4); /* "Xx\0" */
	line[99] = '='; /* 74 bytes: one padding character */
	text = xasprintf("untrusted comment: x\n%s\ntrusted comment: t\n%s\n", line, g);
	CHECK_INT(minisign_parse_sig(text, strlen(text), &s, err, sizeof err), -1);
	CHECK(strstr(err, "算法") != NULL);
	free(text);

	text = xasprintf("untrusted comment: x\n%s\n", "RUQ=");
	CHECK_INT(minisign_parse_sig(text, strlen(text), &s, err, sizeof err), -1);
	CHECK(strstr(err, "长度不对") != NULL);
	free(text);

	memcpy(line, "RUQA", 4); /* "ED\0" */
	text = xasprintf("untrusted comment: x\n%s\ntrusted comment: t\n", line);
	CHECK_INT(minisign_parse_sig(text, strlen(text), &s, err, sizeof err), -1);
	CHECK(strstr(err, "缺少") != NULL);
	free(text);

	text = xasprintf("untrusted comment: x\n%s\ntrusted: t\n%s\n", line, g);
	CHECK_INT(minisign_parse_sig(text, strlen(text), &s, err, sizeof err), -1);
	CHECK(strstr(err, "trusted comment") != NULL);
	free(text);

	text = xasprintf("untrusted comment: x\n%s\ntrusted comment: t\n%s\n", line, g);
	CHECK_INT(minisign_parse_sig(text, strlen(text), &s, err, sizeof err), 0);
	CHECK_INT(s.prehashed, 1);
	CHECK_INT(s.trusted_comment_len, 1);
	CHECK(s.trusted_comment && s.trusted_comment[0] == 't');
	free(text);

	CHECK_INT(minisign_parse_sig("", 0, &s, err, sizeof err), -1);
	CHECK_INT(minisign_parse_sig(NULL, 0, &s, err, sizeof err), -1);
}

/* A trusted comment longer than the buffer is cut at a character boundary. */
static void test_comment_truncated(void)
{
	struct minisign_pubkey pk;
	char tc[17], err[512];

	CHECK_INT(load_key(DIR "demo.pub", &pk), 0);
	/* "gongkai-bundle " is 15 bytes; 宣 takes 3 more and does not fit in 16. */
	CHECK_INT(verify_both(&pk, DIR "msg.txt", DIR "msg.txt.minisig", tc, sizeof tc, err,
			      sizeof err), 0);
	CHECK_STR(tc, "gongkai-bundle ");
	CHECK_INT(verify_both(&pk, DIR "msg.txt", DIR "msg.txt.minisig", NULL, 0, err, sizeof err),
		  0);
}

/* A file of several megabytes signed now by the real tool verifies while
 * streamed; one changed byte at the end does not. */
static void test_big_file_streamed(void)
{
	char dir[] = "/tmp/gk-minisign.XXXXXX";
	char path[256], cmd[1024], tc[128], err[512];
	struct minisign_pubkey pk;
	FILE *f;
	long i;

	if (!mkdtemp(dir)) {
		CHECK(0);
		return;
	}
	snprintf(path, sizeof path, "%s/big.bin", dir);
	f = fopen(path, "wb");
	CHECK(f != NULL);
	if (!f)
		return;
	for (i = 0; i < 3 * 1024 * 1024 + 12345; i++)
		fputc((int)((i * 7919) >> 3 & 0xff), f);
	fclose(f);
	snprintf(cmd, sizeof cmd,
		 "cd %s && minisign -G -W -p k.pub -s k.key >/dev/null 2>&1 && "
		 "minisign -S -s k.key -m big.bin -t big </dev/null >/dev/null 2>&1 && "
		 "minisign -S -l -s k.key -m big.bin -x big.bin.legacy -t big </dev/null >/dev/null 2>&1",
		 dir);
	CHECK_INT(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "%s/k.pub", dir);
	CHECK_INT(load_key(cmd, &pk), 0);
	snprintf(cmd, sizeof cmd, "%s/big.bin.minisig", dir);
	CHECK_INT(minisign_verify_file(&pk, path, cmd, tc, sizeof tc, err, sizeof err), 0);
	CHECK_STR(tc, "big");
	snprintf(cmd, sizeof cmd, "%s/big.bin.legacy", dir);
	CHECK_INT(minisign_verify_file(&pk, path, cmd, tc, sizeof tc, err, sizeof err), 0);

	f = fopen(path, "r+b");
	CHECK(f != NULL);
	if (f) {
		fseek(f, -1, SEEK_END);
		fputc('!', f);
		fclose(f);
	}
	snprintf(cmd, sizeof cmd, "%s/big.bin.minisig", dir);
	CHECK_INT(minisign_verify_file(&pk, path, cmd, tc, sizeof tc, err, sizeof err), -1);
	snprintf(cmd, sizeof cmd, "%s/big.bin.legacy", dir);
	CHECK_INT(minisign_verify_file(&pk, path, cmd, tc, sizeof tc, err, sizeof err), -1);

	/* A missing message or signature file is an error naming the file. */
	snprintf(cmd, sizeof cmd, "%s/big.bin.minisig", dir);
	CHECK_INT(minisign_verify_file(&pk, "/nonexistent/m", cmd, tc, sizeof tc, err, sizeof err),
		  -1);
	CHECK(strstr(err, "/nonexistent/m") != NULL);
	CHECK_INT(minisign_verify_file(&pk, path, "/nonexistent/s", tc, sizeof tc, err, sizeof err),
		  -1);
	CHECK(strstr(err, "/nonexistent/s") != NULL);

	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	CHECK_INT(system(cmd), 0);
}

/* The signed demo bundle verifies with the demo office key. */
static void test_demo_bundle(void)
{
	struct minisign_pubkey pk;
	char tc[512], err[512];

	int rc;

	CHECK_INT(load_key("assets/demo-keys/office.pub", &pk), 0);
	rc = minisign_verify_file(&pk, "assets/demo-bundle/gongkai-bundle/manifest.txt",
				  "assets/demo-bundle/gongkai-bundle/manifest.txt.minisig", tc, sizeof tc,
				  err, sizeof err);
	if (rc < 0)
		printf("  %s\n", err);
	CHECK_INT(rc, 0);
	CHECK(strncmp(tc, "gongkai-bundle ", 15) == 0);
}

/* Runs every minisign test. */
int main(void)
{
	TEST(test_pubkey_forms);
	TEST(test_pubkey_bad);
	TEST(test_prehashed_ok);
	TEST(test_legacy_ok);
	TEST(test_empty_message);
	TEST(test_other_key);
	TEST(test_tampered_message);
	TEST(test_tampered_comment);
	TEST(test_line_ends);
	TEST(test_damaged_signatures);
	TEST(test_sig_fields);
	TEST(test_comment_truncated);
	TEST(test_big_file_streamed);
	TEST(test_demo_bundle);
	return CHECK_EXIT();
}
