/*
 * test_ime.c - the kiosk's input method on the real librime and Debian's
 * data: pinyin and names, strokes to Ext-B, the keys' meanings, partial
 * selection, nothing on stderr and nothing learnt on disk.
 */
#include "kiosk/ime.h"
#include "tests/unit/check.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/util.h"
#include "tests/unit/common_names.inc"

static struct ime *ime;
static char dir[] = "/tmp/gk-test-ime.XXXXXX";
static char user_dir[64];

/* Types letters, one key each; returns the last result. */
static int type(const char *keys)
{
	int r = IME_IGNORED;

	for (; *keys; keys++)
		r = ime_key(ime, (unsigned char)*keys);
	return r;
}

/* Returns the index of want on the current page, or -1. */
static int on_page(const char *want)
{
	struct ime_view v;
	int i;

	ime_view(ime, &v);
	for (i = 0; i < v.ncand; i++)
		if (!strcmp(v.cand[i], want))
			return i;
	return -1;
}

/* Returns 1 when want is among the first nine after typing letters. */
static int first_nine(int ctx, const char *letters, const char *want)
{
	int i;

	ime_set_context(ime, ctx);
	type(letters);
	i = on_page(want);
	ime_reset(ime);
	return i >= 0;
}

/* Pages forward until want shows; returns its page, or -1. */
static int page_to(const char *want, int *multi)
{
	struct ime_view v;
	int page;

	for (page = 0; page < 400; page++) {
		int i;

		ime_view(ime, &v);
		for (i = 0; i < v.ncand; i++) {
			if (strlen(v.cand[i]) > 4)
				(*multi)++;
			if (!strcmp(v.cand[i], want))
				return v.page;
		}
		if (v.last_page)
			return -1;
		ime_key(ime, IME_KEY_PGDN);
	}
	return -1;
}

/* Pinyin in text context: the dictionary's order, 王芳 among nine. */
static void test_pinyin_text(void)
{
	struct ime_view v;

	CHECK_INT(ime_mode(ime), IME_PINYIN);
	CHECK_STR(ime_mode_name(IME_STROKE), "笔画");
	CHECK(first_nine(IME_CTX_TEXT, "wangfang", "王芳"));
	type("lixiuying");
	ime_view(ime, &v);
	CHECK_INT(v.composing, 1);
	CHECK_STR(v.input, "lixiuying");
	CHECK_STR(v.preedit, "li xiu ying");
	CHECK_INT(v.ncand, IME_PAGE_SIZE);
	CHECK_INT(v.page, 0);
	CHECK_INT(v.last_page, 0);
	CHECK_INT(v.highlighted, 0);
	/* Initials only. */
	ime_reset(ime);
	type("lxy");
	ime_view(ime, &v);
	CHECK(v.ncand > 0);
	ime_reset(ime);
}

/* Name context: whole names first. */
static void test_names_first(void)
{
	struct ime_view v;

	CHECK(first_nine(IME_CTX_NAME, "lixiuying", "李秀英"));
	CHECK(first_nine(IME_CTX_NAME, "zhangxiulan", "张秀兰"));
	ime_set_context(ime, IME_CTX_NAME);
	type("lixiuying");
	ime_view(ime, &v);
	CHECK_STR(v.cand[0], "李秀英");
	ime_key(ime, ' ');
	CHECK_STR(ime_commit(ime), "李秀英");
	ime_set_context(ime, IME_CTX_TEXT);
}

/* 220 common full names in the first nine in name context. */
static void test_common_names(void)
{
	size_t i, ok = 0, n = sizeof common_names / sizeof common_names[0];

	for (i = 0; i < n; i++) {
		if (first_nine(IME_CTX_NAME, common_names[i].pinyin, common_names[i].name))
			ok++;
		else
			printf("  not in the first nine: %s (%s)\n", common_names[i].name,
			       common_names[i].pinyin);
	}
	printf("  %zu of %zu common names in the first nine\n", ok, n);
	CHECK_INT(ok, n);
	ime_set_context(ime, IME_CTX_TEXT);
}

