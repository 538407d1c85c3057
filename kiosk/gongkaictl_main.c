/*
 * gongkaictl_main.c - the staff command line (placeholder).
 */
#include <stdio.h>

/* Runs one staff command. */
int main(void)
{
	fputs("gongkaictl: not built yet\n", stderr);
	return 2;
}
