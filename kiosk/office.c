/*
 * office.c - opens the kiosks' exports at the county office (office.h):
 * manifest, hashes, sealed boxes, the merge by 受理编号, applications.csv.
 *
 * The export format is written by kiosk/export.c; this reads it back:
 *   manifest.txt      "# gongkai-export 1" first, "# name: value" headers,
 *                     then "<64 hex>  <path>" (or " *<path>") lines
 *   applications.tsv  a header row, then one row per application, values
 *                     escaped \\ \t \n \r
 *   applications/X.sealed  X is the 受理编号, bytes other than letters,
 *                     digits and '-' written %XX
 *   consultations/X.sealed  a registered question (db/consult.h record),
 *                     X its 咨询编号 named the same way
 * Listed files it does not know (consultations.tsv, later additions) are
 * checked against their hash and otherwise left alone.
 */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/consult.h"
#include "kiosk/apply.h"
#include "kiosk/manifest.h"
#include "kiosk/office.h"
#include "kiosk/util.h"

#define OFF_MAX_MANIFEST (64 << 20) /* 10,000 applications take about 1 MB */
#define OFF_MAX_TSV (256 << 20)
#define OFF_MAX_SEALED (1 << 20)    /* a record is a few KB */
#define OFF_MAX_KEY_LINES 5         /* unopenable boxes listed per folder */

/* The columns of usage.csv: the kiosk, then usage.tsv's (kiosk/export.c). */
static const char *const off_usage_cols[] = { "一体机", "日期", "类别", "项目", "索引号", "次数",
					       "页数" };
#define OFF_USAGE_NCOLS ((int)(sizeof off_usage_cols / sizeof off_usage_cols[0]))

/* One export folder as given on the command line. */
struct folder {
	char *path;        /* the gongkai-export folder */
	char *manifest;    /* path/manifest.txt, for report lines */
	char created[64];  /* "# created:" */
	char kiosk_id[96]; /* "# kiosk-id:" */
	char seal_pk[64];  /* "# seal-pubkey:" */
	int arg;           /* position on the command line */
	int rank;          /* 0 = oldest export */
	int has_usage;     /* its usage.tsv was read */
};

/* One application opened from a sealed file. */
struct row {
	char *v[APPLY_NCOLS];
	int folder;
};

/* 收到日期 and 答复期限 of one application as an export's TSV states them. */
struct fact {
	char *no, *received, *due;
	int folder;
};

/* The whole run. */
struct off {
	struct report *rep;
	struct folder *folders;
	int nfolders;
	struct row *rows;
	size_t nrows, caprows;
	struct row *crows;     /* registered questions: v[0 .. CONSULT_NCOLS) */
	size_t ncrows, capcrows;
	struct row *urows;     /* usage counts: v[0 .. OFF_USAGE_NCOLS) */
	size_t nurows, capurows;
	struct fact *facts;
	size_t nfacts, capfacts;
	unsigned char (*pk)[APPLY_PK_BYTES];
	unsigned char (*sk)[APPLY_SK_BYTES];
	int nkeys;
	const char *key_path;
	int col_no, col_received, col_due; /* indices in apply_columns */
};

/* Frees a string holding personal data after wiping it. */
static void off_wipe_free(char *s)
{
	if (s) {
		sodium_memzero(s, strlen(s));
		free(s);
	}
}

/* Returns the index of a column of apply_columns, or -1. */
static int off_col(const char *name)
{
	for (int i = 0; i < APPLY_NCOLS; i++)
		if (strcmp(apply_columns[i], name) == 0)
			return i;
	return -1;
}

/* Picks the export folder: dir itself when it holds manifest.txt, else
 * dir/gongkai-export. Returns a malloc'd path, or NULL when neither. */
static char *off_pick(const char *dir)
{
	struct stat st;
	char *p = xasprintf("%s/manifest.txt", dir);

	if (lstat(p, &st) == 0) {
		free(p);
		return xstrdup(dir);
	}
	free(p);
	p = xasprintf("%s/gongkai-export/manifest.txt", dir);
	if (lstat(p, &st) == 0) {
		free(p);
		return xasprintf("%s/gongkai-export", dir);
	}
	free(p);
	return NULL;
}

/* Copies a header value (after "name:") without edge blanks. */
static void off_header(const char *v, char *out, size_t outlen)
{
	size_t n;

	v += strspn(v, " \t");
	n = strlen(v);
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	snprintf(out, outlen, "%.*s", (int)n, v);
}

/* Returns the value of a hex digit, or -1. */
static int off_hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	     : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Returns 1 when s starts with 64 hex digits, filling sha. */
static int off_hex(const char *s, unsigned char sha[32])
{
	for (int i = 0; i < 64; i++) {
		int d = off_hexval(s[i]);

		if (d < 0)
			return 0;
		if (i % 2 == 0)
			sha[i / 2] = (unsigned char)(d << 4);
		else
			sha[i / 2] |= (unsigned char)d;
	}
	return 1;
}

