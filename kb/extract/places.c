/*
 * places.c -- toponym resolution: every GPE, LOC and FAC mention gets the
 * gazetteer place a careful reader would pick, or stays a place without
 * coordinates.
 *
 * Stage: extract, after entities.  Output: doc->places (one per toponym
 * mention, resolved or not), entity->place links, and for each resolved
 * place the country and first-level division it lies in.
 *
 * How a name is read:
 *  - every mention of the same name in a document is one toponym ("one
 *    sense per discourse"); a shorter name standing for a longer one
 *    ("Avondale" after "Avondale Estates") takes its place, and a name that
 *    is the own name of the place another name surely is ("Athens" beside
 *    "Athens-Clarke County") is that place;
 *  - candidates are the gazetteer places of that name or alternate name,
 *    the country a lexicon country name or demonym points to, the counties
 *    of that name when the text says county ("Douglas, Sarpy and Lancaster
 *    counties"), and for a name no gazetteer lists, the notable place named
 *    inside it ("North Georgia", "Henderson County Jail", never "Madison
 *    Avenue");
 *  - each candidate has a prior: feature importance (country, division,
 *    capital, seat, populated place, neighbourhood), population, whether the
 *    name is its own name or only an alternate one (an old name of a far
 *    city weighs less where the name is a town's own: "Berea"), agreement
 *    with the entity type;
 *  - local context adds to it: a qualifier after the name ("Paris, Texas",
 *    "X, Ukraine", "X in southern Belarus"), cue words ("the city of X",
 *    "X region", "the X river", "X County", "X police"), and the countries
 *    the document names or is about (by their names and demonyms, and by
 *    its other places; a place is no evidence for its own country);
 *  - spatial coherence settles the rest: candidates near, inside or
 *    containing the likely places of the document's other toponyms gain,
 *    iterated a few rounds so that unambiguous names pull ambiguous ones
 *    ("Georgia" beside Tbilisi is the country; beside Atlanta the state);
 *    neighbours within 25 km explain each other whatever their odds, unless
 *    the prior rules a reading out; two names of one place support the
 *    others once.
 * The confidence is the candidate's share of the probability mass, scaled
 * down when the evidence is thin.
 *
 * Cost: linear in the names of an article.  The coherence of each name is
 * bounded to the COHERE_WINDOW names around it and MAX_CANDS candidates
 * each; names are grouped through a hash table of their keys, and the
 * longer names a name may stand for are one run of the names sorted by key.
 * The support between two candidates is computed once, not per round, and
 * kept only where it is not nothing (most pairs of places lie far apart);
 * priors and points come precomputed with the gazetteer.  Nothing is
 * allocated per candidate.
 */
#include "gazetteer.h"
#include "lexicon.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the toponyms of a document ---- */

enum { MAX_CANDS = 24, ROUNDS = 3, TOP_READINGS = 5, COHERE_WINDOW = 60 };
#define READING_FLOOR 0.25
#define PAIR_FLOOR 0.9
#define PAIR_GAP 4.0

struct cand {
    const struct kb_gaz_place *p;
    bool named;   /* the name is the place's own, not an alternate */
    bool foreign; /* an alternate sharing no word with the place's own name
                     ("Berea" for Aleppo, unlike "New York" for New York City) */
    bool own;     /* named, or a place listed by hand */
    uint8_t kind; /* enum cand_kind */
    uint16_t cc;  /* the country code's two letters, 0: none */
    int16_t slot; /* cc_slot() of the country code */
    char a1[8];   /* the admin1 code, NUL-padded */
    double x, y, z; /* the point on the unit sphere */
    double pri;   /* prior() of the place */
    double base;  /* prior + local context */
    double score; /* base + coherence */
    double raw;   /* base + coherence before the country bonus, this round (cohere) */
    double prob;  /* share of the group's probability mass */
    double lw;    /* its weight as a reading supporting others this round,
                     0 when it weighs too little to count or its name is a
                     duplicate (live_readings) */
    size_t link, nlink; /* its supporting readings in ctx.links (make_links) */
};

enum cand_kind { KIND_OTHER, KIND_COUNTRY, KIND_ADM1 };

enum group_cues {
    CUE_CITY = 1 << 0,     /* "the city of X", "X city" */
    CUE_REGION = 1 << 1,   /* "X region", "X oblast", "the state of X" */
    CUE_COUNTY = 1 << 2,   /* "X County" (lower-case after), "county of X" */
    CUE_RIVER = 1 << 3,    /* "the X river" */
};

struct group {
    size_t key, klen;        /* the name key, in ctx.keys */
    size_t lkey, lklen;      /* the key its candidates were found by (a name inside
                                "Henderson County Jail", "North Georgia"), in ctx.keys */
    uint64_t hkey, hlkey;    /* hashes of the two keys */
    size_t first;            /* entity index of the first mention */
    size_t nment;            /* mentions */
    size_t cand, ncand;      /* candidates in ctx.cands */
    const uint32_t *post;    /* the places of the lookup key (gazetteer-owned) */
    size_t npost;
    unsigned cues;           /* enum group_cues */
    int etype;               /* entity type of the first mention */
    int own_country;         /* cc slot when the name is a lexicon country name, else -1 */
    int implied;             /* cc slot its likely place counts for (implied_countries), or -1 */
    int32_t alias;           /* group whose place this one takes, or -1 */
    int32_t best;            /* index in ctx.cands, or -1 */
    const struct kb_gaz_place *top; /* its likely place (probability >= 0.5), or NULL */
    bool dup;                /* an earlier name is likely the same place ("Ky.",
                                "Kentucky"): it supports the others once */
    bool moved;              /* a reading's raw score changed this round (cohere) */
    /* qualifiers: groups named right after a mention ("X, Y", "X in Y") */
    int32_t qual[4];
    size_t nqual;
    /* peers: groups listed beside a mention ("California, Texas and Ohio") */
    int32_t peer[4];
    size_t npeer;
};

/* A candidate of another toponym that supports a candidate (see cohere):
   what does not change from round to round. */
struct link {
    uint32_t group; /* the other toponym's group */
    uint32_t cand;  /* its candidate, an index in ctx.cands */
    double sup;     /* support(), 0 excluded */
    bool floor;     /* neighbours: the reading weighs PAIR_FLOOR at least */
};

/* A link while the links are made, and the candidate it supports. */
struct pending {
    uint32_t owner; /* an index in ctx.cands */
    struct link l;
};

struct region_hint {
    char cc[3];
    char admin1[8];
    float w;
};

struct ctx {
    const struct kb_extractor *ex;
    const struct kb_gazetteer *gaz;
    struct kb_doc *doc;
    struct kb_buf keys;   /* name keys of the groups */
    struct kb_buf tmp;    /* scratch */
    KB_VEC(struct group) groups;
    KB_VEC(struct cand) cands;
    int32_t *ent_group;   /* entity -> group, or -1 */
    int32_t *tstart;      /* token -> the toponym entity starting there, or -1 */
    int32_t *tend;        /* token -> the toponym entity ending before it, or -1 */
    float country_w[26 * 26]; /* how much the document is about each country */
    /* implied_countries(): the countries that gain, a bit per cc slot */
    uint64_t gains[(26 * 26 + 63) / 64];
    /* the last country_bonus() values, by the country's cc slot mod 16
       (slot -1: none) */
    struct {
        int slot;
        float w;
        double v;
    } bonus[16];
    /* divisions named inside other names ("the Texas Forest Service") */
    KB_VEC(struct region_hint) regions;
    /* the readings that support each candidate (cand.link, cand.nlink
       index this), for every round of coherence */
    KB_VEC(struct link) links;
    KB_VEC(struct pending) pending; /* links while they are made */
    /* the groups by name: open addressing over both keys of each group,
       slots hold group index + 1 (0: empty); sized for every toponym */
    uint32_t *gtab;
    size_t gmask;
    /* the groups by likely place (mark_duplicates), sized like gtab */
    uint32_t *ttab;
    size_t tmask;
    /* last, not zeroed (kb_places_resolve): written before it is read */
    uint16_t implied[26 * 26]; /* the countries that gain, in order */
    float implied_w[26 * 26];  /* what each of them gains (set where gains says) */
};

