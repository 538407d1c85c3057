/*
 * test_doc.c - the one parse of a document body that the screen and the
 * printout share (kiosk/doc.h): paragraphs, gaps, levels, tables, the
 * first-line indent of body text, the salutation and the 落款.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kiosk/doc.h"

static int para_is(const struct doc_block *b, const char *text)
{
	return b->kind == DOC_PARA && b->len == strlen(text) && memcmp(b->text, text, b->len) == 0;
}

static void test_blocks(void)
{
	struct doc d;

	doc_parse("\n\n各乡镇人民政府、街道办事处，县政府各部门：\n"
		  "现将有关事项通知如下。 \t\n\n\n"
		  "\t一、总体要求\n"
		  "乡镇\t户数\t金额\n"
		  "东乡街道\t 3126 \t1036312.39\n"
		  "合计\t3126\n"
		  "　　已经缩进的段落。\n"
		  "宣汉县人民政府办公室\n"
		  "2026年10月9日\n", &d);
	CHECK_INT(d.n, 7);
	CHECK(para_is(&d.blocks[0], "各乡镇人民政府、街道办事处，县政府各部门："));
	CHECK(d.blocks[0].gap);            /* blank lines before the first block */
	CHECK(!d.blocks[0].body_indent);   /* a salutation stays flush left */
	CHECK(para_is(&d.blocks[1], "现将有关事项通知如下。"));
	CHECK(!d.blocks[1].gap && d.blocks[1].body_indent);
	CHECK(para_is(&d.blocks[2], "一、总体要求"));
	CHECK(d.blocks[2].gap && d.blocks[2].level == 1);
	CHECK_INT(d.blocks[3].kind, DOC_TABLE);
	CHECK_INT(d.blocks[3].nrows, 3);
	CHECK_INT(d.blocks[3].ncols, 3);
	CHECK_INT(d.blocks[3].rows[1].cells[1].n, 4); /* "3126", trimmed */
	CHECK(memcmp(d.blocks[3].rows[1].cells[1].s, "3126", 4) == 0);
	CHECK_INT(d.blocks[3].rows[2].ncells, 2);
	CHECK(!d.blocks[4].body_indent);   /* already starts with U+3000 */
	CHECK(d.blocks[5].sign && d.blocks[6].sign);
	CHECK(!d.blocks[5].body_indent && !d.blocks[4].sign);
	doc_free(&d);
}

static void test_sign_needs_a_date(void)
{
	struct doc d;

	doc_parse("正文。\n宣汉县人民政府办公室\n联系电话：0818-5216703\n", &d);
	for (int i = 0; i < d.n; i++)
		CHECK(!d.blocks[i].sign);
	doc_free(&d);
	/* a phone line above the issuer is not part of the 落款 */
	doc_parse("正文。\n监督电话：0818-5216703\n宣汉县东乡街道办事处\n2026年10月9日\n", &d);
	CHECK_INT(d.n, 4);
	CHECK(!d.blocks[1].sign && d.blocks[2].sign && d.blocks[3].sign);
	doc_free(&d);
}

static void test_many_cells(void)
{
	struct doc d;
	char line[256] = "";

	for (int i = 0; i < 20; i++)
		strcat(line, i ? "\tc" : "c");
	doc_parse(line, &d);
	CHECK_INT(d.n, 1);
	CHECK_INT(d.blocks[0].ncols, DOC_MAX_COLS);
	/* the last cell keeps the rest of the line */
	CHECK_INT(d.blocks[0].rows[0].cells[DOC_MAX_COLS - 1].n, 9);
	doc_free(&d);
	doc_parse(NULL, &d);
	CHECK_INT(d.n, 0);
	doc_free(&d);
}

static void test_book_title(void)
{
	char *s;

	s = doc_book_title("关于印发《政务公开工作要点》的通知");
	CHECK_STR(s, "《关于印发〈政务公开工作要点〉的通知》");
	free(s);
	s = doc_book_title("《宣汉县城乡居民基本养老保险实施办法》");
	CHECK_STR(s, "《宣汉县城乡居民基本养老保险实施办法》");
	free(s);
	s = doc_book_title("《甲》和《乙》");
	CHECK_STR(s, "《〈甲〉和〈乙〉》");
	free(s);
	s = doc_book_title("补贴名单 2025年");
	CHECK_STR(s, "《补贴名单 2025年》");
	free(s);
	s = doc_book_title(NULL);
	CHECK_STR(s, "《》");
	free(s);
}

int main(void)
{
	TEST(test_book_title);
	TEST(test_blocks);
	TEST(test_sign_needs_a_date);
	TEST(test_many_cells);
	return CHECK_EXIT();
}
