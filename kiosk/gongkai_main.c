/*
 * gongkai_main.c - the kiosk program:
 *
 *   gongkai [--config FILE] [--db FILE] [--theme default|contrast|mono]
 *
 * Reads the configuration (default /etc/gongkai/kiosk.conf), opens the
 * database (--db overrides [kiosk] database) and runs the full-screen
 * interface until SIGTERM. Exit status: 0 stopped, 2 wrong usage, 3 the
 * configuration, database or terminal could not be used.
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "kiosk/config.h"
#include "kiosk/util.h"
#include "tui/tui.h"

/* Prints the usage line. */
static int usage(void)
{
	fputs("usage: gongkai [--config FILE] [--db FILE] [--theme default|contrast|mono]\n", stderr);
	return GK_EXIT_USAGE;
}

/* Starts the kiosk. */
int main(int argc, char **argv)
{
	const char *config_path = NULL, *db_path = NULL, *theme_name = NULL;
	struct config cfg;
	struct db *db;
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
	rc = tui_run(db, &cfg, theme, err, sizeof err);
	db_close(db);
	config_free(&cfg);
	if (rc < 0) {
		fprintf(stderr, "gongkai: %s\n", err);
		return GK_EXIT_ENV;
	}
	return GK_EXIT_OK;
}
