/*
 * gazetteer.c -- the gazetteer as sorted tables: places, the phrase keys of
 * their names and alternate names (sorted, for binary search and prefix
 * probing), the postings of each key, first-level divisions by code,
 * countries by ISO code, and per place what resolving it needs (its prior,
 * point on the unit sphere, own-name key and division: struct kb_gaz_extra).
 *
 * The tables are built from TSV (kb_gazetteer_load_tsv, used at build time
 * by tools/gazc.c and by tests) or read in place from a compiled table
 * (kb_gazetteer_from_table: the built-in gazetteer, embedded in the binary,
 * costs a copy of the place records at start-up and nothing else).  A
 * gazetteer database (kb/geo/gazdb.c) answers the same lookups on demand.
 * The built-in data is GeoNames-derived (see docs/gazetteer.md).
 */
#include "gazetteer.h"
#include "geo/geo.h"
#include "lexicon.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
    OWN_PLACES, OWN_KEYS, OWN_POST, OWN_ADMINS, OWN_STRINGS, OWN_BUCKETS, OWN_EXTRA, OWN_KPRE,
    OWN__MAX
};

/* The bucket of a key: its first two bytes (a second byte of 0 for a key of
   one byte).  Keys in kb_gaz_keycmp order have non-decreasing buckets. */
static inline size_t key_bucket(const char *k, size_t len)
{
    return len == 0 ? 0 : (size_t)(unsigned char)k[0] << 8 | (len > 1 ? (unsigned char)k[1] : 0);
}

/* The first 8 bytes of a key as a big-endian number, zero-padded: keys
   whose prefixes differ compare as their prefixes do (kb_gaz_keycmp). */
static inline uint64_t key_prefix(const char *k, size_t len)
{
    uint64_t v = 0;
    if (len >= 8) { /* one load and a byte swap */
        for (size_t i = 0; i < 8; i++)
            v = v << 8 | (unsigned char)k[i];
        return v;
    }
    for (size_t i = 0; i < len; i++)
        v = v << 8 | (unsigned char)k[i];
    return len ? v << (8 * (8 - len)) : 0;
}

/* Index g's sorted keys by bucket (g->bucket).  One pass at load: a lookup
   then searches a few hundred keys instead of all of them. */
static int index_buckets(struct kb_gazetteer *g)
{
    uint32_t *b = malloc((KB_GAZ_BUCKETS + 1) * sizeof *b);
    if (!(g->owned[OWN_BUCKETS] = b))
        return KB_ENOMEM;
#define BUCKET_OF(k) key_bucket(g->strings + g->keys[k].off, g->keys[k].len)
    size_t x = 0, k = 0;
    while (k < g->nkeys) {
        size_t kb = BUCKET_OF(k);
        while (x <= kb)
            b[x++] = (uint32_t)k;
        /* the bucket's end, galloping: a few thousand buckets, not every key */
        size_t lo = k, hi = k + 1, step = 1;
        while (hi < g->nkeys && BUCKET_OF(hi) == kb) {
            lo = hi;
            step *= 2;
            hi = KB_MIN(g->nkeys, hi + step);
        }
        while (hi - lo > 1) { /* BUCKET_OF(lo) == kb, hi is past the bucket */
            size_t mid = lo + (hi - lo) / 2;
            if (BUCKET_OF(mid) == kb)
                lo = mid;
            else
                hi = mid;
        }
        k = hi;
    }
#undef BUCKET_OF
    while (x <= KB_GAZ_BUCKETS)
        b[x++] = (uint32_t)g->nkeys;
    g->bucket = b;
    return KB_OK;
}

static struct kb_gazetteer *gaz_new(void)
{
    struct kb_gazetteer *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    kb_arena_init(&g->arena);
    for (size_t k = 0; k < KB_ARRAY_LEN(g->country); k++)
        g->country[k] = -1;
    return g;
}

