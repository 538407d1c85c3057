/*
 * screen_staff.c - the staff PIN and the staff menu (tui/screen_staff.h),
 * one screen in modes: asking for the PIN, checking it (正在核对…, drawn
 * before the slow crypto_pwhash check runs from the tick op), locked (how
 * many minutes remain), not set up (how to set a PIN), the menu, and the
 * confirmation of 退出程序. Also the worker-thread helper the other staff
 * screens share.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/staff.h"
#include "kiosk/width.h"
#include "tui/screen_staff.h"
#include "tui/widget.h"

#if defined(__has_include)
#if __has_include("tui/screen_apply.h")
#include "tui/screen_apply.h"
#define STAFF_HAVE_APPLY 1
#endif
#endif

#define STAFF_PIN_MAX 32

enum staff_mode {
	SM_PIN,      /* typing the PIN */
	SM_CHECKING, /* 正在核对… is on screen; the tick checks */
	SM_LOCKED,   /* too many wrong PINs */
	SM_NOT_SET,  /* no pin_hash */
	SM_MENU,     /* the staff menu */
	SM_CONFIRM   /* 退出程序: are you sure? */
};

/* The staff menu's entries, in order (the digit is the position + 1). */
enum staff_item { SI_IMPORT, SI_EXPORT, SI_APPLY, SI_HISTORY, SI_PRINTER, SI_STATUS, SI_EXIT, SI_BACK, SI_N };

static const struct {
	const char *label, *note;
} staff_items[SI_N] = {
	[SI_IMPORT] = { "从U盘更新", "查找U盘上的数据包，核对后导入" },
	[SI_EXPORT] = { "导出到U盘", "把本机收到的申请交给县政府办公室" },
	[SI_APPLY] = { "代为填写", "替不方便书写的群众填写申请" },
	[SI_HISTORY] = { "导入记录", "以前导入过的数据包" },
	[SI_PRINTER] = { "打印机", "打印机状态、排队的任务、打印测试页" },
	[SI_STATUS] = { "终端状态", "数据大小、最近一次导入、磁盘空间、版本" },
	[SI_EXIT] = { "退出程序", "关闭本机的查询程序" },
	[SI_BACK] = { "返回", "退出工作人员模式，回到首页" },
};

struct staff {
	enum staff_mode mode;
	struct tui_field pin;
	char note[512];        /* SM_PIN: what happened to the last PIN */
	long long locked_until; /* SM_LOCKED: unix time */
	int shown_minutes;     /* SM_LOCKED: the minutes last drawn */
	struct tui_list menu;
	long long data_version; /* db_data_version() when the menu opened */
};

/* --- worker threads ------------------------------------------------------ */

struct tui_staff_job {
	pthread_t th;
	pthread_mutex_t mu;
	int done;
	void (*run)(void *ctx);
	void *ctx;
};

/* The thread: runs the work, then says it is done. */
static void *staff_job_main(void *arg)
{
	struct tui_staff_job *j = arg;

	j->run(j->ctx);
	pthread_mutex_lock(&j->mu);
	j->done = 1;
	pthread_mutex_unlock(&j->mu);
	return NULL;
}

/* Starts run(ctx) on a thread that does not take the kiosk's signals. */
struct tui_staff_job *tui_staff_job_start(void (*run)(void *ctx), void *ctx)
{
	static const int sigs[] = { SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGWINCH,
				    SIGPIPE, SIGALRM, SIGCHLD, SIGUSR1, SIGUSR2 };
	struct tui_staff_job *j = xcalloc(1, sizeof *j);
	sigset_t block, old;
	int rc;

	pthread_mutex_init(&j->mu, NULL);
	j->run = run;
	j->ctx = ctx;
	sigemptyset(&block);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaddset(&block, sigs[i]);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	rc = pthread_create(&j->th, NULL, staff_job_main, j);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		pthread_mutex_destroy(&j->mu);
		free(j);
		return NULL;
	}
	return j;
}

