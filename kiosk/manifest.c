/*
 * manifest.c - parsing manifest.txt, checking the paths it lists and the
 * hashes of the files, and opening those files without following links.
 * See manifest.h for the format and the time-of-check/time-of-use choice.
 */
#include "kiosk/manifest.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "kiosk/encoding.h"
#include "kiosk/util.h"

#define MANIFEST_FILE "manifest.txt"
/* Longest line: a hash, the separator and the longest path, with room. */
#define MAX_LINE (64 + 2 + MANIFEST_MAX_PATH + 64)
#define MAX_COMPONENT 255
/* Filesystems whose files live in RAM (linux/magic.h). */
#define FS_TMPFS 0x01021994L
#define FS_RAMFS 0x858458f6L

/* The folder for verified copies set by manifest_set_spool_dir, or NULL. */
static char *spool_dir;

/* Parsing state shared by the line handlers. */
struct parse {
	struct manifest *m;
	struct report *rep;
	long nerrors;
	size_t cap;           /* allocated entries */
	long issuer_line;     /* line of each header seen, 0 if none */
	long sequence_line;
	long created_line;
	long encoding_line;
	long magic_line;
};

/* Reports a problem of manifest.txt at a line and counts it. */
static void perr(struct parse *p, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void perr(struct parse *p, long line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	report_error(p->rep, MANIFEST_FILE, line, NULL, "%s", msg);
	p->nerrors++;
}

/* Returns the length of the valid UTF-8 sequence at s[0..n), or 0 when the
 * bytes there are not valid UTF-8 (overlong forms and surrogates included). */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	size_t need, i;
	unsigned long cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		need = 2;
		cp = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		need = 3;
		cp = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		need = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < need)
		return 0;
	for (i = 1; i < need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return need;
}

/* Returns 1 when s[0..n) is valid UTF-8. */
static int utf8_valid(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < n) {
		k = utf8_seq(u + i, n - i);
		if (k == 0)
			return 0;
		i += k;
	}
	return 1;
}

