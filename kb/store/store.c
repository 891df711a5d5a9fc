/*
 * store.c -- open, check, migrate and close the SQLite knowledge base.
 *
 * Connections use WAL (readers see a consistent snapshot while a writer
 * works), foreign keys, and a busy handler so that two writers take turns
 * instead of failing.
 */
#include "store.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void kbp_store_stmts_free(struct kb_store_stmts *st);
void kbp_store_cache_clear(struct kb_store_stmts *st);

int kb_store_error(struct kb_store *s, int rc, struct kb_error *err, const char *what)
{
    const char *msg = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
    int primary = rc & 0xFF;
    if (primary == SQLITE_FULL)
        return kb_error_set(err, KB_EFULL, "%s: database or disk is full", what);
    if (primary == SQLITE_NOTADB)
        return kb_error_set(err, KB_ESCHEMA, "%s: '%s' is not a kb database (not SQLite)",
                            what, s && s->path ? s->path : "?");
    if (primary == SQLITE_READONLY)
        return kb_error_set(err, KB_EDB, "%s: the knowledge base is read-only", what);
    if (primary == SQLITE_NOMEM)
        return kb_error_set(err, KB_ENOMEM, "%s: out of memory", what);
    return kb_error_set(err, KB_EDB, "%s: %s", what, msg);
}

