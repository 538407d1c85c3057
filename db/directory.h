/*
 * directory.h - the directory of public services (公共服务名录): schools,
 * clinics (卫生院), water, power, buses, police stations and service
 * centres of each township, with their address, hours and public phone.
 * A bundle's directory.csv replaces it whole (the table of migration 6);
 * the kiosk lists it by township and searches it.
 *
 * Functions return 0, or -1 with err filled; strings in results are owned
 * by the result and freed by its _free function.
 */
#ifndef GK_DIRECTORY_H
#define GK_DIRECTORY_H

#include <stddef.h>

#include "db/db.h"

/* One unit of the directory. */
struct directory_unit {
	long long id;
	char *township; /* 乡镇 (街道) */
	char *name;     /* 名称 */
	char *category; /* 类别 */
	char *address;  /* 地址 */
	char *hours;    /* 办公时间, "" = not given */
	char *phone;    /* 电话, "" = not given */
	char *note;     /* 备注, "" = none */
};

/* A township and how many units it has. */
struct directory_town {
	char *township;
	long units;
};

/* What directory_add stores (strings borrowed for the call). */
struct directory_entry {
	const char *township, *name, *category, *address, *hours, *phone, *note;
	const char *name_py; /* pinyin initials of the name (pinyin_initials_key) */
};

/* Removes every unit (a bundle's directory.csv replaces the directory). */
int directory_clear(struct db *db, char *err, size_t errlen);

/* Adds one unit; inside the importer's transaction. */
int directory_add(struct db *db, const struct directory_entry *e, char *err, size_t errlen);

/* Counts the units of the whole directory into *n (0: the kiosk has none). */
int directory_count(struct db *db, long *n, char *err, size_t errlen);

/* Lists the townships with their number of units, by township name.
 * *out is an array of *n (caller frees with directory_towns_free). */
int directory_towns(struct db *db, struct directory_town **out, int *n, char *err,
		    size_t errlen);
/* Frees a township list. */
void directory_towns_free(struct directory_town *t, int n);

/* Lists the units of a township, by category then name; category NULL or
 * "" means every category. *out is an array of *n (caller frees with
 * directory_units_free). */
int directory_units(struct db *db, const char *township, const char *category,
		    struct directory_unit **out, int *n, char *err, size_t errlen);

/* Searches the name, category, address and township for what a user typed
 * (each word as a phrase, any two adjacent characters; ASCII letters alone
 * also match the name's pinyin initials), best first: the name holding the
 * text as typed, then the category, then the township, then the rest by
 * bm25 with the name weighted highest. township NULL or "" searches every
 * township. At most limit units. */
int directory_search(struct db *db, const char *text, const char *township, int limit,
		     struct directory_unit **out, int *n, char *err, size_t errlen);

/* Frees an array of units. */
void directory_units_free(struct directory_unit *u, int n);

/* Reads the unit with this id into *out (caller clears it with
 * directory_unit_clear). Returns 0, 1 when there is no such unit, or -1. */
int directory_get(struct db *db, long long id, struct directory_unit *out, char *err,
		  size_t errlen);
/* Frees a unit's strings. */
void directory_unit_clear(struct directory_unit *u);

#endif
