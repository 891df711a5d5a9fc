/*
 * test_bulk.c -- the store's bulk paths: deferred indexes, atomic articles,
 * merging, and the ordered pipeline they run on.
 *
 * Test plan:
 *   bulk-1.x  kb_store_defer_indexes drops the indexes no writer lookup uses
 *             (non-unique, and edges_key) of an empty KB only, keeps the
 *             lookup ones; kb_store_restore_indexes builds them back; a writer
 *             opening a KB a killed load left behind builds them, a reader
 *             does not touch it
 *   bulk-2.x  kb_store_ingest with foreign keys off leaves no dangling
 *             reference (PRAGMA foreign_key_check); a failing article leaves
 *             neither rows nor counts; after a rollback the writer's cache of
 *             entity ids gives none of the rolled back ones
 *   bulk-3.x  merging (kb_store_reader_* + kb_store_ingest_with, as kb merge
 *             does): the shards of a corpus merged in order give the ingest of
 *             the corpus, row for row, surnames linked across shards; merging
 *             again adds nothing; a source of another schema, or missing an
 *             article's kept extraction, is refused and the destination is
 *             unchanged
 *   bulk-4.x  kb_pipeline_run keeps the input order with many workers, stops
 *             when the writer says so, and runs serially with one worker
 */
#include "store/store.h"
#include "helpers.h"

#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/kb-test-bulk-XXXXXX";

