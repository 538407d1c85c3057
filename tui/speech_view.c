/*
 * speech_view.c - read-aloud on a screen of laid-out lines; see
 * speech_view.h.
 */
#include <curses.h>
#include <stdlib.h>

#include "kiosk/speech.h"
#include "tui/speech_view.h"
#include "tui/tui_internal.h"

/* Starts reading; see speech_view.h. */
int tui_speech_start(struct tui *t, struct tui_speech *s, const struct layout *lay, int from)
{
	const struct config *c = tui_config(t);
	char err[256] = "";
	int rc;

	tui_speech_end(s);
	if (from < 0)
		from = 0;
	s->sp = speech_new(c ? c->speech_rate : 0.8, c ? c->audio_out : NULL);
	s->from = from;
	s->line = -1;
	for (int i = from; i < lay->n; i++)
		speech_add(s->sp, lay->lines[i].text);
	rc = speech_poll(s->sp, err, sizeof err);
	if (rc == SPEECH_FAILED) {
		tui_message(t, "%s", err);
		tui_speech_end(s);
	} else if (rc == SPEECH_DONE) {
		tui_message(t, "这一页没有可以朗读的文字");
		tui_speech_end(s);
	} else {
		s->line = from + rc;
		tui_message(t, "正在朗读，按任意键停止");
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* Stops on any key; see speech_view.h. */
int tui_speech_key(struct tui *t, struct tui_speech *s)
{
	if (!s->sp)
		return 0;
	tui_speech_end(s);
	tui_message(t, "已停止朗读");
	return TUI_HANDLED | TUI_REDRAW;
}

/* Advances; see speech_view.h. */
int tui_speech_tick(struct tui *t, struct tui_speech *s, int *top, int rows)
{
	char err[256] = "";
	int rc, old = s->line;

	if (!s->sp)
		return 0;
	tui_keep_awake(t);
	rc = speech_poll(s->sp, err, sizeof err);
	if (rc == SPEECH_FAILED) {
		tui_message(t, "%s", err);
		tui_speech_end(s);
		return TUI_REDRAW;
	}
	if (rc == SPEECH_DONE) {
		tui_speech_end(s);
		tui_message(t, "朗读完了");
		return TUI_REDRAW;
	}
	s->line = s->from + rc;
	if (top && rows > 0 && (s->line < *top || s->line >= *top + rows))
		*top = s->line;
	return s->line != old ? TUI_REDRAW : 0;
}

/* Marks the line read; see speech_view.h. */
void tui_speech_mark(struct tui *t, const struct tui_speech *s, const struct layout *lay,
		     int top, int y0, int rows, int x0)
{
	if (!s->sp || s->line < top || s->line >= top + rows || s->line >= lay->n)
		return;
	tui_put(t, y0 + s->line - top, x0, lay->cols, lay->lines[s->line].text, TUI_SELECTED, 1);
}

/* Tells whether reading is under way. */
int tui_speech_active(const struct tui_speech *s)
{
	return s->sp != NULL;
}

/* Stops and frees; see speech_view.h. */
void tui_speech_end(struct tui_speech *s)
{
	speech_free(s->sp);
	s->sp = NULL;
	s->line = -1;
}
