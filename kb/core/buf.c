/*
 * buf.c -- growable NUL-terminated byte buffer with an optional size cap
 * (the git strbuf / curl dynbuf model).
 */
#include "core.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static char empty_buf[1];

void kb_buf_init(struct kb_buf *b)
{
    b->data = empty_buf;
    b->len = 0;
    b->cap = 0;
    b->limit = 0;
}

void kb_buf_release(struct kb_buf *b)
{
    if (!b)
        return;
    if (b->cap)
        free(b->data);
    size_t limit = b->limit;
    kb_buf_init(b);
    b->limit = limit;
}

void kb_buf_reset(struct kb_buf *b)
{
    b->len = 0;
    if (b->cap)
        b->data[0] = '\0';
}

int kb_buf_grow(struct kb_buf *b, size_t extra)
{
    if (b->limit && (extra > b->limit || b->len > b->limit - extra))
        return KB_ETOOBIG;
    if (extra >= SIZE_MAX / 2 - b->len)
        return KB_ENOMEM;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return KB_OK;
    size_t ncap = b->cap ? b->cap : 64;
    while (ncap < need)
        ncap *= 2;
    char *p = b->cap ? realloc(b->data, ncap) : malloc(ncap);
    if (!p)
        return KB_ENOMEM;
    if (!b->cap)
        p[0] = '\0';
    b->data = p;
    b->cap = ncap;
    return KB_OK;
}

int kb_buf_add(struct kb_buf *b, const void *p, size_t n)
{
    int rc = kb_buf_grow(b, n);
    if (rc)
        return rc;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return KB_OK;
}

int kb_buf_adds(struct kb_buf *b, const char *s)
{
    return kb_buf_add(b, s, strlen(s));
}

int kb_buf_addc(struct kb_buf *b, char c)
{
    if (b->len + 1 < b->cap && !b->limit) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return KB_OK;
    }
    return kb_buf_add(b, &c, 1);
}

int kb_buf_printf(struct kb_buf *b, const char *fmt, ...)
{
    va_list ap;
    char small[256];
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return KB_EIO;
    if ((size_t)n < sizeof small)
        return kb_buf_add(b, small, (size_t)n);
    int rc = kb_buf_grow(b, (size_t)n);
    if (rc)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return KB_OK;
}

char *kb_buf_detach(struct kb_buf *b, size_t *len)
{
    char *p;
    if (len)
        *len = b->len;
    if (b->cap) {
        p = b->data;
    } else {
        p = malloc(1);
        if (p)
            p[0] = '\0';
    }
    size_t limit = b->limit;
    kb_buf_init(b);
    b->limit = limit;
    return p;
}

int kb_buf_read_stream(struct kb_buf *b, FILE *f)
{
    for (;;) {
        int rc = kb_buf_grow(b, 65536);
        if (rc == KB_ETOOBIG) {
            /* allow filling up to the limit exactly, then report */
            size_t room = b->limit > b->len ? b->limit - b->len : 0;
            if (room == 0) {
                int c = getc(f);
                if (c == EOF)
                    return ferror(f) ? KB_EIO : KB_OK;
                return KB_ETOOBIG;
            }
            rc = kb_buf_grow(b, room);
            if (rc)
                return rc;
            size_t n = fread(b->data + b->len, 1, room, f);
            b->len += n;
            b->data[b->len] = '\0';
            if (n < room)
                return ferror(f) ? KB_EIO : KB_OK;
            continue;
        }
        if (rc)
            return rc;
        size_t n = fread(b->data + b->len, 1, b->cap - b->len - 1, f);
        b->len += n;
        b->data[b->len] = '\0';
        if (n == 0) {
            if (ferror(f))
                return errno == ENOMEM ? KB_ENOMEM : KB_EIO;
            return KB_OK;
        }
    }
}
