/*
 * jobs.c -- the article jobs that `kb extract` and `kb ingest` pass through
 * kb_pipeline_run(): the reader copies an article (or the error of a bad
 * one) into a job, a worker extracts it, the writer reports and prints or
 * stores it, in input order.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

void cli_job_init(struct cli_job *j)
{
    memset(j, 0, sizeof *j);
    kb_buf_init(&j->text);
    kb_buf_init(&j->meta);
    kb_buf_init(&j->docz);
    kb_buf_init(&j->out);
}

void cli_job_release(struct cli_job *j)
{
    if (!j)
        return;
    kb_buf_release(&j->text);
    kb_buf_release(&j->meta);
    kb_buf_release(&j->docz);
    kb_buf_release(&j->out);
    kb_doc_free(j->doc);
    j->doc = NULL;
}

/* Copy s (may be NULL) into j->meta; its offset, or -1 for NULL. */
static long add_meta(struct cli_job *j, const char *s, int *rc)
{
    if (!s || *rc)
        return -1;
    long off = (long)j->meta.len;
    if ((*rc = kb_buf_add(&j->meta, s, strlen(s) + 1)))
        return -1;
    return off;
}

int cli_job_read(struct kb_input *in, struct cli_job *j)
{
    struct kb_article art;
    kb_error_clear(&j->err);
    kb_buf_reset(&j->out);
    j->status = KB_OK;
    j->id = j->title = j->source = j->dct = NULL;
    int r = kb_input_next(in, &art, &j->err);
    if (r == 0)
        return 0;
    j->read_status = r < 0 ? -r : KB_OK;
    j->path = r < 0 ? NULL : art.path;
    j->line = r < 0 ? j->err.line : art.line;
    if (r < 0)
        return 1;
    j->sanitized = art.sanitized;
    kb_buf_reset(&j->text);
    kb_buf_reset(&j->meta);
    int rc = kb_buf_add(&j->text, art.text, art.len);
    long id = add_meta(j, art.id, &rc), title = add_meta(j, art.title, &rc),
         source = add_meta(j, art.source, &rc), dct = add_meta(j, art.dct, &rc);
    if (rc) {
        j->read_status = kb_error_at(&j->err, rc, art.path, art.line, "out of memory");
        return 1;
    }
    j->id = id < 0 ? NULL : j->meta.data + id;
    j->title = title < 0 ? NULL : j->meta.data + title;
    j->source = source < 0 ? NULL : j->meta.data + source;
    j->dct = dct < 0 ? NULL : j->meta.data + dct;
    return 1;
}

int cli_job_extract(const struct kb_extractor *ex, struct cli_job *j, const char *id)
{
    if (!j->doc && !(j->doc = kb_doc_new(j->text.data, j->text.len)))
        return KB_ENOMEM;
    struct kb_doc *doc = j->doc;
    kb_doc_reset(doc, j->text.data, j->text.len);
    j->bad_dct = false;
    if (j->dct && *j->dct) {
        if (kb_date_parse(j->dct, &doc->dct) == KB_OK)
            doc->has_dct = true;
        else
            j->bad_dct = true;
    }
    int rc = kb_doc_set_meta(doc, id, j->title, j->source);
    if (!rc)
        rc = kb_extract(ex, doc);
    return rc;
}

int cli_jobs(long n)
{
    if (n > 0)
        return (int)n;
    return kb_ncpus();
}

int cli_job_keep(struct cli_job *j)
{
    kb_buf_reset(&j->out);
    kb_buf_reset(&j->docz);
    int rc = kb_doc_write_json(j->doc, NULL, KB_DOC_NO_TEXT, &j->out);
    if (!rc)
        rc = kb_zip(j->out.data, j->out.len, &j->docz);
    if (rc)
        kb_error_at(&j->err, rc, j->path, j->line, "cannot keep the extraction: %s",
                    kb_strerror(rc));
    return rc;
}

int cli_job_parse(struct cli_job *j, const char *line, size_t n, const char *text, size_t tlen,
                  const char **path)
{
    kb_doc_free(j->doc);
    j->doc = NULL;
    return kb_doc_from_json(line, n, text, tlen, &j->doc, path, &j->err);
}
