/*
 * print_hook.c - where the print dialog plugs in. Every screen that can
 * print (the reader, the lists) calls tui_print_hook() with what it shows;
 * until the dialog lands the kiosk says so politely. Replace this file's
 * function with the dialog (page count, Enter confirms, Esc cancels).
 */
#include "tui/tui_internal.h"

/* Tells the user printing is not open yet. */
int tui_print_hook(struct tui *t, const struct tui_print_job *job)
{
	tui_message(t, "打印功能即将开放；需要纸质文件请到窗口找工作人员");
	return TUI_REDRAW;
}