/* Keys: digits and space select, Backspace, Esc and Enter. */
static void test_pinyin_keys(void)
{
	struct ime_view v;

	/* Nothing composed: these keys are the field's. */
	CHECK_INT(ime_key(ime, '1'), IME_IGNORED);
	CHECK_INT(ime_key(ime, ' '), IME_IGNORED);
	CHECK_INT(ime_key(ime, IME_KEY_BACKSPACE), IME_IGNORED);
	CHECK_INT(ime_key(ime, IME_KEY_ESC), IME_IGNORED);
	CHECK_INT(ime_key(ime, IME_KEY_ENTER), IME_IGNORED);
	CHECK_INT(ime_key(ime, '-'), IME_IGNORED);
	CHECK_INT(ime_key(ime, 'A'), IME_IGNORED);

	CHECK_INT(type("wangfang"), IME_CONSUMED);
	CHECK_INT(ime_key(ime, IME_KEY_BACKSPACE), IME_CONSUMED);
	ime_view(ime, &v);
	CHECK_STR(v.input, "wangfan");
	CHECK_INT(ime_key(ime, 'g'), IME_CONSUMED);
	CHECK_INT(ime_key(ime, IME_KEY_ESC), IME_CONSUMED);
	ime_view(ime, &v);
	CHECK_INT(v.composing, 0);
	CHECK_INT(ime_key(ime, IME_KEY_BACKSPACE), IME_IGNORED);

	/* Enter commits the letters as typed. */
	type("wangfang");
	CHECK_INT(ime_key(ime, IME_KEY_ENTER), IME_COMMITTED);
	CHECK_STR(ime_commit(ime), "wangfang");
	ime_view(ime, &v);
	CHECK_INT(v.composing, 0);

	/* A digit takes that candidate; Space the highlighted one. */
	type("wangfang");
	ime_view(ime, &v);
	{
		char want[IME_CAND_MAX];

		snprintf(want, sizeof want, "%s", v.cand[0]);
		CHECK_INT(ime_key(ime, '1'), IME_COMMITTED);
		CHECK_STR(ime_commit(ime), want);
	}
	type("wangfang");
	ime_view(ime, &v);
	{
		char want[IME_CAND_MAX];

		snprintf(want, sizeof want, "%s", v.cand[0]);
		CHECK_INT(ime_key(ime, ' '), IME_COMMITTED);
		CHECK_STR(ime_commit(ime), want);
	}
	/* Paging with = and -, PgDn and PgUp. */
	type("li");
	CHECK_INT(ime_key(ime, '='), IME_CONSUMED);
	ime_view(ime, &v);
	CHECK_INT(v.page, 1);
	CHECK_INT(ime_key(ime, IME_KEY_PGDN), IME_CONSUMED);
	ime_view(ime, &v);
	CHECK_INT(v.page, 2);
	ime_key(ime, '-');
	ime_key(ime, IME_KEY_PGUP);
	ime_key(ime, IME_KEY_PGUP);
	ime_view(ime, &v);
	CHECK_INT(v.page, 0);
	/* Other keys while composing are swallowed. */
	CHECK_INT(ime_key(ime, ','), IME_CONSUMED);
	ime_view(ime, &v);
	CHECK_STR(v.input, "li");
	/* ime_select: a click. */
	CHECK_INT(ime_select(ime, 12), IME_IGNORED);
	CHECK_INT(ime_select(ime, 0), IME_COMMITTED);
	CHECK(strlen(ime_commit(ime)) > 0);
	ime_reset(ime);
	CHECK_STR(ime_commit(ime), "");
}

