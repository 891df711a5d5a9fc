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
 *
 * For the hottest writer (the contract, once per document) the values'
 * texts are also written at a caller's cursor (kb_json_put_*), and compact
 * text can be indented afterwards (kb_json_indent): strings by words of
 * eight bytes (long plain runs by 16 with SSE2 on x86-64), integers by pairs of digits, reals with few decimals from an
 * integer -- each path checked against the simple one it replaces.
 */
#include "core.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* 1: the byte is copied as it is (printable ASCII but '"' and '\\'). */
#define PLAIN16 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
#define OTHER16 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
static const unsigned char plain_byte[256] = {
    OTHER16, OTHER16,                                           /* controls */
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,             /* '"' */
    PLAIN16, PLAIN16,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,             /* '\\' */
    PLAIN16, PLAIN16,
    OTHER16, OTHER16, OTHER16, OTHER16, OTHER16, OTHER16, OTHER16, OTHER16, /* UTF-8 */
};

/*
 * 1 when none of the 8 bytes of x needs more than a copy: no control byte
 * (< 0x20), no '"', no '\\', nothing above 0x7F.  A byte above 0x7F sets its
 * high bit in x; a byte below 0x20, or equal to '"' or '\\' after the xor,
 * borrows in the subtraction and sets it there.  A borrow can spread only
 * from such a byte, so the test is exact about whether any byte qualifies,
 * which is all that is asked here (a 0 sends the caller byte by byte).
 */
static inline bool plain_word(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
    return ((x | (x - ones * 0x20) | (q - ones) | (b - ones)) & highs) == 0;
}

static inline bool plain8(const unsigned char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    return plain_word(x);
}

/* The same for the 4 bytes at p (the other four taken as spaces). */
static inline bool plain4(const unsigned char *p)
{
    uint32_t x;
    memcpy(&x, p, 4);
    return plain_word(x | 0x2020202000000000ULL);
}

/* The escape of the ASCII byte c that needs one, at d; returns its end. */
static char *escape_ascii(char *d, unsigned char c)
{
    static const char hex[] = "0123456789ABCDEF";
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
        memcpy(d, "u00", 3);
        d[3] = hex[c >> 4];
        d[4] = hex[c & 15];
        d += 5;
    }
    return d;
}

/* Worst case of the quoted escape of n bytes: each as \u00XX (6), or 0 when too long. */
static inline size_t escaped_max(size_t n)
{
    return n > (SIZE_MAX - 3) / 6 ? 0 : n * 6 + 2;
}

/*
 * Copy the plain bytes from u by 16 at a time while 16 are left (SSE2 on
 * x86-64; elsewhere nothing: the 8-byte words do it), *d advanced as u;
 * returns where it stopped: at a byte that needs care, or with fewer than 16
 * left.  Each 16-byte store writes no further than the room of the 16
 * bytes it reads.
 */
static inline const unsigned char *copy_plain16(char **d, const unsigned char *u,
                                                const unsigned char *end)
{
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'),
                  space = _mm_set1_epi8(0x20);
    char *o = *d;
    while (end - u >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)u);
        /* signed: bytes >= 0x80 are below 0x20 too */
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)),
                                 _mm_cmplt_epi8(x, space));
        _mm_storeu_si128((__m128i *)(void *)o, x);
        unsigned bits = (unsigned)_mm_movemask_epi8(m);
        if (bits) {
            unsigned k = (unsigned)__builtin_ctz(bits);
            *d = o + k;
            return u + k;
        }
        u += 16;
        o += 16;
    }
    *d = o;
#else
    (void)d;
    (void)end;
#endif
    return u;
}

/*
 * The quoted escape of s[0..n) at d, which has room for escaped_max(n)
 * bytes; returns its end.  Runs of plain ASCII are copied eight bytes at a
 * time (each input byte writes at least one, so the fixed-size copies stay
 * within the room); the last bytes of a run by eight bytes that overlap the
 * ones copied before, or byte by byte up to the next byte that needs care.
 * A short plain string (4 to 8 bytes) is two overlapping copies of four.
 */
