/*
 * screen_subsidy.h - what the 补贴公示 screens share (only tui/screen_subsidy*.c
 * include this): how one screen tells the next where it is, the names the
 * search matches, and the cells every subsidy table draws.
 *
 * The screens:
 *  - tui_subsidy_ops (screen_subsidy.c): a menu, one level per screen:
 *    programs (arg NULL, the home entry), a program's years and batches, a
 *    batch's townships, a township's villages;
 *  - subsidy_list_ops (screen_subsidy_list.c): a village's (or a whole
 *    township's) list, page by page, with the sums above it;
 *  - subsidy_people_ops (screen_subsidy_people.c): search results, each
 *    person with every line of theirs in the scope the search began from.
 */
#ifndef GK_TUI_SCREEN_SUBSIDY_H
#define GK_TUI_SCREEN_SUBSIDY_H

#include <stdint.h>

#include "db/subsidy.h"
#include "kiosk/util.h"
#include "printing/print.h"
#include "tui/widget.h"

/* Menu levels of tui_subsidy_ops. */
enum subsidy_level {
	SUBSIDY_PROGRAMS, /* every program (the 补贴公示 screen) */
	SUBSIDY_BATCHES,  /* one program's years and batches */
	SUBSIDY_TOWNS,    /* one batch's townships */
	SUBSIDY_VILLAGES  /* one township's villages (and its whole list) */
};

/* Where a subsidy screen is: the arg of the menu (level > PROGRAMS), list
 * and people screens. Every pointer is borrowed for the enter call only. */
struct subsidy_arg {
	int level;            /* menus: enum subsidy_level */
	const char *program;  /* set from SUBSIDY_BATCHES down */
	long long batch_id;   /* set from SUBSIDY_TOWNS down */
	const char *township; /* set from SUBSIDY_VILLAGES down */
	const char *village;  /* list: NULL = the whole township */
	const char *text;     /* people: what was typed so far ("" = nothing) */
	int first_key;        /* people: a key typed on the menu, fed to the field (0 = none) */
	const char *where;    /* people: the scope in words, for the title */
};

extern const struct tui_screen_ops subsidy_list_ops;   /* arg: struct subsidy_arg */
extern const struct tui_screen_ops subsidy_people_ops; /* arg: struct subsidy_arg */

/* Returns the distinct recipient names of the kiosk's database, read once
 * and again after an import (kept for the life of the kiosk: a county's
 * names take a tenth of a second to read, too long for every visit).
 * Returns NULL with err when they cannot be read. Borrowed. */
const struct subsidy_names *subsidy_tui_names(struct tui *t, char *err, size_t errlen);

/* Appends s fitted into cols columns, padded on the left (numbers, money). */
void subsidy_cell_right(struct sbuf *b, const char *s, int cols);

/* Writes fen as yuan ("1,234.50") into out (32 bytes). Returns out. */
char *subsidy_yuan(int64_t fen, char *out, size_t n);

/* Writes a count with thousands separators ("106,384") into out (40 bytes). */
void subsidy_count(long v, char *out, size_t n);

/* Writes a batch's year and name ("2025年 第一批", "2025年") into out. */
void subsidy_batch_label(int year, const char *batch, char *out, size_t n);

/* Writes "N 人，X 元" for a sum into out. */
void subsidy_sum_text(const struct subsidy_sum *s, char *out, size_t n);

/* Returns "再输入一个字" while a search's query is too short to search by,
 * else NULL. */
const char *subsidy_search_warn(const struct tui_search *s);

/* Label/value lines above a printed table. */
#define SUBSIDY_PRINT_META 8

/* What a subsidy screen hands the print dialog (screen_subsidy_print.c). It
 * lives in the screen's state, since the dialog reads it while it is open;
 * empty it with subsidy_print_free when the screen closes. */
struct subsidy_print {
	struct db *db;
	const char *kiosk_name;
	struct subsidy_scope scope;          /* the list's (pointers borrowed) */
	struct subsidy_query q;
	int filtered;
	const struct subsidy_page *page;     /* the rows on screen */
	const struct subsidy_person *person; /* the villager whose lines print */
	struct subsidy_page buf;             /* rows being streamed to the printout */
	long buf_start;                      /* index of buf's first row */
	char seq[128];
	char *title, *labels[2], *meta_text[SUBSIDY_PRINT_META];
	struct print_pair meta[SUBSIDY_PRINT_META];
	int nmeta;
	struct tui_print_choice choices[2];
};

/* A list to print: everything borrowed for the call (and, through the
 * screen's state, while the dialog is open). */
struct subsidy_print_list {
	const struct subsidy_scope *scope;
	const struct subsidy_query *q;  /* the search narrowing it, NULL = none */
	const char *text;               /* the search text as typed */
	const char *program, *batch;
	int year;
	const struct subsidy_sum *sum;  /* rows and money of the whole list */
	const struct subsidy_page *page; /* the rows on screen */
};

/* Opens the print dialog for a list: the whole list (streamed from the
 * database) or the rows on screen. Returns TUI_* bits. */
int subsidy_print_list(struct tui *t, struct subsidy_print *p, const struct subsidy_print_list *a);

/* Opens the print dialog for one villager's lines (x borrowed, and must
 * stay while the dialog is open); where is the search's scope in words.
 * Returns TUI_* bits. */
int subsidy_print_person(struct tui *t, struct subsidy_print *p, const struct subsidy_person *x,
			 const char *where);

/* Frees what the last printout held. */
void subsidy_print_free(struct subsidy_print *p);


#endif
