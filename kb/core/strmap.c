/*
 * strmap.c -- string -> uint32 multimap with open addressing and linear
 * probing.  Used for every dictionary: gazetteer names, lexicon phrases,
 * trigger verbs.  Keys are copied into the map's arena; most keys carry one
 * value, stored inline, further values live in a per-key heap array.
 */
#include "core.h"

#include <stdlib.h>
#include <string.h>

struct kb_strmap_slot {
    uint64_t hash; /* 0 = empty slot */
    const char *key;
    uint32_t klen;
    uint32_t n;     /* number of values */
    uint32_t flags; /* 1: has values, 2: prefix of a longer key */
    uint32_t v0;    /* first value */
    uint32_t *more; /* values 1..n-1 (heap), with v0 copied at [0] */
    uint32_t cap;
};

/* wyhash-style mixing of 8-byte words (kb_hash_mix, core.h); fast and
   good enough for a table. */
uint64_t kb_hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = KB_HASH_SEED ^ n;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = kb_hash_step(h, w);
        s += 8;
        n -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, s, n);
    return kb_hash_finish(h, w);
}

void kb_strmap_init(struct kb_strmap *m)
{
    memset(m, 0, sizeof *m);
    kb_arena_init(&m->arena);
}

void kb_strmap_release(struct kb_strmap *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->nslots; i++)
        free(m->slots[i].more);
    free(m->slots);
    kb_arena_release(&m->arena);
    memset(m, 0, sizeof *m);
}

/*
 * The slot of key, or the empty slot where it would go.  By the low 32 bits
 * of its hash (h), so that tokens' hashes serve too: slots are picked by
 * them (the map never has more than 2^32 slots) and the comparison of the
 * keys decides.
 */
static struct kb_strmap_slot *find(const struct kb_strmap *m, uint32_t h, const char *key,
                                   size_t klen)
{
    if (!m->nslots)
        return NULL;
    size_t mask = m->nslots - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        struct kb_strmap_slot *s = &m->slots[i];
        if (s->hash == 0)
            return s;
        if ((uint32_t)s->hash == h && s->klen == klen && memcmp(s->key, key, klen) == 0)
            return s;
    }
}

static int rehash(struct kb_strmap *m)
{
    size_t n = m->nslots ? m->nslots * 2 : 16; /* small: many maps are per document */
    if ((uint64_t)n - 1 > UINT32_MAX) /* find() picks slots by 32 bits */
        return KB_ENOMEM;
    struct kb_strmap_slot *slots = calloc(n, sizeof *slots);
    if (!slots)
        return KB_ENOMEM;
    for (size_t i = 0; i < m->nslots; i++) {
        struct kb_strmap_slot *s = &m->slots[i];
        if (!s->hash)
            continue;
        for (size_t j = s->hash & (n - 1);; j = (j + 1) & (n - 1)) {
            if (!slots[j].hash) {
                slots[j] = *s;
                break;
            }
        }
    }
    free(m->slots);
    m->slots = slots;
    m->nslots = n;
    return KB_OK;
}

static struct kb_strmap_slot *insert_key(struct kb_strmap *m, const char *key, size_t klen)
{
    if (klen > UINT32_MAX)
        return NULL;
    if ((m->nkeys + 1) * 4 >= m->nslots * 3 && rehash(m))
        return NULL;
    uint64_t h = kb_hash_bytes(key, klen);
    struct kb_strmap_slot *s = find(m, (uint32_t)h, key, klen);
    if (s->hash)
        return s;
    char *k = kb_arena_strndup(&m->arena, key, klen);
    if (!k)
        return NULL;
    s->hash = h;
    s->key = k;
    s->klen = (uint32_t)klen;
    m->nkeys++;
    return s;
}

int kb_strmap_add(struct kb_strmap *m, const char *key, size_t klen, uint32_t v)
{
    struct kb_strmap_slot *s = insert_key(m, key, klen);
    if (!s)
        return KB_ENOMEM;
    if (s->n == 0) {
        s->v0 = v;
        s->n = 1;
        s->flags |= 1;
        return KB_OK;
    }
    if (s->v0 == v)
        return KB_OK;
    for (uint32_t i = 1; i < s->n; i++)
        if (s->more[i] == v)
            return KB_OK;
    if (s->n + 1 > s->cap) {
        uint32_t ncap = s->cap ? s->cap * 2 : 4;
        uint32_t *p = realloc(s->more, ncap * sizeof *p);
        if (!p)
            return KB_ENOMEM;
        s->more = p;
        s->cap = ncap;
        p[0] = s->v0;
    }
    s->more[s->n++] = v;
    return KB_OK;
}

const uint32_t *kb_strmap_get(const struct kb_strmap *m, const char *key, size_t klen,
                              size_t *n)
{
    struct kb_strmap_slot *s = find(m, (uint32_t)kb_hash_bytes(key, klen), key, klen);
    if (!s || !s->hash || !s->n) {
        *n = 0;
        return NULL;
    }
    *n = s->n;
    return s->n == 1 ? &s->v0 : s->more;
}

int kb_strmap_mark_prefix(struct kb_strmap *m, const char *key, size_t klen)
{
    struct kb_strmap_slot *s = insert_key(m, key, klen);
    if (!s)
        return KB_ENOMEM;
    s->flags |= 2;
    return KB_OK;
}

int kb_strmap_probe(const struct kb_strmap *m, const char *key, size_t klen)
{
    struct kb_strmap_slot *s = find(m, (uint32_t)kb_hash_bytes(key, klen), key, klen);
    if (!s || !s->hash)
        return 0;
    return (int)s->flags;
}

/* The flags and values of slot s (kb_strmap_lookup's answer). */
static int slot_answer(const struct kb_strmap_slot *s, const uint32_t **vals, size_t *n)
{
    *vals = NULL;
    *n = 0;
    if (!s || !s->hash)
        return 0;
    if (s->n) {
        *n = s->n;
        *vals = s->n == 1 ? &s->v0 : s->more;
    }
    return (int)s->flags;
}

int kb_strmap_lookup(const struct kb_strmap *m, const char *key, size_t klen,
                     const uint32_t **vals, size_t *n)
{
    return slot_answer(find(m, (uint32_t)kb_hash_bytes(key, klen), key, klen), vals, n);
}

int kb_strmap_lookup_hash(const struct kb_strmap *m, uint32_t hash, const char *key,
                          size_t klen, const uint32_t **vals, size_t *n)
{
    return slot_answer(find(m, hash, key, klen), vals, n);
}
