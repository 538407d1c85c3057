/*
 * layout.c - lays documents, guides and long lists out on A4 pages and
 * draws them into a PDF with cairo + pango.
 *
 * Everything on a page is a "row" of one or more cells, each a PangoLayout
 * in a box: a paragraph is a row with one unruled cell, a table row a row of
 * ruled cells. place() puts rows under each other and breaks pages; a row
 * too tall for the space left is cut between text lines (never through one)
 * and continues on the next page. Streamed tables repeat their header row
 * on each page and end each page with a subtotal.
 *
 * The whole document is laid out twice by the same code: a counting pass
 * without a cairo context, then the drawing pass, which knows the page
 * total for "第 N 页 / 共 M 页". Both passes use one PangoContext with fixed
 * font options (72 dpi, no hinting), so they break lines and pages alike.
 * Only the rows of the current page exist at any time: memory does not grow
 * with the length of a list.
 */
#include "printing/print.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <hb.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/doc.h"
#include "kiosk/qr.h"
#include "kiosk/util.h"
#include "kiosk/width.h"
#include "printing/outline.h"

/* A4 portrait in points, and the page furniture positions. Office laser
 * and inkjet printers cannot print the outer 4-13 mm, so nothing goes
 * nearer than 12 mm to any edge. */
#define PT_PER_MM (72.0 / 25.4)
#define PAGE_W 595.2756
#define PAGE_H 841.8898
#define MARGIN_X (16.0 * PT_PER_MM)
#define CONTENT_W (PAGE_W - 2 * MARGIN_X)
#define HEADER_Y (12.0 * PT_PER_MM)              /* top of the header text */
#define HEADER_RULE_Y (19.0 * PT_PER_MM)
#define CONTENT_TOP (23.0 * PT_PER_MM)
#define CONTENT_BOTTOM (PAGE_H - 22.0 * PT_PER_MM)
#define FOOTER_RULE_Y (PAGE_H - 19.5 * PT_PER_MM)
#define FOOTER_Y (PAGE_H - 18.0 * PT_PER_MM)     /* top of the footer text */
#define RULE_W 0.6
#define EPS 0.01

/* One family for all text. Every face of the family list that matters
 * (Noto Sans CJK SC and Noto Sans Mono CJK SC, which carries the Ext-A
 * ideographs such as 䶮 U+4DAE) lives in one font file sharing one CFF
 * table, so the PDF embeds one glyph program. cairo reads a whole CFF table
 * (15-23 MB for Noto CJK) to subset it, so each further face - a bold or a
 * serif - would cost that much memory again; emphasis is by size and
 * shading instead. Noto Serif CJK SC and DejaVu Sans are only fallbacks for
 * characters the Sans faces lack. */
#define FAMILY "Noto Sans CJK SC, Noto Sans Mono CJK SC, Noto Serif CJK SC, " \
	       "Droid Sans Fallback, DejaVu Sans"

enum style {
	ST_BODY,       /* document paragraphs */
	ST_CELL,       /* cells of a table inside a document body */
	ST_TITLE,      /* the big title on page 1 */
	ST_LABEL,      /* metadata and guide labels */
	ST_VALUE,      /* metadata values */
	ST_GUIDE,      /* guide values */
	ST_LIST,       /* streamed table cells */
	ST_LIST_HEAD,  /* streamed table header and totals */
	ST_SMALL,      /* notes under a table */
	ST_FURNITURE,  /* page header and footer */
	ST_STAMP,      /* the 失效/废止 stamp */
	NSTYLES
};

static const struct {
	int size_tenths; /* points * 10 */
	double spacing;  /* line height factor */
} styles[NSTYLES] = {
	[ST_BODY] = { 120, 1.45 },
	[ST_CELL] = { 105, 1.2 },
	[ST_TITLE] = { 180, 1.25 },
	[ST_LABEL] = { 100, 1.2 },
	[ST_VALUE] = { 105, 1.2 },
	[ST_GUIDE] = { 110, 1.35 },
	[ST_LIST] = { 90, 1.1 },
	[ST_LIST_HEAD] = { 90, 1.1 },
	[ST_SMALL] = { 95, 1.3 },
	[ST_FURNITURE] = { 85, 1.0 },
	[ST_STAMP] = { 110, 1.0 },
};

/* Layout pools: the rows being placed, the repeated table header and the
 * subtotal rows each need their own layouts at the same time. */
enum { POOL_ROW, POOL_HEAD, POOL_SUM, NPOOLS };

/* A cell's text is either a PangoLayout, or - the fast path for the
 * short single-line cells that make up most tables - a plain run of
 * glyphs of the primary face, measured and drawn without pango (see
 * fast_fit()). */
struct cell {
	PangoLayout *lay;  /* slow path: borrowed from a pool */
	struct sbuf *txt;  /* fast path: the clean text, borrowed from a pool */
	int fast;          /* which of the two */
	int style;
	double lx;         /* fast path: x of the text inside the text box */
	double x, w;       /* box, x relative to the content's left edge */
	int shade;         /* light grey background (labels, header) */
};

struct row {
	int n;
	struct cell c[PRINT_MAX_COLS];
	int ruled;         /* draw cell boxes */
	int keep;          /* move to the next page rather than split, if it fits there */
	double padx, pady; /* text inset inside the box */
	double gap;        /* space before the row, dropped at the top of a page */
	double text_h;     /* tallest cell text, filled by row_measure() */
};

/* Glyph of a BMP code point in the primary face, for the fast path. */
struct glyph {
	float adv;         /* advance in ems */
	uint16_t id;       /* glyph index */
	uint8_t state;     /* 0 not looked up, 1 usable, 2 not for the fast path */
};

/* State of a streamed table while it is being placed. */
struct table {
	const struct print_doc *doc;
	int money;                  /* index of the money column or -1 */
	double colx[PRINT_MAX_COLS], colw[PRINT_MAX_COLS];
	struct row head;            /* header row, repeated on every page */
	int active;                 /* repeat header / draw subtotals on page breaks */
	long page_rows, rows;
	int64_t page_fen, total_fen;
	double sum_h;               /* height of a subtotal row */
	double keep_h;              /* kept free on every page: the subtotal, and the
				     * total and note, so they never stand alone on a page */
};

struct pr {
	const struct print_doc *doc;
	PangoFontMap *fontmap;  /* private: its fonts and caches go when the render ends */
	PangoContext *pctx;
	PangoFontDescription *font[NSTYLES];
	PangoLayout *pool[NPOOLS][PRINT_MAX_COLS];
	PangoLayout *furn;      /* header/footer pieces */
	cairo_t *cr;            /* NULL in the counting pass */
	int page;               /* current page, 1-based */
	int total;              /* pages of the document (drawing pass) */
	int first, last;        /* pages that go into the file */
	double y;               /* where the next row goes */
	int fresh;              /* nothing but a repeated header on this page yet */
	double reserve;         /* kept free at the bottom (subtotal row) */
	struct table *tbl;      /* streamed table being placed, or NULL */
	int status;             /* first error, PRINT_OK while fine */
	char *err;
	size_t errlen;
	struct sbuf scratch;    /* cleaned text */
	char when[32];          /* print time for the footer */
	const char *mark;       /* "本件已失效" / "本件已废止" or NULL */
	const char *stamp;      /* "已失效" / "已废止" or NULL */
	long rows;              /* rows a streamed table yielded in this pass */
	int64_t total_fen;      /* and their total */

	/* Fast path: the primary face at each style's size, one line's height
	 * and baseline in each style, glyphs looked up once per code point. */
	PangoFont *sfont[NSTYLES];
	double line_h[NSTYLES], base[NSTYLES];
	hb_font_t *hb;          /* borrowed from sfont[0] */
	double hb_scale;        /* hb units per em */
	struct glyph *glyphs;   /* 65536 entries, owned */
	struct sbuf txt[NPOOLS][PRINT_MAX_COLS];
	/* Glyphs of the row being drawn, shown in one call per style. */
	int run_style, run_n, run_nc, run_cap;
	cairo_glyph_t *run_g;
	cairo_text_cluster_t *run_c;
	struct sbuf run_utf8;
	struct outline_fonts *ol; /* text goes on paper through traced outlines */
	double rule_y;          /* bottom rule of the last ruled row drawn, or -1 */
	/* Rules of the page, stroked once when it ends: line segments, and the
	 * column boundaries of the run of ruled rows being drawn, whose
	 * vertical rules go from the run's top to its bottom. */
	double *seg;            /* x0, y0, x1, y1 each */
	int nseg, segcap;
	double blk_x[PRINT_MAX_COLS + 1], blk_top, blk_bot;
	int blk_n;              /* boundaries in the run, 0 = no run */