static char *path(const char *name)
{
    static char buf[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static const char *const articles[] = {
    "Russia attacked Ukraine on Monday. Lukashenko said Belarus would not take part.",
    "President Volodymyr Zelensky met Antonio Guterres in Kyiv on Tuesday. Zelensky urged "
    "the United Nations to act.",
    "Belarusian troops crossed into Ukraine, Ukrainian officials said on Wednesday. Russia "
    "denied it.",
    "The European Union imposed sanctions on Russia on Thursday. Moscow accused Brussels of "
    "hostility.",
    "Turkey hosted talks between Russia and Ukraine in Istanbul on Friday. Erdogan called "
    "for a ceasefire.",
    "Russia attacked Ukraine on Monday. Lukashenko said Belarus would not take part.",
};

/* Ingest articles[from..to) into s, each in the batch transaction. */
static int ingest(struct kb_store *s, size_t from, size_t to, struct kb_ingest_stats *st)
{
    struct kb_error err;
    int rc = kb_store_bulk(s, true, &err);
    if (!rc)
        rc = kb_store_begin(s, &err);
    for (size_t i = from; i < to && !rc; i++) {
        struct kb_doc *d = t_extract(articles[i], "2022-03-16");
        rc = kb_store_ingest(s, d, NULL, st, &err);
        kb_doc_free(d);
    }
    if (!rc)
        rc = kb_store_commit(s, &err);
    kb_store_rollback(s);
    kb_store_bulk(s, false, &err);
    return rc;
}

/* the indexes a bulk load defers: all but the unique ones and those the
   writer's lookups use (by name, by surname, an event by its key) */
static const char indexes[] =
    "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
    " AND (sql NOT LIKE 'CREATE UNIQUE%' OR name = 'edges_key')"
    " AND name NOT IN ('entities_name', 'entities_surname', 'events_merge')";
static const char lookups[] =
    "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
    " AND name IN ('entities_name', 'entities_surname', 'events_merge')";

static void test_indexes(void)
{
    struct kb_store *s = NULL;
    struct kb_error err;
    struct kb_ingest_stats st = {0};
    T_INT(kb_store_open(&s, path("a.db"), KB_STORE_CREATE, &err), KB_OK, "bulk-1.0 create");
    long all = t_count(s, indexes);
    bool deferred = false;
    T_INT(kb_store_defer_indexes(s, &deferred, &err), KB_OK, "bulk-1.1 defer");
    T_OK(deferred && all > 10 && t_count(s, indexes) == 0, "bulk-1.1 indexes dropped (%ld)", all);
    T_INT(t_count(s, "SELECT count(*) FROM kb_deferred_indexes"), all, "bulk-1.2 and recorded");
    T_INT(t_count(s, lookups), 3, "bulk-1.2 the writer's lookup indexes stay");
    ingest(s, 0, 2, &st);
    kb_store_close(s);
    /* a reader leaves them; a writer builds them */
    T_INT(kb_store_open(&s, path("a.db"), KB_STORE_READONLY, &err), KB_OK, "bulk-1.3 reader");
    T_INT(t_count(s, indexes), 0, "bulk-1.3 a reader changes nothing");
    kb_store_close(s);
    T_INT(kb_store_open(&s, path("a.db"), 0, &err), KB_OK, "bulk-1.4 writer");
    T_INT(t_count(s, indexes), all, "bulk-1.4 a writer builds the indexes back");
    T_INT(t_count(s, "SELECT count(*) FROM sqlite_master WHERE name = 'kb_deferred_indexes'"), 0,
          "bulk-1.5 and drops the record");
    deferred = true;
    T_INT(kb_store_defer_indexes(s, &deferred, &err), KB_OK, "bulk-1.6 defer on a full KB");
    T_OK(!deferred && t_count(s, indexes) == all, "bulk-1.6 is a no-op");
    T_INT(kb_store_restore_indexes(s, &err), KB_OK, "bulk-1.7 restore with nothing to do");
    kb_store_close(s);
}

static void test_atomic(void)
{
    struct kb_store *s = NULL;
    struct kb_error err;
    struct kb_ingest_stats st = {0};
    kb_store_open(&s, path("b.db"), KB_STORE_CREATE, &err);
    T_INT(ingest(s, 0, KB_ARRAY_LEN(articles), &st), KB_OK, "bulk-2.1 ingest with checks off");
    T_INT(t_count(s, "SELECT count(*) FROM pragma_foreign_key_check"), 0,
          "bulk-2.1 no dangling reference");
    T_INT(st.articles, KB_ARRAY_LEN(articles) - 1, "bulk-2.2 articles");
    T_INT(st.duplicates, 1, "bulk-2.2 the repeated one");
    /* an article whose place breaks a CHECK constraint fails whole */
    struct kb_doc *d = t_extract("Missiles struck Kharkiv and Kyiv on Monday night.", NULL);
    T_OK(d->places.n > 0, "bulk-2.3 the article has places");
    if (d->places.n) {
        d->places.v[d->places.n - 1].lat = 123; /* outside -90..90 */
        d->places.v[d->places.n - 1].geonameid = 0;
        d->places.v[d->places.n - 1].name = "Nowhere";
        d->places.v[d->places.n - 1].resolved = true;
    }
    long nodes = t_count(s, "SELECT count(*) FROM nodes");
    struct kb_ingest_stats before = st;
    kb_store_begin(s, &err);
    int rc = kb_store_ingest(s, d, NULL, &st, &err);
    kb_store_commit(s, &err);
    T_OK(rc != KB_OK, "bulk-2.3 refused");
    T_INT(t_count(s, "SELECT count(*) FROM nodes"), nodes, "bulk-2.4 no row of it stays");
    T_OK(memcmp(&st, &before, sizeof st) == 0, "bulk-2.5 nor its counts");
    kb_doc_free(d);
    /* a rolled back transaction takes its new entities with it: the writer
       must not reuse their ids */
    const char *text = "Ursula Vandermeer met Kofi Mensah-Okoro in Accra on Monday.";
    kb_store_begin(s, &err);
    d = t_extract(text, "2022-03-16");
    T_INT(kb_store_ingest(s, d, NULL, &st, &err), KB_OK, "bulk-2.6 ingest, then roll back");
    kb_store_rollback(s);
    kb_store_begin(s, &err);
    T_INT(kb_store_ingest(s, d, NULL, &st, &err), KB_OK, "bulk-2.6 ingest again");
    kb_store_commit(s, &err);
    T_INT(t_count(s, "SELECT count(*) FROM pragma_foreign_key_check"), 0,
          "bulk-2.6 no reference to a rolled back row");
    T_INT(t_count(s, "SELECT count(*) FROM mentions m LEFT JOIN entities e ON e.id = m.entity"
                     " WHERE m.entity IS NOT NULL AND e.id IS NULL"),
          0, "bulk-2.6 every mention's entity exists");
    kb_doc_free(d);
    kb_store_close(s);
}

/* Every row of every table, in order, as one string. */
static char *dump(struct kb_store *s)
{
    static const char *const tables[] = {"nodes",  "edges",    "articles", "entities",
                                         "aliases", "places",  "sentences", "mentions",
                                         "timexes", "events",  "event_mentions"};
    struct kb_buf b;
    kb_buf_init(&b);
    for (size_t t = 0; t < KB_ARRAY_LEN(tables); t++) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY 1, 2", tables[t]);
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
            continue;
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(st); c++) {
                const char *v = (const char *)sqlite3_column_text(st, c);
                kb_buf_printf(&b, "%s|", v ? v : "NULL");
            }
            kb_buf_addc(&b, '\n');
        }
        sqlite3_finalize(st);
    }
    return kb_buf_detach(&b, NULL);
}

