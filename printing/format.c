/*
 * format.c - the small pure pieces of printing: money as yuan, masking of
 * ids and accounts, status names, and printer-state-reasons in plain
 * Chinese. No cairo, pango or CUPS here, so the screens can use them too.
 */
#include "printing/print.h"

#include <stdio.h>
#include <string.h>

/* Formats fen as yuan with thousands separators and two decimals. */
char *print_format_yuan(int64_t fen, char *out, size_t outlen)
{
	char digits[32], body[48];
	uint64_t mag;
	size_t n, i, o = 0;
	int neg = fen < 0;

	if (!out || outlen == 0)
		return out;
	/* Negate in unsigned arithmetic so INT64_MIN survives. */
	mag = neg ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
	snprintf(digits, sizeof digits, "%llu", (unsigned long long)(mag / 100));
	n = strlen(digits);
	if (neg)
		body[o++] = '-';
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			body[o++] = ',';
		body[o++] = digits[i];
	}
	snprintf(body + o, sizeof body - o, ".%02u", (unsigned)(mag % 100));
	snprintf(out, outlen, "%s", body);
	return out;
}

/* Copies in to out with the characters in [keep_head, len - keep_tail)
 * replaced by '*'; counts characters, not bytes. */
static char *mask_middle(const char *in, size_t keep_head, size_t keep_tail, char *out,
			 size_t outlen)
{
	size_t nchars = 0, i, ci = 0, o = 0;
	const unsigned char *p;

	for (p = (const unsigned char *)in; *p; p++)
		if ((*p & 0xC0) != 0x80)
			nchars++;
	if (keep_head + keep_tail >= nchars) {
		keep_head = 0;
		keep_tail = nchars > 4 ? 4 : 0;
	}
	for (i = 0; in[i] && o + 5 < outlen; ci++) {
		size_t len = 1;
		while ((in[i + len] & 0xC0) == 0x80)
			len++;
		if (ci < keep_head || ci >= nchars - keep_tail) {
			memcpy(out + o, in + i, len);
			o += len;
		} else {
			out[o++] = '*';
		}
		i += len;
	}
	out[o] = '\0';
	return out;
}

/* Masks a resident id for printing (前6位********后4位). */
char *print_mask_id(const char *id, char *out, size_t outlen)
{
	if (!out || outlen == 0)
		return out;
	if (!id)
		id = "";
	if (strchr(id, '*')) {
		snprintf(out, outlen, "%s", id);
		return out;
	}
	return mask_middle(id, 6, 4, out, outlen);
}

/* Masks an account number for printing (************后4位). */
char *print_mask_account(const char *acct, char *out, size_t outlen)
{
	if (!out || outlen == 0)
		return out;
	if (!acct)
		acct = "";
	if (strchr(acct, '*')) {
		snprintf(out, outlen, "%s", acct);
		return out;
	}
	return mask_middle(acct, 0, 4, out, outlen);
}

/* Returns a short English name of a print_status for logs. */
const char *print_status_name(int status)
{
	switch (status) {
	case PRINT_OK: return "PRINT_OK";
	case PRINT_E_INVALID: return "PRINT_E_INVALID";
	case PRINT_E_IO: return "PRINT_E_IO";
	case PRINT_E_DATA: return "PRINT_E_DATA";
	case PRINT_E_RANGE: return "PRINT_E_RANGE";
	case PRINT_E_NO_DEST: return "PRINT_E_NO_DEST";
	case PRINT_E_NO_DEFAULT: return "PRINT_E_NO_DEFAULT";
	case PRINT_E_DISABLED: return "PRINT_E_DISABLED";
	case PRINT_E_REJECTING: return "PRINT_E_REJECTING";
	case PRINT_E_SERVER: return "PRINT_E_SERVER";
	case PRINT_E_REFUSED: return "PRINT_E_REFUSED";
	case PRINT_E_ABORTED: return "PRINT_E_ABORTED";
	case PRINT_E_CANCELED: return "PRINT_E_CANCELED";
	case PRINT_E_PRINTER: return "PRINT_E_PRINTER";
	case PRINT_E_TIMEOUT: return "PRINT_E_TIMEOUT";
	default: return "PRINT_E_UNKNOWN";
	}
}

/* IPP state-reason keywords (without suffix) and what they mean to a
 * villager. Keep the words plain: who to ask and what happened. */