	/* 大字版 of a list: the caller's document with fewer columns. */
	const struct print_doc *orig;   /* the caller's document */
	struct print_doc large_doc;     /* what is laid out instead */
	struct print_column lcols[PRINT_MAX_COLS];
	int lmap[PRINT_MAX_COLS];       /* large column -> the caller's column */
};

/* How much larger 大字版 sets every style but the page furniture. */
#define LARGE_SCALE 1.5
/* Most columns a 大字版 list keeps. */
#define LARGE_MAX_COLS 6

/* Returns the size of style in points, larger for 大字版. */
static double style_em(const struct pr *p, int style)
{
	double em = styles[style].size_tenths / 10.0;

	return p->doc && p->doc->large && style != ST_FURNITURE ? em * LARGE_SCALE : em;
}

#if defined(__SANITIZE_ADDRESS__)
/* LeakSanitizer hook for the ASan builds of every program that prints:
 * cairo 1.16 leaks a few hundred bytes in cairo_surface_finish() of each
 * PDF with embedded CFF fonts, and fontconfig keeps one buffer for good.
 * Neither is ours to fix, and the distribution libraries have no frame
 * pointers, so the reports only name the library. Weak, so a program can
 * still define its own list. */
const char *__lsan_default_suppressions(void);
__attribute__((weak)) const char *__lsan_default_suppressions(void)
{
	return "leak:libcairo.so\nleak:libfontconfig.so\n";
}
#endif

/* Converts pango units to points. */
static double pu(int v)
{
	return (double)v / PANGO_SCALE;
}

/* Returns 1 when the current page goes into the file. */
static int inked(const struct pr *p)
{
	return p->cr && p->page >= p->first && p->page <= p->last;
}

/* Appends n bytes of s to b as clean text: invalid bytes become U+FFFD,
 * control characters disappear, tabs become spaces and line breaks stay
 * only when keep_nl is set. */
static void clean_into(struct sbuf *b, const char *s, size_t n, int keep_nl)
{
	size_t i = 0;

	while (i < n) {
		unsigned char ch = (unsigned char)s[i];
		uint32_t cp;
		int len;

		if (ch < 0x80) {
			if (ch == '\n')
				sbuf_addc(b, keep_nl ? '\n' : ' ');
			else if (ch == '\t')
				sbuf_addc(b, ' ');
			else if (ch >= 0x20 && ch != 0x7F)
				sbuf_addc(b, (char)ch);
			i++;
			continue;
		}
		len = width_decode(s + i, n - i, &cp);
		/* C1 controls, bidi overrides and zero-width characters never
		 * reach paper: they could make a title read as another. */
		if ((cp >= 0x80 && cp < 0xA0) || width_invisible(cp)) {
			i += (size_t)len;
			continue;
		}
		if (cp == WIDTH_REPLACEMENT)
			width_put(b, cp);
		else
			sbuf_addn(b, s + i, (size_t)len);
		i += (size_t)len;
	}
}

/* Returns s (n bytes, or all of it when n is (size_t)-1) cleaned into the
 * scratch buffer; valid until the next call. */
static const char *clean(struct pr *p, const char *s, size_t n, int keep_nl)
{
	sbuf_reset(&p->scratch);
	if (s)
		clean_into(&p->scratch, s, n == (size_t)-1 ? strlen(s) : n, keep_nl);
	return sbuf_str(&p->scratch);
}

/* Records the first error. */
static void fail(struct pr *p, int status, const char *msg)
{
	if (p->status != PRINT_OK)
		return;
	p->status = status;
	util_errf(p->err, p->errlen, "%s", msg);
}

/* Sets a layout's style, width (<= 0: unbounded), alignment and clean text. */
static void setup_clean(struct pr *p, PangoLayout *l, int style, double width,
			PangoAlignment al, const char *clean_text)
{
	pango_layout_set_font_description(l, p->font[style]);
	pango_layout_set_width(l, width > 0 ? pango_units_from_double(width) : -1);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
	pango_layout_set_alignment(l, al);
	pango_layout_set_line_spacing(l, (float)styles[style].spacing);
	pango_layout_set_indent(l, 0);
	pango_layout_set_text(l, clean_text, -1);
}

/* Returns a layout's height in points. */
static double lay_height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return pu(h);
}

/* Sets a layout's style, width, alignment and n bytes of text (cleaned). */
static void setup(struct pr *p, PangoLayout *l, int style, double width, PangoAlignment al,
		  const char *text, size_t n, int keep_nl)
{
	setup_clean(p, l, style, width, al, clean(p, text, n, keep_nl));
}

/* Returns 1 when cp may take the fast path: scripts that need no
 * shaping, and none of the invisible or special characters pango treats
 * on its own (soft hyphen, zero-width and bidi controls, BOM). */
static int fast_cp(uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	if (cp >= 0xA0 && cp <= 0xFF)
		return cp != 0xAD;
	if (cp >= 0x2000 && cp <= 0x206F)
		return !(cp >= 0x200B && cp <= 0x200F) && !(cp >= 0x2028 && cp <= 0x202E) &&
		       cp < 0x2060;
	return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFF00 && cp <= 0xFFEF);
}

/* Returns the primary face's glyph for cp, or NULL when cp must go
 * through pango. */
static const struct glyph *glyph_of(struct pr *p, uint32_t cp)
{
	struct glyph *g;
	hb_codepoint_t id;

	if (!p->hb || cp > 0xFFFF || !fast_cp(cp))
		return NULL;
	g = &p->glyphs[cp];
	if (g->state == 0) {
		g->state = 2;
		if (hb_font_get_nominal_glyph(p->hb, cp, &id) && id > 0 && id <= 0xFFFF) {
			g->id = (uint16_t)id;
			g->adv = (float)(hb_font_get_glyph_h_advance(p->hb, id) / p->hb_scale);
			g->state = 1;
		}
	}
	return g->state == 1 ? g : NULL;
}

/* Decides whether a clean text can take the fast path in style within
 * width points: one line, every character in the primary face with room
 * to spare. Stores the text's width in *tw. */
static int fast_fit(struct pr *p, int style, double width, const char *text, double *tw)
{
	double em = style_em(p, style), sum = 0;
	size_t n = strlen(text), i = 0;

	if (!p->hb || width <= 0)
		return 0;
	while (i < n) {
		uint32_t cp;
		const struct glyph *g;

		i += (size_t)width_decode(text + i, n - i, &cp);
		if (!(g = glyph_of(p, cp)))
			return 0;
		sum += g->adv;
	}
	*tw = sum * em;
	/* Pango would kern and round; keep well clear of a line break. */
	return *tw <= width - 1.0;
}

/* Returns a cell's text height in points. */
static double cell_height(const struct pr *p, const struct cell *c)
{
	return c->fast ? p->line_h[c->style] : lay_height(c->lay);
}

/* Fills r->text_h with the tallest cell's text height. */
static void row_measure(const struct pr *p, struct row *r)
{
	r->text_h = 0;
	for (int i = 0; i < r->n; i++) {
		double h = cell_height(p, &r->c[i]);
		if (h > r->text_h)
			r->text_h = h;
	}
}

/* Shows the glyphs gathered for the current row. */
static void run_flush(struct pr *p)
{
	if (p->run_nc == 0)
		return;
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	outline_show_glyphs(p->ol, p->cr,
			    pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(p->sfont[p->run_style])),
			    p->run_utf8.s, (int)p->run_utf8.len, p->run_g, p->run_n, p->run_c,
			    p->run_nc);
	p->run_n = 0;
	p->run_nc = 0;
	sbuf_reset(&p->run_utf8);
}

