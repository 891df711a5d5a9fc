/*
 * cmd_extract.c -- `kb extract`: run the extraction stages on articles and
 * print the result in the JSON form of CONTRACT.md.  No database: a pure
 * filter, so it can be the map step of a distributed job.
 */
#include "cli.h"
#include "input/input.h"

#include <stdlib.h>
#include <string.h>

static const struct option longopts[] = {
    {"dct", required_argument, NULL, 'd'},
    {"jsonl", no_argument, NULL, 'J'},
    {"day-first", no_argument, NULL, 'D'},
    {"max-article-bytes", required_argument, NULL, 'M'},
    {"jobs", required_argument, NULL, 'j'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct xctx {
    struct kb_input *in;
    struct kb_extractor ex;
    bool jsonl;
    int status;
};

static int x_read(void *ctx, void *job)
{
    return cli_job_read(((struct xctx *)ctx)->in, job);
}

/* Worker: extract and render the JSON into j->out. */
static void x_work(void *ctx, void *job)
{
    struct xctx *x = ctx;
    struct cli_job *j = job;
    if (j->read_status)
        return;
    /* a plain-text article is named by its file */
    const char *id = j->id ? j->id : (j->line ? NULL : j->path);
    const char *path = strcmp(j->path, "-") == 0 ? NULL : j->path;
    j->status = cli_job_extract(&x->ex, j, id);
    if (!j->status)
        j->status = kb_doc_write_json(j->doc, path, x->jsonl ? 0 : KB_JSON_PRETTY, &j->out);
}

static int put_out(const struct kb_buf *b)
{
    if (fwrite(b->data, 1, b->len, stdout) != b->len)
        return cli_error("cannot write output");
    return EXIT_OK;
}

/* Writer: messages and output in input order.  Non-zero stops the run. */
static int x_write(void *ctx, void *job)
{
    struct xctx *x = ctx;
    struct cli_job *j = job;
    if (j->read_status) {
        cli_report(&j->err, j->read_status);
        x->status = EXIT_RUNTIME;
        if (x->jsonl && j->err.line > 0) {
            /* keep output lines aligned with input lines */
            struct kb_json w;
            kb_buf_reset(&j->out);
            kb_json_init(&w, &j->out, 0);
            kb_json_begin_object(&w);
            kb_json_key(&w, "id");
            kb_json_null(&w);
            kb_json_key(&w, "error");
            kb_json_cstr(&w, j->err.msg);
            kb_json_key(&w, "line");
            kb_json_int(&w, j->err.line);
            kb_json_end_object(&w);
            if (w.err || kb_buf_addc(&j->out, '\n') || put_out(&j->out))
                return x->status = cli_error("cannot write output");
        }
        return 0;
    }
    if (j->sanitized)
        cli_warn("%s%s%.0ld: invalid UTF-8 or control characters replaced by U+FFFD", j->path,
                 j->line ? ":" : "", j->line);
    if (j->bad_dct)
        cli_warn("%s:%ld: ignoring invalid dct '%s'", j->path, j->line, j->dct);
    if (j->status)
        return x->status = cli_error("extraction failed: %s", kb_strerror(j->status));
    if (put_out(&j->out))
        return x->status = EXIT_RUNTIME;
    return 0;
}

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
    struct kb_input_opts in_opts = {NULL, NULL, NULL, KB_INPUT_MAX_BYTES_DEFAULT, KB_IN_TEXT};
    struct xctx x;
    memset(&x, 0, sizeof x);
    bool day_first = false;
    long jobs = 0;
    int c;
    while ((c = cli_getopt(&kb_cmd_extract, argc, argv, "hj:", longopts)) != -1) {
        switch (c) {
        case 'd':
            if (!cli_valid_date(optarg))
                return cli_usage_error(&kb_cmd_extract,
                                       "--dct wants a real date YYYY-MM-DD, not '%s'", optarg);
            in_opts.dct = optarg;
            break;
        case 'J':
            x.jsonl = true;
            in_opts.format = KB_IN_JSONL;
            break;
        case 'D':
            day_first = true;
            break;
        case 'M':
            if (!cli_parse_size(optarg, &in_opts.max_bytes))
                return cli_usage_error(&kb_cmd_extract, "bad size '%s'", optarg);
            break;
        case 'j':
            if (!cli_opt_jobs(&kb_cmd_extract, optarg, &jobs))
                return EXIT_USAGE;
            break;
        case 'h':
            return EXIT_OK;
        default:
            return EXIT_USAGE;
        }
    }
    char *stdin_path[] = {(char *)"-"};
    char **paths = optind < argc ? argv + optind : stdin_path;
    size_t npaths = optind < argc ? (size_t)(argc - optind) : 1;

    struct kb_error err;
    kb_error_clear(&err);
    int rc = cli_extractor_init(ctx, &x.ex, &err);
    if (rc)
        return cli_report(&err, rc);
    x.ex.opts.day_first = day_first;
    if ((rc = kb_input_open(&x.in, paths, npaths, &in_opts, &err))) {
        kb_extractor_release(&x.ex);
        return cli_report(&err, rc);
    }
    /* whole blocks to the pipe or file, not a write per line */
    static char obuf[1 << 16];
    setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
    int nworkers = cli_jobs(jobs);
    size_t nslots = nworkers > 1 ? (size_t)nworkers * 4 : 1;
    struct cli_job *slots = calloc(nslots, sizeof *slots);
    if (!slots) {
        kb_input_close(x.in);
        kb_extractor_release(&x.ex);
        return cli_error("out of memory");
    }
    for (size_t i = 0; i < nslots; i++)
        cli_job_init(&slots[i]);
    static const struct kb_pipeline_ops ops = {x_read, x_work, x_write, NULL};
    rc = kb_pipeline_run(&ops, &x, slots, sizeof *slots, nslots, nworkers);
    if (rc && !x.status)
        x.status = cli_error("%s", kb_strerror(rc));
    for (size_t i = 0; i < nslots; i++)
        cli_job_release(&slots[i]);
    free(slots);
    kb_input_close(x.in);
    kb_extractor_release(&x.ex);
    return x.status;
}

const struct kb_cmd kb_cmd_extract = {
    .name = "extract",
    .usage = "kb extract [--dct DATE] [--jsonl] [--day-first] [-j N] [PATH|-]...",
    .summary = "print entities, dates, places and events of articles as JSON (no database)",
    .help = "Reads plain-text articles (or JSON Lines documents with --jsonl) and prints\n"
            "what the extraction finds, in the form of the evaluation contract: one JSON\n"
            "object per article; with --jsonl one line per input line, in order.  Extra\n"
            "keys (sentence numbers, mention indexes, the text) let 'kb load' store the\n"
            "output in a knowledge base: extraction can run anywhere, as a pure filter.\n\n"
            "Options:\n"
            "  --dct DATE         publication date (YYYY-MM-DD) for articles without one;\n"
            "                     relative dates are resolved against it\n"
            "  --jsonl            input is JSON Lines {\"id\",\"text\",\"dct\",...}; output one\n"
            "                     compact line per document\n"
            "  --day-first        read 03/04/2022 as 3 April (day-first locales)\n"
            "  --max-article-bytes N  refuse articles larger than N bytes (K/M/G suffixes;\n"
            "                     default 8M)\n"
            "  -j, --jobs N       extract with N threads (default: one per processor);\n"
            "                     the output keeps the input order\n\n"
            "Arguments:\n"
            "  PATH               files or folders to read; '-' or nothing for standard input\n",
    .flags = 0,
    .run = run,
};
