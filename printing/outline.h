/*
 * outline.h - showing text on the page through glyph outlines the kiosk
 * traces itself, so no character is ever printed as an empty glyph.
 *
 * Why: Debian 12's cairo (1.16.0) subsets CFF fonts such as Noto Sans CJK
 * with a charstring parser that does not clear its operand count after a
 * path operator. A hintmask that follows drawing operators is then sized
 * wrongly, the parser steps over the mask's last bytes, misses the local
 * subroutine the glyph calls next, and the subset it embeds lacks it: the
 * glyph prints empty (如 is one of them: local subr 26920 of FD 12) while
 * the text layer still says 如. Which glyphs suffer depends on the subset,
 * so no list of characters can fix it.
 *
 * How: each pango font is shown through a cairo user font whose glyphs are
 * the real font's outlines, traced through FreeType at 1000 units to the em
 * (cairo_glyph_path) and filled. The PDF then carries Type 3 glyphs drawn
 * from those paths, with the ToUnicode map cairo writes from the text
 * clusters, so the text layer stays whole. cairo's CFF subsetter is never
 * asked for anything.
 *
 * Whitespace gets no glyph at all (its cluster keeps the text), so an empty
 * glyph in our PDFs is always a defect: tests/tools/glyph_check.sh relies
 * on that. A character no font has is drawn as an open box, as pango does.
 */
#ifndef GK_PRINT_OUTLINE_H
#define GK_PRINT_OUTLINE_H

#include <cairo.h>
#include <pango/pangocairo.h>

/* The user fonts of one render (not shared between threads). */
struct outline_fonts;

struct outline_fonts *outline_new(void);
void outline_free(struct outline_fonts *o);

/* Shows glyphs of the real scaled font sf (as cairo_show_text_glyphs
 * would) through its traced twin. Glyph indices with
 * PANGO_GLYPH_UNKNOWN_FLAG draw an open box. */
void outline_show_glyphs(struct outline_fonts *o, cairo_t *cr, cairo_scaled_font_t *sf,
			 const char *utf8, int utf8_len, const cairo_glyph_t *glyphs, int nglyphs,
			 const cairo_text_cluster_t *clusters, int nclusters);

/* Shows one line of a layout with its baseline's left end at the current
 * point (as pango_cairo_show_layout_line). */
void outline_show_line(struct outline_fonts *o, cairo_t *cr, PangoLayoutLine *line);

/* Shows a whole layout with its top-left corner at the current point (as
 * pango_cairo_show_layout). */
void outline_show_layout(struct outline_fonts *o, cairo_t *cr, PangoLayout *layout);

/* Returns 1 for the characters printed without a glyph (spaces). */
int outline_blank(uint32_t cp);

#endif