/*
 * What kb merge does with one source (cmd_merge.c runs the same steps on the
 * pipeline): each article the source kept, in order, its extraction unzipped
 * and read back, stored again in m in one transaction.
 */
static int merge(struct kb_store *m, const char *src, struct kb_ingest_stats *st,
                 struct kb_error *err)
{
    struct kb_store_reader *r = NULL;
    int rc = kb_store_reader_open(&r, src, err);
    if (rc)
        return rc;
    struct kb_buf json;
    kb_buf_init(&json);
    struct kb_stored_article a;
    int n;
    rc = kb_store_begin(m, err);
    while (!rc && (n = kb_store_reader_next(r, &a, err)) != 0) {
        if (n < 0) {
            rc = -n;
            break;
        }
        kb_buf_reset(&json);
        struct kb_doc *d = NULL;
        const char *ignored;
        if ((rc = kb_unzip(a.docz, a.docz_len, &json)) ||
            (rc = kb_doc_from_json(json.data, json.len, a.text, a.len, &d, &ignored, err)))
            break;
        struct kb_store_extra x = {NULL, a.docz, a.docz_len};
        rc = kb_store_ingest_with(m, d, a.path, &x, st, err);
        kb_doc_free(d);
    }
    if (!rc)
        rc = kb_store_commit(m, err);
    kb_store_rollback(m);
    kb_buf_release(&json);
    kb_store_reader_close(r);
    return rc;
}

static void test_merge(void)
{
    struct kb_store *whole = NULL, *a = NULL, *b = NULL, *m = NULL;
    struct kb_error err;
    struct kb_ingest_stats st = {0};
    kb_store_open(&whole, path("whole.db"), KB_STORE_CREATE, &err);
    ingest(whole, 0, KB_ARRAY_LEN(articles), &st);
    kb_store_open(&a, path("shard-a.db"), KB_STORE_CREATE, &err);
    ingest(a, 0, 3, &st);
    kb_store_open(&b, path("shard-b.db"), KB_STORE_CREATE, &err);
    ingest(b, 3, KB_ARRAY_LEN(articles), &st);
    kb_store_close(a);
    kb_store_close(b);
    kb_store_open(&m, path("merged.db"), KB_STORE_CREATE, &err);
    struct kb_ingest_stats ms = {0};
    T_INT(merge(m, path("shard-a.db"), &ms, &err), KB_OK, "bulk-3.1 merge a");
    T_INT(merge(m, path("shard-b.db"), &ms, &err), KB_OK, "bulk-3.1 merge b");
    T_INT(ms.articles, KB_ARRAY_LEN(articles) - 1, "bulk-3.2 articles merged");
    T_INT(ms.duplicates, 1, "bulk-3.2 the repeated one skipped");
    char *x = dump(whole), *y = dump(m);
    T_OK(strcmp(x, y) == 0, "bulk-3.3 merged shards = whole ingest, row for row");
    free(y);
    T_INT(merge(m, path("shard-b.db"), &ms, &err), KB_OK, "bulk-3.4 merge b again");
    y = dump(m);
    T_OK(strcmp(x, y) == 0, "bulk-3.4 adds nothing");
    free(y);
    /* a source of another schema version */
    kb_store_open(&a, path("shard-a.db"), 0, &err);
    sqlite3_exec(a->db, "PRAGMA user_version = 99", NULL, NULL, NULL);
    kb_store_close(a);
    T_INT(merge(m, path("shard-a.db"), &ms, &err), KB_ESCHEMA, "bulk-3.5 newer schema");
    /* a source that lost the extraction of an article: refused at that article */
    kb_store_open(&b, path("shard-b.db"), 0, &err);
    sqlite3_exec(b->db, "DELETE FROM article_docs WHERE article = (SELECT max(article)"
                        " FROM article_docs)", NULL, NULL, NULL);
    kb_store_close(b);
    T_INT(merge(m, path("shard-b.db"), &ms, &err), KB_ESCHEMA, "bulk-3.6 no extraction kept");
    T_OK(strstr(err.msg, "no extraction kept") != NULL, "bulk-3.6 said: %s", err.msg);
    y = dump(m);
    T_OK(strcmp(x, y) == 0, "bulk-3.7 the destination is unchanged");
    free(x);
    free(y);
    T_INT(merge(m, path("none.db"), &ms, &err), KB_ENOTFOUND, "bulk-3.8 missing source");
    kb_store_close(whole);
    kb_store_close(m);

    /* across shards the destination links as ingest does: the lone surname
       of the second shard is the person the first shard named in full */
    static const char *const texts[] = {
        "President Volodymyr Zelensky met Antonio Guterres in Kyiv on Tuesday.",
        "Zelensky urged the United Nations to act on Wednesday.",
    };
    const char *names[] = {"link-whole.db", "link-a.db", "link-b.db", "link-m.db"};
    struct kb_store *s[4] = {NULL};
    for (size_t i = 0; i < 4; i++)
        kb_store_open(&s[i], path(names[i]), KB_STORE_CREATE, &err);
    for (size_t i = 0; i < 2; i++) {
        struct kb_doc *d = t_extract(texts[i], "2022-03-16");
        kb_store_ingest(s[0], d, NULL, &st, &err);
        kb_store_ingest(s[1 + i], d, NULL, &st, &err);
        kb_doc_free(d);
    }
    kb_store_close(s[1]);
    kb_store_close(s[2]);
    T_OK(merge(s[3], path(names[1]), &ms, &err) == KB_OK &&
             merge(s[3], path(names[2]), &ms, &err) == KB_OK,
         "bulk-3.9 merge two shards");
    x = dump(s[0]);
    y = dump(s[3]);
    T_OK(strcmp(x, y) == 0, "bulk-3.9 a surname links across shards as in one ingest");
    static const char q[] = "SELECT count(DISTINCT entity) FROM mentions m JOIN entities e"
                            " ON e.id = m.entity WHERE e.name LIKE '%Zelensky%'";
    T_INT(t_count(s[3], q), 1, "bulk-3.9 one Zelensky");
    free(x);
    free(y);
    kb_store_close(s[0]);
    kb_store_close(s[3]);
}