/* Adds a fast cell's glyphs, its baseline's left end at (x, y). */
static void run_add(struct pr *p, const struct cell *c, double x, double y)
{
	const char *t = sbuf_str(c->txt);
	size_t n = c->txt->len, i = 0;
	double em = style_em(p, c->style);

	if (p->run_nc > 0 && p->run_style != c->style)
		run_flush(p);
	p->run_style = c->style;
	while (i < n) {
		uint32_t cp;
		int len = width_decode(t + i, n - i, &cp);
		const struct glyph *g = glyph_of(p, cp);

		if (p->run_nc == p->run_cap) {
			p->run_cap = p->run_cap ? 2 * p->run_cap : 256;
			p->run_g = xrealloc(p->run_g, (size_t)p->run_cap * sizeof *p->run_g);
			p->run_c = xrealloc(p->run_c, (size_t)p->run_cap * sizeof *p->run_c);
		}
		/* a space keeps its text but gets no glyph (outline.h) */
		p->run_c[p->run_nc].num_bytes = len;
		p->run_c[p->run_nc].num_glyphs = outline_blank(cp) ? 0 : 1;
		if (!outline_blank(cp)) {
			p->run_g[p->run_n].index = g ? g->id : 0;
			p->run_g[p->run_n].x = x;
			p->run_g[p->run_n].y = y;
			p->run_n++;
		}
		p->run_nc++;
		sbuf_addn(&p->run_utf8, t + i, (size_t)len);
		x += (g ? g->adv : 0) * em;
		i += (size_t)len;
	}
}

/* Draws the lines of cell c whose tops lie in [from, to) (text
 * coordinates), with the text's point `from` placed at (x, y). */