static inline __attribute__((always_inline)) char *escape_into(char *d, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s, *end = u + n;
    *d++ = '"';
    if (n >= 4 && n < 8 && plain4(u) && plain4(end - 4)) {
        memcpy(d, u, 4);
        memcpy(d + n - 4, end - 4, 4);
        d[n] = '"';
        return d + n + 1;
    }
    for (;;) {
        const unsigned char *run = u; /* copied as it is from here */
        u = copy_plain16(&d, u, end);
        while (end - u >= 8 && plain8(u)) {
            memcpy(d, u, 8);
            d += 8;
            u += 8;
        }
        if (u < end && end - u < 8 && end - run >= 8 && plain8(end - 8)) {
            memcpy(d + (end - u) - 8, end - 8, 8);
            d += end - u;
            break;
        }
        while (u < end && plain_byte[*u])
            *d++ = (char)*u++;
        if (u == end)
            break;
        if (*u < 0x80) { /* a byte that needs an escape */
            d = escape_ascii(d, *u++);
            continue;
        }
        int32_t cp;
        int len = kb_utf8_decode((const char *)u, (size_t)(end - u), &cp);
        if (cp == 0xFFFD && len == 1) {
            memcpy(d, "\xEF\xBF\xBD", 3); /* invalid UTF-8: U+FFFD */
            d += 3;
        } else {
            memcpy(d, u, (size_t)len);
            d += len;
        }
        u += len;
    }
    *d++ = '"';
    return d;
}

/* escape_into, out of line: the long strings and those that need care. */
static __attribute__((noinline)) char *escape_long(char *d, const char *s, size_t n)
{
    return escape_into(d, s, n);
}

char *kb_json_put_str(char *d, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    /* most strings are short and plain: checked, then copied, by two words
       of eight or of four (overlapping), or byte by byte; the others (and
       the long ones, by words) out of line */
    if (n >= 8 && n <= 16) {
        uint64_t a, b;
        memcpy(&a, u, 8);
        memcpy(&b, u + n - 8, 8);
        if (plain_word(a) && plain_word(b)) {
            *d = '"';
            memcpy(d + 1, &a, 8);
            memcpy(d + 1 + n - 8, &b, 8);
            d[n + 1] = '"';
            return d + n + 2;
        }
    } else if (n >= 4 && n < 8) {
        if (plain4(u) && plain4(u + n - 4)) {
            *d = '"';
            memcpy(d + 1, u, 4);
            memcpy(d + 1 + n - 4, u + n - 4, 4);
            d[n + 1] = '"';
            return d + n + 2;
        }
    } else if (n < 4) {
        unsigned char plain = 1;
        for (size_t i = 0; i < n; i++)
            plain &= plain_byte[u[i]];
        if (plain) {
            *d = '"';
            for (size_t i = 0; i < n; i++)
                d[1 + i] = (char)u[i];
            d[n + 1] = '"';
            return d + n + 2;
        }
    }
    return escape_long(d, s, n);
}

