/*
 * gongkai_main.c - the kiosk program:
 *
 *   gongkai [--config FILE] [--db FILE] [--theme default|contrast|mono]
 *
 * Reads the configuration (default /etc/gongkai/kiosk.conf), opens the
 * database (--db overrides [kiosk] database) and runs the full-screen
 * interface until SIGTERM. The kiosk's Chinese input keeps its built
 * schemas in a folder "rime" beside the database (a folder the kiosk owns;
 * nothing typed is ever written there). Exit status: 0 stopped, 2 wrong usage, 3 the
 * configuration, database or terminal could not be used.
 */
#include <libgen.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "kiosk/config.h"
#include "kiosk/ime.h"
#include "kiosk/util.h"
#include "tui/tui.h"

/* Prints the usage line. */
static int usage(void)
{
	fputs("usage: gongkai [--config FILE] [--db FILE] [--theme default|contrast|mono]\n", stderr);
	return GK_EXIT_USAGE;
}

/* Starts the input method with its folder beside the database; NULL when
 * it cannot start (the kiosk then takes direct input only). */
static struct ime *open_ime(const char *db_path)
{
	char *copy = xstrdup(db_path), *dir, err[512];
	struct sbuf user = {0};
	struct ime *m = NULL;

	dir = dirname(copy);
	sbuf_addf(&user, "%s/rime", dir);
	if (ime_open(&m, NULL, sbuf_str(&user), err, sizeof err) < 0) {
		fprintf(stderr, "gongkai: 拼音和笔画输入不可用，只能直接输入：%s\n", err);
		m = NULL;
	}
	sbuf_free(&user);
	free(copy);
	return m;
}

/* Starts the kiosk. */
int main(int argc, char **argv)
{
	const char *config_path = NULL, *db_path = NULL, *theme_name = NULL;
	struct config cfg;
	struct db *db;
	struct ime *ime;
	char err[512];
	int theme, rc;

	setlocale(LC_ALL, "");
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
			config_path = argv[++i];
		else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			db_path = argv[++i];
		else if (strcmp(argv[i], "--theme") == 0 && i + 1 < argc)
			theme_name = argv[++i];
		else
			return usage();
	}
	theme = tui_theme_parse(theme_name);
	if (theme < 0)
		return usage();
	if (config_load(config_path, &cfg, err, sizeof err) < 0) {
		fprintf(stderr, "gongkai: %s\n", err);
		return GK_EXIT_ENV;
	}
	/* Read-write: the kiosk keeps usage and print logs in the same file. */
	if (db_open(db_path ? db_path : cfg.database, DB_READWRITE, &db, err, sizeof err) < 0) {
		fprintf(stderr, "gongkai: %s\n", err);
		config_free(&cfg);
		return GK_EXIT_ENV;
	}
	ime = open_ime(db_path ? db_path : cfg.database);
	rc = tui_run(db, &cfg, ime, theme, err, sizeof err);
	ime_close(ime);
	db_close(db);
	config_free(&cfg);
	if (rc < 0) {
		fprintf(stderr, "gongkai: %s\n", err);
		return GK_EXIT_ENV;
	}
	return GK_EXIT_OK;
}
