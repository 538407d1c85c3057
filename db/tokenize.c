/*
 * tokenize.c - the "gk" FTS5 tokenizer.
 *
 * Chinese has no spaces between words, and a villager types any two
 * characters of a name or title. So every Hanzi (and every other character
 * of a script without spaces) is a token of its own, and a phrase query of
 * adjacent tokens finds the characters anywhere in the text. Runs of ASCII
 * letters and digits (full-width forms folded to ASCII) are lowercased
 * words. Everything else separates tokens.
 *
 * A phrase of single characters is slow when the characters are common:
 * 政 and 务 are in nearly every bulletin, so finding the four that hold
 * 政务 walks both whole position lists (6 ms at 100,000 bulletins, and a
 * ranked search does it three times per keystroke). So a document also
 * indexes every pair of adjacent characters as a bigram token colocated
 * with the first (FTS5_TOKEN_COLOCATED: same position), the way CJK
 * search engines index (line breaks and blanks between two characters do
 * not part them: hard-wrapped bodies break lines inside words); and a query turns each run of two or more
 * characters into its bigrams at consecutive positions, which match the
 * document's colocated bigrams exactly where the characters are adjacent.
 * A run followed by another token in the same phrase adds its last
 * character as a unigram, so that token's position still follows on. A
 * single character stays a unigram. Bigram doclists are short: 政务 reads
 * four entries.
 *
 * We do not use FTS5's trigram tokenizer: SQLite 3.40 answers LIKE '%王芳%'
 * on a trigram table with no rows, and trigrams cannot match two characters.
 */
#include <sqlite3.h>
#include <string.h>

#include "db/db.h"
#include "db/db_internal.h"
#include "kiosk/util.h"
#include "kiosk/width.h"

/* Returns the ASCII letter or digit a code point folds to, or 0. */
static char tok_word_char(unsigned cp)
{
	if (cp >= 0xFF10 && cp <= 0xFF19)
		cp = cp - 0xFF10 + '0';
	else if (cp >= 0xFF21 && cp <= 0xFF3A)
		cp = cp - 0xFF21 + 'a';
	else if (cp >= 0xFF41 && cp <= 0xFF5A)
		cp = cp - 0xFF41 + 'a';
	if (cp >= 'A' && cp <= 'Z')
		return (char)(cp - 'A' + 'a');
	if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
		return (char)cp;
	return 0;
}

/* Returns 1 for a character that is a token by itself (Hanzi, kana, Hangul,
 * CJK compatibility and extension ideographs), 0 otherwise. */
static int tok_is_ideograph(unsigned cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) ||   /* Ext-A */
	       (cp >= 0x4E00 && cp <= 0x9FFF) ||   /* URO */
	       (cp >= 0xF900 && cp <= 0xFAFF) ||   /* compatibility */
	       (cp >= 0x20000 && cp <= 0x3FFFF) || /* Ext-B and later */
	       (cp >= 0x3040 && cp <= 0x30FF) ||   /* kana */
	       (cp >= 0x3100 && cp <= 0x312F) ||   /* bopomofo */
	       (cp >= 0xAC00 && cp <= 0xD7AF) ||   /* Hangul */
	       cp == 0x3007;                       /* 〇 */
}

/* How tok_walk reports ideographs. */
enum tok_mode {
	TOK_PLAIN, /* one token per ideograph (tests, counting) */
	TOK_DOC,   /* each ideograph, and the bigram with the next one colocated */
	TOK_QUERY  /* runs of two or more as bigrams (see the head of the file) */
};

/* The token callback: the token, its byte offsets, 1 if colocated with the
 * previous token. Returns an SQLite status. */
typedef int (*tok_emit_fn)(void *ctx, const char *tok, int toklen, int start, int end,
			   int colocated);

/* Finds the ideograph that follows at byte i, past line breaks and blanks
 * (a hard-wrapped body breaks lines inside words): returns its byte length
 * and sets *at, or returns 0 when something else (or nothing) follows. */
static int tok_next_ideograph(const char *text, int i, int len, int *at)
{
	while (i < len) {
		uint32_t cp;
		int n = width_decode(text + i, (size_t)(len - i), &cp);

		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000) {
			i += n;
			continue;
		}
		if (!tok_is_ideograph(cp))
			return 0;
		*at = i;
		return n;
	}
	return 0;
}

/* Returns 1 if a token starts anywhere in text from byte i on. */
static int tok_more_after(const char *text, int i, int len)
{
	while (i < len) {
		uint32_t cp;
		int n = width_decode(text + i, (size_t)(len - i), &cp);

		if (tok_word_char(cp) || tok_is_ideograph(cp))
			return 1;
		i += n;
	}
	return 0;
}

/* Reports the bigram of the ideographs at i (n bytes) and j (n2 bytes). */
static int tok_bigram(const char *text, int i, int n, int j, int n2, int colocated, void *ctx,
		      tok_emit_fn emit)
{
	char two[16];

	memcpy(two, text + i, (size_t)n);
	memcpy(two + n, text + j, (size_t)n2);
	return emit(ctx, two, n + n2, i, j + n2, colocated);
}

/* Reports the ideograph at i (n bytes) in mode, and for TOK_QUERY the rest
 * of its run; returns the byte offset to go on from. */
