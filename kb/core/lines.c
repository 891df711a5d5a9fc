/*
 * lines.c -- the lines of a file descriptor, read in big blocks.
 *
 * JSON Lines input arrives by the megabyte; reading it a byte at a time
 * through stdio cost more than parsing it.  This reader fills a block with
 * read(2), finds newlines with memchr and hands out each line in place, so
 * a line costs one memchr over its bytes.  read(2) returns what is there,
 * so lines typed or piped slowly are handed out as they arrive.
 */
#include "core.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { BLOCK = 1 << 16 };

void kb_lines_init(struct kb_lines *r, int fd)
{
    memset(r, 0, sizeof *r);
    r->fd = fd;
}

void kb_lines_release(struct kb_lines *r)
{
    if (!r)
        return;
    free(r->blk);
    kb_lines_init(r, -1);
}

/* Room for at least BLOCK more bytes after r->end, moving the unread bytes
   to the front first. */
static int make_room(struct kb_lines *r)
{
    if (r->start > 0) {
        memmove(r->blk, r->blk + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    if (r->cap - r->end >= BLOCK)
        return KB_OK;
    size_t ncap = r->cap ? r->cap : BLOCK;
    while (ncap - r->end < BLOCK) {
        if (ncap > SIZE_MAX / 2)
            return KB_ENOMEM;
        ncap *= 2;
    }
    char *p = realloc(r->blk, ncap);
    if (!p)
        return KB_ENOMEM;
    r->blk = p;
    r->cap = ncap;
    return KB_OK;
}

int kb_lines_fill(struct kb_lines *r)
{
    if (r->eof)
        return 0;
    int rc = make_room(r);
    if (rc)
        return -rc;
    ssize_t n;
    do
        n = read(r->fd, r->blk + r->end, r->cap - r->end);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        r->eof = true; /* reported once; what follows is not read */
        return errno == ENOMEM ? -KB_ENOMEM : -KB_EIO;
    }
    if (n == 0) {
        r->eof = true;
        return 0;
    }
    r->end += (size_t)n;
    return 1;
}

int kb_lines_next(struct kb_lines *r, size_t limit, const char **line, size_t *len)
{
    size_t scan = r->start; /* r->blk[r->start..scan) holds no newline */
    bool any = false, toobig = false;
    for (;;) {
        char *nl = scan < r->end ? memchr(r->blk + scan, '\n', r->end - scan) : NULL;
        if (nl) {
            size_t n = (size_t)(nl - (r->blk + r->start));
            *line = r->blk + r->start;
            *len = n;
            r->start += n + 1;
            return toobig || (limit && n > limit) ? -KB_ETOOBIG : 1;
        }
        if (r->end > r->start)
            any = true;
        if (limit && r->end - r->start > limit) {
            toobig = true; /* drop what was read; skip to the end of the line */
            r->start = r->end = 0;
        }
        size_t had = r->end - r->start;
        int f = kb_lines_fill(r);
        if (f < 0)
            return f;
        scan = r->start + had;
        if (f == 0) {
            *line = r->blk ? r->blk + r->start : "";
            *len = r->end - r->start;
            r->start = r->end;
            if (toobig || (limit && *len > limit))
                return -KB_ETOOBIG;
            return any ? 1 : 0;
        }
    }
}
