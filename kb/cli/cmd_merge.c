/*
 * cmd_merge.c -- `kb merge`: merge knowledge bases (the shards a cluster or
 * several machines wrote) into one.  Each article of each source, in order,
 * is stored again in the destination from the extraction the source kept
 * (store/merge.c), on the same pipeline and writer as `kb load`: the
 * destination deduplicates articles by their text, and links entities and
 * events across articles exactly as `kb ingest` of the whole corpus would.
 *
 * The destination is named by --into; the command opens it itself (the
 * dispatcher opens only --db), creating it if needed.
 */
#include "cli.h"

#include <string.h>
#include <unistd.h>

static const struct option longopts[] = {
    {"into", required_argument, NULL, 'i'},
    {"batch", required_argument, NULL, 'b'},
    {"jobs", required_argument, NULL, 'j'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct mctx {
    char **paths;
    size_t npaths, next;
    struct kb_store_reader *r; /* the source being read */
    const char *rpath;
    struct cli_storer w;
};

/* Reader: the next article of the sources, or the error of one. */
static int m_read(void *ctx, void *job)
{
    struct mctx *x = ctx;
    struct cli_job *j = job;
    cli_storer_job_start(&x->w, j);
    kb_buf_reset(&j->meta);
    for (;;) {
        if (cli_interrupted())
            return 0;
        if (!x->r) {
            if (x->next >= x->npaths)
                return 0;
            x->rpath = x->paths[x->next++];
            j->path = x->rpath;
            j->line = 0;
            if ((j->read_status = kb_store_reader_open(&x->r, x->rpath, &j->err)))
                return 1;
        }
        struct kb_stored_article a;
        int r = kb_store_reader_next(x->r, &a, &j->err);
        if (r == 0) {
            kb_store_reader_close(x->r);
            x->r = NULL;
            continue;
        }
        j->path = x->rpath;
        j->line = r > 0 ? (long)a.id : j->err.line;
        if (r < 0) {
            j->read_status = -r;
            return 1;
        }
        kb_buf_reset(&j->text);
        kb_buf_reset(&j->docz);
        int rc = kb_buf_add(&j->text, a.text, a.len);
        if (!rc)
            rc = kb_buf_add(&j->docz, a.docz, a.docz_len);
        if (!rc && a.path && !(rc = kb_buf_adds(&j->meta, a.path)))
            j->doc_path = j->meta.data;
        if (rc)
            j->read_status = kb_error_at(&j->err, rc, j->path, j->line, "out of memory");
        return 1;
    }
}

/* Worker: the kept extraction back into a document. */
static void m_work(void *ctx, void *job)
{
    (void)ctx;
    struct cli_job *j = job;
    if (j->read_status)
        return;
    kb_buf_reset(&j->out);
    const char *ignored;
    j->status = kb_unzip(j->docz.data, j->docz.len, &j->out);
    if (j->status)
        kb_error_at(&j->err, j->status, j->path, j->line, "the kept extraction is damaged");
    else
        j->status = cli_job_parse(j, j->out.data, j->out.len, j->text.data, j->text.len,
                                  &ignored);
    if (!j->status)
        kb_sha256_hex(j->text.data, j->text.len, j->sha256);
}

/* Writer: report or store, in order. */
static int m_write(void *ctx, void *job)
{
    struct mctx *x = ctx;
    struct cli_job *j = job;
    int rc = j->read_status ? j->read_status : j->status;
    if (rc == KB_ENOMEM) {
        x->w.status = cli_error("out of memory");
        return CLI_STOP;
    }
    if (rc) {
        /* a source that cannot be read, or an article that cannot be stored
           again, is reported (the message names the KB) and skipped */
        cli_report(&j->err, rc);
        cli_storer_bad(&x->w);
        return CLI_GO_ON;
    }
    return cli_storer_put(&x->w, j, j->doc_path);
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    struct mctx x;
    memset(&x, 0, sizeof x);
    x.w.batch = 200;
    const char *into = NULL;
    long jobs = 0;
    int c;
    while ((c = cli_getopt(&kb_cmd_merge, argc, argv, "hqj:", longopts)) != -1) {
        switch (c) {
        case 'i':
            into = optarg;
            break;
        case 'b':
            if (!cli_opt_batch(&kb_cmd_merge, optarg, &x.w.batch))
                return EXIT_USAGE;
            break;
        case 'j':
            if (!cli_opt_jobs(&kb_cmd_merge, optarg, &jobs))
                return EXIT_USAGE;
            break;
        case 'q':
            x.w.quiet = true;
            break;
        case 'h':
            return EXIT_OK;
        default:
            return EXIT_USAGE;
        }
    }
    if (!into)
        return cli_usage_error(&kb_cmd_merge, "say which KB to merge into: --into DST.db");
    if (optind >= argc)
        return cli_usage_error(&kb_cmd_merge, "nothing to merge: give the KBs to merge");
    struct kb_error err;
    kb_error_clear(&err);
    int rc = kb_store_open(&x.w.s, into, KB_STORE_CREATE, &err);
    if (rc)
        return cli_report(&err, rc);
    x.paths = argv + optind;
    x.npaths = (size_t)(argc - optind);
    x.w.tty = isatty(STDERR_FILENO) && !x.w.quiet;
    static const struct kb_pipeline_ops ops = {m_read, m_work, m_write, NULL};
    int status = cli_storer_run(&x.w, ops, &x, cli_jobs(jobs), "merged");
    kb_store_reader_close(x.r);
    kb_store_close(x.w.s);
    return status;
}

const struct kb_cmd kb_cmd_merge = {
    .name = "merge",
    .usage = "kb merge [-j N] [-q] SRC.db... --into DST.db",
    .summary = "merge knowledge bases (shards) into one, without duplicates",
    .help = "Stores every article of each source KB, in order, into DST.db (created if\n"
            "missing), from the extraction the source kept: nothing is extracted again.\n"
            "An article already in DST.db (same text) is skipped; entities, places and\n"
            "events are found or linked as 'kb ingest' links them, so merging the shards\n"
            "of a corpus, in order, gives the KB that ingesting the whole corpus gives.\n"
            "A source that cannot be read is reported and skipped (exit status 1).\n\n"
            "Options:\n"
            "  --into DST.db      the knowledge base to merge into (required)\n"
            "  --batch N          articles per transaction (default 200)\n"
            "  -j, --jobs N       decode with N threads (default: one per processor)\n"
            "  -q, --quiet        no progress line or summary\n\n"
            "Arguments:\n"
            "  SRC.db             knowledge bases to merge, in order\n",
    .flags = 0,
    .run = run,
};
