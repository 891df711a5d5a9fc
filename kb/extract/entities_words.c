/*
 * entities_words.c -- the document's word index for entity recognition.
 *
 * One entry per distinct folded word, found by an open-addressing table
 * sized once per document: how often the word is written in lower case and
 * how often capitalised inside running text.  That tells a sentence-initial
 * "Police" (lower case elsewhere) from "Lukashenko" (capitalised wherever
 * it appears) in one pass over the tokens, instead of a search per name.
 * The word classes of the lexicon (English word, given name, family name)
 * are looked up once per distinct word, and only when asked for; the
 * answers are kept in the document's word cache (wordcache.h), so a word
 * met in an earlier document of the same job is not looked up again.
 */
#include "entities.h"
#include "wordcache.h"

#include <stdlib.h>
#include <string.h>

/* The slot of a word by its hash: the token's (kb_token.hash), or
   (uint32_t)kb_hash_bytes() of the folded form, the same. */
static inline size_t slot_of(const struct ner *N, uint32_t hash)
{
    return (size_t)hash & N->wmask;
}

static inline const char *fold_of(const struct kb_doc *doc, size_t tok, size_t *n)
{
    *n = doc->toks.v[tok].fold_len;
    return doc->fold.data + doc->toks.v[tok].fold;
}

static inline bool same_word(const struct kb_doc *doc, uint32_t tok, const char *f, size_t l)
{
    size_t l2;
    const char *f2 = fold_of(doc, tok, &l2);
    return l2 == l && kbp_same_bytes(f, f2, l);
}

/* Initial tokens: the first word of a sentence or line, and words right after an
   opening quote, a colon or a dash at the start of a clause. */
static void mark_initial(struct ner *N)
{
    const struct kb_doc *doc = N->doc;
    for (size_t s = 0; s < doc->sents.n; s++) {
        const struct kb_sentence *se = &doc->sents.v[s];
        bool next = true;
        for (size_t i = se->tok_begin; i < se->tok_end; i++) {
            const struct kb_token *t = &doc->toks.v[i];
            if (t->flags & KB_TF_NL)
                next = true;
            if (t->kind == KB_TOK_PUNCT) {
                size_t n = t->end - t->start;
                const char *p = doc->text + t->start;
                if ((n == 1 && (*p == '"' || *p == ':' || *p == '(' || *p == '[')) ||
                    (n == 3 && memcmp(p, "\xe2\x80\x9c", 3) == 0) ||
                    (n == 2 && memcmp(p, "--", 2) == 0))
                    next = true;
                continue;
            }
            N->initial[i] = next;
            next = false;
        }
    }
}

int kbp_ner_words(struct ner *N)
{
    const struct kb_doc *doc = N->doc;
    size_t ntok = doc->toks.n, cap = 64;
    while (cap < ntok * 2)
        cap <<= 1;
    N->wmask = cap - 1;
    N->wtab = kbp_ner_zalloc(N, cap * sizeof *N->wtab);
    N->wid = kb_arena_alloc(&N->doc->arena, (ntok + 1) * sizeof *N->wid);
    N->words = kb_arena_alloc(&N->doc->arena, (ntok + 1) * sizeof *N->words);
    N->initial = kbp_ner_zalloc(N, (ntok + 1) * sizeof *N->initial);
    if (!N->wtab || !N->wid || !N->words || !N->initial)
        return KB_ENOMEM;
    mark_initial(N);
    /* locals: the stores below would otherwise make the compiler reload them */
    const struct kb_token *toks = doc->toks.v;
    const char *fold = doc->fold.data;
    uint32_t *wtab = N->wtab, *wid = N->wid;
    struct ner_word *words = N->words;
    size_t mask = N->wmask, nwords = 0;
    for (size_t i = 0; i < ntok; i++) {
        const struct kb_token *t = &toks[i];
        unsigned flags = t->flags;
        wid[i] = UINT32_MAX;
        if (!(flags & KB_TF_ALPHA))
            continue;
        size_t l = t->fold_len;
        const char *f = fold + t->fold;
        size_t s = slot_of(N, t->hash);
        uint32_t e;
        while ((e = wtab[s]) != 0) {
            const struct kb_token *o = &toks[words[e - 1].tok];
            if (o->fold_len == l && kbp_same_bytes(fold + o->fold, f, l))
                break;
            s = (s + 1) & mask;
        }
        if (!e) {
            struct ner_word *w = &words[nwords];
            memset(w, 0, sizeof *w);
            w->tok = (uint32_t)i;
            e = wtab[s] = (uint32_t)++nwords;
        }
        wid[i] = e - 1;
        struct ner_word *w = &words[e - 1];
        if (flags & KB_TF_LOWER) {
            if (w->n_lower < UINT16_MAX)
                w->n_lower++;
        } else if ((flags & KB_TF_CAP) && !N->initial[i] && N->mode[t->sent] == M_TEXT) {
            if (w->n_capmid < UINT16_MAX)
                w->n_capmid++;
        }
    }
    N->nwords = nwords;
    return KB_OK;
}

