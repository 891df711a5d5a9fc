/*
 * merge.c -- the articles of a knowledge base as it keeps them, read back in
 * order, so that `kb merge` can store them again in another KB.
 *
 * Merging shards row by row cannot give what ingesting the whole corpus
 * gives: the store links what it reads across articles (a lone surname to
 * the one person of that name, a report to the event it reports again), and
 * each shard did that within itself only.  So every KB keeps, beside each
 * article's text, what kb extract found in it (article_docs), and a merge
 * hands each article to kb_store_ingest in the destination, in order: the
 * destination links it as ingest would have, deduplicating articles by the
 * hash of their text, entities, places and events by the store's own keys.
 */
#include "store.h"

#include <stdlib.h>
#include <string.h>

struct kb_store_reader {
    struct kb_store *src;
    sqlite3_stmt *st;
    char *path;
};

void kb_store_reader_close(struct kb_store_reader *r)
{
    if (!r)
        return;
    sqlite3_finalize(r->st);
    kb_store_close(r->src);
    free(r->path);
    free(r);
}

int kb_store_reader_open(struct kb_store_reader **out, const char *path, struct kb_error *err)
{
    struct kb_store_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->path = strdup(path))) {
        free(r);
        return kb_error_set(err, KB_ENOMEM, "out of memory");
    }
    int rc = kb_store_open(&r->src, path, KB_STORE_READONLY, err);
    if (rc)
        goto out;
    int version = kb_store_version(r->src);
    if (version != KB_SCHEMA_VERSION) {
        rc = kb_error_set(err, KB_ESCHEMA,
                          "cannot merge '%s': schema version %d, not %d (open it with 'kb init' "
                          "first)",
                          path, version, KB_SCHEMA_VERSION);
        goto out;
    }
    int src = sqlite3_prepare_v2(r->src->db,
                                 "SELECT a.id, a.text, a.path, d.doc FROM articles a"
                                 " LEFT JOIN article_docs d ON d.article = a.id ORDER BY a.id",
                                 -1, &r->st, NULL);
    if (src != SQLITE_OK)
        rc = kb_error_set(err, KB_ESCHEMA,
                          "cannot merge '%s': it keeps no extraction of its articles "
                          "(made by an older kb; ingest them again)",
                          path);
out:
    if (rc) {
        kb_store_reader_close(r);
        return rc;
    }
    *out = r;
    return KB_OK;
}

int kb_store_reader_next(struct kb_store_reader *r, struct kb_stored_article *a,
                         struct kb_error *err)
{
    int rc = sqlite3_step(r->st);
    if (rc == SQLITE_DONE)
        return 0;
    if (rc != SQLITE_ROW)
        return -kb_store_error(r->src, rc, err, "cannot read the knowledge base to merge");
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(r->st, 0);
    a->text = (const char *)sqlite3_column_text(r->st, 1);
    a->len = (size_t)sqlite3_column_bytes(r->st, 1);
    a->path = (const char *)sqlite3_column_text(r->st, 2);
    a->docz = sqlite3_column_blob(r->st, 3);
    a->docz_len = (size_t)sqlite3_column_bytes(r->st, 3);
    if (!a->text)
        return -kb_error_at(err, KB_EPARSE, r->path, (long)a->id, "article without text");
    if (!a->docz)
        return -kb_error_at(err, KB_ESCHEMA, r->path, (long)a->id,
                            "no extraction kept for this article (stored by an older kb; "
                            "ingest it again)");
    return 1;
}