static const struct {
	const char *keyword;
	const char *text;
} reason_table[] = {
	{ "media-empty", "打印机缺纸，请联系工作人员" },
	{ "media-needed", "打印机缺纸，请联系工作人员" },
	{ "media-jam", "打印机卡纸，请联系工作人员" },
	{ "media-low", "打印纸快用完了" },
	{ "input-tray-missing", "打印机纸盒没有装好，请联系工作人员" },
	{ "output-area-full", "出纸口的纸已满，请取走纸张" },
	{ "output-area-almost-full", "出纸口的纸快满了" },
	{ "output-tray-missing", "打印机出纸盒没有装好，请联系工作人员" },
	{ "offline", "打印机没有连接或没有开机，请联系工作人员" },
	{ "connecting-to-device", "正在连接打印机" },
	{ "timed-out", "打印机没有响应，请联系工作人员" },
	{ "shutdown", "打印机已关机，请联系工作人员" },
	{ "toner-low", "墨粉不多了，打印可能偏淡" },
	{ "toner-empty", "墨粉用完了，请联系工作人员" },
	{ "marker-supply-low", "墨粉或墨水不多了，打印可能偏淡" },
	{ "marker-supply-empty", "墨粉或墨水用完了，请联系工作人员" },
	{ "marker-waste-almost-full", "打印机废粉盒快满了" },
	{ "marker-waste-full", "打印机废粉盒已满，请联系工作人员" },
	{ "developer-low", "打印机显影剂不足" },
	{ "developer-empty", "打印机显影剂用完了，请联系工作人员" },
	{ "opc-near-eol", "打印机硒鼓快到寿命了" },
	{ "opc-life-over", "打印机硒鼓需要更换，请联系工作人员" },
	{ "door-open", "打印机的门没有关好，请联系工作人员" },
	{ "cover-open", "打印机的盖子没有关好，请联系工作人员" },
	{ "interlock-open", "打印机的盖子没有关好，请联系工作人员" },
	{ "fuser-over-temp", "打印机过热，请稍后再试" },
	{ "fuser-under-temp", "打印机正在预热，请稍候" },
	{ "paused", "打印机已暂停，请联系工作人员" },
	{ "stopped", "打印机已停止工作，请联系工作人员" },
	{ "stopping", "打印机正在停止，请联系工作人员" },
	{ "spool-area-full", "打印队列已满，请稍后再试" },
	{ "moving-to-paused", "打印机正在暂停，请联系工作人员" },
	{ "cups-missing-filter", "打印机缺少驱动程序，请联系工作人员" },
	{ "cups-insecure-filter", "打印机驱动程序设置有误，请联系工作人员" },
	/* job-state-reasons */
	{ "aborted-by-system", "打印机出错，打印已中止，请联系工作人员" },
	{ "job-canceled-by-user", "打印已取消" },
	{ "job-canceled-by-operator", "工作人员取消了打印" },
	{ "job-canceled-at-device", "在打印机上取消了打印" },
	{ "document-format-error", "打印机无法识别这份文件，请联系工作人员" },
	{ "unsupported-document-format", "打印机无法识别这份文件，请联系工作人员" },
	{ "printer-stopped", "打印机已停止工作，请联系工作人员" },
	{ "job-hold-until-specified", "打印任务被暂缓，请联系工作人员" },
	{ "job-held-for-review", "打印任务等待工作人员审核" },
	{ "job-queued-for-retry", "打印机暂时无法打印，正在重试" },
};

/* Translates an IPP state-reason keyword into plain Chinese. */
const char *print_reason_text(const char *keyword)
{
	static const char *const suffixes[] = { "-error", "-warning", "-report" };
	char base[128];
	size_t n, i, k;

	if (!keyword || !*keyword)
		return NULL;
	n = strlen(keyword);
	if (n >= sizeof base)
		return NULL;
	memcpy(base, keyword, n + 1);
	for (k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++) {
		size_t sl = strlen(suffixes[k]);
		if (n > sl && strcmp(base + n - sl, suffixes[k]) == 0) {
			base[n - sl] = '\0';
			break;
		}
	}
	for (i = 0; i < sizeof reason_table / sizeof reason_table[0]; i++)
		if (strcmp(base, reason_table[i].keyword) == 0)
			return reason_table[i].text;
	if (strcmp(base, "none") == 0 || strncmp(base, "cups-", 5) == 0 ||
	    strncmp(base, "job-", 4) == 0 || strncmp(base, "com.", 4) == 0)
		return NULL;
	/* An unknown problem the printer calls an error still deserves words. */
	if (n > 6 && strcmp(keyword + n - 6, "-error") == 0)
		return "打印机出现故障，请联系工作人员";
	return NULL;
}
