/*
 * jsonflat.c -- a fast reader for the common JSON Lines document: one flat
 * object whose values are strings, integers, true, false or null.
 *
 * Articles arrive as {"id":..,"title":..,"text":..,"dct":..,"source":..}, and
 * jansson's parser, general and careful, cost more per byte than most of the
 * extraction.  This reader takes that one shape and answers "not mine" for
 * everything else -- nested values, reals, bad escapes, invalid UTF-8, raw
 * control characters, duplicate keys, anything after the object -- so that
 * the caller falls back to jansson, which accepts or reports exactly as
 * before.  What it accepts, jansson accepts with the same values
 * (tests/unit/test_json.c compares them on generated and mangled lines).
 */
#include "core.h"

#include <string.h>

struct reader {
    const unsigned char *p, *end;
    struct kb_buf *strings;
};

static void skip_ws(struct reader *r)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
        r->p++;
}

static int hex4(const unsigned char *p, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= c - '0';
        else if (c >= 'a' && c <= 'f')
            v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            v |= c - 'A' + 10;
        else
            return -1;
    }
    *out = v;
    return 0;
}

static void put_utf8(char *d, size_t *n, uint32_t cp)
{
    if (cp < 0x80) {
        d[(*n)++] = (char)cp;
    } else if (cp < 0x800) {
        d[(*n)++] = (char)(0xC0 | (cp >> 6));
        d[(*n)++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        d[(*n)++] = (char)(0xE0 | (cp >> 12));
        d[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        d[(*n)++] = (char)(0x80 | (cp & 0x3F));
    } else {
        d[(*n)++] = (char)(0xF0 | (cp >> 18));
        d[(*n)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
        d[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        d[(*n)++] = (char)(0x80 | (cp & 0x3F));
    }
}

/*
 * A string at r->p (the opening quote), decoded and appended to r->strings
 * with a NUL after it.  1 = done (*off, *len set), 0 = not mine, <0 = -error.
 */
static int string(struct reader *r, size_t *off, size_t *len)
{
    const unsigned char *p = r->p + 1;
    /* the raw length bounds the decoded one */
    const unsigned char *q = p;
    while (q < r->end && *q != '"') {
        if (*q == '\\' && q + 1 < r->end)
            q++;
        q++;
    }
    if (q >= r->end)
        return 0;
    struct kb_buf *b = r->strings;
    int rc = kb_buf_grow(b, (size_t)(q - p) + 1);
    if (rc)
        return -rc;
    char *d = b->data + b->len;
    size_t n = 0;
    *off = b->len;
    while (p < q) {
        unsigned c = *p;
        if (c >= 0x20 && c != '\\' && c < 0x80) {
            const unsigned char *s = p;
            while (p < q && *p >= 0x20 && *p != '\\' && *p < 0x80)
                p++;
            memcpy(d + n, s, (size_t)(p - s));
            n += (size_t)(p - s);
            continue;
        }
        if (c < 0x20)
            return 0; /* raw control character: jansson refuses it */
        if (c >= 0x80) {
            int32_t cp;
            int l = kb_utf8_decode((const char *)p, (size_t)(q - p), &cp);
            if (cp == 0xFFFD && l == 1)
                return 0; /* invalid UTF-8 */
            memcpy(d + n, p, (size_t)l);
            n += (size_t)l;
            p += l;
            continue;
        }
        /* an escape; the decoded text is never longer than the escape */
        if (p + 1 >= q)
            return 0;
        switch (p[1]) {
        case '"': d[n++] = '"'; break;
        case '\\': d[n++] = '\\'; break;
        case '/': d[n++] = '/'; break;
        case 'b': d[n++] = '\b'; break;
        case 'f': d[n++] = '\f'; break;
        case 'n': d[n++] = '\n'; break;
        case 'r': d[n++] = '\r'; break;
        case 't': d[n++] = '\t'; break;
        case 'u': {
            uint32_t cp, lo;
            if (q - p < 6 || hex4(p + 2, &cp))
                return 0;
            if (cp >= 0xDC00 && cp <= 0xDFFF)
                return 0; /* lone low surrogate */
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (q - p < 12 || p[6] != '\\' || p[7] != 'u' || hex4(p + 8, &lo) ||
                    lo < 0xDC00 || lo > 0xDFFF)
                    return 0;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
            }
            put_utf8(d, &n, cp);
            p += 6;
            continue;
        }
        default:
            return 0;
        }
        p += 2;
    }
    d[n] = '\0';
    b->len += n + 1;
    *len = n;
    r->p = q + 1;
    return 1;
}

/* An integer jansson reads as one: -?(0|[1-9][0-9]*), at most 18 digits. */
static int integer(struct reader *r, long long *out)
{
    const unsigned char *p = r->p;
    bool neg = p < r->end && *p == '-';
    if (neg)
        p++;
    const unsigned char *s = p;
    long long v = 0;
    while (p < r->end && *p >= '0' && *p <= '9' && p - s < 18) /* no overflow */
        v = v * 10 + (*p++ - '0');
    size_t nd = (size_t)(p - s);
    if (nd == 0 || nd > 18 || (nd > 1 && *s == '0'))
        return 0;
    if (p < r->end && (*p == '.' || *p == 'e' || *p == 'E' || (*p >= '0' && *p <= '9')))
        return 0; /* a real, or too long */
    *out = neg ? -v : v;
    r->p = p;
    return 1;
}

static bool word(struct reader *r, const char *w, size_t n)
{
    if ((size_t)(r->end - r->p) < n || memcmp(r->p, w, n) != 0)
        return false;
    r->p += n;
    return true;
}

int kb_json_flat_parse(const char *s, size_t n, struct kb_json_member *m, size_t max,
                       size_t *count, struct kb_buf *strings)
{
    struct reader r = {(const unsigned char *)s, (const unsigned char *)s + n, strings};
    size_t k = 0;
    int rc;
    kb_buf_reset(strings);
    skip_ws(&r);
    if (r.p >= r.end || *r.p != '{')
        return 0;
    r.p++;
    skip_ws(&r);
    if (r.p < r.end && *r.p == '}') {
        r.p++;
    } else {
        for (;;) {
            if (k == max || r.p >= r.end || *r.p != '"')
                return 0;
            struct kb_json_member *e = &m[k];
            if ((rc = string(&r, &e->key, &e->key_len)) <= 0)
                return rc;
            if (memchr(strings->data + e->key, '\0', e->key_len))
                return 0; /* jansson refuses a NUL in a key */
            skip_ws(&r);
            if (r.p >= r.end || *r.p++ != ':')
                return 0;
            skip_ws(&r);
            if (r.p >= r.end)
                return 0;
            e->str = e->str_len = 0;
            e->integer = 0;
            if (*r.p == '"') {
                e->type = KB_JSON_STRING;
                if ((rc = string(&r, &e->str, &e->str_len)) <= 0)
                    return rc;
            } else if (*r.p == '-' || (*r.p >= '0' && *r.p <= '9')) {
                e->type = KB_JSON_INTEGER;
                if (!integer(&r, &e->integer))
                    return 0;
            } else if (word(&r, "null", 4)) {
                e->type = KB_JSON_NULL;
            } else if (word(&r, "true", 4)) {
                e->type = KB_JSON_TRUE;
            } else if (word(&r, "false", 5)) {
                e->type = KB_JSON_FALSE;
            } else {
                return 0; /* an array, an object, or not JSON */
            }
            k++;
            skip_ws(&r);
            if (r.p < r.end && *r.p == ',') {
                r.p++;
                skip_ws(&r);
                continue;
            }
            if (r.p < r.end && *r.p == '}') {
                r.p++;
                break;
            }
            return 0;
        }
    }
    skip_ws(&r);
    if (r.p != r.end)
        return 0; /* something after the object */
    /* duplicate keys: jansson refuses them (JSON_REJECT_DUPLICATES) */
    for (size_t i = 0; i < k; i++)
        for (size_t j = i + 1; j < k; j++)
            if (m[i].key_len == m[j].key_len &&
                memcmp(strings->data + m[i].key, strings->data + m[j].key, m[i].key_len) == 0)
                return 0;
    *count = k;
    return 1;
}
