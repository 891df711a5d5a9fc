/*
 * utf8.c -- UTF-8 validation and decoding, and the folding that turns any
 * surface form into a dictionary search key (utf8proc: NFKD, case folding,
 * combining marks stripped), so that "Liège", "LIEGE" and "liege" meet.
 */
#include "core.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int kb_utf8_decode(const char *s, size_t n, int32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0) {
        *cp = 0xFFFD;
        return 1;
    }
    unsigned c = u[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    int len;
    int32_t min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        c &= 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        c &= 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        c &= 0x07;
        min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if ((size_t)len > n) {
        *cp = 0xFFFD;
        return 1;
    }
    int32_t v = (int32_t)c;
    for (int i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (u[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return len;
}

size_t kb_utf8_valid_prefix(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        /* ASCII eight bytes at a time */
        uint64_t x;
        while (n - i >= 8 && (memcpy(&x, s + i, 8), !(x & 0x8080808080808080ULL)))
            i += 8;
        if (i == n)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        int len = kb_utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && len == 1)
            return i;
        i += (size_t)len;
    }
    return n;
}

bool kb_utf8_valid(const char *s, size_t n)
{
    return kb_utf8_valid_prefix(s, n) == n;
}

int kb_utf8_sanitize(const char *s, size_t n, struct kb_buf *out)
{
    static const char repl[] = "\xEF\xBF\xBD";
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            int rc;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                rc = kb_buf_add(out, repl, 3);
            else
                rc = kb_buf_addc(out, (char)c);
            if (rc)
                return rc;
            i++;
            continue;
        }
        int32_t cp;
        int len = kb_utf8_decode(s + i, n - i, &cp);
        int rc = (cp == 0xFFFD && len == 1) ? kb_buf_add(out, repl, 3)
                                            : kb_buf_add(out, s + i, (size_t)len);
        if (rc)
            return rc;
        i += (size_t)len;
    }
    return KB_OK;
}

/* ASCII stand-ins for typographic punctuation, applied after folding. */
static int32_t ascii_punct(int32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201B: case 0x02BC: case 0x2032: case 0x00B4:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB:
        return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212:
        return '-';
    case 0x00A0: case 0x2007: case 0x202F:
        return ' ';
    default:
        return -1;
    }
}

/*
 * Code points folded one at a time, without utf8proc_map's allocation and
 * whole-string normalisation: where a letter and its marks decompose
 * separately and nothing recomposes once the marks are stripped (Latin,
 * Greek, Cyrillic, Hebrew, Arabic: below U+0800), and general punctuation.
 * tests/unit/test_core.c checks the two ways agree on every such code point.
 */
static bool fold_by_char(int32_t cp)
{
    return cp < 0x800 || (cp >= 0x2000 && cp < 0x2070);
}

/* Append the fold of s[0..n) character by character; false (out unchanged)
   when a character needs the whole-string way. */
static bool fold_chars(const char *s, size_t n, struct kb_buf *out)
{
    size_t mark = out->len;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { /* ASCII: lower case, as utf8proc would fold it */
            if (kb_buf_addc(out, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c)))
                goto undo;
            i++;
            continue;
        }
        int32_t cp;
        int len = kb_utf8_decode(s + i, n - i, &cp);
        if ((cp == 0xFFFD && len == 1) || !fold_by_char(cp))
            goto undo;
        i += (size_t)len;
        /* dashes, quotes, spaces of general punctuation: straight to ASCII */
        int32_t quick = cp >= 0x2000 ? ascii_punct(cp) : -1;
        if (quick >= 0) {
            if (kb_buf_addc(out, (char)quick))
                goto undo;
            continue;
        }
        utf8proc_int32_t d[8];
        int bc = 0;
        utf8proc_ssize_t k = utf8proc_decompose_char(
            cp, d, 8, UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                          UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, &bc);
        if (k < 0 || k > 8)
            goto undo;
        for (utf8proc_ssize_t j = 0; j < k; j++) {
            int32_t a = ascii_punct(d[j]);
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t el = a >= 0 ? (enc[0] = (utf8proc_uint8_t)a, 1)
                                         : utf8proc_encode_char(d[j], enc);
            if (el <= 0 || kb_buf_add(out, enc, (size_t)el))
                goto undo;
        }
    }
    return true;
undo:
    out->len = mark;
    if (out->cap)
        out->data[mark] = '\0';
    return false;
}

int kb_fold(const char *s, size_t n, struct kb_buf *out)
{
    size_t i = 0;
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            break;
    }
    if (i == n) { /* ASCII fast path */
        int rc = kb_buf_grow(out, n);
        if (rc)
            return rc;
        char *d = out->data + out->len;
        for (size_t k = 0; k < n; k++) {
            unsigned char c = (unsigned char)s[k];
            d[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        out->len += n;
        out->data[out->len] = '\0';
        return KB_OK;
    }
    if (fold_chars(s, n, out))
        return KB_OK;
    return kbp_fold_string(s, n, out);
}

int kbp_fold_string(const char *s, size_t n, struct kb_buf *out)
{
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                                      &mapped,
                                      UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                          UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    if (m < 0) {
        /* invalid UTF-8: fold a sanitized copy instead */
        struct kb_buf tmp;
        kb_buf_init(&tmp);
        int rc = kb_utf8_sanitize(s, n, &tmp);
        if (!rc && kb_utf8_valid(tmp.data, tmp.len))
            rc = kb_fold(tmp.data, tmp.len, out);
        kb_buf_release(&tmp);
        return rc;
    }
    int rc = KB_OK;
    const char *p = (const char *)mapped;
    size_t k = 0, mlen = (size_t)m;
    while (k < mlen && !rc) {
        int32_t cp;
        int len = kb_utf8_decode(p + k, mlen - k, &cp);
        int32_t a = ascii_punct(cp);
        if (a >= 0)
            rc = kb_buf_addc(out, (char)a);
        else
            rc = kb_buf_add(out, p + k, (size_t)len);
        k += (size_t)len;
    }
    free(mapped);
    return rc;
}