/* Returns 1 for the blanks allowed around header names and values. */
static int is_space(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* Trims blanks in place and returns the start of the trimmed text. */
static char *trim(char *s)
{
	size_t n;

	while (is_space(*s))
		s++;
	n = strlen(s);
	while (n > 0 && is_space(s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* Writes s into out for a message: control characters become '?', and a long
 * text is cut at a character boundary with "…". */
static void quote_for_message(const char *s, char *out, size_t outlen)
{
	size_t i = 0, o = 0, k, n = strlen(s);

	while (i < n && o + 4 < outlen) {
		unsigned char c = (unsigned char)s[i];
		k = utf8_seq((const unsigned char *)s + i, n - i);
		if (k == 0 || c < 0x20 || c == 0x7F) {
			out[o++] = '?';
			i++;
			continue;
		}
		if (o + k + 4 >= outlen)
			break;
		memcpy(out + o, s + i, k);
		o += k;
		i += k;
	}
	if (i < n && o + 3 < outlen) {
		memcpy(out + o, "\xE2\x80\xA6", 3);
		o += 3;
	}
	out[o] = '\0';
}

/* Returns 1 when relpath stays inside the bundle (see manifest.h). */
int manifest_path_is_safe(const char *relpath)
{
	const char *p, *comp;
	size_t n, clen;

	if (!relpath || !*relpath || relpath[0] == '/')
		return 0;
	n = strlen(relpath);
	if (n > MANIFEST_MAX_PATH || !utf8_valid(relpath, n))
		return 0;
	for (p = relpath; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20 || c == 0x7F || c == '\\')
			return 0;
	}
	comp = relpath;
	for (;;) {
		const char *slash = strchr(comp, '/');
		clen = slash ? (size_t)(slash - comp) : strlen(comp);
		if (clen == 0 || clen > MAX_COMPONENT)
			return 0;
		if ((clen == 1 && comp[0] == '.') || (clen == 2 && comp[0] == '.' && comp[1] == '.'))
			return 0;
		if (!slash)
			break;
		comp = slash + 1;
	}
	return 1;
}

/* Recognises "# gongkai-bundle VERSION"; returns the version text (trimmed,
 * inside line) or NULL when the line is not that header. */
static char *magic_version(char *line)
{
	static const char word[] = "gongkai-bundle";
	char *s = line + 1;

	while (is_space(*s))
		s++;
	if (strncmp(s, word, sizeof word - 1) != 0)
		return NULL;
	s += sizeof word - 1;
	if (*s && !is_space(*s))
		return NULL;
	return trim(s);
}

/* Parses a positive decimal integer (digits only, no sign). Returns 0 or -1. */
static int parse_positive(const char *s, long long *out)
{
	long long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		if (v > (LLONG_MAX - (*s - '0')) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (v <= 0)
		return -1;
	*out = v;
	return 0;
}

/* Handles one "# name: value" header line (the magic line aside). */
static void parse_header(struct parse *p, long line, char *text)
{
	char *colon, *name, *value, shown[256];
	struct manifest *m = p->m;

	if (magic_version(text)) {
		if (p->magic_line)
			perr(p, line, "重复的 \"# gongkai-bundle\" 行（第 %ld 行已有）", p->magic_line);
		else
			perr(p, line, "\"# gongkai-bundle 1\" 必须是文件的第一行");
		return;
	}
	colon = strchr(text + 1, ':');
	if (!colon)
		return; /* a plain comment */
	*colon = '\0';
	name = trim(text + 1);
	value = trim(colon + 1);
	quote_for_message(value, shown, sizeof shown);

	if (strcasecmp(name, "issuer") == 0) {
		if (p->issuer_line) {
			perr(p, line, "重复的 \"# issuer:\" 行（第 %ld 行已有）", p->issuer_line);
			return;
		}
		p->issuer_line = line;
		if (!*value)
			perr(p, line, "\"# issuer:\" 后面缺少发布机关名称");
		else
			m->issuer = xstrdup(value);
	} else if (strcasecmp(name, "sequence") == 0) {
		if (p->sequence_line) {
			perr(p, line, "重复的 \"# sequence:\" 行（第 %ld 行已有）", p->sequence_line);
			return;
		}
		p->sequence_line = line;
		if (parse_positive(value, &m->sequence) < 0)
			perr(p, line, "序号应为正整数，而不是 \"%s\"", shown);
	} else if (strcasecmp(name, "created") == 0) {
		if (p->created_line) {
			perr(p, line, "重复的 \"# created:\" 行（第 %ld 行已有）", p->created_line);
			return;
		}
		p->created_line = line;
		m->created = xstrdup(value);
	} else if (strcasecmp(name, "encoding") == 0) {
		enum enc e;
		if (p->encoding_line) {
			perr(p, line, "重复的 \"# encoding:\" 行（第 %ld 行已有）", p->encoding_line);
			return;
		}
		p->encoding_line = line;
		if (encoding_from_name(value, &e) < 0 || e == ENC_AUTO)
			perr(p, line, "不支持的编码 \"%s\"（应为 UTF-8、GB18030 或 GBK）", shown);
		else
			m->encoding = xstrdup(encoding_name(e));
	}
	/* Unknown headers are ignored: later formats may add some. */
}

/* Returns the value of a hex digit, or -1. */
static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Handles one "<64 hex>  <path>" line. */
static void parse_entry(struct parse *p, long line, const char *text)
{
	struct manifest_entry *e;
	const char *path;
	char shown[256];
	size_t h = 0, i;

	if (text[0] == '\\') {
		perr(p, line, "文件名含有反斜杠或换行（sha256sum 转义过的行），不允许");
		return;
	}
	while (text[h] && hex_value(text[h]) >= 0)
		h++;
	if (h != 64) {
		if (h > 0 && (text[h] == ' ' || text[h] == '\0'))
			perr(p, line, "SHA-256 哈希值应为 64 位十六进制数字，这里是 %zu 位", h);
		else
			perr(p, line, "不是 \"SHA-256哈希值  路径\" 格式的行");
		return;
	}
	if (text[64] != ' ' || (text[65] != ' ' && text[65] != '*')) {
		if (text[64] == '\0' || (text[64] == ' ' && text[65] == '\0'))
			perr(p, line, "哈希值后面缺少文件路径");
		else
			perr(p, line, "哈希值和路径之间应为两个空格（或空格加 *）");
		return;
	}
	path = text + 66;
	if (!*path) {
		perr(p, line, "哈希值后面缺少文件路径");
		return;
	}
	if (!manifest_path_is_safe(path)) {
		quote_for_message(path, shown, sizeof shown);
		perr(p, line,
		     "路径 \"%s\" 不安全（不能以 / 开头，不能含 . 或 .. 段、空段、反斜杠或控制字符）",
		     shown);
		return;
	}
	if (p->m->nentries == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->m->entries = xrealloc(p->m->entries, p->cap * sizeof *p->m->entries);
	}
	e = &p->m->entries[p->m->nentries++];
	e->path = xstrdup(path);
	e->line = line;
	for (i = 0; i < 32; i++)
		e->sha256[i] = (unsigned char)(hex_value(text[2 * i]) << 4 | hex_value(text[2 * i + 1]));
}

/* Orders entries by path, then by line. */
static int entry_cmp(const void *a, const void *b)
{
	const struct manifest_entry *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	if (c)
		return c;
	return (x->line > y->line) - (x->line < y->line);
}

/* Handles one line; text is NUL-terminated, without its line end. */
static void parse_line(struct parse *p, long line, char *text, int first)
{
	char *version;

	if (first) {
		version = text[0] == '#' ? magic_version(text) : NULL;
		if (version) {
			p->magic_line = line;
			if (strcmp(version, "1") != 0) {
				char shown[64];
				quote_for_message(version, shown, sizeof shown);
				perr(p, line, "不支持的数据包格式版本 \"%s\"（本机只支持 1）", shown);
			} else {
				p->m->version = 1;
			}
			return;
		}
		perr(p, line, "第一行应为 \"# gongkai-bundle 1\"，这不是一个公开数据包的清单");
	}
	if (text[0] == '#')
		parse_header(p, line, text);
	else
		parse_entry(p, line, text);
}

/* Parses manifest.txt. */
int manifest_parse(const char *text, size_t len, struct manifest *out, struct report *rep)
{
	struct parse p = { .m = out, .rep = rep };
	const char *pos = text, *end = text + (text ? len : 0);
	char *buf = xmalloc(MAX_LINE + 1);
	long line = 0;
	int seen = 0;
	size_t i;

	memset(out, 0, sizeof *out);
	if (text && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos += 3;
	while (pos < end) {
		const char *nl = memchr(pos, '\n', (size_t)(end - pos));
		const char *s = pos;
		size_t n = (size_t)((nl ? nl : end) - pos), k;

		pos = nl ? nl + 1 : end;
		line++;
		while (n > 0 && s[n - 1] == '\r')
			n--;
		if (memchr(s, '\0', n)) {
			perr(&p, line, "行内含有 NUL 字节");
			continue;
		}
		if (!utf8_valid(s, n)) {
			perr(&p, line, "不是有效的 UTF-8 文本（清单必须用 UTF-8 保存）");
			continue;
		}
		for (k = 0; k < n && (s[k] == ' ' || s[k] == '\t'); k++)
			;
		if (k == n)
			continue;
		if (n > MAX_LINE) {
			perr(&p, line, "行太长（%zu 字节）", n);
			seen = 1;
			continue;
		}
		memcpy(buf, s, n);
		buf[n] = '\0';
		parse_line(&p, line, buf, !seen);
		seen = 1;
	}
	free(buf);

	if (!seen) {
		perr(&p, 0, "清单是空的");
	} else {
		if (!p.issuer_line)
			perr(&p, 0, "缺少 \"# issuer:\" 行（发布机关）");
		if (!p.sequence_line)
			perr(&p, 0, "缺少 \"# sequence:\" 行（数据包序号）");
	}
	if (out->nentries > 1) {
		qsort(out->entries, out->nentries, sizeof *out->entries, entry_cmp);
		for (i = 1; i < out->nentries; i++) {
			if (strcmp(out->entries[i].path, out->entries[i - 1].path) == 0)
				perr(&p, out->entries[i].line, "文件 %s 重复列出（第 %ld 行已列出）",
				     out->entries[i].path, out->entries[i - 1].line);
		}
	}
	if (p.nerrors > 0) {
		manifest_free(out);
		return -1;
	}
	return 0;
}

/* Frees the manifest's strings and entries. */
void manifest_free(struct manifest *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->nentries; i++)
		free(m->entries[i].path);
	free(m->entries);
	free(m->issuer);
	free(m->created);
	free(m->encoding);
	memset(m, 0, sizeof *m);
}

/* Compares a path with an entry for bsearch. */
static int find_cmp(const void *key, const void *elem)
{
	const struct manifest_entry *e = elem;

	return strcmp(key, e->path);
}

/* Looks an entry up by its exact path. */
const struct manifest_entry *manifest_find(const struct manifest *m, const char *relpath)
{
	if (!m || !relpath || m->nentries == 0)
		return NULL;
	return bsearch(relpath, m->entries, m->nentries, sizeof *m->entries, find_cmp);
}

/* Why a listed file could not be opened. */
enum open_fail {
	OPEN_OK,
	OPEN_UNSAFE,      /* the path fails manifest_path_is_safe */
	OPEN_MISSING,     /* a component does not exist */
	OPEN_LINK,        /* a component is a symbolic link */
	OPEN_NOT_DIR,     /* a folder component is something else */
	OPEN_NOT_REGULAR, /* the file is a folder, device, FIFO, socket... */
	OPEN_IO           /* the system refused: errno in err_no */
};

/* The outcome of open_beneath. */
struct open_status {
	enum open_fail why;
	int err_no;
	char where[MANIFEST_MAX_PATH + 1]; /* the leading part of the path that failed */
};

/* Records a failure, naming the part of the path reached. */
static int open_failed(struct open_status *st, enum open_fail why, int err_no, const char *where)
{
	st->why = why;
	st->err_no = err_no;
	snprintf(st->where, sizeof st->where, "%s", where);
	return -1;
}

/* Opens rel below the folder dirfd one component at a time, refusing links
 * and anything but folders on the way and a regular file at the end.
 * Returns the descriptor or -1 with st filled. */
static int open_beneath(int dirfd, const char *rel, struct open_status *st)
{
	char buf[MANIFEST_MAX_PATH + 1];
	char *comp = buf;
	int cur = dirfd, fd = -1;
	struct stat sb, fsb;

	st->why = OPEN_OK;
	st->err_no = 0;
	st->where[0] = '\0';
	if (!manifest_path_is_safe(rel))
		return open_failed(st, OPEN_UNSAFE, 0, "");
	snprintf(buf, sizeof buf, "%s", rel);
	for (;;) {
		char *slash = strchr(comp, '/');
		int last = slash == NULL;

		if (slash)
			*slash = '\0'; /* buf now holds the path up to this component */
		if (fstatat(cur, comp, &sb, AT_SYMLINK_NOFOLLOW) < 0) {
			int e = errno;
			open_failed(st, e == ENOENT || e == ENOTDIR ? OPEN_MISSING : OPEN_IO, e, buf);
			break;
		}
		if (S_ISLNK(sb.st_mode)) {
			open_failed(st, OPEN_LINK, 0, buf);
			break;
		}
		if (!last && !S_ISDIR(sb.st_mode)) {
			open_failed(st, OPEN_NOT_DIR, 0, buf);
			break;
		}
		if (last && !S_ISREG(sb.st_mode)) {
			open_failed(st, OPEN_NOT_REGULAR, 0, buf);
			break;
		}
		/* O_NOFOLLOW closes the race with a link swapped in after fstatat;
		 * O_NONBLOCK keeps a FIFO swapped in from blocking the open. */
		fd = openat(cur, comp,
			    last ? O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK
				 : O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0) {
			int e = errno;
			open_failed(st, e == ELOOP ? OPEN_LINK : e == ENOENT ? OPEN_MISSING : OPEN_IO, e,
				    buf);
			break;
		}
		if (fstat(fd, &fsb) < 0 || fsb.st_dev != sb.st_dev || fsb.st_ino != sb.st_ino ||
		    (last && !S_ISREG(fsb.st_mode))) {
			open_failed(st, last ? OPEN_NOT_REGULAR : OPEN_NOT_DIR, 0, buf);
			close(fd);
			fd = -1;
			break;
		}
		if (cur != dirfd)
			close(cur);
		cur = dirfd;
		if (last) {
			int fl = fcntl(fd, F_GETFL);
			if (fl >= 0)
				fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
			break;
		}
		cur = fd;
		fd = -1;
		*slash = '/';
		comp = slash + 1;
	}
	if (cur != dirfd)
		close(cur);
	return fd;
}

/* Writes a Chinese explanation of a failed open into msg. */
static void open_message(const struct open_status *st, const char *rel, char *msg, size_t msglen)
{
	int whole = strcmp(st->where, rel) == 0;

	switch (st->why) {
	case OPEN_UNSAFE:
		util_errf(msg, msglen,
			  "路径不安全（不能以 / 开头，不能含 . 或 .. 段、空段、反斜杠或控制字符）");
		break;
	case OPEN_MISSING:
		if (whole)
			util_errf(msg, msglen, "文件不存在");
		else
			util_errf(msg, msglen, "文件不存在（没有文件夹 %s）", st->where);
		break;
	case OPEN_LINK:
		if (whole)
			util_errf(msg, msglen, "是符号链接，数据包里不允许使用链接");
		else
			util_errf(msg, msglen, "路径中的 %s 是符号链接，数据包里不允许使用链接",
				  st->where);
		break;
	case OPEN_NOT_DIR:
		util_errf(msg, msglen, "路径中的 %s 不是文件夹", st->where);
		break;
	case OPEN_NOT_REGULAR:
		util_errf(msg, msglen, "不是普通文件");
		break;
	case OPEN_IO:
		util_errf(msg, msglen, "无法打开（%s）", strerror(st->err_no));
		break;
	case OPEN_OK:
		util_errf(msg, msglen, "打开成功");
		break;
	}
}

/* Opens the bundle folder itself; reports through err. */
static int open_dir(const char *bundle_dir, char *err, size_t errlen)
{
	int dfd;

	if (!bundle_dir || !*bundle_dir) {
		util_errf(err, errlen, "没有给出数据包文件夹");
		return -1;
	}
	dfd = open(bundle_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		util_errf(err, errlen, "无法打开数据包文件夹 %s（%s）", bundle_dir, strerror(errno));
	return dfd;
}

/* Opens one listed file safely. */
int manifest_open_file(const char *bundle_dir, const char *relpath, char *err, size_t errlen)
{
	struct open_status st;
	int dfd = open_dir(bundle_dir, err, errlen), fd;

	if (dfd < 0)
		return -1;
	fd = open_beneath(dfd, relpath ? relpath : "", &st);
	close(dfd);
	if (fd < 0)
		open_message(&st, relpath ? relpath : "", err, errlen);
	return fd;
}

/* Hashes everything readable from fd, copying it to copy_fd unless that is
 * -1, and reading at most max bytes: a file that holds more than max (it grew
 * after it was measured) fails with EFBIG. Memory used is one 64 KB buffer
 * whatever the size. Returns 0, or -1 with errno set. */
static int hash_fd(int fd, unsigned char out[32], int copy_fd, off_t max)
{
	crypto_hash_sha256_state st;
	unsigned char *buf = xmalloc(65536);
	off_t total = 0;
	ssize_t n;
	int rc = 0;

	crypto_hash_sha256_init(&st);
	for (;;) {
		n = read(fd, buf, 65536);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -1;
			break;
		}
		if (n == 0)
			break;
		total += n;
		if (total > max) {
			errno = EFBIG;
			rc = -1;
			break;
		}
		crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
		if (copy_fd >= 0) {
			ssize_t done = 0, w;
			while (done < n) {
				w = write(copy_fd, buf + done, (size_t)(n - done));
				if (w < 0 && errno == EINTR)
					continue;
				if (w <= 0) {
					if (w == 0)
						errno = ENOSPC;
					rc = -1;
					break;
				}
				done += w;
			}
			if (rc < 0)
				break;
		}
	}
	if (rc == 0)
		crypto_hash_sha256_final(&st, out);
	free(buf);
	return rc;
}

/* Writes a size in bytes for staff: "1.5 GB", "600.0 MB", "12 KB". */
static void size_text(off_t bytes, char *out, size_t outlen)
{
	double b = (double)bytes;

	if (b >= 1024.0 * 1024 * 1024)
		snprintf(out, outlen, "%.1f GB", b / (1024.0 * 1024 * 1024));
	else if (b >= 1024.0 * 1024)
		snprintf(out, outlen, "%.1f MB", b / (1024.0 * 1024));
	else
		snprintf(out, outlen, "%lld KB", (long long)((bytes + 1023) / 1024));
}

/* Measures the open listed file fd; refuses (message in err) anything above
 * MANIFEST_MAX_FILE before a byte is read. Returns the size or -1. */
static off_t checked_size(int fd, char *err, size_t errlen)
{
	struct stat sb;
	char shown[32];

	if (fstat(fd, &sb) < 0) {
		util_errf(err, errlen, "无法读取文件信息（%s）", strerror(errno));
		return -1;
	}
	if (sb.st_size > (off_t)MANIFEST_MAX_FILE) {
		size_text(sb.st_size, shown, sizeof shown);
		util_errf(err, errlen,
			  "文件太大（%s），超过本机对单个文件 %d MB 的上限，没有读取；请核对是否放错了文件，名单确实这么大时请按批次分成几个数据包",
			  shown, MANIFEST_MAX_FILE_MB);
		return -1;
	}
	return sb.st_size;
}

/* Explains a failed hash_fd (errno) in err. */
static void read_message(int err_no, char *err, size_t errlen)
{
	if (err_no == EFBIG)
		util_errf(err, errlen, "文件在读取过程中变大了（数据包被改动），请重新拷贝数据包");
	else if (err_no == ENOSPC || err_no == EDQUOT)
		util_errf(err, errlen, "本机磁盘空间不足，无法暂存文件；请清理磁盘后再导入");
	else
		util_errf(err, errlen, "读取出错（%s）", strerror(err_no));
}

/* Sets (or with NULL clears) the folder for verified copies on disk. */
void manifest_set_spool_dir(const char *dir)
{
	free(spool_dir);
	spool_dir = dir && *dir ? xstrdup(dir) : NULL;
}

/* Returns 1 when the folder's files are kept in RAM (tmpfs, ramfs). */
static int in_memory_fs(const char *dir)
{
	struct statfs sf;

	if (statfs(dir, &sf) < 0)
		return 0;
	return (long)sf.f_type == FS_TMPFS || (long)sf.f_type == FS_RAMFS;
}

/* Creates a nameless private (0600) file in dir: O_TMPFILE, or a file that
 * is unlinked at once where the filesystem lacks it. Returns fd or -1. */
static int unnamed_file(const char *dir)
{
	char *path;
	int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);

	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
		return fd;
	path = xasprintf("%s/.gongkai-verify-XXXXXX", dir);
	fd = mkostemp(path, O_CLOEXEC);
	if (fd >= 0)
		unlink(path);
	free(path);
	return fd;
}

/* Opens a private unnamed file on disk for a verified copy: the spool
 * folder, $TMPDIR, /var/tmp, /tmp, preferring one not kept in RAM. Returns
 * fd or -1 with a message in err. */
static int spool_file(char *err, size_t errlen)
{
	const char *dirs[4] = { spool_dir, getenv("TMPDIR"), "/var/tmp", "/tmp" };
	int pass, i, fd, last = ENOENT;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < 4; i++) {
			if (!dirs[i] || !*dirs[i] || (pass == 0 && in_memory_fs(dirs[i])))
				continue;
			fd = unnamed_file(dirs[i]);
			if (fd >= 0)
				return fd;
			last = errno;
		}
	}
	util_errf(err, errlen, "无法建立暂存文件（%s）；请检查本机磁盘", strerror(last));
	return -1;
}

/* Replaces the writable descriptor of a finished copy by a read-only one
 * positioned at the start, so nothing can change the copy through it.
 * Returns the descriptor, or -1 (fd closed) with a message in err. */
static int read_only_copy(int fd, char *err, size_t errlen)
{
	char path[64];
	int ro;

	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	ro = open(path, O_RDONLY | O_CLOEXEC);
	if (ro >= 0) {
		close(fd);
		return ro;
	}
	if (lseek(fd, 0, SEEK_SET) < 0) {
		util_errf(err, errlen, "无法回到副本开头（%s）", strerror(errno));
		close(fd);
		return -1;
	}
	return fd; /* no /proc: keep the writable one, still private */
}

/* Orders entry pointers by manifest line. */
static int entry_line_cmp(const void *a, const void *b)
{
	const struct manifest_entry *x = *(const struct manifest_entry *const *)a;
	const struct manifest_entry *y = *(const struct manifest_entry *const *)b;

	return (x->line > y->line) - (x->line < y->line);
}

/* Checks every listed file's type and hash, reporting in manifest order. */
int manifest_check_files(const struct manifest *m, const char *bundle_dir, struct report *rep)
{
	const struct manifest_entry **order;
	char msg[1024];
	int dfd, bad = 0;
	size_t i;

	if (sodium_init() < 0) {
		report_error(rep, NULL, 0, NULL, "libsodium 无法启动");
		return -1;
	}
	dfd = open_dir(bundle_dir, msg, sizeof msg);
	if (dfd < 0) {
		report_error(rep, NULL, 0, NULL, "%s", msg);
		return -1;
	}
	order = xcalloc(m->nentries ? m->nentries : 1, sizeof *order);
	for (i = 0; i < m->nentries; i++)
		order[i] = &m->entries[i];
	qsort(order, m->nentries, sizeof *order, entry_line_cmp);
	for (i = 0; i < m->nentries; i++) {
		const struct manifest_entry *e = order[i];
		struct open_status st;
		unsigned char got[32];
		off_t size;
		int fd = open_beneath(dfd, e->path, &st);

		if (fd < 0) {
			open_message(&st, e->path, msg, sizeof msg);
			report_error(rep, e->path, 0, NULL, "%s（manifest.txt 第 %ld 行列出）", msg,
				     e->line);
			bad = 1;
			continue;
		}
		if ((size = checked_size(fd, msg, sizeof msg)) < 0) {
			report_error(rep, e->path, 0, NULL, "%s（manifest.txt 第 %ld 行列出）", msg,
				     e->line);
			bad = 1;
		} else if (hash_fd(fd, got, -1, size) < 0) {
			read_message(errno, msg, sizeof msg);
			report_error(rep, e->path, 0, NULL, "%s", msg);
			bad = 1;
		} else if (memcmp(got, e->sha256, sizeof got) != 0) {
			report_error(rep, e->path, 0, NULL,
				     "内容与 manifest.txt 第 %ld 行记录的 SHA-256 不符（文件被改动过，或清单不是最新的）",
				     e->line);
			bad = 1;
		}
		close(fd);
	}
	free(order);
	close(dfd);
	return bad ? -1 : 0;
}

/* Copies a listed file while checking its hash: into sealed memory when it
 * is small, else into a private unnamed file on disk; refuses by size first. */
int manifest_open_verified(const struct manifest *m, const char *bundle_dir, const char *relpath,
			   char *err, size_t errlen)
{
	const struct manifest_entry *e = manifest_find(m, relpath);
	unsigned char got[32];
	off_t size;
	int fd, cfd, in_memory;

	if (!e) {
		util_errf(err, errlen, "文件未列在 manifest.txt 中");
		return -1;
	}
	if (sodium_init() < 0) {
		util_errf(err, errlen, "libsodium 无法启动");
		return -1;
	}
	fd = manifest_open_file(bundle_dir, relpath, err, errlen);
	if (fd < 0)
		return -1;
	size = checked_size(fd, err, errlen);
	if (size < 0) {
		close(fd);
		return -1;
	}
	in_memory = size <= (off_t)MANIFEST_MEM_COPY;
	if (in_memory) {
		cfd = memfd_create("gongkai-bundle-file", MFD_CLOEXEC | MFD_ALLOW_SEALING);
		if (cfd < 0)
			util_errf(err, errlen, "无法在内存中建立副本（%s）", strerror(errno));
	} else {
		cfd = spool_file(err, errlen);
	}
	if (cfd < 0) {
		close(fd);
		return -1;
	}
	/* At most size bytes are read: a file growing under us is refused, so
	 * the copy never exceeds what was measured (and the limit). */
	if (hash_fd(fd, got, cfd, size) < 0) {
		read_message(errno, err, errlen);
		goto fail;
	}
	if (memcmp(got, e->sha256, sizeof got) != 0) {
		util_errf(err, errlen, "内容与 manifest.txt 第 %ld 行记录的 SHA-256 不符（文件在签名后被改动或"
			  "损坏）：请向县政府办公室重新索取数据包，不要自己修改", e->line);
		goto fail;
	}
	close(fd);
	if (!in_memory)
		return read_only_copy(cfd, err, errlen);
	/* The copy can no longer change, even through another descriptor. */
	fcntl(cfd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
	if (lseek(cfd, 0, SEEK_SET) < 0) {
		util_errf(err, errlen, "无法回到副本开头（%s）", strerror(errno));
		close(cfd);
		return -1;
	}
	return cfd;
fail:
	close(fd);
	close(cfd);
	return -1;
}
