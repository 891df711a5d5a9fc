/*
 * query.c -- the timeline query with its filters, the reports of an event,
 * and the CAMEO names the exporters show.  Every filter value is a bound
 * parameter; every query has an ORDER BY so output is stable.
 */
#include "query.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- Filters ---- */

bool kb_date_filter(const char *s, char first[11], char last[11])
{
    struct kb_date f, l;
    int prec;
    size_t n = s ? strlen(s) : 0;
    if (n != 4 && n != 7 && n != 10)
        return false;
    for (size_t i = 0; i < n; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return false;
    }
    if (n == 10 && kb_date_parse(s, &f) != KB_OK)
        return false;
    /* the span must have the precision written: 2022-13 is no month of 2022 */
    if (!kb_timex_value_span(s, NULL, &f, &l, &prec) ||
        prec != (n == 4 ? KB_PREC_YEAR : n == 7 ? KB_PREC_MONTH : KB_PREC_DAY))
        return false;
    kb_date_format(f, first);
    kb_date_format(l, last);
    return true;
}

/* A finite decimal number spanning [s, end) with nothing but blanks after. */
static bool parse_number(const char *s, const char *end, double *out)
{
    char buf[64];
    size_t n = (size_t)(end - s);
    if (n == 0 || n >= sizeof buf)
        return false;
    memcpy(buf, s, n);
    buf[n] = 0;
    for (char *p = buf; *p; p++) /* digits, sign, point: no hex, inf or nan */
        if (!strchr("0123456789+-. ", *p))
            return false;
    char *e;
    double v = strtod(buf, &e);
    while (*e == ' ')
        e++;
    if (e == buf || *e || !isfinite(v))
        return false;
    *out = v;
    return true;
}

bool kb_parse_latlon(const char *s, double *lat, double *lon)
{
    const char *comma = s ? strchr(s, ',') : NULL;
    double a, o;
    if (!comma || !parse_number(s, comma, &a) || !parse_number(comma + 1, comma + strlen(comma), &o))
        return false;
    if (a < -90 || a > 90 || o < -180 || o > 180)
        return false;
    *lat = a;
    *lon = o;
    return true;
}

/* ---- CAMEO names ---- */

/* The 20 CAMEO roots (Schrodt 2012), indexed by root number. */
static const char *const root_names[21] = {
    NULL,
    "make public statement", "appeal", "express intent to cooperate", "consult",
    "engage in diplomatic cooperation", "engage in material cooperation", "provide aid",
    "yield", "investigate", "demand", "disapprove", "reject", "threaten", "protest",
    "exhibit force posture", "reduce relations", "coerce", "assault", "fight",
    "use unconventional mass violence",
};
static const char *const root_codes[21] = {
    NULL, "01", "02", "03", "04", "05", "06", "07", "08", "09", "10",
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "20",
};

const char *kb_cameo_root_name(const char *root)
{
    if (!root || root[0] < '0' || root[0] > '2' || root[1] < '0' || root[1] > '9' || root[2])
        return NULL;
    int r = (root[0] - '0') * 10 + (root[1] - '0');
    return r >= 1 && r <= 20 ? root_names[r] : NULL;
}

/* Equal ignoring case, with '_' and '-' standing for a space. */
static bool name_eq(const char *a, const char *b)
{
    for (;; a++, b++) {
        int x = *a == '_' || *a == '-' ? ' ' : tolower((unsigned char)*a);
        int y = *b == '_' || *b == '-' ? ' ' : tolower((unsigned char)*b);
        if (x != y)
            return false;
        if (!x)
            return true;
    }
}

const char *kb_cameo_root_by_name(const char *name)
{
    for (int r = 1; name && r <= 20; r++)
        if (name_eq(name, root_names[r]))
            return root_codes[r];
    return NULL;
}

const char *kb_quad_name(int quad)
{
    static const char *const names[5] = {"", "verbal cooperation", "material cooperation",
                                         "verbal conflict", "material conflict"};
    return quad >= 1 && quad <= 4 ? names[quad] : "";
}

/* ---- The timeline ---- */