int kb_json_escape(struct kb_buf *out, const char *s, size_t n)
{
    size_t max = escaped_max(n);
    if (max == 0)
        return KB_ENOMEM;
    if (out->len + max >= out->cap || out->limit) {
        int rc = kb_buf_grow(out, max);
        if (rc)
            return rc;
    }
    char *d = escape_into(out->data + out->len, s, n);
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

/*
 * Copy n bytes (n <= 64) with fixed-size moves that the compiler inlines,
 * two overlapping ones per size class, instead of a call to memcpy: keys,
 * numbers and literals are short.
 */
static inline void copy_short(char *d, const char *s, size_t n)
{
    if (n >= 8) {
        if (n <= 16) {
            memcpy(d, s, 8);
            memcpy(d + n - 8, s + n - 8, 8);
        } else {
            memcpy(d, s, n);
        }
    } else if (n >= 4) {
        memcpy(d, s, 4);
        memcpy(d + n - 4, s + n - 4, 4);
    } else {
        for (size_t i = 0; i < n; i++)
            d[i] = s[i];
    }
}

/* Append s[0..n) (n <= 64, needing no escape) after the separator. */
static void put_value(struct kb_json *w, const char *s, size_t n)
{
    char *p = reserve(w, n);
    if (!p)
        return;
    p = sep(w, p);
    copy_short(p, s, n);
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

/*
 * The key of KB_JSON_KEY: k[0..n) is its whole compact form, ',"key":'.
 * Compact, it is copied as it is (without the comma for the first member of
 * the object: calls nest properly, so no key comes right after a key);
 * pretty, the comma goes before the line break and a space after the colon.
 */
void kbp_json_literal_key(struct kb_json *w, const char *k, size_t n)
{
    char *p = reserve(w, n + 1);
    if (!p)
        return;
    if (!(w->flags & KB_JSON_PRETTY)) {
        size_t skip = w->first;
        copy_short(p, k + skip, n - skip);
        p += n - skip;
        w->first = false;
    } else {
        p = sep(w, p);
        copy_short(p, k + 1, n - 1);
        p += n - 1;
        *p++ = ' ';
    }
    commit(w, p);
    w->after_key = true;
}

void kb_json_keyn(struct kb_json *w, const char *k, size_t n)
{
    bool plain = n <= 60;
    for (size_t i = 0; i < n && plain; i++)
        plain = plain_byte[(unsigned char)k[i]];
    if (plain) {
        char lit[64];
        lit[0] = ',';
        lit[1] = '"';
        memcpy(lit + 2, k, n);
        lit[n + 2] = '"';
        lit[n + 3] = ':';
        kbp_json_literal_key(w, lit, n + 4);
        return;
    }
    char *p = reserve(w, 0);
    if (!p)
        return;
    commit(w, sep(w, p));
    if (!w->err)
        w->err = kb_json_escape(w->out, k, n);
    w->after_key = true; /* no separator before the colon */
    put_value(w, w->flags & KB_JSON_PRETTY ? ": " : ":", w->flags & KB_JSON_PRETTY ? 2 : 1);
    w->after_key = true;
}

void kb_json_key(struct kb_json *w, const char *k)
{
    kb_json_keyn(w, k, strlen(k));
}

void kb_json_str(struct kb_json *w, const char *s, size_t n)
{
    size_t max = escaped_max(n);
    if (max == 0) {
        if (!w->err)
            w->err = KB_ENOMEM;
        return;
    }
    char *p = w->out->limit ? NULL : reserve(w, max);
    if (!p) { /* a failure, or a buffer with a size limit: checked on the text */
        if ((p = reserve(w, 0)) == NULL)
            return;
        commit(w, sep(w, p));
        w->err = kb_json_escape(w->out, s, n);
        return;
    }
    commit(w, escape_into(sep(w, p), s, n));
}

void kb_json_cstr(struct kb_json *w, const char *s)
{
    if (s)
        kb_json_str(w, s, strlen(s));
    else
        kb_json_null(w);
}

static const char pairs[] = "00010203040506070809101112131415161718192021222324"
                            "25262728293031323334353637383940414243444546474849"
                            "50515253545556575859606162636465666768697071727374"
                            "75767778798081828384858687888990919293949596979899";

static const uint64_t pow10u[] = {1ull,
                                  10ull,
                                  100ull,
                                  1000ull,
                                  10000ull,
                                  100000ull,
                                  1000000ull,
                                  10000000ull,
                                  100000000ull,
                                  1000000000ull,
                                  10000000000ull,
                                  100000000000ull,
                                  1000000000000ull,
                                  10000000000000ull,
                                  100000000000000ull,
                                  1000000000000000ull,
                                  10000000000000000ull,
                                  100000000000000000ull,
                                  1000000000000000000ull,
                                  10000000000000000000ull};

/* The k decimal digits of u < 10^k at p, leading zeros included. */
static inline void put_digits(char *p, uint64_t u, int k)
{
    if (u <= UINT32_MAX) { /* the same in cheaper 32-bit arithmetic */
        uint32_t v = (uint32_t)u;
        while (k >= 2) {
            k -= 2;
            memcpy(p + k, pairs + (v % 100) * 2, 2);
            v /= 100;
        }
        if (k)
            p[0] = (char)('0' + v);
        return;
    }
    while (k >= 2) {
        k -= 2;
        memcpy(p + k, pairs + (u % 100) * 2, 2);
        u /= 100;
    }
    if (k)
        p[0] = (char)('0' + u);
}

/* The decimal digits of u at p; returns their end.  Small numbers first. */
static inline char *put_uint(char *p, uint64_t u)
{
    if (u < 100) {
        if (u < 10) {
            *p = (char)('0' + u);
            return p + 1;
        }
        memcpy(p, pairs + u * 2, 2);
        return p + 2;
    }
    if (u < 10000) {
        uint32_t hi = (uint32_t)u / 100, lo = (uint32_t)u % 100;
        if (hi < 10)
            *p++ = (char)('0' + hi);
        else {
            memcpy(p, pairs + hi * 2, 2);
            p += 2;
        }
        memcpy(p, pairs + lo * 2, 2);
        return p + 2;
    }
    int nd = 5;
    while (nd < 20 && u >= pow10u[nd])
        nd++;
    put_digits(p, u, nd);
    return p + nd;
}

char *kb_json_put_int(char *d, long long v)
{
    if (v < 0)
        *d++ = '-';
    return put_uint(d, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v);
}

void kb_json_int(struct kb_json *w, long long v)
{
    char *p = reserve(w, 21);
    if (p)
        commit(w, kb_json_put_int(sep(w, p), v));
}

/*
 * The decimal number m / 10^k (m < 10^13, 0 <= k <= 13) with its trailing
 * zeros dropped, as printf's "%.Ng" prints it when N is enough for its
 * digits (no exponent: the callers keep it in [1e-4, 1e10)), in jansson's
 * form: ".0" when no fraction is left.  At p, with room for 30 bytes;
 * returns the end.
 */
static inline __attribute__((always_inline)) char *put_fixed(char *p, bool neg, uint64_t m,
                                                              int k)
{
    uint64_t ip = m / pow10u[k], frac = m - ip * pow10u[k];
    if (neg)
        *p++ = '-';
    p = put_uint(p, ip);
    *p++ = '.';
    if (frac == 0) {
        *p++ = '0';
        return p;
    }
    put_digits(p, frac, k);
    p += k;
    while (p[-1] == '0')
        p--;
    return p;
}

/*
 * The exact text of kb_json_real for the reals kb writes most: coordinates
 * and confidences, with at most eight decimals.  When D = m / 10^8 (m the
 * nearest integer to |v| * 10^8) reads back as v, v lies within half an ulp
 * (< 1e-11 for |v| < 1e5) of D, while any other decimal of as many
 * significant digits as D or fewer is at least 1e-8 away: "%.10g" prints D
 * when D has at most ten digits, and otherwise reads back as another double,
 * as do the precisions after it up to the number of digits of D (at most
 * 13), which prints D.  Returns the end, or NULL when the general way must
 * decide.
 */
static char *fixed8(char *d, double v)
{
    double a = v < 0 ? -v : v;
    if (!(a >= 1e-4 && a < 1e5))
        return NULL;
    uint64_t m = (uint64_t)(a * 1e8 + 0.5);
    if ((double)m / 1e8 != a)
        return NULL;
    return put_fixed(d, v < 0, m, 8);
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
/* b[0..n), a "%g" of a real (room for 3 more bytes), in jansson's form; its new length. */
static int jansson_form(char *b, int n);

char *kb_json_put_real(char *d, double v)
{
    if (!isfinite(v)) { /* JSON has no NaN or infinity */
        memcpy(d, "null", 4);
        return d + 4;
    }
    if (v == 0) { /* "%.10g" gives 0 or -0 */
        if (signbit(v)) {
            memcpy(d, "-0.0", 4);
            return d + 4;
        }
        memcpy(d, "0.0", 3);
        return d + 3;
    }
    char *end = fixed8(d, v);
    if (end)
        return end;
    char b[40];
    int n = fast_g10(v, b);
    /* 10 significant digits, more when they do not read back as v; "%.17g"
       of a finite double takes at most 24 bytes */
    for (int prec = 10; n == 0 && prec <= 17; prec++) {
        n = snprintf(b, sizeof b - 3, "%.*g", prec, v);
        if (prec < 17 && strtod(b, NULL) != v)
            n = 0;
    }
    n = jansson_form(b, n);
    memcpy(d, b, (size_t)n);
    return d + n;
}

void kb_json_real(struct kb_json *w, double v)
{
    char *p = reserve(w, KB_JSON_NUM_MAX);
    if (p)
        commit(w, kb_json_put_real(sep(w, p), v));
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
    put_value(w, b, (size_t)jansson_form(b, n));
}

static int jansson_form(char *b, int n)
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
    return n;
}

/*
 * The decimal exponent e of a in [1e-4, 1e9): 10^e <= a < 10^(e+1), as
 * floor(log10(a)) gives it for a float (none lies between a power of ten
 * and the double nearest to it).
 */
static int exponent10(double a)
{
    static const double pow10[] = {1e-4, 1e-3, 1e-2, 1e-1, 1e0, 1e1, 1e2,
                                   1e3,  1e4,  1e5,  1e6,  1e7, 1e8};
    int e = -4;
    while (e < 8 && a >= pow10[e + 5])
        e++;
    return e;
}

char *kb_json_put_float(char *d, float v)
{
    static const double scale[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
                                   1e10, 1e11, 1e12, 1e13};
    double a = fabs((double)v);
    if (a >= 1e-4 && a < 1e9) {
        /* the fewest significant digits p whose rounding c reads back as v;
           c = r / 10^k has at most 10 of them and lies in [1e-4, 1e10), so
           kb_json_real(c) prints the decimal r / 10^k: put_fixed writes it */
        int e = exponent10(a);
        for (int p = 1; p <= 9; p++) {
            int k = p - 1 - e; /* decimals */
            if (k < 0)
                continue;
            double x = a * scale[k], r = (double)(uint64_t)x; /* round(x), x >= 0 */
            if (x - r >= 0.5)
                r += 1;
            double c = r / scale[k];
            if ((float)c == (float)a) {
                return put_fixed(d, v < 0, (uint64_t)r, k);
            }
        }
    }
    char b[32]; /* nine digits always read back as the same float */
    snprintf(b, sizeof b, "%.9g", (double)v);
    return kb_json_put_real(d, strtod(b, NULL));
}

void kb_json_float(struct kb_json *w, float v)
{
    char *p = reserve(w, KB_JSON_NUM_MAX);
    if (p)
        commit(w, kb_json_put_float(sep(w, p), v));
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

/* A line break and the indentation of depth at the end of out. */
static int indent_line(struct kb_buf *out, int depth)
{
    int rc = kb_buf_grow(out, 1 + 2 * (size_t)depth);
    if (rc)
        return rc;
    out->data[out->len++] = '\n';
    memset(out->data + out->len, ' ', 2 * (size_t)depth);
    out->len += 2 * (size_t)depth;
    out->data[out->len] = '\0';
    return KB_OK;
}

int kb_json_indent(const char *s, size_t n, struct kb_buf *out)
{
    int depth = 0, rc = KB_OK;
    for (size_t i = 0; i < n && rc == KB_OK; i++) {
        char c = s[i];
        if (c == '"') { /* a string, as it is */
            size_t j = i + 1;
            while (j < n && s[j] != '"')
                j += s[j] == '\\' ? 2 : 1;
            j = j < n ? j + 1 : n;
            rc = kb_buf_add(out, s + i, j - i);
            i = j - 1;
        } else if ((c == '{' || c == '[') && i + 1 < n && (s[i + 1] == '}' || s[i + 1] == ']')) {
            rc = kb_buf_add(out, s + i, 2); /* empty: {} or [] */
            i++;
        } else if (c == '{' || c == '[') {
            if ((rc = kb_buf_addc(out, c)) == KB_OK)
                rc = indent_line(out, ++depth);
        } else if (c == '}' || c == ']') {
            if ((rc = indent_line(out, depth > 0 ? --depth : 0)) == KB_OK)
                rc = kb_buf_addc(out, c);
        } else if (c == ',') {
            if ((rc = kb_buf_addc(out, c)) == KB_OK)
                rc = indent_line(out, depth);
        } else if (c == ':') {
            rc = kb_buf_add(out, ": ", 2);
        } else {
            rc = kb_buf_addc(out, c);
        }
    }
    return rc;
}
