/*
 * graph_query.c -- the graph views of the knowledge base: the full event
 * graph (actors, events, places), the actor network (an edge per actor and
 * target, weighted by their events) and the actor-place bipartite graph;
 * each optionally cut to the ego network of one actor, to edges of a
 * minimum weight and to the actors of highest degree.
 *
 * Stage: store (read side).  Output: a struct kb_graph that the exporters
 * write as DOT, SVG, PNG, PDF or GraphML.  The selection runs in memory
 * over one ordered pass of the events, so the result does not depend on
 * SQLite's plan.
 */
#include "query.h"
#include "extract/lexicon.h"

#include <stdlib.h>
#include <string.h>

static const char *const view_names[KB_VIEW__MAX] = {"events", "actors", "places"};

int kb_graph_view_parse(const char *s)
{
    for (int i = 0; i < KB_VIEW__MAX; i++)
        if (strcmp(s, view_names[i]) == 0)
            return i;
    return -1;
}

const char *kb_country_name(const char *iso2, char *buf, size_t size)
{
    const char *name = NULL;
    struct kb_tsv t;
    if (!iso2 || strlen(iso2) != 2 || size == 0)
        return NULL;
    kb_tsv_init(&t, (const char *)kb_embed_countries, kb_embed_countries_len);
    while (kb_tsv_next(&t) > 0)
        if (strcmp(kb_tsv_field(&t, 0), iso2) == 0) {
            snprintf(buf, size, "%s", kb_tsv_field(&t, 2));
            name = buf;
            break;
        }
    kb_tsv_release(&t);
    return name;
}

void kb_graph_release(struct kb_graph *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->nodes.n; i++) {
        struct kb_gnode *n = &g->nodes.v[i];
        free(n->label);
        free(n->type);
        free(n->country);
        free(n->title);
        free(n->date);
    }
    free(g->nodes.v);
    free(g->edges.v);
    memset(g, 0, sizeof *g);
}

/* ---- Id sets (sorted vectors) ---- */

typedef KB_VEC(sqlite3_int64) idvec;

static int cmp_id(const void *a, const void *b)
{
    sqlite3_int64 x = *(const sqlite3_int64 *)a, y = *(const sqlite3_int64 *)b;
    return x < y ? -1 : x > y;
}

static bool id_in(const idvec *v, sqlite3_int64 id)
{
    return id > 0 && v->n && bsearch(&id, v->v, v->n, sizeof *v->v, cmp_id) != NULL;
}

/* Sort and remove duplicates. */
static void id_settle(idvec *v)
{
    if (v->n)
        qsort(v->v, v->n, sizeof *v->v, cmp_id);
    size_t w = 0;
    for (size_t i = 0; i < v->n; i++)
        if (w == 0 || v->v[w - 1] != v->v[i])
            v->v[w++] = v->v[i];
    v->n = w;
}

/* ---- Events and aggregated pairs ---- */

struct ev {
    sqlite3_int64 id, actor, target, place; /* 0: none */
    int quad;
};
typedef KB_VEC(struct ev) evvec;

/* An aggregated edge between two ids (actor->target or actor->place). */
struct pair {
    sqlite3_int64 a, b;
    long n;
    long quads[5];
};
typedef KB_VEC(struct pair) pairvec;

static int cmp_pair(const void *x, const void *y)
{
    const struct pair *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return p->b < q->b ? -1 : p->b > q->b;
}

/* An event is kept by an actor set when every actor it has is in the set
   and it has at least one. */
static bool ev_in(const struct ev *e, const idvec *set)
{
    if (e->actor && e->target)
        return id_in(set, e->actor) && id_in(set, e->target);
    return id_in(set, e->actor ? e->actor : e->target);
}

