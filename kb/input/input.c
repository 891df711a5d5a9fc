/*
 * input.c -- the article reader behind `kb ingest` and `kb extract`.
 */
#include "input/input.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The members a document may have, in the order of struct kb_jsondoc. */
enum { F_TEXT, F_ID, F_TITLE, F_SOURCE, F_DCT, NFIELDS };

struct item {
    char *path;
    int format; /* KB_IN_TEXT or KB_IN_JSONL or KB_IN_AUTO */
    int err;    /* nonzero: report this error when reached */
    char *msg;
};

/* A folder already walked, by device and inode (symbolic links can loop). */
struct seen_dir {
    dev_t dev;
    ino_t ino;
};

struct kb_input {
    struct kb_input_opts opts;
    KB_VEC(struct item) items;
    KB_VEC(struct seen_dir) seen; /* folders walked, so that loops end */
    size_t next;        /* next item to open */
    FILE *f;            /* open JSON Lines stream */
    const char *fpath;  /* its path */
    long line;
    struct kb_lines lines; /* f's lines */
    struct kb_buf buf;  /* current text file */
    struct kb_buf strings; /* current document's strings (the fast reader) */
    char idnum[32];     /* its numeric id */
    struct kb_buf clean;
    struct kb_jsondoc jd; /* current document (jansson) */
};

static bool ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcmp(s + a - b, suf) == 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_item(struct kb_input *in, const char *path, int format, int err,
                    const char *msg)
{
    struct item it = {strdup(path), format, err, msg ? strdup(msg) : NULL};
    if (!it.path || (msg && !it.msg) || KB_VEC_PUSH(&in->items, it)) {
        free(it.path);
        free(it.msg);
        return KB_ENOMEM;
    }
    return KB_OK;
}

/* Mark the folder sb as walked; false when it already was. */
static bool first_visit(struct kb_input *in, const struct stat *sb, int *rc)
{
    for (size_t i = 0; i < in->seen.n; i++)
        if (in->seen.v[i].dev == sb->st_dev && in->seen.v[i].ino == sb->st_ino)
            return false;
    struct seen_dir sd = {sb->st_dev, sb->st_ino};
    *rc = KB_VEC_PUSH(&in->seen, sd);
    return true;
}

/*
 * Add the .txt and .jsonl files under dir, in name order, recursively.  A
 * folder reached twice (through a symbolic link) is walked once; a name
 * that is not a regular file (a FIFO would block the reader, a device
 * never ends) is reported and skipped.
 */
static int walk(struct kb_input *in, const char *dir, int depth)
{
    if (depth > 64)
        return add_item(in, dir, 0, KB_EIO, "folders nested too deeply");
    struct stat dsb;
    int rc = KB_OK;
    if (stat(dir, &dsb) == 0 && !first_visit(in, &dsb, &rc))
        return rc;
    if (rc)
        return rc;
    DIR *d = opendir(dir);
    if (!d) {
        char msg[300];
        snprintf(msg, sizeof msg, "cannot read folder: %s", strerror(errno));
        return add_item(in, dir, 0, KB_EIO, msg);
    }
    KB_VEC(char *) names = {0};
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char *p = malloc(strlen(dir) + strlen(de->d_name) + 2);
        if (!p) {
            rc = KB_ENOMEM;
            break;
        }
        sprintf(p, "%s/%s", dir, de->d_name);
        if (KB_VEC_PUSH(&names, p)) {
            free(p);
            rc = KB_ENOMEM;
            break;
        }
    }
    closedir(d);
    if (names.n)
        qsort(names.v, names.n, sizeof *names.v, cmp_str);
    for (size_t i = 0; i < names.n && !rc; i++) {
        struct stat sb;
        if (stat(names.v[i], &sb) != 0) {
            char msg[300];
            snprintf(msg, sizeof msg, "cannot read: %s", strerror(errno));
            rc = add_item(in, names.v[i], 0, KB_EIO, msg);
        } else if (S_ISDIR(sb.st_mode)) {
            rc = walk(in, names.v[i], depth + 1);
        } else if (!ends_with(names.v[i], ".txt") && !ends_with(names.v[i], ".jsonl")) {
            continue;
        } else if (!S_ISREG(sb.st_mode)) {
            rc = add_item(in, names.v[i], 0, KB_EIO, "not a regular file (a FIFO, socket or "
                                                      "device); skipped");
        } else {
            rc = add_item(in, names.v[i], ends_with(names.v[i], ".txt") ? KB_IN_TEXT
                                                                         : KB_IN_JSONL,
                          0, NULL);
        }
    }
    for (size_t i = 0; i < names.n; i++)
        free(names.v[i]);
    free(names.v);
    return rc;
}

