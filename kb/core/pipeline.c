/*
 * pipeline.c -- an ordered parallel map: one reader thread, N worker
 * threads, and the calling thread as the one writer, which sees the jobs in
 * input order.
 *
 * `kb extract -j N` and `kb ingest -j N` run on it: the reader parses
 * articles, workers extract them, the caller prints or stores them.  Jobs
 * live in a ring of caller-owned slots, reused, so memory is bounded by the
 * ring (a few articles per worker) whatever the input size.
 *
 * Slot k holds job number seq with seq % nslots == k.  A slot goes
 * FREE -> READ (filled by the reader) -> DONE (processed by a worker) ->
 * FREE (consumed by the writer).  The reader fills in sequence order, the
 * workers take READ slots in sequence order, the writer waits for the next
 * sequence number to be DONE.  One mutex guards the states; three condition
 * variables wake the reader (a slot became free), the workers (a slot was
 * read) and the writer (a slot is done).
 */
#include "core.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { SLOT_FREE, SLOT_READ, SLOT_DONE };

struct pipeline {
    const struct kb_pipeline_ops *ops;
    void *ctx;
    unsigned char *jobs;
    size_t job_size, nslots;
    unsigned char *state; /* per slot */
    pthread_mutex_t mu;
    pthread_cond_t can_read, can_work, can_write;
    uint64_t nread;    /* jobs filled by the reader */
    uint64_t nworked;  /* next job a worker takes */
    uint64_t nwritten; /* next job the writer consumes */
    bool eof;          /* the reader has no more jobs: nread is final */
    bool stop;         /* stop everything as soon as possible */
};

static void *job_at(struct pipeline *p, uint64_t seq)
{
    return p->jobs + (size_t)(seq % p->nslots) * p->job_size;
}

static void *reader_main(void *arg)
{
    struct pipeline *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && p->state[p->nread % p->nslots] != SLOT_FREE)
            pthread_cond_wait(&p->can_read, &p->mu);
        if (p->stop)
            break;
        uint64_t seq = p->nread;
        pthread_mutex_unlock(&p->mu);
        int r = p->ops->read(p->ctx, job_at(p, seq)); /* outside the lock: may block on I/O */
        pthread_mutex_lock(&p->mu);
        if (r <= 0)
            break;
        p->state[seq % p->nslots] = SLOT_READ;
        p->nread = seq + 1;
        pthread_cond_signal(&p->can_work);
    }
    p->eof = true;
    pthread_cond_broadcast(&p->can_work);
    pthread_cond_broadcast(&p->can_write);
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static void *worker_main(void *arg)
{
    struct pipeline *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && p->nworked == p->nread && !p->eof)
            pthread_cond_wait(&p->can_work, &p->mu);
        if (p->stop || p->nworked == p->nread)
            break; /* stopped, or input ended and every job is taken */
        uint64_t seq = p->nworked++;
        pthread_mutex_unlock(&p->mu);
        p->ops->work(p->ctx, job_at(p, seq));
        pthread_mutex_lock(&p->mu);
        p->state[seq % p->nslots] = SLOT_DONE;
        if (seq == p->nwritten)
            pthread_cond_signal(&p->can_write);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Serial run: the same calls in the same order, on the calling thread. */
static int run_serial(const struct kb_pipeline_ops *ops, void *ctx, void *job)
{
    for (;;) {
        if (ops->cancelled && ops->cancelled(ctx))
            return KB_EINTR;
        if (ops->read(ctx, job) <= 0)
            return KB_OK;
        ops->work(ctx, job);
        int rc = ops->write(ctx, job);
        if (rc)
            return rc;
    }
}

/* Wait on cv for at most 100 ms (so the writer can poll ops->cancelled). */
static void timed_wait(pthread_cond_t *cv, pthread_mutex_t *mu)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 100 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(cv, mu, &ts);
}

int kb_pipeline_run(const struct kb_pipeline_ops *ops, void *ctx, void *jobs, size_t job_size,
                    size_t nslots, int nworkers)
{
    if (nworkers <= 1 || nslots < 2)
        return run_serial(ops, ctx, jobs);
    struct pipeline p;
    memset(&p, 0, sizeof p);
    p.ops = ops;
    p.ctx = ctx;
    p.jobs = jobs;
    p.job_size = job_size;
    p.nslots = nslots;
    pthread_t reader, *workers = calloc((size_t)nworkers, sizeof *workers);
    if (!workers || !(p.state = calloc(nslots, 1))) {
        free(workers);
        return KB_ENOMEM;
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.can_read, NULL);
    pthread_cond_init(&p.can_work, NULL);
    pthread_cond_init(&p.can_write, NULL);
    int started = 0, rc = KB_OK;
    bool reader_up = pthread_create(&reader, NULL, reader_main, &p) == 0;
    if (!reader_up)
        rc = KB_ENOMEM;
    while (reader_up && started < nworkers &&
           pthread_create(&workers[started], NULL, worker_main, &p) == 0)
        started++;
    if (reader_up && started == 0)
        rc = KB_ENOMEM;
    pthread_mutex_lock(&p.mu);
    while (!rc) {
        uint64_t seq = p.nwritten;
        if (p.eof && seq == p.nread)
            break; /* all written */
        if (ops->cancelled && ops->cancelled(ctx)) {
            rc = KB_EINTR;
            break;
        }
        if (seq < p.nread && p.state[seq % nslots] == SLOT_DONE) {
            pthread_mutex_unlock(&p.mu);
            rc = ops->write(ctx, job_at(&p, seq));
            pthread_mutex_lock(&p.mu);
            p.state[seq % nslots] = SLOT_FREE;
            p.nwritten = seq + 1;
            pthread_cond_signal(&p.can_read);
            continue;
        }
        timed_wait(&p.can_write, &p.mu);
    }
    p.stop = true;
    pthread_cond_broadcast(&p.can_read);
    pthread_cond_broadcast(&p.can_work);
    pthread_mutex_unlock(&p.mu);
    for (int i = 0; i < started; i++)
        pthread_join(workers[i], NULL);
    if (reader_up)
        pthread_join(reader, NULL);
    pthread_cond_destroy(&p.can_read);
    pthread_cond_destroy(&p.can_work);
    pthread_cond_destroy(&p.can_write);
    pthread_mutex_destroy(&p.mu);
    free(p.state);
    free(workers);
    return rc;
}

int kb_ncpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}
