/*
 * ingest.c -- store an extracted document: article, sentences, entities and
 * their aliases, places, mentions, timexes, events with their evidence, and
 * the graph edges between them.  All inside the caller's transaction, all
 * values bound as parameters.
 */
#include "store.h"

#include <stdlib.h>
#include <string.h>

enum {
    S_HAS_ARTICLE,
    S_NODE,
    S_ARTICLE,
    S_SENTENCE,
    S_FIND_ENTITY,
    S_ENTITY,
    S_ALIAS,
    S_FIND_SURNAME,
    S_FIND_LONE,
    S_RENAME_ENTITY,
    S_RENAME_NODE,
    S_FIND_PLACE,
    S_PLACE,
    S_MENTION,
    S_TIMEX,
    S_EVENT,
    S_FIND_EVENT,
    S_UPDATE_EVENT,
    S_EVENT_MENTION,
    S_EDGE,
    S_ARTICLE_DOC,
    S_SAVEPOINT,
    S_RELEASE,
    S_ROLLBACK_TO,
    S__MAX
};

static const char *const sql[S__MAX] = {
    [S_HAS_ARTICLE] = "SELECT 1 FROM articles WHERE sha256 = ?1",
    [S_NODE] = "INSERT INTO nodes(kind, name, attrs) VALUES (?1, ?2, ?3)",
    [S_ARTICLE] = "INSERT INTO articles(id, sha256, ext_id, title, source, dct, path, bytes, text)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [S_SENTENCE] = "INSERT INTO sentences(article, idx, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
    [S_FIND_ENTITY] = "SELECT id FROM entities WHERE type = ?1 AND name = ?2",
    [S_ENTITY] = "INSERT INTO entities(id, type, name, country, surname)"
                 " VALUES (?1, ?2, ?3, ?4, ?5)",
    [S_ALIAS] = "INSERT INTO aliases(entity, alias) VALUES (?1, ?2)"
                " ON CONFLICT(entity, alias) DO UPDATE SET count = count + 1",
    /* a lone surname: the people known by it (two rows tell it is ambiguous) */
    [S_FIND_SURNAME] = "SELECT id FROM entities WHERE type = 'PERSON' AND surname = ?1"
                       " COLLATE NOCASE LIMIT 2",
    /* a person first met by surname alone, now named in full */
    [S_FIND_LONE] = "SELECT id FROM entities WHERE type = 'PERSON' AND surname IS NULL"
                    " AND name = ?1 COLLATE NOCASE LIMIT 2",
    [S_RENAME_ENTITY] = "UPDATE entities SET name = ?2, surname = ?3 WHERE id = ?1",
    [S_RENAME_NODE] = "UPDATE nodes SET name = ?2 WHERE id = ?1",
    [S_FIND_PLACE] = "SELECT id FROM places WHERE key = ?1",
    [S_PLACE] = "INSERT INTO places(id, name, geonameid, lat, lon, country, admin1, feature, key)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [S_MENTION] = "INSERT INTO mentions(article, sentence, start, end, text, type, entity, place,"
                  " confidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [S_TIMEX] = "INSERT INTO timexes(article, sentence, start, end, text, type, value, mod,"
                " first_day, last_day, precision)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [S_EVENT] = "INSERT INTO events(id, type, cameo, root, quad, actor, actor_role, target, place,"
                " date, first_day, last_day, precision, negated, hypothetical, claimed,"
                " claimed_by, date_inferred)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
                " ?17, ?18)",
    /* an event this report may be another report of: the narrowest date first */
    [S_FIND_EVENT] = "SELECT id, first_day, last_day, precision, claimed, date_inferred, place"
                     " FROM events WHERE root = ?1 AND actor IS ?2 AND target IS ?3"
                     " AND (place IS ?4 OR place IS NULL OR ?4 IS NULL)"
                     " AND negated = ?5 AND hypothetical = ?6"
                     " AND first_day <= ?8 AND last_day >= ?7"
                     /* two acts of one sentence are two events */
                     " AND NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.event = events.id"
                     "                 AND m.article = ?9 AND m.sentence = ?10)"
                     " ORDER BY julianday(last_day) - julianday(first_day), id LIMIT 1",
    [S_UPDATE_EVENT] = "UPDATE events SET date = coalesce(?2, date), first_day = coalesce(?3, first_day),"
                       " last_day = coalesce(?4, last_day), precision = coalesce(?5, precision),"
                       " date_inferred = ?6, claimed = ?7, claimed_by = ?8,"
                       " place = coalesce(place, ?9),"
                       /* a root-level code gives way to a specific one: 190 -> 195 */
                       " type = CASE WHEN cameo LIKE '__0' AND ?10 <> cameo THEN ?11 ELSE type END,"
                       " cameo = CASE WHEN cameo LIKE '__0' AND ?10 <> cameo THEN ?10 ELSE cameo END"
                       " WHERE id = ?1",
    [S_EVENT_MENTION] = "INSERT OR IGNORE INTO event_mentions(event, article, sentence, trigger,"
                        " trigger_start, trigger_end, sent_start, sent_end)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    /* no conflict possible: an article's edges are summed before they go in */
    [S_EDGE] = "INSERT INTO edges(src, dst, kind, weight, article) VALUES (?1, ?2, ?3, ?4, ?5)",
    [S_ARTICLE_DOC] = "INSERT INTO article_docs(article, doc) VALUES (?1, ?2)",
    [S_SAVEPOINT] = "SAVEPOINT kb_article",
    [S_RELEASE] = "RELEASE kb_article",
    [S_ROLLBACK_TO] = "ROLLBACK TO kb_article",
};

/*
 * A writer's prepared statements, and the ids of entities and places it has
 * found or created, so that each is looked up in SQLite once per run rather
 * than once per mention.  Rows are never deleted while a writer runs; a
 * rollback (of an article or a transaction) empties the cache, since ids it
 * handed out may be gone.  Bounded: emptied when it holds CACHE_MAX keys.
 */
/* An edge of the article being stored, before it goes in. */
struct pending_edge {
    sqlite3_int64 src, dst;
    const char *kind; /* static string */
    double weight;
};

struct kb_store_stmts {
    sqlite3_stmt *s[S__MAX];
    struct kb_strmap ids;  /* "E" type NUL name, or "P" key -> node id */
    struct kb_buf key;     /* scratch for cache keys */
    KB_VEC(struct pending_edge) edges; /* of the current article, first seen first */
    struct kb_buf json, docz; /* scratch: an article's extraction, compressed */
    uint32_t *slots;       /* hash of edges: index + 1, 0 = empty */
    size_t nslots;
};

#define CACHE_MAX (1u << 16) /* about 8 MB */

void kbp_store_stmts_free(struct kb_store_stmts *st);
void kbp_store_stmts_free(struct kb_store_stmts *st)
{
    if (!st)
        return;
    for (int i = 0; i < S__MAX; i++)
        sqlite3_finalize(st->s[i]);
    kb_strmap_release(&st->ids);
    kb_buf_release(&st->key);
    free(st->edges.v);
    free(st->slots);
    kb_buf_release(&st->json);
    kb_buf_release(&st->docz);
    free(st);
}

void kbp_store_cache_clear(struct kb_store_stmts *st);
void kbp_store_cache_clear(struct kb_store_stmts *st)
{
    if (!st)
        return;
    kb_strmap_release(&st->ids);
    kb_strmap_init(&st->ids);
}

/* The cache key of an entity (kind 'E', type and name) or a place ('P', key). */
static const char *cache_key(struct kb_store *s, char kind, const char *a, const char *b,
                             size_t *n)
{
    struct kb_buf *k = &s->st->key;
    kb_buf_reset(k);
    if (kb_buf_addc(k, kind) || kb_buf_adds(k, a) || kb_buf_addc(k, '\0') ||
        (b && kb_buf_adds(k, b)))
        return NULL;
    *n = k->len;
    return k->data;
}

static sqlite3_int64 cache_get(struct kb_store *s, const char *key, size_t n)
{
    size_t nv;
    const uint32_t *v = key ? kb_strmap_get(&s->st->ids, key, n, &nv) : NULL;
    return v && nv == 1 ? (sqlite3_int64)v[0] : 0;
}

static void cache_put(struct kb_store *s, const char *key, size_t n, sqlite3_int64 id)
{
    if (!key || id <= 0 || id > UINT32_MAX)
        return;
    if (s->st->ids.nkeys >= CACHE_MAX)
        kbp_store_cache_clear(s->st);
    if (kb_strmap_add(&s->st->ids, key, n, (uint32_t)id))
        kbp_store_cache_clear(s->st); /* out of memory: no cache, still correct */
}

/* The prepared statement k, reset and cleared for new bindings. */
static sqlite3_stmt *stmt(struct kb_store *s, int k, struct kb_error *err)
{
    if (!s->st) {
        if (!(s->st = calloc(1, sizeof *s->st))) {
            kb_error_set(err, KB_ENOMEM, "out of memory");
            return NULL;
        }
        kb_strmap_init(&s->st->ids);
        kb_buf_init(&s->st->key);
        kb_buf_init(&s->st->json);
        kb_buf_init(&s->st->docz);
    }
    sqlite3_stmt **p = &s->st->s[k];
    if (!*p) {
        int rc = sqlite3_prepare_v3(s->db, sql[k], -1, SQLITE_PREPARE_PERSISTENT, p, NULL);
        if (rc != SQLITE_OK) {
            kb_store_error(s, rc, err, "cannot prepare a statement");
            return NULL;
        }
    } else {
        sqlite3_reset(*p);
        sqlite3_clear_bindings(*p);
    }
    return *p;
}

/*
 * Bind helpers: NULL text binds SQL NULL.  Values are bound SQLITE_STATIC
 * (not copied): every statement is stepped and reset before the bound
 * strings go away, and stmt() clears the bindings before the next use.
 */
static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static void bind_textn(sqlite3_stmt *st, int i, const char *s, size_t n)
{
    sqlite3_bind_text(st, i, s, (int)n, SQLITE_STATIC);
}

static void bind_id(sqlite3_stmt *st, int i, sqlite3_int64 id)
{
    if (id > 0)
        sqlite3_bind_int64(st, i, id);
    else
        sqlite3_bind_null(st, i);
}

/* Step a write statement to completion. */
static int done(struct kb_store *s, sqlite3_stmt *st, struct kb_error *err, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return kb_store_error(s, rc, err, what);
    return KB_OK;
}

/* Step a lookup; *id = first column or 0 when there is no row. */
static int lookup(struct kb_store *s, sqlite3_stmt *st, sqlite3_int64 *id, struct kb_error *err)
{
    int rc = sqlite3_step(st);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return kb_store_error(s, rc, err, "cannot query the knowledge base");
    return KB_OK;
}

int kb_store_has_article(struct kb_store *s, const char *sha256, bool *has,
                         struct kb_error *err)
{
    sqlite3_stmt *st = stmt(s, S_HAS_ARTICLE, err);
    if (!st)
        return KB_EDB;
    bind_text(st, 1, sha256);
    sqlite3_int64 one;
    int rc = lookup(s, st, &one, err);
    *has = one != 0;
    return rc;
}

static int new_node(struct kb_store *s, const char *kind, const char *name, const char *attrs,
                    sqlite3_int64 *id, struct kb_error *err)
{
    sqlite3_stmt *st = stmt(s, S_NODE, err);
    if (!st)
        return KB_EDB;
    bind_text(st, 1, kind);
    bind_text(st, 2, name);
    bind_text(st, 3, attrs ? attrs : "{}");
    int rc = done(s, st, err, "cannot store a node");
    *id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

/*
 * Edges of the article being stored are summed in memory -- the same
 * (src, dst, kind) again adds its weight -- and go in at the end in the
 * order first seen (flush_edges), one plain INSERT each: the rows and ids
 * an INSERT ... ON CONFLICT per call gave, with a quarter fewer statements.
 * `article` is the article being stored, or 0 for an edge of no article.
 */
static uint32_t edge_hash(sqlite3_int64 src, sqlite3_int64 dst, const char *kind)
{
    uint64_t h = (uint64_t)src * 0x9E3779B97F4A7C15ull ^ (uint64_t)dst * 0xC2B2AE3D27D4EB4Full;
    h ^= (uint64_t)(unsigned char)kind[0] << 7 ^ (uint64_t)strlen(kind);
    return (uint32_t)(h ^ (h >> 29));
}

static int edges_rehash(struct kb_store_stmts *p)
{
    size_t n = p->nslots ? p->nslots * 2 : 256;
    uint32_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return KB_ENOMEM;
    for (size_t i = 0; i < p->edges.n; i++) {
        const struct pending_edge *e = &p->edges.v[i];
        size_t k = edge_hash(e->src, e->dst, e->kind) & (n - 1);
        while (slots[k])
            k = (k + 1) & (n - 1);
        slots[k] = (uint32_t)i + 1;
    }
    free(p->slots);
    p->slots = slots;
    p->nslots = n;
    return KB_OK;
}

static int edge(struct kb_store *s, sqlite3_int64 src, sqlite3_int64 dst, const char *kind,
                double w, sqlite3_int64 article, struct kb_error *err)
{
    if (src <= 0 || dst <= 0 || src == dst)
        return KB_OK;
    if (article <= 0) {
        /* a fact of no article (part_of): made once, with its node, right away */
        sqlite3_stmt *st = stmt(s, S_EDGE, err);
        if (!st)
            return KB_EDB;
        sqlite3_bind_int64(st, 1, src);
        sqlite3_bind_int64(st, 2, dst);
        bind_text(st, 3, kind);
        sqlite3_bind_double(st, 4, w);
        sqlite3_bind_null(st, 5);
        return done(s, st, err, "cannot store an edge");
    }
    struct kb_store_stmts *p = s->st;
    if ((p->edges.n + 1) * 2 > p->nslots && edges_rehash(p))
        return kb_error_set(err, KB_ENOMEM, "out of memory");
    size_t k = edge_hash(src, dst, kind) & (p->nslots - 1);
    for (; p->slots[k]; k = (k + 1) & (p->nslots - 1)) {
        struct pending_edge *e = &p->edges.v[p->slots[k] - 1];
        if (e->src == src && e->dst == dst && strcmp(e->kind, kind) == 0) {
            e->weight += w;
            return KB_OK;
        }
    }
    struct pending_edge e = {src, dst, kind, w};
    if (KB_VEC_PUSH(&p->edges, e))
        return kb_error_set(err, KB_ENOMEM, "out of memory");
    p->slots[k] = (uint32_t)p->edges.n;
    return KB_OK;
}

/* Insert the article's edges and forget them. */
static int flush_edges(struct kb_store *s, sqlite3_int64 article, struct kb_error *err)
{
    struct kb_store_stmts *p = s->st;
    int rc = KB_OK;
    for (size_t i = 0; i < p->edges.n && !rc; i++) {
        const struct pending_edge *e = &p->edges.v[i];
        sqlite3_stmt *st = stmt(s, S_EDGE, err);
        if (!st) {
            rc = KB_EDB;
            break;
        }
        sqlite3_bind_int64(st, 1, e->src);
        sqlite3_bind_int64(st, 2, e->dst);
        bind_text(st, 3, e->kind);
        sqlite3_bind_double(st, 4, e->weight);
        bind_id(st, 5, article);
        rc = done(s, st, err, "cannot store an edge");
    }
    p->edges.n = 0;
    if (p->nslots)
        memset(p->slots, 0, p->nslots * sizeof *p->slots);
    return rc;
}

/* Find or create the entity (type, name); a new person gets its surname. */
static int upsert_entity(struct kb_store *s, const char *type, const char *name,
                         const char *country, const char *surname, sqlite3_int64 *id,
                         bool *created, struct kb_error *err)
{
    sqlite3_stmt *st = stmt(s, S_FIND_ENTITY, err);
    if (!st)
        return KB_EDB;
    size_t kn = 0;
    const char *key = cache_key(s, 'E', type, name, &kn);
    *created = false;
    if ((*id = cache_get(s, key, kn)) > 0)
        return KB_OK;
    bind_text(st, 1, type);
    bind_text(st, 2, name);
    int rc = lookup(s, st, id, err);
    if (!rc && *id)
        cache_put(s, key, kn, *id);
    if (rc || *id)
        return rc;
    if ((rc = new_node(s, "actor", name, NULL, id, err)))
        return rc;
    if (!(st = stmt(s, S_ENTITY, err)))
        return KB_EDB;
    sqlite3_bind_int64(st, 1, *id);
    bind_text(st, 2, type);
    bind_text(st, 3, name);
    bind_text(st, 4, country);
    bind_text(st, 5, surname);
    *created = true;
    if ((rc = done(s, st, err, "cannot store an entity")))
        return rc;
    cache_put(s, key, kn, *id);
    return KB_OK;
}

static int add_alias(struct kb_store *s, sqlite3_int64 entity, const char *alias, size_t n,
                     struct kb_error *err)
{
    sqlite3_stmt *st = stmt(s, S_ALIAS, err);
    if (!st)
        return KB_EDB;
    sqlite3_bind_int64(st, 1, entity);
    bind_textn(st, 2, alias, n);
    return done(s, st, err, "cannot store an alias");
}

/* What a place row holds: a resolved or unresolved place, or the country or
   division a place lies in. */
struct place_row {
    const char *name;
    int64_t geonameid;
    bool resolved;
    double lat, lon;
    const char *country, *admin1, *feature;
};

static int upsert_place_row(struct kb_store *s, const struct place_row *p, sqlite3_int64 *id,
                            bool *created, struct kb_error *err)
{
    char key[160];
    if (p->geonameid)
        snprintf(key, sizeof key, "geonames:%lld", (long long)p->geonameid);
    else if (p->resolved)
        snprintf(key, sizeof key, "%.100s@%.4f,%.4f", p->name ? p->name : "", p->lat, p->lon);
    else
        snprintf(key, sizeof key, "%.140s@unresolved", p->name ? p->name : "");
    sqlite3_stmt *st = stmt(s, S_FIND_PLACE, err);
    if (!st)
        return KB_EDB;
    size_t kn = 0;
    const char *ck = cache_key(s, 'P', key, NULL, &kn);
    *created = false;
    if ((*id = cache_get(s, ck, kn)) > 0)
        return KB_OK;
    bind_text(st, 1, key);
    int rc = lookup(s, st, id, err);
    if (!rc && *id)
        cache_put(s, ck, kn, *id);
    if (rc || *id)
        return rc;
    if ((rc = new_node(s, "place", p->name ? p->name : key, NULL, id, err)))
        return rc;
    if (!(st = stmt(s, S_PLACE, err)))
        return KB_EDB;
    sqlite3_bind_int64(st, 1, *id);
    bind_text(st, 2, p->name ? p->name : key);
    if (p->geonameid)
        sqlite3_bind_int64(st, 3, p->geonameid);
    if (p->resolved) {
        sqlite3_bind_double(st, 4, p->lat);
        sqlite3_bind_double(st, 5, p->lon);
        bind_text(st, 6, p->country && p->country[0] ? p->country : NULL);
        bind_text(st, 7, p->admin1 && p->admin1[0] ? p->admin1 : NULL);
        bind_text(st, 8, p->feature && p->feature[0] ? p->feature : NULL);
    }
    bind_text(st, 9, key);
    *created = true;
    if ((rc = done(s, st, err, "cannot store a place")))
        return rc;
    cache_put(s, ck, kn, *id);
    return KB_OK;
}

static int upsert_place(struct kb_store *s, const struct kb_place *p, sqlite3_int64 *id,
                        bool *created, struct kb_error *err)
{
    struct place_row r = {p->name,    p->geonameid, p->resolved, p->lat,
                          p->lon,     p->country,   p->admin1,   p->feature};
    return upsert_place_row(s, &r, id, created, err);
}

/* The country or division of a new place: found or created, 0 when none. */
static int upsert_parent(struct kb_store *s, const struct kb_place_ref *r, sqlite3_int64 *id,
                         bool *created, struct kb_error *err)
{
    *id = 0;
    *created = false;
    if (!r->name)
        return KB_OK;
    struct place_row row = {r->name, r->geonameid, true,       r->lat,
                            r->lon,  r->country,   r->admin1, r->feature};
    return upsert_place_row(s, &row, id, created, err);
}

/*
 * A new place is part of its first-level division and of its country; a
 * new division is part of its country.  These are facts of geography, not
 * of an article: the edges carry no article and are made once, with the
 * node.
 */
static int place_parents(struct kb_store *s, const struct kb_place *p, sqlite3_int64 id,
                         struct kb_ingest_stats *stats, struct kb_error *err)
{
    sqlite3_int64 cc, a1;
    bool cc_new, a1_new;
    int rc = upsert_parent(s, &p->in_country, &cc, &cc_new, err);
    if (!rc)
        rc = upsert_parent(s, &p->in_admin1, &a1, &a1_new, err);
    if (rc)
        return rc;
    stats->places += cc_new + a1_new;
    if ((a1_new && (rc = edge(s, a1, cc, "part_of", 1, 0, err))) ||
        (rc = edge(s, id, a1, "part_of", 1, 0, err)) ||
        (rc = edge(s, id, cc, "part_of", 1, 0, err)))
        return rc;
    return KB_OK;
}

static const char *const timex_type_names[] = {"DATE", "TIME", "DURATION", "SET"};
static const char *const role_names[KB_ROLE__MAX] = {NULL, "government", "military",
                                                     "police", "leader", "people"};

/* Per-document scratch: ids of the doc's entities (as actors) and places. */
struct ids {
    sqlite3_int64 *ent;   /* entity row of each mention */
    sqlite3_int64 *actor; /* actor row each mention stands for */
    sqlite3_int64 *place;
};

/* Words after a family name that are not one ("Jr.", "III"). */
static bool name_suffix(const char *w, size_t n)
{
    static const char *const sfx[] = {"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"};
    for (size_t k = 0; k < KB_ARRAY_LEN(sfx); k++)
        if (strlen(sfx[k]) == n && memcmp(w, sfx[k], n) == 0)
            return true;
    return false;
}

/* The family name of a full personal name into buf ("" for a single word). */
static void surname_of(const char *name, char *buf, size_t size)
{
    buf[0] = '\0';
    const char *end = name + strlen(name);
    while (end > name) {
        const char *w = end;
        while (w > name && w[-1] != ' ')
            w--;
        if (w == name)
            return; /* one word left: no family name of its own */
        if (!name_suffix(w, (size_t)(end - w))) {
            snprintf(buf, size, "%.*s", (int)(end - w), w);
            return;
        }
        end = w - 1;
    }
}

/* The only row of a one-value lookup with a text parameter, or 0 (none or several). */
static int unique_row(struct kb_store *s, int k, const char *param, sqlite3_int64 *id,
                      struct kb_error *err)
{
    sqlite3_stmt *st = stmt(s, k, err);
    if (!st)
        return KB_EDB;
    bind_text(st, 1, param);
    int rc = sqlite3_step(st), n = 0;
    *id = 0;
    while (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        n++;
        rc = sqlite3_step(st);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return kb_store_error(s, rc, err, "cannot query the knowledge base");
    if (n != 1)
        *id = 0;
    return KB_OK;
}

/*
 * The entity row of a person across articles: a lone surname ("Lukashenko")
 * is the one person the KB knows by that surname; a full name first met as a
 * lone surname renames that row, so every alias and event stays with it.
 */
static int upsert_person(struct kb_store *s, const struct kb_entity *e, sqlite3_int64 *id,
                         bool *created, struct kb_error *err)
{
    char sur[128];
    surname_of(e->name, sur, sizeof sur);
    *created = false;
    int rc;
    if (!sur[0]) {
        if ((rc = unique_row(s, S_FIND_SURNAME, e->name, id, err)) || *id)
            return rc;
        return upsert_entity(s, "PERSON", e->name, e->country, NULL, id, created, err);
    }
    sqlite3_stmt *st = stmt(s, S_FIND_ENTITY, err);
    if (!st)
        return KB_EDB;
    bind_text(st, 1, "PERSON");
    bind_text(st, 2, e->name);
    if ((rc = lookup(s, st, id, err)) || *id)
        return rc;
    if ((rc = unique_row(s, S_FIND_LONE, sur, id, err)))
        return rc;
    if (!*id)
        return upsert_entity(s, "PERSON", e->name, e->country, sur, id, created, err);
    for (int k = S_RENAME_ENTITY; k <= S_RENAME_NODE; k++) {
        if (!(st = stmt(s, k, err)))
            return KB_EDB;
        sqlite3_bind_int64(st, 1, *id);
        bind_text(st, 2, e->name);
        if (k == S_RENAME_ENTITY)
            bind_text(st, 3, sur);
        if ((rc = done(s, st, err, "cannot rename an entity")))
            return rc;
    }
    kbp_store_cache_clear(s->st); /* the old name no longer finds this row */
    return KB_OK;
}

static int store_entities(struct kb_store *s, const struct kb_doc *doc, sqlite3_int64 art,
                          struct ids *ids, struct kb_ingest_stats *stats,
                          struct kb_error *err)
{
    int rc = KB_OK;
    for (size_t i = 0; i < doc->ents.n && !rc; i++) {
        const struct kb_entity *e = &doc->ents.v[i];
        bool created;
        const char *type = kb_ent_type_name(e->type);
        if (e->type == KB_ENT_PERSON)
            rc = upsert_person(s, e, &ids->ent[i], &created, err);
        else
            rc = upsert_entity(s, type, e->name, e->country, NULL, &ids->ent[i], &created, err);
        if (rc)
            break;
        stats->entities += created;
        /* a description ("the president") is no name the entity goes by */
        if (!(e->flags & KB_EF_NOMINAL))
            rc = add_alias(s, ids->ent[i], doc->text + e->start, e->end - e->start, err);
        ids->actor[i] = ids->ent[i];
        const char *actor = kb_entity_actor(doc, (int32_t)i);
        if (!rc && actor && strcmp(actor, e->name) != 0) {
            /* a demonym or metonym stands for its country */
            rc = upsert_entity(s, "GPE", actor, e->country, NULL, &ids->actor[i], &created,
                               err);
            stats->entities += created;
        }
        if (!rc)
            rc = edge(s, ids->ent[i], art, "mentioned_in", 1, art, err);
    }
    return rc;
}

static int store_places(struct kb_store *s, const struct kb_doc *doc, sqlite3_int64 art,
                        struct ids *ids, struct kb_ingest_stats *stats, struct kb_error *err)
{
    int rc = KB_OK;
    for (size_t i = 0; i < doc->places.n && !rc; i++) {
        bool created;
        rc = upsert_place(s, &doc->places.v[i], &ids->place[i], &created, err);
        stats->places += created;
        if (!rc && created)
            rc = place_parents(s, &doc->places.v[i], ids->place[i], stats, err);
        if (!rc)
            rc = edge(s, ids->place[i], art, "mentioned_in", 1, art, err);
    }
    return rc;
}

static int store_mentions(struct kb_store *s, const struct kb_doc *doc, sqlite3_int64 art,
                          const struct ids *ids, struct kb_ingest_stats *stats,
                          struct kb_error *err)
{
    for (size_t i = 0; i < doc->ents.n; i++) {
        const struct kb_entity *e = &doc->ents.v[i];
        sqlite3_stmt *st = stmt(s, S_MENTION, err);
        if (!st)
            return KB_EDB;
        sqlite3_bind_int64(st, 1, art);
        sqlite3_bind_int64(st, 2, e->sent);
        sqlite3_bind_int64(st, 3, e->start);
        sqlite3_bind_int64(st, 4, e->end);
        bind_textn(st, 5, doc->text + e->start, e->end - e->start);
        bind_text(st, 6, kb_ent_type_name(e->type));
        sqlite3_bind_int64(st, 7, ids->ent[i]);
        bind_id(st, 8, e->place >= 0 ? ids->place[e->place] : 0);
        sqlite3_bind_double(st, 9, e->place >= 0 ? doc->places.v[e->place].conf : e->conf);
        int rc = done(s, st, err, "cannot store a mention");
        if (rc)
            return rc;
        stats->mentions++;
    }
    /* actors named in the same sentence are co-mentioned */
    for (size_t i = 0; i < doc->ents.n; i++)
        for (size_t j = i + 1; j < doc->ents.n && doc->ents.v[j].sent == doc->ents.v[i].sent;
             j++) {
            sqlite3_int64 a = ids->actor[i], b = ids->actor[j];
            if (a == b)
                continue;
            int rc = edge(s, a < b ? a : b, a < b ? b : a, "co_mentioned", 1, art, err);
            if (rc)
                return rc;
        }
    return KB_OK;
}

static int store_timexes(struct kb_store *s, const struct kb_doc *doc, sqlite3_int64 art,
                         struct kb_error *err)
{
    for (size_t i = 0; i < doc->timexes.n; i++) {
        const struct kb_timex *t = &doc->timexes.v[i];
        sqlite3_stmt *st = stmt(s, S_TIMEX, err);
        if (!st)
            return KB_EDB;
        sqlite3_bind_int64(st, 1, art);
        sqlite3_bind_int64(st, 2, t->sent);
        sqlite3_bind_int64(st, 3, t->start);
        sqlite3_bind_int64(st, 4, t->end);
        bind_textn(st, 5, doc->text + t->start, t->end - t->start);
        bind_text(st, 6, timex_type_names[t->type & 3]);
        bind_text(st, 7, t->value);
        bind_text(st, 8, t->mod[0] ? t->mod : NULL);
        struct kb_date f, l;
        int prec;
        char a[11], b[11]; /* bound: alive until the step */
        if (t->type == KB_TIMEX_DATE || t->type == KB_TIMEX_TIME) {
            if (kb_timex_value_span(t->value, doc->has_dct ? &doc->dct : NULL, &f, &l, &prec)) {
                kb_date_format(f, a);
                kb_date_format(l, b);
                bind_text(st, 9, a);
                bind_text(st, 10, b);
                bind_text(st, 11, kb_precision_name(prec));
            }
        }
        int rc = done(s, st, err, "cannot store a timex");
        if (rc)
            return rc;
    }
    return KB_OK;
}

/* What one extracted event is in the KB's terms: ids, root, date range. */
struct ev_row {
    sqlite3_int64 actor, target, place, claimant;
    char root[3];
    char first[11], last[11];
    bool has_date;
    int prec;
};

static void ev_row_of(const struct kb_doc *doc, const struct kb_event *e, const struct ids *ids,
                      struct ev_row *r)
{
    r->actor = e->actor >= 0 ? ids->actor[e->actor] : 0;
    r->target = e->target >= 0 ? ids->actor[e->target] : 0;
    r->place = e->place >= 0 ? ids->place[e->place] : 0;
    r->claimant = e->claimed_by >= 0 ? ids->actor[e->claimed_by] : 0;
    r->root[0] = e->cameo[0];
    r->root[1] = e->cameo[1];
    r->root[2] = '\0';
    struct kb_date f, l;
    r->prec = KB_PREC_NONE;
    r->has_date = e->date[0] &&
                  kb_timex_value_span(e->date, doc->has_dct ? &doc->dct : NULL, &f, &l, &r->prec);
    if (r->has_date) {
        kb_date_format(f, r->first);
        kb_date_format(l, r->last);
    }
}

static int insert_event(struct kb_store *s, const struct kb_doc *doc, const struct kb_event *e,
                        const struct ev_row *r, sqlite3_int64 *ev, struct kb_error *err)
{
    const char *an = e->actor >= 0 ? kb_entity_actor(doc, e->actor) : NULL;
    const char *tn = e->target >= 0 ? kb_entity_actor(doc, e->target) : NULL;
    char name[256];
    snprintf(name, sizeof name, "%s %s%s%s", e->type, an ? an : "?", tn ? " -> " : "",
             tn ? tn : "");
    int rc = new_node(s, "event", name, NULL, ev, err);
    if (rc)
        return rc;
    sqlite3_stmt *st = stmt(s, S_EVENT, err);
    if (!st)
        return KB_EDB;
    sqlite3_bind_int64(st, 1, *ev);
    bind_text(st, 2, e->type);
    bind_text(st, 3, e->cameo);
    bind_text(st, 4, r->root);
    sqlite3_bind_int(st, 5, kb_cameo_quad(e->cameo));
    bind_id(st, 6, r->actor);
    bind_text(st, 7, e->actor >= 0 ? role_names[doc->ents.v[e->actor].role % KB_ROLE__MAX] : NULL);
    bind_id(st, 8, r->target);
    bind_id(st, 9, r->place);
    if (e->date[0]) {
        bind_text(st, 10, e->date);
        if (r->has_date) {
            bind_text(st, 11, r->first);
            bind_text(st, 12, r->last);
        }
    }
    bind_text(st, 13, kb_precision_name(r->prec));
    sqlite3_bind_int(st, 14, !!(e->flags & KB_EV_NEGATED));
    sqlite3_bind_int(st, 15, !!(e->flags & KB_EV_HYPOTHETICAL));
    sqlite3_bind_int(st, 16, !!(e->flags & KB_EV_CLAIMED));
    bind_id(st, 17, r->claimant);
    sqlite3_bind_int(st, 18, !!(e->flags & KB_EV_DATE_INFERRED));
    return done(s, st, err, "cannot store an event");
}

/*
 * The stored event this report is another report of, or 0.  On a match the
 * row takes what the new report knows better: a finer date, a stated date
 * over an inferred one, a place; it stays claimed only if both are claims.
 */
static int merge_event(struct kb_store *s, const struct kb_event *e, const struct ev_row *r,
                       sqlite3_int64 art, sqlite3_int64 *ev, struct kb_error *err)
{
    *ev = 0;
    sqlite3_stmt *st = stmt(s, S_FIND_EVENT, err);
    if (!st)
        return KB_EDB;
    bind_text(st, 1, r->root);
    bind_id(st, 2, r->actor);
    bind_id(st, 3, r->target);
    bind_id(st, 4, r->place);
    sqlite3_bind_int(st, 5, !!(e->flags & KB_EV_NEGATED));
    sqlite3_bind_int(st, 6, !!(e->flags & KB_EV_HYPOTHETICAL));
    if (r->has_date) {
        bind_text(st, 7, r->first);
        bind_text(st, 8, r->last);
    }
    sqlite3_bind_int64(st, 9, art);
    sqlite3_bind_int64(st, 10, e->sent);
    int rc = r->has_date ? sqlite3_step(st) : SQLITE_DONE; /* undated: nothing says it is the same */
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc == SQLITE_DONE ? KB_OK : kb_store_error(s, rc, err, "cannot look up an event");
    }
    *ev = sqlite3_column_int64(st, 0);
    const char *old_first = (const char *)sqlite3_column_text(st, 1);
    const char *old_last = (const char *)sqlite3_column_text(st, 2);
    /* is the new date narrower (a day within the old month), or stated where the old was inferred? */
    bool narrower = r->has_date && old_first && old_last &&
                    (strcmp(r->first, old_first) > 0 || strcmp(r->last, old_last) < 0);
    bool was_inferred = sqlite3_column_int(st, 5) != 0;
    bool inferred = (e->flags & KB_EV_DATE_INFERRED) != 0;
    bool take_date = r->has_date && (narrower || (was_inferred && !inferred));
    bool claimed = sqlite3_column_int(st, 4) && (e->flags & KB_EV_CLAIMED);
    sqlite3_reset(st);
    if (!(st = stmt(s, S_UPDATE_EVENT, err)))
        return KB_EDB;
    sqlite3_bind_int64(st, 1, *ev);
    if (take_date) {
        bind_text(st, 2, e->date);
        bind_text(st, 3, r->first);
        bind_text(st, 4, r->last);
        bind_text(st, 5, kb_precision_name(r->prec));
    }
    sqlite3_bind_int(st, 6, take_date ? inferred : was_inferred && inferred);
    sqlite3_bind_int(st, 7, claimed);
    bind_id(st, 8, claimed ? r->claimant : 0);
    bind_id(st, 9, r->place);
    bind_text(st, 10, e->cameo);
    bind_text(st, 11, e->type);
    return done(s, st, err, "cannot update an event");
}

static int store_events(struct kb_store *s, const struct kb_doc *doc, sqlite3_int64 art,
                        const struct ids *ids, struct kb_ingest_stats *stats,
                        struct kb_error *err)
{
    for (size_t i = 0; i < doc->events.n; i++) {
        const struct kb_event *e = &doc->events.v[i];
        struct ev_row r;
        ev_row_of(doc, e, ids, &r);
        sqlite3_int64 ev = 0;
        int rc = s->no_merge ? KB_OK : merge_event(s, e, &r, art, &ev, err);
        if (rc)
            return rc;
        if (ev) {
            stats->merged++;
        } else {
            if ((rc = insert_event(s, doc, e, &r, &ev, err)))
                return rc;
            stats->events++;
        }
        sqlite3_stmt *st = stmt(s, S_EVENT_MENTION, err);
        if (!st)
            return KB_EDB;
        const struct kb_sentence *sent = &doc->sents.v[e->sent];
        sqlite3_bind_int64(st, 1, ev);
        sqlite3_bind_int64(st, 2, art);
        sqlite3_bind_int64(st, 3, e->sent);
        bind_textn(st, 4, doc->text + e->trig_start, e->trig_end - e->trig_start);
        sqlite3_bind_int64(st, 5, e->trig_start);
        sqlite3_bind_int64(st, 6, e->trig_end);
        sqlite3_bind_int64(st, 7, sent->start);
        sqlite3_bind_int64(st, 8, sent->end);
        if ((rc = done(s, st, err, "cannot store event evidence")))
            return rc;
        if ((rc = edge(s, r.actor, ev, "actor_of", 1, art, err)) ||
            (rc = edge(s, r.target, ev, "target_of", 1, art, err)) ||
            (rc = edge(s, ev, r.place, "located_at", 1, art, err)) ||
            (rc = edge(s, ev, art, "reported_in", 1, art, err)) ||
            (rc = edge(s, ev, r.claimant, "claimed_by", 1, art, err)))
            return rc;
        if (e->origin >= 0 && (rc = edge(s, ev, ids->place[e->origin], "origin_of", 1, art, err)))
            return rc;
        if (e->dest >= 0 &&
            (rc = edge(s, ev, ids->place[e->dest], "destination_of", 1, art, err)))
            return rc;
    }
    return KB_OK;
}

/* A node name for the article: its title, else its first line. */
static void article_name(const struct kb_doc *doc, char *buf, size_t n)
{
    const char *t = doc->title;
    size_t len;
    if (t && *t) {
        len = strlen(t);
    } else {
        t = doc->text;
        while (t < doc->text + doc->len && (*t == '\n' || *t == ' ' || *t == '\r'))
            t++;
        const char *nl = memchr(t, '\n', (size_t)(doc->text + doc->len - t));
        len = nl ? (size_t)(nl - t) : (size_t)(doc->text + doc->len - t);
    }
    if (len >= n)
        len = n - 1;
    /* do not cut a UTF-8 sequence */
    while (len > 0 && ((unsigned char)t[len] & 0xC0) == 0x80)
        len--;
    memcpy(buf, t, len);
    buf[len] = '\0';
}

/* The rows of one new article (inside the savepoint of kb_store_ingest_with). */
/* The article's extraction as article_docs keeps it: given, or made here. */
static int article_doc(struct kb_store *s, const struct kb_doc *doc, sqlite3_int64 art,
                       const struct kb_store_extra *x, struct kb_error *err)
{
    const void *z = x ? x->docz : NULL;
    size_t zn = x ? x->docz_len : 0;
    if (!z) {
        struct kb_store_stmts *p = s->st;
        kb_buf_reset(&p->json);
        kb_buf_reset(&p->docz);
        int rc = kb_doc_write_json(doc, NULL, KB_DOC_NO_TEXT, &p->json);
        if (!rc)
            rc = kb_zip(p->json.data, p->json.len, &p->docz);
        if (rc)
            return kb_error_set(err, rc, "cannot keep the extraction: %s", kb_strerror(rc));
        z = p->docz.data;
        zn = p->docz.len;
    }
    sqlite3_stmt *st = stmt(s, S_ARTICLE_DOC, err);
    if (!st)
        return KB_EDB;
    sqlite3_bind_int64(st, 1, art);
    sqlite3_bind_blob(st, 2, z, (int)zn, SQLITE_STATIC);
    return done(s, st, err, "cannot store the article");
}

static int store_doc(struct kb_store *s, const struct kb_doc *doc, const char *path,
                     const char *sha, const struct kb_store_extra *x,
                     struct kb_ingest_stats *stats, struct kb_error *err)
{
    int rc;
    struct ids ids = {calloc(doc->ents.n + 1, sizeof(sqlite3_int64)),
                      calloc(doc->ents.n + 1, sizeof(sqlite3_int64)),
                      calloc(doc->places.n + 1, sizeof(sqlite3_int64))};
    if (!ids.ent || !ids.actor || !ids.place) {
        rc = kb_error_set(err, KB_ENOMEM, "out of memory");
        goto out;
    }
    char name[201];
    article_name(doc, name, sizeof name);
    sqlite3_int64 art;
    if ((rc = new_node(s, "article", name[0] ? name : sha, NULL, &art, err)))
        goto out;
    sqlite3_stmt *st = stmt(s, S_ARTICLE, err);
    if (!st) {
        rc = KB_EDB;
        goto out;
    }
    char dct[11];
    if (doc->has_dct)
        kb_date_format(doc->dct, dct);
    sqlite3_bind_int64(st, 1, art);
    bind_text(st, 2, sha);
    bind_text(st, 3, doc->id);
    bind_text(st, 4, doc->title ? doc->title : (name[0] ? name : NULL));
    bind_text(st, 5, doc->source);
    bind_text(st, 6, doc->has_dct ? dct : NULL);
    bind_text(st, 7, path);
    sqlite3_bind_int64(st, 8, (sqlite3_int64)doc->len);
    bind_textn(st, 9, doc->text, doc->len);
    if ((rc = done(s, st, err, "cannot store the article")) ||
        (rc = article_doc(s, doc, art, x, err)))
        goto out;
    for (size_t i = 0; i < doc->sents.n; i++) {
        const struct kb_sentence *se = &doc->sents.v[i];
        if (!(st = stmt(s, S_SENTENCE, err))) {
            rc = KB_EDB;
            goto out;
        }
        sqlite3_bind_int64(st, 1, art);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(st, 3, se->start);
        sqlite3_bind_int64(st, 4, se->end);
        bind_textn(st, 5, doc->text + se->start, se->end - se->start);
        if ((rc = done(s, st, err, "cannot store a sentence")))
            goto out;
    }
    if ((rc = store_entities(s, doc, art, &ids, stats, err)) ||
        (rc = store_places(s, doc, art, &ids, stats, err)) ||
        (rc = store_mentions(s, doc, art, &ids, stats, err)) ||
        (rc = store_timexes(s, doc, art, err)) ||
        (rc = store_events(s, doc, art, &ids, stats, err)))
        goto out;
    rc = flush_edges(s, art, err);
out:
    if (rc && s->st) {
        s->st->edges.n = 0; /* a failed article's edges go with it */
        if (s->st->nslots)
            memset(s->st->slots, 0, s->st->nslots * sizeof *s->st->slots);
    }
    free(ids.ent);
    free(ids.actor);
    free(ids.place);
    return rc;
}

/* Run one of the savepoint statements. */
static int savepoint(struct kb_store *s, int k, struct kb_error *err)
{
    sqlite3_stmt *st = stmt(s, k, err);
    return st ? done(s, st, err, "cannot store the article") : KB_EDB;
}

int kb_store_ingest_with(struct kb_store *s, const struct kb_doc *doc, const char *path,
                         const struct kb_store_extra *x, struct kb_ingest_stats *stats,
                         struct kb_error *err)
{
    char sha[65];
    if (x && x->sha256 && strlen(x->sha256) == 64)
        memcpy(sha, x->sha256, 65);
    else
        kb_sha256_hex(doc->text, doc->len, sha);
    bool has;
    int rc = kb_store_has_article(s, sha, &has, err);
    if (rc)
        return rc;
    if (has) {
        stats->duplicates++;
        return KB_OK;
    }
    struct kb_ingest_stats before = *stats;
    if ((rc = savepoint(s, S_SAVEPOINT, err)))
        return rc;
    rc = store_doc(s, doc, path, sha, x, stats, err);
    if (rc) {
        /* nothing of a failed article stays: neither rows nor counts */
        struct kb_error ignored;
        savepoint(s, S_ROLLBACK_TO, &ignored);
        kbp_store_cache_clear(s->st);
        *stats = before;
    }
    int rc2 = savepoint(s, S_RELEASE, rc ? NULL : err);
    if (rc)
        return rc;
    if (rc2)
        return rc2;
    stats->articles++;
    return KB_OK;
}

int kb_store_ingest(struct kb_store *s, const struct kb_doc *doc, const char *path,
                    struct kb_ingest_stats *stats, struct kb_error *err)
{
    return kb_store_ingest_with(s, doc, path, NULL, stats, err);
}