int kb_input_open(struct kb_input **out, char *const *paths, size_t npaths,
                  const struct kb_input_opts *opts, struct kb_error *err)
{
    struct kb_input *in = calloc(1, sizeof *in);
    if (!in)
        return kb_error_set(err, KB_ENOMEM, "out of memory");
    in->opts = *opts;
    kb_buf_init(&in->buf);
    kb_buf_init(&in->strings);
    kb_buf_init(&in->clean);
    kb_lines_init(&in->lines, -1);
    int rc = KB_OK;
    for (size_t i = 0; i < npaths && !rc; i++) {
        const char *p = paths[i];
        struct stat sb;
        if (strcmp(p, "-") == 0) {
            rc = add_item(in, "-", opts->format, 0, NULL);
        } else if (stat(p, &sb) != 0) {
            char msg[300];
            snprintf(msg, sizeof msg, "cannot read: %s", strerror(errno));
            rc = add_item(in, p, 0, KB_EIO, msg);
        } else if (S_ISDIR(sb.st_mode)) {
            rc = walk(in, p, 0);
        } else {
            int fmt = opts->format;
            if (fmt == KB_IN_AUTO)
                fmt = ends_with(p, ".jsonl") || ends_with(p, ".json") ? KB_IN_JSONL : KB_IN_TEXT;
            rc = add_item(in, p, fmt, 0, NULL);
        }
    }
    if (rc) {
        kb_input_close(in);
        return kb_error_set(err, rc, "out of memory");
    }
    *out = in;
    return KB_OK;
}

void kb_input_close(struct kb_input *in)
{
    if (!in)
        return;
    if (in->f && in->f != stdin)
        fclose(in->f);
    for (size_t i = 0; i < in->items.n; i++) {
        free(in->items.v[i].path);
        free(in->items.v[i].msg);
    }
    free(in->items.v);
    free(in->seen.v);
    kb_lines_release(&in->lines);
    kb_buf_release(&in->buf);
    kb_buf_release(&in->strings);
    kb_buf_release(&in->clean);
    kb_jsondoc_release(&in->jd);
    free(in);
}

/* ---- JSON documents ---- */

void kb_jsondoc_release(struct kb_jsondoc *d)
{
    if (!d)
        return;
    free(d->text);
    free(d->id);
    free(d->title);
    free(d->source);
    free(d->dct);
    memset(d, 0, sizeof *d);
}

/* Copy an optional string member; numbers are accepted for "id". */
static int opt_string(json_t *o, const char *key, char **out, bool allow_number,
                      struct kb_error *err)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return KB_OK;
    if (json_is_string(v)) {
        *out = strndup(json_string_value(v), json_string_length(v));
    } else if (allow_number && json_is_integer(v)) {
        char b[32];
        snprintf(b, sizeof b, "%lld", (long long)json_integer_value(v));
        *out = strdup(b);
    } else {
        return kb_error_set(err, KB_EPARSE, "\"%s\" must be a string", key);
    }
    return *out ? KB_OK : kb_error_set(err, KB_ENOMEM, "out of memory");
}

/* Which field a key names, or -1 (the five names differ in length). */
static int field_of(const char *key, size_t len)
{
    static const char *const names[NFIELDS] = {"text", "id", "title", "source", "dct"};
    static const signed char by_len[7] = {-1, -1, F_ID, F_DCT, F_TEXT, F_TITLE, F_SOURCE};
    int f = len < KB_ARRAY_LEN(by_len) ? by_len[len] : -1;
    return f >= 0 && memcmp(key, names[f], len) == 0 ? f : -1;
}

/*
 * The common document without jansson (core/jsonflat.c), its strings
 * decoded into `strings`: 1 = parsed (fields[F_*] point into m, or are NULL
 * when absent or null), 0 = jansson decides (another shape, or an error it
 * reports), -KB_ENOMEM.
 */
