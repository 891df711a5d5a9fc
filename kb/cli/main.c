/*
 * main.c -- kb's entry point: global options (--db), the command table,
 * dispatch with the shared setup each command's flags ask for, and the
 * final check that standard output was written.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const struct kb_cmd *const cmd_table[] = {
    &kb_cmd_init, &kb_cmd_ingest, &kb_cmd_extract, &kb_cmd_timeline,
    &kb_cmd_graph, &kb_cmd_sql, &kb_cmd_stats, &kb_cmd_export, &kb_cmd_help,
    &kb_cmd_gazetteer, &kb_cmd_places,
    &kb_cmd_load,
    &kb_cmd_merge,
};

static const struct kb_cmd *find_cmd(const char *name)
{
    for (size_t i = 0; i < sizeof cmd_table / sizeof cmd_table[0]; i++)
        if (strcmp(cmd_table[i]->name, name) == 0)
            return cmd_table[i];
    return NULL;
}

static void print_overview(FILE *f)
{
    fprintf(f, "usage: kb [--db PATH] COMMAND [options] [args]\n\n"
               "kb turns news articles into a knowledge base of dated events, actors and\n"
               "places, and renders it as timelines and relationship graphs.\n\n"
               "Commands:\n");
    for (size_t i = 0; i < sizeof cmd_table / sizeof cmd_table[0]; i++)
        fprintf(f, "  %-10s %s\n", cmd_table[i]->name, cmd_table[i]->summary);
    fprintf(f, "\nGlobal options:\n"
               "  --db PATH   knowledge base file (default $KB_DB, else ./kb.db);\n"
               "              accepted before or after the command\n"
               "  --gazetteer PATH  gazetteer database made by 'kb gazetteer import'\n"
               "              (default $KB_GAZETTEER, else the built-in gazetteer)\n"
               "  --version   print the version\n"
               "  -h, --help  show help ('kb help COMMAND' or 'kb COMMAND --help' for one)\n\n"
               "Exit status: 0 success, 1 runtime error, 2 usage error.\n");
}

/* ---- help command ---- */

static int help_run(struct cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    if (argc < 2) {
        print_overview(stdout);
        return EXIT_OK;
    }
    const struct kb_cmd *cmd = find_cmd(argv[1]);
    if (!cmd)
        return cli_usage_error(NULL, "no such command '%s' (see 'kb help')", argv[1]);
    cli_print_help(cmd, stdout);
    return EXIT_OK;
}

const struct kb_cmd kb_cmd_help = {
    .name = "help",
    .usage = "kb help [COMMAND]",
    .summary = "show the commands, or one command's options",
    .help = "Arguments:\n"
            "  COMMAND            the command to describe\n",
    .flags = 0,
    .run = help_run,
};

/*
 * Take the global option `--NAME PATH` / `--NAME=PATH` (opt is "--NAME")
 * out of argv wherever it is (before "--").  Returns false on one without
 * a value.
 */
static bool take_opt(int *argc, char **argv, const char *opt, const char **val)
{
    int w = 1;
    bool ok = true, done = false;
    size_t ol = strlen(opt);
    for (int r = 1; r < *argc; r++) {
        if (!done && strcmp(argv[r], "--") == 0)
            done = true;
        if (!done && strcmp(argv[r], opt) == 0) {
            if (r + 1 >= *argc) {
                ok = false;
                continue;
            }
            *val = argv[++r];
            continue;
        }
        if (!done && strncmp(argv[r], opt, ol) == 0 && argv[r][ol] == '=') {
            *val = argv[r] + ol + 1;
            continue;
        }
        argv[w++] = argv[r];
    }
    *argc = w;
    argv[w] = NULL;
    return ok;
}

/* Flush and close stdout, reporting write errors (ENOSPC, EPIPE, EIO). */
static int close_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        if (errno == EPIPE)
            return EXIT_OK;
        return cli_error("cannot write output: %s", strerror(errno));
    }
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    struct cli_ctx ctx = {"kb", NULL, NULL, NULL};
    const char *env = getenv("KB_DB");
    ctx.db_path = env && *env ? env : "kb.db";
    if (!take_opt(&argc, argv, "--db", &ctx.db_path))
        return cli_usage_error(NULL, "option '--db' needs a path");
    env = getenv("KB_GAZETTEER");
    ctx.gazetteer_path = env && *env ? env : NULL;
    if (!take_opt(&argc, argv, "--gazetteer", &ctx.gazetteer_path))
        return cli_usage_error(NULL, "option '--gazetteer' needs a path");
    if (argc < 2) {
        print_overview(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0) {
        print_overview(stdout);
        return close_stdout();
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
        printf("kb %s\n", KB_VERSION);
        return close_stdout();
    }
    const struct kb_cmd *cmd = find_cmd(name);
    if (!cmd)
        return cli_usage_error(NULL, "'%s' is not a kb command (see 'kb help')", name);
    /* `kb CMD --help` needs no database */
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            cli_print_help(cmd, stdout);
            return close_stdout();
        }
    }
    int status;
    if (cmd->flags & (KB_CMD_DB_READ | KB_CMD_DB_WRITE)) {
        struct kb_error err;
        kb_error_clear(&err);
        unsigned f = (cmd->flags & KB_CMD_DB_WRITE) ? 0 : KB_STORE_READONLY;
        if (cmd->flags & KB_CMD_DB_CREATE)
            f |= KB_STORE_CREATE;
        int rc = kb_store_open(&ctx.store, ctx.db_path, f, &err);
        if (rc)
            return cli_report(&err, rc);
        /* KB_MAX_PAGE_COUNT caps the KB's size as a full disk would (tests) */
        const char *cap = getenv("KB_MAX_PAGE_COUNT");
        long pages;
        if (cap && *cap) {
            if (!cli_parse_long(cap, 1, 2147483647L, &pages)) {
                kb_store_close(ctx.store);
                return cli_usage_error(NULL, "KB_MAX_PAGE_COUNT wants a number of pages, "
                                             "not '%s'", cap);
            }
            if ((rc = kb_store_limit_pages(ctx.store, pages, &err))) {
                kb_store_close(ctx.store);
                return cli_report(&err, rc);
            }
        }
    }
    optind = 0; /* full getopt re-initialisation (glibc) */
    status = cmd->run(&ctx, argc - 1, argv + 1);
    kb_store_close(ctx.store);
    int cs = close_stdout();
    return status ? status : cs;
}