void kb_gazetteer_free(struct kb_gazetteer *gaz)
{
    if (!gaz)
        return;
    kbp_gazdb_close(gaz->db);
    for (size_t i = 0; i < KB_ARRAY_LEN(gaz->owned); i++)
        free(gaz->owned[i]);
    kb_arena_release(&gaz->arena);
    free(gaz);
}

int kb_gaz_keycmp(const char *a, size_t alen, const char *b, size_t blen)
{
    int c = memcmp(a, b, alen < blen ? alen : blen);
    if (c)
        return c;
    return alen < blen ? -1 : alen > blen;
}

static int cc_slot(const char *cc)
{
    if (!cc || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z' || cc[2])
        return -1;
    return (cc[0] - 'A') * 26 + (cc[1] - 'A');
}

/* ---- building from TSV ---- */

/* A (key, place) pair while building: key bytes in the shared pool. */
struct pair {
    const char *key; /* pool.data + off, set once the pool stops growing */
    uint32_t off, len, place;
    bool main;       /* the place's own name, not an alternate */
};

struct build {
    KB_VEC(struct kb_gaz_place) places;
    KB_VEC(struct pair) pairs;
    struct kb_buf pool; /* key bytes of the pairs */
    struct kb_buf scratch;
    uint32_t *own;      /* place -> the key of its own name, or KB_GAZ_NONE (finish) */
};

static int pair_cmp(const void *a, const void *b)
{
    const struct pair *x = a, *y = b;
    int c = kb_gaz_keycmp(x->key, x->len, y->key, y->len);
    if (c)
        return c;
    return x->place < y->place ? -1 : x->place > y->place;
}

static int add_key(struct build *B, const char *name, size_t n, uint32_t place, bool main)
{
    size_t at = B->pool.len;
    int rc = kb_phrase_key(name, n, &B->pool);
    if (rc)
        return rc;
    if (B->pool.len == at)
        return KB_OK;
    struct pair p = {NULL, (uint32_t)at, (uint32_t)(B->pool.len - at), place, main};
    return KB_VEC_PUSH(&B->pairs, p);
}

static int add_names(struct build *B, const char *list, uint32_t place)
{
    const char *p = list;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        int rc = n ? add_key(B, p, n, place, false) : KB_OK;
        if (rc)
            return rc;
        p += n;
        if (*p == '|')
            p++;
    }
    return KB_OK;
}

/* Single words that name divisions somewhere ("East", "Central") but that a
   reader never takes for a place by themselves.  Sorted. */
static const char *const generic_words[] = {
    "area",   "capital", "center", "central", "centre",  "coast",    "east",
    "eastern", "island", "lower",  "middle",  "north",   "northern", "south",
    "southern", "upper", "west",   "western",
};

size_t kbp_gazetteer_generic_words(const char *const **out)
{
    *out = generic_words;
    return KB_ARRAY_LEN(generic_words);
}

static int strp_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool kbp_gaz_notable_name(const struct kb_gaz_place *p, const char *key, size_t klen,
                          bool main)
{
    char w[16];
    if (klen < sizeof w) {
        memcpy(w, key, klen);
        w[klen] = '\0';
        const char *k = w;
        if (bsearch(&k, generic_words, KB_ARRAY_LEN(generic_words), sizeof *generic_words,
                    strp_cmp))
            return false;
    }
    /* a place's own name of several words is read as a place ("Avondale
       Estates"), unless the place is a hamlet ("Red Cross"); one word needs a
       notable place ("Hope" is a word first) */
    if (main && memchr(key, ' ', klen) &&
        (p->fclass == 'A' ||
         (p->fclass == 'P' && (p->population >= 1000 || strcmp(p->fcode, "PPLA") == 0 ||
                               strcmp(p->fcode, "PPLA2") == 0 || strcmp(p->fcode, "PPLC") == 0))))
        return true;
    if (!kbp_gaz_notable(p))
        return false;
    /* a short name folded out of its accents is an English word first
       ("Göd" is "God", "Ås" is "as") */
    if (klen <= 3 && !(p->flags & KB_GAZ_LISTED))
        for (const char *c = p->name; *c; c++)
            if ((unsigned char)*c >= 0x80)
                return false;
    if (main || (p->flags & KB_GAZ_LISTED))
        return true;
    /* an alternate name makes a place known only if the place is major */
    return p->population >= 100000 || strcmp(p->fcode, "PPLC") == 0 ||
           (p->fclass == 'A' && (strncmp(p->fcode, "PCL", 3) == 0 ||
                                 strcmp(p->fcode, "ADM1") == 0));
}