/*
 * One statement, run twice: first the dated events in date order (the
 * index events_day is that order, so a million events need no sort), then
 * the undated ones by id.  Per row it looks up the first report, its
 * sentence and whether there is another report; actors, places and
 * articles, which repeat from row to row, come from caches filled by small
 * statements (struct idcache), and the counts of reports and articles only
 * for events that have several.  (Computing the first report and "another"
 * in one subquery of an ordered co-routine cost more than these lookups:
 * 20.1 k instructions per row in SQLite against 18.5 k.)
 *
 * Only the filters asked for are in the WHERE clause (a filter not asked
 * for would still cost its test on every row); their values are bound
 * parameters, numbered as in tl_filters.
 */
static const char timeline_head[] =
    "SELECT e.id, e.date, e.first_day, e.last_day, e.precision, e.type, e.cameo, e.root,"
    " e.quad, e.actor, e.actor_role, e.target, e.place, e.negated, e.hypothetical,"
    " e.claimed, e.claimed_by, e.date_inferred, em.article, s.text, em.trigger,"
    " em.trigger_start,"
    " EXISTS (SELECT 1 FROM event_mentions o WHERE o.event = e.id AND o.id <> em.id)"
    " FROM events e"
    " LEFT JOIN event_mentions em ON em.id = (SELECT min(id) FROM event_mentions WHERE event = e.id)"
    " LEFT JOIN sentences s ON s.article = em.article AND s.idx = em.sentence"
    " WHERE 1";
enum { F_ACTOR, F_PLACE, F_FROM, F_TO, F_NEGATED, F_HYPO, F_CLAIMED, F_CAMEO, F_TYPE, F_NEAR,
       F_SOURCES, F__MAX };
static const char *const tl_filters[F__MAX] = {
    [F_ACTOR] = " AND EXISTS (SELECT 1 FROM entities x"
                "  WHERE x.id IN (e.actor, e.target)"
                "    AND (x.name = ?1 COLLATE NOCASE OR EXISTS (SELECT 1 FROM aliases al"
                "         WHERE al.entity = x.id AND al.alias = ?1 COLLATE NOCASE)))",
    [F_PLACE] = " AND e.place IN (SELECT pl.id FROM places pl WHERE pl.name = ?2 COLLATE NOCASE"
                "  UNION SELECT m.place FROM mentions m WHERE m.place IS NOT NULL"
                "        AND m.text = ?2 COLLATE NOCASE)",
    [F_FROM] = " AND e.last_day >= ?3",
    [F_TO] = " AND e.first_day <= ?4",
    [F_NEGATED] = " AND NOT e.negated",
    [F_HYPO] = " AND NOT e.hypothetical",
    [F_CLAIMED] = " AND NOT e.claimed",
    [F_CAMEO] = " AND substr(e.cameo, 1, length(?8)) = ?8",
    [F_TYPE] = " AND e.type = ?9 COLLATE NOCASE",
    [F_NEAR] = " AND EXISTS (SELECT 1 FROM places pn WHERE pn.id = e.place"
               "  AND pn.id IN (SELECT id FROM places_rtree WHERE min_lat <= ?16 AND max_lat >= ?15"
               "                  AND max_lon >= ?17 AND min_lon <= ?18"
               "                UNION SELECT id FROM places_rtree WHERE min_lat <= ?16"
               "                  AND max_lat >= ?15 AND max_lon >= ?19 AND min_lon <= ?20)"
               "  AND kb_distance_km(pn.lat, pn.lon, ?10, ?11) <= ?12)",
    [F_SOURCES] = (" AND (SELECT count(DISTINCT article) FROM event_mentions"
                   "  WHERE event = e.id) >= ?14"),
};
static const char *const timeline_order[2] = {
    " AND e.first_day IS NOT NULL ORDER BY e.first_day, e.last_day, e.id LIMIT ?7",
    " AND e.first_day IS NULL ORDER BY e.id LIMIT ?7",
};

/*
 * An id -> row cache over one statement ("SELECT up to 4 texts, then lat,
 * lon WHERE id = ?1").  Open addressing on the id; records own their
 * strings, which stay valid until the cache is released.
 */
struct idrec {
    char *s[4];
    bool has_coords;
    double lat, lon;
};

struct idcache {
    sqlite3_stmt *st;
    int ntext;              /* text columns of st before lat, lon (if any) */
    bool coords;            /* st has lat, lon after the texts */
    sqlite3_int64 *keys;    /* 0: empty slot */
    uint32_t *slots;        /* index into recs */
    size_t cap;             /* power of two */
    KB_VEC(struct idrec) recs;
};

