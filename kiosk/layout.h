/*
 * layout.h - turning a document into screen lines of a given width.
 *
 * The reader, the guide sheet and the Q&A reader build a struct layout
 * from fields and body text, then draw its lines one per row. Wrapping
 * follows Chinese typesetting: a line may break between any two Hanzi,
 * Latin words and numbers stay whole where they fit, no line starts with
 * closing punctuation (，。、；：？！」』）》…: the character before it moves
 * down with it) and none ends with an opening bracket (「『（《). Body text
 * keeps every character of the source; tab-separated rows become a table
 * with aligned columns. Pure code without curses, so tests check it on
 * real documents.
 */
#ifndef GK_LAYOUT_H
#define GK_LAYOUT_H

#include <stddef.h>

enum layout_style {
	LAYOUT_TEXT,    /* body text */
	LAYOUT_TITLE,   /* the document's title */
	LAYOUT_FIELD,   /* a metadata line "发布机构：…"; label_cols says how much is label */
	LAYOUT_HEADING, /* a section heading such as 【办理流程】 */
	LAYOUT_TABLE,   /* one screen line of an aligned table */
	LAYOUT_LINK,    /* part of a link the reader follows with Enter */
	LAYOUT_WARN,    /* a warning such as 本文件已失效 */
	LAYOUT_RULE,    /* a separator; carries no text of the document */
	LAYOUT_BLANK    /* an empty line */
};

struct layout_line {
	char *text;          /* clean UTF-8, at most the layout's cols columns; owned */
	unsigned char style; /* enum layout_style */
	unsigned char cont;  /* 1 when the line continues the previous line's paragraph */
	short link;          /* number of the link this line belongs to, or -1 */
	int label_cols;      /* columns at the start that are a label (LAYOUT_FIELD) */
};

struct layout {
	int cols;                 /* the width every line fits in */
	struct layout_line *lines; /* owned */
	int n, cap;
};

/* Starts an empty layout for lines of at most cols columns (at least 4). */
void layout_init(struct layout *l, int cols);

/* Frees every line. The layout can be initialised again afterwards. */
void layout_free(struct layout *l);

/* Adds an empty line, unless the layout is empty or already ends with one. */
void layout_blank(struct layout *l);

/* Adds a separator line of cols "─". */
void layout_rule(struct layout *l);

/* Wraps len bytes of text as one paragraph: the first line is indented by
 * indent columns, the others by hang. link is -1 or a link number. */
void layout_para(struct layout *l, const char *text, size_t len, int indent, int hang,
		 int style, int link);

/* Adds "label：value", the label padded to label_cols columns and the value
 * wrapped under itself; on a narrow screen the value goes below the label. */
void layout_field(struct layout *l, const char *label, int label_cols, const char *value,
		  int style, int link);

/* Lays out a document body: lines become paragraphs, runs of blank lines
 * one blank line, leading tabs an indent, and consecutive lines with tabs
 * between cells a table with aligned columns. */
void layout_body(struct layout *l, const char *body);

#endif