static int cc_slot(const char *cc)
{
    if (!cc || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z')
        return -1;
    return (cc[0] - 'A') * 26 + (cc[1] - 'A');
}

static bool is_toponym(const struct kb_entity *e)
{
    return e->type == KB_ENT_GPE || e->type == KB_ENT_LOC || e->type == KB_ENT_FAC;
}

static bool is_country(const struct kb_gaz_place *p)
{
    return p->fclass == 'A' && strncmp(p->fcode, "PCL", 3) == 0;
}

static bool is_adm1(const struct kb_gaz_place *p)
{
    return p->fclass == 'A' && strcmp(p->fcode, "ADM1") == 0;
}

static bool is_adm2(const struct kb_gaz_place *p)
{
    return p->fclass == 'A' && strcmp(p->fcode, "ADM2") == 0;
}

/* Does candidate a (a country or division) contain candidate b? */
static inline bool contains(const struct cand *a, const struct cand *b)
{
    if (a->p == b->p || !a->cc || a->cc != b->cc)
        return false;
    if (a->kind == KIND_COUNTRY)
        return b->kind != KIND_COUNTRY;
    if (a->kind == KIND_ADM1)
        return b->kind == KIND_OTHER && memcmp(a->a1, b->a1, sizeof a->a1) == 0;
    return false;
}

/* ---- candidates and their prior ---- */

/* The phrase key of tokens [tok, end) into out. */
static int tokens_key(const struct kb_doc *doc, size_t tok, size_t end, struct kb_buf *out)
{
    kb_buf_reset(out);
    for (size_t t = tok; t < end; t++) {
        if (t > tok && (doc->toks.v[t].flags & (KB_TF_SPACE | KB_TF_NL)) &&
            kb_buf_addc(out, ' '))
            return KB_ENOMEM;
        size_t fl;
        const char *f = kb_tok_fold(doc, t, &fl);
        if (kb_buf_add(out, f, fl))
            return KB_ENOMEM;
    }
    return KB_OK;
}

/* The phrase key of the tokens of entity e into out. */
static int entity_key(const struct kb_doc *doc, const struct kb_entity *e, struct kb_buf *out)
{
    return tokens_key(doc, e->tok, e->tok + e->ntok, out);
}

/* The extra data of place p (struct kb_gaz_extra), or NULL (a gazetteer
   database has none). */
static const struct kb_gaz_extra *extra_of(const struct kb_gazetteer *gaz,
                                           const struct kb_gaz_place *p)
{
    if (!gaz->extra)
        return NULL;
    return &gaz->extra[p - gaz->places.v];
}

/* The phrase key of the candidate's own name: in the gazetteer's keys, or
   made into ctx.tmp; *len its length. */
static const char *own_key(struct ctx *C, const struct kb_gaz_place *p, size_t *len)
{
    const struct kb_gaz_extra *x = extra_of(C->gaz, p);
    if (x) {
        if (x->own == KB_GAZ_NONE) {
            *len = 0;
            return "";
        }
        *len = C->gaz->keys[x->own].len;
        return C->gaz->strings + C->gaz->keys[x->own].off;
    }
    kb_buf_reset(&C->tmp);
    if (kb_phrase_key(p->name, strlen(p->name), &C->tmp))
        return NULL;
    *len = C->tmp.len;
    return C->tmp.data;
}

/* Is the group's key the candidate's own name (not only an alternate)? */
static bool own_name(struct ctx *C, const struct group *g, const struct kb_gaz_place *p)
{
    size_t nl;
    const char *n = own_key(C, p, &nl);
    if (!n)
        return true;
    return nl == g->lklen && memcmp(n, C->keys.data + g->lkey, nl) == 0;
}

/* Does a word of the group's key occur in the candidate's own name? */
static bool shares_word(struct ctx *C, const struct group *g, const struct kb_gaz_place *p)
{
    const char *k = C->keys.data + g->lkey, *end = k + g->lklen;
    size_t nl;
    const char *n = own_key(C, p, &nl);
    if (!n)
        return false;
    const char *nend = n + nl;
    while (k < end) {
        const char *w = k;
        while (k < end && *k != ' ')
            k++;
        size_t wl = (size_t)(k - w);
        for (const char *x = n; wl >= 3 && x + wl <= nend; x++)
            if ((x == n || x[-1] == ' ') && (x + wl == nend || x[wl] == ' ') &&
                memcmp(x, w, wl) == 0)
                return true;
        k++;
    }
    return false;
}

/* Add place p to the candidates of group g, unless it is one already (not
   looked at when `fresh`: the places of one key are distinct). */
static int add_cand(struct ctx *C, struct group *g, const struct kb_gaz_place *p, bool fresh)
{
    for (size_t k = g->cand; !fresh && k < g->cand + g->ncand; k++)
        if (C->cands.v[k].p == p)
            return KB_OK;
    if (KB_VEC_RESERVE(&C->cands, C->cands.n + 1))
        return KB_ENOMEM;
    struct cand *c = &C->cands.v[C->cands.n]; /* filled in place */
    memset(c, 0, sizeof *c);
    c->p = p;
    const struct kb_gaz_extra *x = extra_of(C->gaz, p);
    c->pri = c->base = x ? x->prior : kb_gaz_prior(p);
    c->kind = is_country(p) ? KIND_COUNTRY : is_adm1(p) ? KIND_ADM1 : KIND_OTHER;
    c->slot = (int16_t)cc_slot(p->cc);
    if (p->cc[0] && p->cc[1])
        c->cc = (uint16_t)((unsigned char)p->cc[0] << 8 | (unsigned char)p->cc[1]);
    memcpy(c->a1, p->admin1, strnlen(p->admin1, sizeof c->a1));
    if (x) {
        c->x = x->x;
        c->y = x->y;
        c->z = x->z;
    } else {
        double xyz[3];
        kb_gaz_point(p, xyz);
        c->x = xyz[0];
        c->y = xyz[1];
        c->z = xyz[2];
    }
    C->cands.n++;
    g->ncand++;
    return KB_OK;
}

/* Sort the candidates v[0..n) by base, highest first, keeping the order
   of equals, and keep the first MAX_CANDS; returns how many are kept. */
static size_t sort_cands(struct cand *v, size_t n)
{
    if (n <= 8) { /* in place */
        for (size_t i = 1; i < n; i++) {
            if (!(v[i].base > v[i - 1].base))
                continue;
            struct cand c = v[i];
            size_t j = i;
            while (j > 0 && c.base > v[j - 1].base) {
                v[j] = v[j - 1];
                j--;
            }
            v[j] = c;
        }
        return n;
    }
    /* the best MAX_CANDS by their bases, then moved into place */
    struct {
        double base;
        size_t i;
    } top[MAX_CANDS];
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        double b = v[i].base;
        if (m == MAX_CANDS && !(b > top[m - 1].base))
            continue;
        size_t j = m < MAX_CANDS ? m++ : m - 1;
        for (; j > 0 && b > top[j - 1].base; j--)
            top[j] = top[j - 1];
        top[j].base = b;
        top[j].i = i;
    }
    struct cand kept[MAX_CANDS];
    for (size_t j = 0; j < m; j++)
        kept[j] = v[top[j].i];
    memcpy(v, kept, m * sizeof *v);
    return m;
}

/* ---- local context of a mention ---- */

static const char *const direction_words[] = {
    "southern", "northern", "eastern", "western", "central", "south", "north", "east",
    "west", "southeastern", "southwestern", "northeastern", "northwestern", "south-east",
    "south-west", "north-east", "north-west", "southeast", "southwest", "northeast",
    "northwest", "neighbouring", "neighboring", "rural", "coastal", "upstate"};
static const char *const region_words[] = {"region", "oblast", "province", "state",
                                           "governorate", "prefecture", "territory",
                                           "krai", "kray", "voivodeship", "department"};

static bool tok_in(const struct kb_doc *doc, size_t t, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (kb_tok_is(doc, t, words[i]))
            return true;
    return false;
}

/* The toponym entity starting at token t, or -1. */
static int32_t toponym_at(const struct ctx *C, size_t t)
{
    return t < C->doc->toks.n ? C->tstart[t] : -1;
}

/* The toponym entity ending at token t (exclusive), or -1. */
static int32_t toponym_ending(const struct ctx *C, size_t t)
{
    return t <= C->doc->toks.n ? C->tend[t] : -1;
}

/* Are "X, Y" items of a list ("A, X, Y and B") rather than a place and its
   qualifier? */
static bool in_list(const struct ctx *C, const struct kb_entity *x, const struct kb_entity *y)
{
    const struct kb_doc *doc = C->doc;
    const struct kb_sentence *s = &doc->sents.v[x->sent];
    size_t ye = y->tok + y->ntok;
    if (ye < s->tok_end && (kb_tok_is(doc, ye, "and") || kb_tok_is(doc, ye, "or") ||
                            kb_tok_is(doc, ye, "&")))
        return true;
    if (ye + 1 < s->tok_end && kb_tok_is(doc, ye, ",") && toponym_at(C, ye + 1) >= 0)
        return true;
    if (x->tok >= s->tok_begin + 2 && kb_tok_is(doc, x->tok - 1, ",") &&
        toponym_ending(C, x->tok - 1) >= 0)
        return true;
    return false;
}