static int parse_flat(const char *line, size_t n, struct kb_buf *strings,
                      struct kb_json_member m[16], const struct kb_json_member *fields[NFIELDS])
{
    size_t k;
    int r = kb_json_flat_parse(line, n, m, 16, &k, strings);
    if (r <= 0)
        return r;
    for (size_t f = 0; f < NFIELDS; f++)
        fields[f] = NULL;
    for (size_t i = 0; i < k; i++) {
        int f = field_of(strings->data + m[i].key, m[i].key_len);
        if (f >= 0)
            fields[f] = &m[i];
    }
    if (!fields[F_TEXT] || fields[F_TEXT]->type != KB_JSON_STRING)
        return 0;
    for (size_t f = 0; f < NFIELDS; f++) {
        const struct kb_json_member *e = fields[f];
        if (e && e->type == KB_JSON_NULL)
            fields[f] = NULL;
        else if (e && e->type != KB_JSON_STRING && !(f == F_ID && e->type == KB_JSON_INTEGER))
            return 0;
    }
    return 1;
}

/* The value of a field parse_flat() found (a NUL-terminated string, or an
   integer written into num), or NULL; its length in *len. */
static const char *field_value(const struct kb_json_member *e, const struct kb_buf *strings,
                               char num[32], size_t *len)
{
    if (!e)
        return NULL;
    if (e->type == KB_JSON_INTEGER) {
        *len = (size_t)snprintf(num, 32, "%lld", e->integer);
        return num;
    }
    *len = e->str_len;
    return strings->data + e->str;
}

/* parse_flat() copied into out: returns as parse_flat(). */
static int parse_fast(const char *line, size_t n, struct kb_jsondoc *out)
{
    struct kb_json_member m[16];
    const struct kb_json_member *fields[NFIELDS];
    struct kb_buf b;
    kb_buf_init(&b);
    int r = parse_flat(line, n, &b, m, fields);
    char **dst[NFIELDS] = {&out->text, &out->id, &out->title, &out->source, &out->dct};
    for (size_t f = 0; r > 0 && f < NFIELDS; f++) {
        char num[32];
        size_t len;
        const char *v = field_value(fields[f], &b, num, &len);
        if (!v)
            continue;
        if (!(*dst[f] = malloc(len + 1))) {
            r = -KB_ENOMEM;
            break;
        }
        memcpy(*dst[f], v, len);
        (*dst[f])[len] = '\0';
        if (f == F_TEXT)
            out->len = len;
    }
    kb_buf_release(&b);
    if (r <= 0)
        kb_jsondoc_release(out);
    return r;
}

/* The document by jansson, for all that parse_flat() leaves to it. */
static int parse_jansson(const char *line, size_t n, struct kb_jsondoc *out,
                         struct kb_error *err)
{
    memset(out, 0, sizeof *out);
    json_error_t je;
    json_t *o = json_loadb(line, n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
    if (!o)
        return kb_error_set(err, KB_EPARSE, "malformed JSON: %s (column %d)", je.text, je.column);
    int rc = KB_OK;
    if (!json_is_object(o)) {
        rc = kb_error_set(err, KB_EPARSE, "expected a JSON object");
        goto out;
    }
    json_t *t = json_object_get(o, "text");
    if (!t || !json_is_string(t)) {
        rc = kb_error_set(err, KB_EPARSE, t ? "\"text\" must be a string"
                                            : "missing \"text\" field");
        goto out;
    }
    out->len = json_string_length(t);
    out->text = malloc(out->len + 1);
    if (!out->text) {
        rc = kb_error_set(err, KB_ENOMEM, "out of memory");
        goto out;
    }
    memcpy(out->text, json_string_value(t), out->len);
    out->text[out->len] = '\0';
    if ((rc = opt_string(o, "id", &out->id, true, err)) ||
        (rc = opt_string(o, "title", &out->title, false, err)) ||
        (rc = opt_string(o, "source", &out->source, false, err)) ||
        (rc = opt_string(o, "dct", &out->dct, false, err)))
        goto out;
out:
    json_decref(o);
    if (rc)
        kb_jsondoc_release(out);
    return rc;
}

int kb_jsondoc_parse(const char *line, size_t n, struct kb_jsondoc *out, struct kb_error *err)
{
    memset(out, 0, sizeof *out);
    int fast = parse_fast(line, n, out);
    if (fast < 0)
        return kb_error_set(err, KB_ENOMEM, "out of memory");
    if (fast > 0)
        return KB_OK;
    return parse_jansson(line, n, out, err);
}

/* ---- Reading ---- */

static bool looks_binary(const char *s, size_t n)
{
    size_t nul = 0, bad = 0;
    size_t m = n < 8192 ? n : 8192;
    for (size_t i = 0; i < m; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0)
            nul++;
        else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
            bad++;
    }
    return nul > 0 || bad * 10 > m;
}