/* Taking a part leaves the rest composing; the commit comes at the end. */
static void test_partial(void)
{
	struct ime_view v;
	int i;

	/* rime's own single character. */
	type("lixiuying");
	i = on_page("李");
	CHECK(i >= 0);
	if (i >= 0) {
		CHECK_INT(ime_key(ime, '1' + i), IME_CONSUMED);
		ime_view(ime, &v);
		CHECK_INT(v.composing, 1);
		CHECK(!strncmp(v.preedit, "李", strlen("李")));
		CHECK(strstr(v.preedit, "xiu") != NULL);
		CHECK_STR(v.input, "lixiuying");
		CHECK_INT(ime_key(ime, ' '), IME_COMMITTED);
		CHECK(!strncmp(ime_commit(ime), "李", strlen("李")));
		CHECK(strlen(ime_commit(ime)) > strlen("李"));
	}
	/* The surname alone among the names: then given names for the rest. */
	ime_set_context(ime, IME_CTX_NAME);
	type("lixiuying");
	i = on_page("李");
	CHECK(i >= 0 && i < 6);
	if (i >= 0) {
		CHECK_INT(ime_select(ime, i), IME_CONSUMED);
		ime_view(ime, &v);
		CHECK_STR(v.preedit, "李xiu ying");
		CHECK_STR(v.input, "lixiuying");
		CHECK_STR(v.cand[0], "秀英");
		/* Backspace erases letters, then gives the surname back. */
		for (i = 0; i < 7; i++)
			CHECK_INT(ime_key(ime, IME_KEY_BACKSPACE), IME_CONSUMED);
		ime_view(ime, &v);
		CHECK_INT(v.composing, 1);
		CHECK_STR(v.preedit, "李");
		CHECK_INT(ime_key(ime, IME_KEY_BACKSPACE), IME_CONSUMED);
		ime_view(ime, &v);
		CHECK_STR(v.input, "li");
		CHECK_STR(v.preedit, "li");
		type("xiuying");
		i = on_page("李");
		CHECK(i >= 0);
		ime_select(ime, i);
		CHECK_INT(ime_key(ime, '1'), IME_COMMITTED);
		CHECK_STR(ime_commit(ime), "李秀英");
	}
	/* Enter after a partial choice still commits the letters typed. */
	type("lixiuying");
	i = on_page("李");
	if (i >= 0)
		ime_select(ime, i);
	CHECK_INT(ime_key(ime, IME_KEY_ENTER), IME_COMMITTED);
	CHECK_STR(ime_commit(ime), "lixiuying");
	ime_set_context(ime, IME_CTX_TEXT);
}

/* Strokes: 1-5 or h s p n z, single characters, Ext-A and Ext-B. */
static void test_stroke(void)
{
	struct ime_view v;
	int multi = 0, i;

	ime_set_mode(ime, IME_STROKE);
	CHECK_INT(ime_mode(ime), IME_STROKE);
	CHECK_INT(ime_key(ime, '6'), IME_IGNORED);
	CHECK_INT(type("1121"), IME_CONSUMED);
	ime_view(ime, &v);
	CHECK_STR(v.preedit, "一一丨一");
	CHECK_STR(v.input, "1121");
	CHECK(on_page("王") >= 0);
	CHECK_INT(ime_key(ime, '6'), IME_CONSUMED);   /* 6-9 do nothing while composing */
	ime_view(ime, &v);
	CHECK_STR(v.input, "1121");
	for (i = 0; i < v.ncand; i++)
		CHECK(strlen(v.cand[i]) <= 4);
	/* Right moves the highlight, Enter takes it. */
	CHECK_INT(ime_key(ime, IME_KEY_RIGHT), IME_CONSUMED);
	ime_view(ime, &v);
	CHECK_INT(v.highlighted, 1);
	{
		char want[IME_CAND_MAX];

		snprintf(want, sizeof want, "%s", v.cand[1]);
		CHECK_INT(ime_key(ime, IME_KEY_ENTER), IME_COMMITTED);
		CHECK_STR(ime_commit(ime), want);
	}
	/* Common characters come before rare ones: after 12225 (艹 and a
	 * stroke) 英 and 草 are on the first page, before 芇 芮 𫇪 䒣. */
	type("12225");
	CHECK(on_page("英") >= 0);
	CHECK(on_page("草") >= 0);
	CHECK(on_page("𫇪") < 0);
	ime_reset(ime);
	/* The full code typed comes first: 121251 is 吉, then 𠮷. */
	type("121251");
	CHECK_INT(on_page("吉"), 0);
	ime_reset(ime);
	/* Letters work too. */
	type("hhsh");
	CHECK(on_page("王") >= 0);
	CHECK(on_page("欢呼声") < 0 && on_page("歡呼聲") < 0);
	ime_reset(ime);
	/* 𠮷 U+20BB7 (hshszh: 121251) and 䶮 U+4DAE (hpznphhpn) within the pages. */
	type("121251");
	i = page_to("𠮷", &multi);
	printf("  𠮷 on page %d\n", i + 1);
	CHECK(i >= 0);
	ime_reset(ime);
	type("hpznphhpn");
	i = page_to("䶮", &multi);
	printf("  䶮 on page %d\n", i + 1);
	CHECK(i >= 0);
	ime_reset(ime);
	/* Never a phrase, on any page of a short code. */
	type("hh");
	page_to("(none)", &multi);
	CHECK_INT(multi, 0);
	ime_reset(ime);
	/* Simplified output: 門's strokes give 门, never 門. */
	type("25112511");
	CHECK(on_page("門") < 0);
	ime_reset(ime);
	ime_set_mode(ime, IME_PINYIN);
}

