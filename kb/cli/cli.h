/*
 * cli.h -- the kb command line: the command table, the shared context the
 * dispatcher prepares, and helpers for messages and option parsing.
 *
 * Adding a kb command, in 4 steps:
 *  1. write kb/cli/cmd_NAME.c with `const struct kb_cmd kb_cmd_NAME` (name,
 *     usage, summary, help text listing every option, flags, run);
 *  2. declare it below and add it to cmd_table[] in main.c;
 *  3. set KB_CMD_DB_READ or KB_CMD_DB_WRITE if it needs the knowledge base:
 *     main.c opens it before run() and closes it after;
 *  4. document it in docs/kb.1 and docs/cli.md (tests/docs checks that the
 *     table, `kb help` and the docs agree).
 *
 * Only code under kb/cli prints, reads argv or exits.
 */
#ifndef KB_CLI_H
#define KB_CLI_H

#include "kb.h"
#include "input/input.h"
#include "store/store.h"

#include <getopt.h>
#include <stdio.h>

/* Exit statuses. */
enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

enum kb_cmd_flags {
    KB_CMD_DB_READ = 1 << 0,   /* open the KB read-only before run() */
    KB_CMD_DB_WRITE = 1 << 1,  /* open the KB read-write (migrating it) */
    KB_CMD_DB_CREATE = 1 << 2, /* with DB_WRITE: create it if missing */
};

struct cli_ctx {
    const char *prog;      /* "kb" */
    const char *db_path;   /* --db, $KB_DB or ./kb.db */
    const char *gazetteer_path; /* --gazetteer, $KB_GAZETTEER, or NULL: the built-in one */
    struct kb_store *store; /* opened by main.c for DB commands */
};

struct kb_cmd {
    const char *name;
    const char *usage;   /* one line: "kb timeline [options]" */
    const char *summary; /* one line for `kb help` */
    const char *help;    /* full option list for `kb help CMD` and `kb CMD --help` */
    unsigned flags;      /* enum kb_cmd_flags */
    int (*run)(struct cli_ctx *ctx, int argc, char **argv); /* returns an exit status */
};

extern const struct kb_cmd kb_cmd_init, kb_cmd_ingest, kb_cmd_extract, kb_cmd_timeline,
    kb_cmd_graph, kb_cmd_sql, kb_cmd_stats, kb_cmd_help;
extern const struct kb_cmd kb_cmd_export;
extern const struct kb_cmd kb_cmd_gazetteer, kb_cmd_places;
extern const struct kb_cmd kb_cmd_load, kb_cmd_merge;

/* ---- cmd_gazetteer.c ---- */

/*
 * Load the extractor with the gazetteer the user chose (ctx->gazetteer_path,
 * else the built-in one).  Release with kb_extractor_release().
 */
int cli_extractor_init(const struct cli_ctx *ctx, struct kb_extractor *ex, struct kb_error *err);

/* ---- jobs.c: articles through kb_pipeline_run() ---- */

/*
 * One article on its way from the reader to the writer.  The reader fills
 * the first group (every string is a copy owned by the job), a worker the
 * second; the writer reads both.  Buffers are kept from one use to the next.
 */
struct cli_job {
    int read_status;         /* KB_OK, or the status of an article that could not be read */
    struct kb_error err;     /* its message (source and line set) */
    struct kb_buf text;      /* the article text */
    struct kb_buf meta;      /* id, title, source, dct, NUL-terminated, pointed to below */
    const char *id, *title, *source, *dct; /* NULL when absent */
    const char *path;        /* file it came from (owned by the reader, valid until closed) */
    long line;               /* line in a JSON Lines file, else 0 */
    bool sanitized;          /* invalid UTF-8 or controls were replaced */
    struct kb_doc *doc;      /* the extraction (reused from job to job) */
    bool bad_dct;            /* dct given but not a real date (the doc has none) */
    int status;              /* extraction status */
    char sha256[65];         /* ingest, load, merge: the text's hash, computed by the worker */
    const char *doc_path;    /* load, merge: where the article came from (owned by the
                                doc or meta) or NULL */
    struct kb_buf docz;      /* ingest, load, merge: the extraction as the store keeps it */
    struct kb_buf out;       /* extract: the JSON to print; others: scratch */
};

