/*
 * cmd_merge.c -- `kb merge`: merge knowledge bases (the shards a cluster
 * or several machines wrote) into one, deduplicating articles, entities,
 * places and events by their canonical keys (store/merge.c).
 *
 * The destination is named by --into; the command opens it itself (the
 * dispatcher opens only --db), creating it if needed.
 */
#include "cli.h"

#include <string.h>
#include <time.h>

static const struct option longopts[] = {
    {"into", required_argument, NULL, 'i'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    const char *into = NULL;
    bool quiet = false;
    int c;
    while ((c = cli_getopt(&kb_cmd_merge, argc, argv, "hq", longopts)) != -1) {
        switch (c) {
        case 'i':
            into = optarg;
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
    if (!into)
        return cli_usage_error(&kb_cmd_merge, "say which KB to merge into: --into DST.db");
    if (optind >= argc)
        return cli_usage_error(&kb_cmd_merge, "nothing to merge: give the KBs to merge");
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct kb_error err;
    kb_error_clear(&err);
    struct kb_store *dst = NULL;
    int rc = kb_store_open(&dst, into, KB_STORE_CREATE, &err);
    if (rc)
        return cli_report(&err, rc);
    struct kb_ingest_stats st;
    memset(&st, 0, sizeof st);
    int status = EXIT_OK;
    bool deferred = false;
    if ((rc = kb_store_bulk(dst, true, &err)) ||
        (rc = kb_store_defer_indexes(dst, &deferred, &err)))
        status = cli_report(&err, rc);
    for (int i = optind; i < argc && !status; i++) {
        if ((rc = kb_store_merge(dst, argv[i], &st, &err)))
            status = cli_report(&err, rc);
    }
    if (deferred && (rc = kb_store_restore_indexes(dst, &err)) && !status)
        status = cli_report(&err, rc);
    kb_store_bulk(dst, false, &err);
    kb_store_close(dst);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!quiet && !status)
        fprintf(stderr,
                "kb: merged %ld article%s (%ld already present): %ld new entities, %ld new "
                "places, %ld events, %.2f s\n",
                st.articles, st.articles == 1 ? "" : "s", st.duplicates, st.entities, st.places,
                st.events, (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
    return status;
}

const struct kb_cmd kb_cmd_merge = {
    .name = "merge",
    .usage = "kb merge [-q] SRC.db... --into DST.db",
    .summary = "merge knowledge bases (shards) into one, without duplicates",
    .help = "Copies each source KB into DST.db (created if missing), in order.  An\n"
            "article already in DST.db (same text) is skipped with everything read from\n"
            "it; entities (same type and name) and places (same GeoNames id or key) are\n"
            "reused.  Merging the shards of a corpus, in order, gives the KB that\n"
            "ingesting the whole corpus gives.  Each source is merged in one transaction:\n"
            "a failure leaves DST.db as it was before that source.\n\n"
            "Options:\n"
            "  --into DST.db      the knowledge base to merge into (required)\n"
            "  -q, --quiet        no summary\n\n"
            "Arguments:\n"
            "  SRC.db             knowledge bases to merge, in order\n",
    .flags = 0,
    .run = run,
};
