/*
 * apply.c - the rules of a disclosure application: answers and their
 * checks, the sealed record, statutory dates, fees and plain words for
 * each status. See apply.h.
 */
#include "kiosk/apply.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/fields.h"
#include "kiosk/util.h"
#include "kiosk/width.h"

const char *const apply_org_kinds[APPLY_ORG_N] = {
	"商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
};
const char *const apply_id_types[APPLY_ID_OTHER_N] = {
	"居民身份证", "护照", "港澳居民来往内地通行证", "台湾居民来往大陆通行证", "其他证件",
};
const char *const apply_media[APPLY_MEDIUM_N] = { "纸质", "电子邮件", "光盘" };
const char *const apply_pickups[APPLY_PICKUP_N] = { "自行领取", "邮寄", "电子邮件", "当场阅读抄录" };

const char *const apply_columns[APPLY_NCOLS] = {
	"受理编号", "提交时间", "收到日期", "答复期限", "申请人类型", "姓名或名称", "证件类型",
	"证件号码", "联系电话", "通信地址", "邮政编码", "电子邮箱", "所需信息", "文号或索引号",
	"提供方式", "获取方式", "代为填写", "统一社会信用代码", "法定代表人",
};

const char *const apply_states[] = { "已提交", "已受理", "需补正", "延期答复", "已答复", "已撤回", NULL };
const char *const apply_reply_types[] = { "予以公开", "部分公开", "不予公开", "无法提供",
					  "不予处理", "其他处理", NULL };

/* Table 3's sub-rows, by answer type (国办公开办函〔2021〕30号). */
static const char *const sub_refuse[] = {
	"属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
	"属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项", NULL,
};
static const char *const sub_unable[] = {
	"本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确", NULL,
};
static const char *const sub_ignore[] = {
	"信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
	"要求行政机关确认或重新出具已获取信息", NULL,
};
static const char *const sub_other[] = {
	"申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
	"申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他", NULL,
};

size_t apply_copy(char *dst, size_t n, const char *src)
{
	size_t len = strlen(src);

	if (n == 0)
		return 0;
	if (len >= n) {
		len = n - 1;
		while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
			len--; /* never cut a character */
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
	return len;
}

void apply_form_wipe(struct apply_form *f)
{
	sodium_memzero(f, sizeof *f);
	f->applicant = APPLY_CITIZEN;
	f->org_kind = APPLY_ORG_BUSINESS;
	f->id_type = APPLY_ID_RESIDENT;
}

void apply_applicant_words(const struct apply_form *f, char *out, size_t outlen)
{
	if (f->applicant == APPLY_ORG && f->org_kind >= 0 && f->org_kind < APPLY_ORG_N)
		snprintf(out, outlen, "法人或其他组织：%s", apply_org_kinds[f->org_kind]);
	else
		snprintf(out, outlen, "公民");
}

/* ---- checks ---- */

static int fail(char *msg, size_t msglen, const char *text)
{
	snprintf(msg, msglen, "%s", text);
	return -1;
}

/* Copies the ASCII digits of s (and X/x when x_ok) into out, dropping
 * spaces and dashes; returns the count, or -1 for anything else. */
static int digits_of(const char *s, char *out, size_t outlen, int x_ok)
{
	size_t n = 0;

	for (; *s; s++) {
		if (*s == ' ' || *s == '-')
			continue;
		if (!((*s >= '0' && *s <= '9') || (x_ok && (*s == 'X' || *s == 'x'))))
			return -1;
		if (n + 1 >= outlen)
			return -1;
		out[n++] = *s == 'x' ? 'X' : *s;
	}
	out[n] = '\0';
	return (int)n;
}

/* Province codes of GB/T 2260 (the first two digits of a resident id). */
static int province_ok(int p)
{
	static const int codes[] = { 11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
				     41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64,
				     65, 71, 81, 82, 83 };

	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (codes[i] == p)
			return 1;
	return 0;
}

/* Returns 1 when iso (YYYY-MM-DD, digits) is a day of the Gregorian
 * calendar, any year (calendar_days counts from 1970 only). */
static int date_real(const char *iso)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = atoi(iso), m = atoi(iso + 5), d = atoi(iso + 8);
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

int apply_check_resident_id(const char *text, char *msg, size_t msglen)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	char d[32], iso[11], today[11];
	int n, sum = 0;

	if (!*text)
		return 0;
	n = digits_of(text, d, sizeof d, 1);
	if (n < 0)
		return fail(msg, msglen, "身份证号码只能有数字和最后一位的X，请再核对一遍");
	if (n != 18)
		return fail(msg, msglen, n == 15 ? "请填写18位的新身份证号码（15位的老号码无法核对）"
						 : "身份证号码应当是18位，请再核对一遍");
	for (int i = 0; i < 17; i++)
		if (d[i] == 'X')
			return fail(msg, msglen, "X只能是身份证号码的最后一位，请再核对一遍");
	if (!province_ok((d[0] - '0') * 10 + (d[1] - '0')))
		return fail(msg, msglen, "身份证号码的前两位（省份）不对，请再核对一遍");
	snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", d + 6, d + 10, d + 12);
	util_today(today);
	if (!date_real(iso) || strcmp(iso, "1900-01-01") < 0 || strcmp(iso, today) > 0)
		return fail(msg, msglen, "身份证号码中的出生日期（第7到14位）不对，请再核对一遍");
	for (int i = 0; i < 17; i++)
		sum += (d[i] - '0') * w[i];
	if (check[sum % 11] != d[17])
		return fail(msg, msglen, "身份证号码的校验位（最后一位）不对，请再核对一遍");
	return 0;
}

