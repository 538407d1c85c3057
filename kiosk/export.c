/*
 * export.c - writes DIR/gongkai-export/ for the county office
 * (interfaces.md "Exports", kiosk/export.h):
 *
 *     gongkai-export/
 *       manifest.txt              "# gongkai-export 1", kiosk, kiosk-id,
 *                                 created, applications, seal-pubkey
 *                                 headers, then sha256sum lines
 *       applications.tsv          the clear facts as they stand now
 *       applications/<受理编号>.sealed   one crypto_box_seal box each
 *       consultations.tsv         the register's clear facts (咨询编号, dates)
 *       consultations/<咨询编号>.sealed  each registered question (question
 *                                 and phone), sealed like an application
 *       usage.tsv                 日期, 类别 (使用 or 打印), 项目, 索引号, 次数,
 *                                 页数: the daily counts of db/log.h, the
 *                                 kiosk's whole history (exports are
 *                                 cumulative), nothing that names a person
 *
 * The office side checks every listed file and reads the ones it knows.
 *
 * A stick can be pulled out at any moment, so the folder is built whole as
 * DIR/.gongkai-export.new (every file in it is still under that temporary
 * name), flushed to the stick (syncfs: one flush for all files, where an
 * fsync per file costs a FAT update each on a vfat stick), and only then
 * swapped with the old folder (renameat2 RENAME_EXCHANGE, or two renames
 * where the file system has no exchange), after which the old copy is
 * removed. Whatever moment the power goes, DIR holds the old export or the
 * new one, whole; leftovers of an interrupted run are cleared (or the old
 * folder restored) by the next export.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/apply.h"
#include "db/consult.h"
#include "db/log.h"
#include "kiosk/export.h"
#include "kiosk/util.h"

#define EXP_DIR "gongkai-export"
#define EXP_NEW ".gongkai-export.new"
#define EXP_OLD ".gongkai-export.old"
#define EXP_APPS "applications"
#define EXP_CONS "consultations"
/* A sealed file's name: the longer of the two numbers, %XX-escaped. */
#define EXP_NAME_MAX \
	((APPLY_TRACKING_MAX > CONSULT_NO_MAX ? APPLY_TRACKING_MAX : CONSULT_NO_MAX) * 3 + 16)

/* The export being built. */
struct exp {
	int dirfd;            /* DIR */
	int newfd;            /* DIR/.gongkai-export.new */
	int appfd;            /* DIR/.gongkai-export.new/applications */
	int consfd;           /* DIR/.gongkai-export.new/consultations */
	struct sbuf csums;    /* sha256sum lines of consultations/ */
	struct sbuf ctsv;     /* consultations.tsv */
	long nc;              /* registered questions written */
	struct sbuf manifest; /* sha256sum lines of applications/ */
	struct sbuf tsv;      /* applications.tsv */
	long n;               /* applications written */
	int err_no;           /* errno of the write that failed */
	char failed[EXP_NAME_MAX + 32]; /* the relative path it failed on */
};

/* Writes the name a 受理编号 gets under applications/: letters, digits and
 * '-' as they are, any other byte as %XX (so a name can never leave the
 * folder, hide itself or clash on a stick that ignores case), then
 * ".sealed". Returns 0, or -1 when the number is empty or too long. */
static int exp_file_name(const char *no, char *out, size_t outlen)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;

	if (!*no)
		return -1;
	for (const unsigned char *p = (const unsigned char *)no; *p; p++) {
		if (o + 4 >= outlen)
			return -1;
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-') {
			out[o++] = (char)*p;
		} else {
			out[o++] = '%';
			out[o++] = hex[*p >> 4];
			out[o++] = hex[*p & 15];
		}
	}
	if (o + sizeof ".sealed" > outlen)
		return -1;
	memcpy(out + o, ".sealed", sizeof ".sealed");
	return 0;
}

