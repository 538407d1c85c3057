/*
 * apply_print.c - the application's printouts as guide sheets: the filled
 * form for the applicant to sign (证件号码 masked), the receipt (回执)
 * without personal data, and the blank form with boxes to tick. The values
 * copied here are wiped when the sheet is freed.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/util.h"
#include "printing/apply_print.h"

const char *const apply_print_next_steps[] = {
	"请在申请表上签名，连同回执一起交给窗口工作人员核对；回执由您自己收好。",
	"办理机关会在答复期限之前答复您；需要补充说明的，会通知您补正。",
	"查询进度：在政务公开查询机上按“申请政府信息公开”，选“查询进度”，输入受理编号和联系电话后四位。",
	NULL,
};

/* Keeps a copy of value for the sheet and returns it. */
static const char *ap_keep(struct apply_print *p, const char *value)
{
	if (p->nowned == (int)(sizeof p->owned / sizeof p->owned[0]))
		return "";
	p->owned[p->nowned] = xstrdup(value ? value : "");
	return p->owned[p->nowned++];
}

/* Adds a row of the sheet (value borrowed: a static string or a kept copy). */
static void ap_row(struct apply_print *p, const char *label, const char *value)
{
	if (p->nrows == APPLY_PRINT_ROWS)
		return;
	p->rows[p->nrows].label = label;
	p->rows[p->nrows].value = value ? value : "";
	p->nrows++;
}

/* Adds a line of the block above the sheet (value borrowed). */
static void ap_meta(struct apply_print *p, const char *label, const char *value)
{
	if (p->nmeta == sizeof p->meta / sizeof p->meta[0])
		return;
	p->meta[p->nmeta].label = label;
	p->meta[p->nmeta].value = value;
	p->nmeta++;
}

/* Starts a sheet: doc zeroed, kind and header. */
static void ap_start(struct apply_print *p, struct print_doc *doc, const char *title,
		     const char *kiosk_name)
{
	memset(p, 0, sizeof *p);
	memset(doc, 0, sizeof *doc);
	doc->kind = PRINT_KIND_GUIDE;
	doc->title = title;
	doc->kiosk_name = kiosk_name;
}

/* Points doc at the sheet's rows. */
static void ap_finish(struct apply_print *p, struct print_doc *doc)
{
	doc->meta = p->meta;
	doc->nmeta = p->nmeta;
	doc->fields = p->rows;
	doc->nfields = p->nrows;
}

/* Writes the choices of a question as boxes, the chosen one ticked
 * (chosen < 0: none ticked). Returns a kept copy. */
static const char *ap_boxes(struct apply_print *p, const char *const *names, int n, int chosen)
{
	struct sbuf b = {0};
	const char *kept;

	for (int i = 0; i < n; i++)
		sbuf_addf(&b, "%s%s%s", i ? "　" : "", i == chosen ? "☑" : "□", names[i]);
	kept = ap_keep(p, sbuf_str(&b));
	sbuf_free(&b);
	return kept;
}

/* Fills the filled form. */
void apply_print_form(struct apply_print *p, const struct apply_form *f,
		      const struct apply_stamp *s, const char *kiosk_name, struct print_doc *doc)
{
	char who[128], masked[APPLY_BYTES(APPLY_SHORT_CHARS)];
	int org = f->applicant == APPLY_ORG;

	ap_start(p, doc, APPLY_PRINT_FORM_TITLE, kiosk_name);
	ap_meta(p, "受理编号", ap_keep(p, s->tracking_no));
	ap_meta(p, "提交时间", ap_keep(p, s->submitted_at));
	ap_meta(p, "收到日期", ap_keep(p, s->received_on));
	ap_meta(p, "答复期限", ap_keep(p, s->due_on));
	apply_applicant_words(f, who, sizeof who);
	ap_row(p, "申请人类型", ap_keep(p, who));
	if (org) {
		ap_row(p, "名称", ap_keep(p, f->name));
		ap_row(p, "统一社会信用代码", ap_keep(p, f->credit_code));
		ap_row(p, "法定代表人", ap_keep(p, f->legal_rep));
	} else {
		ap_row(p, "姓名", ap_keep(p, f->name));
	}
	ap_row(p, "证件类型",
	       f->id_type >= 0 && f->id_type < APPLY_ID_OTHER_N ? apply_id_types[f->id_type] : "");
	apply_mask_id(f->id_no, masked, sizeof masked);
	ap_row(p, "证件号码", ap_keep(p, masked));
	sodium_memzero(masked, sizeof masked);
	ap_row(p, "联系电话", ap_keep(p, f->phone));
	ap_row(p, "通信地址", ap_keep(p, f->address));
	ap_row(p, "邮政编码", ap_keep(p, f->postcode));
	ap_row(p, "电子邮箱", ap_keep(p, f->email));
	ap_row(p, "所需信息", ap_keep(p, f->info));
	ap_row(p, "文号或索引号", ap_keep(p, f->doc_no));
	ap_row(p, "提供方式",
	       f->medium >= 0 && f->medium < APPLY_MEDIUM_N ? apply_media[f->medium] : "");
	ap_row(p, "获取方式",
	       f->pickup >= 0 && f->pickup < APPLY_PICKUP_N ? apply_pickups[f->pickup] : "");
	ap_row(p, "填写方式",
	       f->by_staff ? "工作人员代为填写（《政府信息公开条例》第二十九条），申请人核对后签名"
			   : "申请人本人在政务公开查询机上填写");
	ap_row(p, org ? "申请人签名（盖章）" : "申请人签名", "\n\n");
	ap_row(p, "签名日期", "　　　　年　　月　　日");
	ap_row(p, "说明", "请核对以上内容，无误后签名，交给窗口工作人员。证件号码已隐去中间部分。");
	ap_finish(p, doc);
}

