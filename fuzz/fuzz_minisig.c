/*
 * fuzz_minisig.c - libFuzzer harness for the trust layer's text parsers: the
 * .minisig parser and the whole verification with a fixed key (the demo key
 * of tests/data/minisign/), plus the public key parser on the same bytes.
 *
 * Input: the signature text; when it holds a NUL byte, the bytes after the
 * first NUL are the signed message, otherwise the message is msg.txt of the
 * fixtures, so the seed signatures (fuzz/corpus/minisig/) verify and the
 * fuzzer starts from the success path. Besides crashes and sanitizer reports
 * it aborts when a promise breaks: a trusted comment outside the input, an
 * unterminated comment buffer, or a verification that succeeds although the
 * key id differs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/minisign.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* tests/data/minisign/demo.pub and msg.txt. */
static const char fuzz_key[] = "RWSdIMD6hc2CpN+BHlC+BtetID8xIufvbCg0HK7e77d59gFY/iPK+DCR";
static const char fuzz_msg[] = "# gongkai-bundle 1\n"
			       "# issuer: 宣汉县人民政府办公室\n"
			       "# sequence: 7\n"
			       "3f5a000000000000000000000000000000000000000000000000000000000000"
			       "  bulletins.csv\n";

/* Parses and verifies one input. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct minisign_pubkey pk, other;
	struct minisign_sig s;
	char err[256] = "", tc[64];
	const char *text = (const char *)data;
	const unsigned char *msg = (const unsigned char *)fuzz_msg;
	size_t sig_len = size, msg_len = sizeof fuzz_msg - 1;
	const uint8_t *nul = size ? memchr(data, '\0', size) : NULL;
	char *copy;
	int parsed, verified;

	if (minisign_parse_pubkey(fuzz_key, &pk, err, sizeof err) < 0)
		abort();
	if (nul) {
		sig_len = (size_t)(nul - data);
		msg = nul + 1;
		msg_len = size - sig_len - 1;
	}

	parsed = minisign_parse_sig(text, sig_len, &s, err, sizeof err) == 0;
	if (parsed && s.trusted_comment_len > 0 &&
	    (s.trusted_comment < text ||
	     s.trusted_comment + s.trusted_comment_len > text + sig_len))
		abort();
	memset(tc, 'x', sizeof tc);
	verified = minisign_verify(&pk, msg, msg_len, text, sig_len, tc, sizeof tc, err,
				   sizeof err) == 0;
	if (!memchr(tc, '\0', sizeof tc) || !memchr(err, '\0', sizeof err))
		abort();
	if (verified && (!parsed || memcmp(s.keyid, pk.keyid, sizeof pk.keyid) != 0))
		abort();
	if (!verified && tc[0] != '\0')
		abort();

	/* The same bytes as a public key (the configuration is outside input too). */
	copy = malloc(sig_len + 1);
	if (!copy)
		abort();
	memcpy(copy, data, sig_len);
	copy[sig_len] = '\0';
	if (minisign_parse_pubkey(copy, &other, err, sizeof err) < 0 && !memchr(err, '\0', sizeof err))
		abort();
	free(copy);
	return 0;
}
