/*
 * cmd_ingest.c -- `kb ingest`: read articles, extract, store.  A reader
 * thread, -j worker threads that extract, and this thread storing in input
 * order (kb_pipeline_run).  One transaction per batch, one savepoint per
 * article (a failing article is never half-stored), a progress line on a
 * terminal, a summary at the end.  SIGINT stops at the next article
 * boundary after committing.
 */
#include "cli.h"
#include "input/input.h"

#include <string.h>
#include <unistd.h>

static const struct option longopts[] = {
    {"dct", required_argument, NULL, 'd'},
    {"title", required_argument, NULL, 't'},
    {"source", required_argument, NULL, 's'},
    {"jsonl", no_argument, NULL, 'J'},
    {"batch", required_argument, NULL, 'b'},
    {"max-article-bytes", required_argument, NULL, 'M'},
    {"jobs", required_argument, NULL, 'j'},
    {"no-merge", no_argument, NULL, 'N'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct ictx {
    struct kb_input *in;
    struct kb_extractor ex;
    struct cli_storer w;
};

/* Reader.  An interrupted read ends the input quietly. */
static int i_read(void *ctx, void *job)
{
    struct ictx *x = ctx;
    struct cli_job *j = job;
    cli_storer_reader_ready(&x->w);
    if (cli_interrupted())
        return 0;
    int r = cli_job_read(x->in, j);
    if (r && j->read_status && cli_interrupted())
        return 0;
    return r;
}

/* Worker: extraction, what the store keeps of it, and the content hash. */
static void i_work(void *ctx, void *job)
{
    struct ictx *x = ctx;
    struct cli_job *j = job;
    if (j->read_status)
        return;
    j->status = cli_job_extract(&x->ex, j, j->id);
    if (!j->status)
        j->status = cli_job_keep(j);
    if (!j->status)
        kb_sha256_hex(j->text.data, j->text.len, j->sha256);
}

/* Writer: one article into the store, in input order. */
static int i_write(void *ctx, void *job)
{
    struct ictx *x = ctx;
    struct cli_job *j = job;
    if (j->read_status) {
        cli_report(&j->err, j->read_status);
        cli_storer_bad(&x->w);
        return CLI_GO_ON;
    }
    if (j->sanitized)
        cli_warn("%s%s%.0ld: invalid UTF-8 or control characters replaced by U+FFFD", j->path,
                 j->line ? ":" : "", j->line);
    if (j->bad_dct) {
        if (j->line)
            cli_error("%s:%ld: invalid dct '%s' (want a real date YYYY-MM-DD); "
                      "article skipped",
                      j->path, j->line, j->dct);
        else
            cli_error("%s: invalid dct '%s'; article skipped", j->path, j->dct);
        cli_storer_bad(&x->w);
        return CLI_GO_ON;
    }
    if (j->status) {
        x->w.status = cli_error("%s: extraction failed: %s", j->path, kb_strerror(j->status));
        return CLI_STOP;
    }
    return cli_storer_put(&x->w, j, strcmp(j->path, "-") == 0 ? NULL : j->path);
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
    struct kb_input_opts in_opts = {NULL, NULL, NULL, KB_INPUT_MAX_BYTES_DEFAULT, KB_IN_AUTO};
    struct ictx x;
    memset(&x, 0, sizeof x);
    x.w.batch = 200;
    long jobs = 0;
    int c;
    while ((c = cli_getopt(&kb_cmd_ingest, argc, argv, "hqj:", longopts)) != -1) {
        switch (c) {
        case 'd':
            if (!cli_valid_date(optarg))
                return cli_usage_error(&kb_cmd_ingest,
                                       "--dct wants a real date YYYY-MM-DD, not '%s'", optarg);
            in_opts.dct = optarg;
            break;
        case 't':
            in_opts.title = optarg;
            break;
        case 's':
            in_opts.source = optarg;
            break;
        case 'J':
            in_opts.format = KB_IN_JSONL;
            break;
        case 'b':
            if (!cli_opt_batch(&kb_cmd_ingest, optarg, &x.w.batch))
                return EXIT_USAGE;
            break;
        case 'M':
            if (!cli_parse_size(optarg, &in_opts.max_bytes))
                return cli_usage_error(&kb_cmd_ingest, "bad size '%s'", optarg);
            break;
        case 'j':
            if (!cli_opt_jobs(&kb_cmd_ingest, optarg, &jobs))
                return EXIT_USAGE;
            break;
        case 'N':
            ctx->store->no_merge = true;
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
    if (optind >= argc)
        return cli_usage_error(&kb_cmd_ingest, "nothing to ingest: give files, folders or '-'");

    struct kb_error err;
    kb_error_clear(&err);
    int rc = cli_extractor_init(ctx, &x.ex, &err);
    if (rc)
        return cli_report(&err, rc);
    if ((rc = kb_input_open(&x.in, argv + optind, (size_t)(argc - optind), &in_opts, &err))) {
        kb_extractor_release(&x.ex);
        return cli_report(&err, rc);
    }
    x.w.s = ctx->store;
    x.w.tty = isatty(STDERR_FILENO) && !x.w.quiet;
    static const struct kb_pipeline_ops ops = {i_read, i_work, i_write, NULL};
    int status = cli_storer_run(&x.w, ops, &x, cli_jobs(jobs), "ingested");
    kb_input_close(x.in);
    kb_extractor_release(&x.ex);
    return status;
}

const struct kb_cmd kb_cmd_ingest = {
    .name = "ingest",
    .usage = "kb ingest [--dct DATE] [--title T] [--source URL] [-j N] [options] PATH...",
    .summary = "read articles, extract events, actors and places, store them in the KB",
    .help = "Reads plain-text files, folders (recursively: .txt and .jsonl files), JSON\n"
            "Lines files of {\"id\",\"title\",\"text\",\"dct\",\"source\"}, or '-' for standard\n"
            "input.  An article is stored once: ingesting the same text again changes\n"
            "nothing.  A bad article is reported (file and line) and skipped; the exit\n"
            "status is then 1.\n\n"
            "Options:\n"
            "  --dct DATE         publication date (YYYY-MM-DD) for articles without one\n"
            "  --title T          title for plain-text articles (default: first line)\n"
            "  --source URL       source for articles without one\n"
            "  --jsonl            read '-' and files as JSON Lines whatever their name\n"
            "  --batch N          articles per transaction (default 200)\n"
            "  -j, --jobs N       extract with N threads (default: one per processor);\n"
            "                     articles are stored in input order by one writer\n"
            "  --no-merge         keep every report of an event as an event of its own\n"
            "                     (default: reports of the same event -- same CAMEO root,\n"
            "                     actors, place and overlapping days -- are merged into one\n"
            "                     event with a mention per report)\n"
            "  --max-article-bytes N  refuse larger articles (K/M/G suffixes; default 8M)\n"
            "  -q, --quiet        no progress line or summary\n\n"
            "Arguments:\n"
            "  PATH               files, folders, or '-' for standard input\n",
    .flags = KB_CMD_DB_WRITE | KB_CMD_DB_CREATE,
    .run = run,
};