bool kbp_gaz_notable(const struct kb_gaz_place *p)
{
    if (p->flags & KB_GAZ_LISTED)
        return true;
    if (p->fclass == 'P')
        return p->population >= 15000 || strcmp(p->fcode, "PPLC") == 0 ||
               strcmp(p->fcode, "PPLA") == 0 || strcmp(p->fcode, "PPLG") == 0 ||
               p->id >= KB_GAZ_LOCAL_ID;
    return true;
}

static int admin_cmp(const void *a, const void *b)
{
    return strcmp(((const struct kb_gaz_admin *)a)->code, ((const struct kb_gaz_admin *)b)->code);
}

static double feature_score(const struct kb_gaz_place *p)
{
    if (strcmp(p->fcode, "CONT") == 0)
        return 12; /* a continent: as known as a country */
    if (p->fclass == 'A') {
        if (strncmp(p->fcode, "PCL", 3) == 0)
            return 12;
        if (strcmp(p->fcode, "ADM1") == 0)
            return 4.5; /* below a capital of the same name (Minsk, Moscow) */
        if (strcmp(p->fcode, "ADM2") == 0)
            return 1;
        return 2;
    }
    if (p->fclass == 'P') {
        if (strcmp(p->fcode, "PPLC") == 0)
            return 6.5;
        if (strcmp(p->fcode, "PPLA") == 0)
            return 3;
        if (strcmp(p->fcode, "PPLA2") == 0)
            return 1.2;
        if (strcmp(p->fcode, "PPLX") == 0)
            return 0; /* a section of a city */
        return 1;
    }
    return 2.5; /* named regions, waters, plants: listed because they are notable */
}

double kb_gaz_prior(const struct kb_gaz_place *p)
{
    double s = feature_score(p) + log10((double)p->population + 1.0);
    if (p->flags & KB_GAZ_LISTED)
        s += 4; /* listed by hand because the news names it (the Atlantic, Donbas) */
    return s;
}

void kb_gaz_point(const struct kb_gaz_place *p, double xyz[3])
{
    double la = p->lat * (M_PI / 180.0), lo = p->lon * (M_PI / 180.0);
    xyz[0] = cos(la) * cos(lo);
    xyz[1] = cos(la) * sin(lo);
    xyz[2] = sin(la);
}

/* What resolution needs of each place (struct kb_gaz_extra), own[i] the key
   of place i's own name; and the first 8 bytes of every key. */
static int fill_extra(struct kb_gazetteer *g, const uint32_t *own)
{
    struct kb_gaz_extra *x = calloc(g->places.n + 1, sizeof *x);
    uint64_t *kpre = malloc((g->nkeys + 1) * sizeof *kpre);
    g->owned[OWN_EXTRA] = x;
    g->owned[OWN_KPRE] = kpre;
    if (!x || !kpre)
        return KB_ENOMEM;
    for (size_t i = 0; i < g->places.n; i++) {
        const struct kb_gaz_place *p = &g->places.v[i];
        double xyz[3];
        kb_gaz_point(p, xyz);
        x[i].x = xyz[0];
        x[i].y = xyz[1];
        x[i].z = xyz[2];
        x[i].prior = kb_gaz_prior(p);
        x[i].own = own[i];
        const struct kb_gaz_place *a = kb_gazetteer_admin1(g, p->cc, p->admin1);
        x[i].admin1 = a ? (uint32_t)(a - g->places.v) : KB_GAZ_NONE;
    }
    for (size_t k = 0; k < g->nkeys; k++)
        kpre[k] = key_prefix(g->strings + g->keys[k].off, g->keys[k].len);
    g->extra = x;
    g->kpre = kpre;
    return KB_OK;
}

