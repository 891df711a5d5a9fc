/*
 * store.h -- the SQLite knowledge base: opening and migrating it, storing
 * extracted documents, and the read-side queries the exporters share.
 *
 * A struct kb_store owns one sqlite3 connection and its prepared
 * statements.  Writers hold one transaction per batch of articles; every
 * value from article text or the command line reaches SQL as a bound
 * parameter.
 */
#ifndef KB_STORE_H
#define KB_STORE_H

#include "extract/extract.h"

#include <sqlite3.h>

enum kb_store_flags {
    KB_STORE_READONLY = 1 << 0, /* open read-only; the KB must exist */
    KB_STORE_CREATE = 1 << 1,   /* create the file and schema if missing */
};

/* Latest schema version (PRAGMA user_version) this build writes. */
#define KB_SCHEMA_VERSION 1

struct kb_store_stmts;
struct kb_store {
    sqlite3 *db;
    char *path;
    unsigned flags;
    struct kb_store_stmts *st; /* prepared statements, created on first use */
    bool no_merge;             /* ingest: one event per report, never merged (--no-merge) */
};

/* Counts of what an ingest added. */
struct kb_ingest_stats {
    long articles, duplicates, entities, places, events, mentions, merged;
};

/* ---- store.c ---- */

/*
 * Open the KB at path.  Without KB_STORE_CREATE the file must exist and be
 * a KB; a KB of an older schema is migrated (unless read-only), a newer one
 * is refused with KB_ESCHEMA.  Caller closes with kb_store_close().
 */
int kb_store_open(struct kb_store **out, const char *path, unsigned flags,
                  struct kb_error *err);
void kb_store_close(struct kb_store *s); /* NULL-safe */
/*
 * Bulk writing on or off (outside a transaction).  On: foreign keys are not
 * checked, for writers whose rows are consistent by construction
 * (kb_store_ingest and kb_store_ingest_with, which ingest, load and merge
 * use: every id they write comes from a row they just wrote or found) -- a
 * tenth of ingest time.  Tests run PRAGMA
 * foreign_key_check after such writes.  Off again before other work.
 */
int kb_store_bulk(struct kb_store *s, bool on, struct kb_error *err);
/*
 * Before a bulk load into an empty KB: drop the indexes only reads use, keep
 * their SQL in the table kb_deferred_indexes (one transaction), so rows go
 * in without updating them -- three times faster, and linear in the corpus.
 * *deferred says whether it did (not for a KB with articles).  Only the
 * indexes listed in store.c are deferred: none that a writer's lookup uses.
 * edges_key is unique, but bulk writers insert each article's edges once
 * each (and CREATE UNIQUE INDEX would say if not).
 */
int kb_store_defer_indexes(struct kb_store *s, bool *deferred, struct kb_error *err);
/*
 * Build the indexes kb_store_defer_indexes dropped, if any (one transaction,
 * sorting through temporary files), and drop kb_deferred_indexes.  Called
 * at the end of a bulk load, and by kb_store_open for a writer, so that a
 * load that was killed leaves a KB that the next writer completes.
 */
int kb_store_restore_indexes(struct kb_store *s, struct kb_error *err);
/*
 * Start a write transaction holding the write lock (BEGIN IMMEDIATE),
 * waiting up to ten minutes for another writer to finish its batch.
 */
int kb_store_begin(struct kb_store *s, struct kb_error *err);
int kb_store_commit(struct kb_store *s, struct kb_error *err);
/* Roll back the open transaction, if any (NULL-safe). */
void kb_store_rollback(struct kb_store *s);
/* Map the last SQLite error of s to a status and message. */
int kb_store_error(struct kb_store *s, int sqlite_rc, struct kb_error *err,
                   const char *what);
/* Schema version of the open KB. */
int kb_store_version(struct kb_store *s);
/*
 * Cap the KB at `pages` pages (SQLite's per-connection max_page_count; it
 * never shrinks a KB below its current size).  Writes past the cap fail
 * with KB_EFULL as on a full disk: the full-disk tests use it.
 */
