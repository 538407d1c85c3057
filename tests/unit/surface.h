/*
 * surface.h - for the widget tests (test_field, test_form): the kiosk drawn
 * off-screen (tui/offscreen.h) over an empty database, with the real input
 * method when it starts. Included by one test file each; the globals are
 * that file's.
 */
#ifndef GK_TEST_SURFACE_H
#define GK_TEST_SURFACE_H

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "db/db.h"
#include "kiosk/config.h"
#include "kiosk/ime.h"
#include "tui/offscreen.h"
#include "tui/tui.h"

static struct tui_offscreen *off; /* the surface */
static struct tui *T;             /* its session, for the widget calls */
static struct ime *ime;           /* NULL when librime could not start */
static struct db *surface_db;
static struct config surface_cfg;
static char surface_dir[] = "/tmp/gk-test-surface.XXXXXX";

/* Opens an 80x24 surface; returns 0, or -1 after printing a FAIL line. */
static int surface_open(void)
{
	char path[96], rime[96], err[256];

	setlocale(LC_ALL, "C.UTF-8"); /* curses reads cells back as wide characters */
	if (!mkdtemp(surface_dir)) {
		printf("FAIL: mkdtemp\n");
		return -1;
	}
	snprintf(path, sizeof path, "%s/k.db", surface_dir);
	snprintf(rime, sizeof rime, "%s/rime", surface_dir);
	config_defaults(&surface_cfg);
	if (db_open(path, DB_READWRITE, &surface_db, err, sizeof err) < 0) {
		printf("FAIL: db_open: %s\n", err);
		return -1;
	}
	if (ime_open(&ime, NULL, rime, err, sizeof err) < 0) {
		printf("  ime_open: %s (direct input only)\n", err);
		ime = NULL;
	}
	off = tui_offscreen_open(surface_db, &surface_cfg, ime, TUI_THEME_MONO, 24, 80, err, sizeof err);
	if (!off) {
		printf("FAIL: offscreen: %s\n", err);
		return -1;
	}
	T = tui_offscreen_tui(off);
	return 0;
}

/* Closes the surface and removes its folder. */
static void surface_close(void)
{
	char cmd[160];

	tui_offscreen_close(off);
	ime_close(ime);
	db_close(surface_db);
	config_free(&surface_cfg);
	snprintf(cmd, sizeof cmd, "rm -rf %s", surface_dir);
	if (system(cmd) != 0)
		printf("  could not remove %s\n", surface_dir);
}

#endif
