/*
 * json.c -- a streaming JSON text writer into a kb_buf, and the one string
 * escaping function behind it.
 *
 * The extraction output is written millions of times per corpus; building a
 * jansson tree per document and dumping it through stdio cost more than the
 * extraction itself.  This writer appends straight to a buffer, and its text
 * is byte for byte what jansson's json_dumpf gives with JSON_PRESERVE_ORDER
 * and JSON_COMPACT or JSON_INDENT(2), with JSON_REAL_PRECISION(10) for reals
 * -- except that a real gets more digits when 10 would not read back as the
 * same double (tests/unit/test_json.c checks both against jansson).
 */
#include "core.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1: the ASCII byte needs an escape in a JSON string. */
static const unsigned char needs_escape[128] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x00 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x10 */
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* '"' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, /* '\\' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/*
 * 1 when none of the 8 bytes at p needs more than a copy: no control byte
 * (< 0x20), no '"', no '\\', nothing above 0x7F.  The tests for a byte below
 * a bound and for a zero byte are exact about whether any byte qualifies,
 * which is all that is asked here (a 0 just sends the caller byte by byte).
 */
static inline bool plain8(const unsigned char *p)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t x, q, b;
    memcpy(&x, p, 8);
    q = x ^ (ones * '"');
    b = x ^ (ones * '\\');
    uint64_t bad = (x | ((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b));
    return (bad & highs) == 0;
}

int kb_json_escape(struct kb_buf *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    /* worst case: every byte becomes \u00XX (6) or U+FFFD (3) */
    if (n > (SIZE_MAX - 3) / 6)
        return KB_ENOMEM;
    int rc = kb_buf_grow(out, n * 6 + 2);
    if (rc)
        return rc;
    char *d = out->data + out->len;
    const unsigned char *u = (const unsigned char *)s;
    *d++ = '"';
    size_t i = 0;
    while (i < n) {
        unsigned char c = u[i];
        if (c < 0x80) {
            if (!needs_escape[c]) {
                /* copy the run of plain ASCII */
                size_t j = i + 1;
                while (j + 8 <= n && plain8(u + j))
                    j += 8;
                while (j < n && u[j] < 0x80 && !needs_escape[u[j]])
                    j++;
                memcpy(d, u + i, j - i);
                d += j - i;
                i = j;
                continue;
            }
            *d++ = '\\';
            switch (c) {
            case '"': *d++ = '"'; break;
            case '\\': *d++ = '\\'; break;
            case '\b': *d++ = 'b'; break;
            case '\f': *d++ = 'f'; break;
            case '\n': *d++ = 'n'; break;
            case '\r': *d++ = 'r'; break;
            case '\t': *d++ = 't'; break;
            default:
                *d++ = 'u';
                *d++ = '0';
                *d++ = '0';
                *d++ = hex[c >> 4];
                *d++ = hex[c & 15];
            }
            i++;
            continue;
        }
        int32_t cp;
        int len = kb_utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && len == 1) {
            memcpy(d, "\xEF\xBF\xBD", 3); /* invalid UTF-8: U+FFFD */
            d += 3;
        } else {
            memcpy(d, s + i, (size_t)len);
            d += len;
        }
        i += (size_t)len;
    }
    *d++ = '"';
    out->len = (size_t)(d - out->data);
    out->data[out->len] = '\0';
    return KB_OK;
}

void kb_json_nest(struct kb_json *w, int depth, bool first)
{
    w->depth = depth;
    w->first = first;
    w->after_key = false;
}

void kb_json_init(struct kb_json *w, struct kb_buf *out, unsigned flags)
{
    w->out = out;
    w->flags = flags;
    w->depth = 0;
    w->first = true;
    w->after_key = false;
    w->err = KB_OK;
}

/*
 * Writing: reserve() makes room for what a call may write (its text plus the
 * separator, at most 2 + 2 * depth bytes) and returns where to write;
 * commit() records the end.  One capacity check per value instead of one
 * per byte sequence.
 */
static inline char *reserve(struct kb_json *w, size_t n)
{
    struct kb_buf *b = w->out;
    if (w->err)
        return NULL;
    n += 2 + 2 * (size_t)w->depth;
    if (b->len + n >= b->cap && (w->err = kb_buf_grow(b, n)) != KB_OK)
        return NULL;
    return b->data + b->len;
}

static inline void commit(struct kb_json *w, char *p)
{
    struct kb_buf *b = w->out;
    b->len = (size_t)(p - b->data);
    b->data[b->len] = '\0';
}