static int load_events(struct kb_store *s, evvec *all, struct kb_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = KB_OK;
    int src = sqlite3_prepare_v2(s->db,
                                 "SELECT id, coalesce(actor, 0), coalesce(target, 0),"
                                 " coalesce(place, 0), quad FROM events"
                                 " WHERE negated = 0 ORDER BY id",
                                 -1, &st, NULL);
    if (src != SQLITE_OK)
        return kb_store_error(s, src, err, "cannot read events");
    while ((src = sqlite3_step(st)) == SQLITE_ROW) {
        struct ev e = {sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                       sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3),
                       sqlite3_column_int(st, 4)};
        if (KB_VEC_PUSH(all, e)) {
            rc = kb_error_set(err, KB_ENOMEM, "out of memory");
            goto out;
        }
    }
    if (src != SQLITE_DONE)
        rc = kb_store_error(s, src, err, "cannot read events");
out:
    sqlite3_finalize(st);
    return rc;
}

/* The actors within depth hops of the actor named `name` (or aliased so). */
static int ego_set(struct kb_store *s, const char *name, int depth, const evvec *all,
                   idvec *set, struct kb_error *err)
{
    sqlite3_stmt *st = NULL;
    idvec add = {0}; /* actors one hop further */
    int rc = KB_OK;
    int src = sqlite3_prepare_v2(s->db,
                                 "SELECT id FROM entities WHERE name = ?1 COLLATE NOCASE"
                                 " UNION SELECT entity FROM aliases WHERE alias = ?1 COLLATE NOCASE"
                                 " ORDER BY 1",
                                 -1, &st, NULL);
    if (src != SQLITE_OK) {
        rc = kb_store_error(s, src, err, "cannot find the actor");
        goto out;
    }
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    while ((src = sqlite3_step(st)) == SQLITE_ROW)
        if (KB_VEC_PUSH(set, sqlite3_column_int64(st, 0))) {
            rc = kb_error_set(err, KB_ENOMEM, "out of memory");
            goto out;
        }
    if (src != SQLITE_DONE) {
        rc = kb_store_error(s, src, err, "cannot find the actor");
        goto out;
    }
    if (set->n == 0) {
        rc = kb_error_set(err, KB_ENOTFOUND, "no actor named '%s' in the knowledge base", name);
        goto out;
    }
    id_settle(set);
    /* breadth-first: each hop adds the other side of the events touching
       the actors reached so far */
    for (int hop = 0; hop < (depth > 0 ? depth : 1); hop++) {
        size_t before = set->n;
        add.n = 0;
        for (size_t i = 0; i < all->n; i++) {
            const struct ev *e = &all->v[i];
            sqlite3_int64 other = id_in(set, e->actor)    ? e->target
                                  : id_in(set, e->target) ? e->actor
                                                          : 0;
            if (other > 0 && !id_in(set, other) && KB_VEC_PUSH(&add, other)) {
                rc = kb_error_set(err, KB_ENOMEM, "out of memory");
                goto out;
            }
        }
        for (size_t i = 0; i < add.n; i++)
            if (KB_VEC_PUSH(set, add.v[i])) {
                rc = kb_error_set(err, KB_ENOMEM, "out of memory");
                goto out;
            }
        id_settle(set);
        if (set->n == before)
            break;
    }
out:
    free(add.v);
    sqlite3_finalize(st);
    return rc;
}

/* Aggregate the selected events into pairs for the actors or places view. */
static int make_pairs(const evvec *sel, int view, pairvec *pairs)
{
    for (size_t i = 0; i < sel->n; i++) {
        const struct ev *e = &sel->v[i];
        struct pair p = {0};
        p.n = 1;
        p.quads[e->quad >= 1 && e->quad <= 4 ? e->quad : 0] = 1;
        if (view == KB_VIEW_ACTORS) {
            if (!e->actor || !e->target || e->actor == e->target)
                continue;
            p.a = e->actor, p.b = e->target;
            if (KB_VEC_PUSH(pairs, p))
                return KB_ENOMEM;
        } else if (e->place) {
            p.b = e->place;
            if (e->actor && (p.a = e->actor, KB_VEC_PUSH(pairs, p)))
                return KB_ENOMEM;
            if (e->target && e->target != e->actor && (p.a = e->target, KB_VEC_PUSH(pairs, p)))
                return KB_ENOMEM;
        }
    }
    if (pairs->n)
        qsort(pairs->v, pairs->n, sizeof *pairs->v, cmp_pair);
    size_t w = 0;
    for (size_t i = 0; i < pairs->n; i++) {
        struct pair *p = &pairs->v[i];
        if (w > 0 && pairs->v[w - 1].a == p->a && pairs->v[w - 1].b == p->b) {
            struct pair *d = &pairs->v[w - 1];
            d->n += p->n;
            for (int k = 0; k < 5; k++)
                d->quads[k] += p->quads[k];
        } else {
            pairs->v[w++] = *p;
        }
    }
    pairs->n = w;
    return KB_OK;
}