/* Appends a value to a TSV line with \\, \t, \n and \r escaped. */
static void exp_tsv_value(struct sbuf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '\\': sbuf_add(b, "\\\\"); break;
		case '\t': sbuf_add(b, "\\t"); break;
		case '\n': sbuf_add(b, "\\n"); break;
		case '\r': sbuf_add(b, "\\r"); break;
		default: sbuf_addc(b, *s); break;
		}
	}
}

/* Appends a header value with line breaks and other controls as spaces,
 * so one header stays one line. */
static void exp_header_value(struct sbuf *b, const char *s)
{
	for (; s && *s; s++)
		sbuf_addc(b, (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s);
}

/* Creates name in dirfd (which must not exist) holding len bytes of data
 * and puts its SHA-256 in sha. Returns 0, or -1 with errno set. */
static int exp_write_file(int dirfd, const char *name, const void *data, size_t len,
			  unsigned char sha[32])
{
	const char *p = data;
	size_t left = len;
	int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);

	if (fd < 0)
		return -1;
	while (left > 0) {
		ssize_t w = write(fd, p, left);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = w == 0 ? ENOSPC : errno;

			close(fd);
			errno = e;
			return -1;
		}
		p += w;
		left -= (size_t)w;
	}
	if (close(fd) < 0)
		return -1;
	crypto_hash_sha256(sha, data, (unsigned long long)len);
	return 0;
}

/* Appends a sha256sum line "<64 hex>  <path>". */
static void exp_sum_line(struct sbuf *b, const unsigned char sha[32], const char *path)
{
	char hex[65];

	sodium_bin2hex(hex, sizeof hex, sha, 32);
	sbuf_addf(b, "%s  %s\n", hex, path);
}

/* Writes one sealed record under sub/ (the folder open as subfd): its file,
 * its manifest line into sums and its TSV line (no, then vals) into tsv.
 * Returns 0, or 1 with x->failed and x->err_no set. */
static int exp_sealed(struct exp *x, const char *sub, int subfd, struct sbuf *sums,
		      struct sbuf *tsv, const char *no, const char *const *vals, size_t nvals,
		      const unsigned char *sealed, size_t sealed_len)
{
	char name[EXP_NAME_MAX], rel[EXP_NAME_MAX + 16];
	unsigned char sha[32];

	if (exp_file_name(no, name, sizeof name) < 0) {
		x->err_no = EINVAL;
		snprintf(x->failed, sizeof x->failed, "%s/%.80s", sub, no);
		return 1;
	}
	snprintf(rel, sizeof rel, "%s/%s", sub, name);
	if (exp_write_file(subfd, name, sealed, sealed_len, sha) < 0) {
		x->err_no = errno;
		snprintf(x->failed, sizeof x->failed, "%s", rel);
		return 1;
	}
	exp_sum_line(sums, sha, rel);
	exp_tsv_value(tsv, no);
	for (size_t i = 0; i < nvals; i++) {
		sbuf_addc(tsv, '\t');
		exp_tsv_value(tsv, vals[i]);
	}
	sbuf_addc(tsv, '\n');
	return 0;
}

/* Writes one application (db_apply_each callback). */
static int exp_one(void *ctx, const struct db_app *a, const unsigned char *sealed, size_t sealed_len)
{
	struct exp *x = ctx;
	const char *const vals[] = { a->status, a->submitted_at, a->received_on, a->due_on,
				     a->reply_on, a->reply_type, a->reply_sub,
				     a->overdue ? "是" : "否" };

	if (exp_sealed(x, EXP_APPS, x->appfd, &x->manifest, &x->tsv, a->tracking_no, vals,
		       sizeof vals / sizeof vals[0], sealed, sealed_len))
		return 1;
	x->n++;
	return 0;
}

/* Writes one registered question (db_consult_each callback). */
static int exp_consult(void *ctx, const struct db_consult *c, const unsigned char *sealed,
		       size_t sealed_len)
{
	struct exp *x = ctx;
	const char *const vals[] = { c->registered_at, c->received_on, c->due_on,
				     c->answered ? "是" : "否", c->overdue ? "是" : "否" };

	if (exp_sealed(x, EXP_CONS, x->consfd, &x->csums, &x->ctsv, c->no, vals,
		       sizeof vals / sizeof vals[0], sealed, sealed_len))
		return 1;
	x->nc++;
	return 0;
}

