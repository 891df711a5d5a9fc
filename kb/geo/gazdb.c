/*
 * gazdb.c -- the gazetteer database: its schema, and reading it as a
 * gazetteer for extraction.
 *
 * Extraction asks the same questions of every gazetteer (gazetteer.c): the
 * places of a name key, whether a longer key starts with it, a country by
 * ISO code, a division by code.  Here each answer comes from one indexed
 * query the first time and from a cache afterwards: places found are
 * appended to an array reserved once (so place pointers and indexes never
 * move), their names and the postings of each key live in an arena.  A mutex
 * makes the cache safe for threads sharing the extractor.
 */
#include "geo.h"
#include "extract/lexicon.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

const char kbp_gazdb_schema[] =
    "CREATE TABLE IF NOT EXISTS places (\n"
    "    id         INTEGER PRIMARY KEY,       -- GeoNames id\n"
    "    name       TEXT NOT NULL,\n"
    "    lat        REAL NOT NULL,\n"
    "    lon        REAL NOT NULL,\n"
    "    fclass     TEXT NOT NULL,             -- feature class: A P H L S T R U V\n"
    "    fcode      TEXT NOT NULL,             -- feature code: PPLC, ADM1, PCLI, STM ...\n"
    "    cc         TEXT NOT NULL,             -- ISO 3166 alpha-2 or ''\n"
    "    admin1     TEXT NOT NULL,\n"
    "    admin2     TEXT NOT NULL,\n"
    "    population INTEGER NOT NULL,\n"
    "    derived    INTEGER NOT NULL DEFAULT 0, -- 1: point derived, the dumps gave none\n"
    "    listed     INTEGER NOT NULL DEFAULT 0  -- 1: a notable place kb lists by hand\n"
    ");\n"
    "-- every name and Latin-script alternate name of a place, keyed like text\n"
    "-- (kb_phrase_key: NFKD, case-folded, marks stripped, one space between words),\n"
    "-- in key order, packed in blocks of about 4 KB: each entry is a varint key\n"
    "-- length, the key, a varint count and the place ids (varints, ascending,\n"
    "-- each after the first as the difference to the one before)\n"
    "CREATE TABLE IF NOT EXISTS name_blocks (\n"
    "    first_key TEXT PRIMARY KEY,\n"
    "    data      BLOB NOT NULL\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS admin1 (\n"
    "    code      TEXT PRIMARY KEY,            -- 'UA.13'\n"
    "    name      TEXT NOT NULL,\n"
    "    asciiname TEXT NOT NULL,\n"
    "    geonameid INTEGER\n"
    ");\n"
    "CREATE TABLE IF NOT EXISTS admin2 (\n"
    "    code      TEXT PRIMARY KEY,            -- 'US.GA.139'\n"
    "    name      TEXT NOT NULL,\n"
    "    asciiname TEXT NOT NULL,\n"
    "    geonameid INTEGER\n"
    ");\n"
    "CREATE TABLE IF NOT EXISTS countries (\n"
    "    iso2       TEXT PRIMARY KEY,\n"
    "    iso3       TEXT,\n"
    "    name       TEXT NOT NULL,\n"
    "    capital    TEXT,\n"
    "    population INTEGER,\n"
    "    continent  TEXT,\n"
    "    geonameid  INTEGER,\n"
    "    neighbours TEXT\n"
    ");\n"
    "-- the files imported, in order\n"
    "CREATE TABLE IF NOT EXISTS sources (\n"
    "    id   INTEGER PRIMARY KEY,\n"
    "    path TEXT NOT NULL,\n"
    "    kind TEXT NOT NULL,\n"
    "    rows INTEGER NOT NULL\n"
    ");\n";

/* Places the cache can hold: reserved address space, touched as used. */
#define CACHE_PLACES (1u << 24)

enum { Q_BLOCK, Q_NEXT, Q_PLACE, Q_COUNTRY, Q_ADMIN1, Q__MAX };