/* The toponyms listed right before and after entity e ("A, B and C"). */
static size_t list_peers(const struct ctx *C, const struct kb_entity *e, int32_t *out)
{
    const struct kb_doc *doc = C->doc;
    const struct kb_sentence *s = &doc->sents.v[e->sent];
    size_t n = 0, te = e->tok + e->ntok, t = te;
    bool comma = false, conj = false;
    /* after: "e, q", "e and q", "e, and q" */
    if (t < s->tok_end && kb_tok_is(doc, t, ",")) {
        comma = true;
        t++;
    }
    if (t < s->tok_end && (kb_tok_is(doc, t, "and") || kb_tok_is(doc, t, "or"))) {
        conj = true;
        t++;
    }
    int32_t q = (comma || conj) && t < s->tok_end ? toponym_at(C, t) : -1;
    if (q >= 0 && (conj || in_list(C, e, &doc->ents.v[q])))
        out[n++] = q;
    /* before: "p, e", "p and e", "p, and e" */
    if (e->tok < s->tok_begin + 2)
        return n;
    size_t b = e->tok;
    comma = conj = false;
    if (kb_tok_is(doc, b - 1, "and") || kb_tok_is(doc, b - 1, "or")) {
        conj = true;
        b--;
    }
    if (b > s->tok_begin && kb_tok_is(doc, b - 1, ",")) {
        comma = true;
        b--;
    }
    int32_t p = comma || conj ? toponym_ending(C, b) : -1;
    if (p >= 0 && (conj || in_list(C, &doc->ents.v[p], e)))
        out[n++] = p;
    return n;
}

/* The kind of a place for list parallelism: 0 country, 1 division, 2 other. */
static int kind_of(const struct kb_gaz_place *p)
{
    return is_country(p) ? 0 : p->fclass == 'A' ? 1 : 2;
}

/* The kind of place a plural after a list names: "Douglas, Sarpy and
   Lancaster counties", "the Ohio and Mississippi rivers". */
static unsigned list_tail_cue(const struct ctx *C, const struct kb_entity *e)
{
    const struct kb_doc *doc = C->doc;
    const struct kb_sentence *s = &doc->sents.v[e->sent];
    size_t t = e->tok + e->ntok;
    bool list = e->tok > s->tok_begin && (kb_tok_is(doc, e->tok - 1, "and") ||
                                          kb_tok_is(doc, e->tok - 1, "or") ||
                                          kb_tok_is(doc, e->tok - 1, ","));
    for (int items = 0; items < 8 && t < s->tok_end; items++) {
        size_t u = t;
        if (kb_tok_is(doc, u, ","))
            u++;
        if (u < s->tok_end && (kb_tok_is(doc, u, "and") || kb_tok_is(doc, u, "or")))
            u++;
        if (u == t || u >= s->tok_end)
            break;
        int32_t q = toponym_at(C, u);
        if (q >= 0)
            t = u + doc->ents.v[q].ntok;
        else if (doc->toks.v[u].flags & KB_TF_CAP)
            t = u + 1;
        else
            break;
        list = true;
    }
    if (!list || t >= s->tok_end || !(doc->toks.v[t].flags & KB_TF_LOWER))
        return 0;
    if (kb_tok_is(doc, t, "counties") || kb_tok_is(doc, t, "parishes"))
        return CUE_COUNTY;
    if (kb_tok_is(doc, t, "states") || kb_tok_is(doc, t, "provinces") ||
        kb_tok_is(doc, t, "regions") || kb_tok_is(doc, t, "oblasts"))
        return CUE_REGION;
    if (kb_tok_is(doc, t, "rivers"))
        return CUE_RIVER;
    if (kb_tok_is(doc, t, "cities") || kb_tok_is(doc, t, "towns"))
        return CUE_CITY;
    return 0;
}

/* Cue words around entity e, and the toponym qualifying it ("X, Y", "X in
   southern Y"); returns that qualifier's entity index or -1. */
static int32_t read_context(const struct ctx *C, const struct kb_entity *e, unsigned *cues)
{
    const struct kb_doc *doc = C->doc;
    const struct kb_sentence *s = &doc->sents.v[e->sent];
    size_t te = e->tok + e->ntok;
    /* before: "the city of X", "the state of X", "county of X" */
    if (e->tok >= s->tok_begin + 2 && kb_tok_is(doc, e->tok - 1, "of")) {
        size_t w = e->tok - 2;
        if (kb_tok_is(doc, w, "city") || kb_tok_is(doc, w, "town") ||
            kb_tok_is(doc, w, "village") || kb_tok_is(doc, w, "capital"))
            *cues |= CUE_CITY;
        else if (tok_in(doc, w, region_words, KB_ARRAY_LEN(region_words)))
            *cues |= CUE_REGION;
        else if (kb_tok_is(doc, w, "county"))
            *cues |= CUE_COUNTY;
    }
    /* after: "X city", "X region", "X county", "X river" (lower case: not part of the name) */
    if (te < s->tok_end && (doc->toks.v[te].flags & KB_TF_LOWER)) {
        if (kb_tok_is(doc, te, "city"))
            *cues |= CUE_CITY;
        else if (tok_in(doc, te, region_words, KB_ARRAY_LEN(region_words)))
            *cues |= CUE_REGION;
        else if (kb_tok_is(doc, te, "county") || kb_tok_is(doc, te, "parish") ||
                 kb_tok_is(doc, te, "district"))
            *cues |= CUE_COUNTY;
        else if (kb_tok_is(doc, te, "river"))
            *cues |= CUE_RIVER;
    }
    if (e->tok > s->tok_begin && kb_tok_is(doc, e->tok - 1, "river"))
        *cues |= CUE_RIVER;
    *cues |= list_tail_cue(C, e);
    /* "Berea police", "the Mansfield Police Department", "Mansfield Mayor":
       offices of a town */
    if (te < s->tok_end && (kb_tok_is(doc, te, "police") || kb_tok_is(doc, te, "mayor") ||
                            kb_tok_is(doc, te, "aldermen") ||
                            kb_tok_is(doc, te, "councilman") ||
                            kb_tok_is(doc, te, "councilwoman")))
        *cues |= CUE_CITY;
    /* "the New York Governor", "X's legislature": offices of a state */
    if (te < s->tok_end && (kb_tok_is(doc, te, "governor") || kb_tok_is(doc, te, "gov.") ||
                            kb_tok_is(doc, te, "legislature") ||
                            kb_tok_is(doc, te, "statehouse")))
        *cues |= CUE_REGION;
    /* "X, Y" -- but not in a list ("Washington, New York and Boston") */
    if (te + 1 < s->tok_end && kb_tok_is(doc, te, ",")) {
        int32_t q = toponym_at(C, te + 1);
        if (q < 0 || in_list(C, e, &doc->ents.v[q]))
            return -1;
        return q;
    }
    /* "X in (southern) Y", "X, in Y" ("near" is nearness, left to coherence) */
    size_t t = te;
    if (t < s->tok_end && kb_tok_is(doc, t, ","))
        t++;
    if (t + 1 < s->tok_end && kb_tok_is(doc, t, "in")) {
        t++;
        if (t + 1 < s->tok_end && kb_tok_is(doc, t, "the"))
            t++;
        if (t + 1 < s->tok_end && tok_in(doc, t, direction_words, KB_ARRAY_LEN(direction_words)))
            t++;
        return toponym_at(C, t);
    }
    return -1;
}

static double cue_score(unsigned cues, const struct kb_gaz_place *p)
{
    double s = 0;
    if (cues & CUE_CITY)
        s += p->fclass == 'P' ? 4 : -2;
    if (cues & CUE_REGION)
        s += is_adm1(p) ? 7 : p->fclass == 'A' || p->fclass == 'L' ? 3 : -2;
    if (cues & CUE_COUNTY)
        s += is_adm2(p) ? 7 : -1;
    if (cues & CUE_RIVER)
        s += p->fclass == 'H' ? 8 : -3;
    return s;
}

/* Words naming a part of a place ("North Georgia", "Western Massachusetts"). */
static const char *const part_words[] = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "northeast", "northwest", "southeast", "southwest", "northeastern",
    "northwestern", "southeastern", "southwestern", "upper", "lower", "mid", "inner",
    "outer", "downtown"};
/* Head words of streets and roads: "Washington Street" is not in Washington. */
static const char *const street_words[] = {
    "street", "st", "st.", "avenue", "ave", "ave.", "road", "rd", "rd.", "drive", "dr.",
    "lane", "boulevard", "blvd", "blvd.", "way", "highway", "hwy", "hwy.", "parkway",
    "pkwy", "court", "place", "square", "circle", "terrace", "trail", "pike", "turnpike",
    "expressway", "freeway", "bridge", "row", "alley", "crescent", "close", "mall",
    "plaza", "heights", "hills", "estate", "estates", "park", "gardens", "village"};

/*
 * A notable place named inside a name that no gazetteer lists: after words
 * naming a part of it ("North Georgia", "Sub-Saharan Africa") or at the start
 * of a facility or body named after it ("Henderson County Jail", "London
 * International Airport"), never at the start of a street ("Madison Avenue").
 * Returns the place name's first token in *tok and its length in tokens (0:
 * none), its place indexes in *v, *n.
 */
