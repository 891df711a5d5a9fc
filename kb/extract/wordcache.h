/*
 * wordcache.h -- the entity stage's dictionary answers by folded word, kept
 * in struct kb_doc from one document to the next (a job reuses its
 * document), and the hash of a folded word used by the stage's word tables.
 *
 * The answers are pure functions of the word and the dictionaries (lexicon,
 * gazetteer), so keeping them cannot change what is extracted; the cache
 * empties itself when the dictionaries change or it holds too many words.
 * This file depends on kb/core only (the build tools link kb_doc_free).
 */
#ifndef KB_WORDCACHE_H
#define KB_WORDCACHE_H

#include "extract.h"

#include <string.h>

/*
 * A hash of a folded word or name key for the stage's small tables of its
 * own (tokens carry kb_token.hash, used where a token is looked up).  Words
 * are short: two loads that may overlap cover the first and last bytes,
 * without a loop per byte.
 */
static inline uint64_t kbp_word_hash(const char *f, size_t l)
{
    uint64_t v;
    if (l >= 8) {
        uint64_t a, b;
        memcpy(&a, f, 8);
        memcpy(&b, f + l - 8, 8);
        v = a ^ (b * 0x9E3779B97F4A7C15ull);
    } else if (l >= 4) {
        uint32_t a, b;
        memcpy(&a, f, 4);
        memcpy(&b, f + l - 4, 4);
        v = a | (uint64_t)b << 32;
    } else {
        v = l ? (unsigned char)f[0] | (unsigned)(unsigned char)f[l / 2] << 8 |
                    (unsigned)(unsigned char)f[l - 1] << 16
              : 0;
    }
    v = (v ^ l) * 0xBF58476D1CE4E5B9ull;
    return v ^ (v >> 31);
}

/* Are the folded words a and b, both l bytes long, the same? */
static inline bool kbp_same_bytes(const char *a, const char *b, size_t l)
{
    if (l > 8)
        return memcmp(a, b, l) == 0;
    if (l >= 4) {
        uint32_t x0, x1, y0, y1;
        memcpy(&x0, a, 4);
        memcpy(&y0, b, 4);
        memcpy(&x1, a + l - 4, 4);
        memcpy(&y1, b + l - 4, 4);
        return x0 == y0 && x1 == y1;
    }
    for (size_t k = 0; k < l; k++)
        if (a[k] != b[k])
            return false;
    return true;
}

/* One word's answers, as struct ner_word (entities.h) holds them. */
struct wc_entry {
    uint64_t hash;
    uint32_t off, len; /* key bytes in keys */
    uint32_t cues, lexk, nlexv, gazkey, gazexact, gazlo;
    const uint32_t *lexv;
    uint8_t info; /* answers held: 1 phrase map, 2 classes and gazetteer */
    uint8_t lexpre, cls, gaz, gazlong;
};

struct kb_word_cache {
    const void *lex, *gaz; /* the dictionaries that gave the answers */
    struct wc_entry *e;
    size_t n, cap;
    uint32_t *slot; /* 1 + entry index, 0 = empty */
    size_t mask;
    struct kb_buf keys;
    /* pairs of words (entry indices) that no gazetteer name of several
       words starts with: key kbp_wc_pair_key(), 0 = empty */
    uint64_t *pairs;
    size_t npairs;
};

/* The key of the words a and b (1 + entry indices) and whether a space
   parts them, for kbp_wc_pair_*. */
static inline uint64_t kbp_wc_pair_key(uint32_t a, uint32_t b, bool space)
{
    return (uint64_t)a << 32 | b | (space ? 0x80000000u : 0u);
}

/*
 * doc's word cache ready for the dictionaries lex and gaz (made on first
 * use; emptied when they differ from the last ones or it holds too many
 * words), or NULL without memory: the caller then asks the dictionaries.
 */
struct kb_word_cache *kbp_wc_begin(struct kb_doc *doc, const void *lex, const void *gaz);
/* 1 + the index in c->e of word f[0..l), whose hash is that of its token
   (kb_token.hash), added with no answers when missing; 0 without memory.
   Adding may move c->e. */
uint32_t kbp_wc_find(struct kb_word_cache *c, uint32_t hash, const char *f, size_t l);

/* Is the pair key (kbp_wc_pair_key) noted as starting no gazetteer name? */
bool kbp_wc_pair_dead(const struct kb_word_cache *c, uint64_t key);
/* Note that no gazetteer name starts with the pair key (kept while the
   cache's words are; forgotten, all at once, when too many). */
void kbp_wc_pair_add(struct kb_word_cache *c, uint64_t key);

#endif
