/*
 * fuzz_speech_text.c - libFuzzer harness for text to pinyin
 * (kiosk/speech_text.h), which reads bundle text aloud: bodies, guides,
 * answers, names. Any bytes go in; besides crashes and sanitizer reports it
 * aborts when a promise breaks: the result is not a NUL-terminated string of
 * printable ASCII for espeak-ng (lowercase letters, tone digits, spaces and
 * pause punctuation), or the numeral speller writes past its buffer or
 * returns something that is not UTF-8.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/speech_text.h"
#include "kiosk/width.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t unread = 0;
	char *py = speech_text_pinyin((const char *)data, size, &unread);
	char *sp = speech_text_spell((const char *)data, size);
	char buf[128];
	unsigned long long v = 0;

	if (!py || !sp)
		abort();
	for (const char *p = py; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			abort(); /* espeak-ng gets plain ASCII pinyin only */
	for (size_t i = 0; sp[i];) {
		uint32_t cp;
		int k = width_decode(sp + i, strlen(sp + i), &cp);

		if (k <= 0)
			abort();
		i += (size_t)k;
	}
	free(py);
	free(sp);
	for (size_t i = 0; i < size && i < 8; i++)
		v = v << 8 | data[i];
	v %= 10000000000000000ULL;
	if (speech_text_number(v, buf, sizeof buf) != buf || strlen(buf) >= sizeof buf)
		abort();
	return 0;
}