/* Writes one line of usage.tsv (db_usage_each callback). */
static int exp_usage(void *ctx, const char *day, const char *kind, const char *what,
		     const char *index_no, long long count, long long pages)
{
	struct sbuf *b = ctx;
	const char *const vals[] = { day, kind, what, index_no };

	for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		exp_tsv_value(b, vals[i] ? vals[i] : "");
		sbuf_addc(b, '\t');
	}
	sbuf_addf(b, "%lld\t%lld\n", count, pages);
	return 0;
}

/* Removes one entry of a tree (nftw callback, depth first, links not
 * followed: a link is removed, never what it points at). */
static int exp_rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if (flag == FTW_DP || flag == FTW_D)
		return rmdir(path) < 0 && errno != ENOENT ? -1 : 0;
	return unlink(path) < 0 && errno != ENOENT ? -1 : 0;
}

/* Removes dir/name and everything under it; a missing one is fine.
 * Returns 0, or -1 with errno set. */
static int exp_rm_tree(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	struct stat st;
	int rc = 0;

	if (lstat(path, &st) < 0) {
		rc = errno == ENOENT ? 0 : -1;
	} else if (!S_ISDIR(st.st_mode)) {
		rc = unlink(path);
	} else {
		rc = nftw(path, exp_rm_entry, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
	}
	free(path);
	return rc;
}

/* Returns 1 when name exists in dirfd (a link counts), 0 when it does not. */
static int exp_exists(int dirfd, const char *name)
{
	struct stat st;

	return fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

/* Writes a plain Chinese message for a failed write to the stick, saying
 * what to do. what is the file or step (may be ""). */
static void exp_errno_msg(char *err, size_t errlen, const char *dir, const char *what, int e)
{
	const char *why, *todo;

	switch (e) {
	case ENOSPC:
	case EDQUOT:
		why = "U 盘（或目标磁盘）已满";
		todo = "请删掉 U 盘上不需要的文件或换一个空间更大的 U 盘，再导出";
		break;
	case EROFS:
	case EACCES:
	case EPERM:
		why = "不能写入（只读或没有权限）";
		todo = "请检查 U 盘侧面的写保护开关，或换一个 U 盘，再导出";
		break;
	case ENOENT:
	case ENODEV:
	case ENXIO:
	case EIO:
	case ESTALE:
		why = "文件夹不见了或读写出错（U 盘可能被拔出或已损坏）";
		todo = "请重新插好 U 盘，等它出现后再导出；仍然出错就换一个 U 盘";
		break;
	case ENOTDIR:
		why = "不是文件夹";
		todo = "请给出 U 盘上的一个文件夹（例如 U 盘的根目录）";
		break;
	case EFBIG:
		why = "文件超过了允许的大小（文件大小限制 ulimit -f，或 U 盘的格式不支持这么大的文件）";
		todo = "请放宽文件大小限制或换一个 U 盘，再导出";
		break;
	case EINVAL:
		why = "受理编号不能用作文件名";
		todo = "请检查配置里的 [kiosk] id（只应含字母、数字和 -），并把这段提示交给技术支持";
		break;
	default:
		why = strerror(e);
		todo = "请换一个 U 盘或文件夹再导出；仍然出错请把这段提示交给技术支持";
		break;
	}
	util_errf(err, errlen, "导出到 %s 失败：%s%s%s（%s）。%s。U 盘上原有的导出没有改动。", dir,
		  what && *what ? what : "", what && *what ? "：" : "", why, strerror(e), todo);
}

/* Reads the "# kiosk-id:" header of an existing export's manifest into
 * out ("" when there is none or it cannot be read). */
static void exp_existing_kiosk(int dirfd, char *out, size_t outlen)
{
	char buf[4096];
	ssize_t n;
	int fd = openat(dirfd, EXP_DIR "/manifest.txt", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	out[0] = '\0';
	if (fd < 0)
		return;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = '\0';
	for (char *line = buf; line && *line;) {
		char *nl = strchr(line, '\n');

		if (nl)
			*nl = '\0';
		if (strncmp(line, "# kiosk-id:", 11) == 0) {
			char *v = line + 11;
			size_t len;

			v += strspn(v, " \t");
			len = strcspn(v, "\r");
			snprintf(out, outlen, "%.*s", (int)len, v);
			return;
		}
		line = nl ? nl + 1 : NULL;
	}
}

/* Swaps the finished new folder in for the old one (or just renames it
 * when there is none). Afterwards EXP_NEW or EXP_OLD may hold the old
 * export, for the caller to remove. Returns 0, or -1 with errno set. */
static int exp_swap(int dirfd)
{
	if (!exp_exists(dirfd, EXP_DIR))
		return renameat(dirfd, EXP_NEW, dirfd, EXP_DIR);
	if (renameat2(dirfd, EXP_NEW, dirfd, EXP_DIR, RENAME_EXCHANGE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
		return -1;
	/* No exchange here (an old vfat driver): the old folder steps aside
	 * first; a power cut between the two renames leaves both folders
	 * whole, and the next export puts the old one back before it starts. */
	if (renameat(dirfd, EXP_DIR, dirfd, EXP_OLD) < 0)
		return -1;
	if (fsync(dirfd) < 0 && errno != EINVAL)
		return -1;
	if (renameat(dirfd, EXP_NEW, dirfd, EXP_DIR) < 0) {
		int e = errno;

		renameat(dirfd, EXP_OLD, dirfd, EXP_DIR);
		errno = e;
		return -1;
	}
	return 0;
}

/* Syncs a descriptor; file systems that cannot sync a folder say EINVAL,
 * which is not a failure. Returns 0, or -1 with errno set. */
static int exp_sync(int fd)
{
	return fsync(fd) < 0 && errno != EINVAL && errno != EROFS ? -1 : 0;
}

/* Fills the manifest text: headers, then the sums of tsv and of every
 * sealed file. */
static void exp_manifest(struct sbuf *m, const struct config *cfg, const char *now,
			 const struct exp *x, const unsigned char tsv_sha[32],
			 const unsigned char ctsv_sha[32], const unsigned char usage_sha[32])
{
	long n = x->n;

	sbuf_add(m, "# gongkai-export 1\n# kiosk: ");
	exp_header_value(m, cfg->kiosk_name);
	sbuf_add(m, "\n# kiosk-id: ");
	exp_header_value(m, cfg->kiosk_id);
	sbuf_add(m, "\n# created: ");
	exp_header_value(m, now);
	sbuf_addf(m, "\n# applications: %ld\n# consultations: %ld\n", n, x->nc);
	if (cfg->seal_pubkey && *cfg->seal_pubkey) {
		sbuf_add(m, "# seal-pubkey: ");
		exp_header_value(m, cfg->seal_pubkey);
		sbuf_addc(m, '\n');
	}
	/* "applications.tsv" sorts before "applications/…" in byte order. */
	exp_sum_line(m, tsv_sha, "applications.tsv");
	sbuf_addn(m, x->manifest.s ? x->manifest.s : "", x->manifest.len);
	exp_sum_line(m, ctsv_sha, "consultations.tsv");
	sbuf_addn(m, x->csums.s ? x->csums.s : "", x->csums.len);
	exp_sum_line(m, usage_sha, "usage.tsv");
}

/* Builds DIR/.gongkai-export.new completely and flushes it. Returns 0, or
 * -1 with err. */
static int exp_build(struct exp *x, struct db *db, const struct config *cfg, const char *dir,
		     const char *now, const char *today, char *err, size_t errlen)
{
	struct sbuf m = {0};
	unsigned char sha[32], csha[32], usha[32];
	struct sbuf usage = {0};
	char dberr[512] = "";
	int rc;

	if (mkdirat(x->dirfd, EXP_NEW, 0755) < 0 ||
	    (x->newfd = openat(x->dirfd, EXP_NEW, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0 ||
	    mkdirat(x->newfd, EXP_APPS, 0755) < 0 ||
	    (x->appfd = openat(x->newfd, EXP_APPS, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0 ||
	    mkdirat(x->newfd, EXP_CONS, 0755) < 0 ||
	    (x->consfd = openat(x->newfd, EXP_CONS, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
		exp_errno_msg(err, errlen, dir, "新建文件夹", errno);
		return -1;
	}
	sbuf_add(&x->tsv, "受理编号\t状态\t提交时间\t收到日期\t答复期限\t答复日期\t答复类型\t答复细类\t已超期\n");
	rc = db_apply_each(db, today, exp_one, x, dberr, sizeof dberr);
	if (rc < 0) {
		util_errf(err, errlen, "读取数据库里的申请失败（%s）：U 盘上原有的导出没有改动，"
			  "请检查数据库文件后重试", dberr);
		return -1;
	}
	if (rc != 0) {
		exp_errno_msg(err, errlen, dir, x->failed, x->err_no);
		return -1;
	}
	if (exp_write_file(x->newfd, "applications.tsv", x->tsv.s, x->tsv.len, sha) < 0) {
		exp_errno_msg(err, errlen, dir, "applications.tsv", errno);
		return -1;
	}
	sbuf_add(&x->ctsv, "咨询编号\t登记时间\t收到日期\t答复期限\t已答复\t已超期\n");
	rc = db_consult_each(db, today, exp_consult, x, dberr, sizeof dberr);
	if (rc < 0) {
		util_errf(err, errlen, "读取数据库里的咨询登记失败（%s）：U 盘上原有的导出没有改动，"
			  "请检查数据库文件后重试", dberr);
		return -1;
	}
	if (rc != 0) {
		exp_errno_msg(err, errlen, dir, x->failed, x->err_no);
		return -1;
	}
	if (exp_write_file(x->newfd, "consultations.tsv", x->ctsv.s, x->ctsv.len, csha) < 0) {
		exp_errno_msg(err, errlen, dir, "consultations.tsv", errno);
		return -1;
	}
	/* What villagers used, searched without finding and printed, by day:
	 * counts and document titles only (db/log.h). */
	sbuf_add(&usage, "日期\t类别\t项目\t索引号\t次数\t页数\n");
	rc = db_usage_each(db, exp_usage, &usage, dberr, sizeof dberr);
	if (rc < 0) {
		sbuf_free(&usage);
		util_errf(err, errlen, "读取数据库里的使用统计失败（%s）：U 盘上原有的导出没有改动，"
			  "请检查数据库文件后重试", dberr);
		return -1;
	}
	rc = exp_write_file(x->newfd, "usage.tsv", usage.s, usage.len, usha);
	sbuf_free(&usage);
	if (rc < 0) {
		exp_errno_msg(err, errlen, dir, "usage.tsv", errno);
		return -1;
	}
	exp_manifest(&m, cfg, now, x, sha, csha, usha);
	rc = exp_write_file(x->newfd, "manifest.txt", m.s, m.len, sha);
	sbuf_free(&m);
	if (rc < 0) {
		exp_errno_msg(err, errlen, dir, "manifest.txt", errno);
		return -1;
	}
	/* Every byte of the new folder on the stick before it is swapped in. */
	if (syncfs(x->newfd) < 0 || exp_sync(x->appfd) < 0 || exp_sync(x->consfd) < 0 ||
	    exp_sync(x->newfd) < 0) {
		exp_errno_msg(err, errlen, dir, "写入 U 盘", errno);
		return -1;
	}
	return 0;
}

int export_write(struct db *db, const struct config *cfg, const char *dir, const char *now,
		 const char *today, struct export_result *res, char *err, size_t errlen)
{
	struct exp x = { .dirfd = -1, .newfd = -1, .appfd = -1, .consfd = -1 };
	char other[128], dberr[512] = "";
	int rc = -1;

	memset(res, 0, sizeof *res);
	x.dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (x.dirfd < 0) {
		exp_errno_msg(err, errlen, dir, "", errno);
		return -1;
	}
	/* Two exports into one folder at once (the staff menu and a
	 * terminal) would clear each other's half-built folder. */
	if (flock(x.dirfd, LOCK_EX | LOCK_NB) < 0 && errno == EWOULDBLOCK) {
		util_errf(err, errlen, "%s 里正在进行另一次导出：请等它结束后再导出", dir);
		close(x.dirfd);
		return -1;
	}
	/* One stick carried round several kiosks must not lose the export of
	 * the first: another kiosk's folder is never replaced. */
	exp_existing_kiosk(x.dirfd, other, sizeof other);
	if (*other && strcmp(other, cfg->kiosk_id) != 0) {
		util_errf(err, errlen,
			  "%s/%s 里已经是另一台一体机（编号 %s）的导出，本机（编号 %s）不会覆盖它。"
			  "请先把这个文件夹复制到电脑上再删掉它，或导出到另一个文件夹（例如 U 盘上新建一个以本机编号命名的文件夹）",
			  dir, EXP_DIR, other, cfg->kiosk_id);
		close(x.dirfd);
		return -1;
	}
	/* Leftovers of an interrupted export: the old folder comes back if it
	 * was stepped aside and the new one never arrived; a half-built new
	 * folder goes. */
	if (!exp_exists(x.dirfd, EXP_DIR) && exp_exists(x.dirfd, EXP_OLD))
		renameat(x.dirfd, EXP_OLD, x.dirfd, EXP_DIR);
	if (exp_rm_tree(dir, EXP_NEW) < 0 || exp_rm_tree(dir, EXP_OLD) < 0) {
		exp_errno_msg(err, errlen, dir, "清理上次没写完的导出", errno);
		goto out;
	}
	if (exp_build(&x, db, cfg, dir, now, today, err, errlen) < 0)
		goto fail;
	close(x.appfd);
	close(x.consfd);
	close(x.newfd);
	x.appfd = x.consfd = x.newfd = -1;
	if (exp_swap(x.dirfd) < 0 || exp_sync(x.dirfd) < 0) {
		exp_errno_msg(err, errlen, dir, "换上新的导出文件夹", errno);
		goto fail;
	}
	/* The old export is no longer needed; failing to remove it loses
	 * nothing (the next export clears it). */
	exp_rm_tree(dir, EXP_NEW);
	exp_rm_tree(dir, EXP_OLD);
	exp_sync(x.dirfd);
	res->applications = x.n;
	res->consultations = x.nc;
	snprintf(res->path, sizeof res->path, "%s/%s", dir, EXP_DIR);
	if (db_apply_mark_exported(db, now, dberr, sizeof dberr) < 0 ||
	    db_consult_mark_exported(db, now, dberr, sizeof dberr) < 0) {
		util_errf(err, errlen, "导出已完整写到 %s，但无法在数据库里记下导出时间（%s）："
			  "导出可以使用，请检查数据库文件后再导出一次", res->path, dberr);
		goto out;
	}
	rc = 0;
	goto out;
fail:
	if (x.appfd >= 0)
		close(x.appfd);
	if (x.consfd >= 0)
		close(x.consfd);
	if (x.newfd >= 0)
		close(x.newfd);
	x.appfd = x.consfd = x.newfd = -1;
	exp_rm_tree(dir, EXP_NEW);
out:
	if (x.appfd >= 0)
		close(x.appfd);
	if (x.consfd >= 0)
		close(x.consfd);
	if (x.newfd >= 0)
		close(x.newfd);
	close(x.dirfd);
	sbuf_free(&x.manifest);
	sbuf_free(&x.tsv);
	sbuf_free(&x.csums);
	sbuf_free(&x.ctsv);
	return rc;
}