uint32_t kbp_ner_word_id(const struct ner *N, const char *w)
{
    size_t l = strlen(w);
    size_t s = slot_of(N, (uint32_t)kb_hash_bytes(w, l));
    while (N->wtab[s]) {
        if (same_word(N->doc, N->words[N->wtab[s] - 1].tok, w, l))
            return N->wtab[s] - 1;
        s = (s + 1) & N->wmask;
    }
    return UINT32_MAX;
}

/* The answers a cache entry holds, field by field: 1 the phrase map's, 2 the
   word classes and gazetteer names; copied to a word or from it. */
#define WC_INFO1(X) X(cues) X(lexk) X(lexv) X(nlexv) X(lexpre)
#define WC_INFO2(X) X(cls) X(gaz) X(gazlong) X(gazkey) X(gazexact) X(gazlo)
#define W_FROM_X(f) w->f = x->f;
#define X_FROM_W(f) x->f = w->f;

/* The cache entry of word w (found once per document), or NULL. */
static struct wc_entry *wc_entry_of(const struct ner *N, struct ner_word *w, const char *f,
                                    size_t l)
{
    if (!N->wc)
        return NULL;
    if (!w->wc)
        w->wc = kbp_wc_find(N->wc, N->doc->toks.v[w->tok].hash, f, l);
    return w->wc ? &N->wc->e[w->wc - 1] : NULL;
}

void kbp_ner_info_lookup(const struct ner *N, struct ner_word *w)
{
    size_t l, n;
    const uint32_t *v;
    const char *f = kb_tok_fold(N->doc, w->tok, &l);
    struct wc_entry *x = wc_entry_of(N, w, f, l);
    if (x && (x->info & 1)) {
        WC_INFO1(W_FROM_X)
        w->info |= 1;
        return;
    }
    int pr = kb_tok_lookup(N->doc, w->tok, &N->lex->phrases, &v, &n);
    for (size_t k = 0; k < n; k++) {
        int kind = LX_KIND(v[k]);
        if (kind == LX_CUE)
            w->cues |= (uint32_t)LX_IDX(v[k]);
        else
            w->lexk |= LXK(kind);
    }
    w->lexv = v;
    w->nlexv = (uint32_t)n;
    w->lexpre = (pr & 2) != 0;
    w->info |= 1;
    if (x) {
        WC_INFO1(X_FROM_W)
        x->info |= 1;
    }
}

/* The word cache's key of the words of tokens i and i + 1 (word w and the
   next, before end), or 0 when either is not a cached word. */