void cli_job_init(struct cli_job *j);
void cli_job_release(struct cli_job *j); /* NULL-safe */
/* Next article of in into j: 1 = a job (possibly a read error), 0 = end of input. */
int cli_job_read(struct kb_input *in, struct cli_job *j);
/* Extract j's article into j->doc with the given id; returns the status. */
int cli_job_extract(const struct kb_extractor *ex, struct cli_job *j, const char *id);
/* Worker threads for -j N: N, or the number of processors when N is 0. */
int cli_jobs(long n);
/* Worker step: j->doc's extraction as the store keeps it, into j->docz. */
int cli_job_keep(struct cli_job *j);
/* Worker step: j->doc (the old one freed) from a kb extract line, as
   kb_doc_from_json() reads it, errors in j->err. */
int cli_job_parse(struct cli_job *j, const char *line, size_t n, const char *text, size_t tlen,
                  const char **path);

/* ---- storer.c: documents into the store, for ingest and load ---- */

/* What a writer step returns to kb_pipeline_run (apart from enum kb_err). */
enum { CLI_GO_ON = 0, CLI_STOP = -1, CLI_STOP_FATAL = -2 };

struct cli_storer {
    struct kb_store *s;        /* set by the command */
    long batch;                /* articles per transaction (set by the command) */
    bool quiet, tty;           /* no summary; a progress line (set by the command) */
    bool threaded;             /* the reader is a thread of its own */
    bool reader_ready;         /* (reader thread) its signal mask is set */
    long in_batch, bad;        /* articles in the open transaction; bad ones */
    size_t bytes;              /* of text stored */
    double last_progress;
    struct kb_ingest_stats st;
    struct kb_ingest_stats committed; /* st at the last commit */
    int status;                /* exit status so far */
    struct kb_error err;
};

/* True once SIGINT or SIGTERM arrived during cli_storer_run(). */
bool cli_interrupted(void);
/* Call first in the reader step: lets signals reach the reader thread. */
void cli_storer_reader_ready(struct cli_storer *w);
/* Reader step, first thing for each job: reader_ready, then j's error,
   statuses and doc_path cleared. */
void cli_storer_job_start(struct cli_storer *w, struct cli_job *j);
/*
 * Writer step: store j->doc (hashed in j->sha256) as coming from path (may
 * be NULL), report a failure with j's file and line, commit each batch,
 * update the progress line.  Returns CLI_GO_ON, CLI_STOP or CLI_STOP_FATAL.
 */
int cli_storer_put(struct cli_storer *w, struct cli_job *j, const char *path);
/* Count a document that could not be stored (already reported). */
void cli_storer_bad(struct cli_storer *w);
/*
 * Run ops (its cancelled member is set here) with nworkers over cli_job
 * slots, storing in one transaction per batch with foreign key checks off,
 * then print "kb: VERB N articles (...)" unless quiet.  Returns the exit
 * status (130 when interrupted and nothing else failed).
 */
int cli_storer_run(struct cli_storer *w, struct kb_pipeline_ops ops, void *ctx, int nworkers,
                   const char *verb);

/* ---- util.c ---- */

/* "kb: <message>" on stderr; returns EXIT_RUNTIME. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "kb: <message>" on stderr; returns EXIT_USAGE. */
int cli_usage_error(const struct kb_cmd *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* "kb: warning: <message>" on stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Report a library failure with its context; returns EXIT_RUNTIME. */
int cli_report(const struct kb_error *err, int rc);
/* Print a command's usage and help to f. */
void cli_print_help(const struct kb_cmd *cmd, FILE *f);
/* Parse a non-negative integer option; false on garbage. */
bool cli_parse_long(const char *s, long min, long max, long *out);
/* -j/--jobs N (1..1024) and --batch N (1..1000000); false after a usage error. */
bool cli_opt_jobs(const struct kb_cmd *cmd, const char *arg, long *out);
bool cli_opt_batch(const struct kb_cmd *cmd, const char *arg, long *out);
/* --near LAT,LON (decimal degrees on the globe) and --km R (0..40075), as
   kb places and kb timeline take them; false after a usage error. */
bool cli_opt_near(const struct kb_cmd *cmd, const char *arg, double *lat, double *lon);
bool cli_opt_km(const struct kb_cmd *cmd, const char *arg, double *km);
/* Parse a size with optional K/M/G suffix. */
bool cli_parse_size(const char *s, size_t *out);
/* Validate a YYYY-MM-DD date (a real calendar date). */
bool cli_valid_date(const char *s);

/*
 * getopt_long wrapper for commands: handles -h/--help itself.  Returns the
 * option character, -1 at the end, or '?' after printing a usage error.
 */
int cli_getopt(const struct kb_cmd *cmd, int argc, char **argv, const char *shortopts,
               const struct option *longopts);

#endif
