/*
 * cmd_graph.c -- `kb graph`: a view of the knowledge base as a graph (the
 * event graph, the actor network or actors and places) in DOT, SVG, PNG,
 * PDF or GraphML.
 */
#include "cli.h"
#include "export/export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const struct option longopts[] = {
    {"view", required_argument, NULL, 'v'},
    {"actor", required_argument, NULL, 'a'},
    {"depth", required_argument, NULL, 'd'},
    {"min-weight", required_argument, NULL, 'w'},
    {"top", required_argument, NULL, 't'},
    {"clusters", no_argument, NULL, 'c'},
    {"layout", required_argument, NULL, 'L'},
    {"format", required_argument, NULL, 'F'},
    {"limit", required_argument, NULL, 'l'},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
    struct kb_graph_query q = {KB_VIEW_EVENTS, NULL, 1, 0, 0, 0};
    struct kb_graph_opts opts = {NULL, false, NULL}; /* one render: no shared context */
    int format = KB_GR_DOT, c;
    long n;
    bool weight_given = false, top_given = false;
    const char *output = NULL;
    while ((c = cli_getopt(&kb_cmd_graph, argc, argv, "ho:", longopts)) != -1) {
        switch (c) {
        case 'v':
            if ((q.view = kb_graph_view_parse(optarg)) < 0)
                return cli_usage_error(&kb_cmd_graph,
                                       "unknown view '%s' (events, actors, places)", optarg);
            break;
        case 'a':
            q.actor = optarg;
            break;
        case 'd':
            if (!cli_parse_long(optarg, 1, 100, &n))
                return cli_usage_error(&kb_cmd_graph, "--depth wants 1..100, not '%s'", optarg);
            q.depth = (int)n;
            break;
        case 'w':
            if (!cli_parse_long(optarg, 1, 1L << 30, &n))
                return cli_usage_error(&kb_cmd_graph, "--min-weight wants a number >= 1, not '%s'",
                                       optarg);
            q.min_weight = (double)n;
            weight_given = true;
            break;
        case 't':
            if (!cli_parse_long(optarg, 0, 1L << 30, &q.top))
                return cli_usage_error(&kb_cmd_graph, "--top wants a number >= 0, not '%s'",
                                       optarg);
            top_given = true;
            break;
        case 'c':
            opts.clusters = true;
            break;
        case 'L':
            if (!kb_graph_layout_valid(optarg))
                return cli_usage_error(&kb_cmd_graph,
                                       "unknown layout '%s' (dot, neato, fdp, sfdp, circo, twopi)",
                                       optarg);
            opts.layout = optarg;
            break;
        case 'F':
            if ((format = kb_graph_format_parse(optarg)) < 0)
                return cli_usage_error(&kb_cmd_graph, "unknown format '%s' (%s)", optarg,
                                       kb_graph_format_list());
            break;
        case 'l':
            if (!cli_parse_long(optarg, 1, 1L << 40, &q.limit))
                return cli_usage_error(&kb_cmd_graph, "--limit wants a number, not '%s'", optarg);
            break;
        case 'o':
            output = optarg;
            break;
        case 'h':
            return EXIT_OK;
        default:
            return EXIT_USAGE;
        }
    }
    if (optind < argc)
        return cli_usage_error(&kb_cmd_graph, "unexpected argument '%s'", argv[optind]);
    if (weight_given && q.view == KB_VIEW_EVENTS)
        return cli_usage_error(&kb_cmd_graph,
                               "--min-weight goes with --view actors or --view places");
    if (!top_given && !q.actor)
        q.top = KB_GRAPH_TOP_DEFAULT;
    FILE *out = stdout;
    if (output && !(out = fopen(output, "wb")))
        return cli_error("cannot write '%s': %s", output, strerror(errno));
    struct kb_error err;
    kb_error_clear(&err);
    int rc = kb_export_graph_with(ctx->store, &q, format, &opts, out, &err);
    if (out != stdout && fclose(out) != 0 && !rc)
        return cli_error("cannot write '%s': %s", output, strerror(errno));
    return rc ? cli_report(&err, rc) : EXIT_OK;
}

const struct kb_cmd kb_cmd_graph = {
    .name = "graph",
    .usage = "kb graph [--view events|actors|places] [--actor NAME [--depth N]] "
             "[--format F] [-o FILE]",
    .summary = "the knowledge base as a graph: DOT (cgraph), SVG, PNG, PDF or GraphML",
    .help =
        "Views:\n"
        "  events (default)   actors, events and places as nodes; edges say who acted\n"
        "                     (actor), on whom (target) and where (at); events coloured\n"
        "                     by CAMEO quad class\n"
        "  actors             the actor network: an edge from actor to target weighted\n"
        "                     by their events, coloured by the dominant quad class\n"
        "  places             actors and the places of their events, weighted likewise\n"
        "\n"
        "Options:\n"
        "  --view V           events, actors or places\n"
        "  --actor NAME       only the ego network of NAME (name or alias)\n"
        "  --depth N          actor hops from --actor (default 1)\n"
        "  --min-weight W     actors and places views: leave out edges of fewer than W\n"
        "                     events\n"
        "  --top N            keep the N actors of highest degree (default 100 without\n"
        "                     --actor; 0: all); the graph's label says when actors were\n"
        "                     left out, and of how many\n"
        "  --clusters         group nodes by country (subgraphs cluster_XX; drawn by the\n"
        "                     dot and fdp layouts)\n"
        "  --layout L         dot, neato, fdp, sfdp, circo or twopi (default: dot for\n"
        "                     events, neato otherwise); also written into DOT output\n"
        "  --format F         dot (default; written by cgraph), svg, png, pdf (rendered by\n"
        "                     Graphviz), graphml (for Gephi, yEd, NetworkX)\n"
        "  --limit N          at most N events (the first by id)\n"
        "  -o, --output FILE  write to FILE instead of standard output\n",
    .flags = KB_CMD_DB_READ,
    .run = run,
};
