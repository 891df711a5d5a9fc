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
    struct kb_buf buf;  /* current text or line */
    struct kb_buf clean;
    struct kb_jsondoc jd;
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
    kb_buf_init(&in->clean);
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
    kb_buf_release(&in->buf);
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

/*
 * The common document without jansson (core/jsonflat.c): 1 = parsed, 0 =
 * jansson decides (another shape, or an error it reports), -KB_ENOMEM.
 */
static int parse_fast(const char *line, size_t n, struct kb_jsondoc *out)
{
    struct kb_json_member m[16];
    size_t k;
    struct kb_buf b;
    kb_buf_init(&b);
    int r = kb_json_flat_parse(line, n, m, KB_ARRAY_LEN(m), &k, &b);
    const struct kb_json_member *fields[5] = {NULL}; /* text id title source dct */
    static const char *const names[5] = {"text", "id", "title", "source", "dct"};
    for (size_t i = 0; r > 0 && i < k; i++)
        for (size_t f = 0; f < 5; f++)
            if (strcmp(b.data + m[i].key, names[f]) == 0)
                fields[f] = &m[i];
    if (r > 0 && (!fields[0] || fields[0]->type != KB_JSON_STRING))
        r = 0;
    for (size_t f = 1; r > 0 && f < 5; f++)
        if (fields[f] && fields[f]->type != KB_JSON_STRING && fields[f]->type != KB_JSON_NULL &&
            !(f == 1 && fields[f]->type == KB_JSON_INTEGER))
            r = 0;
    char **dst[5] = {&out->text, &out->id, &out->title, &out->source, &out->dct};
    for (size_t f = 0; r > 0 && f < 5; f++) {
        const struct kb_json_member *e = fields[f];
        if (!e || e->type == KB_JSON_NULL)
            continue;
        char num[32];
        const char *v = b.data + e->str;
        size_t len = e->str_len;
        if (e->type == KB_JSON_INTEGER) {
            len = (size_t)snprintf(num, sizeof num, "%lld", e->integer);
            v = num;
        }
        if (!(*dst[f] = malloc(len + 1))) {
            r = -KB_ENOMEM;
            break;
        }
        memcpy(*dst[f], v, len);
        (*dst[f])[len] = '\0';
        if (f == 0)
            out->len = len;
    }
    kb_buf_release(&b);
    if (r <= 0)
        kb_jsondoc_release(out);
    return r;
}

int kb_jsondoc_parse(const char *line, size_t n, struct kb_jsondoc *out, struct kb_error *err)
{
    memset(out, 0, sizeof *out);
    int fast = parse_fast(line, n, out);
    if (fast < 0)
        return kb_error_set(err, KB_ENOMEM, "out of memory");
    if (fast > 0)
        return KB_OK;
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
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return true;
    }
    return false;
}

/* Fill art from in->buf (text) after validating it: what leaves the reader
   is valid UTF-8 without NUL bytes or control characters. */
static int finish_text(struct kb_input *in, struct kb_article *art, const char *path,
                       long line, struct kb_error *err)
{
    const char *s = in->buf.data;
    size_t n = in->buf.len;
    art->sanitized = false;
    if (kb_utf8_valid_prefix(s, n) != n || has_controls(s, n)) {
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

static int next_jsonl(struct kb_input *in, struct kb_article *art, struct kb_error *err)
{
    for (;;) {
        int r = kb_buf_getline(&in->buf, in->f, in->opts.max_bytes);
        in->line++;
        if (r == 0)
            return 0;
        if (r == -KB_ETOOBIG)
            return -kb_error_at(err, KB_ETOOBIG, in->fpath, in->line,
                                "article larger than the limit of %zu bytes "
                                "(--max-article-bytes)",
                                in->opts.max_bytes);
        if (r < 0)
            return -kb_error_at(err, -r, in->fpath, in->line, "cannot read: %s",
                                kb_strerror(-r));
        /* blank lines are allowed */
        size_t k = 0;
        while (k < in->buf.len && (in->buf.data[k] == ' ' || in->buf.data[k] == '\t' ||
                                   in->buf.data[k] == '\r'))
            k++;
        if (k == in->buf.len)
            continue;
        kb_jsondoc_release(&in->jd);
        struct kb_error e2;
        kb_error_clear(&e2);
        int rc = kb_jsondoc_parse(in->buf.data, in->buf.len, &in->jd, &e2);
        if (rc)
            return -kb_error_at(err, rc, in->fpath, in->line, "%s", e2.msg);
        if (in->opts.max_bytes && in->jd.len > in->opts.max_bytes)
            return -kb_error_at(err, KB_ETOOBIG, in->fpath, in->line,
                                "article larger than the limit of %zu bytes "
                                "(--max-article-bytes)",
                                in->opts.max_bytes);
        kb_buf_reset(&in->buf);
        if (kb_buf_add(&in->buf, in->jd.text, in->jd.len))
            return -kb_error_at(err, KB_ENOMEM, in->fpath, in->line, "out of memory");
        memset(art, 0, sizeof *art);
        art->id = in->jd.id;
        art->title = in->jd.title;
        art->source = in->jd.source;
        art->dct = in->jd.dct;
        fill_defaults(in, art);
        return finish_text(in, art, in->fpath, in->line, err);
    }
}

/* Does a stream start like JSON Lines?  Peeks without consuming. */
static bool starts_json(FILE *f)
{
    int c;
    while ((c = getc(f)) == ' ' || c == '\n' || c == '\r' || c == '\t')
        ;
    if (c != EOF)
        ungetc(c, f);
    return c == '{';
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
        int fmt = it->format;
        if (fmt == KB_IN_AUTO)
            fmt = starts_json(f) ? KB_IN_JSONL : KB_IN_TEXT;
        if (fmt == KB_IN_JSONL) {
            in->f = f;
            in->fpath = it->path;
            in->line = 0;
            continue;
        }
        kb_buf_reset(&in->buf);
        in->buf.limit = in->opts.max_bytes;
        int rc = kb_buf_read_stream(&in->buf, f);
        in->buf.limit = 0;
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
        return finish_text(in, art, it->path, 0, err);
    }
}
