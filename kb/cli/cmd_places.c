/*
 * cmd_places.c -- `kb places`: the places of the knowledge base, with how
 * often articles name them and how many events happened there; all of
 * them, or those within a radius of a point, as a table, CSV, JSON or
 * GeoJSON.
 */
#include "cli.h"
#include "export/export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const struct option longopts[] = {
    {"near", required_argument, NULL, 'n'},
    {"km", required_argument, NULL, 'k'},
    {"country", required_argument, NULL, 'c'},
    {"format", required_argument, NULL, 'F'},
    {"limit", required_argument, NULL, 'l'},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Parse "LAT,LON" (decimal degrees). */
static int run(struct cli_ctx *ctx, int argc, char **argv)
{
    struct kb_places_query q = {false, 0, 0, 0, NULL, 0};
    int format = KB_PL_TABLE, c;
    bool has_km = false;
    const char *output = NULL;
    while ((c = cli_getopt(&kb_cmd_places, argc, argv, "ho:", longopts)) != -1) {
        switch (c) {
        case 'n':
            if (!cli_opt_near(&kb_cmd_places, optarg, &q.lat, &q.lon))
                return EXIT_USAGE;
            q.near = true;
            break;
        case 'k':
            if (!cli_opt_km(&kb_cmd_places, optarg, &q.km))
                return EXIT_USAGE;
            has_km = true;
            break;
        case 'c':
            if (strlen(optarg) != 2 || optarg[0] < 'A' || optarg[0] > 'Z' || optarg[1] < 'A' ||
                optarg[1] > 'Z')
                return cli_usage_error(&kb_cmd_places,
                                       "--country wants an ISO 3166 code such as UA, not '%s'",
                                       optarg);
            q.country = optarg;
            break;
        case 'F':
            if ((format = kb_places_format_parse(optarg)) < 0)
                return cli_usage_error(&kb_cmd_places,
                                       "unknown format '%s' (table, csv, json, geojson)", optarg);
            break;
        case 'l':
            if (!cli_parse_long(optarg, 1, 1L << 40, &q.limit))
                return cli_usage_error(&kb_cmd_places, "--limit wants a number, not '%s'",
                                       optarg);
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
        return cli_usage_error(&kb_cmd_places, "unexpected argument '%s'", argv[optind]);
    if (q.near != has_km)
        return cli_usage_error(&kb_cmd_places, "--near and --km go together");
    FILE *out = stdout;
    if (output && !(out = fopen(output, "w")))
        return cli_error("cannot write '%s': %s", output, strerror(errno));
    struct kb_error err;
    kb_error_clear(&err);
    int rc = kb_export_places(ctx->store, &q, format, out, &err);
    if (out != stdout && fclose(out) != 0 && !rc)
        return cli_error("cannot write '%s': %s", output, strerror(errno));
    return rc ? cli_report(&err, rc) : EXIT_OK;
}

const struct kb_cmd kb_cmd_places = {
    .name = "places",
    .usage = "kb places [--near LAT,LON --km R] [--country CC] [--format table|csv|json|geojson]",
    .summary = "places of the KB with mentions and events, optionally within a radius",
    .help = "Every place the knowledge base holds (resolved or not), with the division and\n"
            "country it is part of, how many mentions, articles and events it has; most\n"
            "mentioned first, or nearest first with --near.\n\n"
            "Options:\n"
            "  --near LAT,LON     only places within --km of this point (decimal degrees),\n"
            "                     found with the R*Tree index; adds a km column\n"
            "  --km R             the radius in kilometres (great-circle distance)\n"
            "  --country CC       only places in this country (ISO 3166 alpha-2)\n"
            "  --format F         table (default), csv (RFC 4180), json, or geojson (an RFC\n"
            "                     7946 FeatureCollection of points; places without coordinates\n"
            "                     have a null geometry)\n"
            "  --limit N          at most N places\n"
            "  -o, --output FILE  write to FILE instead of standard output\n",
    .flags = KB_CMD_DB_READ,
    .run = run,
};