int apply_check_phone(const char *text, char *msg, size_t msglen)
{
	char d[32];
	int n;

	if (!*text)
		return 0;
	n = digits_of(text, d, sizeof d, 0);
	if (n < 0)
		return fail(msg, msglen, "电话号码只能填数字，例如 13812345678 或 0818-1234567");
	if (d[0] == '1') {
		if (n != 11 || d[1] < '3')
			return fail(msg, msglen, "手机号码应当是以1开头的11位数字，请再核对一遍");
		return 0;
	}
	if (n < 7 || n > 12 || (n > 8 && d[0] != '0'))
		return fail(msg, msglen, "请填写手机号码（11位），或带区号的座机号码，例如 0818-1234567");
	return 0;
}

int apply_check_postcode(const char *text, char *msg, size_t msglen)
{
	char d[16];

	if (!*text)
		return 0;
	if (digits_of(text, d, sizeof d, 0) != 6)
		return fail(msg, msglen, "邮政编码是6位数字，例如 636150；不知道可以不填");
	return 0;
}

int apply_check_email(const char *text, char *msg, size_t msglen)
{
	const char *at = strchr(text, '@');

	if (!*text)
		return 0;
	for (const char *p = text; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f)
			return fail(msg, msglen, "电子邮箱只能有英文字母、数字和符号，例如 wang@163.com");
	if (!at || at == text || strchr(at + 1, '@') || !strchr(at + 1, '.') || at[1] == '.' ||
	    text[strlen(text) - 1] == '.')
		return fail(msg, msglen, "电子邮箱的格式不对，例如 wang@163.com；没有可以不填");
	return 0;
}

int apply_check_credit_code(const char *text, char *msg, size_t msglen)
{
	static const char set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int w[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
	char c[32];
	size_t n = 0;
	int sum = 0, v[18];

	if (!*text)
		return 0;
	for (const char *p = text; *p; p++) {
		if (*p == ' ')
			continue;
		if (n + 1 >= sizeof c)
			return fail(msg, msglen, "统一社会信用代码是18位，请再核对一遍");
		c[n++] = (*p >= 'a' && *p <= 'z') ? (char)(*p - 32) : *p;
	}
	if (n != 18)
		return fail(msg, msglen, "统一社会信用代码是18位，请再核对一遍");
	for (size_t i = 0; i < 18; i++) {
		const char *q = strchr(set, c[i]);

		if (!q || !c[i])
			return fail(msg, msglen, "统一社会信用代码里有不该出现的字符（不用I、O、Z、S、V），请再核对一遍");
		v[i] = (int)(q - set);
	}
	for (int i = 0; i < 17; i++)
		sum += v[i] * w[i];
	if ((31 - sum % 31) % 31 != v[17])
		return fail(msg, msglen, "统一社会信用代码的最后一位（校验位）不对，请再核对一遍");
	return 0;
}

int apply_check_text(const char *text, char *msg, size_t msglen)
{
	size_t n = strlen(text);

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int k = width_decode(text + i, n - i, &cp);

		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || width_invisible(cp) ||
		    cp == WIDTH_REPLACEMENT)
			return fail(msg, msglen, "这里有看不见的控制字符，请删去后重新输入");
		i += (size_t)k;
	}
	return 0;
}

