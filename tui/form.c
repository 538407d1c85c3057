/*
 * form.c - labelled fields with focus and one check message each: Enter or
 * Down goes to the next field, Up to the previous (Tab belongs to the
 * input mode), Enter on the last field finishes when every check passes.
 * With one_per_screen a question fills the screen, big label, an example
 * under it, and Esc goes back one question without losing any answer.
 */
#include <sodium.h>
#include <string.h>

#include "kiosk/width.h"
#include "tui/widget.h"

/* Starts a form over n items, the first one focused. */
void tui_form_init(struct tui *t, struct tui_form *fm, const struct tui_form_item *items, int n,
		   int one_per_screen)
{
	memset(fm, 0, sizeof *fm);
	fm->items = items;
	fm->n = n;
	fm->one_per_screen = one_per_screen;
	fm->fields = xcalloc((size_t)(n > 0 ? n : 1), sizeof *fm->fields);
	fm->msg = xcalloc((size_t)(n > 0 ? n : 1), sizeof *fm->msg);
	for (int i = 0; i < n; i++)
		tui_field_init(&fm->fields[i], items[i].kind, items[i].max_chars);
	if (n > 0)
		tui_form_focus(t, fm, 0);
}

/* Wipes and frees every answer. */
void tui_form_free(struct tui *t, struct tui_form *fm)
{
	if (fm->n > 0 && fm->focus >= 0 && fm->focus < fm->n)
		tui_field_blur(t, &fm->fields[fm->focus]);
	for (int i = 0; i < fm->n; i++)
		tui_field_free(&fm->fields[i]);
	if (fm->msg)
		sodium_memzero(fm->msg, (size_t)fm->n * sizeof *fm->msg);
	free(fm->fields);
	free(fm->msg);
	fm->fields = NULL;
	fm->msg = NULL;
	fm->n = 0;
}

/* Gives focus to field i. */
void tui_form_focus(struct tui *t, struct tui_form *fm, int i)
{
	if (i < 0 || i >= fm->n)
		return;
	if (fm->focus >= 0 && fm->focus < fm->n)
		tui_field_blur(t, &fm->fields[fm->focus]);
	fm->focus = i;
	tui_field_focus(t, &fm->fields[i]);
}

/* Runs field i's checks. */
int tui_form_check(struct tui_form *fm, int i)
{
	const struct tui_form_item *it = &fm->items[i];
	const char *s = tui_field_text(&fm->fields[i]);
	int blank = tui_search_chars(s) == 0;

	fm->msg[i][0] = '\0';
	if (blank) {
		if (it->required) {
			snprintf(fm->msg[i], sizeof fm->msg[i], "请填写%s", it->label);
			return -1;
		}
		return 0;
	}
	if (it->check && it->check(s, fm->msg[i], sizeof fm->msg[i]) < 0) {
		if (!fm->msg[i][0])
			snprintf(fm->msg[i], sizeof fm->msg[i], "%s填得不对，请再看一看", it->label);
		return -1;
	}
	return 0;
}

/* Handles one event. */
int tui_form_key(struct tui *t, struct tui_form *fm, const struct tui_event *ev)
{
	struct tui_field *f;
	int r;

	if (fm->n == 0)
		return TUI_FORM_OTHER;
	f = &fm->fields[fm->focus];
	if (ev->req == REQ_CLICK) {
		int id = tui_target_at(t, ev->y, ev->x);

		/* A click on another field's row (its label or its text). */
		if (id >= TUI_TARGET_LIST && id < TUI_TARGET_LIST + fm->n && id - TUI_TARGET_LIST != fm->focus) {
			tui_form_focus(t, fm, id - TUI_TARGET_LIST);
			return TUI_FORM_REDRAW;
		}
	}
	r = tui_field_key(t, f, ev);
	switch (r) {
	case TUI_FIELD_CHANGED:
		fm->msg[fm->focus][0] = '\0';
		return TUI_FORM_REDRAW;
	case TUI_FIELD_MOVED:
		return TUI_FORM_REDRAW;
	case TUI_FIELD_KEPT:
		if (tui_form_check(fm, fm->focus) < 0)
			return TUI_FORM_REDRAW;
		if (fm->focus == fm->n - 1) {
			for (int i = 0; i < fm->n; i++)
				if (tui_form_check(fm, i) < 0) {
					tui_form_focus(t, fm, i);
					return TUI_FORM_REDRAW;
				}
			return TUI_FORM_DONE;
		}
		tui_form_focus(t, fm, fm->focus + 1);
		return TUI_FORM_REDRAW;
	case TUI_FIELD_ESCAPED:
		if (fm->one_per_screen && fm->focus > 0) {
			tui_form_focus(t, fm, fm->focus - 1);
			return TUI_FORM_REDRAW;
		}
		return TUI_FORM_BACK;
	default:
		break;
	}
	switch (ev->req) {
	case REQ_DOWN:
		if (fm->focus < fm->n - 1) {
			tui_form_check(fm, fm->focus);
			tui_form_focus(t, fm, fm->focus + 1);
		}
		return TUI_FORM_REDRAW;
	case REQ_UP:
		if (fm->focus > 0)
			tui_form_focus(t, fm, fm->focus - 1);
		return TUI_FORM_REDRAW;
	default:
		return TUI_FORM_OTHER;
	}
}