static char *newline(char *p, int depth)
{
    *p++ = '\n';
    memset(p, ' ', (size_t)depth * 2);
    return p + depth * 2;
}

/* What goes before a value or a key: a comma, and in pretty mode a line break. */
static inline char *sep(struct kb_json *w, char *p)
{
    if (w->after_key) {
        w->after_key = false;
        return p;
    }
    if (w->depth == 0)
        return p;
    if (!w->first)
        *p++ = ',';
    if (w->flags & KB_JSON_PRETTY)
        p = newline(p, w->depth);
    w->first = false;
    return p;
}

/* Append s[0..n) (needing no escape) after the separator. */
static void put_value(struct kb_json *w, const char *s, size_t n)
{
    char *p = reserve(w, n);
    if (!p)
        return;
    p = sep(w, p);
    memcpy(p, s, n);
    commit(w, p + n);
}

static void open_(struct kb_json *w, char c)
{
    char *p = reserve(w, 1);
    if (!p)
        return;
    p = sep(w, p);
    *p++ = c;
    commit(w, p);
    w->depth++;
    w->first = true;
}

static void close_(struct kb_json *w, char c)
{
    w->depth--;
    char *p = reserve(w, 1);
    if (!p)
        return;
    if (!w->first && (w->flags & KB_JSON_PRETTY))
        p = newline(p, w->depth);
    *p++ = c;
    commit(w, p);
    w->first = false;
}

void kb_json_begin_object(struct kb_json *w) { open_(w, '{'); }
void kb_json_end_object(struct kb_json *w) { close_(w, '}'); }
void kb_json_begin_array(struct kb_json *w) { open_(w, '['); }
void kb_json_end_array(struct kb_json *w) { close_(w, ']'); }

/* "key": (or "key":  pretty) for a key known to need no escape. */
void kbp_json_literal_key(struct kb_json *w, const char *k, size_t n)
{
    char *p = reserve(w, n + 4);
    if (!p)
        return;
    p = sep(w, p);
    *p++ = '"';
    memcpy(p, k, n);
    p += n;
    *p++ = '"';
    *p++ = ':';
    if (w->flags & KB_JSON_PRETTY)
        *p++ = ' ';
    commit(w, p);
    w->after_key = true;
}

void kb_json_keyn(struct kb_json *w, const char *k, size_t n)
{
    bool plain = true;
    for (size_t i = 0; i < n && plain; i++)
        plain = (unsigned char)k[i] < 0x80 && !needs_escape[(unsigned char)k[i]];
    if (plain) {
        kbp_json_literal_key(w, k, n);
        return;
    }
    char *p = reserve(w, 0);
    if (!p)
        return;
    commit(w, sep(w, p));
    if (!w->err)
        w->err = kb_json_escape(w->out, k, n);
    put_value(w, w->flags & KB_JSON_PRETTY ? ": " : ":", w->flags & KB_JSON_PRETTY ? 2 : 1);
    w->after_key = true;
}

void kb_json_key(struct kb_json *w, const char *k)
{
    kb_json_keyn(w, k, strlen(k));
}

void kb_json_str(struct kb_json *w, const char *s, size_t n)
{
    char *p = reserve(w, 0);
    if (!p)
        return;
    commit(w, sep(w, p));
    w->err = kb_json_escape(w->out, s, n);
}

void kb_json_cstr(struct kb_json *w, const char *s)
{
    if (s)
        kb_json_str(w, s, strlen(s));
    else
        kb_json_null(w);
}

void kb_json_int(struct kb_json *w, long long v)
{
    char b[24], *p = b + sizeof b;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    put_value(w, p, (size_t)(b + sizeof b - p));
}

/*
 * printf's "%.10g" for the common case, without printf: |v| in [1e-4, 1e10)
 * whose 10-digit rounding is not near a tie and reads back as v.  Returns
 * the length, or 0 when snprintf must decide.  v * 10^p is exact to within 2e-6 for the values
 * taken, so a fraction more than 1e-4 away from one half rounds as the
 * exact value does.
 */