/* Direct mode leaves every key to the field. */
static void test_direct(void)
{
	ime_set_mode(ime, IME_DIRECT);
	CHECK_INT(ime_key(ime, 'a'), IME_IGNORED);
	CHECK_INT(ime_key(ime, '1'), IME_IGNORED);
	CHECK_INT(ime_key(ime, IME_KEY_BACKSPACE), IME_IGNORED);
	CHECK_INT(ime_select(ime, 0), IME_IGNORED);
	ime_set_mode(ime, IME_PINYIN);
	CHECK_INT(ime_key(ime, 'a'), IME_CONSUMED);
	ime_reset(ime);
}

/* Set to 1 when a file under the user folder holds the needle. */
static int found_learnt;
static const char *needle;

/* Looks for the needle in one file (nftw callback). */
static int grep_file(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	char *buf = NULL, e[64];
	size_t len = 0;

	(void)st; (void)ftw;
	if (flag != FTW_F)
		return 0;
	if (util_read_file(path, 64 << 20, &buf, &len, e, sizeof e) == 0) {
		if (memmem(buf, len, needle, strlen(needle)))
			found_learnt = 1;
		if (strstr(path, ".userdb"))
			found_learnt = 1;
	}
	free(buf);
	return 0;
}

/* Nothing typed is written anywhere. */
static void test_no_learning(void)
{
	int i;

	ime_set_context(ime, IME_CTX_NAME);
	for (i = 0; i < 3; i++) {
		type("lixiuying");
		ime_key(ime, ' ');
		type("zhangxiulan");
		ime_key(ime, '1');
	}
	ime_set_context(ime, IME_CTX_TEXT);
	type("lixiuying");
	ime_key(ime, '1');
	needle = "李秀英";
	nftw(user_dir, grep_file, 16, FTW_PHYS);
	CHECK_INT(found_learnt, 0);
	needle = "张秀兰";
	nftw(user_dir, grep_file, 16, FTW_PHYS);
	CHECK_INT(found_learnt, 0);
}

/* A second open of the same folder deploys nothing and works; a NULL
 * folder is temporary and removed. */
static void test_reopen(void)
{
	struct ime *m2;
	char err[256];

	ime_close(ime);
	ime = NULL;
	CHECK_INT(ime_open(&m2, NULL, NULL, err, sizeof err), 0);
	if (m2) {
		ime = m2;
		CHECK(first_nine(IME_CTX_TEXT, "wangfang", "王芳"));
		ime_close(ime);
	}
	CHECK_INT(ime_open(&ime, NULL, user_dir, err, sizeof err), 0);
	if (ime)
		CHECK(first_nine(IME_CTX_NAME, "lixiuying", "李秀英"));
	{
		struct ime *m3;

		CHECK_INT(ime_open(&m3, NULL, user_dir, err, sizeof err), -1); /* one at a time */
		CHECK(m3 == NULL);
	}
}

/* Runs the tests with stderr caught: librime must write nothing there. */
int main(void)
{
	char err[256], errpath[96];
	int errfd, saved;
	struct stat st;

	if (!mkdtemp(dir))
		return 3;
	snprintf(user_dir, sizeof user_dir, "%s/rime", dir); /* made by ime_open */
	snprintf(errpath, sizeof errpath, "%s/stderr", dir);
	fflush(stderr);
	saved = dup(2);
	errfd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(errfd, 2);
	close(errfd);

	if (ime_open(&ime, NULL, user_dir, err, sizeof err) != 0) {
		printf("FAIL: ime_open: %s\n", err);
		return 1;
	}
	TEST(test_pinyin_text);
	TEST(test_names_first);
	TEST(test_common_names);
	TEST(test_pinyin_keys);
	TEST(test_partial);
	TEST(test_stroke);
	TEST(test_direct);
	TEST(test_no_learning);
	TEST(test_reopen);
	ime_close(ime);

	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	check_failed_in_test = 0;
	CHECK(stat(errpath, &st) == 0 && st.st_size == 0);
	if (st.st_size) {
		char cmd[160];

		snprintf(cmd, sizeof cmd, "head -c 2000 %s", errpath);
		if (system(cmd) != 0)
			printf("  (could not show %s)\n", errpath);
	}
	printf("%s: stderr_empty\n", check_failed_in_test ? "FAIL" : "PASS");
	check_total_failed += check_failed_in_test;
	{
		char cmd[160];

		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		if (system(cmd) != 0)
			return 3;
	}
	return CHECK_EXIT();
}