static uint64_t word_pair_key(const struct ner *N, const struct ner_word *w, size_t i, size_t end)
{
    if (!N->wc || !w->wc || i + 1 >= end || N->wid[i + 1] == UINT32_MAX)
        return 0;
    struct ner_word *w2 = &N->words[N->wid[i + 1]];
    if (!w2->wc) {
        size_t l;
        const char *f = fold_of(N->doc, i + 1, &l);
        if (!wc_entry_of(N, w2, f, l))
            return 0;
    }
    bool space = (N->doc->toks.v[i + 1].flags & (KB_TF_SPACE | KB_TF_NL)) != 0;
    return kbp_wc_pair_key(w->wc, w2->wc, space);
}

/* Pair keys of the phrase map, apart from the gazetteer's. */
#define PHRASE_PAIR (1ull << 63)

size_t kbp_ner_phrase(struct ner *N, size_t i, size_t end, const uint32_t **vals, size_t *nv)
{
    const struct ner_word *w = i < end ? kbp_ner_info(N, i) : NULL;
    if (!w)
        return kb_phrase_match(&N->lex->phrases, N->doc, i, end, false, &N->scratch, vals, nv);
    if (w->lexpre && i + 1 < end) {
        /* the recognisers ask again for the same token and sentence end */
        struct ner_phrase *p = &N->phr[i % NER_PHRASES];
        if (p->end != end || p->tok != i) {
            p->tok = (uint32_t)i;
            p->end = (uint32_t)end;
            uint64_t pair = word_pair_key(N, w, i, end);
            if (pair && kbp_wc_pair_dead(N->wc, pair | PHRASE_PAIR)) {
                /* no phrase goes on with the next word: the word alone */
                p->vals = w->nlexv ? w->lexv : NULL;
                p->nv = w->nlexv;
                p->len = w->nlexv ? 1 : 0;
            } else {
                bool dead2;
                p->len = (uint32_t)kb_phrase_match_after(&N->lex->phrases, N->doc, i, end,
                                                         w->lexv, w->nlexv, &N->scratch,
                                                         &p->vals, nv, &dead2);
                p->nv = (uint32_t)*nv;
                if (dead2 && pair)
                    kbp_wc_pair_add(N->wc, pair | PHRASE_PAIR);
            }
        }
        *vals = p->vals;
        *nv = p->nv;
        return p->len;
    }
    /* the word alone: kb_phrase_match's first step, already taken */
    *vals = w->nlexv ? w->lexv : NULL;
    *nv = w->nlexv;
    return w->nlexv ? 1 : 0;
}

/* memcmp order, shorter first on a tie (kb_gaz_keycmp). */
static inline int keycmp(const char *a, size_t an, const char *b, size_t bn)
{
    int d = memcmp(a, b, an < bn ? an : bn);
    return d ? d : (an > bn) - (an < bn);
}

/* Look the word f[0..l) up in the gazetteer's sorted keys (gazetteer.h): is
   it a name, does a name of several words start with it, and its notable key.
   A gazetteer database is always asked in full. */
static void gaz_word(const struct kb_gazetteer *g, const char *f, size_t l, struct ner_word *w)
{
    if (g->db) {
        w->gaz = w->gazlong = 1;
        return;
    }
    size_t lo = kb_gazetteer_lower_bound(g, f, l);
    size_t i = lo;
    w->gazlo = (uint32_t)lo;
    if (i < g->nkeys && g->keys[i].len == l && memcmp(g->strings + g->keys[i].off, f, l) == 0) {
        w->gaz = 1;
        w->gazexact = (uint32_t)i + 1;
        if (g->keys[i].flags & KB_GAZ_NOTABLE)
            w->gazkey = (uint32_t)i + 1;
        i++;
    }
    /* names that continue the word with a space, hyphen, period or apostrophe
       sort right after it ("york" < "york county" < "yorkshire") */
    if (i < g->nkeys && g->keys[i].len > l && memcmp(g->strings + g->keys[i].off, f, l) == 0 &&
        (unsigned char)g->strings[g->keys[i].off + l] < '0')
        w->gaz = w->gazlong = 1;
}

/* The first key at or after `lo` not before k, galloping from lo: the names
   that extend a word lie close after it. */
