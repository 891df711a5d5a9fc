/*
 * timeline.c -- the timeline exporter: runs the timeline query and streams
 * each event to the writer of the chosen format.  The JSON (core/json.c), CSV
 * (RFC 4180) and text writers live here with the helpers the other
 * formats share (headline, human dates, months); timelinejs.c, ics.c,
 * markdown.c, html.c and geojson.c hold the others.
 */
#include "export.h"

#include <stdlib.h>
#include <string.h>

/* ---- Shared helpers ---- */

int kbp_tl_ioerr(struct kbp_tl_ctx *c)
{
    return kb_error_set(c->err, KB_EIO, "cannot write the timeline");
}

json_t *kbp_jstr(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_string(s);
    if (j)
        return j;
    /* not valid UTF-8 (stored before validation): sanitise */
    struct kb_buf b;
    kb_buf_init(&b);
    if (kb_utf8_sanitize(s, strlen(s), &b) == KB_OK)
        j = json_stringn(b.data, b.len);
    kb_buf_release(&b);
    return j;
}

int kbp_tl_headline(const struct kb_tl_row *r, struct kb_buf *out)
{
    kb_buf_reset(out);
    int rc = kb_buf_adds(out, r->type ? r->type : "EVENT");
    if (!rc && (r->actor || r->target))
        rc = kb_buf_printf(out, ": %s", r->actor ? r->actor : "?");
    if (!rc && r->target)
        rc = kb_buf_printf(out, " \u2192 %s", r->target);
    return rc;
}

const char *kbp_month_name(int m)
{
    static const char *const names[13] = {"",     "January", "February",  "March",
                                          "April", "May",     "June",      "July",
                                          "August", "September", "October", "November",
                                          "December"};
    return m >= 1 && m <= 12 ? names[m] : "";
}

void kbp_tl_month(const char *day, char key[8], char name[32])
{
    struct kb_date d;
    key[0] = name[0] = 0;
    if (!day || kb_date_parse(day, &d) != KB_OK) {
        snprintf(name, 32, "Undated");
        return;
    }
    /* kb_date_parse gives 0 <= y <= 9999 and 1 <= m <= 12 */
    snprintf(key, 8, "%04u-%02u", (unsigned)d.y % 10000u, (unsigned)d.m % 100u);
    snprintf(name, 32, "%s %d", kbp_month_name(d.m), d.y);
}

int kbp_tl_when(const struct kb_tl_row *r, struct kb_buf *out)
{
    struct kb_date d;
    const char *p = r->precision ? r->precision : "none";
    kb_buf_reset(out);
    if (!r->first_day || kb_date_parse(r->first_day, &d) != KB_OK)
        return kb_buf_adds(out, r->date ? r->date : "undated");
    if (strcmp(p, "day") == 0)
        return kb_buf_printf(out, "%d %s %d", d.d, kbp_month_name(d.m), d.y);
    if (strcmp(p, "week") == 0)
        return kb_buf_printf(out, "week of %d %s %d", d.d, kbp_month_name(d.m), d.y);
    if (strcmp(p, "month") == 0)
        return kb_buf_printf(out, "%s %d", kbp_month_name(d.m), d.y);
    if (strcmp(p, "quarter") == 0)
        return kb_buf_printf(out, "Q%d %d", (d.m - 1) / 3 + 1, d.y);
    if (strcmp(p, "year") == 0)
        return kb_buf_printf(out, "%d", d.y);
    if (strcmp(p, "decade") == 0)
        return kb_buf_printf(out, "the %ds", d.y);
    return kb_buf_adds(out, r->date ? r->date : r->first_day);
}

/* ---- JSON ---- */

/*
 * The JSON format is written by core/json.c straight into c->tmp, one event
 * at a time, and flushed: the text jansson's JSON_INDENT(2) gave (reals as
 * "%.17g"), without building a tree per event -- five times fewer
 * instructions, and memory flat whatever the number of events.
 */
static void json_report(struct kb_json *w, sqlite3_int64 article, const char *title,
                        const char *source, const char *dct, const char *trigger,
                        const char *evidence)
{
    kb_json_begin_object(w);
    KB_JSON_KEY(w, "article");
    kb_json_int(w, article);
    KB_JSON_KEY(w, "title");
    kb_json_cstr(w, title);
    KB_JSON_KEY(w, "source");
    kb_json_cstr(w, source);
    KB_JSON_KEY(w, "dct");
    kb_json_cstr(w, dct);
    KB_JSON_KEY(w, "trigger");
    kb_json_cstr(w, trigger);
    KB_JSON_KEY(w, "evidence");
    kb_json_cstr(w, evidence);
    kb_json_end_object(w);
}

