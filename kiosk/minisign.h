/*
 * minisign.h - verifies signatures made by the stock minisign tool
 * (https://jedisct1.github.io/minisign/) with libsodium alone, so the kiosk
 * can check manifest.txt.minisig of a USB bundle without running any program.
 *
 * Formats understood:
 *
 *   public key   "RWQ..." = base64("Ed" || key id (8) || Ed25519 key (32)),
 *                either bare (as in the configuration's bundle_pubkey) or as
 *                the whole .pub file, whose first line is an untrusted comment.
 *
 *   signature    untrusted comment: <text>
 *                base64(alg (2) || key id (8) || Ed25519 signature (64))
 *                trusted comment: <text>
 *                base64(Ed25519 signature over (signature (64) || trusted comment))
 *
 *   alg is "ED" (pre-hashed: the signature covers BLAKE2b-512 of the message,
 *   minisign's default) or "Ed" (legacy: the signature covers the message).
 *   Both are accepted, as shared/spec/bundle-format.md requires. Lines may end
 *   in LF or CRLF; blank lines after the last one are allowed, any other
 *   extra text is refused.
 *
 * Key ids are shown the way minisign prints them (the 8 bytes as a
 * little-endian number in upper-case hex, e.g. 904236D563224614), so an error
 * can be compared with the comment line of the office's .pub file.
 *
 * Every error message is plain English; callers put it into a Chinese
 * sentence for the report or the screen.
 */
#ifndef GK_MINISIGN_H
#define GK_MINISIGN_H

#include <stddef.h>

/* Largest .minisig text accepted (minisign's own comment limits are far smaller). */
#define MINISIGN_MAX_SIG_TEXT ((size_t)64 * 1024)
/* Largest message that minisign_verify_file loads for a legacy (Ed) signature;
 * pre-hashed (ED) messages are streamed and have no limit. */
#define MINISIGN_MAX_LEGACY_FILE ((size_t)256 * 1024 * 1024)

/* An Ed25519 public key with minisign's key id. */
struct minisign_pubkey {
	unsigned char keyid[8];
	unsigned char pk[32];
};

/* A parsed .minisig file. The trusted comment points into the text given to
 * minisign_parse_sig (borrowed: valid while that text is), is not
 * NUL-terminated and excludes the "trusted comment: " prefix and the line end. */
struct minisign_sig {
	unsigned char alg[2];        /* 'E','D' pre-hashed or 'E','d' legacy */
	int prehashed;               /* 1 for "ED", 0 for "Ed" */
	unsigned char keyid[8];
	unsigned char sig[64];       /* over the message or its BLAKE2b-512 */
	const char *trusted_comment; /* borrowed, trusted_comment_len bytes */
	size_t trusted_comment_len;
	unsigned char global_sig[64]; /* over sig || trusted comment */
};

/* Parses a minisign public key: the bare base64 line or a whole .pub file.
 * Returns 0, or -1 with err filled (wrong length, not base64, algorithm not
 * "Ed", extra lines). */
int minisign_parse_pubkey(const char *text, struct minisign_pubkey *out, char *err,
			  size_t errlen);

/* Formats a key id the way minisign prints it (16 upper-case hex digits)
 * into out[17]. */
void minisign_keyid_hex(const unsigned char keyid[8], char out[17]);

/* Parses the text of a .minisig file (len bytes, need not be NUL-terminated)
 * without checking any signature. Returns 0, or -1 with err filled. */
int minisign_parse_sig(const char *sig_text, size_t len, struct minisign_sig *out, char *err,
		       size_t errlen);

/* Verifies a signature of the message msg[msglen]: the format, the key id,
 * the signature and the trusted comment's signature. On success copies the
 * trusted comment into trusted_comment[tclen] (NUL-terminated, cut at a UTF-8
 * character boundary if too long; may be NULL) and returns 0. Otherwise
 * returns -1 with err filled, and trusted_comment is set to "". */
int minisign_verify(const struct minisign_pubkey *pk, const unsigned char *msg, size_t msglen,
		    const char *sig_text, size_t sig_len, char *trusted_comment, size_t tclen,
		    char *err, size_t errlen);

/* Same as minisign_verify for the file msg_path signed by sig_path. A
 * pre-hashed signature is checked while the file is streamed; a legacy one
 * needs the whole file in memory and is refused above MINISIGN_MAX_LEGACY_FILE. */
int minisign_verify_file(const struct minisign_pubkey *pk, const char *msg_path,
			 const char *sig_path, char *trusted_comment, size_t tclen, char *err,
			 size_t errlen);

#endif