static const char *const queries[Q__MAX] = {
    [Q_BLOCK] = "SELECT data FROM name_blocks WHERE first_key <= ?1"
                " ORDER BY first_key DESC LIMIT 1",
    [Q_NEXT] = "SELECT first_key FROM name_blocks WHERE first_key > ?1"
               " ORDER BY first_key LIMIT 1",
    [Q_PLACE] = "SELECT id, name, lat, lon, fclass, fcode, cc, admin1, population, listed"
                " FROM places WHERE id = ?1",
    /* by the codes files' ids; else (only dumps imported) by a scan, once per code */
    [Q_COUNTRY] = "SELECT geonameid FROM countries WHERE iso2 = ?1 AND geonameid IN"
                  " (SELECT id FROM places) UNION ALL SELECT * FROM"
                  " (SELECT id FROM places WHERE cc = ?1 AND fclass = 'A' AND fcode LIKE 'PCL%'"
                  " ORDER BY fcode = 'PCLI' DESC, population DESC LIMIT 1)",
    [Q_ADMIN1] = "SELECT geonameid FROM admin1 WHERE code = ?1 || '.' || ?2 AND geonameid IN"
                 " (SELECT id FROM places) UNION ALL SELECT * FROM"
                 " (SELECT id FROM places WHERE cc = ?1 AND admin1 = ?2 AND fcode = 'ADM1'"
                 " ORDER BY population DESC LIMIT 1)",
};

/* A cached answer for one key. */
struct entry {
    uint32_t *post;    /* place indexes (arena) */
    uint32_t npost;
    uint32_t nnotable; /* how many of them are notable (KB_GAZ_NOTABLE) */
    int flags;         /* probe bits: 1 has places, 2 is a prefix */
};

struct kb_gazdb {
    sqlite3 *db;
    sqlite3_stmt *q[Q__MAX];
    pthread_mutex_t lock;
    struct kb_gazetteer *gaz;     /* the gazetteer whose places.v is `places` */
    struct kb_gaz_place *places;  /* CACHE_PLACES reserved */
    size_t nplaces;
    struct kb_strmap byid;        /* 8-byte id -> place index */
    struct kb_strmap bykey;       /* key -> entry index */
    KB_VEC(struct entry) entries;
    struct kb_buf scratch;
    struct kb_arena arena;
};

static void db_free(struct kb_gazdb *d)
{
    if (!d)
        return;
    for (int i = 0; i < Q__MAX; i++)
        sqlite3_finalize(d->q[i]);
    sqlite3_close(d->db);
    if (d->places)
        munmap(d->places, (size_t)CACHE_PLACES * sizeof *d->places);
    kb_strmap_release(&d->byid);
    kb_strmap_release(&d->bykey);
    free(d->entries.v);
    kb_arena_release(&d->arena);
    kb_buf_release(&d->scratch);
    pthread_mutex_destroy(&d->lock);
    free(d);
}

void kbp_gazdb_close(struct kb_gazdb *db)
{
    db_free(db);
}

static sqlite3_stmt *ready(struct kb_gazdb *d, int q)
{
    sqlite3_stmt *st = d->q[q];
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return st;
}

/* Index of place `id` in the cache, loading it; -1 if absent or full. */
static int64_t place_index(struct kb_gazdb *d, sqlite3_int64 id)
{
    size_t n;
    const uint32_t *v = kb_strmap_get(&d->byid, (const char *)&id, sizeof id, &n);
    if (n)
        return v[0];
    if (d->nplaces >= CACHE_PLACES)
        return -1;
    sqlite3_stmt *st = ready(d, Q_PLACE);
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) != SQLITE_ROW)
        return -1;
    struct kb_gaz_place p;
    memset(&p, 0, sizeof p);
    p.id = sqlite3_column_int64(st, 0);
    const char *name = (const char *)sqlite3_column_text(st, 1);
    p.name = kb_arena_strdup(&d->arena, name ? name : "");
    p.lat = sqlite3_column_double(st, 2);
    p.lon = sqlite3_column_double(st, 3);
    const char *fc = (const char *)sqlite3_column_text(st, 4);
    p.fclass = fc && fc[0] ? fc[0] : 'P';
    snprintf(p.fcode, sizeof p.fcode, "%s", (const char *)sqlite3_column_text(st, 5));
    snprintf(p.cc, sizeof p.cc, "%s", (const char *)sqlite3_column_text(st, 6));
    snprintf(p.admin1, sizeof p.admin1, "%s", (const char *)sqlite3_column_text(st, 7));
    p.population = sqlite3_column_int64(st, 8);
    if (sqlite3_column_int(st, 9))
        p.flags |= KB_GAZ_LISTED;
    if (!p.name)
        return -1;
    uint32_t idx = (uint32_t)d->nplaces;
    if (kb_strmap_add(&d->byid, (const char *)&id, sizeof id, idx))
        return -1;
    d->places[d->nplaces++] = p;
    d->gaz->places.n = d->nplaces;
    return idx;
}