/* Turn the sorted pairs into keys, postings and the division index. */
static int finish(struct kb_gazetteer *g, struct build *B)
{
    for (size_t i = 0; i < B->pairs.n; i++)
        B->pairs.v[i].key = B->pool.data + B->pairs.v[i].off;
    qsort(B->pairs.v, B->pairs.n, sizeof *B->pairs.v, pair_cmp);
    struct kb_gaz_key *keys = calloc(B->pairs.n + 1, sizeof *keys);
    uint32_t *post = calloc(B->pairs.n + 1, sizeof *post);
    struct kb_buf strings;
    kb_buf_init(&strings);
    g->owned[OWN_KEYS] = keys;
    g->owned[OWN_POST] = post;
    B->own = malloc((B->places.n + 1) * sizeof *B->own);
    if (!keys || !post || !B->own)
        return KB_ENOMEM;
    for (size_t i = 0; i < B->places.n; i++)
        B->own[i] = KB_GAZ_NONE;
    size_t nk = 0, np = 0;
    for (size_t i = 0; i < B->pairs.n; i++) {
        const struct pair *p = &B->pairs.v[i];
        const char *kb = p->key;
        struct kb_gaz_key *last = nk ? &keys[nk - 1] : NULL;
        if (!last || kb_gaz_keycmp(strings.data + last->off, last->len, kb, p->len) != 0) {
            last = &keys[nk++];
            last->off = (uint32_t)strings.len;
            last->len = p->len;
            last->post = (uint32_t)np;
            if (kb_buf_add(&strings, kb, p->len)) {
                kb_buf_release(&strings);
                return KB_ENOMEM;
            }
        }
        if (p->main)
            B->own[p->place] = (uint32_t)(nk - 1);
        if (last->npost && post[np - 1] == p->place)
            continue; /* the same place under the same key twice */
        post[np++] = p->place;
        last->npost++;
        if (kbp_gaz_notable_name(&B->places.v[p->place], p->key, p->len, p->main))
            last->flags |= KB_GAZ_NOTABLE;
    }
    size_t slen;
    g->owned[OWN_STRINGS] = kb_buf_detach(&strings, &slen);
    if (!g->owned[OWN_STRINGS])
        return KB_ENOMEM;
    g->keys = keys;
    g->nkeys = nk;
    g->postings = post;
    g->npostings = np;
    g->strings = g->owned[OWN_STRINGS];
    g->nstrings = slen;
    /* divisions by code, countries by ISO code */
    size_t na = 0;
    for (size_t i = 0; i < B->places.n; i++)
        na += strcmp(B->places.v[i].fcode, "ADM1") == 0;
    struct kb_gaz_admin *adm = calloc(na + 1, sizeof *adm);
    if (!(g->owned[OWN_ADMINS] = adm))
        return KB_ENOMEM;
    na = 0;
    for (size_t i = 0; i < B->places.n; i++) {
        const struct kb_gaz_place *p = &B->places.v[i];
        int slot = cc_slot(p->cc);
        if (p->fclass == 'A' && strncmp(p->fcode, "PCL", 3) == 0 && slot >= 0 &&
            g->country[slot] < 0)
            g->country[slot] = (int32_t)i;
        if (strcmp(p->fcode, "ADM1") == 0 && p->cc[0] && p->admin1[0]) {
            snprintf(adm[na].code, sizeof adm[na].code, "%s.%s", p->cc, p->admin1);
            adm[na++].place = (uint32_t)i;
        }
    }
    qsort(adm, na, sizeof *adm, admin_cmp);
    /* keep the first of duplicate codes */
    size_t w = 0;
    for (size_t i = 0; i < na; i++)
        if (w == 0 || strcmp(adm[w - 1].code, adm[i].code) != 0)
            adm[w++] = adm[i];
    g->admins = adm;
    g->nadmins = w;
    g->owned[OWN_PLACES] = B->places.v;
    g->places.v = B->places.v;
    g->places.n = B->places.n;
    B->places.v = NULL;
    if (index_buckets(g) || fill_extra(g, B->own))
        return KB_ENOMEM;
    return KB_OK;
}

