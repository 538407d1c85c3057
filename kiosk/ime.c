/*
 * ime.c - the kiosk's Chinese input (ime.h) on librime's C API.
 *
 * rime composes and translates: it receives letters (strokes as h s p n z)
 * and BackSpace, nothing else. This module pages, highlights, selects and
 * commits over one list: in name context the ranked whole names of
 * kiosk/names.h first, then rime's candidates in rime's order (read with
 * the candidate-list iterator, so filtering and the names do not upset its
 * pages); in stroke mode only single characters, compatibility ideographs
 * dropped, and the first STROKE_WINDOW candidates reordered so that common
 * characters come first (rime's stroke table orders by how many strokes
 * are still missing, then by code point: 芇 芮 𫇪 before 英). A name that
 * covers only the first letters (a surname) is held here while the rest
 * composes in rime.
 *
 * Start-up writes our schemas (ime_schemas.inc) into the user folder when
 * they differ and compiles only those configuration files: the dictionaries
 * are read from Debian's prebuilt tables, so nothing big is built.
 */
#include "kiosk/ime.h"

#include <errno.h>
#include <ftw.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rime_api.h>

#include "kiosk/names.h"
#include "kiosk/util.h"

#include "kiosk/ime_schemas.inc"

/* X11 keysyms rime understands. */
#define IME_XK_BACKSPACE 0xff08

/* Keys composed at most (letters or strokes). */
#define IME_KEYS_MAX 40
/* Names shown before rime's candidates. */
#define IME_NAMES_MAX 6
/* Candidates listed at most (about 400 pages). */
#define IME_LIST_MAX 3600
/* Stroke candidates read at once and put in order of commonness. */
#define STROKE_WINDOW 90

/* One candidate of the list. */
struct ime_cand {
	char text[IME_CAND_MAX];
	long rime_index;  /* index in rime's menu, or -1 for a name */
	size_t nletters;  /* a name: letters of the remaining input it takes */
	int rank;         /* stroke mode: the order key (lower first) */
};

/* The input method. */
struct ime {
	RimeApi *api;
	RimeSessionId sid;
	char *user_dir;
	int own_dir;                      /* 1: a temporary folder ime_close() removes */
	int mode, ctx;
	char schema[32];                  /* the schema rime has selected */
	struct names *names;
	char held[IME_PREEDIT_MAX];       /* names taken while the rest composes */
	char held_keys[IME_PREEDIT_MAX];  /* the letters they took */
	char keys[IME_PREEDIT_MAX];       /* keys in rime's input, as typed */
	struct sbuf commit;
	int page, hl;
	struct ime_cand *list;            /* names, then rime's candidates */
	size_t nlist, caplist, nnames;
	long rime_next;                   /* next rime index to read */
	int list_ok, list_end;
	iconv_t gb;                       /* UTF-8 to GB2312: how common a character is */
};

/* librime is one per process: one struct ime at a time, and glog may be set
 * up only once. */
static int ime_live;
static int ime_setup_done;

/* Returns the mode's short name. */
const char *ime_mode_name(int mode)
{
	switch (mode) {
	case IME_PINYIN: return "拼音";
	case IME_STROKE: return "笔画";
	case IME_DIRECT: return "直接";
	default: return "";
	}
}

/* Stores a then b in dst (size bytes), cut at a character boundary when
 * too long. */
static void ime_cat(char *dst, size_t size, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la >= size) {
		la = size - 1;
		while (la && ((unsigned char)a[la] & 0xC0) == 0x80)
			la--;
		lb = 0;
	} else if (la + lb >= size) {
		lb = size - 1 - la;
		while (lb && ((unsigned char)b[lb] & 0xC0) == 0x80)
			lb--;
	}
	memmove(dst, a, la);
	memmove(dst + la, b, lb);
	dst[la + lb] = 0;
}