/* Says whether the work has finished. */
int tui_staff_job_done(struct tui_staff_job *j)
{
	int done;

	pthread_mutex_lock(&j->mu);
	done = j->done;
	pthread_mutex_unlock(&j->mu);
	return done;
}

/* Waits for the work and frees the job. */
void tui_staff_job_join(struct tui_staff_job *j)
{
	if (!j)
		return;
	pthread_join(j->th, NULL);
	pthread_mutex_destroy(&j->mu);
	free(j);
}

/* Returns monotonic seconds. */
double tui_staff_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Formats a byte count. */
void tui_staff_bytes(long long bytes, char *out, size_t n)
{
	static const char *const unit[] = { "字节", "KB", "MB", "GB", "TB" };
	double v = (double)bytes;
	int u = 0;

	while (v >= 1024 && u < 4) {
		v /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(out, n, "%lld 字节", bytes);
	else
		snprintf(out, n, v < 10 ? "%.1f %s" : "%.0f %s", v, unit[u]);
}

/* Every staff screen is busy: see screen_staff.h. */
int tui_staff_busy(void *state)
{
	return 1;
}

const struct tui_hint tui_staff_back_hints[] = {
	{ REQ_DOWN, "滚动" }, { REQ_BACK, "返回" }, { REQ_NONE, NULL },
};

/* --- the PIN --------------------------------------------------------------- */

/* Moves to the mode the lock calls for: locked, not set up, or the PIN. */
static void staff_lock_mode(struct tui *t, struct staff *s)
{
	struct staff_pin_result r;
	char err[256] = "";
	const struct config *cfg = tui_config(t);

	staff_pin_state(tui_db(t), cfg ? cfg->pin_hash : NULL, (long long)time(NULL), &r, err,
			sizeof err);
	if (r.status == STAFF_PIN_NOT_SET) {
		s->mode = SM_NOT_SET;
	} else if (r.status == STAFF_PIN_LOCKED) {
		s->mode = SM_LOCKED;
		s->locked_until = (long long)time(NULL) + r.seconds_left;
		s->shown_minutes = staff_lock_minutes(r.seconds_left);
	} else {
		if (r.status == STAFF_PIN_ERROR)
			snprintf(s->note, sizeof s->note, "无法读取 PIN 的记录：%s", err);
		s->mode = SM_PIN;
		tui_field_focus(t, &s->pin);
	}
}

/* Opens staff mode at the PIN (or the lock). */
static int staff_enter(struct tui *t, void **state, const void *arg, char *err, size_t errlen)
{
	struct staff *s = xcalloc(1, sizeof *s);

	tui_field_init(&s->pin, TUI_FIELD_PIN, STAFF_PIN_MAX);
	s->menu.n = SI_N;
	s->menu.rh = 1;
	staff_lock_mode(t, s);
	*state = s;
	return 0;
}

/* Frees the state, wiping the PIN. */
static void staff_leave(struct tui *t, void *state)
{
	struct staff *s = state;

	tui_field_blur(t, &s->pin);
	tui_field_free(&s->pin);
	free(s);
}

/* Checks the PIN typed (slow: crypto_pwhash). */
static void staff_check(struct tui *t, struct staff *s)
{
	struct staff_pin_result r;
	char err[256] = "";
	const struct config *cfg = tui_config(t);

	staff_pin_attempt(tui_db(t), cfg ? cfg->pin_hash : NULL, tui_field_text(&s->pin),
			  (long long)time(NULL), &r, err, sizeof err);
	tui_field_set(&s->pin, "");
	s->note[0] = '\0';
	switch (r.status) {
	case STAFF_PIN_OK:
		tui_field_blur(t, &s->pin);
		s->mode = SM_MENU;
		s->data_version = db_data_version(tui_db(t));
		s->menu.sel = 0;
		break;
	case STAFF_PIN_WRONG:
		snprintf(s->note, sizeof s->note, "PIN 不对。再输错 %d 次，工作人员功能将锁定 %d 分钟。",
			 r.tries_left, STAFF_LOCK_SECONDS / 60);
		s->mode = SM_PIN;
		break;
	case STAFF_PIN_LOCKED:
		tui_field_blur(t, &s->pin);
		s->mode = SM_LOCKED;
		s->locked_until = (long long)time(NULL) + r.seconds_left;
		s->shown_minutes = staff_lock_minutes(r.seconds_left);
		break;
	case STAFF_PIN_NOT_SET:
		tui_field_blur(t, &s->pin);
		s->mode = SM_NOT_SET;
		break;
	default:
		snprintf(s->note, sizeof s->note, "无法核对 PIN：%s", err);
		s->mode = SM_PIN;
		break;
	}
}

/* --- drawing --------------------------------------------------------------- */

/* Draws a paragraph wrapped to w columns from row y; returns the next row. */
static int staff_para(struct tui *t, int y, int x, int w, const char *text, int role)
{
	struct layout lay;

	layout_init(&lay, w);
	layout_para(&lay, text, strlen(text), 0, 0, LAYOUT_TEXT, -1);
	for (int i = 0; i < lay.n && y < tui_rows(t) - 2; i++)
		tui_put(t, y++, x, w, lay.lines[i].text, role, 0);
	layout_free(&lay);
	return y;
}

/* Draws one menu row. */
static void staff_menu_row(struct tui *t, void *ctx, int i, int y, int selected)
{
	int cols = tui_cols(t), role = selected ? TUI_SELECTED : TUI_NORMAL, x = 2, used;
	char num[16];

	if (selected)
		tui_fill(t, y, 0, cols, TUI_SELECTED);
	snprintf(num, sizeof num, " %d ", i + 1);
	used = tui_put(t, y, x, 4, num, TUI_KEY, 0);
	x += used + 1;
	tui_put(t, y, x, 12, staff_items[i].label, selected ? TUI_SELECTED : TUI_HEADING, 0);
	x += 12;
	if (cols - x - 2 > 8)
		tui_put(t, y, x, cols - x - 2, staff_items[i].note, role, 0);
}

/* Draws the screen of the current mode. */
static void staff_draw(struct tui *t, void *state)
{
	struct staff *s = state;
	int cols = tui_cols(t), w = cols - 4 > 76 ? 76 : cols - 4, x = (cols - w) / 2, y = 2;
	char line[256];

	tui_title(t, s->mode >= SM_MENU ? "工作人员" : "工作人员登录", "F10");
	switch (s->mode) {
	case SM_PIN:
	case SM_CHECKING:
		y = staff_para(t, y, x, w, "请输入工作人员 PIN，按回车确定。按 Esc 返回首页。", TUI_NORMAL);
		y++;
		tui_put(t, y, x, 6, "PIN：", TUI_HEADING, 0);
		tui_field_draw(t, &s->pin, y, x + 6, w - 6 > 40 ? 40 : w - 6);
		y += 2;
		if (s->mode == SM_CHECKING) {
			tui_put(t, y, x, w, "正在核对…", TUI_HEADING, 0);
			tui_cursor(t, -1, 0);
		} else if (s->note[0]) {
			staff_para(t, y, x, w, s->note, TUI_WARN);
		}
		break;
	case SM_LOCKED: {
		long long left = s->locked_until - (long long)time(NULL);

		y = staff_para(t, y, x, w, "输错 PIN 的次数太多，工作人员功能已锁定。", TUI_WARN);
		y++;
		snprintf(line, sizeof line, "请 %d 分钟后再试。", staff_lock_minutes(left > 0 ? left : 1));
		y = staff_para(t, y, x, w, line, TUI_HEADING);
		y++;
		staff_para(t, y, x, w, "如果忘记了 PIN，请在管理电脑上用 gongkaictl set-pin 重新设置。按 Esc 返回首页。",
			   TUI_NORMAL);
		break;
	}
	case SM_NOT_SET:
		y = staff_para(t, y, x, w, "本机还没有设置工作人员 PIN，暂时不能使用工作人员功能。", TUI_WARN);
		y++;
		y = staff_para(t, y, x, w,
			       "设置方法：在管理电脑上运行 gongkaictl set-pin，输入 4 到 32 位数字的 PIN 后按回车；"
			       "把输出的“pin_hash = …”这一行写进配置文件 /etc/gongkai/kiosk.conf 的 [staff] 一节，"
			       "然后重新启动本机。", TUI_NORMAL);
		y++;
		staff_para(t, y, x, w, "按 Esc 返回首页。", TUI_NORMAL);
		break;
	case SM_MENU:
	case SM_CONFIRM:
		tui_put(t, 1, 2, cols - 4, "请选择要做的事：按数字键，或用方向键选中后按回车。", TUI_NORMAL, 0);
		tui_list_draw(t, &s->menu, 3, tui_rows(t) - 5, staff_menu_row, s);
		if (s->mode == SM_CONFIRM) {
			struct tui_rect r = tui_box_centre(t, 7, 50);

			tui_box(t, &r, "退出程序", TUI_WARN);
			tui_put(t, r.y + 2, r.x + 3, r.w - 6, "确定要退出查询程序吗？", TUI_HEADING, 0);
			tui_put(t, r.y + 4, r.x + 3, r.w - 6, "按回车退出，按 Esc 取消", TUI_NORMAL, 0);
		}
		tui_cursor(t, -1, 0);
		break;
	}
}

/* --- keys ------------------------------------------------------------------ */

/* Opens a menu entry. */
static int staff_open(struct tui *t, struct staff *s, int i)
{
	s->menu.sel = i;
	switch (i) {
	case SI_IMPORT:
		tui_push(t, &tui_staff_import_ops, NULL);
		break;
	case SI_EXPORT:
		tui_push(t, &tui_staff_export_ops, NULL);
		break;
	case SI_APPLY: {
#ifdef STAFF_HAVE_APPLY
		static const struct tui_apply_arg by_staff = { 1 };

		/* The form is not a staff screen: after an import in this
		 * staff session the loop would close it (and staff mode) to
		 * say the data changed. Ask for a fresh start instead. */
		if (db_data_version(tui_db(t)) != s->data_version) {
			tui_message(t, "资料刚刚更新过：请按 Esc 退出工作人员模式，再按 F10 进入后代为填写");
			break;
		}
		tui_push(t, &tui_apply_form_ops, &by_staff);
#else
		tui_message(t, "代为填写功能还没有安装");
#endif
		break;
	}
	case SI_HISTORY:
		tui_push(t, &tui_staff_history_ops, NULL);
		break;
	case SI_PRINTER:
		tui_push(t, &tui_staff_printer_ops, NULL);
		break;
	case SI_STATUS:
		tui_push(t, &tui_staff_status_ops, NULL);
		break;
	case SI_EXIT:
		s->mode = SM_CONFIRM;
		break;
	default:
		return TUI_BREAK;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* Handles a key in the menu. */
static int staff_menu_key(struct tui *t, struct staff *s, const struct tui_event *ev)
{
	int r;

	if (ev->text && ev->ch >= '1' && ev->ch < '1' + SI_N)
		return staff_open(t, s, ev->ch - '1');
	if (ev->req == REQ_ENTER)
		return staff_open(t, s, s->menu.sel);
	if (ev->req == REQ_BACK)
		return TUI_BREAK; /* Esc at the menu ends staff mode */
	r = tui_list_key(t, &s->menu, ev);
	if (r & TUI_LIST_CLICKED)
		return staff_open(t, s, s->menu.sel);
	if (r)
		return r;
	if (ev->req == REQ_HOME)
		return 0; /* home: staff mode ends */
	return TUI_HANDLED; /* p, /, ? and F10 mean nothing here */
}

/* Handles one event in every mode. */
static int staff_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct staff *s = state;

	switch (s->mode) {
	case SM_PIN:
		if (ev->req == REQ_HOME)
			return 0;
		switch (tui_field_key(t, &s->pin, ev)) {
		case TUI_FIELD_KEPT:
			if (!tui_field_text(&s->pin)[0])
				return TUI_HANDLED;
			s->mode = SM_CHECKING; /* drawn first, checked by the tick */
			return TUI_HANDLED | TUI_REDRAW;
		case TUI_FIELD_ESCAPED:
			return TUI_BREAK;
		case TUI_FIELD_OTHER:
			return TUI_HANDLED;
		default:
			s->note[0] = '\0';
			return TUI_HANDLED | TUI_REDRAW;
		}
	case SM_CHECKING:
		return TUI_HANDLED;
	case SM_LOCKED:
	case SM_NOT_SET:
		if (ev->req == REQ_HOME)
			return 0;
		if (ev->req == REQ_BACK || ev->req == REQ_ENTER)
			return TUI_BREAK;
		return TUI_HANDLED;
	case SM_CONFIRM:
		if (ev->req == REQ_ENTER) {
			tui_quit(t);
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (ev->req == REQ_BACK) {
			s->mode = SM_MENU;
			return TUI_HANDLED | TUI_REDRAW;
		}
		return TUI_HANDLED;
	case SM_MENU:
	default:
		return staff_menu_key(t, s, ev);
	}
}

/* Runs the PIN check once 正在核对… is on screen; follows the lock's
 * minutes. */
static int staff_tick(struct tui *t, void *state)
{
	struct staff *s = state;

	if (s->mode == SM_CHECKING) {
		staff_check(t, s);
		return TUI_REDRAW;
	}
	if (s->mode == SM_LOCKED) {
		long long left = s->locked_until - (long long)time(NULL);

		if (left <= 0) {
			staff_lock_mode(t, s);
			return TUI_REDRAW;
		}
		if (staff_lock_minutes(left) != s->shown_minutes) {
			s->shown_minutes = staff_lock_minutes(left);
			return TUI_REDRAW;
		}
	}
	return 0;
}

/* Returns 1 while the PIN field takes keys. */
static int staff_typing(void *state)
{
	const struct staff *s = state;

	return s->mode == SM_PIN;
}

/* The key line of each mode. */
static const struct tui_hint *staff_hints(void *state)
{
	static const struct tui_hint pin[] = {
		{ REQ_ENTER, "确定" }, { REQ_ERASE, NULL }, { REQ_BACK, "返回" }, { REQ_NONE, NULL },
	};
	static const struct tui_hint wait[] = { { REQ_NONE, NULL } };
	static const struct tui_hint back[] = { { REQ_BACK, "返回" }, { REQ_HOME, NULL }, { REQ_NONE, NULL } };
	static const struct tui_hint menu[] = {
		{ REQ_DOWN, NULL }, { REQ_ENTER, NULL }, { REQ_BACK, "退出工作人员模式" }, { REQ_NONE, NULL },
	};
	static const struct tui_hint confirm[] = {
		{ REQ_ENTER, "退出程序" }, { REQ_BACK, "取消" }, { REQ_NONE, NULL },
	};
	const struct staff *s = state;

	switch (s->mode) {
	case SM_PIN:
		return pin;
	case SM_CHECKING:
		return wait;
	case SM_MENU:
		return menu;
	case SM_CONFIRM:
		return confirm;
	default:
		return back;
	}
}

const struct tui_screen_ops tui_staff_ops = {
	.name = "staff",
	.enter = staff_enter,
	.draw = staff_draw,
	.key = staff_key,
	.leave = staff_leave,
	.hints = staff_hints,
	.tick = staff_tick,
	.typing = staff_typing,
	.busy = tui_staff_busy,
};