static void idcache_release(struct idcache *c)
{
    sqlite3_finalize(c->st);
    for (size_t i = 0; i < c->recs.n; i++)
        for (int k = 0; k < 4; k++)
            free(c->recs.v[i].s[k]);
    free(c->recs.v);
    free(c->keys);
    free(c->slots);
    memset(c, 0, sizeof *c);
}

static size_t id_slot(sqlite3_int64 id, size_t cap)
{
    uint64_t h = (uint64_t)id * 0x9E3779B97F4A7C15ULL;
    return (size_t)(h >> 20) & (cap - 1);
}

/* Make room for one more key (load below 1/2). */
static int idcache_grow(struct idcache *c)
{
    if ((c->recs.n + 1) * 2 <= c->cap)
        return KB_OK;
    size_t cap = c->cap ? c->cap * 2 : 1024;
    sqlite3_int64 *keys = calloc(cap, sizeof *keys);
    uint32_t *slots = calloc(cap, sizeof *slots);
    if (!keys || !slots) {
        free(keys);
        free(slots);
        return KB_ENOMEM;
    }
    for (size_t i = 0; i < c->cap; i++)
        if (c->keys[i]) {
            size_t j = id_slot(c->keys[i], cap);
            while (keys[j])
                j = (j + 1) & (cap - 1);
            keys[j] = c->keys[i];
            slots[j] = c->slots[i];
        }
    free(c->keys);
    free(c->slots);
    c->keys = keys;
    c->slots = slots;
    c->cap = cap;
    return KB_OK;
}

/* The row of id (NULL when id is 0 or not in the table); *rc on failure. */
static const struct idrec *idcache_get(struct kb_store *s, struct idcache *c, sqlite3_int64 id,
                                       int *rc, struct kb_error *err)
{
    if (id <= 0)
        return NULL;
    size_t j = c->cap ? id_slot(id, c->cap) : 0;
    while (c->cap && c->keys[j]) {
        if (c->keys[j] == id)
            return &c->recs.v[c->slots[j]];
        j = (j + 1) & (c->cap - 1);
    }
    sqlite3_reset(c->st);
    sqlite3_bind_int64(c->st, 1, id);
    int src = sqlite3_step(c->st);
    if (src == SQLITE_DONE)
        return NULL; /* a dangling id */
    if (src != SQLITE_ROW) {
        *rc = kb_store_error(s, src, err, "cannot read the timeline");
        return NULL;
    }
    struct idrec r = {{NULL}, false, 0, 0};
    for (int k = 0; k < c->ntext; k++) {
        const char *t = (const char *)sqlite3_column_text(c->st, k);
        if (t && !(r.s[k] = strdup(t)))
            goto nomem;
    }
    if (c->coords && sqlite3_column_type(c->st, c->ntext) != SQLITE_NULL &&
        sqlite3_column_type(c->st, c->ntext + 1) != SQLITE_NULL) {
        r.has_coords = true;
        r.lat = sqlite3_column_double(c->st, c->ntext);
        r.lon = sqlite3_column_double(c->st, c->ntext + 1);
    }
    if (idcache_grow(c) || KB_VEC_PUSH(&c->recs, r))
        goto nomem;
    j = id_slot(id, c->cap);
    while (c->keys[j])
        j = (j + 1) & (c->cap - 1);
    c->keys[j] = id;
    c->slots[j] = (uint32_t)(c->recs.n - 1);
    return &c->recs.v[c->recs.n - 1];
nomem:
    for (int k = 0; k < 4; k++)
        free(r.s[k]);
    *rc = kb_error_set(err, KB_ENOMEM, "out of memory");
    return NULL;
}

enum { C_ENTITY, C_PLACE, C_ARTICLE, C__MAX };
static const struct {
    const char *sql;
    int ntext;
    bool coords;
} cache_sql[C__MAX] = {
    [C_ENTITY] = {"SELECT name FROM entities WHERE id = ?1", 1, false},
    [C_PLACE] = {"SELECT name, country, lat, lon FROM places WHERE id = ?1", 2, true},
    [C_ARTICLE] = {"SELECT title, source, dct, sha256 FROM articles WHERE id = ?1", 4, false},
};