static void build_release(struct build *B)
{
    free(B->places.v);
    free(B->pairs.v);
    free(B->own);
    kb_buf_release(&B->pool);
    kb_buf_release(&B->scratch);
}

int kb_gazetteer_load_tsv(struct kb_gazetteer **out, const char *text, size_t len,
                          const char *source, struct kb_error *err)
{
    struct kb_gazetteer *g = gaz_new();
    if (!g)
        return kb_error_set(err, KB_ENOMEM, "out of memory loading the gazetteer");
    struct build B;
    memset(&B, 0, sizeof B);
    kb_buf_init(&B.pool);
    kb_buf_init(&B.scratch);
    struct kb_tsv t;
    kb_tsv_init(&t, text, len);
    int rc = KB_OK, more;
    while ((more = kb_tsv_next(&t)) > 0) {
        if (t.nfields < 9) {
            rc = kb_error_at(err, KB_EPARSE, source, t.line,
                             "expected 9 tab-separated fields, found %zu", t.nfields);
            break;
        }
        struct kb_gaz_place p;
        memset(&p, 0, sizeof p);
        p.id = atoll(t.fields[0]);
        p.name = kb_arena_strdup(&g->arena, t.fields[1]);
        char *e1, *e2;
        p.lat = strtod(t.fields[3], &e1);
        p.lon = strtod(t.fields[4], &e2);
        if (*e1 || *e2 || e1 == t.fields[3] || e2 == t.fields[4] || fabs(p.lat) > 90 ||
            fabs(p.lon) > 180) {
            rc = kb_error_at(err, KB_EPARSE, source, t.line, "bad coordinates");
            break;
        }
        const char *fc = t.fields[5];
        p.fclass = fc[0];
        if (fc[0] && fc[1] == '.')
            snprintf(p.fcode, sizeof p.fcode, "%s", fc + 2);
        snprintf(p.cc, sizeof p.cc, "%s", t.fields[6]);
        snprintf(p.admin1, sizeof p.admin1, "%s", t.fields[7]);
        p.population = atoll(t.fields[8]);
        if (t.nfields > 9 && strchr(t.fields[9], 'L'))
            p.flags |= KB_GAZ_LISTED;
        uint32_t idx = (uint32_t)B.places.n;
        if (!p.name || (rc = KB_VEC_PUSH(&B.places, p)) ||
            (rc = add_key(&B, t.fields[1], strlen(t.fields[1]), idx, true)) ||
            (rc = add_names(&B, t.fields[2], idx))) {
            rc = kb_error_set(err, KB_ENOMEM, "out of memory loading the gazetteer");
            break;
        }
    }
    if (more < 0)
        rc = kb_error_set(err, KB_ENOMEM, "out of memory loading the gazetteer");
    kb_tsv_release(&t);
    if (!rc && finish(g, &B))
        rc = kb_error_set(err, KB_ENOMEM, "out of memory loading the gazetteer");
    build_release(&B);
    if (rc) {
        kb_gazetteer_free(g);
        return rc;
    }
    *out = g;
    return KB_OK;
}

/* ---- compiled tables ---- */