static size_t inner_place(struct ctx *C, const struct kb_entity *e, size_t *tok,
                          const uint32_t **v, size_t *n)
{
    const struct kb_doc *doc = C->doc;
    size_t t = e->tok, end = e->tok + e->ntok;
    bool part = false;
    for (;;) {
        if (t + 1 < end && tok_in(doc, t, part_words, KB_ARRAY_LEN(part_words))) {
            t++;
            if (t + 1 < end && kb_tok_is(doc, t, "-"))
                t++;
        } else if (t + 3 < end && kb_tok_is(doc, t, "sub") && kb_tok_is(doc, t + 1, "-")) {
            t += 3; /* "Sub-Saharan Africa" */
        } else {
            break;
        }
        part = true;
    }
    const uint32_t *pv;
    size_t pn, len = kb_gazetteer_match(C->gaz, doc, t, end, &C->tmp, &pv, &pn);
    if (len == 0 || (t + len == end && !part))
        return 0;
    for (size_t k = t + len; k < end; k++)
        if (tok_in(doc, k, street_words, KB_ARRAY_LEN(street_words)))
            return 0;
    *v = pv;
    *n = pn;
    *tok = t;
    return len;
}

/* ---- building the groups ---- */

/* The group named by key, or the one whose candidates were found by it
   ("Boone County" and "Boone County Jail"), or -1; the first such group
   when several are.  One hash probe: a document may name thousands.  h is
   key_hash() of the key. */
static int32_t find_group(struct ctx *C, const char *key, size_t klen, uint64_t h)
{
    int32_t found = -1;
    for (size_t s = h & C->gmask; C->gtab[s]; s = (s + 1) & C->gmask) {
        int32_t i = (int32_t)C->gtab[s] - 1;
        const struct group *g = &C->groups.v[i];
        if ((found < 0 || i < found) &&
            ((g->hkey == h && g->klen == klen &&
              memcmp(C->keys.data + g->key, key, klen) == 0) ||
             (g->hlkey == h && g->lklen == klen &&
              memcmp(C->keys.data + g->lkey, key, klen) == 0)))
            found = i;
    }
    return found;
}

/* The hash of a name key in the table of groups: the low 32 bits of
   kb_hash_bytes(), which a token carries for its folded form (kb_token.hash). */
static uint64_t key_hash(const char *key, size_t klen)
{
    return (uint32_t)kb_hash_bytes(key, klen);
}

/* Enter group gi under hash h in the table of groups. */
static void index_group(struct ctx *C, uint64_t h, size_t gi)
{
    size_t s = h & C->gmask;
    while (C->gtab[s])
        s = (s + 1) & C->gmask;
    C->gtab[s] = (uint32_t)gi + 1;
}

/* A new group for entity i named key, its places v[0..n) found by
   lkey[0..lklen) (NULL: key), kh and lkh the two keys' hashes; its index, or
   -1 when out of memory. */
static int32_t new_group(struct ctx *C, size_t i, const char *key, size_t klen, uint64_t kh,
                         const char *lkey, size_t lklen, uint64_t lkh, const uint32_t *v,
                         size_t n)
{
    const struct kb_entity *e = &C->doc->ents.v[i];
    struct group g;
    memset(&g, 0, sizeof g);
    g.key = g.lkey = C->keys.len;
    g.klen = g.lklen = klen;
    g.first = i;
    g.etype = e->type;
    g.alias = -1;
    g.best = -1;
    g.own_country = -1;
    g.implied = -1;
    g.post = v;
    g.npost = n;
    if (kb_buf_add(&C->keys, key, klen))
        return -1;
    if (lkey) {
        g.lkey = C->keys.len;
        g.lklen = lklen;
        if (kb_buf_add(&C->keys, lkey, lklen))
            return -1;
    }
    /* a country name of the lexicon: its country is a candidate, and its
       own mentions are no evidence for it */
    const struct kb_country *lc = e->type == KB_ENT_GPE && e->country
                                      ? kb_lexicon_country(C->ex->lex, e->country)
                                      : NULL;
    if (lc && e->name && strcmp(lc->name, e->name) == 0)
        g.own_country = cc_slot(e->country);
    g.hkey = kh;
    g.hlkey = lkey ? lkh : kh;
    if (KB_VEC_PUSH(&C->groups, g))
        return -1;
    index_group(C, g.hkey, C->groups.n - 1);
    if (g.hlkey != g.hkey)
        index_group(C, g.hlkey, C->groups.n - 1);
    return (int32_t)C->groups.n - 1;
}

/* The places of name key + suffix ("Douglas" + " county"), count in *n. */
static const uint32_t *lookup_suffixed(struct ctx *C, const struct group *g, const char *suffix,
                                       size_t *n)
{
    *n = 0;
    kb_buf_reset(&C->tmp);
    if (kb_buf_add(&C->tmp, C->keys.data + g->key, g->klen) ||
        kb_buf_add(&C->tmp, suffix, strlen(suffix)))
        return NULL;
    return kb_gazetteer_lookup(C->gaz, C->tmp.data, C->tmp.len, n);
}

/* The candidates of every group, each group's in one run of ctx.cands: the
   places of its name, its country, and the counties the text says it names
   ("Douglas, Sarpy and Lancaster counties"). */
static int gather_candidates(struct ctx *C)
{
    for (size_t gi = 0; gi < C->groups.n; gi++) {
        struct group *g = &C->groups.v[gi];
        g->cand = C->cands.n;
        /* the postings of a key of a compiled gazetteer are distinct places */
        bool fresh = C->gaz->extra != NULL;
        if (KB_VEC_RESERVE(&C->cands, C->cands.n + g->npost + 1))
            return KB_ENOMEM;
        for (size_t k = 0; k < g->npost; k++)
            if (add_cand(C, g, &C->gaz->places.v[g->post[k]], fresh))
                return KB_ENOMEM;
        if (g->own_country >= 0) {
            const struct kb_entity *e = &C->doc->ents.v[g->first];
            const struct kb_gaz_place *cp = kb_gazetteer_country(C->gaz, e->country);
            if (cp && add_cand(C, g, cp, false))
                return KB_ENOMEM;
        }
        if ((g->cues & CUE_COUNTY) && g->lkey == g->key) {
            static const char *const suffixes[] = {" county", " parish"};
            for (size_t x = 0; x < KB_ARRAY_LEN(suffixes); x++) {
                size_t n;
                const uint32_t *v = lookup_suffixed(C, g, suffixes[x], &n);
                for (size_t k = 0; k < n; k++)
                    if (add_cand(C, g, &C->gaz->places.v[v[k]], false))
                        return KB_ENOMEM;
            }
        }
    }
    return KB_OK;
}

static int build_groups(struct ctx *C)
{
    struct kb_doc *doc = C->doc;
    struct kb_buf key, ikey;
    kb_buf_init(&key);
    kb_buf_init(&ikey);
    int rc = KB_OK;
    for (size_t i = 0; i < doc->ents.n && !rc; i++) {
        const struct kb_entity *e = &doc->ents.v[i];
        C->ent_group[i] = -1;
        if (!is_toponym(e))
            continue;
        /* the name key: a word's is its folded form */
        const char *kd;
        size_t kl;
        uint64_t kh, ih = 0;
        if (e->ntok == 1) {
            kd = kb_tok_fold(doc, e->tok, &kl);
            kh = doc->toks.v[e->tok].hash;
        } else {
            if ((rc = entity_key(doc, e, &key)))
                break;
            kd = key.data;
            kl = key.len;
            kh = key_hash(kd, kl);
        }
        int32_t gi = find_group(C, kd, kl, kh);
        if (gi < 0) {
            size_t n;
            const uint32_t *v = kb_gazetteer_lookup(C->gaz, kd, kl, &n);
            if (n == 0 && e->name) { /* the canonical name ("U.S." -> United States) */
                kb_buf_reset(&C->tmp);
                if (kb_phrase_key(e->name, strlen(e->name), &C->tmp) == KB_OK)
                    v = kb_gazetteer_lookup(C->gaz, C->tmp.data, C->tmp.len, &n);
            }
            /* a place named inside an unlisted name: the toponym of that place */
            size_t itok = 0, ilen = 0;
            bool inner = n == 0 && !(e->type == KB_ENT_GPE && e->country) &&
                         (ilen = inner_place(C, e, &itok, &v, &n)) > 0;
            if (inner) {
                if ((rc = tokens_key(doc, itok, itok + ilen, &ikey)))
                    break;
                ih = key_hash(ikey.data, ikey.len);
                gi = find_group(C, ikey.data, ikey.len, ih);
            }
            if (gi < 0 && (gi = new_group(C, i, kd, kl, kh, inner ? ikey.data : NULL,
                                          ikey.len, ih, v, n)) < 0)
                rc = KB_ENOMEM;
        }
        if (rc)
            break;
        C->ent_group[i] = gi;
        C->groups.v[gi].nment++;
    }
    kb_buf_release(&key);
    kb_buf_release(&ikey);
    return rc;
}