int apply_form_check(const struct apply_form *f, char *msg, size_t msglen)
{
	if (!*f->name)
		return fail(msg, msglen, f->applicant == APPLY_ORG ? "请填写单位名称" : "请填写姓名");
	if (!*f->id_no)
		return fail(msg, msglen, "请填写证件号码");
	if (!*f->phone)
		return fail(msg, msglen, "请填写联系电话");
	if (!*f->info)
		return fail(msg, msglen, "请写明需要公开的是什么信息");
	if (f->applicant != APPLY_CITIZEN && f->applicant != APPLY_ORG)
		return fail(msg, msglen, "请选择申请人类型");
	if (f->org_kind < 0 || f->org_kind >= APPLY_ORG_N || f->id_type < 0 ||
	    f->id_type >= APPLY_ID_OTHER_N || f->medium < 0 || f->medium >= APPLY_MEDIUM_N ||
	    f->pickup < 0 || f->pickup >= APPLY_PICKUP_N)
		return fail(msg, msglen, "有一项选择不对，请返回重新选择");
	if ((f->id_type == APPLY_ID_RESIDENT && apply_check_resident_id(f->id_no, msg, msglen) < 0) ||
	    apply_check_phone(f->phone, msg, msglen) < 0 ||
	    apply_check_postcode(f->postcode, msg, msglen) < 0 ||
	    apply_check_email(f->email, msg, msglen) < 0 ||
	    (f->applicant == APPLY_ORG && apply_check_credit_code(f->credit_code, msg, msglen) < 0))
		return -1;
	{
		const char *texts[] = { f->name, f->credit_code, f->legal_rep, f->id_no, f->phone,
					f->address, f->postcode, f->email, f->info, f->doc_no };

		for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
			if (apply_check_text(texts[i], msg, msglen) < 0)
				return -1;
	}
	if ((f->medium == 1 || f->pickup == 2) && !*f->email)
		return fail(msg, msglen, "选择了电子邮件，请填写电子邮箱");
	if (f->pickup == 1 && !*f->address)
		return fail(msg, msglen, "选择了邮寄，请填写通信地址");
	return 0;
}

void apply_mask_id(const char *id_no, char *out, size_t outlen)
{
	char masked[19];
	size_t n = strlen(id_no), i;

	if (field_resident_id(id_no, masked, NULL) == ID_FULL) {
		snprintf(out, outlen, "%s", masked);
		return;
	}
	if (outlen == 0)
		return;
	for (i = 0; i < n && i + 1 < outlen; i++)
		out[i] = (i + 4 < n) ? '*' : id_no[i];
	out[i] = '\0';
	/* a multi-byte character cut by the stars is starred whole */
	for (size_t k = 0; k < i; k++)
		if ((unsigned char)out[k] >= 0x80)
			out[k] = '*';
}

void apply_phone_tail(const char *phone, char out[5])
{
	char d[32];
	int n = digits_of(phone, d, sizeof d, 0);

	if (n < 4) {
		out[0] = '\0';
		return;
	}
	memcpy(out, d + n - 4, 5);
}

/* ---- numbers and dates ---- */

void apply_tracking_no(const char *kiosk_id, const char *day_iso, long n, char *out, size_t outlen)
{
	snprintf(out, outlen, "%s-%.4s%.2s%.2s-%04ld", kiosk_id, day_iso, day_iso + 5, day_iso + 8, n);
}

int apply_received_on(const char *day_iso, calendar_lookup_fn lookup, void *ctx, char out[11])
{
	long d = calendar_days(day_iso);

	if (d < 0)
		return -1;
	for (int guard = 0; guard < 400; guard++, d++) {
		calendar_iso(d, out);
		if (calendar_is_working(out, lookup, ctx))
			return 0;
	}
	return -1;
}