/* Splits a TSV line in place into at most max fields, unescaping each.
 * Returns the number of fields. */
static int off_tsv_split(char *line, char **f, int max)
{
	int n = 0;

	while (n < max) {
		char *end = strchr(line, '\t'), *w = line;

		if (end)
			*end = '\0';
		f[n++] = line;
		for (char *r = line; *r; r++) {
			if (*r == '\\' && r[1]) {
				r++;
				*w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r == 'r' ? '\r' : *r;
			} else {
				*w++ = *r;
			}
		}
		*w = '\0';
		if (!end)
			break;
		line = end + 1;
	}
	return n;
}

/* Reads the clear facts of applications.tsv (already verified). */
static void off_tsv(struct off *o, int fi, char *text, size_t len)
{
	struct folder *fo = &o->folders[fi];
	char *f[32], *line = text;
	int c_no = -1, c_recv = -1, c_due = -1;
	long ln = 0;

	(void)len;
	while (line && *line) {
		char *nl = strchr(line, '\n');
		int n;

		if (nl)
			*nl = '\0';
		if (nl && nl > line && nl[-1] == '\r')
			nl[-1] = '\0';
		ln++;
		n = off_tsv_split(line, f, 32);
		if (ln == 1) {
			for (int i = 0; i < n; i++) {
				if (strcmp(f[i], "受理编号") == 0)
					c_no = i;
				else if (strcmp(f[i], "收到日期") == 0)
					c_recv = i;
				else if (strcmp(f[i], "答复期限") == 0)
					c_due = i;
			}
			if (c_no < 0 || c_recv < 0 || c_due < 0) {
				char *p = xasprintf("%s/applications.tsv", fo->path);

				report_warning(o->rep, p, 1, NULL,
					       "表头缺少 受理编号、收到日期 或 答复期限，这个导出的日期按申请提交时的算");
				free(p);
				return;
			}
		} else if (n > c_no && n > c_recv && n > c_due && *f[c_no]) {
			struct fact *x;

			if (o->nfacts == o->capfacts) {
				o->capfacts = o->capfacts ? o->capfacts * 2 : 256;
				o->facts = xrealloc(o->facts, o->capfacts * sizeof *o->facts);
			}
			x = &o->facts[o->nfacts++];
			x->no = xstrdup(f[c_no]);
			x->received = xstrdup(f[c_recv]);
			x->due = xstrdup(f[c_due]);
			x->folder = fi;
		}
		line = nl ? nl + 1 : NULL;
	}
}

/* Reads usage.tsv (already verified): every line after the header, with
 * the folder's kiosk id in front. */
static void off_usage(struct off *o, int fi, char *text)
{
	struct folder *fo = &o->folders[fi];
	char *f[OFF_USAGE_NCOLS], *line = text;
	long ln = 0;

	fo->has_usage = 1;
	while (line && *line) {
		char *nl = strchr(line, '\n');
		struct row *r;
		int n;

		if (nl)
			*nl = '\0';
		if (nl && nl > line && nl[-1] == '\r')
			nl[-1] = '\0';
		n = off_tsv_split(line, f, OFF_USAGE_NCOLS - 1);
		line = nl ? nl + 1 : NULL;
		if (++ln == 1 || n < OFF_USAGE_NCOLS - 1)
			continue; /* the header, or a line of another version */
		if (o->nurows == o->capurows) {
			o->capurows = o->capurows ? o->capurows * 2 : 256;
			o->urows = xrealloc(o->urows, o->capurows * sizeof *o->urows);
		}
		r = &o->urows[o->nurows++];
		memset(r, 0, sizeof *r);
		r->folder = fi;
		r->v[0] = xstrdup(fo->kiosk_id);
		for (int i = 1; i < OFF_USAGE_NCOLS; i++)
			r->v[i] = xstrdup(f[i - 1]);
	}
}

/* Decodes a sealed file's name (its first n bytes, without ".sealed") back
 * to its 受理编号 into out. Returns 0, or -1 when it is not such a name. */
static int off_unname(const char *stem, size_t n, char *out, size_t outlen)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		if (o + 1 >= outlen)
			return -1;
		if (stem[i] != '%') {
			out[o++] = stem[i];
			continue;
		}
		if (i + 2 >= n || off_hexval(stem[i + 1]) < 0 || off_hexval(stem[i + 2]) < 0)
			return -1;
		out[o++] = (char)(off_hexval(stem[i + 1]) * 16 + off_hexval(stem[i + 2]));
		i += 2;
	}
	out[o] = '\0';
	return 0;
}

/* The longest number a sealed file's name decodes to, and its NUL. */
#define OFF_NO_MAX ((APPLY_TRACKING_MAX > CONSULT_NO_MAX ? APPLY_TRACKING_MAX : CONSULT_NO_MAX) * 3 + 8)