/*
 * Layout: header, then places (kb_gaz_place with `name` replaced by an
 * offset into the names block), keys, postings, divisions, key strings,
 * place names, the places' kb_gaz_extra, the keys' prefixes and the bucket
 * index, each section starting 8-byte aligned.
 */
#define TABLE_MAGIC "KBGAZ\0\0\2"

struct table_header {
    char magic[8];
    uint32_t byte_order; /* 0x01020304 written natively */
    uint32_t place_size; /* sizeof(struct kb_gaz_place), a layout check */
    uint32_t extra_size; /* sizeof(struct kb_gaz_extra), a layout check */
    uint32_t reserved;
    uint64_t nplaces, nkeys, npostings, nadmins, nstrings, nnames;
    int32_t country[26 * 26];
};

static size_t align8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

static int put(FILE *f, const void *p, size_t n, size_t *at)
{
    static const char zero[8];
    if (n && fwrite(p, 1, n, f) != n)
        return KB_EIO;
    *at += n;
    size_t pad = align8(*at) - *at;
    if (pad && fwrite(zero, 1, pad, f) != pad)
        return KB_EIO;
    *at += pad;
    return KB_OK;
}

int kb_gazetteer_write_table(const struct kb_gazetteer *gaz, FILE *f, struct kb_error *err)
{
    struct table_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, TABLE_MAGIC, 8);
    h.byte_order = 0x01020304;
    h.place_size = (uint32_t)sizeof(struct kb_gaz_place);
    h.extra_size = (uint32_t)sizeof(struct kb_gaz_extra);
    h.nplaces = gaz->places.n;
    h.nkeys = gaz->nkeys;
    h.npostings = gaz->npostings;
    h.nadmins = gaz->nadmins;
    h.nstrings = gaz->nstrings;
    memcpy(h.country, gaz->country, sizeof h.country);
    struct kb_buf names;
    kb_buf_init(&names);
    struct kb_gaz_place *recs = calloc(gaz->places.n + 1, sizeof *recs);
    int rc = recs ? KB_OK : KB_ENOMEM;
    for (size_t i = 0; !rc && i < gaz->places.n; i++) {
        recs[i] = gaz->places.v[i];
        recs[i].name = (const char *)(uintptr_t)names.len;
        rc = kb_buf_add(&names, gaz->places.v[i].name, strlen(gaz->places.v[i].name) + 1);
    }
    h.nnames = names.len;
    size_t at = 0;
    if (rc)
        rc = kb_error_set(err, KB_ENOMEM, "out of memory writing the gazetteer table");
    else if (put(f, &h, sizeof h, &at) ||
             put(f, recs, gaz->places.n * sizeof *recs, &at) ||
             put(f, gaz->keys, gaz->nkeys * sizeof *gaz->keys, &at) ||
             put(f, gaz->postings, gaz->npostings * sizeof *gaz->postings, &at) ||
             put(f, gaz->admins, gaz->nadmins * sizeof *gaz->admins, &at) ||
             put(f, gaz->strings, gaz->nstrings, &at) || put(f, names.data, names.len, &at) ||
             put(f, gaz->extra, gaz->places.n * sizeof *gaz->extra, &at) ||
             put(f, gaz->kpre, gaz->nkeys * sizeof *gaz->kpre, &at) ||
             put(f, gaz->bucket, (KB_GAZ_BUCKETS + 1) * sizeof *gaz->bucket, &at))
        rc = kb_error_set(err, KB_EIO, "cannot write the gazetteer table");
    free(recs);
    kb_buf_release(&names);
    return rc;
}