int apply_due_on(const char *received_on, int extensions, calendar_lookup_fn lookup, void *ctx,
		 char out[11])
{
	if (extensions < 0)
		extensions = 0;
	return calendar_add_working_days(received_on, APPLY_WORKING_DAYS * (1 + extensions), lookup,
					 ctx, out);
}

/* ---- the record ---- */

/* Appends value escaped into out at *pos (out NULL: counts only). */
static void rec_put(char *out, size_t *pos, const char *s)
{
	for (; *s; s++) {
		const char *esc = NULL;

		switch (*s) {
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\t': esc = "\\t"; break;
		case '\r': esc = "\\r"; break;
		default: break;
		}
		if (esc) {
			if (out)
				memcpy(out + *pos, esc, 2);
			*pos += 2;
		} else {
			if (out)
				out[*pos] = *s;
			(*pos)++;
		}
	}
}

static const char rec_magic[] = "gongkai-application 1\n";

char *apply_record(const struct apply_form *f, const struct apply_stamp *s, size_t *len)
{
	char applicant[64], masked_none[1] = "";
	const char *v[APPLY_NCOLS];
	char *out = NULL;

	apply_applicant_words(f, applicant, sizeof applicant);
	v[0] = s->tracking_no;
	v[1] = s->submitted_at;
	v[2] = s->received_on;
	v[3] = s->due_on;
	v[4] = applicant;
	v[5] = f->name;
	v[6] = (f->id_type >= 0 && f->id_type < APPLY_ID_OTHER_N) ? apply_id_types[f->id_type] : masked_none;
	v[7] = f->id_no;
	v[8] = f->phone;
	v[9] = f->address;
	v[10] = f->postcode;
	v[11] = f->email;
	v[12] = f->info;
	v[13] = f->doc_no;
	v[14] = (f->medium >= 0 && f->medium < APPLY_MEDIUM_N) ? apply_media[f->medium] : masked_none;
	v[15] = (f->pickup >= 0 && f->pickup < APPLY_PICKUP_N) ? apply_pickups[f->pickup] : masked_none;
	v[16] = f->by_staff ? "是" : "否";
	v[17] = f->applicant == APPLY_ORG ? f->credit_code : masked_none;
	v[18] = f->applicant == APPLY_ORG ? f->legal_rep : masked_none;
	/* two passes, one allocation: no realloc leaves a copy behind */
	for (int pass = 0; pass < 2; pass++) {
		size_t pos = 0;

		if (out)
			memcpy(out, rec_magic, sizeof rec_magic - 1);
		pos = sizeof rec_magic - 1;
		for (int c = 0; c < APPLY_NCOLS; c++) {
			rec_put(out, &pos, apply_columns[c]);
			if (out)
				out[pos] = '\t';
			pos++;
			rec_put(out, &pos, v[c]);
			if (out)
				out[pos] = '\n';
			pos++;
		}
		if (out) {
			out[pos] = '\0';
			*len = pos;
			break;
		}
		out = xmalloc(pos + 1);
	}
	return out;
}

/* Unescapes s[n] into a new string. */
static char *rec_get(const char *s, size_t n)
{
	char *out = xmalloc(n + 1);
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			char c = s[++i];

			out[o++] = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return out;
}

int apply_record_parse(const char *text, size_t len, char *values[APPLY_NCOLS])
{
	const char *p = text, *end = text + len;

	for (int c = 0; c < APPLY_NCOLS; c++)
		values[c] = NULL;
	if (len < sizeof rec_magic - 1 || memcmp(text, rec_magic, sizeof rec_magic - 1) != 0)
		goto bad;
	p += sizeof rec_magic - 1;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *tab;

		if (!nl)
			goto bad;
		tab = memchr(p, '\t', (size_t)(nl - p));
		if (!tab)
			goto bad;
		for (int c = 0; c < APPLY_NCOLS; c++) {
			size_t kl = strlen(apply_columns[c]);

			if ((size_t)(tab - p) == kl && memcmp(p, apply_columns[c], kl) == 0) {
				if (values[c])
					goto bad;
				values[c] = rec_get(tab + 1, (size_t)(nl - tab - 1));
			}
		}
		p = nl + 1;
	}
	for (int c = 0; c < APPLY_NCOLS; c++)
		if (!values[c])
			values[c] = xstrdup("");
	return 0;
