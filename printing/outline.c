/*
 * outline.c - text shown through traced outlines; see outline.h for why.
 */
#include "printing/outline.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/util.h"
#include "kiosk/width.h"

/* Units to the em the outlines are traced at: 26.6 fixed point at 1000
 * pixels keeps every point within 1/64000 em. */
#define TRACE_EM 1000.0

/* A real font face and what traces its glyphs. */
struct tracer {
	cairo_font_face_t *real;   /* referenced */
	cairo_font_face_t *user;   /* the traced twin; owns this struct as user data */
	cairo_scaled_font_t *master; /* real face at TRACE_EM, identity CTM, unhinted */
	cairo_surface_t *scratch;  /* where paths are traced */
	cairo_t *scr;
};

/* A real scaled font and its twin at the same size. */
struct twin {
	cairo_scaled_font_t *real; /* referenced */
	cairo_scaled_font_t *user;
};

struct outline_fonts {
	struct tracer **tracers;
	int ntracers;
	struct twin *twins;
	int ntwins;
	cairo_glyph_t *g;
	cairo_text_cluster_t *c;
	int gcap, ccap;
};

static const cairo_user_data_key_t tracer_key;

static void tracer_free(void *data)
{
	struct tracer *t = data;

	cairo_destroy(t->scr);
	cairo_surface_destroy(t->scratch);
	cairo_scaled_font_destroy(t->master);
	cairo_font_face_destroy(t->real);
	free(t);
}

/* Draws one glyph of the real font, in the twin's font space (1 = 1 em). */
static cairo_status_t tracer_render(cairo_scaled_font_t *sf, unsigned long glyph, cairo_t *cr,
				    cairo_text_extents_t *extents)
{
	struct tracer *t = cairo_font_face_get_user_data(cairo_scaled_font_get_font_face(sf),
							 &tracer_key);
	cairo_glyph_t g = { glyph, 0, 0 };
	cairo_text_extents_t e;
	cairo_path_t *path;

	if (!t)
		return CAIRO_STATUS_USER_FONT_ERROR;
	cairo_scaled_font_glyph_extents(t->master, &g, 1, &e);
	extents->x_advance = e.x_advance / TRACE_EM;
	extents->y_advance = e.y_advance / TRACE_EM;
	cairo_new_path(t->scr);
	cairo_glyph_path(t->scr, &g, 1);
	path = cairo_copy_path(t->scr);
	cairo_new_path(t->scr);
	if (path->status != CAIRO_STATUS_SUCCESS) {
		cairo_path_destroy(path);
		return CAIRO_STATUS_USER_FONT_ERROR;
	}
	cairo_scale(cr, 1 / TRACE_EM, 1 / TRACE_EM);
	cairo_append_path(cr, path);
	cairo_path_destroy(path);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
	cairo_fill(cr);
	return CAIRO_STATUS_SUCCESS;
}

static struct tracer *tracer_for(struct outline_fonts *o, cairo_font_face_t *real)
{
	cairo_matrix_t em, id;
	cairo_font_options_t *fo;
	struct tracer *t;

	for (int i = 0; i < o->ntracers; i++)
		if (o->tracers[i]->real == real)
			return o->tracers[i];
	t = xcalloc(1, sizeof *t);
	t->real = cairo_font_face_reference(real);
	cairo_matrix_init_scale(&em, TRACE_EM, TRACE_EM);
	cairo_matrix_init_identity(&id);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	t->master = cairo_scaled_font_create(real, &em, &id, fo);
	cairo_font_options_destroy(fo);
	t->scratch = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	t->scr = cairo_create(t->scratch);
	cairo_set_scaled_font(t->scr, t->master);
	t->user = cairo_user_font_face_create();
	cairo_user_font_face_set_render_glyph_func(t->user, tracer_render);
	if (cairo_font_face_set_user_data(t->user, &tracer_key, t, tracer_free) != CAIRO_STATUS_SUCCESS) {
		cairo_font_face_destroy(t->user);
		tracer_free(t);
		return NULL;
	}
	o->tracers = xrealloc(o->tracers, (size_t)(o->ntracers + 1) * sizeof *o->tracers);
	o->tracers[o->ntracers++] = t;
	return t;
}