/* Degree of each actor in the view; the top n by degree (ties: lower id). */
struct deg {
    sqlite3_int64 id;
    long d;
};

static int cmp_deg(const void *x, const void *y)
{
    const struct deg *a = x, *b = y;
    if (a->d != b->d)
        return a->d > b->d ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

static int top_actors(const evvec *sel, const pairvec *pairs, int view, long n, idvec *top,
                      long *ranked)
{
    idvec ends = {0}; /* one entry per incidence */
    int rc = KB_OK;
    KB_VEC(struct deg) degs = {0};
    if (view == KB_VIEW_EVENTS) {
        for (size_t i = 0; i < sel->n && !rc; i++) {
            if (sel->v[i].actor)
                rc = KB_VEC_PUSH(&ends, sel->v[i].actor);
            if (!rc && sel->v[i].target && sel->v[i].target != sel->v[i].actor)
                rc = KB_VEC_PUSH(&ends, sel->v[i].target);
        }
    } else {
        for (size_t i = 0; i < pairs->n && !rc; i++) {
            rc = KB_VEC_PUSH(&ends, pairs->v[i].a);
            if (!rc && view == KB_VIEW_ACTORS)
                rc = KB_VEC_PUSH(&ends, pairs->v[i].b);
        }
    }
    if (rc)
        goto out;
    if (ends.n)
        qsort(ends.v, ends.n, sizeof *ends.v, cmp_id);
    for (size_t i = 0; i < ends.n; i++) {
        if (degs.n && degs.v[degs.n - 1].id == ends.v[i]) {
            degs.v[degs.n - 1].d++;
        } else {
            struct deg d = {ends.v[i], 1};
            if ((rc = KB_VEC_PUSH(&degs, d)))
                goto out;
        }
    }
    if (degs.n)
        qsort(degs.v, degs.n, sizeof *degs.v, cmp_deg);
    *ranked = (long)degs.n;
    for (size_t i = 0; i < degs.n && (long)i < n; i++)
        if ((rc = KB_VEC_PUSH(top, degs.v[i].id)))
            goto out;
    id_settle(top);
out:
    free(ends.v);
    free(degs.v);
    return rc;
}

/* ---- Nodes ---- */

static char *dup_col(sqlite3_stmt *st, int i, const char *dflt)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return strdup(s ? s : dflt);
}

static char *dup_str(const char *s)
{
    return strdup(s ? s : "");
}

/*
 * Append a node of `kind` for each id (sorted, unique) with the details the
 * SQL gives: columns label, type, country, title, date, lat, lon, quad.
 */
static int add_nodes(struct kb_store *s, struct kb_graph *g, int kind, const idvec *ids,
                     const char *sql, struct kb_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = KB_OK;
    int src = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (src != SQLITE_OK)
        return kb_store_error(s, src, err, "cannot read the graph");
    for (size_t i = 0; i < ids->n && !rc; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, ids->v[i]);
        if ((src = sqlite3_step(st)) != SQLITE_ROW) {
            if (src != SQLITE_DONE)
                rc = kb_store_error(s, src, err, "cannot read the graph");
            continue; /* a dangling id: skipped, its edges with it */
        }
        struct kb_gnode n = {0};
        n.id = ids->v[i];
        n.kind = kind;
        n.label = dup_col(st, 0, "");
        n.type = dup_col(st, 1, "");
        n.country = dup_col(st, 2, "");
        n.title = dup_col(st, 3, "");
        n.date = dup_col(st, 4, "");
        n.has_coords = sqlite3_column_type(st, 5) != SQLITE_NULL &&
                       sqlite3_column_type(st, 6) != SQLITE_NULL;
        n.lat = sqlite3_column_double(st, 5);
        n.lon = sqlite3_column_double(st, 6);
        n.quad = sqlite3_column_int(st, 7);
        if (n.has_coords && kind == KB_GN_PLACE) {
            free(n.title);
            char tip[64];
            snprintf(tip, sizeof tip, "%.4f, %.4f", n.lat, n.lon);
            n.title = dup_str(tip);
        }
        if (!n.label || !n.type || !n.country || !n.title || !n.date ||
            KB_VEC_PUSH(&g->nodes, n)) {
            free(n.label);
            free(n.type);
            free(n.country);
            free(n.title);
            free(n.date);
            rc = kb_error_set(err, KB_ENOMEM, "out of memory");
        }
    }
    sqlite3_finalize(st);
    return rc;
}