/* A kind of sealed record an export holds: applications/ or consultations/. */
struct off_sealed_kind {
	const char *dir;      /* "applications/" */
	int (*parse)(const char *text, size_t len, char **values);
	int ncols;
	const char *record;   /* what a record is called: 申请记录 */
	const char *keyname;  /* its number: 受理编号 */
};

static const struct off_sealed_kind off_apps = { "applications/", apply_record_parse,
						 APPLY_NCOLS, "一份申请记录", "受理编号" };
static const struct off_sealed_kind off_cons = { "consultations/", db_consult_record_parse,
						 CONSULT_NCOLS, "一份咨询登记", "咨询编号" };

/* Returns the kind of sealed record rel is (dir/X.sealed, no deeper), or NULL. */
static const struct off_sealed_kind *off_sealed_kind_of(const char *rel)
{
	static const struct off_sealed_kind *const kinds[] = { &off_apps, &off_cons };
	size_t rl = strlen(rel);

	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		size_t dl = strlen(kinds[k]->dir);

		if (strncmp(rel, kinds[k]->dir, dl) == 0 && rl > dl + 7 &&
		    strcmp(rel + rl - 7, ".sealed") == 0 && !strchr(rel + dl, '/'))
			return kinds[k];
	}
	return NULL;
}

/* Opens one verified sealed box of kind k and keeps its record: an
 * application in o->rows (its number in column o->col_no), a question in
 * o->crows (its number first). */
static void off_sealed(struct off *o, const struct off_sealed_kind *k, int fi, const char *rel,
		       long line, const unsigned char *box, size_t boxlen, long *unopened)
{
	struct folder *fo = &o->folders[fi];
	char *text = NULL, no[OFF_NO_MAX];
	const char *stem = rel + strlen(k->dir);
	size_t tlen = 0, slen = strlen(stem) - strlen(".sealed");
	int is_app = k == &off_apps, key = is_app ? o->col_no : 0;
	struct row r = { .folder = fi }, **rows = is_app ? &o->rows : &o->crows;
	size_t *n = is_app ? &o->nrows : &o->ncrows, *cap = is_app ? &o->caprows : &o->capcrows;

	for (int i = 0; i < o->nkeys && !text; i++)
		text = apply_unseal(o->pk[i], o->sk[i], box, boxlen, &tlen);
	if (!text) {
		if (++*unopened <= OFF_MAX_KEY_LINES)
			report_error(o->rep, fo->manifest, line, rel,
				     "用私钥文件 %s 打不开：它不是用与这把私钥配对的公钥加密的（或已损坏）。"
				     "请换用与这台一体机 [trust] seal_pubkey 配对的 .key 文件", o->key_path);
		return;
	}
	if (k->parse(text, tlen, r.v) < 0) {
		report_error(o->rep, fo->manifest, line, rel,
			     "解开后不是%s：这个导出可能来自不兼容的版本，请把它交给技术支持", k->record);
		sodium_memzero(text, tlen);
		free(text);
		return;
	}
	sodium_memzero(text, tlen);
	free(text);
	if (off_unname(stem, slen, no, sizeof no) < 0 || strcmp(no, r.v[key]) != 0) {
		report_error(o->rep, fo->manifest, line, rel,
			     "文件名与里面的%s（%s）不符：文件被改名或换过，整个导出文件夹不能使用",
			     k->keyname, r.v[key]);
		for (int i = 0; i < k->ncols; i++)
			off_wipe_free(r.v[i]);
		return;
	}
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*rows = xrealloc(*rows, *cap * sizeof **rows);
	}
	(*rows)[(*n)++] = r;
}

/* One listed file: its manifest line, then its verified bytes. */
struct listed {
	char *rel;               /* borrowed from the manifest text */
	unsigned char sha[32];
	long line;
	char *data;              /* NULL until read and verified */
	size_t len;
};