struct kb_timeline_cursor {
    struct kb_store *s;
    sqlite3_stmt *st[2];  /* dated, undated */
    sqlite3_stmt *counts; /* reports and articles of one event */
    sqlite3_stmt *reports; /* the reports of one event (prepared on first use) */
    struct idcache cache[C__MAX];
    int phase;            /* the statement being stepped */
    long limit, rows;     /* rows returned so far against the limit (0: none) */
};

/* Split --type into a CAMEO code prefix or an event type name. */
static int type_filter(const char *type, const char **cameo, const char **name,
                       struct kb_error *err)
{
    size_t n = strlen(type), digits = strspn(type, "0123456789");
    *cameo = *name = NULL;
    if (n == 0)
        return kb_error_set(err, KB_EUSAGE, "--type wants a CAMEO code, root name or event type");
    if (digits == n) {
        char root[3] = {type[0], n > 1 ? type[1] : 0, 0};
        if (n < 2 || n > 4 || !kb_cameo_root_name(root))
            return kb_error_set(err, KB_EUSAGE, "--type '%s' is not a CAMEO code (01..20, "
                                                "or 3-4 digits under one of them)", type);
        *cameo = type;
    } else if (!(*cameo = kb_cameo_root_by_name(type))) {
        *name = type;
    }
    return KB_OK;
}

void kb_timeline_close(struct kb_timeline_cursor *c)
{
    if (!c)
        return;
    sqlite3_finalize(c->st[0]);
    sqlite3_finalize(c->st[1]);
    sqlite3_finalize(c->counts);
    sqlite3_finalize(c->reports);
    for (int k = 0; k < C__MAX; k++)
        idcache_release(&c->cache[k]);
    free(c);
}

