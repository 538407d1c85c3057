/*
 * consult_print.c - the consultation slip as a guide sheet (see
 * consult_print.h).
 */
#include "printing/consult_print.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/util.h"

/* Adds a row whose value is copied. */
static void cp_row(struct consult_print *p, const char *label, const char *value)
{
	if (p->nrows == sizeof p->rows / sizeof p->rows[0] ||
	    p->nowned == (int)(sizeof p->owned / sizeof p->owned[0]))
		return;
	p->owned[p->nowned] = xstrdup(value ? value : "");
	p->rows[p->nrows].label = label;
	p->rows[p->nrows].value = p->owned[p->nowned++];
	p->nrows++;
}

void consult_print_slip(struct consult_print *p, const char *no, const char *registered_at,
			const char *due_on, int working_days, const char *kiosk_name,
			struct print_doc *doc)
{
	char *due = xasprintf("%s（登记之日起第 %d 个工作日）", due_on, working_days);

	memset(p, 0, sizeof *p);
	memset(doc, 0, sizeof *doc);
	doc->kind = PRINT_KIND_GUIDE;
	doc->title = CONSULT_PRINT_TITLE;
	doc->kiosk_name = kiosk_name;
	cp_row(p, "咨询编号", no);
	cp_row(p, "登记时间", registered_at);
	cp_row(p, "答复期限", due);
	free(due);
	cp_row(p, "登记地点", kiosk_name && *kiosk_name ? kiosk_name : "政务公开查询机");
	cp_row(p, "怎样查看答复",
	       "答复期限以后，在政务公开查询机上选“政策问答”，再选“查询答复”，"
	       "输入上面的咨询编号，就能看到答复。");
	cp_row(p, "说明",
	       "您的问题已经登记，有关部门会在答复期限之前答复。您的问题和电话已加密保存，"
	       "只有县政府办公室能看到。请收好本回执。");
	doc->fields = p->rows;
	doc->nfields = p->nrows;
	/* 扫码带走: the 咨询编号 as a QR code, for a phone's notes */
	doc->qr_text = p->owned[0];
	doc->qr_caption = "咨询编号（可用手机扫码保存）";
}

void consult_print_free(struct consult_print *p)
{
	for (int i = 0; i < p->nowned; i++)
		free(p->owned[i]);
	memset(p, 0, sizeof *p);
}