/* The countries the document names (by name or demonym), once per mention. */
static void count_countries(struct ctx *C)
{
    const struct kb_doc *doc = C->doc;
    for (size_t i = 0; i < doc->ents.n; i++) {
        const struct kb_entity *e = &doc->ents.v[i];
        if (!e->country)
            continue;
        /* a demonym or the country's own name; a city's country is the
           resolver's to find, not evidence for it ("Paris" is no mention of
           France until it is resolved) */
        const struct kb_country *lc =
            e->type == KB_ENT_GPE ? kb_lexicon_country(C->ex->lex, e->country) : NULL;
        if (e->type == KB_ENT_NORP || (lc && e->name && strcmp(lc->name, e->name) == 0)) {
            int slot = cc_slot(e->country);
            if (slot >= 0 && C->country_w[slot] < 3)
                C->country_w[slot] += 1;
        }
    }
}

/*
 * Divisions named inside the names of organisations and other entities
 * ("Texas Forest Service", "Boone County Sheriff's Office", "Indiana State
 * Police"): weak evidence of where a local story happens.
 */
static int region_hints(struct ctx *C)
{
    const struct kb_doc *doc = C->doc;
    for (size_t i = 0; i < doc->ents.n; i++) {
        const struct kb_entity *e = &doc->ents.v[i];
        if (is_toponym(e) || e->type == KB_ENT_PERSON || e->type == KB_ENT_NORP)
            continue;
        for (size_t t = e->tok; t < e->tok + e->ntok; t++) {
            const uint32_t *v;
            size_t n, len = kb_gazetteer_match(C->gaz, doc, t, e->tok + e->ntok, &C->tmp, &v, &n);
            for (size_t k = 0; k < n; k++) {
                const struct kb_gaz_place *p = &C->gaz->places.v[v[k]];
                if (!is_adm1(p))
                    continue;
                size_t r = 0;
                while (r < C->regions.n && (strcmp(C->regions.v[r].cc, p->cc) != 0 ||
                                            strcmp(C->regions.v[r].admin1, p->admin1) != 0))
                    r++;
                if (r == C->regions.n) {
                    struct region_hint h;
                    memset(&h, 0, sizeof h);
                    snprintf(h.cc, sizeof h.cc, "%s", p->cc);
                    snprintf(h.admin1, sizeof h.admin1, "%s", p->admin1);
                    if (KB_VEC_PUSH(&C->regions, h))
                        return KB_ENOMEM;
                }
                if (C->regions.v[r].w < 1.5f)
                    C->regions.v[r].w += 0.5f;
            }
            if (len > 1)
                t += len - 1;
        }
    }
    return KB_OK;
}

static double region_score(const struct ctx *C, const struct kb_gaz_place *p)
{
    if (is_country(p) || is_adm1(p))
        return 0;
    for (size_t r = 0; r < C->regions.n; r++)
        if (strcmp(C->regions.v[r].cc, p->cc) == 0 && strcmp(C->regions.v[r].admin1, p->admin1) == 0)
            return 2.0 * C->regions.v[r].w;
    return 0;
}

/* The cues, qualifiers and list peers of every mention. */
static void read_mentions(struct ctx *C)
{
    const struct kb_doc *doc = C->doc;
    for (size_t i = 0; i < doc->ents.n; i++) {
        int32_t gi = C->ent_group[i];
        if (gi < 0)
            continue;
        struct group *g = &C->groups.v[gi];
        unsigned cues = 0;
        int32_t q = read_context(C, &doc->ents.v[i], &cues);
        g->cues |= cues;
        if (q >= 0 && C->ent_group[q] >= 0 && C->ent_group[q] != gi &&
            g->nqual < KB_ARRAY_LEN(g->qual)) {
            bool seen = false;
            for (size_t k = 0; k < g->nqual; k++)
                seen |= g->qual[k] == C->ent_group[q];
            if (!seen)
                g->qual[g->nqual++] = C->ent_group[q];
        }
        int32_t peers[2];
        size_t np = list_peers(C, &doc->ents.v[i], peers);
        for (size_t k = 0; k < np; k++) {
            int32_t pg = C->ent_group[peers[k]];
            bool seen = pg < 0 || pg == gi || g->npeer >= KB_ARRAY_LEN(g->peer);
            for (size_t j = 0; !seen && j < g->npeer; j++)
                seen = g->peer[j] == pg;
            if (!seen)
                g->peer[g->npeer++] = pg;
        }
    }
}

/* Local evidence of every mention, and the prior of every candidate. */
static int score_local(struct ctx *C)
{
    for (size_t gi = 0; gi < C->groups.n; gi++) {
        struct group *g = &C->groups.v[gi];
        struct cand *cv = C->cands.v + g->cand;
        /* an alternate name weighs less where the name is another place's
           own ("Berea" is Aleppo's old name, and a town in Kentucky) */
        bool owned = false;
        for (size_t k = 0; k < g->ncand; k++) {
            const struct kb_gaz_place *p = cv[k].p;
            cv[k].named = own_name(C, g, p);
            cv[k].foreign = !cv[k].named && !shares_word(C, g, p);
            cv[k].own = (p->flags & KB_GAZ_LISTED) || cv[k].named;
            owned |= cv[k].named && (p->fclass == 'P' || p->fclass == 'A');
        }
        for (size_t k = 0; k < g->ncand; k++) {
            const struct kb_gaz_place *p = cv[k].p;
            double s = cv[k].pri;
            if (!cv[k].own)
                s -= owned && cv[k].foreign ? 4.0 : 1.5;
            if (kb_gaz_entity_type(p) == g->etype)
                s += 1;
            s += cue_score(g->cues, p);
            s += region_score(C, p);
            /* a division named like a city is the city (Kharkiv, Donetsk, New
               York; "Kyiv" is not Kyiv Oblast), unless the text says region */
            if (is_adm1(p) && !(g->cues & CUE_REGION))
                for (size_t j = 0; j < g->ncand; j++) {
                    const struct kb_gaz_place *c = cv[j].p;
                    bool inside = contains(&cv[k], &cv[j]);
                    if (c->fclass == 'P' &&
                        ((inside && (c->population >= 100000 ||
                                     (c->population >= 15000 && cv[j].named))) ||
                         (c->population >= 100000 && cv[j].named &&
                          strcmp(c->cc, p->cc) == 0))) {
                        s -= cv[k].named ? 6 : 8;
                        break;
                    }
                }
            /* qualifiers: a candidate inside a place the qualifier may be */
            for (size_t qi = 0; qi < g->nqual; qi++) {
                const struct group *qg = &C->groups.v[g->qual[qi]];
                double best = 0;
                for (size_t j = 0; j < qg->ncand; j++) {
                    const struct cand *qc = &C->cands.v[qg->cand + j];
                    if (contains(qc, &cv[k]))
                        best = KB_MAX(best, qc->kind == KIND_COUNTRY ? 15.0 : 25.0);
                }
                s += best;
            }
            cv[k].base = s;
        }
        /* a qualifier is the place that contains its toponym ("Athens, Ga.") */
        for (size_t qi = 0; qi < g->nqual; qi++) {
            struct group *qg = &C->groups.v[g->qual[qi]];
            for (size_t j = 0; j < qg->ncand; j++) {
                struct cand *qc = &C->cands.v[qg->cand + j];
                for (size_t k = 0; k < g->ncand; k++)
                    if (contains(qc, &cv[k]) && cv[k].p->fclass != 'A') {
                        qc->base += 6;
                        break;
                    }
            }
        }
    }
    /* keep the strongest candidates of each group */
    for (size_t gi = 0; gi < C->groups.n; gi++) {
        struct group *g = &C->groups.v[gi];
        g->ncand = sort_cands(C->cands.v + g->cand, g->ncand);
    }
    return KB_OK;
}

/* ---- coherence ---- */

/*
 * How much candidate a of another toponym supports candidate b: 0..1 for
 * nearness or lying inside a; more for a division b holding a ("Georgia"
 * beside Atlanta is the state).
 */
/* The squared chord between two points of the unit sphere km apart. */
#define CHORD2(km) (4.0 * sin((km) / (2 * 6371.0088)) * sin((km) / (2 * 6371.0088)))

/* What support() says of two places neither of which contains the other:
   how near they are (the same both ways). */