/* Writes content to dir/name unless it holds exactly that; sets *changed. */
static int ime_write_if_differs(const char *dir, const char *name, const char *content,
				int *changed, char *err, size_t errlen)
{
	char *path = xasprintf("%s/%s", dir, name), *old = NULL, e[128];
	size_t oldlen = 0, len = strlen(content);
	FILE *f;
	int rc = 0;

	if (util_read_file(path, 1 << 20, &old, &oldlen, e, sizeof e) == 0 && oldlen == len &&
	    memcmp(old, content, len) == 0) {
		free(old);
		free(path);
		return 0;
	}
	free(old);
	*changed = 1;
	f = fopen(path, "w");
	if (!f || fwrite(content, 1, len, f) != len) {
		util_errf(err, errlen, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	if (f && fclose(f) != 0 && rc == 0) {
		util_errf(err, errlen, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	free(path);
	return rc;
}

/* Removes one entry of a folder being deleted (nftw callback). */
static int ime_rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	remove(path);
	return 0;
}

/* The files the kiosk writes into the user folder. */
static const struct {
	const char *name, *content, *version_key;
} ime_files[] = {
	{ "default.yaml", ime_default_yaml, "config_version" },
	{ "gongkai_pinyin.schema.yaml", ime_pinyin_yaml, "schema/version" },
	{ "gongkai_stroke.schema.yaml", ime_stroke_yaml, "schema/version" },
};

/* Writes our schemas and compiles those that changed or were never
 * compiled. Needs rime initialised with the deployer module. */
static int ime_deploy(struct ime *m, char *err, size_t errlen)
{
	size_t i;
	char *bdir = xasprintf("%s/build", m->user_dir);

	for (i = 0; i < sizeof ime_files / sizeof ime_files[0]; i++) {
		int changed = 0;
		char *built = xasprintf("%s/%s", bdir, ime_files[i].name);
		struct stat st;

		if (ime_write_if_differs(m->user_dir, ime_files[i].name, ime_files[i].content,
					 &changed, err, errlen) < 0) {
			free(built);
			free(bdir);
			return -1;
		}
		if (changed)
			unlink(built);
		if (stat(built, &st) != 0 &&
		    !m->api->deploy_config_file(ime_files[i].name, ime_files[i].version_key)) {
			util_errf(err, errlen, "rime could not compile %s", ime_files[i].name);
			free(built);
			free(bdir);
			return -1;
		}
		free(built);
	}
	free(bdir);
	return 0;
}

/* Starts the input method. */
int ime_open(struct ime **out, const char *shared_dir, const char *user_dir, char *err,
	     size_t errlen)
{
	static const char *modules[] = { "default", "deployer", NULL };
	struct ime *m;
	RIME_STRUCT(RimeTraits, traits);

	*out = NULL;
	if (ime_live) {
		util_errf(err, errlen, "the input method is already open");
		return -1;
	}
	m = xcalloc(1, sizeof *m);
	m->gb = iconv_open("GB2312", "UTF-8");
	m->api = rime_get_api();
	if (!m->api) {
		util_errf(err, errlen, "librime has no API");
		if (m->gb != (iconv_t)-1)
			iconv_close(m->gb);
		free(m);
		return -1;
	}
	if (user_dir) {
		m->user_dir = xstrdup(user_dir);
		if (mkdir(user_dir, 0700) != 0 && errno != EEXIST) {
			util_errf(err, errlen, "%s: %s", user_dir, strerror(errno));
			goto fail;
		}
	} else {
		const char *tmp = getenv("TMPDIR");

		m->user_dir = xasprintf("%s/gongkai-ime.XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(m->user_dir)) {
			util_errf(err, errlen, "%s: %s", m->user_dir, strerror(errno));
			goto fail;
		}
		m->own_dir = 1;
	}
	traits.shared_data_dir = shared_dir ? shared_dir : "/usr/share/rime-data";
	traits.user_data_dir = m->user_dir;
	traits.distribution_name = "Gongkai";
	traits.distribution_code_name = "gongkai";
	traits.distribution_version = "1.0";
	traits.app_name = "rime.gongkai";
	traits.modules = modules;
	/* Only FATAL would be logged, to files in the user folder: never to
	 * the terminal curses owns. */
	traits.min_log_level = 3;
	traits.log_dir = m->user_dir;
	if (!ime_setup_done) {
		m->api->setup(&traits);
		ime_setup_done = 1;
	}
	m->api->initialize(&traits);
	ime_live = 1;
	if (ime_deploy(m, err, errlen) < 0)
		goto fail_rime;
	m->sid = m->api->create_session();
	if (!m->sid) {
		util_errf(err, errlen, "rime could not start a session");
		goto fail_rime;
	}
	if (!m->api->select_schema(m->sid, "gongkai_pinyin")) {
		util_errf(err, errlen, "rime could not load the pinyin schema");
		goto fail_rime;
	}
	snprintf(m->schema, sizeof m->schema, "gongkai_pinyin");
	m->names = names_new();
	m->mode = IME_PINYIN;
	m->ctx = IME_CTX_TEXT;
	*out = m;
	return 0;
fail_rime:
	if (m->sid)
		m->api->destroy_session(m->sid);
	m->api->finalize();
	ime_live = 0;
fail:
	if (m->own_dir)
		nftw(m->user_dir, ime_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	if (m->gb != (iconv_t)-1)
		iconv_close(m->gb);
	free(m->user_dir);
	free(m);
	return -1;
}

/* Stops the input method. */
void ime_close(struct ime *m)
{
	if (!m)
		return;
	m->api->destroy_session(m->sid);
	m->api->finalize();
	ime_live = 0;
	if (m->own_dir)
		nftw(m->user_dir, ime_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	names_free(m->names);
	sbuf_free(&m->commit);
	if (m->gb != (iconv_t)-1)
		iconv_close(m->gb);
	free(m->list);
	free(m->user_dir);
	free(m);
}

/* Counts published names into the ranking. */
void ime_add_names(struct ime *m, const char *const *names, size_t n)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < n; i++)
		names_add_published(m->names, names[i]);
	m->list_ok = 0;
}

/* Forgets the published names. */
void ime_clear_names(struct ime *m)
{
	if (!m)
		return;
	names_clear_published(m->names);
	m->list_ok = 0;
}

/* Marks the candidate list stale and goes back to its first page. */
static void ime_changed(struct ime *m)
{
	m->list_ok = 0;
	m->page = 0;
	m->hl = 0;
}

/* Drops the composition: rime's, the held names and the keys. */
static void ime_clear(struct ime *m)
{
	if (m->sid)
		m->api->clear_composition(m->sid);
	m->held[0] = m->held_keys[0] = m->keys[0] = 0;
	ime_changed(m);
}

/* Forgets the composition and the last commit. */
void ime_reset(struct ime *m)
{
	if (!m)
		return;
	ime_clear(m);
	sbuf_reset(&m->commit);
}

/* Sets the mode. */
void ime_set_mode(struct ime *m, int mode)
{
	const char *schema;

	if (!m || mode < 0 || mode >= IME_NMODES)
		return;
	ime_reset(m);
	m->mode = mode;
	if (mode == IME_DIRECT)
		return;
	schema = mode == IME_STROKE ? "gongkai_stroke" : "gongkai_pinyin";
	if (strcmp(schema, m->schema) != 0 && m->api->select_schema(m->sid, schema))
		snprintf(m->schema, sizeof m->schema, "%s", schema);
}

/* Returns the mode. */
int ime_mode(const struct ime *m)
{
	return m ? m->mode : IME_DIRECT;
}

/* Sets the ranking context. */
void ime_set_context(struct ime *m, int ctx)
{
	if (!m)
		return;
	ime_reset(m);
	m->ctx = ctx == IME_CTX_NAME ? IME_CTX_NAME : IME_CTX_TEXT;
}

/* Returns rime's raw input ("" when none). */
static const char *ime_rime_input(const struct ime *m)
{
	const char *s = m->api->get_input(m->sid);

	return s ? s : "";
}

/* Returns 1 while something is composed. */
static int ime_composing(const struct ime *m)
{
	return m->held[0] || ime_rime_input(m)[0];
}

/* Splits rime's preedit into the part converted by a partial selection and
 * the letters still to convert ("李xiu ying" gives "李" and "xiuying"). */
static void ime_rime_parts(struct ime *m, char *conv, size_t convlen, char *rest, size_t restlen)
{
	RIME_STRUCT(RimeContext, c);
	const char *p;
	size_t n = 0;

	conv[0] = rest[0] = 0;
	if (!m->api->get_context(m->sid, &c))
		return;
	p = c.composition.preedit ? c.composition.preedit : "";
	if ((*p >= 'a' && *p <= 'z') || !*p) {
		snprintf(rest, restlen, "%s", ime_rime_input(m));
	} else {
		const char *q = p;

		while (*q && !(*q >= 'a' && *q <= 'z'))
			q++;
		snprintf(conv, convlen, "%.*s", (int)(q - p), p);
		for (; *q && n + 1 < restlen; q++) {
			if (*q >= 'a' && *q <= 'z')
				rest[n++] = *q;
			else if (!strncmp(q, "ü", strlen("ü")))
				rest[n++] = 'v';
		}
		rest[n] = 0;
	}
	m->api->free_context(&c);
}

/* Appends a candidate to the list. */
static void ime_list_push(struct ime *m, const char *text, long rime_index, size_t nletters)
{
	struct ime_cand *c;

	if (m->nlist == m->caplist) {
		m->caplist = m->caplist ? m->caplist * 2 : 64;
		m->list = xrealloc(m->list, m->caplist * sizeof *m->list);
	}
	c = &m->list[m->nlist++];
	snprintf(c->text, sizeof c->text, "%s", text);
	c->rime_index = rime_index;
	c->nletters = nletters;
}

/* Returns 1 when text is one character fit for stroke mode: not a CJK
 * compatibility ideograph (王 comes back as U+2F929 too). */
static int ime_stroke_ok(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	unsigned cp;
	size_t n;

	if (p[0] < 0x80)
		n = 1;
	else if ((p[0] & 0xE0) == 0xC0)
		n = 2;
	else if ((p[0] & 0xF0) == 0xE0)
		n = 3;
	else
		n = 4;
	if (strlen(text) != n)
		return 0;
	if (n == 3)
		cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
	else if (n == 4)
		cp = ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) |
		     (p[3] & 0x3Fu);
	else
		return 1;
	return !((cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F));
}

/* Returns how common the one character text is: 0 in GB2312's first level
 * (the 3,755 most used), 1 its second level, 2 elsewhere in the basic
 * block, 3 Extension A, 4 anything rarer. */
static int ime_commonness(struct ime *m, const char *text)
{
	char in[IME_CAND_MAX], out[8], *ip = in, *op = out;
	size_t il = strlen(text), ol = sizeof out;
	unsigned cp = 0;

	snprintf(in, sizeof in, "%s", text);
	if (m->gb != (iconv_t)-1) {
		iconv(m->gb, NULL, NULL, NULL, NULL);
		if (iconv(m->gb, &ip, &il, &op, &ol) != (size_t)-1 && op - out == 2) {
			unsigned char b = (unsigned char)out[0];

			if (b >= 0xB0 && b <= 0xD7)
				return 0;
			if (b >= 0xD8 && b <= 0xF7)
				return 1;
		}
	}
	if (((unsigned char)text[0] & 0xF0) == 0xE0)
		cp = (((unsigned char)text[0] & 0x0Fu) << 12) | (((unsigned char)text[1] & 0x3Fu) << 6) |
		     ((unsigned char)text[2] & 0x3Fu);
	if (cp >= 0x4E00 && cp <= 0x9FFF)
		return 2;
	if (cp >= 0x3400 && cp <= 0x4DBF)
		return 3;
	return 4;
}

/* Orders stroke candidates: rank, then rime's order. */
static int ime_cand_cmp(const void *a, const void *b)
{
	const struct ime_cand *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->rime_index < y->rime_index ? -1 : x->rime_index > y->rime_index;
}

/* Makes the list hold at least need candidates when rime has them. */
static void ime_list_fill(struct ime *m, size_t need)
{
	RimeCandidateListIterator it;
	int sort;

	if (!m->list_ok) {
		m->nlist = m->nnames = 0;
		m->rime_next = 0;
		m->list_end = 0;
		m->list_ok = 1;
		if (m->mode == IME_PINYIN && m->ctx == IME_CTX_NAME && ime_composing(m)) {
			struct names_cand nc[IME_NAMES_MAX];
			char conv[IME_PREEDIT_MAX], rest[IME_PREEDIT_MAX];
			size_t i, n;

			ime_rime_parts(m, conv, sizeof conv, rest, sizeof rest);
			n = names_rank(m->names, rest, m->held[0] || conv[0], nc, IME_NAMES_MAX);
			for (i = 0; i < n; i++)
				ime_list_push(m, nc[i].text, -1, nc[i].nletters);
			m->nnames = m->nlist;
		}
	}
	sort = m->mode == IME_STROKE && m->nlist == 0;
	if (sort && need < STROKE_WINDOW)
		need = STROKE_WINDOW; /* the window is ordered as a whole */
	if (m->list_end || m->nlist >= need)
		return;
	memset(&it, 0, sizeof it);
	if (!m->api->candidate_list_from_index(m->sid, &it, (int)m->rime_next)) {
		m->list_end = 1;
		return;
	}
	while (m->nlist < need) {
		size_t i;
		int dup = 0;

		if (m->nlist >= IME_LIST_MAX || !m->api->candidate_list_next(&it)) {
			m->list_end = 1;
			break;
		}
		m->rime_next = it.index + 1;
		if (!it.candidate.text || strlen(it.candidate.text) >= IME_CAND_MAX)
			continue;
		if (m->mode == IME_STROKE && !ime_stroke_ok(it.candidate.text))
			continue;
		for (i = 0; i < m->nnames && !dup; i++)
			dup = !strcmp(m->list[i].text, it.candidate.text);
		if (!dup) {
			ime_list_push(m, it.candidate.text, it.index, 0);
			/* The full code typed first, then common characters
			 * first, fewer missing strokes first. */
			if (m->mode == IME_STROKE) {
				const char *c = it.candidate.comment ? it.candidate.comment : "";
				int missing = *c == '~' ? (int)strlen(c + 1) : 0;

				m->list[m->nlist - 1].rank =
					missing == 0 ? ime_commonness(m, it.candidate.text)
						     : 100 + 100 * ime_commonness(m, it.candidate.text) + missing;
			}
		}
	}
	m->api->candidate_list_end(&it);
	/* Later pages follow in rime's order: what was shown stays put. */
	if (sort && m->nlist > 1)
		qsort(m->list, m->nlist, sizeof *m->list, ime_cand_cmp);
}

/* Commits text (the held names first) and drops the composition. */
static int ime_commit_text(struct ime *m, const char *text)
{
	sbuf_reset(&m->commit);
	sbuf_add(&m->commit, m->held);
	sbuf_add(&m->commit, text);
	ime_clear(m);
	return IME_COMMITTED;
}

/* Gives rime one key (a letter of its alphabet or BackSpace) and keeps the
 * keys as typed in step with rime's input. Returns 1 when rime took it. */
static int ime_rime_key(struct ime *m, int keysym, char typed)
{
	size_t before = strlen(ime_rime_input(m)), after, k = strlen(m->keys);

	if (!m->api->process_key(m->sid, keysym, 0))
		return 0;
	after = strlen(ime_rime_input(m));
	if (after > before && typed && k + 1 < sizeof m->keys) {
		m->keys[k] = typed;
		m->keys[k + 1] = 0;
	} else if (after < k) {
		m->keys[after] = 0;
	}
	ime_changed(m);
	return 1;
}

/* Feeds keys to rime from scratch (after taking or giving back a name). */
static void ime_refeed(struct ime *m, const char *keys)
{
	char copy[IME_PREEDIT_MAX];
	size_t i;

	snprintf(copy, sizeof copy, "%s", keys);
	m->api->clear_composition(m->sid);
	m->keys[0] = 0;
	for (i = 0; copy[i]; i++)
		ime_rime_key(m, (unsigned char)copy[i], copy[i]);
	ime_changed(m);
}

/* Takes candidate gi of the whole list. */
static int ime_take(struct ime *m, size_t gi)
{
	struct ime_cand c;

	ime_list_fill(m, gi + 1);
	if (gi >= m->nlist)
		return IME_IGNORED;
	c = m->list[gi];
	if (c.rime_index < 0) {
		char conv[IME_PREEDIT_MAX], rest[IME_PREEDIT_MAX], keys[IME_PREEDIT_MAX];
		size_t nk;

		ime_rime_parts(m, conv, sizeof conv, rest, sizeof rest);
		if (c.nletters >= strlen(rest)) {
			char text[2 * IME_PREEDIT_MAX];

			ime_cat(text, sizeof text, conv, c.text);
			return ime_commit_text(m, text);
		}
		/* A surname alone: hold it, the rest of the letters compose on. */
		nk = strlen(m->held_keys);
		if (strlen(m->held) + strlen(c.text) >= sizeof m->held ||
		    nk + c.nletters >= sizeof m->held_keys || c.nletters > strlen(m->keys))
			return IME_CONSUMED;
		strcat(m->held, c.text);
		memcpy(m->held_keys + nk, m->keys, c.nletters);
		m->held_keys[nk + c.nletters] = 0;
		snprintf(keys, sizeof keys, "%s", m->keys + c.nletters);
		ime_refeed(m, keys);
		return IME_CONSUMED;
	}
	if (m->api->select_candidate(m->sid, (size_t)c.rime_index)) {
		RIME_STRUCT(RimeCommit, cm);

		if (m->api->get_commit(m->sid, &cm)) {
			char text[IME_PREEDIT_MAX * 2];

			snprintf(text, sizeof text, "%s", cm.text ? cm.text : "");
			m->api->free_commit(&cm);
			return ime_commit_text(m, text);
		}
	}
	ime_changed(m);
	return IME_CONSUMED;
}

/* Takes candidate i of the current page. */
int ime_select(struct ime *m, int i)
{
	if (!m || m->mode == IME_DIRECT || i < 0 || i >= IME_PAGE_SIZE || !ime_composing(m))
		return IME_IGNORED;
	sbuf_reset(&m->commit);
	return ime_take(m, (size_t)m->page * IME_PAGE_SIZE + (size_t)i);
}

/* Returns the candidates on the current page. */
static int ime_page_count(struct ime *m)
{
	size_t first = (size_t)m->page * IME_PAGE_SIZE;

	ime_list_fill(m, first + IME_PAGE_SIZE + 1);
	if (m->nlist <= first)
		return 0;
	return m->nlist - first >= IME_PAGE_SIZE ? IME_PAGE_SIZE : (int)(m->nlist - first);
}

/* Moves to the next (dir 1) or previous (dir -1) page when there is one. */
static void ime_turn(struct ime *m, int dir)
{
	if (dir < 0 && m->page > 0) {
		m->page--;
		m->hl = 0;
	} else if (dir > 0) {
		ime_list_fill(m, (size_t)(m->page + 1) * IME_PAGE_SIZE + 1);
		if (m->nlist > (size_t)(m->page + 1) * IME_PAGE_SIZE) {
			m->page++;
			m->hl = 0;
		}
	}
}

/* Moves the highlight one step, across pages. */
static void ime_move(struct ime *m, int dir)
{
	int n = ime_page_count(m);

	if (dir < 0) {
		if (m->hl > 0) {
			m->hl--;
		} else if (m->page > 0) {
			m->page--;
			m->hl = IME_PAGE_SIZE - 1;
		}
	} else if (m->hl + 1 < n) {
		m->hl++;
	} else {
		int page = m->page;

		ime_turn(m, 1);
		if (m->page == page)
			m->hl = n ? n - 1 : 0;
	}
}

/* Drops the last key: rime's, or gives back the held names' letters. */
static int ime_backspace(struct ime *m)
{
	if (ime_rime_input(m)[0]) {
		ime_rime_key(m, IME_XK_BACKSPACE, 0);
	} else if (m->held[0]) {
		char keys[IME_PREEDIT_MAX];

		snprintf(keys, sizeof keys, "%s", m->held_keys);
		m->held[0] = m->held_keys[0] = 0;
		ime_refeed(m, keys);
	}
	return IME_CONSUMED;
}

/* Takes the highlighted candidate (nothing when there is none). */
static int ime_take_highlighted(struct ime *m)
{
	int r;

	if (ime_page_count(m) == 0)
		return IME_CONSUMED;
	r = ime_take(m, (size_t)m->page * IME_PAGE_SIZE + (size_t)m->hl);
	return r == IME_IGNORED ? IME_CONSUMED : r;
}

/* Feeds one key. */
int ime_key(struct ime *m, int key)
{
	int composing;

	if (!m)
		return IME_IGNORED;
	sbuf_reset(&m->commit);
	if (m->mode == IME_DIRECT)
		return IME_IGNORED;
	composing = ime_composing(m);

	/* Composing keys. */
	if (m->mode == IME_PINYIN && key >= 'a' && key <= 'z') {
		if (strlen(m->held_keys) + strlen(m->keys) >= IME_KEYS_MAX)
			return IME_CONSUMED;
		return ime_rime_key(m, key, (char)key) || composing ? IME_CONSUMED : IME_IGNORED;
	}
	if (m->mode == IME_STROKE && ((key >= '1' && key <= '5') || (key && strchr("hspnz", key)))) {
		int sym = key <= '5' ? "hspnz"[key - '1'] : key;

		if (strlen(m->keys) >= IME_KEYS_MAX)
			return IME_CONSUMED;
		return ime_rime_key(m, sym, (char)key) || composing ? IME_CONSUMED : IME_IGNORED;
	}
	if (!composing)
		return IME_IGNORED;

	switch (key) {
	case IME_KEY_BACKSPACE:
		return ime_backspace(m);
	case IME_KEY_ESC:
		ime_clear(m);
		return IME_CONSUMED;
	case IME_KEY_ENTER:
		if (m->mode == IME_PINYIN) {
			char raw[2 * IME_PREEDIT_MAX];

			ime_cat(raw, sizeof raw, m->held_keys, m->keys);
			m->held[0] = 0;
			return ime_commit_text(m, raw);
		}
		return ime_take_highlighted(m);
	case ' ':
		return ime_take_highlighted(m);
	case '-':
	case IME_KEY_PGUP:
		ime_turn(m, -1);
		return IME_CONSUMED;
	case '=':
	case IME_KEY_PGDN:
		ime_turn(m, 1);
		return IME_CONSUMED;
	case IME_KEY_LEFT:
		ime_move(m, -1);
		return IME_CONSUMED;
	case IME_KEY_RIGHT:
		ime_move(m, 1);
		return IME_CONSUMED;
	default:
		break;
	}
	if (m->mode == IME_PINYIN && key >= '1' && key <= '9') {
		int r = ime_take(m, (size_t)m->page * IME_PAGE_SIZE + (size_t)(key - '1'));

		return r == IME_IGNORED ? IME_CONSUMED : r;
	}
	/* Anything else while composing (other digits, capitals,
	 * punctuation) is swallowed: it must not land inside a composition. */
	return IME_CONSUMED;
}

/* Fills *v with what is being composed. */
void ime_view(struct ime *m, struct ime_view *v)
{
	RIME_STRUCT(RimeContext, c);
	int i, n;

	memset(v, 0, sizeof *v);
	v->last_page = 1;
	if (!m || m->mode == IME_DIRECT || !ime_composing(m))
		return;
	v->composing = 1;
	ime_cat(v->input, sizeof v->input, m->held_keys, m->keys);
	if (m->api->get_context(m->sid, &c)) {
		ime_cat(v->preedit, sizeof v->preedit, m->held,
			c.composition.preedit ? c.composition.preedit : "");
		m->api->free_context(&c);
	} else {
		snprintf(v->preedit, sizeof v->preedit, "%s", m->held);
	}
	n = ime_page_count(m);
	for (i = 0; i < n; i++)
		snprintf(v->cand[i], sizeof v->cand[i], "%s",
			 m->list[(size_t)m->page * IME_PAGE_SIZE + (size_t)i].text);
	v->ncand = n;
	if (m->hl >= n)
		m->hl = n ? n - 1 : 0;
	v->highlighted = m->hl;
	v->page = m->page;
	v->last_page = m->nlist <= (size_t)(m->page + 1) * IME_PAGE_SIZE;
}

/* Returns the last commit. */
const char *ime_commit(const struct ime *m)
{
	return m ? sbuf_str(&m->commit) : "";
}