/* Fills the receipt. */
void apply_print_receipt(struct apply_print *p, const struct apply_stamp *s,
			 const char *kiosk_name, struct print_doc *doc)
{
	struct sbuf next = {0};
	char *due;

	ap_start(p, doc, APPLY_PRINT_RECEIPT_TITLE, kiosk_name);
	ap_row(p, "受理编号", ap_keep(p, s->tracking_no));
	ap_row(p, "提交时间", ap_keep(p, s->submitted_at));
	ap_row(p, "收到日期", ap_keep(p, s->received_on));
	due = xasprintf("%s（收到日期后第 %d 个工作日）", s->due_on, APPLY_WORKING_DAYS);
	ap_row(p, "答复期限", ap_keep(p, due));
	free(due);
	ap_row(p, "受理地点", ap_keep(p, kiosk_name && *kiosk_name ? kiosk_name : "政务公开查询机"));
	for (int i = 0; apply_print_next_steps[i]; i++)
		sbuf_addf(&next, "%s%d. %s", i ? "\n" : "", i + 1, apply_print_next_steps[i]);
	ap_row(p, "接下来", ap_keep(p, sbuf_str(&next)));
	sbuf_free(&next);
	ap_row(p, "说明",
	       "依照《政府信息公开条例》，办理机关自收到申请之日起20个工作日内答复；需要延长的，"
	       "会告诉您，延长最多20个工作日。申请政府信息公开一般不收费。请妥善保管本回执。");
	ap_finish(p, doc);
	/* 扫码带走: the 受理编号 as a QR code, for a phone's notes */
	doc->qr_text = ap_keep(p, s->tracking_no);
	doc->qr_caption = "受理编号（可用手机扫码保存）";
}

/* Fills the blank form. */
void apply_print_blank(struct apply_print *p, const char *kiosk_name, struct print_doc *doc)
{
	static const char *const who[] = { "公民", "法人或其他组织" };
	char *org;

	ap_start(p, doc, APPLY_PRINT_BLANK_TITLE, kiosk_name);
	org = xasprintf("%s\n（%s）", ap_boxes(p, who, 2, -1),
			ap_boxes(p, apply_org_kinds, APPLY_ORG_N, -1));
	ap_row(p, "申请人类型", ap_keep(p, org));
	free(org);
	ap_row(p, "姓名或名称", "\n");
	ap_row(p, "统一社会信用代码", "（法人或其他组织填写）");
	ap_row(p, "法定代表人", "（法人或其他组织填写）");
	ap_row(p, "证件类型", ap_boxes(p, apply_id_types, APPLY_ID_OTHER_N, -1));
	ap_row(p, "证件号码", "\n");
	ap_row(p, "联系电话", "（必填）");
	ap_row(p, "通信地址", "\n");
	ap_row(p, "邮政编码", "");
	ap_row(p, "电子邮箱", "");
	ap_row(p, "所需信息", "（必填：写清楚要哪一份信息，例如哪一年、哪个部门的什么文件）\n\n\n");
	ap_row(p, "文号或索引号", "");
	ap_row(p, "提供方式", ap_boxes(p, apply_media, APPLY_MEDIUM_N, -1));
	ap_row(p, "获取方式", ap_boxes(p, apply_pickups, APPLY_PICKUP_N, -1));
	ap_row(p, "申请人签名（盖章）", "\n");
	ap_row(p, "签名日期", "　　　　年　　月　　日");
	ap_row(p, "说明",
	       "填好后交给便民服务中心窗口。申请政府信息公开一般不收费；"
	       "办理机关自收到申请之日起20个工作日内答复。");
	ap_finish(p, doc);
}

/* Wipes and frees the copies. */
void apply_print_free(struct apply_print *p)
{
	for (int i = 0; i < p->nowned; i++) {
		if (p->owned[i]) {
			sodium_memzero(p->owned[i], strlen(p->owned[i]));
			free(p->owned[i]);
		}
	}
	memset(p, 0, sizeof *p);
}