size_t kbp_varint_get(const unsigned char *p, size_t n, uint64_t *v)
{
    uint64_t x = 0;
    for (size_t i = 0; i < n && i < 10; i++) {
        x |= (uint64_t)(p[i] & 0x7F) << (7 * i);
        if (!(p[i] & 0x80)) {
            *v = x;
            return i + 1;
        }
    }
    return 0;
}

/*
 * Find key in the block that may hold it.  Fills *post (place ids, caller
 * frees) and returns 1 if found, 0 if not, -1 on a corrupt block; *more is
 * set when a longer key starting with key follows in the block, *last when
 * key would be the block's last entry (the next block must be asked).
 */
struct idvec {
    sqlite3_int64 *v;
    size_t n, cap;
};

static int block_find(const unsigned char *b, size_t n, const char *key, size_t klen,
                      struct idvec *post, bool *more, bool *last)
{
    size_t at = 0;
    int found = 0;
    *more = false;
    *last = true;
    while (at < n) {
        uint64_t kl, cnt;
        size_t g = kbp_varint_get(b + at, n - at, &kl);
        if (!g || kl > n - at - g)
            return -1;
        const char *k = (const char *)b + at + g;
        at += g + kl;
        int c = kb_gaz_keycmp(k, kl, key, klen);
        if (c > 0) {
            *last = false;
            *more = kl > klen && memcmp(k, key, klen) == 0;
            return found;
        }
        if (!(g = kbp_varint_get(b + at, n - at, &cnt)))
            return -1;
        at += g;
        uint64_t id = 0;
        for (uint64_t i = 0; i < cnt; i++) {
            uint64_t d;
            if (!(g = kbp_varint_get(b + at, n - at, &d)))
                return -1;
            at += g;
            id += d;
            if (c == 0 && KB_VEC_PUSH(post, (sqlite3_int64)id))
                return -1;
        }
        if (c == 0)
            found = 1;
    }
    return found;
}

/* The cached answer for key, querying the database the first time. */
static const struct entry *entry_for(struct kb_gazdb *d, const char *key, size_t klen)
{
    size_t n;
    const uint32_t *v = kb_strmap_get(&d->bykey, key, klen, &n);
    if (n)
        return &d->entries.v[v[0]];
    struct entry e = {NULL, 0, 0, 0};
    struct idvec ids = {NULL, 0, 0};
    bool more = false, last = true;
    sqlite3_stmt *st = ready(d, Q_BLOCK);
    sqlite3_bind_text(st, 1, key, (int)klen, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW &&
        block_find(sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0), key, klen,
                   &ids, &more, &last) < 0) {
        free(ids.v);
        return NULL;
    }
    if (last) { /* the next block's first key may extend key */
        st = ready(d, Q_NEXT);
        sqlite3_bind_text(st, 1, key, (int)klen, SQLITE_TRANSIENT);
        if (sqlite3_step(st) == SQLITE_ROW) {
            const char *next = (const char *)sqlite3_column_text(st, 0);
            size_t nl = (size_t)sqlite3_column_bytes(st, 0);
            more = next && nl > klen && memcmp(next, key, klen) == 0;
        }
    }
    e.post = kb_arena_alloc(&d->arena, (ids.n + 1) * sizeof *e.post);
    if (!e.post) {
        free(ids.v);
        return NULL;
    }
    for (size_t k = 0; k < ids.n; k++) {
        int64_t i = place_index(d, ids.v[k]);
        if (i < 0)
            continue;
        const struct kb_gaz_place *p = &d->places[i];
        kb_buf_reset(&d->scratch);
        bool main = kb_phrase_key(p->name, strlen(p->name), &d->scratch) == KB_OK &&
                    d->scratch.len == klen && memcmp(d->scratch.data, key, klen) == 0;
        e.post[e.npost++] = (uint32_t)i;
        e.nnotable += kbp_gaz_notable_name(p, key, klen, main);
    }
    free(ids.v);
    if (e.npost)
        e.flags |= 1;
    if (more)
        e.flags |= 2;
    uint32_t idx = (uint32_t)d->entries.n;
    if (KB_VEC_PUSH(&d->entries, e) || kb_strmap_add(&d->bykey, key, klen, idx))
        return NULL;
    return &d->entries.v[idx];
}

