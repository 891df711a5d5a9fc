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

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Set by the SIGINT/SIGTERM handler; the one piece of global state (CLI only). */
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

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

/* How the writer stopped the run. */
enum { GO_ON = 0, STOP = -1, STOP_FATAL = -2 }; /* apart from enum kb_err */

struct ictx {
    struct kb_input *in;
    struct kb_extractor ex;
    struct kb_store *s;
    struct kb_ingest_stats st;
    long batch, in_batch, bad;
    size_t bytes;
    bool tty;
    bool threaded;     /* the reader is a thread of its own */
    bool reader_ready; /* (reader thread) its signal mask is set */
    double t0, last_progress;
    int status;
    struct kb_error err;
};

static void set_signals(int how)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(how, &set, NULL);
}

/*
 * Reader.  With worker threads, SIGINT and SIGTERM are blocked everywhere
 * but here: a signal interrupts a read blocked on a pipe, and the store is
 * never interrupted.  An interrupted read ends the input quietly.
 */
static int i_read(void *ctx, void *job)
{
    struct ictx *x = ctx;
    struct cli_job *j = job;
    if (x->threaded && !x->reader_ready) {
        set_signals(SIG_UNBLOCK);
        x->reader_ready = true;
    }
    if (interrupted)
        return 0;
    int r = cli_job_read(x->in, j);
    if (r && j->read_status && interrupted)
        return 0;
    return r;
}

/* Worker: extraction and the content hash. */
static void i_work(void *ctx, void *job)
{
    struct ictx *x = ctx;
    struct cli_job *j = job;
    if (j->read_status)
        return;
    j->status = cli_job_extract(&x->ex, j, j->id);
    if (!j->status)
        kb_sha256_hex(j->text.data, j->text.len, j->sha256);
}

static bool i_cancelled(void *ctx)
{
    (void)ctx;
    return interrupted;
}