int kb_timeline_open(struct kb_store *s, const struct kb_timeline_query *q,
                     struct kb_timeline_cursor **out, struct kb_error *err)
{
    char ff[11], fl[11], tf[11], tl[11];
    const char *cameo = NULL, *tname = NULL;
    if (q->from && !kb_date_filter(q->from, ff, fl))
        return kb_error_set(err, KB_EUSAGE, "--from wants a date YYYY, YYYY-MM or YYYY-MM-DD, "
                                            "not '%s'", q->from);
    if (q->to && !kb_date_filter(q->to, tf, tl))
        return kb_error_set(err, KB_EUSAGE, "--to wants a date YYYY, YYYY-MM or YYYY-MM-DD, "
                                            "not '%s'", q->to);
    if (q->type && type_filter(q->type, &cameo, &tname, err))
        return KB_EUSAGE;
    if (q->near && (!(q->near_lat >= -90 && q->near_lat <= 90) ||
                    !(q->near_lon >= -180 && q->near_lon <= 180) || !(q->near_km >= 0)))
        return kb_error_set(err, KB_EUSAGE, "--near wants LAT,LON on the globe and --km >= 0");
    /* --near: the places R*Tree narrows to the circle's box (two longitude
       ranges across the antimeridian, else the same range twice), then
       kb_distance_km (store/geo.c) keeps what lies within the radius */
    struct kb_geo_box box = {0, 0, 0, 0, false};
    if (q->near)
        kb_geo_box(q->near_lat, q->near_lon, q->near_km, &box);
    double lon_a0 = box.lon0, lon_a1 = box.wraps ? 180 : box.lon1;
    double lon_b0 = box.wraps ? -180 : box.lon0, lon_b1 = box.lon1;
    struct kb_timeline_cursor *c = calloc(1, sizeof *c);
    struct kb_buf sql;
    int rc = KB_OK;
    kb_buf_init(&sql);
    if (!c)
        return kb_error_set(err, KB_ENOMEM, "out of memory");
    c->s = s;
    c->limit = q->limit > 0 ? q->limit : 0;
    bool on[F__MAX] = {
        [F_ACTOR] = q->actor != NULL, [F_PLACE] = q->place != NULL, [F_FROM] = q->from != NULL,
        [F_TO] = q->to != NULL, [F_NEGATED] = !q->include_negated,
        [F_HYPO] = !q->include_hypothetical, [F_CLAIMED] = q->exclude_claimed != 0,
        [F_CAMEO] = cameo != NULL, [F_TYPE] = tname != NULL, [F_NEAR] = q->near,
        [F_SOURCES] = q->min_sources > 0,
    };
    for (int k = 0; k < 2 && !rc; k++) {
        kb_buf_reset(&sql);
        bool fail = kb_buf_adds(&sql, timeline_head) != KB_OK;
        for (int f = 0; f < F__MAX && !fail; f++)
            fail = on[f] && kb_buf_adds(&sql, tl_filters[f]) != KB_OK;
        if (fail || kb_buf_adds(&sql, timeline_order[k])) {
            rc = kb_error_set(err, KB_ENOMEM, "out of memory");
            break;
        }
        int src = sqlite3_prepare_v2(s->db, sql.data, -1, &c->st[k], NULL);
        if (src != SQLITE_OK) {
            rc = kb_store_error(s, src, err, "cannot query the timeline");
            break;
        }
        sqlite3_stmt *st = c->st[k];
        if (q->actor)
            sqlite3_bind_text(st, 1, q->actor, -1, SQLITE_TRANSIENT);
        if (q->place)
            sqlite3_bind_text(st, 2, q->place, -1, SQLITE_TRANSIENT);
        if (q->from)
            sqlite3_bind_text(st, 3, ff, -1, SQLITE_TRANSIENT);
        if (q->to)
            sqlite3_bind_text(st, 4, tl, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 7, c->limit ? c->limit : -1);
        if (cameo)
            sqlite3_bind_text(st, 8, cameo, -1, SQLITE_TRANSIENT);
        if (tname)
            sqlite3_bind_text(st, 9, tname, -1, SQLITE_TRANSIENT);
        if (q->near) {
            sqlite3_bind_double(st, 10, q->near_lat);
            sqlite3_bind_double(st, 11, q->near_lon);
            sqlite3_bind_double(st, 12, q->near_km);
            sqlite3_bind_double(st, 15, box.lat0);
            sqlite3_bind_double(st, 16, box.lat1);
            sqlite3_bind_double(st, 17, lon_a0);
            sqlite3_bind_double(st, 18, lon_a1);
            sqlite3_bind_double(st, 19, lon_b0);
            sqlite3_bind_double(st, 20, lon_b1);
        }
        if (q->min_sources > 0)
            sqlite3_bind_int64(st, 14, q->min_sources);
    }
    if (!rc) {
        int src = sqlite3_prepare_v2(s->db,
                                     "SELECT count(*), count(DISTINCT article) FROM event_mentions"
                                     " WHERE event = ?1",
                                     -1, &c->counts, NULL);
        if (src != SQLITE_OK)
            rc = kb_store_error(s, src, err, "cannot query the timeline");
    }
    for (int k = 0; k < C__MAX && !rc; k++) {
        c->cache[k].ntext = cache_sql[k].ntext;
        c->cache[k].coords = cache_sql[k].coords;
        int src = sqlite3_prepare_v2(s->db, cache_sql[k].sql, -1, &c->cache[k].st, NULL);
        if (src != SQLITE_OK)
            rc = kb_store_error(s, src, err, "cannot query the timeline");
    }
    kb_buf_release(&sql);
    if (rc) {
        kb_timeline_close(c);
        return rc;
    }
    *out = c;
    return KB_OK;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* Reports and articles of an event that has more than one report. */
static int count_reports(struct kb_timeline_cursor *c, struct kb_tl_row *r, struct kb_error *err)
{
    sqlite3_reset(c->counts);
    sqlite3_bind_int64(c->counts, 1, r->event);
    int src = sqlite3_step(c->counts);
    if (src != SQLITE_ROW)
        return kb_store_error(c->s, src, err, "cannot read the timeline");
    r->mentions = (long)sqlite3_column_int64(c->counts, 0);
    r->sources = (long)sqlite3_column_int64(c->counts, 1);
    return KB_OK;
}

int kb_timeline_next(struct kb_timeline_cursor *c, struct kb_tl_row *r, struct kb_error *err)
{
    sqlite3_stmt *st;
    int rc;
    while (1) {
        if (c->phase > 1 || (c->limit && c->rows >= c->limit))
            return 0;
        st = c->st[c->phase];
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            break;
        if (rc != SQLITE_DONE)
            return -kb_store_error(c->s, rc, err, "cannot read the timeline");
        if (++c->phase == 1 && c->limit) /* the undated ones fill what is left */
            sqlite3_bind_int64(c->st[1], 7, c->limit - c->rows);
    }
    c->rows++;
    memset(r, 0, sizeof *r);
    r->event = sqlite3_column_int64(st, 0);
    r->date = col_text(st, 1);
    r->first_day = col_text(st, 2);
    r->last_day = col_text(st, 3);
    r->precision = col_text(st, 4);
    r->type = col_text(st, 5);
    r->cameo = col_text(st, 6);
    r->root = col_text(st, 7);
    r->quad = sqlite3_column_int(st, 8);
    r->actor_role = col_text(st, 10);
    r->place_id = sqlite3_column_int64(st, 12);
    r->negated = sqlite3_column_int(st, 13);
    r->hypothetical = sqlite3_column_int(st, 14);
    r->claimed = sqlite3_column_int(st, 15);
    r->date_inferred = sqlite3_column_int(st, 17);
    r->article = sqlite3_column_int64(st, 18);
    r->evidence = col_text(st, 19);
    r->trigger = col_text(st, 20);
    r->trigger_start = (long)sqlite3_column_int64(st, 21);
    r->mentions = r->sources = sqlite3_column_type(st, 18) != SQLITE_NULL;
    rc = KB_OK;
    const struct idrec *x;
    if ((x = idcache_get(c->s, &c->cache[C_ENTITY], sqlite3_column_int64(st, 9), &rc, err)))
        r->actor = x->s[0];
    if ((x = idcache_get(c->s, &c->cache[C_ENTITY], sqlite3_column_int64(st, 11), &rc, err)))
        r->target = x->s[0];
    if ((x = idcache_get(c->s, &c->cache[C_ENTITY], sqlite3_column_int64(st, 16), &rc, err)))
        r->claimed_by = x->s[0];
    if ((x = idcache_get(c->s, &c->cache[C_PLACE], r->place_id, &rc, err))) {
        r->place = x->s[0];
        r->place_country = x->s[1];
        r->has_coords = x->has_coords;
        r->lat = x->lat;
        r->lon = x->lon;
    }
    if ((x = idcache_get(c->s, &c->cache[C_ARTICLE], r->article, &rc, err))) {
        r->title = x->s[0];
        r->source = x->s[1];
        r->dct = x->s[2];
        r->article_sha256 = x->s[3];
    }
    if (!rc && sqlite3_column_int(st, 22))
        rc = count_reports(c, r, err);
    return rc ? -rc : 1;
}

/* ---- Reports of one event ---- */

int kb_timeline_reports(struct kb_timeline_cursor *c, sqlite3_int64 event, struct kb_error *err)
{
    if (!c->reports) {
        int src = sqlite3_prepare_v2(
            c->s->db,
            "SELECT em.article, s.text, em.trigger, em.trigger_start FROM event_mentions em"
            " LEFT JOIN sentences s ON s.article = em.article AND s.idx = em.sentence"
            " WHERE em.event = ?1 ORDER BY em.id",
            -1, &c->reports, NULL);
        if (src != SQLITE_OK)
            return kb_store_error(c->s, src, err, "cannot read the reports of an event");
    }
    sqlite3_reset(c->reports);
    sqlite3_bind_int64(c->reports, 1, event);
    return KB_OK;
}

int kb_timeline_report(struct kb_timeline_cursor *c, struct kb_tl_report *r, struct kb_error *err)
{
    int src = sqlite3_step(c->reports), rc = KB_OK;
    if (src == SQLITE_DONE)
        return 0;
    if (src != SQLITE_ROW)
        return -kb_store_error(c->s, src, err, "cannot read the reports of an event");
    memset(r, 0, sizeof *r);
    r->article = sqlite3_column_int64(c->reports, 0);
    r->evidence = col_text(c->reports, 1);
    r->trigger = col_text(c->reports, 2);
    r->trigger_start = (long)sqlite3_column_int64(c->reports, 3);
    const struct idrec *x = idcache_get(c->s, &c->cache[C_ARTICLE], r->article, &rc, err);
    if (x) {
        r->title = x->s[0];
        r->source = x->s[1];
        r->dct = x->s[2];
        r->article_sha256 = x->s[3];
    }
    return rc ? -rc : 1;
}
