/*
 * cmd_load.c -- `kb load`: store the output of `kb extract --jsonl` in the
 * knowledge base, without extracting again.  Extraction can then run
 * anywhere -- the map step of Hadoop or Spark, other machines -- and its
 * output is loaded here, or into shard KBs that `kb merge` joins.
 *
 * A reader thread reads lines, -j workers parse them back into documents
 * (kb_doc_from_json) and hash their text, and this thread stores them in
 * input order (storer.c), as `kb ingest` stores what it extracts.
 */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static const struct option longopts[] = {
    {"batch", required_argument, NULL, 'b'},
    {"max-line-bytes", required_argument, NULL, 'M'},
    {"jobs", required_argument, NULL, 'j'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct lctx {
    char **paths;
    size_t npaths, next; /* next path to open */
    int fd;              /* the open one (-1: none), read by lines */
    struct kb_lines lines;
    const char *fpath;
    long line;
    size_t max_line;
    struct cli_storer w;
};

/* Close the file being read (standard input stays open). */
static void close_input(struct lctx *x)
{
    if (x->fd > STDIN_FILENO)
        close(x->fd);
    x->fd = -1;
}

/* Reader: the next non-blank line of the files, or the error of one. */
static int l_read(void *ctx, void *job)
{
    struct lctx *x = ctx;
    struct cli_job *j = job;
    cli_storer_job_start(&x->w, j);
    for (;;) {
        if (cli_interrupted())
            return 0;
        if (x->fd < 0) {
            if (x->next >= x->npaths)
                return 0;
            x->fpath = x->paths[x->next++];
            x->line = 0;
            x->fd = strcmp(x->fpath, "-") == 0 ? STDIN_FILENO
                                               : open(x->fpath, O_RDONLY | O_CLOEXEC);
            kb_lines_release(&x->lines);
            kb_lines_init(&x->lines, x->fd);
            if (x->fd < 0) {
                j->path = x->fpath;
                j->line = 0;
                j->read_status = kb_error_at(&j->err, KB_EIO, x->fpath, 0, "cannot open: %s",
                                             strerror(errno));
                return 1;
            }
        }
        const char *line = NULL;
        size_t len = 0;
        int r = kb_lines_next(&x->lines, x->max_line, &line, &len);
        if (r == 0 || r == -KB_EIO) {
            bool failed = r != 0 && !cli_interrupted();
            int e = errno;
            close_input(x);
            errno = e;
            if (!failed)
                continue;
            j->path = x->fpath;
            j->line = x->line + 1;
            j->read_status = kb_error_at(&j->err, KB_EIO, x->fpath, 0, "cannot read: %s",
                                         strerror(errno));
            return 1;
        }
        x->line++;
        j->path = x->fpath;
        j->line = x->line;
        if (r < 0) {
            j->read_status = kb_error_at(&j->err, -r, x->fpath, x->line, "%s",
                                         r == -KB_ETOOBIG ? "line longer than the limit "
                                                            "(--max-line-bytes)"
                                                          : kb_strerror(-r));
            return 1;
        }
        kb_buf_reset(&j->text);
        if (r == 1 && kb_buf_add(&j->text, line, len)) {
            j->read_status = kb_error_at(&j->err, KB_ENOMEM, x->fpath, x->line, "out of memory");
            return 1;
        }
        if (j->text.len && strspn(j->text.data, " \t\r") < j->text.len)
            return 1; /* blank lines are skipped */
    }
}

/* Worker: the line back into a document, and the hash of its text. */
static void l_work(void *ctx, void *job)
{
    (void)ctx;
    struct cli_job *j = job;
    if (j->read_status)
        return;
    j->status = cli_job_parse(j, j->text.data, j->text.len, NULL, 0, &j->doc_path);
    if (!j->status)
        j->status = cli_job_keep(j);
    if (j->status)
        return;
    kb_sha256_hex(j->doc->text, j->doc->len, j->sha256);
}

/* Writer: report or store, in input order. */
static int l_write(void *ctx, void *job)
{
    struct lctx *x = ctx;
    struct cli_job *j = job;
    if (j->read_status) {
        cli_report(&j->err, j->read_status);
        cli_storer_bad(&x->w);
        return CLI_GO_ON;
    }
    if (j->status == KB_ENOTFOUND) {
        cli_warn("%s:%ld: no article: kb extract could not read this one", j->path, j->line);
        return CLI_GO_ON;
    }
    if (j->status == KB_ENOMEM) {
        x->w.status = cli_error("out of memory");
        return CLI_STOP;
    }
    if (j->status) {
        fprintf(stderr, "kb: %s:%ld: %s\n", j->path, j->line, j->err.msg);
        cli_storer_bad(&x->w);
        return CLI_GO_ON;
    }
    /* the article keeps the file kb extract read it from; a plain-text one had
       that name as its id, and no id of its own */
    const char *path = j->doc_path;
    if (path && j->doc->id && strcmp(j->doc->id, path) == 0)
        j->doc->id = NULL;
    return cli_storer_put(&x->w, j, path);
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
    struct lctx x;
    memset(&x, 0, sizeof x);
    x.fd = -1;
    kb_lines_init(&x.lines, -1);
    x.w.batch = 200;
    x.max_line = 1024u << 20;
    long jobs = 0;
    int c;
    while ((c = cli_getopt(&kb_cmd_load, argc, argv, "hqj:", longopts)) != -1) {
        switch (c) {
        case 'b':
            if (!cli_opt_batch(&kb_cmd_load, optarg, &x.w.batch))
                return EXIT_USAGE;
            break;
        case 'M':
            if (!cli_parse_size(optarg, &x.max_line))
                return cli_usage_error(&kb_cmd_load, "bad size '%s'", optarg);
            break;
        case 'j':
            if (!cli_opt_jobs(&kb_cmd_load, optarg, &jobs))
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
    if (optind >= argc)
        return cli_usage_error(&kb_cmd_load, "nothing to load: give the output files of "
                                             "'kb extract --jsonl', or '-'");
    x.paths = argv + optind;
    x.npaths = (size_t)(argc - optind);
    x.w.s = ctx->store;
    x.w.tty = isatty(STDERR_FILENO) && !x.w.quiet;
    static const struct kb_pipeline_ops ops = {l_read, l_work, l_write, NULL};
    int status = cli_storer_run(&x.w, ops, &x, cli_jobs(jobs), "loaded");
    close_input(&x);
    kb_lines_release(&x.lines);
    return status;
}

const struct kb_cmd kb_cmd_load = {
    .name = "load",
    .usage = "kb load [--batch N] [-j N] [-q] FILE.jsonl...",
    .summary = "store the output of 'kb extract --jsonl' in the KB (no extraction)",
    .help = "Reads the lines 'kb extract --jsonl' writes (they carry the text, the\n"
            "sentences and every mention) and stores them as 'kb ingest' would have\n"
            "stored the articles: extract anywhere, in parallel, on other machines, then\n"
            "load here (or into shards that 'kb merge' joins).  An article is stored\n"
            "once; the lines kb extract wrote for input it could not read are skipped\n"
            "with a warning; a bad line is reported (file and line) and skipped, and the\n"
            "exit status is then 1.\n\n"
            "Options:\n"
            "  --batch N          articles per transaction (default 200)\n"
            "  --max-line-bytes N refuse longer lines (K/M/G suffixes; default 1G)\n"
            "  -j, --jobs N       parse with N threads (default: one per processor)\n"
            "  -q, --quiet        no progress line or summary\n\n"
            "Arguments:\n"
            "  FILE.jsonl         output of 'kb extract --jsonl'; '-' for standard input\n",
    .flags = KB_CMD_DB_WRITE | KB_CMD_DB_CREATE,
    .run = run,
};
