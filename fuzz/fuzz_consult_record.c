/*
 * fuzz_consult_record.c - libFuzzer harness for the sealed consultation
 * record (db/consult.h db_consult_record_parse), which the county office
 * reads back from whatever a stick holds once a box opens: any bytes must
 * parse into every column (0) or into nothing (-1), never crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db/consult.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *v[CONSULT_NCOLS];
	char *copy = malloc(size + 1);

	if (!copy)
		abort();
	memcpy(copy, data, size);
	copy[size] = '\0';
	if (db_consult_record_parse(copy, size, v) == 0) {
		for (int i = 0; i < CONSULT_NCOLS; i++) {
			if (!v[i] || strlen(v[i]) > size)
				abort();
			free(v[i]);
		}
	}
	free(copy);
	return 0;
}