int kb_gazetteer_from_table(struct kb_gazetteer **out, const void *data, size_t len,
                            struct kb_error *err)
{
    const unsigned char *base = data;
    struct table_header h;
    if (len < sizeof h || ((uintptr_t)data & 7))
        return kb_error_set(err, KB_EPARSE, "not a gazetteer table");
    memcpy(&h, base, sizeof h);
    if (memcmp(h.magic, TABLE_MAGIC, 8) != 0 || h.byte_order != 0x01020304 ||
        h.place_size != sizeof(struct kb_gaz_place) ||
        h.extra_size != sizeof(struct kb_gaz_extra))
        return kb_error_set(err, KB_EPARSE, "not a gazetteer table of this build");
    size_t off[10], at = align8(sizeof h);
    const size_t sizes[10] = {h.nplaces * sizeof(struct kb_gaz_place),
                              h.nkeys * sizeof(struct kb_gaz_key),
                              h.npostings * sizeof(uint32_t),
                              h.nadmins * sizeof(struct kb_gaz_admin),
                              h.nstrings, h.nnames,
                              h.nplaces * sizeof(struct kb_gaz_extra),
                              h.nkeys * sizeof(uint64_t),
                              (KB_GAZ_BUCKETS + 1) * sizeof(uint32_t), 0};
    for (int i = 0; i < 10; i++) {
        off[i] = at;
        at = align8(at + sizes[i]);
    }
    if (at > align8(len) || (h.nnames && base[off[5] + h.nnames - 1] != '\0'))
        return kb_error_set(err, KB_EPARSE, "truncated gazetteer table");
    struct kb_gazetteer *g = gaz_new();
    struct kb_gaz_place *places = g ? malloc(sizes[0] + 1) : NULL;
    if (!places) {
        free(g);
        return kb_error_set(err, KB_ENOMEM, "out of memory loading the gazetteer");
    }
    memcpy(places, base + off[0], sizes[0]);
    const char *names = (const char *)base + off[5];
    for (size_t i = 0; i < h.nplaces; i++) {
        uintptr_t o = (uintptr_t)places[i].name;
        places[i].name = o < h.nnames ? names + o : "";
    }
    g->owned[OWN_PLACES] = places;
    g->places.v = places;
    g->places.n = h.nplaces;
    g->keys = (const struct kb_gaz_key *)(base + off[1]);
    g->nkeys = h.nkeys;
    g->postings = (const uint32_t *)(base + off[2]);
    g->npostings = h.npostings;
    g->admins = (const struct kb_gaz_admin *)(base + off[3]);
    g->nadmins = h.nadmins;
    g->strings = (const char *)base + off[4];
    g->nstrings = h.nstrings;
    memcpy(g->country, h.country, sizeof g->country);
    g->extra = (const struct kb_gaz_extra *)(base + off[6]);
    g->kpre = (const uint64_t *)(base + off[7]);
    g->bucket = (const uint32_t *)(base + off[8]);
    *out = g;
    return KB_OK;
}

/* ---- lookups ---- */

