/*
 * merge.c -- merge a knowledge base (a shard) into another, so that the
 * shards a cluster wrote become one KB.
 *
 * Rows are matched by their canonical keys: articles by the SHA-256 of
 * their text, entities by (type, name), places by their key.  An article
 * already in the destination is skipped with everything read from it (its
 * events, mentions, timexes, sentences and edges); entities and places
 * already there are reused.  Everything else is copied with new ids.
 *
 * New node ids are handed out in the source's node order, after the
 * destination's last node, so merging the shards of a corpus in order gives
 * the ids `kb ingest` of the whole corpus gives: ingest creates nodes in
 * input order, and a shard is a slice of that order.  Rows of the other
 * tables are copied in their source order for the same reason.  Alias counts
 * are the source's, less what its skipped articles contributed (one per
 * mention, as kb_store_ingest counts them).
 *
 * All of it is a handful of INSERT ... SELECT statements over the attached
 * source, in one transaction: a failed merge leaves the destination as it
 * was.
 */
#include "store.h"

#include <string.h>

/* The tables this file knows how to merge (any other with rows stops it). */
static const char *const known[] = {"articles", "sentences", "nodes",   "edges",
                                    "entities", "aliases",   "places",  "mentions",
                                    "timexes",  "events",    "event_mentions",
                                    "kb_deferred_indexes"};

