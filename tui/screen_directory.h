/*
 * screen_directory.h - 公共服务名录 (screen_directory.c): the schools,
 * clinics, water, power, bus and police of each township, from the
 * bundle's directory.csv. Three screens: the townships with their counts
 * (and a search over every township), one township's units by category,
 * and one unit with every field.
 */
#ifndef GK_TUI_SCREEN_DIRECTORY_H
#define GK_TUI_SCREEN_DIRECTORY_H

#include "tui/tui_internal.h"

/* The arg of tui_directory_unit_ops: the unit to show. */
struct tui_directory_unit_arg {
	long long id;
};

extern const struct tui_screen_ops tui_directory_ops;      /* arg: const char *search text, or NULL */
extern const struct tui_screen_ops tui_directory_town_ops; /* arg: const char *township */
extern const struct tui_screen_ops tui_directory_unit_ops; /* arg: struct tui_directory_unit_arg */

/* Counts the units of the kiosk's directory (0 when it has none or the
 * database cannot say), for the entries that lead to it. */
long tui_directory_count(struct tui *t);

#endif