static void draw_slice(struct pr *p, const struct cell *c, double x, double y, double from,
		       double to)
{
	PangoLayoutIter *it;

	if (c->fast) {
		if (from <= EPS && to > EPS)
			run_add(p, c, x + c->lx, y + p->base[c->style] - from);
		return;
	}
	it = pango_layout_get_iter(c->lay);
	do {
		int y0, y1;
		PangoRectangle log;
		double top;

		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		top = pu(y0);
		if (top < from - EPS)
			continue;
		if (top >= to - EPS)
			break;
		pango_layout_iter_get_line_extents(it, NULL, &log);
		cairo_move_to(p->cr, x + pu(log.x),
			      y + pu(pango_layout_iter_get_baseline(it)) - from);
		outline_show_line(p->ol, p->cr, pango_layout_iter_get_line_readonly(it));
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/* Returns the largest cut <= limit that falls between lines in every cell,
 * so no text line is split across pages. */
static double find_cut(const struct pr *p, const struct row *r, double limit)
{
	double c = limit;
	int changed;

	do {
		changed = 0;
		for (int i = 0; i < r->n; i++) {
			PangoLayoutIter *it;

			if (r->c[i].fast) {
				if (c > EPS && p->line_h[r->c[i].style] > c + EPS) {
					c = 0;
					changed = 1;
				}
				continue;
			}
			it = pango_layout_get_iter(r->c[i].lay);
			do {
				int y0, y1;
				pango_layout_iter_get_line_yrange(it, &y0, &y1);
				if (pu(y0) >= c - EPS)
					break;
				if (pu(y1) > c + EPS) {
					c = pu(y0);
					changed = 1;
					break;
				}
			} while (pango_layout_iter_next_line(it));
			pango_layout_iter_free(it);
		}
	} while (changed);
	return c;
}

/* Returns the end of the first text line below off in any cell: the least
 * progress a cut must make on an empty page. */
static double first_line_end(const struct pr *p, const struct row *r, double off)
{
	double best = r->text_h;

	for (int i = 0; i < r->n; i++) {
		PangoLayoutIter *it;

		if (r->c[i].fast) {
			double h = p->line_h[r->c[i].style];
			if (h > off + EPS && h < best)
				best = h;
			continue;
		}
		it = pango_layout_get_iter(r->c[i].lay);
		do {
			int y0, y1;
			pango_layout_iter_get_line_yrange(it, &y0, &y1);
			if (pu(y1) > off + EPS) {
				if (pu(y1) < best)
					best = pu(y1);
				break;
			}
		} while (pango_layout_iter_next_line(it));
		pango_layout_iter_free(it);
	}
	return best;
}

/* Adds a rule from (x0, y0) to (x1, y1) to the page's rules. */
static void rule_add(struct pr *p, double x0, double y0, double x1, double y1)
{
	if (p->nseg == p->segcap) {
		p->segcap = p->segcap ? 2 * p->segcap : 256;
		p->seg = xrealloc(p->seg, (size_t)p->segcap * 4 * sizeof *p->seg);
	}
	p->seg[4 * p->nseg] = x0;
	p->seg[4 * p->nseg + 1] = y0;
	p->seg[4 * p->nseg + 2] = x1;
	p->seg[4 * p->nseg + 3] = y1;
	p->nseg++;
}

/* Ends the run of ruled rows: its vertical rules join the page's rules. */
static void rule_run_end(struct pr *p)
{
	for (int i = 0; i < p->blk_n; i++)
		rule_add(p, p->blk_x[i], p->blk_top, p->blk_x[i], p->blk_bot);
	p->blk_n = 0;
}

/* Strokes the page's rules as one path. */
static void rules_flush(struct pr *p)
{
	rule_run_end(p);
	if (p->nseg == 0)
		return;
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	cairo_set_line_width(p->cr, RULE_W);
	for (int i = 0; i < p->nseg; i++) {
		cairo_move_to(p->cr, p->seg[4 * i], p->seg[4 * i + 1]);
		cairo_line_to(p->cr, p->seg[4 * i + 2], p->seg[4 * i + 3]);
	}
	cairo_stroke(p->cr);
	p->nseg = 0;
}

/* Records the rules of a ruled row of height h at y: its top unless the
 * row above ends there, its bottom, and its column boundaries, which
 * extend the current run when they are the same. */
static void rule_row(struct pr *p, const struct row *r, double y, double h)
{
	double xs[PRINT_MAX_COLS + 1];
	int n = 0, same;

	for (int i = 0; i < r->n; i++)
		xs[n++] = MARGIN_X + r->c[i].x;
	xs[n] = MARGIN_X + r->c[r->n - 1].x + r->c[r->n - 1].w;
	n++;
	if (p->rule_y < y - EPS || p->rule_y > y + EPS)
		rule_add(p, xs[0], y, xs[n - 1], y);
	rule_add(p, xs[0], y + h, xs[n - 1], y + h);
	p->rule_y = y + h;
	same = p->blk_n == n && p->blk_bot > y - EPS && p->blk_bot < y + EPS;
	for (int i = 0; same && i < n; i++)
		same = p->blk_x[i] > xs[i] - EPS && p->blk_x[i] < xs[i] + EPS;
	if (same) {
		p->blk_bot = y + h;
		return;
	}
	rule_run_end(p);
	memcpy(p->blk_x, xs, (size_t)n * sizeof *xs);
	p->blk_n = n;
	p->blk_top = y;
	p->blk_bot = y + h;
}

/* Draws the part [from, to) of a row at the current position: shading
 * now, rules when the page ends (see rule_row), then the text. */
static void draw_row(struct pr *p, const struct row *r, double from, double to)
{
	cairo_t *cr = p->cr;
	double h = to - from + 2 * r->pady, y = p->y;

	if (!inked(p) || r->n == 0)
		return;
	for (int i = 0; i < r->n; i++) {
		if (!r->c[i].shade)
			continue;
		cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
		cairo_rectangle(cr, MARGIN_X + r->c[i].x, y, r->c[i].w, h);
		cairo_fill(cr);
	}
	if (r->ruled) {
		rule_row(p, r, y, h);
	} else {
		rule_run_end(p);
		p->rule_y = -1;
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int i = 0; i < r->n; i++)
		draw_slice(p, &r->c[i], MARGIN_X + r->c[i].x + r->padx, y + r->pady, from, to);
	run_flush(p);
}

/* Draws the header and footer of the current page. */
static void draw_furniture(struct pr *p)
{
	cairo_t *cr = p->cr;
	PangoLayout *l = p->furn;
	const struct print_doc *d = p->doc;
	double stamp_w = 0;
	char buf[160];
	int w, h;

	cairo_set_source_rgb(cr, 0, 0, 0);
	/* Header: kiosk name on the left, document title on the right. */
	if (p->stamp) {
		setup(p, l, ST_STAMP, -1, PANGO_ALIGN_LEFT, p->stamp, (size_t)-1, 0);
		pango_layout_get_size(l, &w, &h);
		stamp_w = pu(w) + 8;
		cairo_set_source_rgb(cr, 0.6, 0, 0);
		cairo_set_line_width(cr, 1.2);
		cairo_rectangle(cr, PAGE_W - MARGIN_X - stamp_w, HEADER_Y - 3, stamp_w, pu(h) + 4);
		cairo_stroke(cr);
		cairo_move_to(cr, PAGE_W - MARGIN_X - stamp_w + 4, HEADER_Y - 1);
		outline_show_layout(p->ol, cr, l);
		cairo_set_source_rgb(cr, 0, 0, 0);
		stamp_w += 6;
	}
	if (d->kiosk_name && *d->kiosk_name) {
		setup(p, l, ST_FURNITURE, CONTENT_W * 0.45, PANGO_ALIGN_LEFT, d->kiosk_name,
		      (size_t)-1, 0);
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		cairo_move_to(cr, MARGIN_X, HEADER_Y);
		outline_show_layout(p->ol, cr, l);
	}
	if (d->title && *d->title) {
		setup(p, l, ST_FURNITURE, CONTENT_W * 0.53 - stamp_w, PANGO_ALIGN_RIGHT,
		      d->title, (size_t)-1, 0);
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		cairo_move_to(cr, MARGIN_X + CONTENT_W * 0.47, HEADER_Y);
		outline_show_layout(p->ol, cr, l);
	}
	cairo_set_line_width(cr, RULE_W);
	cairo_move_to(cr, MARGIN_X, HEADER_RULE_Y);
	cairo_line_to(cr, PAGE_W - MARGIN_X, HEADER_RULE_Y);
	cairo_move_to(cr, MARGIN_X, FOOTER_RULE_Y);
	cairo_line_to(cr, PAGE_W - MARGIN_X, FOOTER_RULE_Y);
	cairo_stroke(cr);

	/* Footer: 索引号 and validity, page numbers, print time. */
	snprintf(buf, sizeof buf, "%s%s%s%s", d->index_no && *d->index_no ? "索引号：" : "",
		 d->index_no && *d->index_no ? d->index_no : "",
		 p->mark && d->index_no && *d->index_no ? "　" : "", p->mark ? p->mark : "");
	setup(p, l, ST_FURNITURE, CONTENT_W * 0.4, PANGO_ALIGN_LEFT, buf, (size_t)-1, 0);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	cairo_move_to(cr, MARGIN_X, FOOTER_Y);
	outline_show_layout(p->ol, cr, l);

	snprintf(buf, sizeof buf, "第 %d 页 / 共 %d 页", p->page, p->total);
	setup(p, l, ST_FURNITURE, CONTENT_W * 0.2, PANGO_ALIGN_CENTER, buf, (size_t)-1, 0);
	cairo_move_to(cr, MARGIN_X + CONTENT_W * 0.4, FOOTER_Y);
	outline_show_layout(p->ol, cr, l);

	snprintf(buf, sizeof buf, "打印时间：%s", p->when);
	setup(p, l, ST_FURNITURE, CONTENT_W * 0.4, PANGO_ALIGN_RIGHT, buf, (size_t)-1, 0);
	cairo_move_to(cr, MARGIN_X + CONTENT_W * 0.6, FOOTER_Y);
	outline_show_layout(p->ol, cr, l);
}

static void place(struct pr *p, struct row *r);

/* Draws the subtotal row of the current page of a streamed table. */
static void table_subtotal(struct pr *p, struct table *t, const char *label, long nrows,
			   int64_t fen);

/* Ends the current page: subtotal, header and footer, then the next page. */
static void page_end(struct pr *p)
{
	struct table *t = p->tbl;

	if (t && t->active && t->money >= 0) {
		char label[64];
		snprintf(label, sizeof label, "本页小计（%ld 条）", t->page_rows);
		p->reserve = 0;
		table_subtotal(p, t, label, t->page_rows, t->page_fen);
		p->reserve = t->keep_h;
		t->page_rows = 0;
		t->page_fen = 0;
	}
	if (inked(p)) {
		rules_flush(p);
		draw_furniture(p);
		cairo_show_page(p->cr);
	}
}

/* Ends the current page and starts the next, repeating a table header. */
static void new_page(struct pr *p)
{
	page_end(p);
	p->page++;
	p->y = CONTENT_TOP;
	p->fresh = 1;
	p->rule_y = -1;
	if (p->tbl && p->tbl->active) {
		struct row *h = &p->tbl->head;
		draw_row(p, h, 0, h->text_h);
		p->y += h->text_h + 2 * h->pady;
	}
}

/* Returns the space a row has on an empty page. */
static double capacity(const struct pr *p)
{
	double top = CONTENT_TOP;

	if (p->tbl && p->tbl->active)
		top += p->tbl->head.text_h + 2 * p->tbl->head.pady;
	return CONTENT_BOTTOM - p->reserve - top;
}

/* Places a row at the current position, breaking pages as needed; a row
 * that does not fit is moved whole to the next page when r->keep and it
 * fits there, otherwise cut between text lines. */
static void place(struct pr *p, struct row *r)
{
	double off = 0;

	row_measure(p, r);
	if (!p->fresh)
		p->y += r->gap;
	for (;;) {
		double avail = CONTENT_BOTTOM - p->reserve - p->y;
		double need = r->text_h - off + 2 * r->pady;
		double cut;

		if (need <= avail + EPS) {
			draw_row(p, r, off, r->text_h);
			p->y += need;
			p->fresh = 0;
			return;
		}
		if (!p->fresh && r->keep && need <= capacity(p) + EPS) {
			new_page(p);
			continue;
		}
		cut = find_cut(p, r, off + avail - 2 * r->pady);
		if (cut <= off + EPS) {
			if (!p->fresh) {
				new_page(p);
				continue;
			}
			cut = first_line_end(p, r, off); /* a line taller than a page */
		}
		draw_row(p, r, off, cut);
		p->y += cut - off + 2 * r->pady;
		p->fresh = 0;
		off = cut;
		new_page(p);
	}
}

/* Returns the display width of s in columns (CJK = 2), for sharing widths. */
static int text_cols(const char *s, size_t n)
{
	size_t i = 0;
	int cols = 0;

	while (i < n) {
		uint32_t cp;
		int w;

		i += (size_t)width_decode(s + i, n - i, &cp);
		w = width_cp(cp);
		if (cp >= 0x2E80 && w < 2)
			w = 2;
		cols += w > 0 ? w : 1;
	}
	return cols;
}

/* Sets columns' x and widths from relative weights over total width. */
static void share_widths(const int *weight, int n, double total, double *x, double *w)
{
	long sum = 0;
	double at = 0;

	for (int i = 0; i < n; i++)
		sum += weight[i] > 0 ? weight[i] : 1;
	for (int i = 0; i < n; i++) {
		w[i] = total * (weight[i] > 0 ? weight[i] : 1) / (double)sum;
		x[i] = at;
		at += w[i];
	}
}

/* Fills cell i of r with n bytes of text in a box at (x, w): the fast
 * path when the text fits it, else a pango layout. */
static void set_cell(struct pr *p, struct row *r, int pool, int i, int style, double x,
		     double w, PangoAlignment al, const char *text, size_t n, int keep_nl)
{
	struct cell *c = &r->c[i];
	double width = w - 2 * r->padx, tw;
	const char *t = clean(p, text ? text : "", text ? n : 0, keep_nl);

	c->x = x;
	c->w = w;
	c->shade = 0;
	c->style = style;
	c->lay = p->pool[pool][i];
	c->txt = &p->txt[pool][i];
	c->fast = !strchr(t, '\n') && fast_fit(p, style, width, t, &tw);
	if (c->fast) {
		sbuf_reset(c->txt);
		sbuf_add(c->txt, t);
		c->lx = al == PANGO_ALIGN_RIGHT ? width - tw : al == PANGO_ALIGN_CENTER ? (width - tw) / 2 : 0;
		return;
	}
	setup_clean(p, c->lay, style, width, al, t);
}

/* Places a paragraph of n bytes of text across the content width, its
 * first line indented by first points more than the others. */
static void place_para_first(struct pr *p, int style, PangoAlignment al, double indent,
			     double first, double gap, const char *text, size_t n)
{
	struct row r;
	struct cell *c = &r.c[0];

	memset(&r, 0, sizeof r);
	r.n = 1;
	r.gap = gap;
	set_cell(p, &r, POOL_ROW, 0, style, indent, CONTENT_W - indent, al, text, n, 1);
	if (first > 0 && c->fast) {
		double tw;

		if (fast_fit(p, style, c->w - 2 * r.padx - first, sbuf_str(c->txt), &tw)) {
			c->lx += first;
		} else {
			c->fast = 0;
			setup_clean(p, c->lay, style, c->w - 2 * r.padx, al, sbuf_str(c->txt));
		}
	}
	if (first > 0 && !c->fast)
		pango_layout_set_indent(c->lay, pango_units_from_double(first));
	place(p, &r);
}

/* Places a paragraph of n bytes of text across the content width. */
static void place_para(struct pr *p, int style, PangoAlignment al, double indent,
		       double gap, const char *text, size_t n)
{
	place_para_first(p, style, al, indent, 0, gap, text, n);
}

/* Places the big title. */
static void place_title(struct pr *p, const char *title)
{
	if (!title || !*title)
		return;
	place_para(p, ST_TITLE, PANGO_ALIGN_CENTER, 0, 12, title, strlen(title));
	p->y += 10;
}

/* Returns 1 when s is NULL, empty or only blanks. */
static int blank(const char *s)
{
	if (!s)
		return 1;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return *s == '\0';
}

/* Places one row of the metadata grid: pair a across the whole row when
 * b is NULL and wide, else a and b side by side (b NULL = an empty half). */
static void place_meta_row(struct pr *p, const struct print_pair *a, const struct print_pair *b,
			   int wide)
{
	const double lw = CONTENT_W * 0.14, vw = CONTENT_W * 0.36;
	const struct print_pair empty = { "", "" };
	struct row r;

	memset(&r, 0, sizeof r);
	r.ruled = 1;
	r.keep = 1;
	r.padx = 4;
	r.pady = 3;
	r.n = wide ? 2 : 4;
	for (int k = 0; k < r.n; k += 2) {
		const struct print_pair *m = k == 0 ? a : b ? b : &empty;
		const char *lab = m->label ? m->label : "", *val = m->value ? m->value : "";
		double x = k == 0 ? 0 : lw + vw;

		set_cell(p, &r, POOL_ROW, k, ST_LABEL, x, lw, PANGO_ALIGN_LEFT, lab, strlen(lab), 0);
		r.c[k].shade = 1;
		set_cell(p, &r, POOL_ROW, k + 1, ST_VALUE, x + lw, wide ? CONTENT_W - lw : vw,
			 PANGO_ALIGN_LEFT, val, strlen(val), 1);
	}
	place(p, &r);
}

/* Places label/value pairs as a ruled grid: two pairs a row in their
 * order; a long value (and the title) gets a whole row, right after the
 * row in progress. Pairs with an empty value are left out. */
static void place_meta(struct pr *p, const struct print_pair *m, size_t n)
{
	size_t *deferred = xmalloc((n + 1) * sizeof *deferred), nd = 0;
	const struct print_pair *half = NULL;

	for (size_t i = 0; i < n; i++) {
		const char *lab = m[i].label ? m[i].label : "", *val = m[i].value;

		if (blank(val))
			continue;
		if (strcmp(lab, "标题") == 0 || text_cols(val, strlen(val)) > 30) {
			if (half)
				deferred[nd++] = i;
			else
				place_meta_row(p, &m[i], NULL, 1);
		} else if (!half) {
			half = &m[i];
		} else {
			place_meta_row(p, half, &m[i], 0);
			half = NULL;
			for (size_t k = 0; k < nd; k++)
				place_meta_row(p, &m[deferred[k]], NULL, 1);
			nd = 0;
		}
	}
	if (half)
		place_meta_row(p, half, NULL, 0);
	for (size_t k = 0; k < nd; k++)
		place_meta_row(p, &m[deferred[k]], NULL, 1);
	free(deferred);
	p->y += 6;
}

/* Places a table of the body: each row ruled, columns sized by their
 * widest text. */
static void place_body_table(struct pr *p, const struct doc_block *b, double indent)
{
	int ncols = b->ncols, weight[PRINT_MAX_COLS] = { 0 };
	double x[PRINT_MAX_COLS], w[PRINT_MAX_COLS];

	if (ncols > PRINT_MAX_COLS)
		ncols = PRINT_MAX_COLS;
	for (int r = 0; r < b->nrows; r++)
		for (int i = 0; i < b->rows[r].ncells && i < ncols; i++) {
			int c = text_cols(b->rows[r].cells[i].s, b->rows[r].cells[i].n);

			c = c < 4 ? 4 : c > 40 ? 40 : c;
			if (c > weight[i])
				weight[i] = c;
		}
	share_widths(weight, ncols, CONTENT_W - indent, x, w);
	for (int k = 0; k < b->nrows; k++) {
		const struct doc_row *dr = &b->rows[k];
		struct row r;

		memset(&r, 0, sizeof r);
		r.ruled = 1;
		r.keep = 1;
		r.padx = 3;
		r.pady = 2.5;
		r.n = ncols;
		for (int i = 0; i < ncols; i++)
			set_cell(p, &r, POOL_ROW, i, ST_CELL, indent + x[i], w[i], PANGO_ALIGN_LEFT,
				 i < dr->ncells ? dr->cells[i].s : "", i < dr->ncells ? dr->cells[i].n : 0,
				 0);
		place(p, &r);
	}
}

/* Places a document body as kiosk/doc.h parses it (the screen reader
 * follows the same parse). Body paragraphs take a first-line indent of two
 * characters (GB/T 9704); paragraphs are set apart by more than their
 * lines are (half an em), a blank line in the source by a whole em. */
static void place_body(struct pr *p, const char *body)
{
	const double em = style_em(p, ST_BODY);
	struct doc d;

	doc_parse(body, &d);
	for (int i = 0; i < d.n; i++) {
		const struct doc_block *b = &d.blocks[i];
		double indent = b->level * em;
		double gap = i == 0 ? 3 : b->gap ? em : em * 0.5;

		if (b->kind == DOC_PARA && b->sign) {
			/* 落款: right, two characters in from the edge */
			place_para_first(p, ST_BODY, PANGO_ALIGN_RIGHT, 0, 0, gap, b->text, b->len);
			continue;
		}
		if (b->kind == DOC_PARA) {
			double keep = 0, save = p->reserve;

			/* the text above the 落款 leaves it room: no page holds
			 * the 落款 alone */
			if (i + 1 < d.n && d.blocks[i + 1].sign)
				for (int k = i + 1; k < d.n; k++)
					keep += p->line_h[ST_BODY] + em;
			p->reserve += keep;
			place_para_first(p, ST_BODY, PANGO_ALIGN_LEFT, indent,
					 b->body_indent ? 2 * em : 0, gap, b->text, b->len);
			p->reserve = save;
		} else {
			p->y += p->fresh ? 0 : gap + 2;
			place_body_table(p, b, indent);
			p->y += 4;
		}
	}
	doc_free(&d);
}

/* Side of a printed QR code in points: an inch, read by any phone. */
#define QR_SIDE 72.0

/* Places the QR block of page 1: the caption and the encoded text on the
 * left, the code on the right with a quiet zone of more than four modules
 * around it (paper, the margin and a gap). */
static void place_qr(struct pr *p)
{
	const struct print_doc *d = p->doc;
	const double gap = 16;
	struct qr q;
	struct row r;
	char *text;
	double top;

	if (!d->qr_text || !*d->qr_text || qr_make(d->qr_text, &q) < 0)
		return;
	text = xasprintf("%s%s%s", d->qr_caption ? d->qr_caption : "",
			 d->qr_caption && *d->qr_caption ? "\n" : "", d->qr_text);
	memset(&r, 0, sizeof r);
	r.n = 1;
	r.gap = 8;
	r.keep = 1;
	set_cell(p, &r, POOL_ROW, 0, ST_SMALL, 0, CONTENT_W - QR_SIDE - gap, PANGO_ALIGN_LEFT, text,
		 strlen(text), 1);
	free(text);
	row_measure(p, &r);
	if (r.text_h < QR_SIDE)
		r.pady = (QR_SIDE - r.text_h) / 2;
	place(p, &r);
	top = p->y - (r.text_h + 2 * r.pady);
	if (inked(p)) {
		double mod = QR_SIDE / q.size, x0 = MARGIN_X + CONTENT_W - QR_SIDE;

		cairo_save(p->cr);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		for (int y = 0; y < q.size; y++)
			for (int x = 0; x < q.size;) {
				int run = 0;

				while (x + run < q.size && qr_dark(&q, x + run, y))
					run++;
				if (run) {
					cairo_rectangle(p->cr, x0 + x * mod, top + y * mod, run * mod, mod);
					x += run;
				} else {
					x++;
				}
			}
		cairo_fill(p->cr);
		cairo_restore(p->cr);
	}
	qr_free(&q);
	p->y += 6;
}

/* Places a guide sheet: one ruled row per field, label left, value right. */
static void place_guide(struct pr *p, const struct print_pair *f, size_t n)
{
	const double lw = CONTENT_W * 0.2;

	for (size_t i = 0; i < n; i++) {
		struct row r;
		const char *lab = f[i].label ? f[i].label : "";
		const char *val = f[i].value ? f[i].value : "";

		memset(&r, 0, sizeof r);
		r.ruled = 1;
		r.keep = 1;
		r.padx = 5;
		r.pady = 4;
		r.n = 2;
		set_cell(p, &r, POOL_ROW, 0, ST_LABEL, 0, lw, PANGO_ALIGN_LEFT, lab, strlen(lab), 0);
		r.c[0].shade = 1;
		set_cell(p, &r, POOL_ROW, 1, ST_GUIDE, lw, CONTENT_W - lw, PANGO_ALIGN_LEFT, val,
			 strlen(val), 1);
		place(p, &r);
	}
}

/* Builds a row of cells spanning columns: the label across the columns
 * before the money column, the amount in it, blanks after it. */
static void build_sum_row(struct pr *p, struct table *t, struct row *r, const char *label,
			  int64_t fen)
{
	int nc = t->doc->ncolumns, m = t->money, k = 0;
	char yuan[32];
	double right = t->colx[nc - 1] + t->colw[nc - 1];

	double mx = t->colx[m], mw = t->colw[m];
	int tw, th;

	memset(r, 0, sizeof *r);
	r->ruled = 1;
	r->padx = 3;
	r->pady = 2.5;
	print_format_yuan(fen, yuan, sizeof yuan);
	/* A total wider than its column takes room from the label on its left. */
	setup(p, p->furn, ST_LIST_HEAD, -1, PANGO_ALIGN_LEFT, yuan, strlen(yuan), 0);
	pango_layout_get_size(p->furn, &tw, &th);
	if (m > 0 && pu(tw) + 2 * r->padx + 1 > mw) {
		double need = pu(tw) + 2 * r->padx + 1;
		if (need > mx + mw - 20)
			need = mx + mw - 20;
		mx = mx + mw - need;
		mw = need;
	}
	if (m > 0) {
		set_cell(p, r, POOL_SUM, k++, ST_LIST_HEAD, 0, mx, PANGO_ALIGN_RIGHT,
			 label, strlen(label), 0);
	}
	set_cell(p, r, POOL_SUM, k++, ST_LIST_HEAD, mx, mw, PANGO_ALIGN_RIGHT,
		 yuan, strlen(yuan), 0);
	if (m < nc - 1) {
		double x = t->colx[m + 1];
		set_cell(p, r, POOL_SUM, k++, ST_LIST_HEAD, x, right - x, PANGO_ALIGN_LEFT,
			 m == 0 ? label : "", m == 0 ? strlen(label) : 0, 0);
	}
	r->n = k;
	row_measure(p, r);
}

/* Draws a subtotal/total row at the current position (space is reserved). */
static void table_subtotal(struct pr *p, struct table *t, const char *label, long nrows,
			   int64_t fen)
{
	struct row r;

	(void)nrows;
	build_sum_row(p, t, &r, label, fen);
	draw_row(p, &r, 0, r.text_h);
	p->y += r.text_h + 2 * r.pady;
}

/* Fills cell text for column i of a streamed row. */
static const char *list_cell_text(const struct print_column *col, const struct print_row *row,
				  int i, char *buf, size_t buflen)
{
	const char *v = row->cells[i] ? row->cells[i] : "";

	switch (col->type) {
	case PRINT_COL_MONEY:
		return print_format_yuan(row->amount_fen, buf, buflen);
	case PRINT_COL_ID:
		return print_mask_id(v, buf, buflen);
	case PRINT_COL_ACCOUNT:
		return print_mask_account(v, buf, buflen);
	default:
		return v;
	}
}

/* Rows read to size the columns of a streamed table: enough to know its
 * content, bounded for county-sized lists. */
#define MEASURE_ROWS 5000

/* Sizes the columns of a streamed table by their content: each column
 * gets a share by its widest cell (as printed, at most 40 columns) of the
 * first MEASURE_ROWS rows, and never less than its header's words up to
 * five characters (so 补贴依据 and 村（社区） does not wrap while wider columns have
 * room). The callers' weights stand when there are no rows. */
static void measure_columns(struct pr *p, int *weight)
{
	const struct print_doc *d = p->doc;
	int widest[PRINT_MAX_COLS] = { 0 };
	char ebuf[256], buf[128];
	long idx;

	for (idx = 0; idx < MEASURE_ROWS; idx++) {
		struct print_row row;

		memset(&row, 0, sizeof row);
		if (d->rows(d->rows_ctx, idx, &row, ebuf, sizeof ebuf) <= 0)
			break;
		for (int i = 0; i < d->ncolumns; i++) {
			const char *v = list_cell_text(&d->columns[i], &row, i, buf, sizeof buf);
			int c = text_cols(v, strlen(v));

			if (c > widest[i])
				widest[i] = c > 40 ? 40 : c;
		}
	}
	if (idx == 0)
		return;
	for (int i = 0; i < d->ncolumns; i++) {
		const char *title = d->columns[i].title ? d->columns[i].title : "";
		int h = text_cols(title, strlen(title));

		weight[i] = widest[i] + 2;
		h = h <= 10 ? h : 8;
		if (weight[i] < h + 2)
			weight[i] = h + 2;
	}
}

/* Places a streamed table: header repeated per page, rows from the
 * callback, page subtotals and a grand total when there is money. */
static void place_table(struct pr *p)
{
	const struct print_doc *d = p->doc;
	struct table t;
	int weight[PRINT_MAX_COLS] = { 0 };
	char ebuf[256], cellbuf[PRINT_MAX_COLS][128];
	long idx;

	memset(&t, 0, sizeof t);
	t.doc = d;
	t.money = -1;
	for (int i = 0; i < d->ncolumns; i++) {
		const char *title = d->columns[i].title ? d->columns[i].title : "";
		int c = text_cols(title, strlen(title));
		weight[i] = d->columns[i].weight > 0 ? d->columns[i].weight : (c < 4 ? 4 : c);
		if (d->columns[i].type == PRINT_COL_MONEY)
			t.money = i;
	}
	measure_columns(p, weight);
	share_widths(weight, d->ncolumns, CONTENT_W, t.colx, t.colw);

	/* The header row, placed once here and repeated by new_page(). */
	t.head.ruled = 1;
	t.head.keep = 1;
	t.head.padx = 3;
	t.head.pady = 3;
	t.head.n = d->ncolumns;
	for (int i = 0; i < d->ncolumns; i++) {
		const char *title = d->columns[i].title ? d->columns[i].title : "";
		set_cell(p, &t.head, POOL_HEAD, i, ST_LIST_HEAD, t.colx[i], t.colw[i],
			 PANGO_ALIGN_CENTER, title, strlen(title), 0);
		t.head.c[i].shade = 1;
	}
	row_measure(p, &t.head);
	if (t.money >= 0) {
		struct row s;
		build_sum_row(p, &t, &s, "本页小计", 0);
		t.sum_h = s.text_h + 2 * s.pady;
	}
	/* The header must start on a page with room for it and a first row. */
	/* Room for what ends the list - the last subtotal, the total (or the
	 * count) and a short note - is kept on every page, so the list never
	 * ends on a page holding only its total: the total stays with its
	 * last rows. */
	t.keep_h = (t.money >= 0 ? 2 * t.sum_h : p->line_h[ST_SMALL] + 4) + 8;
	if (!blank(d->note)) {
		setup(p, p->furn, ST_SMALL, CONTENT_W, PANGO_ALIGN_LEFT, d->note, strlen(d->note), 1);
		if (pango_layout_get_line_count(p->furn) <= 3)
			t.keep_h += lay_height(p->furn) + 8;
	}
	if (CONTENT_BOTTOM - p->y < (t.head.text_h + t.sum_h) * 2 + 40 + t.keep_h)
		new_page(p);
	p->tbl = &t;
	place(p, &t.head);
	t.active = 1;
	p->reserve = t.keep_h;

	for (idx = 0;; idx++) {
		struct print_row row;
		struct row r;
		int rc;

		memset(&row, 0, sizeof row);
		ebuf[0] = '\0';
		rc = d->rows(d->rows_ctx, idx, &row, ebuf, sizeof ebuf);
		if (rc < 0) {
			fail(p, PRINT_E_DATA, ebuf[0] ? ebuf : "读取列表数据失败");
			break;
		}
		if (rc == 0)
			break;
		memset(&r, 0, sizeof r);
		r.ruled = 1;
		r.keep = 1;
		r.padx = 3;
		r.pady = 2.2;
		r.n = d->ncolumns;
		for (int i = 0; i < d->ncolumns; i++) {
			const struct print_column *col = &d->columns[i];
			const char *v = list_cell_text(col, &row, i, cellbuf[i], sizeof cellbuf[i]);
			PangoAlignment al = col->type == PRINT_COL_MONEY || col->type == PRINT_COL_NUMBER
						    ? PANGO_ALIGN_RIGHT
						    : PANGO_ALIGN_LEFT;
			set_cell(p, &r, POOL_ROW, i, ST_LIST, t.colx[i], t.colw[i], al, v, strlen(v), 0);
		}
		place(p, &r);
		t.page_rows++;
		t.rows++;
		if (t.money >= 0) {
			if (__builtin_add_overflow(t.page_fen, row.amount_fen, &t.page_fen) ||
			    __builtin_add_overflow(t.total_fen, row.amount_fen, &t.total_fen)) {
				fail(p, PRINT_E_DATA, "金额合计超出范围");
				break;
			}
		}
	}
	if (t.rows == 0) {
		struct row r;
		memset(&r, 0, sizeof r);
		r.ruled = 1;
		r.padx = 3;
		r.pady = 3;
		r.n = 1;
		set_cell(p, &r, POOL_ROW, 0, ST_LIST, 0, CONTENT_W, PANGO_ALIGN_CENTER, "（没有记录）",
			 strlen("（没有记录）"), 0);
		place(p, &r);
	}
	/* Last page: its subtotal, then the grand total (on a new page if needed). */
	if (t.money >= 0) {
		char label[64];
		struct row r;

		snprintf(label, sizeof label, "本页小计（%ld 条）", t.page_rows);
		p->reserve = 0;
		table_subtotal(p, &t, label, t.page_rows, t.page_fen);
		t.active = 0;
		snprintf(label, sizeof label, "合计（共 %ld 条）", t.rows);
		build_sum_row(p, &t, &r, label, t.total_fen);
		r.keep = 1;
		place(p, &r);
	} else {
		char label[64];
		t.active = 0;
		p->reserve = 0;
		snprintf(label, sizeof label, "共 %ld 条", t.rows);
		place_para(p, ST_SMALL, PANGO_ALIGN_RIGHT, 0, 4, label, strlen(label));
	}
	p->tbl = NULL;
	p->reserve = 0;
	if (!blank(d->note))
		place_para(p, ST_SMALL, PANGO_ALIGN_LEFT, 0, 8, d->note, strlen(d->note));
	p->rows = t.rows;
	p->total_fen = t.total_fen;
}

/* Lays the whole document out once (drawing it when p->cr is set). */
static void run(struct pr *p)
{
	const struct print_doc *d = p->doc;

	p->page = 1;
	p->y = CONTENT_TOP;
	p->fresh = 1;
	p->rule_y = -1;
	p->reserve = 0;
	p->tbl = NULL;
	p->rows = 0;
	p->total_fen = 0;
	switch (d->kind) {
	case PRINT_KIND_DOC:
		if (d->nmeta > 0)
			place_meta(p, d->meta, d->nmeta);
		place_qr(p);
		place_title(p, d->title);
		place_body(p, d->body);
		break;
	case PRINT_KIND_GUIDE:
		place_title(p, d->title);
		if (d->nmeta > 0)
			place_meta(p, d->meta, d->nmeta);
		place_qr(p);
		place_guide(p, d->fields, d->nfields);
		break;
	case PRINT_KIND_TABLE:
		place_title(p, d->title);
		if (d->nmeta > 0)
			place_meta(p, d->meta, d->nmeta);
		place_table(p);
		break;
	}
	page_end(p);
}

/* The row source of a 大字版 list: the caller's row, its cells moved to the
 * columns kept. */
static int large_rows(void *ctx, long index, struct print_row *row, char *err, size_t errlen)
{
	struct pr *p = ctx;
	struct print_row full;
	int rc;

	memset(&full, 0, sizeof full);
	rc = p->orig->rows(p->orig->rows_ctx, index, &full, err, errlen);
	if (rc == 1) {
		memset(row, 0, sizeof *row);
		for (int k = 0; k < p->large_doc.ncolumns; k++)
			row->cells[k] = full.cells[p->lmap[k]];
		row->amount_fen = full.amount_fen;
	}
	return rc;
}

/* For a 大字版 list with more than LARGE_MAX_COLS columns, lays out a copy
 * without the least useful ones: masked resident ids first, then masked
 * account numbers (both still printed on the normal list). */
static void large_columns(struct pr *p, const struct print_doc *d)
{
	static const enum print_col_type drop[] = { PRINT_COL_ID, PRINT_COL_ACCOUNT };
	int keep[PRINT_MAX_COLS], n = d->ncolumns;

	for (int i = 0; i < n; i++)
		keep[i] = 1;
	for (size_t k = 0; k < sizeof drop / sizeof drop[0]; k++)
		for (int i = 0; i < d->ncolumns && n > LARGE_MAX_COLS; i++)
			if (keep[i] && d->columns[i].type == drop[k]) {
				keep[i] = 0;
				n--;
			}
	if (n == d->ncolumns)
		return;
	p->orig = d;
	p->large_doc = *d;
	n = 0;
	for (int i = 0; i < d->ncolumns; i++)
		if (keep[i]) {
			p->lcols[n] = d->columns[i];
			p->lmap[n++] = i;
		}
	p->large_doc.columns = p->lcols;
	p->large_doc.ncolumns = n;
	p->large_doc.rows = large_rows;
	p->large_doc.rows_ctx = p;
	p->doc = &p->large_doc;
}

/* Prepares fonts, the pango context and layouts for doc. */
static void pr_init(struct pr *p, const struct print_doc *d, char *err, size_t errlen)
{
	cairo_font_options_t *fo;

	memset(p, 0, sizeof *p);
	p->doc = d;
	if (d->large && d->kind == PRINT_KIND_TABLE)
		large_columns(p, d);
	d = p->doc;
	p->err = err;
	p->errlen = errlen;
	p->status = PRINT_OK;
	p->first = 1;
	p->last = 0x7fffffff;
	/* A private font map, so a long-running kiosk does not keep the fonts
	 * mapped after printing. One context for both passes, with fixed font
	 * options: 72 dpi makes
	 * pango points PDF points; unhinted metrics break lines the same way
	 * whether or not a surface is attached. */
	p->fontmap = pango_cairo_font_map_new();
	p->pctx = pango_font_map_create_context(p->fontmap);
	pango_cairo_context_set_resolution(p->pctx, 72.0);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(p->pctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_language(p->pctx, pango_language_from_string("zh-cn"));
	pango_context_set_base_dir(p->pctx, PANGO_DIRECTION_LTR);
	pango_context_set_round_glyph_positions(p->pctx, FALSE);
	for (int i = 0; i < NSTYLES; i++) {
		p->font[i] = pango_font_description_new();
		pango_font_description_set_family(p->font[i], FAMILY);
		pango_font_description_set_size(p->font[i], (int)(style_em(p, i) * PANGO_SCALE));
	}
	for (int k = 0; k < NPOOLS; k++)
		for (int i = 0; i < PRINT_MAX_COLS; i++)
			p->pool[k][i] = pango_layout_new(p->pctx);
	p->furn = pango_layout_new(p->pctx);

	/* The fast path: the face pango puts first for these descriptions,
	 * one line's height and baseline per style as pango lays it out. */
	for (int i = 0; i < NSTYLES; i++) {
		p->sfont[i] = pango_font_map_load_font(p->fontmap, p->pctx, p->font[i]);
		setup_clean(p, p->furn, i, -1, PANGO_ALIGN_LEFT, "国");
		p->line_h[i] = lay_height(p->furn);
		p->base[i] = pu(pango_layout_get_baseline(p->furn));
	}
	if (p->sfont[0] && (p->hb = pango_font_get_hb_font(p->sfont[0]))) {
		int xs, ys;
		hb_font_get_scale(p->hb, &xs, &ys);
		p->hb_scale = xs;
		if (xs <= 0)
			p->hb = NULL;
	}
	for (int i = 1; i < NSTYLES && p->hb; i++)
		if (!p->sfont[i] || pango_font_get_hb_font(p->sfont[i]) == NULL)
			p->hb = NULL;
	p->glyphs = xcalloc(0x10000, sizeof *p->glyphs);
	p->ol = outline_new();

	if (d->print_time && *d->print_time) {
		snprintf(p->when, sizeof p->when, "%s", clean(p, d->print_time, (size_t)-1, 0));
	} else {
		char now[20];
		util_now(now);
		snprintf(p->when, sizeof p->when, "%.16s", now);
	}
	if (d->validity && strstr(d->validity, "失效")) {
		p->mark = "本件已失效";
		p->stamp = "已失效";
	} else if (d->validity && strstr(d->validity, "废止")) {
		p->mark = "本件已废止";
		p->stamp = "已废止";
	}
}

/* Frees what pr_init made. */
static void pr_free(struct pr *p)
{
	for (int k = 0; k < NPOOLS; k++)
		for (int i = 0; i < PRINT_MAX_COLS; i++)
			g_object_unref(p->pool[k][i]);
	g_object_unref(p->furn);
	for (int i = 0; i < NSTYLES; i++)
		if (p->sfont[i])
			g_object_unref(p->sfont[i]);
	for (int k = 0; k < NPOOLS; k++)
		for (int i = 0; i < PRINT_MAX_COLS; i++)
			sbuf_free(&p->txt[k][i]);
	free(p->glyphs);
	outline_free(p->ol);
	free(p->run_g);
	free(p->seg);
	free(p->run_c);
	sbuf_free(&p->run_utf8);
	for (int i = 0; i < NSTYLES; i++)
		pango_font_description_free(p->font[i]);
	g_object_unref(p->pctx);
	g_object_unref(p->fontmap);
	sbuf_free(&p->scratch);
}

/* Checks that doc can be laid out. */
static int validate(const struct print_doc *d, char *err, size_t errlen)
{
	int money = 0;

	if (!d) {
		util_errf(err, errlen, "没有要打印的内容");
		return PRINT_E_INVALID;
	}
	if ((d->nmeta > 0 && !d->meta) || (d->nfields > 0 && !d->fields)) {
		util_errf(err, errlen, "打印内容不完整");
		return PRINT_E_INVALID;
	}
	switch (d->kind) {
	case PRINT_KIND_DOC:
	case PRINT_KIND_GUIDE:
		return PRINT_OK;
	case PRINT_KIND_TABLE:
		if (d->ncolumns < 1 || d->ncolumns > PRINT_MAX_COLS || !d->columns || !d->rows) {
			util_errf(err, errlen, "列表的列设置有误（1 到 %d 列）", PRINT_MAX_COLS);
			return PRINT_E_INVALID;
		}
		for (int i = 0; i < d->ncolumns; i++)
			money += d->columns[i].type == PRINT_COL_MONEY;
		if (money > 1) {
			util_errf(err, errlen, "列表只能有一个金额列");
			return PRINT_E_INVALID;
		}
		return PRINT_OK;
	}
	util_errf(err, errlen, "未知的打印内容类型");
	return PRINT_E_INVALID;
}

/* Lays doc out without writing anything and returns its page count. */
int print_count_pages(const struct print_doc *doc, int *pages, char *err, size_t errlen)
{
	struct pr p;
	int status;

	if (pages)
		*pages = 0;
	if ((status = validate(doc, err, errlen)) != PRINT_OK)
		return status;
	pr_init(&p, doc, err, errlen);
	run(&p);
	status = p.status;
	if (status == PRINT_OK && pages)
		*pages = p.page;
	pr_free(&p);
	return status;
}

/* Renders pages first..last of doc into a PDF at path. */
int print_render_pdf_range(const struct print_doc *doc, const char *path, int first,
			   int last, int *written, int *total, char *err, size_t errlen)
{
	struct pr p;
	cairo_surface_t *surf;
	cairo_status_t cs;
	int status, pages;
	long rows;
	int64_t fen;

	if (written)
		*written = 0;
	if (total)
		*total = 0;
	if ((status = validate(doc, err, errlen)) != PRINT_OK)
		return status;
	if (!path || !*path) {
		util_errf(err, errlen, "没有指定打印文件");
		return PRINT_E_INVALID;
	}
	pr_init(&p, doc, err, errlen);

	/* Pass 1: count the pages. */
	run(&p);
	if (p.status != PRINT_OK) {
		status = p.status;
		pr_free(&p);
		return status;
	}
	pages = p.page;
	rows = p.rows;
	fen = p.total_fen;
	if (first <= 0)
		first = 1;
	if (last <= 0 || last > pages)
		last = pages;
	if (first > last) {
		util_errf(err, errlen, "页码范围超出了文件的页数（共 %d 页）", pages);
		pr_free(&p);
		return PRINT_E_RANGE;
	}

	/* Pass 2: draw pages first..last. */
	surf = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
		util_errf(err, errlen, "无法写入打印文件 %s：%s", path,
			  cairo_status_to_string(cairo_surface_status(surf)));
		cairo_surface_destroy(surf);
		pr_free(&p);
		return PRINT_E_IO;
	}
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE,
				       clean(&p, doc->title ? doc->title : "", (size_t)-1, 0));
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "Gongkai");
	p.cr = cairo_create(surf);
	p.total = pages;
	p.first = first;
	p.last = last;
	run(&p);
	if (p.status == PRINT_OK && (p.page != pages || p.rows != rows || p.total_fen != fen))
		fail(&p, PRINT_E_DATA, "列表数据在打印过程中发生了变化，请重新打印");
	cairo_destroy(p.cr);
	p.cr = NULL;
	cairo_surface_finish(surf);
	cs = cairo_surface_status(surf);
	cairo_surface_destroy(surf);
	if (cs != CAIRO_STATUS_SUCCESS)
		fail(&p, PRINT_E_IO, cs == CAIRO_STATUS_WRITE_ERROR ? "写入打印文件失败（磁盘已满？）"
								     : cairo_status_to_string(cs));
	status = p.status;
	pr_free(&p);
	if (status != PRINT_OK) {
		unlink(path);
		return status;
	}
	if (written)
		*written = last - first + 1;
	if (total)
		*total = pages;
	return PRINT_OK;
}