static int tok_ideographs(const char *text, int i, int n, int len, enum tok_mode mode,
			  void *ctx, tok_emit_fn emit, int *rc)
{
	int j = 0, n2 = mode == TOK_PLAIN ? 0 : tok_next_ideograph(text, i + n, len, &j);

	if (!n2) {
		*rc = emit(ctx, text + i, n, i, i + n, 0);
		return i + n;
	}
	if (mode == TOK_DOC) {
		*rc = emit(ctx, text + i, n, i, i + n, 0);
		if (*rc == SQLITE_OK)
			*rc = tok_bigram(text, i, n, j, n2, 1, ctx, emit);
		return i + n;
	}
	/* a query's run of two or more: its bigrams */
	while (n2 && *rc == SQLITE_OK) {
		*rc = tok_bigram(text, i, n, j, n2, 0, ctx, emit);
		i = j;
		n = n2;
		n2 = tok_next_ideograph(text, i + n, len, &j);
	}
	if (*rc == SQLITE_OK && tok_more_after(text, i + n, len))
		*rc = emit(ctx, text + i, n, i, i + n, 0);
	return i + n;
}

/* Walks text and reports each token with its byte offsets. Returns the
 * first non-OK status of the callback. */
static int tok_walk(const char *text, int len, enum tok_mode mode, void *ctx, tok_emit_fn emit)
{
	char word[64];
	int wlen = 0, wstart = 0, i = 0, rc = SQLITE_OK;

	while (i < len && rc == SQLITE_OK) {
		uint32_t cp;
		int n = width_decode(text + i, (size_t)(len - i), &cp);
		char w = tok_word_char(cp);

		if (w) {
			if (wlen == 0)
				wstart = i;
			if (wlen < (int)sizeof word)
				word[wlen++] = w;
			i += n;
			continue;
		}
		if (wlen) {
			rc = emit(ctx, word, wlen, wstart, i, 0);
			wlen = 0;
			if (rc != SQLITE_OK)
				break;
		}
		if (tok_is_ideograph(cp))
			i = tok_ideographs(text, i, n, len, mode, ctx, emit, &rc);
		else
			i += n;
	}
	if (rc == SQLITE_OK && wlen)
		rc = emit(ctx, word, wlen, wstart, i, 0);
	return rc;
}

struct tok_fts_ctx {
	void *fts_ctx;
	int (*xToken)(void *, int, const char *, int, int, int);
};

/* Forwards one token to FTS5. */
static int tok_emit_fts(void *ctx, const char *tok, int toklen, int start, int end,
			int colocated)
{
	struct tok_fts_ctx *c = ctx;

	return c->xToken(c->fts_ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, tok, toklen, start,
			 end);
}

/* FTS5 xCreate: the tokenizer has no state, so any non-NULL pointer does. */
static int tok_create(void *user, const char **argv, int argc, Fts5Tokenizer **out)
{
	static int dummy;

	*out = (Fts5Tokenizer *)&dummy;
	return SQLITE_OK;
}

/* FTS5 xDelete: nothing to free. */
static void tok_delete(Fts5Tokenizer *t)
{
}

/* FTS5 xTokenize. */
static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
			int (*xToken)(void *, int, const char *, int, int, int))
{
	struct tok_fts_ctx c = { ctx, xToken };

	/* A query's phrases (and only those) are written as bigrams; a
	 * document, and text tokenized for an auxiliary function, as indexed. */
	return tok_walk(text, len, (flags & FTS5_TOKENIZE_QUERY) ? TOK_QUERY : TOK_DOC, &c,
			tok_emit_fts);
}

/* Registers the tokenizer through the fts5_api pointer of the connection. */
int db_register_tokenizer(sqlite3 *conn)
{
	static fts5_tokenizer tokenizer = { tok_create, tok_delete, tok_tokenize };
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(conn, "SELECT fts5(?1)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api)
		return SQLITE_ERROR;
	return api->xCreateTokenizer(api, "gk", NULL, &tokenizer, NULL);
}

struct tok_plain_ctx {
	void *ctx;
	void (*fn)(void *ctx, const char *tok, int toklen);
};

/* Forwards one token to a plain callback. */
static int tok_emit_plain(void *ctx, const char *tok, int toklen, int start, int end,
			  int colocated)
{
	struct tok_plain_ctx *c = ctx;

	c->fn(c->ctx, tok, toklen);
	return SQLITE_OK;
}

/* Tokenizes text the way the index does, for tests and tools. */
void db_tokenize(const char *text, int len, void (*fn)(void *ctx, const char *tok, int toklen),
		 void *ctx)
{
	struct tok_plain_ctx c = { ctx, fn };

	tok_walk(text, len, TOK_PLAIN, &c, tok_emit_plain);
}

struct tok_count {
	int n;
};

/* Counts tokens. */
static void tok_count_fn(void *ctx, const char *tok, int toklen)
{
	((struct tok_count *)ctx)->n++;
}

/* Returns the length of the separator at s (ASCII blank or U+3000), or 0. */
static size_t tok_sep_len(const char *s, size_t left)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	if (left >= 3 && (unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] == 0x80)
		return 3;
	return 0;
}

/* Builds a MATCH expression of quoted phrases from what the user typed. */
char *db_fts_query(const char *input)
{
	size_t n = strlen(input), i = 0;
	struct sbuf q = {0};
	int words = 0;

	while (i < n) {
		size_t start, k;
		struct tok_count cnt = { 0 };

		while (i < n && (k = tok_sep_len(input + i, n - i)) > 0)
			i += k;
		if (i >= n)
			break;
		start = i;
		while (i < n && tok_sep_len(input + i, n - i) == 0)
			i++;
		db_tokenize(input + start, (int)(i - start), tok_count_fn, &cnt);
		if (cnt.n == 0)
			continue; /* punctuation only: nothing to find */
		if (words++)
			sbuf_addc(&q, ' ');
		sbuf_addc(&q, '"');
		for (k = start; k < i; k++) {
			if (input[k] == '"')
				sbuf_addc(&q, '"');
			sbuf_addc(&q, input[k]);
		}
		sbuf_addc(&q, '"');
	}
	if (!words) {
		sbuf_free(&q);
		return NULL;
	}
	return sbuf_detach(&q);
}
