/*
 * zip.c -- zlib compression of a byte string into a kb_buf, and back: the
 * extraction a KB keeps of each article (article_docs) is stored this way.
 */
#include "core.h"

#include <string.h>
#include <zlib.h>

int kb_zip(const void *p, size_t n, struct kb_buf *out)
{
    if (n > UINT32_MAX)
        return KB_ETOOBIG;
    uLong bound = compressBound((uLong)n);
    int rc = kb_buf_grow(out, (size_t)bound);
    if (rc)
        return rc;
    uLongf len = bound;
    /* level 1: a quarter of the size of the JSON, at a few ns a byte */
    if (compress2((Bytef *)out->data + out->len, &len, (const Bytef *)p, (uLong)n, 1) != Z_OK)
        return KB_ENOMEM;
    out->len += (size_t)len;
    out->data[out->len] = '\0';
    return KB_OK;
}

int kb_unzip(const void *p, size_t n, struct kb_buf *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (n > UINT32_MAX || inflateInit(&z) != Z_OK)
        return KB_ENOMEM;
    z.next_in = (Bytef *)p;
    z.avail_in = (uInt)n;
    int zr = Z_OK, rc = KB_OK;
    while (zr == Z_OK) {
        if ((rc = kb_buf_grow(out, n * 4 + 4096)))
            break;
        size_t room = out->cap - out->len - 1;
        if (room > UINT32_MAX)
            room = UINT32_MAX;
        z.next_out = (Bytef *)out->data + out->len;
        z.avail_out = (uInt)room;
        zr = inflate(&z, Z_NO_FLUSH);
        out->len += room - z.avail_out;
        if (zr == Z_BUF_ERROR && z.avail_in == 0)
            break; /* cut short */
        if (zr == Z_BUF_ERROR)
            zr = Z_OK; /* needs more room */
    }
    inflateEnd(&z);
    out->data[out->len] = '\0';
    if (!rc && zr != Z_STREAM_END)
        rc = KB_EPARSE;
    return rc;
}
