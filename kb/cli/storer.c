/*
 * storer.c -- the part `kb ingest`, `kb load` and `kb merge` share:
 * documents from a kb_pipeline_run() into the store, in input order, one
 * transaction per batch (taken at its first article, the lock left free a
 * moment after each commit so that concurrent writers take turns), with the
 * progress line, the interruption by SIGINT or SIGTERM, and the summary.
 *
 * Signals: with worker threads, SIGINT and SIGTERM are blocked in every
 * thread but the reader, which unblocks them at its first read
 * (cli_storer_reader_ready): a read blocked on a pipe is interrupted, and
 * the store never is.  The writer sees the flag within 100 ms and stops at
 * an article boundary; what is stored is committed.
 */
#include "cli.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Set by the SIGINT/SIGTERM handler; global state of the CLI only. */
static volatile sig_atomic_t interrupted;
/* The connection building indexes, which a signal interrupts (or NULL). */
static sqlite3 *volatile indexing;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
    if (indexing)
        sqlite3_interrupt(indexing); /* sets a flag: safe in a handler */
}

/* Build the deferred indexes; a signal leaves them to the next writer. */
static int restore(struct cli_storer *w)
{
    indexing = w->s->db;
    int rc = kb_store_restore_indexes(w->s, &w->err);
    indexing = NULL;
    if (rc && interrupted) {
        fprintf(stderr, "kb: interrupted: indexes not built; the next command that writes "
                        "(kb init) builds them\n");
        return KB_OK;
    }
    return rc;
}

bool cli_interrupted(void)
{
    return interrupted != 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void set_signals(int how)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(how, &set, NULL);
}

void cli_storer_reader_ready(struct cli_storer *w)
{
    if (w->threaded && !w->reader_ready) {
        set_signals(SIG_UNBLOCK);
        w->reader_ready = true;
    }
}

void cli_storer_job_start(struct cli_storer *w, struct cli_job *j)
{
    cli_storer_reader_ready(w);
    kb_error_clear(&j->err);
    j->read_status = j->status = KB_OK;
    j->doc_path = NULL;
}

int cli_storer_put(struct cli_storer *w, struct cli_job *j, const char *path)
{
    struct kb_error *err = &w->err;
    int rc;
    /* a batch takes the write lock at its first article, so that a
       concurrent writer can take its turn between our batches */
    if (sqlite3_get_autocommit(w->s->db) && (rc = kb_store_begin(w->s, err))) {
        w->status = cli_report(err, rc);
        return CLI_STOP;
    }
    struct kb_store_extra x = {j->sha256, j->docz.len ? j->docz.data : NULL, j->docz.len};
    rc = kb_store_ingest_with(w->s, j->doc, path, &x, &w->st, err);
    w->bytes += j->doc->len;
    if (rc) {
        if (j->line)
            fprintf(stderr, "kb: %s:%ld: ", j->path, j->line);
        else
            fprintf(stderr, "kb: %s: ", j->path);
        fprintf(stderr, "%s\n", err->msg);
        w->status = EXIT_RUNTIME;
        w->bad++;
        long since = w->st.articles + w->st.duplicates - w->committed.articles -
                     w->committed.duplicates;
        if (sqlite3_get_autocommit(w->s->db) && since > 0) {
            /* SQLite rolled the whole batch back (a full disk does): the
               counts go back to what the last commit made durable */
            cli_error("the %ld articles stored since the last commit were rolled back; "
                      "they are stored when you run this again",
                      since);
            w->st = w->committed;
            w->in_batch = 0;
        }
        if (rc == KB_EFULL || rc == KB_EDB)
            return CLI_STOP; /* the database cannot take more: stop, keep what is committed */
        return CLI_GO_ON;
    }
    if (++w->in_batch >= w->batch) {
        if ((rc = kb_store_commit(w->s, err))) {
            w->status = cli_report(err, rc);
            return CLI_STOP_FATAL;
        }
        w->committed = w->st;
        w->in_batch = 0;
        /* the next article is usually ready at once: leave the lock free a
           moment, long enough for a writer waiting on it (its busy handler
           polls every millisecond) to take it */
        sqlite3_sleep(2);
    }
    if (w->tty && now() - w->last_progress > 0.5) {
        w->last_progress = now();
        fprintf(stderr, "\rkb: %ld articles, %.1f MB, %ld events...", w->st.articles,
                (double)w->bytes / 1e6, w->st.events);
    }
    return CLI_GO_ON;
}

void cli_storer_bad(struct cli_storer *w)
{
    w->bad++;
    w->status = EXIT_RUNTIME;
}

static bool cancelled(void *ctx)
{
    (void)ctx;
    return interrupted != 0;
}

int cli_storer_run(struct cli_storer *w, struct kb_pipeline_ops ops, void *ctx, int nworkers,
                   const char *verb)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    struct kb_error *err = &w->err;
    double t0 = now();
    w->last_progress = t0;
    w->threaded = nworkers > 1;
    size_t nslots = w->threaded ? (size_t)nworkers * 4 : 1;
    struct cli_job *slots = calloc(nslots, sizeof *slots);
    int rc;
    bool deferred = false;
    if (!slots) {
        w->status = cli_error("out of memory");
        goto out;
    }
    for (size_t i = 0; i < nslots; i++)
        cli_job_init(&slots[i]);
    if ((rc = kb_store_bulk(w->s, true, err)) ||
        (rc = kb_store_defer_indexes(w->s, &deferred, err))) {
        w->status = cli_report(err, rc);
        goto out;
    }
    if (w->threaded)
        set_signals(SIG_BLOCK);
    ops.cancelled = cancelled;
    rc = kb_pipeline_run(&ops, ctx, slots, sizeof *slots, nslots, nworkers);
    if (w->threaded)
        set_signals(SIG_UNBLOCK);
    if (rc == CLI_STOP_FATAL)
        goto out;
    if (rc == KB_ENOMEM && !w->status)
        w->status = cli_error("out of memory");
    if (sqlite3_get_autocommit(w->s->db) == 0 && (rc = kb_store_commit(w->s, err))) {
        kb_store_rollback(w->s);
        w->status = cli_report(err, rc);
        goto out;
    }
    if (deferred) {
        if (w->tty)
            fputs("\r\033[Kkb: building the indexes...", stderr);
        if ((rc = restore(w))) {
            w->status = cli_report(err, rc);
            goto out;
        }
    }
    if (w->tty)
        fputs("\r\033[K", stderr);
    if (interrupted)
        fprintf(stderr, "kb: interrupted: stopped after %ld articles, all of them stored\n",
                w->st.articles + w->st.duplicates);
    if (!w->quiet)
        fprintf(stderr,
                "kb: %s %ld article%s (%ld already present%s): %ld new entities, "
                "%ld new places, %ld events (%ld more reports of known ones), %.2f s\n",
                verb, w->st.articles, w->st.articles == 1 ? "" : "s", w->st.duplicates,
                w->bad ? ", some failed" : "", w->st.entities, w->st.places, w->st.events,
                w->st.merged, now() - t0);
out:
    kb_store_rollback(w->s);
    if (deferred && !interrupted)
        restore(w); /* no-op once done; else the next writer does it */
    kb_store_bulk(w->s, false, err);
    for (size_t i = 0; slots && i < nslots; i++)
        cli_job_release(&slots[i]);
    free(slots);
    if (interrupted && w->status == EXIT_OK)
        w->status = 130;
    return w->status;
}
