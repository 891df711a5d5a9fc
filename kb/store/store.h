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
 * checked, for writers whose rows are consistent by construction (kb_store_
 * ingest, kb_store_merge: every id they write comes from a row they just
 * wrote or found) -- a tenth of ingest time.  Tests run PRAGMA
 * foreign_key_check after such writes.  Off again before other work.
 */
int kb_store_bulk(struct kb_store *s, bool on, struct kb_error *err);
/*
 * Before a bulk load into an empty KB: drop the non-unique indexes and keep
 * their SQL in the table kb_deferred_indexes (one transaction), so rows go
 * in without updating them -- three times faster, and linear in the corpus.
 * *deferred says whether it did (not for a KB with articles).  Lookups the
 * writers make use only unique indexes, which stay -- but for edges_key:
 * bulk writers insert each article's edges once each, so they are unique by
 * construction (and CREATE UNIQUE INDEX would say if not).
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
/* Same, with the SHA-256 (hex) of doc->text already computed, or NULL. */
int kb_store_ingest_sha(struct kb_store *s, const struct kb_doc *doc, const char *path,
                        const char *sha256, struct kb_ingest_stats *stats,
                        struct kb_error *err);

/* ---- merge.c ---- */

/*
 * Merge the KB at path into s (in a transaction of its own; bulk mode may
 * be on): articles already in s (same text) are skipped with what was read
 * from them, entities and places already in s (same canonical key) are
 * reused, the rest is copied.  Merging the shards of a corpus in input order
 * gives the KB that ingesting the corpus gives, ids included.  Adds what it
 * copied to *stats.  KB_ESCHEMA for a source of another schema version or
 * with tables this kb does not know; on failure s is unchanged.
 */
int kb_store_merge(struct kb_store *s, const char *path, struct kb_ingest_stats *stats,
                   struct kb_error *err);

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