static const char *const steps[] = {
    /* articles already in the destination */
    "CREATE TEMP TABLE merge_dup(old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
    "INSERT INTO merge_dup SELECT s.id, m.id FROM src.articles s"
    " JOIN main.articles m ON m.sha256 = s.sha256",
    /* old node id -> new node id; fresh = copied, else found */
    "CREATE TEMP TABLE merge_map(old INTEGER PRIMARY KEY, new INTEGER NOT NULL,"
    " fresh INTEGER NOT NULL)",
    "INSERT INTO merge_map SELECT old, new, 0 FROM merge_dup",
    "INSERT INTO merge_map SELECT s.id, m.id, 0 FROM src.entities s"
    " JOIN main.entities m ON m.type = s.type AND m.name = s.name",
    "INSERT INTO merge_map SELECT s.id, m.id, 0 FROM src.places s"
    " JOIN main.places m ON m.key = s.key",
    /* the events of skipped articles are not copied */
    "CREATE TEMP TABLE merge_skip(old INTEGER PRIMARY KEY)",
    "INSERT OR IGNORE INTO merge_skip SELECT event FROM src.event_mentions"
    " WHERE article IN (SELECT old FROM merge_dup)",
    /* new ids in source order after the destination's last node */
    "INSERT INTO merge_map SELECT n.id,"
    " (SELECT coalesce(max(id), 0) FROM main.nodes) + row_number() OVER (ORDER BY n.id), 1"
    " FROM src.nodes n WHERE n.id NOT IN (SELECT old FROM merge_map)"
    " AND n.id NOT IN (SELECT old FROM merge_skip) ORDER BY n.id",
    "INSERT INTO main.nodes(id, kind, name, attrs) SELECT m.new, n.kind, n.name, n.attrs"
    " FROM src.nodes n JOIN merge_map m ON m.old = n.id WHERE m.fresh ORDER BY m.new",
    "INSERT INTO main.articles(id, sha256, ext_id, title, source, dct, path, bytes, text)"
    " SELECT m.new, a.sha256, a.ext_id, a.title, a.source, a.dct, a.path, a.bytes, a.text"
    " FROM src.articles a JOIN merge_map m ON m.old = a.id WHERE m.fresh ORDER BY m.new",
    "INSERT INTO main.entities(id, type, name, country)"
    " SELECT m.new, e.type, e.name, e.country"
    " FROM src.entities e JOIN merge_map m ON m.old = e.id WHERE m.fresh ORDER BY m.new",
    "INSERT INTO main.places(id, name, geonameid, lat, lon, country, admin1, feature, key)"
    " SELECT m.new, p.name, p.geonameid, p.lat, p.lon, p.country, p.admin1, p.feature, p.key"
    " FROM src.places p JOIN merge_map m ON m.old = p.id WHERE m.fresh ORDER BY m.new",
    "INSERT INTO main.sentences(article, idx, start, end, text)"
    " SELECT m.new, s.idx, s.start, s.end, s.text FROM src.sentences s"
    " JOIN merge_map m ON m.old = s.article WHERE m.fresh ORDER BY m.new, s.idx",
    "INSERT INTO main.mentions(article, sentence, start, end, text, type, entity, place,"
    " confidence)"
    " SELECT ma.new, x.sentence, x.start, x.end, x.text, x.type, me.new, mp.new, x.confidence"
    " FROM src.mentions x JOIN merge_map ma ON ma.old = x.article AND ma.fresh"
    " LEFT JOIN merge_map me ON me.old = x.entity LEFT JOIN merge_map mp ON mp.old = x.place"
    " ORDER BY x.id",
    "INSERT INTO main.timexes(article, sentence, start, end, text, type, value, mod,"
    " first_day, last_day, precision)"
    " SELECT ma.new, t.sentence, t.start, t.end, t.text, t.type, t.value, t.mod, t.first_day,"
    " t.last_day, t.precision"
    " FROM src.timexes t JOIN merge_map ma ON ma.old = t.article AND ma.fresh ORDER BY t.id",
    "INSERT INTO main.events(id, type, cameo, root, quad, actor, actor_role, target, place,"
    " date, first_day, last_day, precision, negated, hypothetical, claimed, claimed_by,"
    " date_inferred)"
    " SELECT m.new, e.type, e.cameo, e.root, e.quad, ma.new, e.actor_role, mt.new, mp.new,"
    " e.date, e.first_day, e.last_day, e.precision, e.negated, e.hypothetical, e.claimed,"
    " mc.new, e.date_inferred"
    " FROM src.events e JOIN merge_map m ON m.old = e.id AND m.fresh"
    " LEFT JOIN merge_map ma ON ma.old = e.actor LEFT JOIN merge_map mt ON mt.old = e.target"
    " LEFT JOIN merge_map mp ON mp.old = e.place LEFT JOIN merge_map mc ON mc.old = e.claimed_by"
    " ORDER BY m.new",
    "INSERT INTO main.event_mentions(event, article, sentence, trigger, trigger_start,"
    " trigger_end, sent_start, sent_end)"
    " SELECT me.new, ma.new, x.sentence, x.trigger, x.trigger_start, x.trigger_end,"
    " x.sent_start, x.sent_end"
    " FROM src.event_mentions x JOIN merge_map me ON me.old = x.event AND me.fresh"
    " JOIN merge_map ma ON ma.old = x.article ORDER BY x.id",
    /* edges read from a copied article (co_mentioned: lower id first, as the
       new ids say); edges without an article once */
    "INSERT INTO main.edges(src, dst, kind, weight, article)"
    " SELECT CASE WHEN e.kind = 'co_mentioned' THEN min(ms.new, md.new) ELSE ms.new END,"
    " CASE WHEN e.kind = 'co_mentioned' THEN max(ms.new, md.new) ELSE md.new END,"
    " e.kind, e.weight, ma.new FROM src.edges e"
    " JOIN merge_map ma ON ma.old = e.article AND ma.fresh"
    " JOIN merge_map ms ON ms.old = e.src JOIN merge_map md ON md.old = e.dst ORDER BY e.id",
    "INSERT INTO main.edges(src, dst, kind, weight, article)"
    " SELECT ms.new, md.new, e.kind, e.weight, NULL FROM src.edges e"
    " JOIN merge_map ms ON ms.old = e.src JOIN merge_map md ON md.old = e.dst"
    " WHERE e.article IS NULL AND NOT EXISTS (SELECT 1 FROM main.edges x WHERE"
    " x.src = ms.new AND x.dst = md.new AND x.kind = e.kind AND x.article IS NULL)"
    " ORDER BY e.id",
    "INSERT INTO main.aliases(entity, alias, count)"
    " SELECT * FROM (SELECT me.new AS entity, a.alias AS alias, a.count - (SELECT count(*)"
    " FROM src.mentions x WHERE x.entity = a.entity AND x.text = a.alias"
    " AND x.article IN (SELECT old FROM merge_dup)) AS n"
    " FROM src.aliases a JOIN merge_map me ON me.old = a.entity) WHERE n > 0"
    " ON CONFLICT(entity, alias) DO UPDATE SET count = count + excluded.count",
};