static double nearness(const struct cand *ac, const struct cand *bc, bool *pair)
{
    if (ac->kind == KIND_COUNTRY || bc->kind == KIND_COUNTRY)
        return 0;
    bool same_admin = ac->cc && ac->cc == bc->cc && ac->a1[0] &&
                      memcmp(ac->a1, bc->a1, sizeof ac->a1) == 0;
    double dx = ac->x - bc->x, dy = ac->y - bc->y, dz = ac->z - bc->z;
    double c2 = dx * dx + dy * dy + dz * dz; /* grows with the distance */
    if (c2 >= CHORD2(600))
        return same_admin ? 0.6 : 0;
    /* next door: a town and its county, two neighbouring towns */
    *pair = c2 < CHORD2(25) && ac->kind != KIND_ADM1 && bc->kind != KIND_ADM1;
    double k = c2 < CHORD2(50) ? 1.0 : c2 < CHORD2(150) ? 0.7 : c2 < CHORD2(300) ? 0.35 : 0.1;
    if (same_admin && k < 0.6)
        k = 0.6;
    return k;
}

static double support(const struct cand *ac, const struct cand *bc, bool *pair)
{
    *pair = false;
    if (contains(bc, ac)) /* by its own name only: "Kyiv" beside Chernobyl is no oblast */
        return bc->kind == KIND_COUNTRY ? 0.3 : bc->own ? 3.6 : 1.0;
    if (contains(ac, bc))
        return ac->kind == KIND_COUNTRY ? 0.3 : 1.0;
    return nearness(ac, bc, pair);
}

/* support() both ways, the nearness computed once: how much a supports b
   (*ab) and b supports a (*ba); *pair: next door (the same both ways). */
static void support_both(const struct cand *a, const struct cand *b, double *ab, double *ba,
                         bool *pair)
{
    bool a_in_b = contains(b, a), b_in_a = contains(a, b);
    *pair = false;
    if (a_in_b || b_in_a) {
        *ab = support(a, b, pair);
        *ba = support(b, a, pair);
    } else {
        *ab = *ba = nearness(a, b, pair);
    }
}

/* Can candidate a support candidate b at all?  What support() says in few
   instructions for most pairs: places of two countries support each other
   only as neighbours. */
static inline bool may_support(const struct cand *a, const struct cand *b)
{
    if (a->cc && a->cc == b->cc)
        return true;
    if (a->kind == KIND_COUNTRY || b->kind == KIND_COUNTRY)
        return false;
    double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
    return dx * dx + dy * dy + dz * dz < CHORD2(600);
}

/* What a candidate gains from a country the document is about w >= 0
   (w is the same for most candidates of a country: the last is kept). */
static inline double country_bonus(struct ctx *C, int slot, float w)
{
    size_t i = (size_t)slot & 15;
    if (C->bonus[i].slot != slot || C->bonus[i].w != w) {
        C->bonus[i].slot = slot;
        C->bonus[i].w = w;
        C->bonus[i].v = 2.0 * log(1.0 + 4.0 * w);
    }
    return C->bonus[i].v;
}

static void normalise(struct ctx *C, struct group *g, bool with_coherence)
{
    struct cand *cv = C->cands.v + g->cand;
    if (g->ncand == 1) { /* whatever its score: exp(0) / exp(0) */
        cv[0].prob = 1.0;
        return;
    }
    double mx = -1e300, sum = 0;
    for (size_t k = 0; k < g->ncand; k++) {
        double s = with_coherence ? cv[k].score : cv[k].base;
        int slot = cv[k].slot;
        if (g->own_country >= 0 && cv[k].p->fclass != 'A')
            slot = -1; /* a town named like a country gains nothing from that country */
        if (slot >= 0) {
            float w = C->country_w[slot];
            if (slot == g->own_country)
                w -= (float)g->nment; /* its own mentions are no evidence */
            if (slot == g->implied)
                w -= 0.5f; /* nor is its own likely place */
            s += country_bonus(C, slot, KB_MAX(w, 0.0f));
        }
        cv[k].score = s;
        mx = KB_MAX(mx, s);
    }
    for (size_t k = 0; k < g->ncand; k++)
        sum += cv[k].prob = cv[k].score == mx ? 1.0 : exp(cv[k].score - mx);
    for (size_t k = 0; k < g->ncand; k++)
        cv[k].prob /= sum;
}

/* The countries of the places the text names with little doubt count as
   countries the text is about (a local story names its own country rarely). */
static void implied_countries(struct ctx *C)
{
    float *add = C->implied_w; /* set where C->gains says (zeroed ctx; called once) */
    size_t n = 0;
    for (size_t gi = 0; gi < C->groups.n; gi++) {
        struct group *g = &C->groups.v[gi];
        for (size_t k = 0; k < g->ncand; k++) {
            const struct cand *c = &C->cands.v[g->cand + k];
            int slot = c->slot;
            if (c->prob >= 0.8 && slot >= 0 && !is_country(c->p) && g->own_country < 0) {
                if (!(C->gains[slot / 64] >> (slot % 64) & 1)) {
                    C->gains[slot / 64] |= 1ull << (slot % 64);
                    add[slot] = 0;
                    C->implied[n++] = (uint16_t)slot;
                }
                add[slot] += 0.5f;
                g->implied = slot;
            }
        }
    }
    /* only the countries that gain: the others' weights (whole numbers up to
       3, from count_countries) would stay as they are */
    for (size_t x = 0; x < n; x++) {
        size_t i = C->implied[x];
        C->country_w[i] = KB_MIN(C->country_w[i] + KB_MIN(add[i], 1.0f), 3.0f);
    }
}

/* Did implied_countries() change what normalise() finds for group g: does
   it count for a country, or is a candidate in a country that gained? */
static bool implied_changes(const struct ctx *C, const struct group *g)
{
    if (g->implied >= 0)
        return true;
    for (size_t k = 0; k < g->ncand; k++) {
        int slot = C->cands.v[g->cand + k].slot;
        if (slot >= 0 && (C->gains[slot / 64] >> (slot % 64) & 1))
            return true;
    }
    return false;
}

/* Each group's likely place, and whether an earlier group near it in the
   text is likely the same place. */
static void mark_duplicates(struct ctx *C)
{
    /* the last group so far of each likely place: open addressing by the
       place's index, slots hold group index + 1 (0: empty) */
    memset(C->ttab, 0, (C->tmask + 1) * sizeof *C->ttab);
    for (size_t gi = 0; gi < C->groups.n; gi++) {
        struct group *g = &C->groups.v[gi];
        g->top = NULL;
        g->dup = false;
        for (size_t k = 0; k < g->ncand; k++)
            if (C->cands.v[g->cand + k].prob >= 0.5)
                g->top = C->cands.v[g->cand + k].p;
        if (!g->top)
            continue;
        size_t lo = gi > COHERE_WINDOW ? gi - COHERE_WINDOW : 0;
        size_t s = (size_t)(g->top - C->gaz->places.v) * 0x9E3779B1u & C->tmask;
        while (C->ttab[s] && C->groups.v[C->ttab[s] - 1].top != g->top)
            s = (s + 1) & C->tmask;
        g->dup = C->ttab[s] && C->ttab[s] - 1 >= lo;
        C->ttab[s] = (uint32_t)gi + 1;
    }
}

/*
 * The readings of each group that weigh in this round: its likely ones, and
 * its leading ones at a floor (two small places that explain each other, a
 * town and its county, can win over their famous namesakes together); the
 * rest weigh too little to count.  Listed once per round, not once per
 * reading of every name around.
 */
static void live_readings(struct ctx *C)
{
    for (size_t gi = 0; gi < C->groups.n; gi++) {
        const struct group *h = &C->groups.v[gi];
        for (size_t j = 0; j < h->ncand; j++) {
            struct cand *hc = &C->cands.v[h->cand + j];
            double w = j < TOP_READINGS ? KB_MAX(hc->prob, READING_FLOOR) : hc->prob;
            /* a name likely the same place as an earlier one supports none */
            hc->lw = w < 0.05 || h->dup ? 0 : w;
        }
    }
}

/* The link by which candidate ja of group ga supports candidate jb of
   group gb, if it does, into ctx.pending: support() says sup and pair. */
static int link_pair(struct ctx *C, size_t ga, size_t ja, size_t gb, size_t jb, double sup,
                     bool pair)
{
    const struct group *g = &C->groups.v[gb], *h = &C->groups.v[ga];
    const struct cand *hc = &C->cands.v[h->cand + ja], *c = &C->cands.v[g->cand + jb];
    if (!(sup > 0))
        return KB_OK;
    /* a country's name is the country unless the text says otherwise
       ("China, Texas"): only a place next door makes it a town of that name */
    if (g->own_country >= 0 && c->p->fclass != 'A' && (sup < 1.0 || contains(hc, c)))
        sup = 0;
    if (!(sup > 0))
        return KB_OK;
    /* neighbours explain each other whatever their odds, if the prior does
       not rule the reading out ("Houston" beside "Washington" is no pair of
       Pennsylvania towns) */
    struct pending x = {(uint32_t)(g->cand + jb),
                        {(uint32_t)ga, (uint32_t)(h->cand + ja), sup,
                         pair && ja < TOP_READINGS &&
                             hc->base >= C->cands.v[h->cand].base - PAIR_GAP &&
                             c->base >= C->cands.v[g->cand].base - PAIR_GAP}};
    return KB_VEC_PUSH(&C->pending, x);
}

