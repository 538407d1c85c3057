/*
 * fuzz_apply_record.c - libFuzzer harness for the sealed application
 * record (apply_record / apply_record_parse), which the county office
 * reads back from anything a stick holds once a box opens.
 *
 * Two passes over each input:
 *  1. The bytes as a record: apply_record_parse must return 0 or -1; on 0
 *     every one of the APPLY_NCOLS values is a NUL-terminated string (""
 *     for a missing column), on -1 every value is NULL.
 *  2. The bytes cut at NUL into the form's text answers and the stamp (so
 *     mutations reach tabs, line breaks, backslashes and invalid UTF-8 in
 *     every field): apply_record then apply_record_parse must give back
 *     each answer byte for byte in its column, the record must start with
 *     its magic line, and it must hold no line break or tab that is not a
 *     separator (one "<column>\t<value>\n" line per column).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/apply.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Returns the index of a column of apply_columns; aborts when missing. */
static int col(const char *name)
{
	for (int i = 0; i < APPLY_NCOLS; i++)
		if (strcmp(apply_columns[i], name) == 0)
			return i;
	abort();
}

/* Copies the next NUL-separated piece of the input into dst (cut to fit
 * dstlen) and advances *p. */
static void take(const uint8_t **p, const uint8_t *end, char *dst, size_t dstlen)
{
	const uint8_t *z = memchr(*p, 0, (size_t)(end - *p));
	size_t n = (size_t)((z ? z : end) - *p);

	if (n >= dstlen)
		n = dstlen - 1;
	memcpy(dst, *p, n);
	dst[n] = '\0';
	*p = z ? z + 1 : end;
}

/* Frees the values of a parsed record. */
static void free_values(char *v[APPLY_NCOLS])
{
	for (int i = 0; i < APPLY_NCOLS; i++)
		free(v[i]);
}

/* Pass 1: any bytes as a record. */
static void parse_any(const uint8_t *data, size_t size)
{
	char *v[APPLY_NCOLS];
	char *copy = malloc(size + 1);

	if (!copy)
		abort();
	memcpy(copy, data, size);
	copy[size] = '\0';
	if (apply_record_parse(copy, size, v) == 0) {
		for (int i = 0; i < APPLY_NCOLS; i++)
			if (!v[i] || strlen(v[i]) > size)
				abort();
		free_values(v);
	} else {
		for (int i = 0; i < APPLY_NCOLS; i++)
			if (v[i])
				abort();
	}
	free(copy);
}

/* Pass 2: answers from the input, sealed-record round trip. */
static void round_trip(const uint8_t *data, size_t size)
{
	static struct apply_form f;
	struct apply_stamp s;
	const uint8_t *p = data, *end = data + size;
	char *rec, *v[APPLY_NCOLS];
	size_t len = 0, lines = 0, tabs = 0;

	apply_form_wipe(&f);
	memset(&s, 0, sizeof s);
	if (size < 4)
		return;
	f.applicant = p[0] & 1;
	f.org_kind = p[1] % APPLY_ORG_N;
	f.id_type = p[2] % APPLY_ID_OTHER_N;
	f.medium = p[3] % APPLY_MEDIUM_N;
	f.pickup = (p[3] >> 2) % APPLY_PICKUP_N;
	f.by_staff = (p[3] >> 5) & 1;
	p += 4;
	take(&p, end, f.name, sizeof f.name);
	take(&p, end, f.id_no, sizeof f.id_no);
	take(&p, end, f.phone, sizeof f.phone);
	take(&p, end, f.address, sizeof f.address);
	take(&p, end, f.postcode, sizeof f.postcode);
	take(&p, end, f.email, sizeof f.email);
	take(&p, end, f.info, sizeof f.info);
	take(&p, end, f.doc_no, sizeof f.doc_no);
	take(&p, end, f.credit_code, sizeof f.credit_code);
	take(&p, end, f.legal_rep, sizeof f.legal_rep);
	take(&p, end, s.tracking_no, sizeof s.tracking_no);
	take(&p, end, s.submitted_at, sizeof s.submitted_at);
	take(&p, end, s.received_on, sizeof s.received_on);
	take(&p, end, s.due_on, sizeof s.due_on);

	rec = apply_record(&f, &s, &len);
	if (!rec || strlen(rec) != len || strncmp(rec, "gongkai-application 1\n", 22) != 0)
		abort();
	for (size_t i = 0; i < len; i++) {
		lines += rec[i] == '\n';
		tabs += rec[i] == '\t';
	}
	{
		size_t want = APPLY_NCOLS;

		if (lines != want + 1 || tabs != want)
			abort(); /* a value's own tab or line break was not escaped */
	}
	if (apply_record_parse(rec, len, v) != 0)
		abort();
	{
		const struct { const char *column, *value; } want[] = {
			{ "受理编号", s.tracking_no }, { "提交时间", s.submitted_at },
			{ "收到日期", s.received_on }, { "答复期限", s.due_on },
			{ "姓名或名称", f.name }, { "证件号码", f.id_no }, { "联系电话", f.phone },
			{ "通信地址", f.address }, { "邮政编码", f.postcode }, { "电子邮箱", f.email },
			{ "所需信息", f.info }, { "文号或索引号", f.doc_no },
			{ "证件类型", apply_id_types[f.id_type] }, { "提供方式", apply_media[f.medium] },
			{ "获取方式", apply_pickups[f.pickup] }, { "代为填写", f.by_staff ? "是" : "否" },
		};
		for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
			if (strcmp(v[col(want[i].column)], want[i].value) != 0)
				abort();
		if (strcmp(v[col("申请人类型")], "公民") != 0 && f.applicant == APPLY_CITIZEN)
			abort();
		/* an organisation's code and representative; "" for a citizen */
		if (strcmp(v[col("统一社会信用代码")], f.applicant == APPLY_ORG ? f.credit_code : "") != 0 ||
		    strcmp(v[col("法定代表人")], f.applicant == APPLY_ORG ? f.legal_rep : "") != 0)
			abort();
	}
	free_values(v);
	free(rec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parse_any(data, size);
	round_trip(data, size);
	return 0;
}