int kbp_gazdb_probe(struct kb_gazdb *db, const char *key, size_t klen, bool notable_only,
                    const uint32_t **post, size_t *npost)
{
    pthread_mutex_lock(&db->lock);
    const struct entry *e = entry_for(db, key, klen);
    int r = 0;
    *post = NULL;
    *npost = 0;
    if (e) {
        /* like a compiled table: a key names its places when one is notable */
        if (e->npost && (!notable_only || e->nnotable)) {
            *post = e->post;
            *npost = e->npost;
            r |= 1;
        }
        r |= e->flags & 2;
    }
    pthread_mutex_unlock(&db->lock);
    return r;
}

static const struct kb_gaz_place *one(struct kb_gazdb *d, int q, const char *a, const char *b)
{
    pthread_mutex_lock(&d->lock);
    sqlite3_stmt *st = ready(d, q);
    sqlite3_bind_text(st, 1, a, -1, SQLITE_TRANSIENT);
    if (b)
        sqlite3_bind_text(st, 2, b, -1, SQLITE_TRANSIENT);
    const struct kb_gaz_place *p = NULL;
    if (sqlite3_step(st) == SQLITE_ROW) {
        int64_t i = place_index(d, sqlite3_column_int64(st, 0));
        p = i >= 0 ? &d->places[i] : NULL;
    }
    pthread_mutex_unlock(&d->lock);
    return p;
}

const struct kb_gaz_place *kbp_gazdb_country(struct kb_gazdb *db, const char *cc)
{
    return one(db, Q_COUNTRY, cc, NULL);
}

const struct kb_gaz_place *kbp_gazdb_admin1(struct kb_gazdb *db, const char *cc,
                                            const char *admin1)
{
    return one(db, Q_ADMIN1, cc, admin1);
}

int kb_gazetteer_open_db(struct kb_gazetteer **out, const char *path, struct kb_error *err)
{
    struct kb_gazetteer *g = calloc(1, sizeof *g);
    struct kb_gazdb *d = calloc(1, sizeof *d);
    int rc = KB_OK;
    if (!g || !d) {
        free(g);
        free(d);
        return kb_error_set(err, KB_ENOMEM, "out of memory opening the gazetteer");
    }
    pthread_mutex_init(&d->lock, NULL);
    kb_strmap_init(&d->byid);
    kb_strmap_init(&d->bykey);
    kb_arena_init(&d->arena);
    kb_buf_init(&d->scratch);
    kb_arena_init(&g->arena);
    for (size_t k = 0; k < KB_ARRAY_LEN(g->country); k++)
        g->country[k] = -1;
    g->db = d;
    d->gaz = g;
    int src = sqlite3_open_v2(path, &d->db, SQLITE_OPEN_READONLY, NULL);
    if (src != SQLITE_OK) {
        rc = kb_error_set(err, src == SQLITE_CANTOPEN ? KB_ENOTFOUND : KB_EDB,
                          "cannot open gazetteer '%s': %s", path,
                          d->db ? sqlite3_errmsg(d->db) : sqlite3_errstr(src));
        goto out;
    }
    sqlite3_stmt *st = NULL;
    long appid = 0, version = 0;
    if (sqlite3_prepare_v2(d->db, "PRAGMA application_id", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        appid = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    st = NULL;
    if (sqlite3_prepare_v2(d->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        version = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (appid != KB_GAZDB_APPID) {
        rc = kb_error_set(err, KB_ESCHEMA, "'%s' is not a gazetteer database "
                          "(make one with 'kb gazetteer import')", path);
        goto out;
    }
    if (version != KB_GAZDB_VERSION) {
        rc = kb_error_set(err, KB_ESCHEMA, "gazetteer '%s' has schema version %ld, this kb "
                          "reads version %d", path, version, KB_GAZDB_VERSION);
        goto out;
    }
    for (int i = 0; i < Q__MAX; i++) {
        if (sqlite3_prepare_v3(d->db, queries[i], -1, SQLITE_PREPARE_PERSISTENT, &d->q[i],
                               NULL) != SQLITE_OK) {
            rc = kb_error_set(err, KB_ESCHEMA, "gazetteer '%s' is unusable: %s", path,
                              sqlite3_errmsg(d->db));
            goto out;
        }
    }
    void *m = mmap(NULL, (size_t)CACHE_PLACES * sizeof *d->places, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED) {
        rc = kb_error_set(err, KB_ENOMEM, "cannot reserve memory for the gazetteer");
        goto out;
    }
    d->places = m;
    g->places.v = d->places;
out:
    if (rc) {
        kb_gazetteer_free(g);
        return rc;
    }
    *out = g;
    return KB_OK;
}