bad:
	for (int c = 0; c < APPLY_NCOLS; c++) {
		free(values[c]);
		values[c] = NULL;
	}
	return -1;
}

/* ---- sealing ---- */

int apply_seal_key(const char *b64, unsigned char pk[APPLY_PK_BYTES], char *msg, size_t msglen)
{
	size_t n = 0;
	const char *end = NULL;

	if (!b64 || !*b64)
		return fail(msg, msglen, "没有设置申请加密公钥（[trust] seal_pubkey），请向县政府办公室索取后填入配置文件");
	if (sodium_base642bin(pk, APPLY_PK_BYTES, b64, strlen(b64), " \t", &n, &end,
			      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    n != APPLY_PK_BYTES || (end && *end))
		return fail(msg, msglen, "申请加密公钥（[trust] seal_pubkey）格式不对：请复制县政府办公室 .pub 文件的第二行");
	return 0;
}

unsigned char *apply_seal(const unsigned char pk[APPLY_PK_BYTES], const void *msg, size_t len)
{
	unsigned char *box = xmalloc(len + crypto_box_SEALBYTES);

	if (crypto_box_seal(box, msg, len, pk) != 0) {
		free(box);
		return NULL;
	}
	return box;
}

int apply_load_secret(const char *path, unsigned char pk[APPLY_PK_BYTES],
		      unsigned char sk[APPLY_SK_BYTES], char *msg, size_t msglen)
{
	char *text = NULL, *line, *save = NULL;
	size_t len = 0, n = 0;
	char err[256];
	int rc = -1;

	if (util_read_file(path, 4096, &text, &len, err, sizeof err) < 0) {
		snprintf(msg, msglen, "%s: 无法读取密钥文件，请检查路径（%s）", path, err);
		return -1;
	}
	for (line = strtok_r(text, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
		if (*line == '#' || !*line)
			continue;
		if (sodium_base642bin(sk, APPLY_SK_BYTES, line, strlen(line), " \t", &n, NULL,
				      sodium_base64_VARIANT_ORIGINAL) == 0 &&
		    n == APPLY_SK_BYTES) {
			crypto_scalarmult_base(pk, sk);
			rc = 0;
		}
		break;
	}
	sodium_memzero(text, len);
	free(text);
	if (rc < 0)
		snprintf(msg, msglen,
			 "%s: 这不是 seal-keygen 生成的私钥文件（.key），请使用县政府办公室保存的 .key 文件", path);
	return rc;
}

char *apply_unseal(const unsigned char pk[APPLY_PK_BYTES], const unsigned char sk[APPLY_SK_BYTES],
		   const unsigned char *box, size_t boxlen, size_t *len)
{
	char *out;

	if (boxlen < crypto_box_SEALBYTES)
		return NULL;
	out = xmalloc(boxlen - crypto_box_SEALBYTES + 1);
	if (crypto_box_seal_open((unsigned char *)out, box, boxlen, pk, sk) != 0) {
		free(out);
		return NULL;
	}
	*len = boxlen - crypto_box_SEALBYTES;
	out[*len] = '\0';
	return out;
}

/* ---- status ---- */

int apply_closed(const char *status)
{
	return strcmp(status, "已答复") == 0 || strcmp(status, "已撤回") == 0;
}

void apply_explain(const char *status, const char *reply_type, const char *reply_sub, char *out,
		   size_t outlen)
{
	static const char appeal[] =
		"如果对答复不满意，可以自收到答复之日起60日内申请行政复议，"
		"或者在6个月内向人民法院提起行政诉讼；也可以向上一级机关投诉。";
	const char *what = "";

	if (strcmp(status, "已提交") == 0) {
		snprintf(out, outlen, "申请已经交上去了，正在等待办理。办理机关会在答复期限之前答复您。"
				      "答复以后，可以凭受理编号来这里查询。");
		return;
	}
	if (strcmp(status, "已受理") == 0) {
		snprintf(out, outlen, "申请已经受理，工作人员正在办理，会在答复期限之前答复您。");
		return;
	}
	if (strcmp(status, "需补正") == 0) {
		snprintf(out, outlen, "申请写得不够清楚，需要补充或者改正（补正）。请按补正通知的要求，"
				      "到便民服务中心窗口补充说明。补正期间答复期限暂停计算，补正以后重新计算；"
				      "逾期不补正的，视为放弃申请。");
		return;
	}
	if (strcmp(status, "延期答复") == 0) {
		snprintf(out, outlen, "办理机关需要更多时间，答复期限已经延长（最多延长20个工作日），"
				      "新的答复期限见上面。");
		return;
	}
	if (strcmp(status, "已撤回") == 0) {
		snprintf(out, outlen, "这份申请已经撤回，不再办理。还需要这些信息的，可以重新申请。");
		return;
	}
	if (strcmp(status, "已答复") != 0) {
		snprintf(out, outlen, "请到窗口询问工作人员。");
		return;
	}
	if (strcmp(reply_type, "予以公开") == 0)
		what = "您要的信息予以公开。请按您选的获取方式领取；自己领取的，请带上证件到便民服务中心窗口。";
	else if (strcmp(reply_type, "部分公开") == 0)
		what = "您要的信息部分公开：能公开的部分给您，其余部分依法不能公开，答复书写明了理由。";
	else if (strcmp(reply_type, "不予公开") == 0)
		what = "您要的信息依法不能公开，答复书写明了理由。";
	else if (strcmp(reply_type, "无法提供") == 0)
		what = "办理机关没有您要的信息，或者无法提供，答复书写明了原因。";
	else if (strcmp(reply_type, "不予处理") == 0)
		what = "办理机关依法不予处理这份申请，答复书写明了原因。";
	else
		what = "办理机关已经作出处理，详见答复书。";
	if (reply_sub && *reply_sub)
		snprintf(out, outlen, "%s（%s）%s", what, reply_sub, strcmp(reply_type, "予以公开") == 0 ? "" : appeal);
	else
		snprintf(out, outlen, "%s%s", what, strcmp(reply_type, "予以公开") == 0 ? "" : appeal);
}

/* Compares table-3 words, ignoring a leading "N." and the kind of quotes. */
static int sub_same(const char *a, const char *b)
{
	while (*a >= '0' && *a <= '9')
		a++;
	if (*a == '.' || *a == ',')
		a++;
	for (;;) {
		static const char *const quotes[] = { "“", "”", "\"", "‘", "’", NULL };
		int skipped = 1;

		while (skipped) {
			skipped = 0;
			for (int i = 0; quotes[i]; i++) {
				size_t n = strlen(quotes[i]);

				if (strncmp(a, quotes[i], n) == 0) {
					a += n;
					skipped = 1;
				}
				if (strncmp(b, quotes[i], n) == 0) {
					b += n;
					skipped = 1;
				}
			}
		}
		if (*a != *b)
			return 0;
		if (!*a)
			return 1;
		a++;
		b++;
	}
}

int apply_reply_sub_row(const char *reply_type, const char *reply_sub, const char *const **names)
{
	const char *const *list = NULL;

	if (strcmp(reply_type, "不予公开") == 0)
		list = sub_refuse;
	else if (strcmp(reply_type, "无法提供") == 0)
		list = sub_unable;
	else if (strcmp(reply_type, "不予处理") == 0)
		list = sub_ignore;
	else if (strcmp(reply_type, "其他处理") == 0)
		list = sub_other;
	if (names)
		*names = list;
	if (!list || !reply_sub)
		return 0;
	for (int i = 0; list[i]; i++)
		if (sub_same(reply_sub, list[i]))
			return i + 1;
	return 0;
}

/* ---- fees ---- */

long long apply_fee_by_count(long n)
{
	long long fen = 0;

	if (n > 10)
		fen += 10000LL * ((n < 30 ? n : 30) - 10);
	/* from the 31st, band b (0, 1, ...) of ten costs 100 * (b + 2) yuan each */
	for (long b = 0; n > 30 + 10 * b; b++) {
		long in_band = n - (30 + 10 * b);

		fen += 10000LL * (b + 2) * (in_band < 10 ? in_band : 10);
	}
	return fen;
}

long long apply_fee_by_pages(long pages)
{
	long long fen = 0;

	if (pages > 30)
		fen += 1000LL * ((pages < 100 ? pages : 100) - 30);
	if (pages > 100)
		fen += 2000LL * ((pages < 200 ? pages : 200) - 100);
	if (pages > 200)
		fen += 4000LL * (pages - 200);
	return fen;
}

