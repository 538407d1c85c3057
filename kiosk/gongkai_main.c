/*
 * gongkai_main.c - the kiosk program (placeholder until the TUI lands).
 */
#include <stdio.h>

/* Starts the kiosk. */
int main(void)
{
	fputs("gongkai: the kiosk screens are not built yet\n", stderr);
	return 3;
}