/* Does s hold a C0 control other than tab, line feed and carriage return
   (NUL and escape sequences included)? */
static bool has_controls(const char *s, size_t n)
{
    const uint64_t ones = 0x0101010101010101ULL;
    size_t i = 0;
    for (;; i += 8) {
        /* words without a byte below 0x20 are skipped whole */
        uint64_t x;
        while (n - i >= 8 && (memcpy(&x, s + i, 8), !((x - ones * 0x20) & ~x & ones * 0x80)))
            i += 8;
        for (size_t k = i; k < n && k < i + 8; k++) {
            unsigned char c = (unsigned char)s[k];
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                return true;
        }
        if (n - i <= 8)
            return false;
    }
}

/*
 * Fill art with the text s[0..n) after validating it: what leaves the
 * reader is valid UTF-8 without NUL bytes or control characters.  `clean`:
 * the caller knows it is (the fast JSON reader checked it on the way).
 */
static int finish_text(struct kb_input *in, struct kb_article *art, const char *s, size_t n,
                       bool clean, const char *path, long line, struct kb_error *err)
{
    art->sanitized = false;
    if (!clean && (kb_utf8_valid_prefix(s, n) != n || has_controls(s, n))) {
        kb_buf_reset(&in->clean);
        if (kb_utf8_sanitize(s, n, &in->clean))
            return -kb_error_at(err, KB_ENOMEM, path, line, "out of memory");
        s = in->clean.data;
        n = in->clean.len;
        art->sanitized = true;
    }
    art->text = s;
    art->len = n;
    art->path = path;
    art->line = line;
    return 1;
}

static void fill_defaults(struct kb_input *in, struct kb_article *art)
{
    if (!art->dct)
        art->dct = in->opts.dct;
    if (!art->source)
        art->source = in->opts.source;
}

static int too_big(struct kb_input *in, struct kb_error *err)
{
    return -kb_error_at(err, KB_ETOOBIG, in->fpath, in->line,
                        "article larger than the limit of %zu bytes (--max-article-bytes)",
                        in->opts.max_bytes);
}

/* The article of the JSON Lines document line[0..n). */
static int read_doc(struct kb_input *in, const char *line, size_t n, struct kb_article *art,
                    struct kb_error *err)
{
    struct kb_json_member m[16];
    const struct kb_json_member *fields[NFIELDS];
    kb_jsondoc_release(&in->jd);
    memset(art, 0, sizeof *art);
    const char *text;
    size_t len = 0;
    bool clean;
    int fast = parse_flat(line, n, &in->strings, m, fields);
    if (fast < 0)
        return -kb_error_at(err, KB_ENOMEM, in->fpath, in->line, "out of memory");
    if (fast > 0) {
        size_t l;
        text = field_value(fields[F_TEXT], &in->strings, in->idnum, &len);
        clean = !fields[F_TEXT]->controls;
        art->id = field_value(fields[F_ID], &in->strings, in->idnum, &l);
        art->title = field_value(fields[F_TITLE], &in->strings, in->idnum, &l);
        art->source = field_value(fields[F_SOURCE], &in->strings, in->idnum, &l);
        art->dct = field_value(fields[F_DCT], &in->strings, in->idnum, &l);
    } else {
        struct kb_error e2;
        kb_error_clear(&e2);
        int rc = parse_jansson(line, n, &in->jd, &e2);
        if (rc)
            return -kb_error_at(err, rc, in->fpath, in->line, "%s", e2.msg);
        text = in->jd.text;
        len = in->jd.len;
        clean = false;
        art->id = in->jd.id;
        art->title = in->jd.title;
        art->source = in->jd.source;
        art->dct = in->jd.dct;
    }
    if (in->opts.max_bytes && len > in->opts.max_bytes)
        return too_big(in, err);
    fill_defaults(in, art);
    return finish_text(in, art, text, len, clean, in->fpath, in->line, err);
}