/* Counts for the report, read before the temporary tables go. */
static const char *const counts[] = {
    "SELECT count(*) FROM merge_map m JOIN src.articles a ON a.id = m.old WHERE m.fresh",
    "SELECT count(*) FROM merge_dup",
    "SELECT count(*) FROM merge_map m JOIN src.entities e ON e.id = m.old WHERE m.fresh",
    "SELECT count(*) FROM merge_map m JOIN src.places p ON p.id = m.old WHERE m.fresh",
    "SELECT count(*) FROM merge_map m JOIN src.events e ON e.id = m.old WHERE m.fresh",
};

static int exec(struct kb_store *s, const char *sql, struct kb_error *err, const char *what)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? KB_OK : kb_store_error(s, rc, err, what);
}

static int count(struct kb_store *s, const char *sql, long *out, struct kb_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        *out = (long)sqlite3_column_int64(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? KB_OK : kb_store_error(s, rc, err, "cannot merge");
}

/* Refuse a source with tables of rows this file would leave behind. */
static int check_tables(struct kb_store *s, const char *path, struct kb_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT name FROM src.sqlite_master WHERE type = 'table'"
                                " AND name NOT LIKE 'sqlite_%' ORDER BY name",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return kb_store_error(s, rc, err, "cannot read the knowledge base to merge");
    int out = KB_OK;
    while (!out && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        bool ok = false;
        for (size_t i = 0; i < KB_ARRAY_LEN(known) && !ok; i++)
            ok = strcmp(name, known[i]) == 0;
        if (!ok)
            out = kb_error_set(err, KB_ESCHEMA,
                               "cannot merge '%s': it has a table '%s' this kb does not know",
                               path, name);
    }
    if (!out && rc != SQLITE_DONE)
        out = kb_store_error(s, rc, err, "cannot read the knowledge base to merge");
    sqlite3_finalize(st);
    return out;
}

int kb_store_merge(struct kb_store *s, const char *path, struct kb_ingest_stats *stats,
                   struct kb_error *err)
{
    /* the source must be a KB of this schema: open it as one, then attach */
    struct kb_store *src = NULL;
    int rc = kb_store_open(&src, path, KB_STORE_READONLY, err);
    if (rc)
        return rc;
    int version = kb_store_version(src);
    kb_store_close(src);
    if (version != KB_SCHEMA_VERSION)
        return kb_error_set(err, KB_ESCHEMA,
                            "cannot merge '%s': schema version %d, not %d (open it with "
                            "'kb init' first)",
                            path, version, KB_SCHEMA_VERSION);
    sqlite3_stmt *st = NULL;
    int src_rc = sqlite3_prepare_v2(s->db, "ATTACH ?1 AS src", -1, &st, NULL);
    if (src_rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
        src_rc = sqlite3_step(st);
        src_rc = src_rc == SQLITE_DONE ? SQLITE_OK : src_rc;
    }
    sqlite3_finalize(st);
    if (src_rc != SQLITE_OK)
        return kb_store_error(s, src_rc, err, "cannot open the knowledge base to merge");
    if ((rc = check_tables(s, path, err)) || (rc = kb_store_begin(s, err)))
        goto out;
    for (size_t i = 0; i < KB_ARRAY_LEN(steps) && !rc; i++)
        rc = exec(s, steps[i], err, "cannot merge");
    long n[KB_ARRAY_LEN(counts)] = {0};
    for (size_t i = 0; i < KB_ARRAY_LEN(counts) && !rc; i++)
        rc = count(s, counts[i], &n[i], err);
    if (!rc)
        rc = exec(s, "DROP TABLE temp.merge_dup; DROP TABLE temp.merge_map;"
                     " DROP TABLE temp.merge_skip", err, "cannot merge");
    if (!rc)
        rc = kb_store_commit(s, err);
    if (rc) {
        kb_store_rollback(s);
        goto out;
    }
    stats->articles += n[0];
    stats->duplicates += n[1];
    stats->entities += n[2];
    stats->places += n[3];
    stats->events += n[4];
out:
    src_rc = sqlite3_exec(s->db, "DETACH src", NULL, NULL, NULL);
    if (src_rc != SQLITE_OK && !rc)
        rc = kb_store_error(s, src_rc, err, "cannot close the knowledge base merged");
    return rc;
}