/* Draws one question filling the rows: step, big label, field, example,
 * message. */
static void form_draw_one(struct tui *t, struct tui_form *fm, int y0, int h)
{
	const struct tui_form_item *it = &fm->items[fm->focus];
	int cols = tui_cols(t), x = 4, w = cols - 8 > 60 ? 60 : cols - 8, y = y0 + 1;
	char step[64];

	snprintf(step, sizeof step, "第 %d 步，共 %d 步", fm->focus + 1, fm->n);
	tui_put(t, y, x, cols - x - 1, step, TUI_NORMAL, 0);
	y += 2;
	tui_put(t, y, x, cols - x - 1, it->label, TUI_HEADING, 0);
	if (it->required)
		tui_put(t, y, x + width_str(it->label) + 1, 8, "（必填）", TUI_WARN, 0);
	y += 2;
	tui_field_draw(t, &fm->fields[fm->focus], y, x, w);
	if (it->example)
		tui_put(t, y + 3, x, cols - x - 1, it->example, TUI_NORMAL, 0);
	if (fm->msg[fm->focus][0])
		tui_put(t, y + 4 < y0 + h ? y + 4 : y0 + h - 1, x, cols - x - 1, fm->msg[fm->focus], TUI_WARN, 0);
	tui_field_draw_popups(t, &fm->fields[fm->focus], y + 1);
}

/* Draws the form. */
void tui_form_draw(struct tui *t, struct tui_form *fm, int y0, int h)
{
	int cols = tui_cols(t), lw = 0, per = 3, first = 0, y = y0;

	if (fm->n == 0)
		return;
	if (fm->one_per_screen) {
		form_draw_one(t, fm, y0, h);
		return;
	}
	for (int i = 0; i < fm->n; i++)
		if (width_str(fm->items[i].label) > lw)
			lw = width_str(fm->items[i].label);
	lw += 2;
	/* Each field takes a row, its example or message the next, a gap. */
	if (fm->focus >= h / per)
		first = fm->focus - h / per + 1;
	for (int i = first; i < fm->n && y + 1 < y0 + h; i++, y += per) {
		const struct tui_form_item *it = &fm->items[i];
		int fw = cols - lw - 4 > 60 ? 60 : cols - lw - 4;

		tui_put(t, y, 1, lw, it->label, i == fm->focus ? TUI_HEADING : TUI_NORMAL, 1);
		tui_field_draw(t, &fm->fields[i], y, lw + 2, fw);
		/* Over the other fields, a click means "this question". */
		if (i != fm->focus)
			tui_list_target(t, y, 1, i);
		if (fm->msg[i][0])
			tui_put(t, y + 1, lw + 2, cols - lw - 3, fm->msg[i], TUI_WARN, 0);
		else if (it->example && i == fm->focus)
			tui_put(t, y + 1, lw + 2, cols - lw - 3, it->example, TUI_NORMAL, 0);
	}
	tui_field_draw_popups(t, &fm->fields[fm->focus], (fm->focus - first) * per + y0 + 1);
}