static int next_jsonl(struct kb_input *in, struct kb_article *art, struct kb_error *err)
{
    for (;;) {
        const char *line;
        size_t n;
        int r = kb_lines_next(&in->lines, in->opts.max_bytes, &line, &n);
        in->line++;
        if (r == 0)
            return 0;
        if (r == -KB_ETOOBIG)
            return too_big(in, err);
        if (r < 0)
            return -kb_error_at(err, -r, in->fpath, in->line, "cannot read: %s",
                                kb_strerror(-r));
        /* blank lines are allowed */
        size_t k = 0;
        while (k < n && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r'))
            k++;
        if (k < n)
            return read_doc(in, line, n, art, err);
    }
}

/*
 * Does a stream start like JSON Lines?  Skips the white space before the
 * first byte, leaving that byte unread in r.  KB_OK or a read error.
 */
static int starts_json(struct kb_lines *r, bool *json)
{
    *json = false;
    for (;;) {
        while (r->start < r->end && (r->blk[r->start] == ' ' || r->blk[r->start] == '\n' ||
                                     r->blk[r->start] == '\r' || r->blk[r->start] == '\t'))
            r->start++;
        if (r->start < r->end) {
            *json = r->blk[r->start] == '{';
            return KB_OK;
        }
        int f = kb_lines_fill(r);
        if (f <= 0)
            return -f;
    }
}

/* Read the plain-text file f, whose first bytes may be in in->lines
   already, into in->buf: KB_OK, KB_ETOOBIG or a read error. */
static int read_text(struct kb_input *in, FILE *f)
{
    struct kb_lines *r = &in->lines;
    kb_buf_reset(&in->buf);
    size_t had = r->end - r->start;
    if (in->opts.max_bytes && had > in->opts.max_bytes)
        return KB_ETOOBIG;
    int rc = had ? kb_buf_add(&in->buf, r->blk + r->start, had) : KB_OK;
    r->start = r->end;
    if (rc || r->eof)
        return rc;
    in->buf.limit = in->opts.max_bytes;
    rc = kb_buf_read_stream(&in->buf, f);
    in->buf.limit = 0;
    return rc;
}

int kb_input_next(struct kb_input *in, struct kb_article *art, struct kb_error *err)
{
    kb_error_clear(err);
    for (;;) {
        if (in->f) {
            int r = next_jsonl(in, art, err);
            if (r != 0)
                return r;
            if (in->f != stdin)
                fclose(in->f);
            in->f = NULL;
            continue;
        }
        if (in->next >= in->items.n)
            return 0;
        struct item *it = &in->items.v[in->next++];
        if (it->err)
            return -kb_error_at(err, it->err, it->path, 0, "%s", it->msg);
        bool is_stdin = strcmp(it->path, "-") == 0;
        FILE *f = is_stdin ? stdin : fopen(it->path, "rb");
        if (!f)
            return -kb_error_at(err, KB_EIO, it->path, 0, "cannot open: %s", strerror(errno));
        /* lines are read from the descriptor, in blocks; f is not read before */
        kb_lines_release(&in->lines);
        kb_lines_init(&in->lines, fileno(f));
        int fmt = it->format, rc = KB_OK;
        if (fmt == KB_IN_AUTO) {
            bool json;
            rc = starts_json(&in->lines, &json);
            fmt = json ? KB_IN_JSONL : KB_IN_TEXT;
        }
        if (!rc && fmt == KB_IN_JSONL) {
            in->f = f;
            in->fpath = it->path;
            in->line = 0;
            continue;
        }
        if (!rc)
            rc = read_text(in, f);
        if (!is_stdin)
            fclose(f);
        if (rc == KB_ETOOBIG)
            return -kb_error_at(err, rc, it->path, 0,
                                "article larger than the limit of %zu bytes "
                                "(--max-article-bytes)",
                                in->opts.max_bytes);
        if (rc)
            return -kb_error_at(err, rc, it->path, 0, "cannot read: %s", kb_strerror(rc));
        if (in->buf.len == 0)
            return -kb_error_at(err, KB_EPARSE, it->path, 0, "empty file");
        if (looks_binary(in->buf.data, in->buf.len))
            return -kb_error_at(err, KB_EPARSE, it->path, 0,
                                "looks like a binary file, not text");
        memset(art, 0, sizeof *art);
        art->title = in->opts.title;
        fill_defaults(in, art);
        return finish_text(in, art, in->buf.data, in->buf.len, false, it->path, 0, err);
    }
}
