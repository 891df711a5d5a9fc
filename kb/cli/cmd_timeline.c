/*
 * cmd_timeline.c -- `kb timeline`: events in date order, filtered, in one of
 * the timeline formats (JSON, TimelineJS, CSV, iCalendar, Markdown, an HTML
 * page, GeoJSON or text).
 */
#include "cli.h"
#include "export/export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const struct option longopts[] = {
    {"actor", required_argument, NULL, 'a'},
    {"place", required_argument, NULL, 'p'},
    {"near", required_argument, NULL, 'N'},
    {"km", required_argument, NULL, 'k'},
    {"from", required_argument, NULL, 'f'},
    {"to", required_argument, NULL, 't'},
    {"type", required_argument, NULL, 'y'},
    {"min-sources", required_argument, NULL, 'm'},
    {"format", required_argument, NULL, 'F'},
    {"include-negated", no_argument, NULL, 'n'},
    {"exclude-hypothetical", no_argument, NULL, 'H'},
    {"exclude-claimed", no_argument, NULL, 'C'},
    {"limit", required_argument, NULL, 'l'},
    {"title", required_argument, NULL, 'T'},
    {"now", no_argument, NULL, 'w'},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
    struct kb_timeline_query q = {0};
    struct kb_timeline_opts opts = {0};
    q.include_hypothetical = true;
    int format = KB_TL_JSON, c;
    bool km_given = false;
    const char *output = NULL;
    while ((c = cli_getopt(&kb_cmd_timeline, argc, argv, "ho:", longopts)) != -1) {
        switch (c) {
        case 'a':
            q.actor = optarg;
            break;
        case 'p':
            q.place = optarg;
            break;
        case 'N':
            if (!cli_opt_near(&kb_cmd_timeline, optarg, &q.near_lat, &q.near_lon))
                return EXIT_USAGE;
            q.near = true;
            break;
        case 'k':
            if (!cli_opt_km(&kb_cmd_timeline, optarg, &q.near_km))
                return EXIT_USAGE;
            km_given = true;
            break;
        case 'f':
            q.from = optarg;
            break;
        case 't':
            q.to = optarg;
            break;
        case 'y':
            q.type = optarg;
            break;
        case 'm':
            if (!cli_parse_long(optarg, 1, 1L << 30, &q.min_sources))
                return cli_usage_error(&kb_cmd_timeline,
                                       "--min-sources wants a number >= 1, not '%s'", optarg);
            break;
        case 'F':
            if ((format = kb_timeline_format_parse(optarg)) < 0)
                return cli_usage_error(&kb_cmd_timeline, "unknown format '%s' (%s)", optarg,
                                       kb_timeline_format_list());
            break;
        case 'n':
            q.include_negated = true;
            break;
        case 'H':
            q.include_hypothetical = false;
            break;
        case 'C':
            q.exclude_claimed = true;
            break;
        case 'l':
            if (!cli_parse_long(optarg, 1, 1L << 40, &q.limit))
                return cli_usage_error(&kb_cmd_timeline, "--limit wants a number, not '%s'",
                                       optarg);
            break;
        case 'T':
            opts.title = optarg;
            break;
        case 'w':
            opts.now_set = true;
            opts.now = (long long)time(NULL);
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
        return cli_usage_error(&kb_cmd_timeline, "unexpected argument '%s'", argv[optind]);
    if (km_given != q.near) /* as in kb places */
        return cli_usage_error(&kb_cmd_timeline, "--near and --km go together");
    char first[11], last[11];
    if (q.from && !kb_date_filter(q.from, first, last))
        return cli_usage_error(&kb_cmd_timeline,
                               "--from wants YYYY, YYYY-MM or YYYY-MM-DD, not '%s'", q.from);
    if (q.to && !kb_date_filter(q.to, first, last))
        return cli_usage_error(&kb_cmd_timeline,
                               "--to wants YYYY, YYYY-MM or YYYY-MM-DD, not '%s'", q.to);
    FILE *out = stdout;
    if (output && !(out = fopen(output, "w")))
        return cli_error("cannot write '%s': %s", output, strerror(errno));
    struct kb_error err;
    kb_error_clear(&err);
    int rc = kb_export_timeline_with(ctx->store, &q, format, &opts, out, &err);
    if (out != stdout && fclose(out) != 0 && !rc)
        return cli_error("cannot write '%s': %s", output, strerror(errno));
    return rc ? cli_report(&err, rc) : EXIT_OK;
}

const struct kb_cmd kb_cmd_timeline = {
    .name = "timeline",
    .usage = "kb timeline [filters] [--format F] [-o FILE]",
    .summary = "events in date order with actors, place, evidence and source",
    .help =
        "Filters (all must hold):\n"
        "  --actor NAME       events whose actor or target is NAME (or one of its aliases)\n"
        "  --place NAME       events located at the place NAME (or a name it was seen under)\n"
        "  --near LAT,LON     events at a place within --km of the point (decimal degrees;\n"
        "                     great-circle distance, through the places R*Tree)\n"
        "  --km R             the radius in kilometres (with --near)\n"
        "  --from DATE        events ending on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)\n"
        "  --to DATE          events starting on or before DATE (any precision)\n"
        "  --type T           a CAMEO code or root (19, 190), root name (fight, 'make public\n"
        "                     statement') or kb event type (ATTACK)\n"
        "  --min-sources N    events reported by at least N articles\n"
        "  --include-negated  also events the text says did not happen\n"
        "  --exclude-hypothetical  leave out hypothetical and future events\n"
        "  --exclude-claimed  leave out events only claimed or reported by someone\n"
        "  --limit N          at most N events\n"
        "\n"
        "Output:\n"
        "  --format F         json (default): events with actors, place, date, precision,\n"
        "                       flags and every report (evidence and source)\n"
        "                     timelinejs: TimelineJS3 JSON (undated events left out)\n"
        "                     csv: RFC 4180, one row per event\n"
        "                     ics: iCalendar (RFC 5545), an all-day VEVENT per dated event\n"
        "                     md: a Markdown chronicle by month\n"
        "                     html: one self-contained page (timeline by month, filter box,\n"
        "                       map of the places); opens offline in any browser\n"
        "                     geojson: RFC 7946 FeatureCollection of the located events\n"
        "                     text: for reading in a terminal\n"
        "  --title TEXT       title of the html page, calendar, chronicle or TimelineJS\n"
        "  --now              ics: stamp events with the current time (default: the\n"
        "                     publication date, so the same KB gives the same file)\n"
        "  -o, --output FILE  write to FILE instead of standard output\n",
    .flags = KB_CMD_DB_READ,
    .run = run,
};
