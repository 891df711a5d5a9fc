/*
 * util.c -- messages, help printing and option helpers shared by commands.
 */
#include "cli.h"
#include "store/query.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("kb: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return EXIT_RUNTIME;
}

int cli_usage_error(const struct kb_cmd *cmd, const char *fmt, ...)
{
    va_list ap;
    fputs("kb: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (cmd)
        fprintf(stderr, "usage: %s\n(see 'kb help %s')\n", cmd->usage, cmd->name);
    return EXIT_USAGE;
}

void cli_warn(const char *fmt, ...)
{
    va_list ap;
    fputs("kb: warning: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_report(const struct kb_error *err, int rc)
{
    if (err && err->source[0] && err->line > 0)
        fprintf(stderr, "kb: %s:%ld: %s\n", err->source, err->line, err->msg);
    else if (err && err->source[0])
        fprintf(stderr, "kb: %s: %s\n", err->source, err->msg);
    else if (err && err->msg[0])
        fprintf(stderr, "kb: %s\n", err->msg);
    else
        fprintf(stderr, "kb: %s\n", kb_strerror(rc));
    return rc == KB_EUSAGE ? EXIT_USAGE : EXIT_RUNTIME;
}

void cli_print_help(const struct kb_cmd *cmd, FILE *f)
{
    fprintf(f, "usage: %s\n\n%s\n", cmd->usage, cmd->summary);
    if (cmd->help && *cmd->help)
        fprintf(f, "\n%s", cmd->help);
    fprintf(f, "\nGlobal options:\n"
               "  --db PATH          knowledge base file (default $KB_DB or ./kb.db)\n"
               "  -h, --help         show this help\n");
}

bool cli_parse_long(const char *s, long min, long max, long *out)
{
    if (!s || !*s)
        return false;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

bool cli_parse_size(const char *s, size_t *out)
{
    if (!s || !*s)
        return false;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *s == '-')
        return false;
    unsigned long long mul = 1;
    if (*end == 'k' || *end == 'K')
        mul = 1024ULL, end++;
    else if (*end == 'm' || *end == 'M')
        mul = 1024ULL * 1024, end++;
    else if (*end == 'g' || *end == 'G')
        mul = 1024ULL * 1024 * 1024, end++;
    if (*end || v > SIZE_MAX / mul)
        return false;
    *out = (size_t)(v * mul);
    return true;
}

bool cli_valid_date(const char *s)
{
    struct kb_date d;
    return s && strlen(s) == 10 && kb_date_parse(s, &d) == KB_OK;
}

int cli_getopt(const struct kb_cmd *cmd, int argc, char **argv, const char *shortopts,
               const struct option *longopts)
{
    int idx;
    opterr = 0;
    int c = getopt_long(argc, argv, shortopts, longopts, &idx);
    if (c == 'h') {
        cli_print_help(cmd, stdout);
        return 'h';
    }
    if (c == '?') {
        if (optopt)
            cli_usage_error(cmd, "option '-%c' is unknown or needs a value", optopt);
        else
            cli_usage_error(cmd, "option '%s' is unknown or needs a value", argv[optind - 1]);
        return '?';
    }
    if (c == ':') {
        cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
        return '?';
    }
    return c;
}

bool cli_opt_jobs(const struct kb_cmd *cmd, const char *arg, long *out)
{
    if (cli_parse_long(arg, 1, 1024, out))
        return true;
    cli_usage_error(cmd, "--jobs wants a number from 1 to 1024, not '%s'", arg);
    return false;
}

bool cli_opt_batch(const struct kb_cmd *cmd, const char *arg, long *out)
{
    if (cli_parse_long(arg, 1, 1000000, out))
        return true;
    cli_usage_error(cmd, "--batch wants a number, not '%s'", arg);
    return false;
}

bool cli_opt_near(const struct kb_cmd *cmd, const char *arg, double *lat, double *lon)
{
    if (kb_parse_latlon(arg, lat, lon))
        return true;
    cli_usage_error(cmd, "--near wants LAT,LON in decimal degrees, not '%s'", arg);
    return false;
}

bool cli_opt_km(const struct kb_cmd *cmd, const char *arg, double *km)
{
    char *e;
    *km = strtod(arg, &e);
    if (e != arg && !*e && *km >= 0 && *km <= 40075)
        return true;
    cli_usage_error(cmd, "--km wants a distance in km (0 to 40075), not '%s'", arg);
    return false;
}
