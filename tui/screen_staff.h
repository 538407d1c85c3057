/*
 * screen_staff.h - staff mode (工作人员, interfaces.md "Staff mode"): F10
 * asks for the staff PIN, then offers the staff menu (从U盘更新, 导出到U盘,
 * 代为填写, 导入记录, 打印机, 终端状态, 退出程序, 返回). Staff mode ends on
 * Esc at its menu, Home, and the idle wipe (which closes every screen).
 *
 * The PIN, its lock and the bundle comparison are kiosk/staff.h (no
 * curses); the database questions db/staff.h. Work that may take long (an
 * import, an export, a test page) runs on a worker thread with its own
 * database connection where it needs one; the screen polls it from its
 * tick op and keeps the session awake meanwhile.
 *
 * Every staff screen reports itself busy (the busy op), so the loop's
 * notice of changed data (an import committed by the staff's own worker)
 * waits until staff mode has ended instead of closing it under the staff:
 * the import's result stays on screen. Staff mode always opens over the
 * home screen (F10 closes the villager's screens first and takes the data
 * as seen), so nothing below it shows data that may have changed. The one
 * screen staff mode opens that is not its own, the application form of
 * 代为填写, is refused after an import in the same staff session (the
 * notice would close it): the staff leave staff mode and come back.
 */
#ifndef GK_SCREEN_STAFF_H
#define GK_SCREEN_STAFF_H

#include "tui/tui_internal.h"

/* The PIN screen, which becomes the staff menu once the PIN checks (arg:
 * none). F10 opens it over the home screen. */
extern const struct tui_screen_ops tui_staff_ops;
/* 从U盘更新: the bundles on the sticks, verify and import (arg: none). */
extern const struct tui_screen_ops tui_staff_import_ops;
/* 导出到U盘 (arg: none). */
extern const struct tui_screen_ops tui_staff_export_ops;
/* 导入记录 (arg: none). */
extern const struct tui_screen_ops tui_staff_history_ops;
/* 打印机: state, queue and a test page (arg: none). */
extern const struct tui_screen_ops tui_staff_printer_ops;
/* 终端状态 (arg: none). */
extern const struct tui_screen_ops tui_staff_status_ops;

/* Asks the event loop to stop after this turn; tui_run() then returns 0
 * and the kiosk exits with status 0 (退出程序). Defined in tui/loop.c. */
void tui_quit(struct tui *t);

/* The staff screens' busy op: always busy (see above). */
int tui_staff_busy(void *state);

/* --- work on a worker thread ---------------------------------------------- */

struct tui_staff_job;

/* Runs run(ctx) on a new thread with the asynchronous signals blocked (so
 * SIGTERM and SIGWINCH keep reaching the loop). ctx is shared: run and the
 * screen guard what they both touch themselves. Returns the job, or NULL
 * when no thread could start. */
struct tui_staff_job *tui_staff_job_start(void (*run)(void *ctx), void *ctx);
/* Returns 1 once run has returned. */
int tui_staff_job_done(struct tui_staff_job *j);
/* Waits for run to return and frees the job. NULL is fine. */
void tui_staff_job_join(struct tui_staff_job *j);

/* Returns monotonic seconds. */
double tui_staff_now(void);

/* Formats bytes for staff ("1.2 GB", "350 MB", "12 KB") into out. */
void tui_staff_bytes(long long bytes, char *out, size_t n);

/* The hints of a staff page that only shows something: Esc 返回. */
extern const struct tui_hint tui_staff_back_hints[];

#endif