/* The reports of an event: from the row when there is one, else queried. */
static int json_reports(struct kbp_tl_ctx *c, struct kb_json *w, const struct kb_tl_row *r)
{
    kb_json_begin_array(w);
    if (r->mentions <= 1) {
        if (r->article)
            json_report(w, r->article, r->title, r->source, r->dct, r->trigger, r->evidence);
    } else {
        int rc = kb_timeline_reports(c->cur, r->event, c->err);
        if (rc)
            return rc;
        struct kb_tl_report rep;
        int step;
        while ((step = kb_timeline_report(c->cur, &rep, c->err)) > 0)
            json_report(w, rep.article, rep.title, rep.source, rep.dct, rep.trigger,
                        rep.evidence);
        if (step < 0)
            return -step;
    }
    kb_json_end_array(w);
    return KB_OK;
}

static void json_event(struct kb_json *w, const struct kb_tl_row *r)
{
    kb_json_begin_object(w);
    KB_JSON_KEY(w, "id");
    kb_json_int(w, r->event);
    KB_JSON_KEY(w, "date");
    kb_json_cstr(w, r->date);
    KB_JSON_KEY(w, "first_day");
    kb_json_cstr(w, r->first_day);
    KB_JSON_KEY(w, "last_day");
    kb_json_cstr(w, r->last_day);
    KB_JSON_KEY(w, "precision");
    kb_json_cstr(w, r->precision);
    KB_JSON_KEY(w, "type");
    kb_json_cstr(w, r->type);
    KB_JSON_KEY(w, "cameo");
    kb_json_cstr(w, r->cameo);
    KB_JSON_KEY(w, "root");
    kb_json_cstr(w, r->root);
    KB_JSON_KEY(w, "root_name");
    kb_json_cstr(w, kb_cameo_root_name(r->root));
    KB_JSON_KEY(w, "quad");
    kb_json_int(w, r->quad);
    KB_JSON_KEY(w, "actor");
    kb_json_cstr(w, r->actor);
    KB_JSON_KEY(w, "actor_role");
    kb_json_cstr(w, r->actor_role);
    KB_JSON_KEY(w, "target");
    kb_json_cstr(w, r->target);
    KB_JSON_KEY(w, "place");
    if (r->place) {
        kb_json_begin_object(w);
        KB_JSON_KEY(w, "name");
        kb_json_cstr(w, r->place);
        KB_JSON_KEY(w, "country");
        kb_json_cstr(w, r->place_country);
        KB_JSON_KEY(w, "lat");
        if (r->has_coords)
            kb_json_real17(w, r->lat);
        else
            kb_json_null(w);
        KB_JSON_KEY(w, "lon");
        if (r->has_coords)
            kb_json_real17(w, r->lon);
        else
            kb_json_null(w);
        kb_json_end_object(w);
    } else {
        kb_json_null(w);
    }
    KB_JSON_KEY(w, "negated");
    kb_json_bool(w, r->negated);
    KB_JSON_KEY(w, "hypothetical");
    kb_json_bool(w, r->hypothetical);
    KB_JSON_KEY(w, "claimed");
    kb_json_bool(w, r->claimed);
    KB_JSON_KEY(w, "claimed_by");
    kb_json_cstr(w, r->claimed_by);
    KB_JSON_KEY(w, "date_inferred");
    kb_json_bool(w, r->date_inferred);
    KB_JSON_KEY(w, "trigger");
    kb_json_cstr(w, r->trigger);
    KB_JSON_KEY(w, "evidence");
    kb_json_cstr(w, r->evidence);
    KB_JSON_KEY(w, "article");
    kb_json_begin_object(w);
    KB_JSON_KEY(w, "id");
    kb_json_int(w, r->article);
    KB_JSON_KEY(w, "title");
    kb_json_cstr(w, r->title);
    KB_JSON_KEY(w, "source");
    kb_json_cstr(w, r->source);
    KB_JSON_KEY(w, "dct");
    kb_json_cstr(w, r->dct);
    kb_json_end_object(w);
    KB_JSON_KEY(w, "sources");
    kb_json_int(w, r->sources);
    KB_JSON_KEY(w, "reports");
}