static size_t gallop(const struct kb_gazetteer *g, size_t lo, const char *k, size_t kl)
{
    size_t a = lo, b = lo, step = 1;
    while (b < g->nkeys && keycmp(g->strings + g->keys[b].off, g->keys[b].len, k, kl) < 0) {
        a = b + 1;
        b += step;
        step <<= 1;
    }
    if (b > g->nkeys)
        b = g->nkeys;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (keycmp(g->strings + g->keys[mid].off, g->keys[mid].len, k, kl) < 0)
            a = mid + 1;
        else
            b = mid;
    }
    return a;
}

size_t kbp_ner_gaz_lookup(struct ner *N, size_t i, size_t se, const uint32_t **idx, size_t *n)
{
    const struct ner_word *w = kbp_ner_info2(N, i);
    const struct kb_gazetteer *g = N->gaz;
    const struct kb_doc *doc = N->doc;
    *idx = NULL;
    *n = 0;
    if (!g || !w || !w->gaz)
        return 0;
    if (g->db)
        return kb_gazetteer_match(g, doc, i, se, &N->scratch, idx, n);
    size_t best = 0;
    if (w->gazkey) {
        const struct kb_gaz_key *k = &g->keys[w->gazkey - 1];
        *idx = g->postings + k->post;
        *n = k->npost;
        best = 1;
    }
    if (!w->gazlong)
        return best;
    /* the longest notable name of several words, as kb_gazetteer_match reads it */
    struct kb_buf *b = &N->scratch;
    size_t fl, lo = w->gazlo, jend = se < i + 12 ? se : i + 12, need = 0;
    /* most words that start names are followed by words no name goes on with */
    uint64_t pair = word_pair_key(N, w, i, jend);
    if (pair && kbp_wc_pair_dead(N->wc, pair))
        return best;
    for (size_t j = i; j < jend; j++)
        need += doc->toks.v[j].fold_len + 1u;
    kb_buf_reset(b);
    if (kb_buf_grow(b, need)) /* once: the key grows in place */
        return best;
    const char *f = fold_of(doc, i, &fl);
    memcpy(b->data, f, fl);
    b->len = fl;
    for (size_t j = i + 1; j < jend; j++) {
        if (doc->toks.v[j].flags & (KB_TF_SPACE | KB_TF_NL))
            b->data[b->len++] = ' ';
        f = fold_of(doc, j, &fl);
        memcpy(b->data + b->len, f, fl);
        b->len += fl;
        b->data[b->len] = '\0';
        lo = gallop(g, lo, b->data, b->len);
        size_t next = lo;
        bool named = false;
        if (lo < g->nkeys && g->keys[lo].len == b->len &&
            memcmp(g->strings + g->keys[lo].off, b->data, b->len) == 0) {
            const struct kb_gaz_key *k = &g->keys[lo];
            if (k->flags & KB_GAZ_NOTABLE) {
                best = j - i + 1;
                *idx = g->postings + k->post;
                *n = k->npost;
                named = true;
            }
            next++;
        }
        if (!(next < g->nkeys && g->keys[next].len > b->len &&
              memcmp(g->strings + g->keys[next].off, b->data, b->len) == 0)) {
            if (j == i + 1 && pair && !named)
                kbp_wc_pair_add(N->wc, pair);
            break;
        }
    }
    return best;
}

/* The lookups asked for capitalised words only: word classes, gazetteer names. */
void kbp_ner_info2_lookup(const struct ner *N, struct ner_word *w)
{
    if (!(w->info & 1))
        kbp_ner_info_lookup(N, w); /* the phrase map's kinds, for the hand-written lists */
    size_t l;
    const char *f = kb_tok_fold(N->doc, w->tok, &l);
    struct wc_entry *x = wc_entry_of(N, w, f, l);
    if (x && (x->info & 2)) {
        WC_INFO2(W_FROM_X)
        w->info |= 2;
        return;
    }
    w->cls = (uint8_t)kb_lexicon_word_list(N->lex, f, l);
    if (w->lexk & LXK(LX_FIRST))
        w->cls |= KB_WORD_GIVEN;
    if (w->lexk & LXK(LX_COMMON))
        w->cls |= KB_WORD_COMMON;
    if (N->gaz)
        gaz_word(N->gaz, f, l, w);
    w->info |= 2;
    if (x) {
        WC_INFO2(X_FROM_W)
        x->info |= 2;
    }
}