static const char actor_sql[] =
    "SELECT name, type, country, type, NULL, NULL, NULL, 0 FROM entities WHERE id = ?1";
static const char place_sql[] =
    "SELECT name, 'place', country, 'unresolved', NULL, lat, lon, 0 FROM places WHERE id = ?1";
static const char event_sql[] =
    "SELECT e.type || char(10) || coalesce(e.date, 'undated'), e.type, p.country, s.text,"
    " e.date, NULL, NULL, e.quad"
    " FROM events e LEFT JOIN places p ON p.id = e.place"
    " LEFT JOIN event_mentions em ON em.id = (SELECT min(id) FROM event_mentions"
    "                                         WHERE event = e.id)"
    " LEFT JOIN sentences s ON s.article = em.article AND s.idx = em.sentence"
    " WHERE e.id = ?1";

/* Index of the node of kind with id, or (size_t)-1. */
static size_t find_node(const struct kb_graph *g, int kind, sqlite3_int64 id)
{
    size_t lo = 0, hi = g->nodes.n;
    while (lo < hi) { /* nodes are ordered by (kind, id) */
        size_t mid = lo + (hi - lo) / 2;
        const struct kb_gnode *n = &g->nodes.v[mid];
        if (n->kind < kind || (n->kind == kind && n->id < id))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < g->nodes.n && g->nodes.v[lo].kind == kind && g->nodes.v[lo].id == id
               ? lo
               : (size_t)-1;
}

static int add_edge(struct kb_graph *g, int skind, sqlite3_int64 sid, int dkind,
                    sqlite3_int64 did, int role, long n, const long quads[5])
{
    size_t a = find_node(g, skind, sid), b = find_node(g, dkind, did);
    if (a == (size_t)-1 || b == (size_t)-1)
        return KB_OK; /* an endpoint that no longer exists */
    struct kb_gedge e = {a, b, role, (double)n, 0, {0}};
    long best = 0;
    for (int k = 1; k <= 4; k++) {
        e.quads[k] = quads[k];
        if (quads[k] > 0 && quads[k] >= best) /* ties: the higher (more conflictual) class */
            best = quads[k], e.quad = k;
    }
    if (KB_VEC_PUSH(&g->edges, e))
        return KB_ENOMEM;
    g->nodes.v[a].degree++;
    if (b != a)
        g->nodes.v[b].degree++;
    return KB_OK;
}

int kb_graph_load(struct kb_store *s, const struct kb_graph_query *q, struct kb_graph *g,
                  struct kb_error *err)
{
    memset(g, 0, sizeof *g);
    g->view = q->view;
    evvec all = {0}, sel = {0};
    pairvec pairs = {0};
    idvec ego = {0}, top = {0}, actors = {0}, places = {0}, events = {0};
    int rc;
    if (q->view < 0 || q->view >= KB_VIEW__MAX)
        return kb_error_set(err, KB_EUSAGE, "unknown graph view");
    if ((rc = load_events(s, &all, err)))
        goto out;
    if (q->actor && (rc = ego_set(s, q->actor, q->depth, &all, &ego, err)))
        goto out;
    for (size_t i = 0; i < all.n; i++) {
        if (q->actor && !ev_in(&all.v[i], &ego))
            continue;
        if (q->limit > 0 && (long)sel.n >= q->limit)
            break;
        if (KB_VEC_PUSH(&sel, all.v[i]))
            goto nomem;
    }
    if (q->view != KB_VIEW_EVENTS) {
        if (make_pairs(&sel, q->view, &pairs))
            goto nomem;
        size_t w = 0;
        for (size_t i = 0; i < pairs.n; i++)
            if ((double)pairs.v[i].n >= q->min_weight)
                pairs.v[w++] = pairs.v[i];
        pairs.n = w;
    }
    if (q->top > 0) {
        long ranked = 0;
        if (top_actors(&sel, &pairs, q->view, q->top, &top, &ranked))
            goto nomem;
        if (ranked > q->top) {
            g->top_of = ranked;
            g->top_kept = q->top;
        }
        size_t w = 0;
        if (q->view == KB_VIEW_EVENTS) {
            for (size_t i = 0; i < sel.n; i++)
                if (ev_in(&sel.v[i], &top))
                    sel.v[w++] = sel.v[i];
            sel.n = w;
        } else {
            for (size_t i = 0; i < pairs.n; i++)
                if (id_in(&top, pairs.v[i].a) &&
                    (q->view == KB_VIEW_PLACES || id_in(&top, pairs.v[i].b)))
                    pairs.v[w++] = pairs.v[i];
            pairs.n = w;
        }
    }
    /* the nodes the edges need */
    if (q->view == KB_VIEW_EVENTS) {
        for (size_t i = 0; i < sel.n; i++) {
            const struct ev *e = &sel.v[i];
            if (KB_VEC_PUSH(&events, e->id) || (e->actor && KB_VEC_PUSH(&actors, e->actor)) ||
                (e->target && KB_VEC_PUSH(&actors, e->target)) ||
                (e->place && KB_VEC_PUSH(&places, e->place)))
                goto nomem;
        }
    } else {
        for (size_t i = 0; i < pairs.n; i++)
            if (KB_VEC_PUSH(&actors, pairs.v[i].a) ||
                KB_VEC_PUSH(q->view == KB_VIEW_ACTORS ? &actors : &places, pairs.v[i].b))
                goto nomem;
    }
    id_settle(&actors);
    id_settle(&places);
    id_settle(&events);
    if ((rc = add_nodes(s, g, KB_GN_ACTOR, &actors, actor_sql, err)) ||
        (rc = add_nodes(s, g, KB_GN_PLACE, &places, place_sql, err)) ||
        (rc = add_nodes(s, g, KB_GN_EVENT, &events, event_sql, err)))
        goto out;
    if (q->view == KB_VIEW_EVENTS) {
        for (size_t i = 0; i < sel.n; i++) {
            const struct ev *e = &sel.v[i];
            long quads[5] = {0};
            quads[e->quad >= 1 && e->quad <= 4 ? e->quad : 0] = 1;
            if ((e->actor && add_edge(g, KB_GN_ACTOR, e->actor, KB_GN_EVENT, e->id,
                                      KB_GE_ACTOR, 1, quads)) ||
                (e->target && add_edge(g, KB_GN_EVENT, e->id, KB_GN_ACTOR, e->target,
                                       KB_GE_TARGET, 1, quads)) ||
                (e->place && add_edge(g, KB_GN_EVENT, e->id, KB_GN_PLACE, e->place,
                                      KB_GE_AT, 1, quads)))
                goto nomem;
        }
    } else {
        bool act = q->view == KB_VIEW_ACTORS;
        for (size_t i = 0; i < pairs.n; i++)
            if (add_edge(g, KB_GN_ACTOR, pairs.v[i].a, act ? KB_GN_ACTOR : KB_GN_PLACE,
                         pairs.v[i].b, act ? KB_GE_LINK : KB_GE_PLACE, pairs.v[i].n,
                         pairs.v[i].quads))
                goto nomem;
    }
    rc = KB_OK;
    goto out;
nomem:
    rc = kb_error_set(err, KB_ENOMEM, "out of memory");
out:
    free(all.v);
    free(sel.v);
    free(pairs.v);
    free(ego.v);
    free(top.v);
    free(actors.v);
    free(places.v);
    free(events.v);
    if (rc)
        kb_graph_release(g);
    return rc;
}