int kbp_json_write(struct kbp_tl_ctx *c, json_t *j, int indent)
{
    static const char spaces[] = "                                ";
    size_t need = json_dumpb(j, c->tmp.cap ? c->tmp.data : NULL, c->tmp.cap,
                             JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (need == 0)
        return kb_error_set(c->err, KB_ENOMEM, "out of memory");
    if (need >= c->tmp.cap) { /* too small: grow and dump again */
        kb_buf_reset(&c->tmp);
        if (kb_buf_grow(&c->tmp, need))
            return kb_error_set(c->err, KB_ENOMEM, "out of memory");
        json_dumpb(j, c->tmp.data, c->tmp.cap, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    }
    c->tmp.len = need;
    c->tmp.data[need] = 0;
    if (indent < 0 || indent > (int)sizeof spaces - 1)
        indent = sizeof spaces - 1;
    /* a JSON text has no raw newline inside strings: each is a line break */
    const char *p = c->tmp.data, *nl;
    while ((nl = memchr(p, '\n', (size_t)(c->tmp.data + need - p)))) {
        size_t n = (size_t)(nl - p + 1);
        if (fwrite(p, 1, n, c->out) != n || fwrite(spaces, 1, (size_t)indent, c->out) != (size_t)indent)
            return kbp_tl_ioerr(c);
        p = nl + 1;
    }
    size_t n = (size_t)(c->tmp.data + need - p);
    return fwrite(p, 1, n, c->out) != n ? kbp_tl_ioerr(c) : KB_OK;
}

static int json_begin(struct kbp_tl_ctx *c)
{
    return fputs("{\n  \"events\": [", c->out) == EOF ? kbp_tl_ioerr(c) : KB_OK;
}

static int json_row(struct kbp_tl_ctx *c, const struct kb_tl_row *r)
{
    struct kb_json w;
    kb_buf_reset(&c->tmp);
    kb_json_init(&w, &c->tmp, KB_JSON_PRETTY);
    kb_json_nest(&w, 2, c->n == 0); /* a member of "events" */
    json_event(&w, r);
    int rc = json_reports(c, &w, r);
    kb_json_end_object(&w);
    if (rc)
        return rc;
    if (w.err)
        return kb_error_set(c->err, w.err, "cannot write the timeline: %s", kb_strerror(w.err));
    return fwrite(c->tmp.data, 1, c->tmp.len, c->out) != c->tmp.len ? kbp_tl_ioerr(c) : KB_OK;
}

static int json_end(struct kbp_tl_ctx *c)
{
    return fprintf(c->out, "\n  ],\n  \"count\": %ld\n}\n", c->n) < 0 ? kbp_tl_ioerr(c)
                                                                        : KB_OK;
}

static const struct kbp_tl_writer tl_json = {json_begin, json_row, json_end, NULL};

/* ---- CSV ---- */

static int csv_begin(struct kbp_tl_ctx *c)
{
    static const char *const cols[] = {
        "event", "date", "first_day", "last_day", "precision", "type", "cameo", "quad",
        "actor", "actor_role", "target", "place", "country", "lat", "lon", "negated",
        "hypothetical", "claimed", "claimed_by", "date_inferred", "trigger", "evidence",
        "article", "title", "source", "sources"};
    for (size_t i = 0; i < KB_ARRAY_LEN(cols); i++)
        if ((i && fputc(',', c->out) == EOF) || kb_csv_field(c->out, cols[i]))
            return kbp_tl_ioerr(c);
    return kb_csv_end(c->out) ? kbp_tl_ioerr(c) : KB_OK;
}

static int csv_row(struct kbp_tl_ctx *c, const struct kb_tl_row *r)
{
    char id[32], quad[8], lat[32] = "", lon[32] = "", art[32], src[32];
    snprintf(id, sizeof id, "%lld", (long long)r->event);
    snprintf(quad, sizeof quad, "%d", r->quad);
    snprintf(art, sizeof art, "%lld", (long long)r->article);
    snprintf(src, sizeof src, "%ld", r->sources);
    if (r->has_coords) {
        snprintf(lat, sizeof lat, "%.5f", r->lat);
        snprintf(lon, sizeof lon, "%.5f", r->lon);
    }
    const char *f[] = {id, r->date, r->first_day, r->last_day, r->precision, r->type, r->cameo,
                       quad, r->actor, r->actor_role, r->target, r->place, r->place_country,
                       lat, lon, r->negated ? "1" : "0", r->hypothetical ? "1" : "0",
                       r->claimed ? "1" : "0", r->claimed_by, r->date_inferred ? "1" : "0",
                       r->trigger, r->evidence, art, r->title, r->source, src};
    for (size_t i = 0; i < KB_ARRAY_LEN(f); i++)
        if ((i && fputc(',', c->out) == EOF) || kb_csv_field(c->out, f[i]))
            return kbp_tl_ioerr(c);
    return kb_csv_end(c->out) ? kbp_tl_ioerr(c) : KB_OK;
}

static const struct kbp_tl_writer tl_csv = {csv_begin, csv_row, NULL, NULL};

/* ---- Text ---- */

/* s made safe for a terminal (kb_text_safe) in b, which is reset first. */
static const char *safe(const char *s, struct kb_buf *b)
{
    kb_buf_reset(b);
    return kb_text_safe(s, b) == KB_OK ? b->data : "";
}

static int text_row(struct kbp_tl_ctx *c, const struct kb_tl_row *r)
{
    FILE *out = c->out;
    struct kb_buf b[5];
    for (int i = 0; i < 5; i++)
        kb_buf_init(&b[i]);
    int n = fprintf(out, "%-10s  %-7s %s %s%s%s", r->date ? safe(r->date, &b[0]) : "undated",
                    safe(r->precision, &b[1]), safe(r->type, &b[2]),
                    r->actor ? safe(r->actor, &b[3]) : "?", r->target ? " -> " : "",
                    safe(r->target, &b[4]));
    if (n >= 0 && r->place)
        n = fprintf(out, " @ %s", safe(r->place, &b[0]));
    if (n >= 0 && (r->negated || r->hypothetical || r->claimed))
        n = fprintf(out, " [%s%s%s]", r->negated ? "negated " : "",
                    r->hypothetical ? "hypothetical " : "", r->claimed ? "claimed" : "");
    if (n >= 0)
        n = fprintf(out, "\n    %s\n    -- %s\n", safe(r->evidence, &b[0]),
                    safe(r->title, &b[1]));
    for (int i = 0; i < 5; i++)
        kb_buf_release(&b[i]);
    return n < 0 ? kbp_tl_ioerr(c) : KB_OK;
}

static const struct kbp_tl_writer tl_text = {NULL, text_row, NULL, NULL};

/* ---- The exporter ---- */

static const struct {
    const char *name;
    const struct kbp_tl_writer *w;
} tl_formats[KB_TL__MAX] = {
    [KB_TL_JSON] = {"json", &tl_json},
    [KB_TL_CSV] = {"csv", &tl_csv},
    [KB_TL_TEXT] = {"text", &tl_text},
    [KB_TL_TIMELINEJS] = {"timelinejs", &kbp_tl_timelinejs},
    [KB_TL_ICS] = {"ics", &kbp_tl_ics},
    [KB_TL_MD] = {"md", &kbp_tl_md},
    [KB_TL_HTML] = {"html", &kbp_tl_html},
    [KB_TL_GEOJSON] = {"geojson", &kbp_tl_geojson},
};

int kb_timeline_format_parse(const char *s)
{
    for (int i = 0; i < KB_TL__MAX; i++)
        if (strcmp(s, tl_formats[i].name) == 0)
            return i;
    return -1;
}

const char *kb_timeline_format_list(void)
{
    return "json, csv, text, timelinejs, ics, md, html, geojson";
}

int kb_export_timeline_with(struct kb_store *s, const struct kb_timeline_query *q, int format,
                            const struct kb_timeline_opts *opts, FILE *out,
                            struct kb_error *err)
{
    static const struct kb_timeline_opts defaults = {NULL, false, 0};
    if (format < 0 || format >= KB_TL__MAX)
        return kb_error_set(err, KB_EUSAGE, "unknown timeline format");
    const struct kbp_tl_writer *w = tl_formats[format].w;
    struct kbp_tl_ctx c = {s, NULL, q, opts ? opts : &defaults, out, err, 0, 0, {0}, NULL};
    kb_buf_init(&c.tmp);
    int rc = kb_timeline_open(s, q, &c.cur, err);
    if (rc)
        goto out;
    if (w->begin && (rc = w->begin(&c)))
        goto out;
    struct kb_tl_row r;
    int step;
    while ((step = kb_timeline_next(c.cur, &r, err)) > 0) {
        if ((rc = w->row(&c, &r)))
            goto out;
        c.n++;
    }
    if (step < 0) {
        rc = -step;
        goto out;
    }
    if (w->end && (rc = w->end(&c)))
        goto out;
    if (fflush(out) != 0 || ferror(out)) /* report a full disk here, not at fclose */
        rc = kbp_tl_ioerr(&c);
out:
    if (w->release)
        w->release(&c);
    kb_buf_release(&c.tmp);
    kb_timeline_close(c.cur);
    return rc;
}

int kb_export_timeline(struct kb_store *s, const struct kb_timeline_query *q, int format,
                       FILE *out, struct kb_error *err)
{
    return kb_export_timeline_with(s, q, format, NULL, out, err);
}