/* The twin of a real scaled font, made on first use. */
static cairo_scaled_font_t *twin_for(struct outline_fonts *o, cairo_scaled_font_t *real)
{
	cairo_matrix_t fm, ctm;
	cairo_font_options_t *fo;
	struct tracer *t;
	struct twin *w;

	for (int i = 0; i < o->ntwins; i++)
		if (o->twins[i].real == real)
			return o->twins[i].user;
	t = tracer_for(o, cairo_scaled_font_get_font_face(real));
	if (!t)
		return NULL;
	cairo_scaled_font_get_font_matrix(real, &fm);
	cairo_scaled_font_get_ctm(real, &ctm);
	fo = cairo_font_options_create();
	cairo_scaled_font_get_font_options(real, fo);
	o->twins = xrealloc(o->twins, (size_t)(o->ntwins + 1) * sizeof *o->twins);
	w = &o->twins[o->ntwins++];
	w->real = cairo_scaled_font_reference(real);
	w->user = cairo_scaled_font_create(t->user, &fm, &ctm, fo);
	cairo_font_options_destroy(fo);
	return w->user;
}

struct outline_fonts *outline_new(void)
{
	return xcalloc(1, sizeof(struct outline_fonts));
}

void outline_free(struct outline_fonts *o)
{
	if (!o)
		return;
	for (int i = 0; i < o->ntwins; i++) {
		cairo_scaled_font_destroy(o->twins[i].user);
		cairo_scaled_font_destroy(o->twins[i].real);
	}
	/* each tracer goes with the last reference to its user face */
	for (int i = 0; i < o->ntracers; i++)
		cairo_font_face_destroy(o->tracers[i]->user);
	free(o->twins);
	free(o->tracers);
	free(o->g);
	free(o->c);
	free(o);
}

int outline_blank(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200A) ||
	       cp == 0x202F || cp == 0x205F || cp == '\n' || cp == '\r';
}

/* Draws an open box for a character no font has, at baseline (x, y). */
static void missing_box(cairo_t *cr, cairo_scaled_font_t *sf, double x, double y, double w)
{
	cairo_matrix_t fm;
	double size;

	cairo_scaled_font_get_font_matrix(sf, &fm);
	size = fm.yy > 0 ? fm.yy : 10;
	if (w <= 0)
		w = size;
	cairo_save(cr);
	cairo_new_path(cr);
	cairo_set_line_width(cr, size * 0.05);
	cairo_rectangle(cr, x + w * 0.1, y - size * 0.8, w * 0.8, size * 0.9);
	cairo_stroke(cr);
	cairo_restore(cr);
}

void outline_show_glyphs(struct outline_fonts *o, cairo_t *cr, cairo_scaled_font_t *sf,
			 const char *utf8, int utf8_len, const cairo_glyph_t *glyphs, int nglyphs,
			 const cairo_text_cluster_t *clusters, int nclusters)
{
	cairo_scaled_font_t *twin = twin_for(o, sf);

	if (!twin || nglyphs <= 0)
		return;
	cairo_set_scaled_font(cr, twin);
	cairo_show_text_glyphs(cr, utf8, utf8_len, glyphs, nglyphs, clusters, nclusters, 0);
}

/* Makes room for n glyphs and n clusters. */
static void reserve(struct outline_fonts *o, int n)
{
	if (n > o->gcap) {
		o->gcap = n + 64;
		o->g = xrealloc(o->g, (size_t)o->gcap * sizeof *o->g);
	}
	if (n > o->ccap) {
		o->ccap = n + 64;
		o->c = xrealloc(o->c, (size_t)o->ccap * sizeof *o->c);
	}
}

/* Returns 1 when text[0 .. n) holds only blank characters. */
static int all_blank(const char *text, int n)
{
	for (int i = 0; i < n;) {
		uint32_t cp;
		int k = width_decode(text + i, (size_t)(n - i), &cp);

		if (!outline_blank(cp))
			return 0;
		i += k;
	}
	return 1;
}

