/*
 * width.h - text measured in terminal columns, never bytes.
 *
 * Every label, cell and wrapped line the kiosk shows goes through here: a
 * UTF-8 string is decoded (an invalid byte becomes U+FFFD), each character
 * is measured with wcwidth() (the source ncursesw uses, so what we measure
 * is what the terminal draws), control characters become U+FFFD or a space,
 * bidi controls and zero-width characters are dropped (so a title cannot be
 * made to read as another), and a string too long for its cell is cut at a character boundary and
 * marked with "…". No curses here: the module links into unit tests.
 *
 * The caller must have set an UTF-8 LC_CTYPE (setlocale) for wcwidth();
 * CJK ideographs are treated as two columns even when it has not.
 */
#ifndef GK_WIDTH_H
#define GK_WIDTH_H

#include <stddef.h>
#include <stdint.h>

#include "kiosk/util.h"

#define WIDTH_REPLACEMENT 0xFFFDu /* shown for bytes that are not UTF-8 */
#define WIDTH_ELLIPSIS "\xE2\x80\xA6" /* "…", one column, marks a cut */

/* Decodes one UTF-8 character at s (n > 0 bytes available). Returns the
 * bytes it takes (1 for an invalid byte, which decodes as U+FFFD). */
int width_decode(const char *s, size_t n, uint32_t *cp);

/* Returns the columns a code point takes on screen: 0, 1 or 2. Control
 * characters and unassigned code points return -1 (show U+FFFD). */
int width_cp(uint32_t cp);

/* Returns 1 for a bidi control (U+061C, U+200E/F, U+202A-202E, U+2066-2069)
 * or a zero-width character (U+180E, U+200B-200D, U+2060-2064, U+FEFF): the
 * kiosk draws none of them, width_printable names them. */
int width_invisible(uint32_t cp);

/* Returns the columns of the first n bytes of s as width_fit would draw them. */
int width_strn(const char *s, size_t n);

/* Returns the columns of a NUL-terminated string (NULL is 0). */
int width_str(const char *s);

/* Appends one code point to out as UTF-8. */
void width_put(struct sbuf *out, uint32_t cp);

/* Appends the longest clean prefix of s (NULL = "") that fits in cols
 * columns: invalid bytes become U+FFFD, tabs and line breaks a space,
 * other controls U+FFFD, bidi controls and zero-width characters nothing. When s does not fit, it is cut at a character
 * boundary and ends with "…" within the cols. Returns the columns written. */
int width_fit(struct sbuf *out, const char *s, int cols);

/* Like width_fit, then pads with spaces to exactly cols columns. */
int width_pad(struct sbuf *out, const char *s, int cols);

/* Appends n bytes of s cleaned (see width_fit), uncut. */
void width_addn(struct sbuf *out, const char *s, size_t n);

/* Returns a newly allocated clean copy of s (see width_fit), uncut.
 * Caller frees. */
char *width_clean(const char *s);

/* Appends n bytes of s for a staff terminal, log or report line, uncut and
 * unmeasured: invalid bytes become U+FFFD; C0 controls (tab and line breaks
 * too) and DEL become the visible text "\x1B"; C1 controls, bidi controls,
 * zero-width characters and U+2028/2029 become "\u202E". Nothing it writes
 * can move the cursor, change colours or reorder the line. */
void width_printable_addn(struct sbuf *out, const char *s, size_t n);

/* Returns a newly allocated width_printable_addn copy of s (NULL = "").
 * Caller frees. */
char *width_printable(const char *s);

/* Returns the byte offset in s (NUL-terminated) where column col starts:
 * the first character that does not end at or before col. For clicks and
 * cursor placement. */
size_t width_offset(const char *s, int col);

/* Returns 1 when cp may not start a line (closing punctuation ，。」）…). */
int width_no_line_start(uint32_t cp);

/* Returns 1 when cp may not end a line (opening brackets 「（《…). */
int width_no_line_end(uint32_t cp);

#endif