/*
 * The readings of the names around each candidate in the text (all of them
 * in an article of ordinary length) that support it, ordered by group: what
 * support() says does not change from round to round, and most pairs of
 * places are far apart and support nothing; a name of one candidate needs
 * none.  Each pair of candidates is
 * looked at once, for both directions; the links come out ordered by the
 * other name for each candidate, and are then gathered by candidate.
 */
static int make_links(struct ctx *C)
{
    C->pending.n = 0;
    for (size_t gi = 0; gi < C->groups.n; gi++) {
        const struct group *g = &C->groups.v[gi];
        const struct cand *cv = C->cands.v + g->cand;
        size_t hi = KB_MIN(C->groups.n, gi + COHERE_WINDOW + 1);
        for (size_t gj = gi + 1; gj < hi; gj++) {
            const struct group *h = &C->groups.v[gj];
            const struct cand *hv = C->cands.v + h->cand;
            if (g->ncand < 2 && h->ncand < 2)
                continue; /* neither needs the other */
            for (size_t k = 0; k < g->ncand; k++)
                for (size_t j = 0; j < h->ncand; j++) {
                    if (!may_support(&hv[j], &cv[k]))
                        continue;
                    double to_g, to_h;
                    bool pair;
                    support_both(&hv[j], &cv[k], &to_g, &to_h, &pair);
                    if ((g->ncand > 1 && link_pair(C, gj, j, gi, k, to_g, pair)) ||
                        (h->ncand > 1 && link_pair(C, gi, k, gj, j, to_h, pair)))
                        return KB_ENOMEM;
                }
            }
    }
    /* gathered by candidate, keeping their order */
    for (size_t i = 0; i < C->cands.n; i++)
        C->cands.v[i].nlink = 0;
    for (size_t i = 0; i < C->pending.n; i++)
        C->cands.v[C->pending.v[i].owner].nlink++;
    size_t at = 0;
    for (size_t i = 0; i < C->cands.n; i++) {
        C->cands.v[i].link = at;
        at += C->cands.v[i].nlink;
        C->cands.v[i].nlink = 0;
    }
    if (KB_VEC_RESERVE(&C->links, at + 1))
        return KB_ENOMEM;
    for (size_t i = 0; i < C->pending.n; i++) {
        struct cand *c = &C->cands.v[C->pending.v[i].owner];
        C->links.v[c->link + c->nlink++] = C->pending.v[i].l;
    }
    C->links.n = at;
    return KB_OK;
}

/* The support candidate c has from the names around it this round: the
   strongest reading of each name, summed in the order of the names (up to
   6, where the sum stops counting). */
static double coherence(const struct ctx *C, const struct cand *c)
{
    const struct link *l = C->links.v + c->link, *end = l + c->nlink;
    double s = 0;
    while (l < end && s < 6.0) {
        uint32_t gj = l->group;
        double best = 0;
        for (; l < end && l->group == gj; l++) {
            double w = C->cands.v[l->cand].lw;
            if (w == 0)
                continue;
            if (l->floor)
                w = KB_MAX(w, PAIR_FLOOR);
            best = KB_MAX(best, w * l->sup);
        }
        s += best;
    }
    return s;
}

static int cohere(struct ctx *C)
{
    for (size_t gi = 0; gi < C->groups.n; gi++)
        normalise(C, &C->groups.v[gi], false);
    implied_countries(C);
    for (size_t gi = 0; gi < C->groups.n; gi++)
        if (implied_changes(C, &C->groups.v[gi]))
            normalise(C, &C->groups.v[gi], false);
    if (make_links(C))
        return KB_ENOMEM;
    for (int round = 0; round < ROUNDS; round++) {
        mark_duplicates(C);
        live_readings(C);
        for (size_t gi = 0; gi < C->groups.n; gi++) {
            struct group *g = &C->groups.v[gi];
            struct cand *cv = C->cands.v + g->cand;
            g->moved = round == 0;
            /* one candidate is the name's place whatever its score */
            for (size_t k = 0; k < g->ncand && g->ncand > 1; k++) {
                double s = coherence(C, &cv[k]);
                /* the items of a list are alike: states beside states */
                double like = 0;
                for (size_t pi = 0; pi < g->npeer; pi++) {
                    const struct group *h = &C->groups.v[g->peer[pi]];
                    for (size_t j = 0; j < h->ncand; j++)
                        if (kind_of(C->cands.v[h->cand + j].p) == kind_of(cv[k].p))
                            like += C->cands.v[h->cand + j].prob;
                }
                double raw = cv[k].base + 3.5 * KB_MIN(s, 6.0) + 2.5 * like;
                g->moved |= raw != cv[k].raw;
                cv[k].raw = raw;
            }
        }
        /* a group whose raw scores are those of the last round keeps the
           scores and shares normalise() gave it then (the country weights
           stay as they are through the rounds) */
        bool moved = false;
        for (size_t gi = 0; gi < C->groups.n; gi++) {
            struct group *g = &C->groups.v[gi];
            if (!g->moved)
                continue;
            moved = true;
            for (size_t k = 0; k < g->ncand && g->ncand > 1; k++)
                C->cands.v[g->cand + k].score = C->cands.v[g->cand + k].raw;
            normalise(C, g, true);
        }
        /* nothing moved: the rounds left would find what this one found */
        if (!moved)
            break;
    }
    for (size_t gi = 0; gi < C->groups.n; gi++) {
        struct group *g = &C->groups.v[gi];
        g->best = -1;
        for (size_t k = 0; k < g->ncand; k++)
            if (g->best < 0 || C->cands.v[g->cand + k].prob > C->cands.v[g->best].prob)
                g->best = (int32_t)(g->cand + k);
    }
    return KB_OK;
}

/*
 * One place, two names: a name that is the own name of the place another
 * name of the document surely is ("Athens" beside "Athens-Clarke County",
 * resolved to Athens, Georgia) is that place, unless the text qualifies it.
 */
/* One bit of 64 for place p: a filter of the places a group may be. */
static uint64_t place_bit(const struct ctx *C, const struct kb_gaz_place *p)
{
    return 1ull << ((size_t)(p - C->gaz->places.v) * 0x9E3779B1u >> 26 & 63);
}

static void same_place(struct ctx *C)
{
    for (size_t i = 0; i < C->groups.n; i++) {
        struct group *a = &C->groups.v[i];
        /* (a name of one candidate has no other place to take) */
        if (a->best < 0 || a->nqual > 0 || a->ncand < 2)
            continue;
        uint64_t mine = 0; /* place_bit() of a's candidates */
        for (size_t k = a->cand; k < a->cand + a->ncand; k++)
            mine |= place_bit(C, C->cands.v[k].p);
        size_t lo = i > COHERE_WINDOW ? i - COHERE_WINDOW : 0;
        size_t hi = KB_MIN(C->groups.n, i + COHERE_WINDOW + 1);
        for (size_t j = lo; j < hi; j++) {
            const struct group *b = &C->groups.v[j];
            if (j == i || b->best < 0 || C->cands.v[b->best].prob < 0.5)
                continue;
            const struct kb_gaz_place *p = C->cands.v[b->best].p;
            if (p == C->cands.v[a->best].p)
                break;
            if (!(mine & place_bit(C, p)))
                continue;
            size_t k = a->cand;
            while (k < a->cand + a->ncand && C->cands.v[k].p != p)
                k++;
            if (k < a->cand + a->ncand && own_name(C, a, p)) {
                a->best = (int32_t)k;
                break;
            }
        }
    }
}

/* A group's name key, for sorting the groups by name. */
struct named {
    const char *key;
    size_t klen;
    int32_t group;
};

static int by_key(const void *a, const void *b)
{
    const struct named *x = a, *y = b;
    return kb_gaz_keycmp(x->key, x->klen, y->key, y->klen);
}

/* A name standing for a longer one of the document ("Avondale" for
   "Avondale Estates"), unless the longer one adds a kind of place.  The
   longer names of a are those that start with a's name and a space: one
   run of the groups sorted by name. */
