/*
 * test_layout_corpus.c - the reader's layout over every real document in
 * assets/corpus/ at several widths: no line wider than the window, no
 * continued line starting with closing punctuation or a line ending with an
 * opening bracket inside a paragraph, and every character of the source on
 * the pages (as many times as in the source).
 */
#include <dirent.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/layout.h"
#include "kiosk/util.h"
#include "kiosk/width.h"
#include "tests/unit/check.h"

#define CORPUS "assets/corpus"
#define NCP 0x110000

/* Returns 1 for characters the layout may drop or add as spacing. */
static int is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000;
}

/* Adds (sign +1) or removes (-1) each non-space character of s to counts. */
static void tally(int *counts, const char *s, int sign)
{
	size_t n = strlen(s), i = 0;

	while (i < n) {
		uint32_t cp;

		i += (size_t)width_decode(s + i, n - i, &cp);
		if (!is_space(cp))
			counts[cp] += sign;
	}
}

/* Returns the first non-space code point of s, or 0. */
static uint32_t first_cp(const char *s)
{
	size_t n = strlen(s), i = 0;

	while (i < n) {
		uint32_t cp;

		i += (size_t)width_decode(s + i, n - i, &cp);
		if (!is_space(cp))
			return cp;
	}
	return 0;
}

/* Returns the last code point of s, or 0. */
static uint32_t last_cp(const char *s)
{
	size_t n = strlen(s), i = 0;
	uint32_t cp = 0, last = 0;

	while (i < n) {
		i += (size_t)width_decode(s + i, n - i, &cp);
		last = cp;
	}
	return last;
}

static int files_seen;

/* Lays out one document at one width and checks every rule. */
static void check_doc(const char *name, const char *text, int cols, int *counts)
{
	struct layout l;
	int bad_width = 0, bad_start = 0, bad_end = 0, missing = 0;

	memset(counts, 0, NCP * sizeof *counts);
	layout_init(&l, cols);
	layout_body(&l, text);
	tally(counts, text, 1);
	for (int i = 0; i < l.n; i++) {
		const struct layout_line *ln = &l.lines[i];

		if (width_str(ln->text) > cols)
			bad_width++;
		if (ln->style == LAYOUT_RULE)
			continue;
		tally(counts, ln->text, -1);
		if (ln->style == LAYOUT_TEXT && ln->cont && width_no_line_start(first_cp(ln->text))) {
			if (!bad_start)
				printf("  %s @%d: line starts with punctuation: %s\n", name, cols, ln->text);
			bad_start++;
		}
		if (ln->style == LAYOUT_TEXT && i + 1 < l.n && l.lines[i + 1].cont &&
		    width_no_line_end(last_cp(ln->text))) {
			if (!bad_end)
				printf("  %s @%d: line ends with a bracket: %s\n", name, cols, ln->text);
			bad_end++;
		}
	}
	for (uint32_t cp = 0; cp < NCP; cp++)
		if (counts[cp] != 0) {
			if (!missing)
				printf("  %s @%d: U+%04X differs by %d\n", name, cols, (unsigned)cp, counts[cp]);
			missing++;
		}
	CHECK_INT(bad_width, 0);
	CHECK_INT(bad_start, 0);
	CHECK_INT(bad_end, 0);
	CHECK_INT(missing, 0);
	CHECK(l.n > 20);
	layout_free(&l);
}

/* Every corpus file at widths from a narrow 80x24 reader to 240 columns. */
static void corpus_layout(void)
{
	static const int widths[] = { 78, 76, 40, 23, 120, 236 };
	DIR *d = opendir(CORPUS);
	struct dirent *e;
	int *counts = xmalloc(NCP * sizeof *counts);

	CHECK(d != NULL);
	if (!d) {
		printf("  %s not found: run from the repository root\n", CORPUS);
		free(counts);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		char path[512], err[256];
		char *text = NULL;
		size_t len;

		if (!strstr(e->d_name, ".txt"))
			continue;
		snprintf(path, sizeof path, "%s/%s", CORPUS, e->d_name);
		if (util_read_file(path, 1 << 24, &text, &len, err, sizeof err) != 0) {
			printf("  %s\n", err);
			CHECK(0);
			continue;
		}
		files_seen++;
		for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++)
			check_doc(e->d_name, text, widths[w], counts);
		free(text);
	}
	closedir(d);
	free(counts);
	CHECK(files_seen >= 4);
}

/* Invalid bytes, Ext-A and mixed Latin survive the same checks. */
static void synthetic_layout(void)
{
	int *counts = xmalloc(NCP * sizeof *counts);

	check_doc("synthetic",
		  "\t王䶮同志：\n\n"
		  "　　根据《关于做好2026年度耕地地力保护补贴（第一批）发放工作的通知》（县农发〔2026〕12号），"
		  "现将有关事项通知如下：一、补贴对象为Li Xiuying等承包农户，\xff补贴标准为每亩120.50元。"
		  "二、请于11月30日前到村（社区）便民服务站核对；联系电话0818-1234567。\n"
		  "序号\t姓名\t村（社区）\t金额（元）\n1\t李秀英\t东乡村\t1,234.50\n2\t王䶮\t西河社区\t88.00\n"
		  "这是一段很长很长的文字，用来检查表格之后的段落能否正常折行，并且不会在行首出现句号。再来一句！好的。\n"
		  "\n\n\n结束。\n", 23, counts);
	free(counts);
}

/* Runs the tests. */
int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	TEST(synthetic_layout);
	TEST(corpus_layout);
	return CHECK_EXIT();
}