/* Writer: one article into the store, in input order. */
static int i_write(void *ctx, void *job)
{
    struct ictx *x = ctx;
    struct cli_job *j = job;
    if (j->read_status) {
        cli_report(&j->err, j->read_status);
        x->bad++;
        x->status = EXIT_RUNTIME;
        return GO_ON;
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
        x->bad++;
        x->status = EXIT_RUNTIME;
        return GO_ON;
    }
    if (j->status) {
        x->status = cli_error("%s: extraction failed: %s", j->path, kb_strerror(j->status));
        return STOP;
    }
    const char *path = strcmp(j->path, "-") == 0 ? NULL : j->path;
    struct kb_error *err = &x->err;
    int rc = kb_store_ingest_sha(x->s, j->doc, path, j->sha256, &x->st, err);
    x->bytes += j->text.len;
    if (rc) {
        if (j->line)
            fprintf(stderr, "kb: %s:%ld: ", j->path, j->line);
        else
            fprintf(stderr, "kb: %s: ", j->path);
        fprintf(stderr, "%s\n", err->msg);
        x->status = EXIT_RUNTIME;
        if (rc == KB_EFULL || rc == KB_EDB)
            return STOP; /* the database cannot take more: stop, keep what is committed */
        return GO_ON;
    }
    if (++x->in_batch >= x->batch) {
        if ((rc = kb_store_commit(x->s, err)) || (rc = kb_store_begin(x->s, err))) {
            x->status = cli_report(err, rc);
            return STOP_FATAL;
        }
        x->in_batch = 0;
    }
    if (x->tty && now() - x->last_progress > 0.5) {
        x->last_progress = now();
        fprintf(stderr, "\rkb: %ld articles, %.1f MB, %ld events...", x->st.articles,
                (double)x->bytes / 1e6, x->st.events);
    }
    return GO_ON;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
    struct kb_input_opts in_opts = {NULL, NULL, NULL, KB_INPUT_MAX_BYTES_DEFAULT, KB_IN_AUTO};
    struct ictx x;
    memset(&x, 0, sizeof x);
    x.batch = 200;
    long jobs = 0;
    bool quiet = false;
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
            if (!cli_parse_long(optarg, 1, 1000000, &x.batch))
                return cli_usage_error(&kb_cmd_ingest, "--batch wants a number, not '%s'",
                                       optarg);
            break;
        case 'M':
            if (!cli_parse_size(optarg, &in_opts.max_bytes))
                return cli_usage_error(&kb_cmd_ingest, "bad size '%s'", optarg);
            break;
        case 'j':
            if (!cli_parse_long(optarg, 1, 1024, &jobs))
                return cli_usage_error(&kb_cmd_ingest, "--jobs wants a number from 1 to 1024, "
                                                       "not '%s'", optarg);
            break;
        case 'N':
            ctx->store->no_merge = true;
            break;
        case 'q':
            quiet = true;
            break;
        case 'h':
            return EXIT_OK;
        default:
            return EXIT_USAGE;
        }
    }
    if (optind >= argc)
        return cli_usage_error(&kb_cmd_ingest, "nothing to ingest: give files, folders or '-'");

    struct kb_error *err = &x.err;
    kb_error_clear(err);
    int rc = cli_extractor_init(ctx, &x.ex, err);
    if (rc)
        return cli_report(err, rc);
    if ((rc = kb_input_open(&x.in, argv + optind, (size_t)(argc - optind), &in_opts, err))) {
        kb_extractor_release(&x.ex);
        return cli_report(err, rc);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    x.s = ctx->store;
    x.tty = isatty(STDERR_FILENO) && !quiet;
    x.t0 = x.last_progress = now();
    int nworkers = cli_jobs(jobs);
    x.threaded = nworkers > 1;
    size_t nslots = x.threaded ? (size_t)nworkers * 4 : 1;
    struct cli_job *slots = calloc(nslots, sizeof *slots);
    if (!slots) {
        x.status = cli_error("out of memory");
        goto out;
    }
    for (size_t i = 0; i < nslots; i++)
        cli_job_init(&slots[i]);
    if ((rc = kb_store_bulk(x.s, true, err)) || (rc = kb_store_begin(x.s, err))) {
        x.status = cli_report(err, rc);
        goto out;
    }
    if (x.threaded)
        set_signals(SIG_BLOCK);
    static const struct kb_pipeline_ops ops = {i_read, i_work, i_write, i_cancelled};
    rc = kb_pipeline_run(&ops, &x, slots, sizeof *slots, nslots, nworkers);
    if (x.threaded)
        set_signals(SIG_UNBLOCK);
    if (rc == STOP_FATAL)
        goto out;
    if (rc == KB_ENOMEM && !x.status)
        x.status = cli_error("out of memory");
    if (sqlite3_get_autocommit(x.s->db) == 0 && (rc = kb_store_commit(x.s, err))) {
        kb_store_rollback(x.s);
        x.status = cli_report(err, rc);
        goto out;
    }
    if (x.tty)
        fputs("\r\033[K", stderr);
    if (interrupted)
        fprintf(stderr, "kb: interrupted: stopped after %ld articles, all of them stored\n",
                x.st.articles + x.st.duplicates);
    if (!quiet)
        fprintf(stderr,
                "kb: ingested %ld article%s (%ld already present%s): %ld new entities, "
                "%ld new places, %ld events (%ld more reports of known ones), %.2f s\n",
                x.st.articles, x.st.articles == 1 ? "" : "s", x.st.duplicates,
                x.bad ? ", some failed" : "", x.st.entities, x.st.places, x.st.events,
                x.st.merged, now() - x.t0);
out:
    kb_store_rollback(x.s);
    for (size_t i = 0; slots && i < nslots; i++)
        cli_job_release(&slots[i]);
    free(slots);
    kb_input_close(x.in);
    kb_extractor_release(&x.ex);
    if (interrupted && x.status == EXIT_OK)
        x.status = 130;
    return x.status;
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