int kb_store_limit_pages(struct kb_store *s, long pages, struct kb_error *err);

/* ---- ingest.c ---- */

/* Is an article with this SHA-256 (hex) already stored? */
int kb_store_has_article(struct kb_store *s, const char *sha256, bool *has,
                         struct kb_error *err);
/*
 * Store an extracted document (inside the caller's transaction, if any).
 * `path` is where it came from (may be NULL).  A document whose text is
 * already stored adds nothing and counts as a duplicate.  An event already
 * in the KB (same CAMEO root, actor, target, place -- or no place on one
 * side -- negation and mood, and days that overlap; undated events never
 * merge) gains a mention and the new article's edges instead of a new row,
 * unless s->no_merge; stats->events counts new event rows, stats->merged
 * the reports merged into existing ones.  The document is stored whole or
 * not at all (a savepoint): on failure neither its rows nor its counts in
 * *stats remain.
 */
int kb_store_ingest(struct kb_store *s, const struct kb_doc *doc, const char *path,
                    struct kb_ingest_stats *stats, struct kb_error *err);
/* What a writer may have worked out about a document before storing it. */
struct kb_store_extra {
    const char *sha256; /* SHA-256 (hex) of doc->text, or NULL */
    const void *docz;   /* kb_doc_write_json(KB_DOC_NO_TEXT) of doc, kb_zip'ed, or NULL */
    size_t docz_len;
};
/*
 * kb_store_ingest with what x gives already computed (x or its members may
 * be NULL: they are computed here).  Every stored article keeps its
 * extraction in article_docs, which kb merge stores again elsewhere.
 */
int kb_store_ingest_with(struct kb_store *s, const struct kb_doc *doc, const char *path,
                         const struct kb_store_extra *x, struct kb_ingest_stats *stats,
                         struct kb_error *err);

/* ---- merge.c ---- */

/* An article as a KB keeps it; pointers valid until the next read. */
struct kb_stored_article {
    sqlite3_int64 id;
    const char *text;  /* the article text */
    size_t len;
    const char *path;  /* where it was read from, or NULL */
    const void *docz;  /* its extraction: kb_doc_write_json(KB_DOC_NO_TEXT), kb_zip'ed */
    size_t docz_len;
};

struct kb_store_reader;

/*
 * Open the KB at path to read its articles in order, for kb merge.
 * KB_ESCHEMA for a KB of another schema version; KB_ENOTFOUND if missing.
 * Close with kb_store_reader_close().
 */
int kb_store_reader_open(struct kb_store_reader **out, const char *path, struct kb_error *err);
/*
 * The next article: 1 (*a filled), 0 at the end, or -(status) for an
 * article that cannot be stored again (no extraction kept: KB_ESCHEMA),
 * with err's source and line saying which (the KB and the article id).
 */
int kb_store_reader_next(struct kb_store_reader *r, struct kb_stored_article *a,
                         struct kb_error *err);
void kb_store_reader_close(struct kb_store_reader *r); /* NULL-safe */

/* ---- schema.c ---- */

/* Apply migrations from version `from` to KB_SCHEMA_VERSION. */
int kb_schema_migrate(sqlite3 *db, int from, struct kb_error *err);

/* ---- geo.c ---- */

/* Register kb_distance_km(lat1, lon1, lat2, lon2) on db (great-circle km). */
int kb_geo_sql_register(sqlite3 *db);

/*
 * The latitude/longitude box holding every point within km of (lat, lon).
 * When wraps, the box crosses the antimeridian: longitudes from lon0 to 180
 * and from -180 to lon1.
 */
struct kb_geo_box {
    double lat0, lat1, lon0, lon1;
    bool wraps;
};
void kb_geo_box(double lat, double lon, double km, struct kb_geo_box *b);

/* CAMEO quad class (1 verbal coop, 2 material coop, 3 verbal conflict,
   4 material conflict) of a code's root. */
int kb_cameo_quad(const char *cameo);

#endif