/* Shows one run at baseline (x, y); returns its advance in points. */
static double show_run(struct outline_fonts *o, cairo_t *cr, const char *text, PangoGlyphItem *run,
		       double x, double y)
{
	PangoGlyphString *gs = run->glyphs;
	cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(run->item->analysis.font));
	double *gx = NULL;
	int ng = 0, nc = 0, adv = 0;
	PangoGlyphItemIter it;
	gboolean more;

	if (!sf || gs->num_glyphs <= 0) {
		for (int i = 0; i < gs->num_glyphs; i++)
			adv += gs->glyphs[i].geometry.width;
		return adv / (double)PANGO_SCALE;
	}
	gx = xmalloc((size_t)gs->num_glyphs * sizeof *gx);
	for (int i = 0; i < gs->num_glyphs; i++) {
		gx[i] = x + (adv + gs->glyphs[i].geometry.x_offset) / (double)PANGO_SCALE;
		adv += gs->glyphs[i].geometry.width;
	}
	reserve(o, gs->num_glyphs + 1);
	if (run->item->analysis.level % 2) {
		/* right to left: glyphs without the text map */
		for (int i = 0; i < gs->num_glyphs; i++) {
			PangoGlyph id = gs->glyphs[i].glyph;

			if (id == PANGO_GLYPH_EMPTY || (id & PANGO_GLYPH_UNKNOWN_FLAG))
				continue;
			o->g[ng].index = id;
			o->g[ng].x = gx[i];
			o->g[ng].y = y + gs->glyphs[i].geometry.y_offset / (double)PANGO_SCALE;
			ng++;
		}
		if (ng) {
			cairo_scaled_font_t *twin = twin_for(o, sf);

			if (twin) {
				cairo_set_scaled_font(cr, twin);
				cairo_show_glyphs(cr, o->g, ng);
			}
		}
		free(gx);
		return adv / (double)PANGO_SCALE;
	}
	for (more = pango_glyph_item_iter_init_start(&it, run, text); more;
	     more = pango_glyph_item_iter_next_cluster(&it)) {
		int bytes = it.end_index - it.start_index, n = 0;
		int blank = all_blank(text + it.start_index, bytes);

		for (int i = it.start_glyph; i < it.end_glyph; i++) {
			PangoGlyph id = gs->glyphs[i].glyph;

			if (id & PANGO_GLYPH_UNKNOWN_FLAG) {
				if (!blank)
					missing_box(cr, sf, gx[i], y, gs->glyphs[i].geometry.width / (double)PANGO_SCALE);
				continue;
			}
			if (blank || id == PANGO_GLYPH_EMPTY)
				continue;
			o->g[ng].index = id;
			o->g[ng].x = gx[i];
			o->g[ng].y = y + gs->glyphs[i].geometry.y_offset / (double)PANGO_SCALE;
			ng++;
			n++;
		}
		if (bytes == 0 && n == 0)
			continue;
		o->c[nc].num_bytes = bytes;
		o->c[nc].num_glyphs = n;
		nc++;
	}
	if (ng > 0)
		outline_show_glyphs(o, cr, sf, text + run->item->offset, run->item->length, o->g, ng,
				    o->c, nc);
	free(gx);
	return adv / (double)PANGO_SCALE;
}

void outline_show_line(struct outline_fonts *o, cairo_t *cr, PangoLayoutLine *line)
{
	const char *text = pango_layout_get_text(line->layout);
	double x, y;

	if (!cairo_has_current_point(cr))
		return;
	cairo_get_current_point(cr, &x, &y);
	for (GSList *l = line->runs; l; l = l->next)
		x += show_run(o, cr, text, l->data, x, y);
	cairo_new_path(cr);
}

void outline_show_layout(struct outline_fonts *o, cairo_t *cr, PangoLayout *layout)
{
	PangoLayoutIter *it;
	double x0, y0;

	if (!cairo_has_current_point(cr))
		return;
	cairo_get_current_point(cr, &x0, &y0);
	it = pango_layout_get_iter(layout);
	do {
		PangoRectangle log;

		pango_layout_iter_get_line_extents(it, NULL, &log);
		cairo_move_to(cr, x0 + log.x / (double)PANGO_SCALE,
			      y0 + pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE);
		outline_show_line(o, cr, pango_layout_iter_get_line_readonly(it));
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}