static int pragma_int(sqlite3 *db, const char *sql, int *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int(st, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

int kb_store_version(struct kb_store *s)
{
    int v = -1;
    pragma_int(s->db, "PRAGMA user_version", &v);
    return v;
}

/* Does the database hold tables that are not kb's?  (user_version 0 only) */
static int foreign_tables(sqlite3 *db, bool *any)
{
    int n = 0;
    int rc = pragma_int(db, "SELECT count(*) FROM sqlite_master WHERE type='table'", &n);
    *any = n > 0;
    return rc;
}

/*
 * SQLite's busy handler: called with the number of times it was already
 * called for this lock; returns 0 to give up (SQLITE_BUSY).  It retries
 * every millisecond for the first second, then every 10 ms, for 30 s in
 * all.  SQLite's own handler (sqlite3_busy_timeout) backs off to 100 ms,
 * which lets a writer that commits and begins again within a few
 * milliseconds keep the lock for good; polling fast lets the waiting
 * writer in at the next commit, so concurrent ingests take turns.
 */
static int on_busy(void *arg, int calls)
{
    (void)arg;
    if (calls < 1000) {
        sqlite3_sleep(1);
        return 1;
    }
    if (calls < 1000 + 2900) {
        sqlite3_sleep(10);
        return 1;
    }
    return 0;
}

/* 0 when this process can write path's folder (where SQLite puts -wal and
   -shm), else the errno that says why not. */
static int folder_access(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : NULL;
    if (slash && !dir)
        return ENOMEM;
    int e = access(dir ? dir : ".", W_OK) == 0 ? 0 : errno;
    free(dir);
    return e;
}

/*
 * Open path read-only as an immutable file (no locks, no -shm): the way to
 * read a WAL-mode KB in a folder we cannot write, where SQLite could not
 * create the -shm file.  Only used when no -wal file exists, so no writer
 * is at work on it.
 */
static int open_immutable(const char *path, sqlite3 **db)
{
    struct kb_buf uri;
    kb_buf_init(&uri);
    int rc = kb_buf_adds(&uri, "file:");
    for (const char *p = path; *p && !rc; p++) {
        if (*p == '?' || *p == '#' || *p == '%')
            rc = kb_buf_printf(&uri, "%%%02X", (unsigned char)*p);
        else
            rc = kb_buf_addc(&uri, *p);
    }
    if (!rc)
        rc = kb_buf_adds(&uri, "?immutable=1");
    int src = rc ? SQLITE_NOMEM
                 : sqlite3_open_v2(uri.data, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    kb_buf_release(&uri);
    return src;
}

int kb_store_open(struct kb_store **out, const char *path, unsigned flags,
                  struct kb_error *err)
{
    /* no memory statistics: they take a global mutex on every allocation
       (fails harmlessly once SQLite is initialised) */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    struct kb_store *s = calloc(1, sizeof *s);
    if (!s)
        return kb_error_set(err, KB_ENOMEM, "out of memory");
    s->flags = flags;
    s->path = strdup(path);
    int rc = KB_OK;
    if (!s->path) {
        rc = kb_error_set(err, KB_ENOMEM, "out of memory");
        goto out;
    }
    struct stat sb;
    bool exists = stat(path, &sb) == 0;
    if (!exists && !(flags & KB_STORE_CREATE)) {
        rc = kb_error_set(err, KB_ENOTFOUND,
                          "no knowledge base at '%s' (create one with 'kb init')", path);
        goto out;
    }
    if (exists && S_ISDIR(sb.st_mode)) {
        rc = kb_error_set(err, KB_EIO, "'%s' is a directory, not a knowledge base", path);
        goto out;
    }
    if (!(flags & KB_STORE_READONLY)) {
        /* SQLite would open a file it cannot write read-only without a word */
        if (exists && access(path, W_OK) != 0) {
            rc = kb_error_set(err, KB_EDB, "cannot write to '%s': %s (the knowledge base is "
                                           "read-only)", path, strerror(errno));
            goto out;
        }
        int e = folder_access(path);
        if (e) {
            rc = kb_error_set(err, KB_EDB, "cannot write in the folder of '%s': %s (SQLite "
                                           "keeps its journal there)", path, strerror(e));
            goto out;
        }
    }
    /* a connection is only ever used by the thread that opened it: no mutexes */
    int oflags = SQLITE_OPEN_NOMUTEX | ((flags & KB_STORE_READONLY)
                                            ? SQLITE_OPEN_READONLY
                                            : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    int src = sqlite3_open_v2(path, &s->db, oflags, NULL);
    if (src != SQLITE_OK) {
        rc = kb_error_set(err, KB_EDB, "cannot open '%s': %s", path,
                          s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(src));
        goto out;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_handler(s->db, on_busy, NULL);
    /* room for the records an insert builds without going to malloc */
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_LOOKASIDE, NULL, 1024, 512);
    int version = 0;
    src = pragma_int(s->db, "PRAGMA user_version", &version);
    if ((flags & KB_STORE_READONLY) && (src & 0xFF) == SQLITE_READONLY && folder_access(path)) {
        /* a WAL-mode KB in a folder we cannot write: SQLite cannot create
           its -shm file.  Read it as immutable when no writer is at work
           (no -wal file). */
        char *wal = malloc(strlen(path) + 5);
        bool writer = !wal || (sprintf(wal, "%s-wal", path), access(wal, F_OK) == 0);
        free(wal);
        if (writer) {
            rc = kb_error_set(err, KB_EDB, "cannot read '%s': another process is writing it "
                                           "and its folder is read-only for us", path);
            goto out;
        }
        sqlite3_close_v2(s->db);
        s->db = NULL;
        if ((src = open_immutable(path, &s->db)) == SQLITE_OK)
            src = pragma_int(s->db, "PRAGMA user_version", &version);
    }
    if (src != SQLITE_OK) {
        rc = kb_store_error(s, src, err, "cannot read the knowledge base");
        goto out;
    }
    if (kb_geo_sql_register(s->db) != KB_OK) {
        rc = kb_error_set(err, KB_EDB, "cannot open '%s': %s", path, sqlite3_errmsg(s->db));
        goto out;
    }
    if (version > KB_SCHEMA_VERSION) {
        rc = kb_error_set(err, KB_ESCHEMA,
                          "'%s' has schema version %d, newer than this kb understands (%d); "
                          "upgrade kb",
                          path, version, KB_SCHEMA_VERSION);
        goto out;
    }
    if (version == 0) {
        bool any = false;
        if ((src = foreign_tables(s->db, &any)) != SQLITE_OK) {
            rc = kb_store_error(s, src, err, "cannot read the knowledge base");
            goto out;
        }
        if (any) {
            rc = kb_error_set(err, KB_ESCHEMA, "'%s' is an SQLite database but not a kb "
                                               "knowledge base", path);
            goto out;
        }
        if (!(flags & KB_STORE_CREATE)) {
            rc = kb_error_set(err, KB_ESCHEMA,
                              "'%s' is not an initialised knowledge base (run 'kb init')", path);
            goto out;
        }
    }
    if (!(flags & KB_STORE_READONLY)) {
        char *msg = NULL;
        /* WAL, and for a writer a 64 MB page cache (the indexes of a growing
           KB are written all over) and savepoint journals in memory (in a
           file, they were most of the writes of an ingest) */
        src = sqlite3_exec(s->db,
                           "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                           " PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;",
                           NULL, NULL, &msg);
        sqlite3_free(msg);
        if (src != SQLITE_OK) {
            rc = kb_store_error(s, src, err, "cannot set up the knowledge base");
            goto out;
        }
        if (version < KB_SCHEMA_VERSION && (rc = kb_schema_migrate(s->db, version, err)))
            goto out;
        /* a bulk load that did not finish left its indexes to build */
        if ((rc = kb_store_restore_indexes(s, err)))
            goto out;
    }
    src = sqlite3_exec(s->db, "PRAGMA foreign_keys=ON;", NULL, NULL, NULL);
    if (src != SQLITE_OK) {
        rc = kb_store_error(s, src, err, "cannot set up the knowledge base");
        goto out;
    }
out:
    if (rc) {
        kb_store_close(s);
        return rc;
    }
    *out = s;
    return KB_OK;
}

int kb_store_limit_pages(struct kb_store *s, long pages, struct kb_error *err)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA max_page_count = %ld", pages);
    int got = 0, src = pragma_int(s->db, sql, &got);
    if (src != SQLITE_OK)
        return kb_store_error(s, src, err, "cannot limit the knowledge base's size");
    return KB_OK;
}

void kb_store_close(struct kb_store *s)
{
    if (!s)
        return;
    kbp_store_stmts_free(s->st);
    if (s->db)
        sqlite3_close_v2(s->db);
    free(s->path);
    free(s);
}

static int exec_simple(struct kb_store *s, const char *sql, struct kb_error *err)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return kb_store_error(s, rc, err, sql);
    return KB_OK;
}

/* ---- Deferred indexes ---- */

/* The first column of every row of sql, NUL-separated into out. */
static int column_list(struct kb_store *s, const char *sql, struct kb_buf *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        if (v && kb_buf_add(out, v, strlen(v) + 1))
            rc = SQLITE_NOMEM;
        else
            rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/*
 * The indexes a bulk load may build at the end: those no writer's lookup
 * uses (the writers look up articles by hash, entities by (type, name), by
 * surname and by name, places by key, events by (root, actor, target), event
 * mentions by event -- all through indexes not listed here).  edges_key is
 * unique, but bulk writers insert each article's edges once each.  An index
 * added to the schema stays, until it is known safe to list it here.
 */
static const char *const deferrable[] = {
    "articles_dct",    "aliases_alias",  "edges_dst",         "edges_key",
    "edges_kind",      "event_mentions_article", "events_actor", "events_day",
    "events_place",    "events_root",    "events_target",     "mentions_article",
    "mentions_entity", "mentions_place", "nodes_kind_name",   "places_country",
    "places_name",     "timexes_article", "timexes_day",
};

int kb_store_defer_indexes(struct kb_store *s, bool *deferred, struct kb_error *err)
{
    int n = -1;
    *deferred = false;
    /* under the write lock, so that a concurrent writer's articles count */
    int krc = kb_store_begin(s, err);
    if (krc)
        return krc;
    int rc = pragma_int(s->db, "SELECT count(*) FROM articles", &n);
    if (rc != SQLITE_OK) {
        krc = kb_store_error(s, rc, err, "cannot read the knowledge base");
        kb_store_rollback(s);
        return krc;
    }
    if (n != 0) {
        kb_store_rollback(s);
        return KB_OK; /* only an empty KB: else rebuilding would cost more than it saves */
    }
    struct kb_buf names;
    kb_buf_init(&names);
    rc = sqlite3_exec(s->db,
                      "CREATE TABLE IF NOT EXISTS kb_deferred_indexes(name TEXT PRIMARY KEY,"
                      " sql TEXT NOT NULL);",
                      NULL, NULL, NULL);
    sqlite3_stmt *st = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db,
                                "INSERT OR IGNORE INTO kb_deferred_indexes SELECT name, sql"
                                " FROM sqlite_master WHERE type = 'index' AND name = ?1"
                                " AND sql IS NOT NULL",
                                -1, &st, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < KB_ARRAY_LEN(deferrable); i++) {
        sqlite3_bind_text(st, 1, deferrable[i], -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_OK)
        rc = column_list(s, "SELECT name FROM kb_deferred_indexes ORDER BY name", &names);
    for (size_t i = 0; rc == SQLITE_OK && i < names.len; i += strlen(names.data + i) + 1) {
        const char *name = names.data + i;
        char drop[200];
        /* names from sqlite_master, quoted as identifiers */
        if (strchr(name, '"') ||
            snprintf(drop, sizeof drop, "DROP INDEX IF EXISTS \"%s\"", name) >= (int)sizeof drop)
            continue;
        rc = sqlite3_exec(s->db, drop, NULL, NULL, NULL);
    }
    kb_buf_release(&names);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        int out = kb_store_error(s, rc, err, "cannot prepare the knowledge base for loading");
        kb_store_rollback(s);
        return out;
    }
    *deferred = true;
    return KB_OK;
}

/* Inside the write transaction: build what kb_deferred_indexes lists, drop
   it, commit.  Another writer may have done it already: then nothing. */
static int build_deferred(struct kb_store *s, struct kb_error *err)
{
    int n = 0;
    int rc = pragma_int(s->db,
                        "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                        " AND name = 'kb_deferred_indexes'",
                        &n);
    if (rc == SQLITE_OK && n == 0)
        return KB_OK;
    struct kb_buf sqls;
    kb_buf_init(&sqls);
    if (rc == SQLITE_OK)
        rc = column_list(s, "SELECT sql FROM kb_deferred_indexes ORDER BY name", &sqls);
    for (size_t i = 0; rc == SQLITE_OK && i < sqls.len; i += strlen(sqls.data + i) + 1) {
        const char *sql = sqls.data + i;
        /* CREATE [UNIQUE] INDEX x ON ... -> CREATE [UNIQUE] INDEX IF NOT EXISTS x ON ... */
        bool unique = strncmp(sql, "CREATE UNIQUE INDEX ", 20) == 0;
        if (!unique && strncmp(sql, "CREATE INDEX ", 13) != 0)
            continue;
        char *again = sqlite3_mprintf("CREATE %sINDEX IF NOT EXISTS %s", unique ? "UNIQUE " : "",
                                      sql + (unique ? 20 : 13));
        rc = again ? sqlite3_exec(s->db, again, NULL, NULL, NULL) : SQLITE_NOMEM;
        sqlite3_free(again);
    }
    kb_buf_release(&sqls);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(s->db, "DROP TABLE kb_deferred_indexes; COMMIT", NULL, NULL, NULL);
    return rc == SQLITE_OK ? KB_OK : kb_store_error(s, rc, err, "cannot index the knowledge base");
}

int kb_store_restore_indexes(struct kb_store *s, struct kb_error *err)
{
    int n = 0;
    int rc = pragma_int(s->db,
                        "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                        " AND name = 'kb_deferred_indexes'",
                        &n);
    if (rc != SQLITE_OK)
        return kb_store_error(s, rc, err, "cannot read the knowledge base");
    if (n == 0)
        return KB_OK;
    /* the sorter spills to files, not memory; it holds up to cache_size per
       thread in memory: 16 MB, two threads, for a flat peak */
    sqlite3_exec(s->db, "PRAGMA temp_store=FILE; PRAGMA threads=1; PRAGMA cache_size=-16384",
                 NULL, NULL, NULL);
    int out = kb_store_begin(s, err);
    if (!out)
        out = build_deferred(s, err);
    kb_store_rollback(s);
    sqlite3_exec(s->db, "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536", NULL, NULL, NULL);
    return out;
}

int kb_store_bulk(struct kb_store *s, bool on, struct kb_error *err)
{
    return exec_simple(s, on ? "PRAGMA foreign_keys=OFF" : "PRAGMA foreign_keys=ON", err);
}

int kb_store_begin(struct kb_store *s, struct kb_error *err)
{
    /* BEGIN IMMEDIATE takes the write lock now, so no later statement of
       the transaction can meet SQLITE_BUSY.  While another writer holds the
       lock the busy handler waits (30 s); a writer that holds it longer is
       waited for again, 20 times (10 minutes) before giving up. */
    int rc = SQLITE_BUSY;
    for (int tries = 0; tries < 20 && (rc & 0xFF) == SQLITE_BUSY; tries++)
        rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    return rc == SQLITE_OK ? KB_OK : kb_store_error(s, rc, err, "cannot start writing");
}

int kb_store_commit(struct kb_store *s, struct kb_error *err)
{
    int rc = exec_simple(s, "COMMIT", err);
    if (rc)
        kbp_store_cache_clear(s->st); /* the transaction may be gone */
    return rc;
}

void kb_store_rollback(struct kb_store *s)
{
    if (s && s->db && !sqlite3_get_autocommit(s->db)) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        kbp_store_cache_clear(s->st); /* ids it knew may be gone */
    }
}