size_t kb_gazetteer_lower_bound(const struct kb_gazetteer *g, const char *key, size_t klen)
{
    size_t b = key_bucket(key, klen);
    size_t lo = g->bucket[b], hi = g->bucket[b + 1];
    /* the keys' first 8 bytes decide most comparisons */
    uint64_t pre = key_prefix(key, klen);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint64_t kp = g->kpre[mid];
        const struct kb_gaz_key *k = &g->keys[mid];
        if (kp < pre || (kp == pre && kb_gaz_keycmp(g->strings + k->off, k->len, key, klen) < 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/*
 * Probe a key: bit 1 set when it names places (notable ones when
 * notable_only), bit 2 when a longer key starts with it.
 */
static int probe(const struct kb_gazetteer *g, const char *key, size_t klen, bool notable_only,
                 const uint32_t **post, size_t *npost)
{
    if (g->db)
        return kbp_gazdb_probe(g->db, key, klen, notable_only, post, npost);
    size_t i = kb_gazetteer_lower_bound(g, key, klen);
    int r = 0;
    *post = NULL;
    *npost = 0;
    if (i < g->nkeys && kb_gaz_keycmp(g->strings + g->keys[i].off, g->keys[i].len, key, klen) == 0) {
        const struct kb_gaz_key *k = &g->keys[i++];
        if (!notable_only || (k->flags & KB_GAZ_NOTABLE)) {
            *post = g->postings + k->post;
            *npost = k->npost;
            r |= 1;
        }
    }
    if (i < g->nkeys && g->keys[i].len > klen &&
        memcmp(g->strings + g->keys[i].off, key, klen) == 0)
        r |= 2;
    return r;
}

const uint32_t *kb_gazetteer_lookup(const struct kb_gazetteer *gaz, const char *key,
                                    size_t klen, size_t *n)
{
    const uint32_t *post;
    probe(gaz, key, klen, false, &post, n);
    return post;
}

size_t kb_gazetteer_match(const struct kb_gazetteer *gaz, const struct kb_doc *doc,
                          size_t tok, size_t end, struct kb_buf *scratch,
                          const uint32_t **idx, size_t *n)
{
    size_t best = 0;
    *idx = NULL;
    *n = 0;
    kb_buf_reset(scratch);
    for (size_t j = tok; j < end && j - tok < 12; j++) {
        if (j > tok && (doc->toks.v[j].flags & (KB_TF_SPACE | KB_TF_NL)) &&
            kb_buf_addc(scratch, ' '))
            break;
        size_t fl;
        const char *f = kb_tok_fold(doc, j, &fl);
        if (kb_buf_add(scratch, f, fl))
            break;
        const uint32_t *post;
        size_t npost;
        int pr = probe(gaz, scratch->data, scratch->len, true, &post, &npost);
        if (pr & 1) {
            best = j - tok + 1;
            *idx = post;
            *n = npost;
        }
        if (!(pr & 2))
            break;
    }
    return best;
}

const struct kb_gaz_place *kb_gazetteer_country(const struct kb_gazetteer *gaz, const char *cc)
{
    int slot = cc_slot(cc);
    if (slot < 0)
        return NULL;
    if (gaz->db)
        return kbp_gazdb_country(gaz->db, cc);
    int32_t i = gaz->country[slot];
    return i < 0 ? NULL : &gaz->places.v[i];
}

const struct kb_gaz_place *kb_gazetteer_admin1(const struct kb_gazetteer *gaz, const char *cc,
                                               const char *admin1)
{
    if (!cc || !admin1 || !cc[0] || !admin1[0] || strcmp(admin1, "00") == 0)
        return NULL;
    if (gaz->db)
        return kbp_gazdb_admin1(gaz->db, cc, admin1);
    struct kb_gaz_admin k;
    memset(&k, 0, sizeof k);
    /* "CC.ADMIN1", NUL-padded (called per place mention: no snprintf) */
    size_t cl = strlen(cc), al = strlen(admin1);
    if (cl + 1 + al >= sizeof k.code)
        return NULL;
    memcpy(k.code, cc, cl);
    k.code[cl] = '.';
    memcpy(k.code + cl + 1, admin1, al);
    const struct kb_gaz_admin *a = bsearch(&k, gaz->admins, gaz->nadmins, sizeof k, admin_cmp);
    return a ? &gaz->places.v[a->place] : NULL;
}

int kb_gaz_entity_type(const struct kb_gaz_place *p)
{
    switch (p->fclass) {
    case 'A':
    case 'P':
        return KB_ENT_GPE;
    case 'S':
    case 'R':
        return KB_ENT_FAC;
    default:
        return KB_ENT_LOC;
    }
}

double kb_geo_distance_km(double lat1, double lon1, double lat2, double lon2)
{
    const double r = 6371.0088, rad = M_PI / 180.0;
    double p1 = lat1 * rad, p2 = lat2 * rad;
    double dp = p2 - p1, dl = (lon2 - lon1) * rad;
    double a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
    if (a > 1)
        a = 1;
    return 2 * r * asin(sqrt(a));
}