/* ---- pipeline ---- */

struct pctx {
    int next, n, written, stop_at;
    bool in_order;
};

struct pjob {
    int seq, value;
};

static int p_read(void *ctx, void *job)
{
    struct pctx *c = ctx;
    if (c->next >= c->n)
        return 0;
    ((struct pjob *)job)->seq = c->next++;
    return 1;
}

static void p_work(void *ctx, void *job)
{
    (void)ctx;
    struct pjob *j = job;
    volatile int spin = (j->seq * 7919) % 5000; /* uneven work */
    while (spin > 0)
        spin--;
    j->value = j->seq * 2;
}

static int p_write(void *ctx, void *job)
{
    struct pctx *c = ctx;
    struct pjob *j = job;
    c->in_order &= j->seq == c->written && j->value == j->seq * 2;
    c->written++;
    return c->written == c->stop_at ? -1 : 0;
}

static void test_pipeline(void)
{
    static const struct kb_pipeline_ops ops = {p_read, p_work, p_write, NULL};
    struct pjob jobs[16];
    for (int workers = 1; workers <= 4; workers += 3) {
        struct pctx c = {0, 5000, 0, -1, true};
        int rc = kb_pipeline_run(&ops, &c, jobs, sizeof jobs[0], KB_ARRAY_LEN(jobs), workers);
        T_OK(rc == KB_OK && c.written == 5000 && c.in_order,
             "bulk-4.1 %d worker(s): every job, in order", workers);
        struct pctx d = {0, 5000, 0, 100, true};
        rc = kb_pipeline_run(&ops, &d, jobs, sizeof jobs[0], KB_ARRAY_LEN(jobs), workers);
        T_OK(rc == -1 && d.written == 100 && d.in_order,
             "bulk-4.2 %d worker(s): the writer stops the run", workers);
    }
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    t_setup();
    test_indexes();
    test_atomic();
    test_merge();
    test_pipeline();
    kb_extractor_release(&t_ex);
    const char *names[] = {"a.db",        "b.db",        "whole.db",   "shard-a.db",
                           "shard-b.db",  "merged.db",
                           "link-whole.db", "link-a.db", "link-b.db", "link-m.db"};
    for (size_t i = 0; i < KB_ARRAY_LEN(names); i++) {
        char *p = path(names[i]);
        unlink(p);
        char side[300];
        snprintf(side, sizeof side, "%s-wal", p);
        unlink(side);
        snprintf(side, sizeof side, "%s-shm", p);
        unlink(side);
    }
    rmdir(dir);
    return t_done();
}