static int find_aliases(struct ctx *C)
{
    size_t ng = C->groups.n;
    struct named *byname = kb_arena_alloc(&C->doc->arena, (ng + 1) * sizeof *byname);
    if (!byname)
        return KB_ENOMEM;
    for (size_t i = 0; i < ng; i++) {
        const struct group *g = &C->groups.v[i];
        byname[i] = (struct named){C->keys.data + g->key, g->klen, (int32_t)i};
    }
    bool sorted = false; /* sorted when a name first needs it: most documents never do */
    for (size_t i = 0; i < ng; i++) {
        struct group *a = &C->groups.v[i];
        /* not when a names a country, division or capital of its own
           ("Mexico" beside "Mexico City"), nor when the text qualifies it
           ("Springfield, Ohio") */
        if (a->own_country >= 0 || a->nqual > 0)
            continue;
        bool major = false;
        for (size_t k = a->cand; k < a->cand + a->ncand && !major; k++) {
            const struct kb_gaz_place *q = C->cands.v[k].p;
            major = q->fclass == 'A' || memcmp(q->fcode, "PPLC", sizeof "PPLC") == 0;
        }
        if (major)
            continue;
        if (!sorted) {
            qsort(byname, ng, sizeof *byname, by_key);
            sorted = true;
        }
        const char *ak = C->keys.data + a->key;
        /* the first name at or after "a " in name order */
        size_t lo = 0, hi = ng;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            const struct named *m = &byname[mid];
            int d = memcmp(m->key, ak, KB_MIN(m->klen, a->klen));
            if (d == 0)
                d = m->klen <= a->klen ? -1 : (unsigned char)m->key[a->klen] - ' ';
            if (d < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        int32_t best = -1;
        for (size_t r = lo; r < ng; r++) {
            const struct named *m = &byname[r];
            if (m->klen <= a->klen || memcmp(m->key, ak, a->klen) != 0 ||
                m->key[a->klen] != ' ')
                break;
            const struct group *b = &C->groups.v[m->group];
            if (m->klen <= a->klen + 1 || b->best < 0 || (best >= 0 && m->group > best) ||
                (size_t)m->group == i)
                continue;
            if (C->cands.v[b->best].p->fclass != 'P' || b->alias >= 0)
                continue;
            best = m->group;
        }
        a->alias = best;
    }
    return KB_OK;
}

/* ---- output ---- */

/* The country code, division code and "CLASS.CODE" of place p into zeroed
   fields of a place or reference (the gazetteer's codes are NUL-terminated
   within their arrays, which are shorter than the fields: fixed copies,
   places are written per mention). */
#define PLACE_CODES(dst, p)                                                              \
    do {                                                                                 \
        _Static_assert(sizeof (dst)->country > sizeof (p)->cc &&                         \
                           sizeof (dst)->admin1 > sizeof (p)->admin1 &&                  \
                           sizeof (dst)->feature > 2 + sizeof (p)->fcode,                \
                       "place code fields");                                             \
        memcpy((dst)->country, (p)->cc, sizeof (p)->cc);                                 \
        memcpy((dst)->admin1, (p)->admin1, sizeof (p)->admin1);                          \
        (dst)->feature[0] = (p)->fclass;                                                 \
        (dst)->feature[1] = '.';                                                         \
        memcpy((dst)->feature + 2, (p)->fcode, sizeof (p)->fcode);                       \
    } while (0)

static void fill_ref(struct kb_place_ref *r, const struct kb_gaz_place *p)
{
    memset(r, 0, sizeof *r);
    if (!p)
        return;
    r->name = p->name;
    r->geonameid = p->id < KB_GAZ_LOCAL_ID ? p->id : 0;
    r->lat = p->lat;
    r->lon = p->lon;
    PLACE_CODES(r, p);
}

static int add_place(struct ctx *C, size_t ei, const struct kb_gaz_place *p, float conf)
{
    struct kb_doc *doc = C->doc;
    struct kb_entity *e = &doc->ents.v[ei];
    if (KB_VEC_RESERVE(&doc->places, doc->places.n + 1))
        return KB_ENOMEM;
    struct kb_place *pl = &doc->places.v[doc->places.n]; /* filled in place */
    memset(pl, 0, sizeof *pl);
    pl->start = e->start;
    pl->end = e->end;
    pl->sent = e->sent;
    pl->entity = (int32_t)ei;
    pl->conf = conf;
    if (p) {
        pl->resolved = true;
        pl->name = p->name;
        pl->geonameid = p->id < KB_GAZ_LOCAL_ID ? p->id : 0;
        pl->lat = p->lat;
        pl->lon = p->lon;
        PLACE_CODES(pl, p);
        if (!is_country(p)) {
            fill_ref(&pl->in_country, kb_gazetteer_country(C->gaz, p->cc));
            if (!is_adm1(p)) {
                const struct kb_gaz_extra *x = extra_of(C->gaz, p);
                fill_ref(&pl->in_admin1,
                         !x ? kb_gazetteer_admin1(C->gaz, p->cc, p->admin1)
                         : x->admin1 == KB_GAZ_NONE ? NULL
                                                    : &C->gaz->places.v[x->admin1]);
            }
        }
        if (!e->country || strcmp(e->country, p->cc) != 0)
            e->country = p->cc[0] ? kb_arena_strdup(&doc->arena, p->cc) : NULL;
        if (e->ref < 0)
            e->name = p->name;
    } else {
        pl->name = e->name;
    }
    e->place = (int32_t)doc->places.n++;
    return KB_OK;
}

/* Confidence of a group's choice: its probability, less when thin, and
   less again for a place named inside a longer name (the jail lies in its
   county, but where in it is not said). */
static float confidence(const struct ctx *C, const struct group *g)
{
    const struct cand *c = &C->cands.v[g->best];
    double strength = KB_MIN(1.0, 0.5 + KB_MAX(c->base, 0.0) / 20.0);
    if (g->lkey != g->key)
        strength *= 0.7;
    return (float)(c->prob * strength);
}

int kb_places_resolve(const struct kb_extractor *ex, struct kb_doc *doc)
{
    if (!ex->gaz)
        return KB_OK;
    struct ctx C;
    memset(&C, 0, offsetof(struct ctx, implied));
    C.ex = ex;
    C.gaz = ex->gaz;
    C.doc = doc;
    for (size_t i = 0; i < KB_ARRAY_LEN(C.bonus); i++)
        C.bonus[i].slot = -1;
    kb_buf_init(&C.keys);
    kb_buf_init(&C.tmp);
    /* work space of the document's lifetime: the doc arena (no malloc and
       free per document) */
    C.ent_group = kb_arena_alloc(&doc->arena, (doc->ents.n + 1) * sizeof *C.ent_group);
    C.tstart = kb_arena_alloc(&doc->arena, (2 * doc->toks.n + 2) * sizeof *C.tstart);
    /* at most two keys per toponym, at most half the slots full */
    size_t ntopo = 0, nslots = 16;
    for (size_t i = 0; i < doc->ents.n; i++)
        ntopo += is_toponym(&doc->ents.v[i]);
    while (nslots < 4 * ntopo)
        nslots *= 2;
    C.gtab = kb_arena_alloc(&doc->arena, nslots * sizeof *C.gtab);
    C.ttab = kb_arena_alloc(&doc->arena, nslots * sizeof *C.ttab);
    C.tmask = nslots - 1;
    if (C.gtab)
        memset(C.gtab, 0, nslots * sizeof *C.gtab);
    C.gmask = nslots - 1;
    /* cands.v is never NULL, so ranges of it are always valid pointers */
    int rc = C.ent_group && C.tstart && C.gtab && C.ttab && !KB_VEC_RESERVE(&C.cands, 64) &&
                     !KB_VEC_RESERVE(&C.groups, ntopo + 1) &&
                     !KB_VEC_RESERVE(&C.pending, 16 * ntopo + 1)
                 ? KB_OK
                 : KB_ENOMEM;
    if (!rc) {
        C.tend = C.tstart + doc->toks.n + 1;
        for (size_t t = 0; t < 2 * doc->toks.n + 2; t++)
            C.tstart[t] = -1;
        for (size_t i = 0; i < doc->ents.n; i++) {
            const struct kb_entity *e = &doc->ents.v[i];
            if (!is_toponym(e) || e->tok + e->ntok > doc->toks.n)
                continue;
            if (C.tstart[e->tok] < 0)
                C.tstart[e->tok] = (int32_t)i;
            if (C.tend[e->tok + e->ntok] < 0)
                C.tend[e->tok + e->ntok] = (int32_t)i;
        }
    }
    if (!rc)
        rc = build_groups(&C);
    if (!rc) {
        count_countries(&C);
        rc = region_hints(&C);
    }
    if (!rc) {
        read_mentions(&C);
        rc = gather_candidates(&C);
    }
    if (!rc)
        rc = score_local(&C);
    if (!rc)
        rc = cohere(&C);
    if (!rc) {
        same_place(&C);
        rc = find_aliases(&C);
    }
    for (size_t i = 0; i < doc->ents.n && !rc; i++) {
        int32_t gi = C.ent_group[i];
        if (gi < 0)
            continue;
        const struct group *g = &C.groups.v[gi];
        if (g->alias >= 0)
            g = &C.groups.v[g->alias];
        if (g->best < 0)
            rc = add_place(&C, i, NULL, 0.0f);
        else
            rc = add_place(&C, i, C.cands.v[g->best].p, confidence(&C, g));
    }
    free(C.groups.v);
    free(C.cands.v);
    free(C.regions.v);
    free(C.links.v);
    free(C.pending.v);
    kb_buf_release(&C.keys);
    kb_buf_release(&C.tmp);
    return rc;
}