/* ---- A per-document multimap ---- */

/* A key's hash, never 0 (the mark of an empty slot). */
static inline uint64_t map_hash(const char *key, size_t n)
{
    return kbp_word_hash(key, n) | 1;
}

void kbp_map_init(struct ner_map *m)
{
    memset(m, 0, sizeof *m);
    kb_buf_init(&m->keys);
}

void kbp_map_release(struct ner_map *m)
{
    if (!m)
        return;
    free(m->slots);
    kb_buf_release(&m->keys);
}

static int map_grow(struct ner_map *m)
{
    size_t cap = m->slots ? (m->mask + 1) * 2 : 32;
    struct ner_slot *s = calloc(cap, sizeof *s);
    if (!s)
        return KB_ENOMEM;
    for (size_t i = 0; m->slots && i <= m->mask; i++) {
        if (!m->slots[i].hash)
            continue;
        size_t j = (size_t)m->slots[i].hash & (cap - 1);
        while (s[j].hash)
            j = (j + 1) & (cap - 1);
        s[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = s;
    m->mask = cap - 1;
    return KB_OK;
}

int kbp_map_add(struct ner_map *m, const char *key, size_t n, uint32_t val)
{
    if ((!m->slots || (m->n + 1) * 2 > m->mask + 1) && map_grow(m))
        return KB_ENOMEM;
    uint64_t h = map_hash(key, n);
    size_t j = (size_t)h & m->mask;
    while (m->slots[j].hash)
        j = (j + 1) & m->mask;
    struct ner_slot *s = &m->slots[j];
    s->off = (uint32_t)m->keys.len;
    s->len = (uint32_t)n;
    if (kb_buf_add(&m->keys, key, n))
        return KB_ENOMEM;
    s->hash = h;
    s->val = val;
    m->n++;
    return KB_OK;
}

/* The slot of the first entry of key whose value matches val under mask, or NULL. */
static struct ner_slot *map_find(const struct ner_map *m, const char *key, size_t n,
                                 uint32_t val, uint32_t mask)
{
    if (!m->slots)
        return NULL;
    uint64_t h = map_hash(key, n);
    for (size_t j = (size_t)h & m->mask; m->slots[j].hash; j = (j + 1) & m->mask) {
        struct ner_slot *s = &m->slots[j];
        if (s->hash == h && s->len == n && memcmp(m->keys.data + s->off, key, n) == 0 &&
            (s->val & mask) == (val & mask))
            return s;
    }
    return NULL;
}

int kbp_map_add_once(struct ner_map *m, const char *key, size_t n, uint32_t val, uint32_t mask)
{
    return map_find(m, key, n, val, mask) ? KB_OK : kbp_map_add(m, key, n, val);
}

int kbp_map_set(struct ner_map *m, const char *key, size_t n, uint32_t val)
{
    struct ner_slot *s = map_find(m, key, n, 0, 0);
    if (s) {
        s->val = val;
        return KB_OK;
    }
    return kbp_map_add(m, key, n, val);
}

size_t kbp_map_get(const struct ner_map *m, const char *key, size_t n, uint32_t *out, size_t max)
{
    if (!m->slots)
        return 0;
    uint64_t h = map_hash(key, n);
    size_t found = 0;
    for (size_t j = (size_t)h & m->mask; m->slots[j].hash; j = (j + 1) & m->mask) {
        const struct ner_slot *s = &m->slots[j];
        if (s->hash == h && s->len == n && memcmp(m->keys.data + s->off, key, n) == 0) {
            if (found < max)
                out[found] = s->val;
            found++;
        }
    }
    return found < max ? found : max;
}
