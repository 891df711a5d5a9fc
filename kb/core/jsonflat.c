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
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

/* Byte classes inside a string: what stops the copy of a plain run. */
enum { PLAIN, QUOTE, ESCAPE, CONTROL, HIGH };

static inline int byte_class(unsigned c)
{
    return c >= 0x80 ? HIGH : c < 0x20 ? CONTROL : c == '"' ? QUOTE : c == '\\' ? ESCAPE : PLAIN;
}

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* The bytes of the word x (8 bytes of a string) that are not PLAIN: the high
   bit of each is set, exactly so for the first one (the borrows of the
   subtractions only reach the bytes after it). */
static inline uint64_t special8(uint64_t x)
{
    uint64_t q = x ^ (ONES * '"'), e = x ^ (ONES * '\\');
    uint64_t lt20 = (x - ONES * 0x20) & ~x;
    return (((q - ONES) & ~q) | ((e - ONES) & ~e) | lt20 | x) & HIGHS;
}

/*
 * Copy the run of PLAIN bytes at p (before end) to d; its length.  Whole
 * blocks are copied, so d must have room for 16 bytes past the run when
 * they are there to read.
 */
static size_t copy_plain(const unsigned char *p, const unsigned char *end, char *d)
{
    const unsigned char *s = p;
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'),
                  space = _mm_set1_epi8(0x20);
    while (end - p >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        /* signed: bytes >= 0x80 are below 0x20 too */
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)),
                                 _mm_cmplt_epi8(x, space));
        _mm_storeu_si128((__m128i *)(void *)(d + (p - s)), x);
        unsigned bits = (unsigned)_mm_movemask_epi8(m);
        if (bits)
            return (size_t)(p - s) + (size_t)__builtin_ctz(bits);
        p += 16;
    }
#endif
    while (end - p >= 8) {
        uint64_t x;
        memcpy(&x, p, 8);
        uint64_t m = special8(x);
        memcpy(d + (p - s), &x, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        if (m)
            return (size_t)(p - s) + (size_t)__builtin_ctzll(m) / 8;
#else
        if (m)
            break;
#endif
        p += 8;
    }
    while (p < end && byte_class(*p) == PLAIN) {
        d[p - s] = (char)*p;
        p++;
    }
    return (size_t)(p - s);
}

/* Length of the valid UTF-8 sequence at p (p[0] >= 0x80), 0 when invalid. */
static int utf8_seq(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    size_t room = (size_t)(end - p);
    if (c >= 0xC2 && c <= 0xDF)
        return room >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (room < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F))
            return 0; /* overlong, or a surrogate */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (room < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
            (p[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F))
            return 0; /* overlong, or past U+10FFFF */
        return 4;
    }
    return 0;
}

/*
 * The escape at p (a backslash, before end), decoded to d[*n..) (never
 * longer than the escape).  Its length, or 0 when jansson would refuse it;
 * *ctl is set when it decodes to a C0 control other than tab, LF and CR.
 */
static int escape(const unsigned char *p, const unsigned char *end, char *d, size_t *n,
                  bool *ctl)
{
    if (end - p < 2)
        return 0;
    switch (p[1]) {
    case '"': d[(*n)++] = '"'; return 2;
    case '\\': d[(*n)++] = '\\'; return 2;
    case '/': d[(*n)++] = '/'; return 2;
    case 'b': d[(*n)++] = '\b'; *ctl = true; return 2;
    case 'f': d[(*n)++] = '\f'; *ctl = true; return 2;
    case 'n': d[(*n)++] = '\n'; return 2;
    case 'r': d[(*n)++] = '\r'; return 2;
    case 't': d[(*n)++] = '\t'; return 2;
    case 'u': break;
    default: return 0;
    }
    uint32_t cp, lo;
    if (end - p < 6 || hex4(p + 2, &cp))
        return 0;
    if (cp >= 0xDC00 && cp <= 0xDFFF)
        return 0; /* lone low surrogate */
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (end - p < 12 || p[6] != '\\' || p[7] != 'u' || hex4(p + 8, &lo) || lo < 0xDC00 ||
            lo > 0xDFFF)
            return 0;
        put_utf8(d, n, 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00));
        return 12;
    }
    if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
        *ctl = true;
    put_utf8(d, n, cp);
    return 6;
}

/*
 * A string at r->p (the opening quote), decoded and appended to r->strings
 * (which has room for the rest of the input and 16 bytes more) with a NUL
 * after it.  1 = done (*off, *len, *ctl set), 0 = not mine.
 */
static int string(struct reader *r, size_t *off, size_t *len, bool *ctl)
{
    const unsigned char *p = r->p + 1, *end = r->end;
    struct kb_buf *b = r->strings;
    char *d = b->data + b->len;
    size_t n = 0;
    *ctl = false;
    for (;;) {
        size_t run = copy_plain(p, end, d + n);
        n += run;
        p += run;
        if (p >= end)
            return 0; /* no closing quote */
        int l;
        switch (byte_class(*p)) {
        case QUOTE:
            d[n] = '\0';
            *off = b->len;
            *len = n;
            b->len += n + 1;
            r->p = p + 1;
            return 1;
        case ESCAPE:
            if (!(l = escape(p, end, d, &n, ctl)))
                return 0;
            p += l;
            break;
        case HIGH:
            if (!(l = utf8_seq(p, end)))
                return 0; /* invalid UTF-8 */
            memcpy(d + n, p, (size_t)l);
            n += (size_t)l;
            p += l;
            break;
        default:
            return 0; /* raw control character: jansson refuses it */
        }
    }
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
    kb_buf_reset(strings);
    /* decoded strings and their NULs never outgrow the input; 16 more
       bytes let string() copy whole blocks */
    int rc = kb_buf_grow(strings, n + 16);
    if (rc)
        return -rc;
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
            if (!string(&r, &e->key, &e->key_len, &e->controls))
                return 0;
            if (e->controls && memchr(strings->data + e->key, '\0', e->key_len))
                return 0; /* jansson refuses a NUL in a key */
            skip_ws(&r);
            if (r.p >= r.end || *r.p++ != ':')
                return 0;
            skip_ws(&r);
            if (r.p >= r.end)
                return 0;
            e->str = e->str_len = 0;
            e->integer = 0;
            e->controls = false;
            if (*r.p == '"') {
                e->type = KB_JSON_STRING;
                if (!string(&r, &e->str, &e->str_len, &e->controls))
                    return 0;
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