static int fast_g10(double v, char *b)
{
    static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                   1e8, 1e9, 1e10, 1e11, 1e12, 1e13};
    double a = v < 0 ? -v : v;
    if (!(a >= 1e-4 && a < 1e10))
        return 0;
    int e = 9; /* decimal exponent: 10^e <= a < 10^(e+1) */
    while (e > -4 && a < (e >= 0 ? pow10[e] : 1 / pow10[-e]))
        e--;
    int p = 9 - e; /* digits after the point for 10 significant ones */
    double x = a * pow10[p];
    double r = (double)(uint64_t)x, frac = x - r;
    if (frac > 0.4999 && frac < 0.5001)
        return 0;
    uint64_t d = (uint64_t)r + (frac > 0.5);
    if (d < 1000000000ull || d >= 10000000000ull)
        return 0;
    /* d / 10^p is correctly rounded (both exact): the double the text reads
       back as.  Not a: 10 digits are not enough, the slow way decides. */
    if ((double)d / pow10[p] != a)
        return 0;
    char dig[10];
    for (int i = 9; i >= 0; i--, d /= 10)
        dig[i] = (char)('0' + d % 10);
    int nd = 10; /* significant digits left after dropping trailing zeros */
    while (nd > 1 && dig[nd - 1] == '0')
        nd--;
    int n = 0;
    if (v < 0)
        b[n++] = '-';
    if (e >= 0) {
        for (int i = 0; i <= e; i++)
            b[n++] = dig[i];
        if (nd > e + 1) {
            b[n++] = '.';
            for (int i = e + 1; i < nd; i++)
                b[n++] = dig[i];
        }
    } else {
        b[n++] = '0';
        b[n++] = '.';
        for (int i = -1; i > e; i--)
            b[n++] = '0';
        for (int i = 0; i < nd; i++)
            b[n++] = dig[i];
    }
    b[n] = '\0';
    return n;
}

/* Write b[0..n) (a "%g" of a real, room for 3 more bytes) in jansson's form. */
static void put_real(struct kb_json *w, char *b, int n);

void kb_json_real(struct kb_json *w, double v)
{
    if (!isfinite(v)) { /* JSON has no NaN or infinity */
        kb_json_null(w);
        return;
    }
    char b[40];
    int n = fast_g10(v, b);
    /* 10 significant digits, more when they do not read back as v */
    for (int prec = 10; n == 0 && prec <= 17; prec++) {
        n = snprintf(b, sizeof b - 3, "%.*g", prec, v);
        if (n < 0 || (size_t)n >= sizeof b - 3) {
            if (!w->err)
                w->err = KB_EPARSE;
            return;
        }
        if (prec < 17 && strtod(b, NULL) != v)
            n = 0;
    }
    put_real(w, b, n);
}

void kb_json_real17(struct kb_json *w, double v)
{
    if (!isfinite(v)) {
        kb_json_null(w);
        return;
    }
    char b[40];
    int n = snprintf(b, sizeof b - 3, "%.17g", v);
    if (n < 0 || (size_t)n >= sizeof b - 3) {
        if (!w->err)
            w->err = KB_EPARSE;
        return;
    }
    put_real(w, b, n);
}

static void put_real(struct kb_json *w, char *b, int n)
{
    /* jansson's form: a real always shows a '.' or an exponent, and the
       exponent has no '+' and no leading zeros */
    if (!strchr(b, '.') && !strchr(b, 'e')) {
        memcpy(b + n, ".0", 3);
        n += 2;
    }
    char *e = strchr(b, 'e');
    if (e) {
        char *from = e + 1, *to = e + 1;
        if (*from == '+')
            from++;
        else if (*from == '-')
            from++, to++;
        while (*from == '0' && from[1])
            from++;
        memmove(to, from, strlen(from) + 1);
        n = (int)strlen(b);
    }
    put_value(w, b, (size_t)n);
}

void kb_json_float(struct kb_json *w, float v)
{
    static const double scale[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
                                   1e10, 1e11, 1e12, 1e13};
    double a = fabs((double)v);
    if (a >= 1e-4 && a < 1e9) {
        /* the fewest significant digits p whose rounding reads back as v */
        int e = (int)floor(log10(a));
        for (int p = 1; p <= 9; p++) {
            int k = p - 1 - e; /* decimals */
            if (k < 0)
                continue;
            double c = round(a * scale[k]) / scale[k];
            if ((float)c == (float)a) {
                kb_json_real(w, v < 0 ? -c : c);
                return;
            }
        }
    }
    char b[32]; /* nine digits always read back as the same float */
    snprintf(b, sizeof b, "%.9g", (double)v);
    kb_json_real(w, strtod(b, NULL));
}

void kb_json_bool(struct kb_json *w, bool v)
{
    if (v)
        put_value(w, "true", 4);
    else
        put_value(w, "false", 5);
}

void kb_json_null(struct kb_json *w)
{
    put_value(w, "null", 4);
}