/* Renders doc into a PDF at path and reports its page count. */
int print_render_pdf(const struct print_doc *doc, const char *path, int *pages, char *err,
		     size_t errlen)
{
	return print_render_pdf_range(doc, path, 0, 0, pages, NULL, err, errlen);
}

/* Renders the printer test page. */
int print_test_page(const char *kiosk_name, const char *path, const char *print_time,
		    int *pages, char *err, size_t errlen)
{
	static const char body[] =
		"本页用于检查打印机能否清楚地打印查询机用到的各类字符。如果下面每一行都清晰可见，"
		"没有方框、问号或乱码，打印机工作正常。\n"
		"\n"
		"汉字：政府信息公开专区欢迎您。通知公告、政府公报、规范性文件、政策解读、办事指南、补贴发放名单。\n"
		"标点：，。、；：？！“”‘’（）《》〈〉「」『』【】〔〕……——·\n"
		"生僻字（扩展A区）：䶮 㐀 䴀 䶵，例如姓名 刘䶮、王㐀。\n"
		"拉丁字母：ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz\n"
		"数字：0123456789　金额：￥1,234.50　¥98.00　3.2亩　2024-05-20\n"
		"全角字符：ＡＢＣＤ　ａｂｃｄ　０１２３４５６７８９　＋－＝％＃＆＠\n"
		"\n"
		"项目\t姓名\t身份证号\t金额（元）\n"
		"耕地地力保护补贴\t王秀英\t510722********1234\t1,234.50\n"
		"生僻字姓名\t刘䶮\t510722********5678\t98.00\n"
		"\n"
		"本页顶端和页脚的“已失效”标记用于检查有效性标记能否打印；正式文件只有失效或废止时才会显示。\n";
	static const struct print_pair meta[] = {
		{ "索引号", "TEST-0000/2024-000001" },
		{ "标题", "打印机测试页" },
		{ "文号", "巫山府办发〔2021〕48号" },
		{ "发布机构", "查询机" },
		{ "成文日期", "2024-01-01" },
		{ "发布日期", "2024-01-02" },
		{ "有效性", "失效（测试标记）" },
		{ "主题", "打印测试" },
	};
	struct print_doc d = {
		.kind = PRINT_KIND_DOC,
		.kiosk_name = kiosk_name && *kiosk_name ? kiosk_name : "政务公开查询机",
		.title = "打印机测试页",
		.index_no = "TEST-0000/2024-000001",
		.validity = "失效",
		.print_time = print_time,
		.meta = meta,
		.nmeta = sizeof meta / sizeof meta[0],
		.body = body,
	};

	return print_render_pdf(&d, path, pages, err, errlen);
}