/* Orders listed files by path, then by line. */
static int off_listed_path(const void *a, const void *b)
{
	const struct listed *x = a, *y = b;
	int c = strcmp(x->rel, y->rel);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Opens a listed file of the applications/ folder through a descriptor of
 * that folder (one open each, where manifest_open_file opens every folder
 * of the path again), refusing links and anything but a regular file.
 * Other paths go through manifest_open_file. Returns the descriptor, or -1
 * with a plain Chinese message. */
static int off_open(const char *folder, int appfd, const char *rel, char *msg, size_t msglen)
{
	struct stat st;
	const char *name = rel + 13;
	int fd;

	if (appfd < 0 || strncmp(rel, "applications/", 13) != 0 || strchr(name, '/'))
		return manifest_open_file(folder, rel, msg, msglen);
	fd = openat(appfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;

		if (e == ELOOP)
			util_errf(msg, msglen, "是符号链接，导出文件夹里不允许使用链接");
		else if (e == ENOENT)
			util_errf(msg, msglen, "文件不存在");
		else
			util_errf(msg, msglen, "无法打开（%s）", strerror(e));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		util_errf(msg, msglen, "不是普通文件");
		close(fd);
		return -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

/* Reads a listed file whole (at most max bytes) from an open descriptor,
 * which it closes. Returns 0 with *out (malloc'd, NUL-terminated) and
 * *len, or -1 with a plain Chinese message. */
static int off_slurp(int fd, size_t max, char **out, size_t *len, char *msg, size_t msglen)
{
	struct stat st;
	struct sbuf b = {0};
	char buf[65536];
	ssize_t n;

	if (fstat(fd, &st) < 0 || (size_t)st.st_size > max) {
		util_errf(msg, msglen, "文件太大（%lld 字节），不像一体机导出的文件",
			  (long long)st.st_size);
		close(fd);
		return -1;
	}
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || b.len + (size_t)n > max) {
			util_errf(msg, msglen, "读取出错（%s）", n < 0 ? strerror(errno) : "文件在读取时变大");
			close(fd);
			sbuf_free(&b);
			return -1;
		}
		sbuf_addn(&b, buf, (size_t)n);
	}
	close(fd);
	*len = b.len;
	*out = b.s ? sbuf_detach(&b) : xstrdup("");
	return 0;
}

/* Reads a listed file whole without following links (manifest_open_file).
 * Returns 0 with *out and *len, or -1 with a plain Chinese message. */
static int off_read(const char *folder, const char *rel, size_t max, char **out, size_t *len,
		    char *msg, size_t msglen)
{
	int fd = manifest_open_file(folder, rel, msg, msglen);

	return fd < 0 ? -1 : off_slurp(fd, max, out, len, msg, msglen);
}

/* Reads the manifest's lines into files[] (sha256sum lines) and the
 * folder's headers. Returns 0, or -1 when the manifest is not an export's. */
static int off_manifest(struct off *o, struct folder *fo, char *text, struct listed **files,
			size_t *nfiles)
{
	char *line, *nl;
	long ln = 0;
	size_t cap = 0;
	int magic = 0;

	for (line = text; line && *line; line = nl ? nl + 1 : NULL) {
		unsigned char sha[32];
		char *rel;

		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (nl && nl > line && nl[-1] == '\r')
			nl[-1] = '\0';
		ln++;
		if (ln == 1 && strncmp(line, "\xEF\xBB\xBF", 3) == 0)
			line += 3;
		if (!magic) {
			if (!*line)
				continue;
			if (strcmp(line, "# gongkai-export 1") != 0) {
				report_error(o->rep, fo->manifest, ln, NULL,
					     "第一行应是“# gongkai-export 1”：这不是一体机导出的文件夹"
					     "（或来自不兼容的版本）");
				return -1;
			}
			magic = 1;
			continue;
		}
		if (!*line)
			continue;
		if (line[0] == '#') {
			if (strncmp(line, "# created:", 10) == 0)
				off_header(line + 10, fo->created, sizeof fo->created);
			else if (strncmp(line, "# kiosk-id:", 11) == 0)
				off_header(line + 11, fo->kiosk_id, sizeof fo->kiosk_id);
			else if (strncmp(line, "# seal-pubkey:", 14) == 0)
				off_header(line + 14, fo->seal_pk, sizeof fo->seal_pk);
			continue;
		}
		if (strlen(line) < 67 || !off_hex(line, sha) || line[64] != ' ' ||
		    (line[65] != ' ' && line[65] != '*')) {
			report_error(o->rep, fo->manifest, ln, NULL,
				     "这一行应是“64 位校验值、两个空格、文件路径”：manifest.txt 被改动或损坏");
			continue;
		}
		rel = line + 66;
		if (!manifest_path_is_safe(rel)) {
			report_error(o->rep, fo->manifest, ln, rel,
				     "路径越出了导出文件夹（以 / 开头、含 .. 或控制字符）：整个导出文件夹不能使用");
			continue;
		}
		if (*nfiles == cap) {
			cap = cap ? cap * 2 : 256;
			*files = xrealloc(*files, cap * sizeof **files);
		}
		(*files)[*nfiles] = (struct listed){ .rel = rel, .line = ln };
		memcpy((*files)[*nfiles].sha, sha, 32);
		(*nfiles)++;
	}
	if (!magic) {
		report_error(o->rep, fo->manifest, 0, NULL,
			     "是空的：这不是一体机导出的文件夹，请重新导出");
		return -1;
	}
	return 0;
}

/* Parses, checks and opens one export folder. Returns the number of
 * problems found in it. */
static long off_folder(struct off *o, int fi, struct office_result *res)
{
	struct folder *fo = &o->folders[fi];
	char *text = NULL, msg[512];
	size_t len = 0, nfiles = 0;
	long before = o->rep->nerrors, unopened = 0;
	struct listed *files = NULL;
	int have_tsv = 0, appfd = -1;

	if (off_read(fo->path, "manifest.txt", OFF_MAX_MANIFEST, &text, &len, msg, sizeof msg) < 0) {
		report_error(o->rep, fo->manifest, 0, NULL, "%s", msg);
		return 1;
	}
	if (strlen(text) != len) {
		report_error(o->rep, fo->manifest, 0, NULL, "含有空字节，不是一体机写的 manifest.txt");
		free(text);
		return 1;
	}
	if (off_manifest(o, fo, text, &files, &nfiles) < 0)
		goto out;
	/* a path listed twice: sorted, the copies are neighbours */
	if (nfiles)
		qsort(files, nfiles, sizeof *files, off_listed_path);
	for (size_t i = 1; i < nfiles; i++)
		if (strcmp(files[i].rel, files[i - 1].rel) == 0)
			report_error(o->rep, fo->manifest, files[i].line, files[i].rel,
				     "重复列出（第 %ld 行已列过）", files[i - 1].line);
	{
		int dfd = open(fo->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (dfd >= 0) {
			appfd = openat(dfd, "applications",
				       O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			close(dfd);
		}
	}
	for (size_t i = 0; i < nfiles; i++) {
		struct listed *f = &files[i];
		unsigned char got[32];
		int fd = off_open(fo->path, appfd, f->rel, msg, sizeof msg);

		if (fd < 0 || off_slurp(fd, strncmp(f->rel, "applications/", 13) == 0 ||
						    strncmp(f->rel, "consultations/", 14) == 0
						? OFF_MAX_SEALED
						: OFF_MAX_TSV,
					&f->data, &f->len, msg, sizeof msg) < 0) {
			report_error(o->rep, fo->manifest, f->line, f->rel, "%s", msg);
			continue;
		}
		crypto_hash_sha256(got, (const unsigned char *)f->data, f->len);
		if (sodium_memcmp(got, f->sha, 32) != 0) {
			report_error(o->rep, fo->manifest, f->line, f->rel,
				     "校验值不符：文件在导出后被改动或损坏，整个导出文件夹不能使用。"
				     "请在一体机上重新导出");
			free(f->data);
			f->data = NULL;
			continue;
		}
		have_tsv |= strcmp(f->rel, "applications.tsv") == 0;
	}
	if (appfd >= 0)
		close(appfd);
	if (o->rep->nerrors == before && !have_tsv)
		report_error(o->rep, fo->manifest, 0, "applications.tsv",
			     "manifest.txt 没有列出这个文件：导出不完整，请在一体机上重新导出");
	/* Only a folder whose every hash checked is opened. */
	if (o->rep->nerrors == before) {
		res->folders++;
		for (size_t i = 0; i < nfiles; i++) {
			const char *rel = files[i].rel;
			const struct off_sealed_kind *k = off_sealed_kind_of(rel);

			if (strcmp(rel, "applications.tsv") == 0) {
				off_tsv(o, fi, files[i].data, files[i].len);
			} else if (strcmp(rel, "usage.tsv") == 0) {
				off_usage(o, fi, files[i].data);
			} else if (k) {
				res->sealed++;
				off_sealed(o, k, fi, rel, files[i].line,
					   (const unsigned char *)files[i].data, files[i].len, &unopened);
			}
		}
		if (unopened > OFF_MAX_KEY_LINES)
			report_error(o->rep, fo->manifest, 0, NULL,
				     "……还有 %ld 份申请或咨询登记也打不开（同样的原因）",
				     unopened - OFF_MAX_KEY_LINES);
		if (unopened && *fo->seal_pk) {
			int match = 0;

			for (int k = 0; k < o->nkeys; k++) {
				char b64[sodium_base64_ENCODED_LEN(APPLY_PK_BYTES,
								   sodium_base64_VARIANT_ORIGINAL)];

				sodium_bin2base64(b64, sizeof b64, o->pk[k], APPLY_PK_BYTES,
						  sodium_base64_VARIANT_ORIGINAL);
				match |= strcmp(b64, fo->seal_pk) == 0;
			}
			if (!match)
				report_error(o->rep, fo->manifest, 0, "seal-pubkey",
					     "导出时一体机配置的公钥是 %s，与私钥文件 %s 不配对："
					     "请找到生成这把公钥时的 .key 文件", fo->seal_pk, o->key_path);
		}
	}
out:
	for (size_t i = 0; i < nfiles; i++) {
		if (files[i].data)
			sodium_memzero(files[i].data, files[i].len);
		free(files[i].data);
	}
	free(files);
	free(text);
	return o->rep->nerrors - before;
}

/* Orders folders by export time, then by their place on the command line. */
static int off_folder_cmp(const void *a, const void *b)
{
	const struct folder *x = *(struct folder *const *)a, *y = *(struct folder *const *)b;
	int c = strcmp(x->created, y->created);

	return c ? c : (x->arg > y->arg) - (x->arg < y->arg);
}

/* The run whose rows off_row_cmp compares (qsort has no context). */
static const struct off *off_sorting;

/* Orders rows by 受理编号, then oldest export first. */
static int off_row_cmp(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = strcmp(x->v[off_sorting->col_no], y->v[off_sorting->col_no]);
	int rx = off_sorting->folders[x->folder].rank, ry = off_sorting->folders[y->folder].rank;

	return c ? c : (rx > ry) - (rx < ry);
}

/* Orders registered questions by 咨询编号, then oldest export first. */
static int off_crow_cmp(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = strcmp(x->v[0], y->v[0]);
	int rx = off_sorting->folders[x->folder].rank, ry = off_sorting->folders[y->folder].rank;

	return c ? c : (rx > ry) - (rx < ry);
}

/* Orders facts by 受理编号, then oldest export first. */
static int off_fact_cmp(const void *a, const void *b)
{
	const struct fact *x = a, *y = b;
	int c = strcmp(x->no, y->no);
	int rx = off_sorting->folders[x->folder].rank, ry = off_sorting->folders[y->folder].rank;

	return c ? c : (rx > ry) - (rx < ry);
}

/* Finds the newest fact for a 受理编号, or NULL. */
static const struct fact *off_fact(const struct off *o, const char *no)
{
	size_t lo = 0, hi = o->nfacts, found = (size_t)-1;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(o->facts[mid].no, no);

		if (c <= 0) {
			if (c == 0)
				found = mid;
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return found == (size_t)-1 ? NULL : &o->facts[found];
}

/* Returns 1 when two rows hold the same values in columns [0, ncols),
 * leaving out 收到日期 and 答复期限 of an application (they move after
 * submission). */
static int off_same_cols(const struct off *o, const struct row *a, const struct row *b, int ncols,
			 int is_app)
{
	for (int i = 0; i < ncols; i++) {
		if (is_app && (i == o->col_received || i == o->col_due))
			continue;
		if (strcmp(a->v[i], b->v[i]) != 0)
			return 0;
	}
	return 1;
}

/* Merges rows sorted by their key column (then oldest export first): the
 * same record met again in a later export keeps only its newest copy
 * (counted in *merged; is_app: an application, whose dates may differ); two different records under one number (what the
 * key is called, of a noun) both stay, with a warning. */
static void off_merge(struct off *o, struct row *rows, size_t nrows, int ncols, int key,
		      int is_app, const char *keyname, const char *noun, long *merged)
{
	for (size_t r = 0; r + 1 < nrows; r++) {
		struct row *a = &rows[r], *b = &rows[r + 1];

		if (strcmp(a->v[key], b->v[key]) != 0)
			continue;
		if (off_same_cols(o, a, b, ncols, is_app)) {
			for (int i = 0; i < ncols; i++) {
				off_wipe_free(a->v[i]);
				a->v[i] = NULL;
			}
			(*merged)++;
		} else {
			report_warning(o->rep, o->folders[b->folder].manifest, 0, b->v[key],
				       "与 %s 里同一%s的%s内容不同：两份都已写入。"
				       "两台一体机的 [kiosk] id 可能相同，请改成不同的编号",
				       o->folders[a->folder].manifest, keyname, noun);
		}
	}
}

/* Orders usage rows by kiosk, day, kind, what, 索引号. */
static int off_urow_cmp(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	for (int i = 0; i < 5; i++) {
		int c = strcmp(x->v[i], y->v[i]);

		if (c)
			return c;
	}
	return 0;
}

/* Keeps the usage of each kiosk from its newest export only (an export
 * holds the kiosk's whole history), sorted. */
static void off_usage_newest(struct off *o)
{
	/* a folder is its kiosk's newest when no later one of that kiosk has usage */
	unsigned char *newest = xcalloc((size_t)o->nfolders + 1, 1);

	for (int f = 0; f < o->nfolders; f++) {
		const struct folder *fo = &o->folders[f];

		newest[f] = 1;
		for (int k = 0; k < o->nfolders && newest[f]; k++) {
			const struct folder *g = &o->folders[k];

			newest[f] = !(g->has_usage && g->rank > fo->rank &&
				      strcmp(g->kiosk_id, fo->kiosk_id) == 0);
		}
	}
	for (size_t r = 0; r < o->nurows; r++)
		if (!newest[o->urows[r].folder])
			for (int i = 0; i < OFF_USAGE_NCOLS; i++) {
				free(o->urows[r].v[i]);
				o->urows[r].v[i] = NULL;
			}
	free(newest);
	/* the rows kept to the front, in their order; then sort those */
	for (size_t r = 0, w = 0; r < o->nurows; r++)
		if (o->urows[r].v[0]) {
			struct row t = o->urows[w];

			o->urows[w++] = o->urows[r];
			o->urows[r] = t;
		}
	{
		size_t live = 0;

		while (live < o->nurows && o->urows[live].v[0])
			live++;
		if (live)
			qsort(o->urows, live, sizeof *o->urows, off_urow_cmp);
	}
}

/* Writes one CSV field, quoted when it holds a comma, a quote or a line
 * break (RFC 4180). */
static void off_csv_field(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* Writes the merged rows (ncols values each; a row whose v[0] is NULL was
 * merged away) under the header cols to out_path through a temporary
 * file. Returns 0, or -1 with err. */
static int off_write_csv(const char *const *cols, int ncols, const struct row *rows, size_t nrows,
			 const char *out_path, long *written, char *err, size_t errlen)
{
	char *tmp = xasprintf("%s.tmp-XXXXXX", out_path), *dir, *slash;
	FILE *f;
	int fd = mkstemp(tmp), rc = -1;

	*written = 0;
	if (fd < 0) {
		util_errf(err, errlen, "无法在当前文件夹新建 %s（%s）：请换到一个可以写入的文件夹再运行",
			  out_path, strerror(errno));
		free(tmp);
		return -1;
	}
	f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		goto fail;
	}
	fputs("\xEF\xBB\xBF", f);
	for (int i = 0; i < ncols; i++) {
		if (i)
			fputc(',', f);
		off_csv_field(f, cols[i]);
	}
	fputs("\r\n", f);
	for (size_t r = 0; r < nrows; r++) {
		const struct row *row = &rows[r];

		if (!row->v[0])
			continue; /* merged into the next row */
		for (int i = 0; i < ncols; i++) {
			if (i)
				fputc(',', f);
			off_csv_field(f, row->v[i]);
		}
		fputs("\r\n", f);
		(*written)++;
	}
	if (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) < 0) {
		fclose(f);
		goto fail;
	}
	if (fclose(f) != 0)
		goto fail;
	if (rename(tmp, out_path) < 0)
		goto fail;
	dir = xstrdup(out_path);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	fd = open(slash ? (*dir ? dir : "/") : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
	rc = 0;
	goto out;
fail:
	util_errf(err, errlen, "写入 %s 失败（%s）：请检查磁盘空间和文件夹权限后再运行，"
		  "原有的 %s 没有改动", out_path, strerror(errno), out_path);
	unlink(tmp);
out:
	free(tmp);
	return rc;
}

/* Loads the office's secret keys (kept in locked, guarded memory).
 * Returns 0, or -1 with the problems reported. */
static int off_keys(struct off *o, char *const *keys, int nkeys)
{
	char msg[512];

	o->pk = sodium_allocarray((size_t)nkeys, APPLY_PK_BYTES);
	o->sk = sodium_allocarray((size_t)nkeys, APPLY_SK_BYTES);
	if (!o->pk || !o->sk)
		util_fatal("内存不足");
	for (int k = 0; k < nkeys; k++) {
		char head[128] = "";
		FILE *f = fopen(keys[k], "r");

		/* a .pub decodes as well as a .key: tell them apart by the
		 * comment seal-keygen writes */
		if (f) {
			if (!fgets(head, sizeof head, f))
				head[0] = '\0';
			fclose(f);
		}
		if (strstr(head, "public key")) {
			report_error(o->rep, keys[k], 0, NULL,
				     "这是公钥文件（.pub，放在一体机上的那把），打不开申请："
				     "请给出同名的 .key 私钥文件");
			continue;
		}
		if (apply_load_secret(keys[k], o->pk[k], o->sk[k], msg, sizeof msg) < 0)
			report_error(o->rep, NULL, 0, NULL, "%s", msg); /* msg names the file */
	}
	o->nkeys = nkeys;
	return o->rep->nerrors ? -1 : 0;
}

int office_open_applications(char *const *keys, int nkeys, char *const *dirs, int ndirs,
			     const char *out_path, const char *consult_path, const char *usage_path,
			     struct report *rep, struct office_result *res, char *err, size_t errlen)
{
	struct off o = { .rep = rep, .key_path = keys[0] };
	struct folder **order = NULL;
	int rc = OFFICE_REFUSED;

	memset(res, 0, sizeof *res);
	o.col_no = off_col("受理编号");
	o.col_received = off_col("收到日期");
	o.col_due = off_col("答复期限");
	if (o.col_no < 0 || o.col_received < 0 || o.col_due < 0)
		util_fatal("apply_columns lacks 受理编号, 收到日期 or 答复期限");
	if (off_keys(&o, keys, nkeys) < 0)
		goto out;
	o.folders = xcalloc((size_t)ndirs, sizeof *o.folders);
	o.nfolders = ndirs;
	for (int i = 0; i < ndirs; i++) {
		struct folder *fo = &o.folders[i];

		fo->arg = i;
		fo->path = off_pick(dirs[i]);
		if (!fo->path) {
			report_error(rep, dirs[i], 0, NULL,
				     "这里既没有 manifest.txt，也没有 gongkai-export 文件夹：请给出 U 盘上的"
				     " gongkai-export 文件夹，或它所在的文件夹");
			continue;
		}
		fo->manifest = xasprintf("%s/manifest.txt", fo->path);
	}
	if (rep->nerrors)
		goto out;
	/* Ranks first: the merge needs them, the folders' own order does not. */
	order = xcalloc((size_t)ndirs, sizeof *order);
	for (int i = 0; i < ndirs; i++) {
		struct folder *fo = &o.folders[i];
		char msg[512], *text = NULL;
		size_t len;

		/* the created header only; off_folder reads the whole manifest */
		if (off_read(fo->path, "manifest.txt", OFF_MAX_MANIFEST, &text, &len, msg,
			     sizeof msg) == 0) {
			char *h = strstr(text, "\n# created:");

			if (h) {
				char *e = strchr(h + 1, '\n');

				if (e)
					*e = '\0';
				if (e && e > h && e[-1] == '\r')
					e[-1] = '\0';
				off_header(h + 11, fo->created, sizeof fo->created);
			}
			free(text);
		}
		order[i] = fo;
	}
	qsort(order, (size_t)ndirs, sizeof *order, off_folder_cmp);
	for (int i = 0; i < ndirs; i++)
		order[i]->rank = i;
	for (int i = 0; i < ndirs; i++)
		off_folder(&o, i, res);
	if (rep->nerrors)
		goto out;
	off_sorting = &o;
	if (o.nrows)
		qsort(o.rows, o.nrows, sizeof *o.rows, off_row_cmp);
	if (o.nfacts)
		qsort(o.facts, o.nfacts, sizeof *o.facts, off_fact_cmp);
	/* The same application in several exports: keep the newest copy;
	 * two different applications under one number both stay. */
	off_merge(&o, o.rows, o.nrows, APPLY_NCOLS, o.col_no, 1, "受理编号", "申请", &res->merged);
	for (size_t r = 0; r < o.nrows; r++) {
		struct row *row = &o.rows[r];
		const struct fact *x;

		if (!row->v[0])
			continue;
		x = off_fact(&o, row->v[o.col_no]);
		if (!x)
			continue;
		off_wipe_free(row->v[o.col_received]);
		off_wipe_free(row->v[o.col_due]);
		row->v[o.col_received] = xstrdup(x->received);
		row->v[o.col_due] = xstrdup(x->due);
	}
	/* The same question in several exports: one row (the newest copy);
	 * two different questions under one number both stay. */
	if (o.ncrows)
		qsort(o.crows, o.ncrows, sizeof *o.crows, off_crow_cmp);
	off_merge(&o, o.crows, o.ncrows, CONSULT_NCOLS, 0, 0, "咨询编号", "登记",
		  &res->consult_merged);
	off_usage_newest(&o);
	if (off_write_csv(apply_columns, APPLY_NCOLS, o.rows, o.nrows, out_path, &res->applications,
			  err, errlen) < 0 ||
	    (consult_path && off_write_csv(db_consult_columns, CONSULT_NCOLS, o.crows, o.ncrows,
					   consult_path, &res->consultations, err, errlen) < 0) ||
	    (usage_path && off_write_csv(off_usage_cols, OFF_USAGE_NCOLS, o.urows, o.nurows,
					 usage_path, &res->usage, err, errlen) < 0))
		rc = OFFICE_ENV;
	else
		rc = OFFICE_OK;
out:
	off_sorting = NULL;
	for (size_t r = 0; r < o.nrows; r++)
		for (int i = 0; i < APPLY_NCOLS; i++)
			off_wipe_free(o.rows[r].v[i]);
	free(o.rows);
	for (size_t r = 0; r < o.ncrows; r++)
		for (int i = 0; i < CONSULT_NCOLS; i++)
			off_wipe_free(o.crows[r].v[i]);
	free(o.crows);
	for (size_t r = 0; r < o.nurows; r++)
		for (int i = 0; i < OFF_USAGE_NCOLS; i++)
			free(o.urows[r].v[i]);
	free(o.urows);
	for (size_t i = 0; i < o.nfacts; i++) {
		free(o.facts[i].no);
		free(o.facts[i].received);
		free(o.facts[i].due);
	}
	free(o.facts);
	for (int i = 0; i < o.nfolders; i++) {
		free(o.folders[i].path);
		free(o.folders[i].manifest);
	}
	free(o.folders);
	free(order);
	if (o.pk)
		sodium_free(o.pk);
	if (o.sk)
		sodium_free(o.sk);
	return rc;
}
