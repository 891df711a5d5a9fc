/*
 * wordcache.c -- the entity stage's dictionary answers by folded word, kept
 * in struct kb_doc from one document to the next (see wordcache.h).
 */
#include "wordcache.h"

#include <stdlib.h>

/* Words kept at most, from document to document (some 5 MB). */
#define WC_MAX_WORDS 65536
/* Slots of the table of word pairs (a power of two), kept at most half full. */
#define WC_PAIR_SLOTS 16384

void kb_word_cache_free(struct kb_word_cache *c)
{
    if (!c)
        return;
    free(c->e);
    free(c->slot);
    free(c->pairs);
    kb_buf_release(&c->keys);
    free(c);
}

struct kb_word_cache *kbp_wc_begin(struct kb_doc *doc, const void *lex, const void *gaz)
{
    struct kb_word_cache *c = doc->wcache;
    if (!c) {
        if (!(c = calloc(1, sizeof *c)))
            return NULL;
        kb_buf_init(&c->keys);
        doc->wcache = c;
    }
    if (c->lex != lex || c->gaz != gaz || c->n >= WC_MAX_WORDS) {
        c->lex = lex;
        c->gaz = gaz;
        c->n = 0;
        kb_buf_reset(&c->keys);
        if (c->slot)
            memset(c->slot, 0, (c->mask + 1) * sizeof *c->slot);
        if (c->pairs && c->npairs)
            memset(c->pairs, 0, WC_PAIR_SLOTS * sizeof *c->pairs);
        c->npairs = 0;
    }
    return c;
}

static int wc_grow(struct kb_word_cache *c)
{
    size_t cap = c->slot ? (c->mask + 1) * 2 : 1024;
    uint32_t *slot = calloc(cap, sizeof *slot);
    if (!slot)
        return KB_ENOMEM;
    for (size_t i = 0; i < c->n; i++) {
        size_t s = (size_t)c->e[i].hash & (cap - 1);
        while (slot[s])
            s = (s + 1) & (cap - 1);
        slot[s] = (uint32_t)i + 1;
    }
    free(c->slot);
    c->slot = slot;
    c->mask = cap - 1;
    return KB_OK;
}

uint32_t kbp_wc_find(struct kb_word_cache *c, uint32_t hash, const char *f, size_t l)
{
    if ((!c->slot || (c->n + 1) * 2 > c->mask + 1) && wc_grow(c))
        return 0;
    uint64_t h = hash;
    size_t s = (size_t)h & c->mask;
    for (uint32_t e; (e = c->slot[s]) != 0; s = (s + 1) & c->mask) {
        const struct wc_entry *x = &c->e[e - 1];
        if (x->hash == h && x->len == l && kbp_same_bytes(c->keys.data + x->off, f, l))
            return e;
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1024;
        struct wc_entry *e = realloc(c->e, cap * sizeof *e);
        if (!e)
            return 0;
        c->e = e;
        c->cap = cap;
    }
    struct wc_entry *x = &c->e[c->n];
    memset(x, 0, sizeof *x);
    x->hash = h;
    x->off = (uint32_t)c->keys.len;
    x->len = (uint32_t)l;
    if (kb_buf_add(&c->keys, f, l))
        return 0;
    c->slot[s] = (uint32_t)++c->n;
    return (uint32_t)c->n;
}


static size_t pair_slot(uint64_t key)
{
    key *= 0x9E3779B97F4A7C15ull;
    return (size_t)(key >> 40) & (WC_PAIR_SLOTS - 1);
}

bool kbp_wc_pair_dead(const struct kb_word_cache *c, uint64_t key)
{
    if (!c->pairs)
        return false;
    for (size_t s = pair_slot(key); c->pairs[s]; s = (s + 1) & (WC_PAIR_SLOTS - 1))
        if (c->pairs[s] == key)
            return true;
    return false;
}

void kbp_wc_pair_add(struct kb_word_cache *c, uint64_t key)
{
    if (!c->pairs && !(c->pairs = calloc(WC_PAIR_SLOTS, sizeof *c->pairs)))
        return; /* without memory the pairs are only asked again */
    if (c->npairs * 2 >= WC_PAIR_SLOTS) {
        memset(c->pairs, 0, WC_PAIR_SLOTS * sizeof *c->pairs);
        c->npairs = 0;
    }
    size_t s = pair_slot(key);
    while (c->pairs[s]) {
        if (c->pairs[s] == key)
            return;
        s = (s + 1) & (WC_PAIR_SLOTS - 1);
    }
    c->pairs[s] = key;
    c->npairs++;
}
