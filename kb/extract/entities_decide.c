/*
 * entities_decide.c -- the document-level decisions of entity recognition.
 *
 * A name means the same thing throughout a news article.  Once every
 * sentence is read, the names typed with confidence (by a dictionary or by
 * strong evidence) are remembered: their whole key, each word of a person's
 * name, and the leading words of an organisation's name.  The other names
 * are then typed by that memory first ("Mitchell" after "Dennis Mitchell",
 * "Jones" after "Jones Medical Industries Inc"), by their own evidence next,
 * and by a default last.  Headlines in capitals are read only now, by the
 * dictionaries and the memory ("MITCHELL DEFEATS BAILEY").  In sports
 * reports, a town or county that plays is its team ("Essex beat Kent",
 * "NEW YORK 74 59"): an organisation, while countries stay places, as the
 * CoNLL and MUC guidelines have it.
 */
#include "entities.h"

#include <stdlib.h>
#include <string.h>

/* Memory values: kind in the top bits, candidate index below. */
enum { MEM_FULL = 0, MEM_PREFIX = 1 };
#define MEM_VAL(kind, c) (((uint32_t)(kind) << 28) | (uint32_t)(c))
#define MEM_KIND(v) ((int)((v) >> 28))
#define MEM_CAND(v) ((size_t)((v)&0x0FFFFFFF))

static int best_type(const float score[KB_ENT__MAX], float *best)
{
    int t = -1;
    *best = 0;
    for (int k = 0; k < KB_ENT__MAX; k++)
        if (score[k] > *best) {
            *best = score[k];
            t = k;
        }
    return t;
}

/* Type confident candidates from their own evidence before memory is built. */
static void type_confident(struct ner *N)
{
    for (size_t c = 0; c < N->cands.n; c++) {
        struct cand *k = &N->cands.v[c];
        if (k->strength == S_STRONG || k->type != T_UNDECIDED)
            continue;
        float best;
        int t = best_type(k->score, &best);
        if (t >= 0 && best >= 4) {
            k->type = (uint8_t)t;
            k->strength = S_CONTEXT;
        }
    }
}

static bool confident(const struct cand *k)
{
    if (k->type >= KB_ENT__MAX)
        return false;
    if (k->strength == S_STRONG)
        return !(k->flags & CF_GAZ) || k->te - k->tb > 1;
    return k->strength == S_CONTEXT && !(k->flags & CF_GAZ);
}

static int remember(struct ner *N)
{
    const struct kb_doc *doc = N->doc;
    for (size_t c = 0; c < N->cands.n; c++) {
        const struct cand *k = &N->cands.v[c];
        if (!confident(k))
            continue;
        if (kbp_ner_key(N, k->tb, k->te) ||
            kbp_map_add_once(&N->memory, N->scratch.data, N->scratch.len, MEM_VAL(MEM_FULL, c),
                             MEM_VAL(0xF, 0)))
            return KB_ENOMEM;
        /* the region "Eastern Ghouta" is "Ghouta" again */
        if (k->type == KB_ENT_GPE && k->te - k->tb == 2 && kbp_cue(N, k->tb, CUE_DIRECTION) &&
            (kbp_ner_key(N, k->tb + 1, k->te) ||
             kbp_map_add_once(&N->memory, N->scratch.data, N->scratch.len, MEM_VAL(MEM_FULL, c),
                              MEM_VAL(0xF, 0))))
            return KB_ENOMEM;
        if (k->type == KB_ENT_PERSON) {
            for (size_t t = k->tb; t < k->te; t++) {
                struct ner_word *w = kbp_ner_word(N, t);
                if (w && kbp_is_cap(doc, t) && !(doc->toks.v[t].flags & KB_TF_ABBR))
                    w->person = 1;
            }
        } else if (k->type == KB_ENT_ORG && k->te - k->tb >= 2) {
            /* "Jones Medical Industries Inc" -> "Jones Medical", "Jones" */
            for (size_t e = k->tb + 1; e < k->te; e++) {
                if (!kbp_is_cap(doc, e - 1) || kbp_cue(N, e - 1, CUE_CONNECT))
                    continue;
                if (e == k->tb + 1 && (kbp_ner_class(N, k->tb) & KB_WORD_COMMON))
                    continue;
                if (kbp_ner_key(N, k->tb, e) ||
                    kbp_map_add_once(&N->memory, N->scratch.data, N->scratch.len,
                                     MEM_VAL(MEM_PREFIX, c), MEM_VAL(0xF, 0)))
                    return KB_ENOMEM;
            }
        }
    }
    return KB_OK;
}

/* Memory evidence for candidate k: a full name seen typed, each word a word of
   a person's name, or the start of an organisation's name. */
static void recall(struct ner *N, size_t ci, float score[KB_ENT__MAX])
{
    const struct cand *k = &N->cands.v[ci];
    const struct kb_doc *doc = N->doc;
    if (kbp_ner_key(N, k->tb, k->te))
        return;
    uint32_t v[8];
    size_t n = kbp_map_get(&N->memory, N->scratch.data, N->scratch.len, v, 8);
    bool full = false;
    for (size_t i = 0; i < n; i++) {
        size_t c = MEM_CAND(v[i]);
        if (c == ci)
            continue;
        const struct cand *m = &N->cands.v[c];
        /* a place gives its name to organisations ("Columbus Council"): their
           leading words are no evidence against the place */
        if (MEM_KIND(v[i]) == MEM_PREFIX && (k->flags & CF_GAZ))
            continue;
        score[m->type] += MEM_KIND(v[i]) == MEM_FULL ? 6 : 5;
        full = true;
        break;
    }
    if (full)
        return;
    bool person = true, any = false;
    for (size_t t = k->tb; t < k->te && person; t++) {
        if (!kbp_is_cap(doc, t) || !(doc->toks.v[t].flags & KB_TF_ALPHA))
            continue;
        const struct ner_word *w = kbp_ner_word(N, t);
        person = w && w->person;
        any = true;
    }
    if (person && any)
        score[KB_ENT_PERSON] += 7;
}

/* The type of a name without evidence, or T_DROP when it is likely no name. */
static int default_type(struct ner *N, const struct cand *k)
{
    const struct kb_doc *doc = N->doc;
    size_t words = 0;
    for (size_t t = k->tb; t < k->te; t++)
        words += kbp_is_cap(doc, t) && (doc->toks.v[t].flags & KB_TF_ALPHA);
    if (k->flags & CF_GAZ)
        return k->type;
    if (words >= 2 && words <= 3) {
        unsigned cl = kbp_ner_class(N, k->te - 1);
        return (cl & KB_WORD_COMMON) && !(cl & KB_WORD_FAMILY) ? KB_ENT_ORG : KB_ENT_PERSON;
    }
    if (words > 3)
        return KB_ENT_ORG;
    /* one word: a letter, a code with digits or an English word is no name by
       itself ("N", "M1", "Test"); a given or family name is a person; any
       other word most often an organisation (a club, a company, an agency) */
    const struct kb_token *t = &doc->toks.v[k->tb];
    if (k->te - k->tb > 1 || t->end - t->start < 2 || (t->flags & KB_TF_DIGIT) ||
        (t->flags & KB_TF_ABBR) || kbp_cue(N, k->tb, CUE_DIRECTION))
        return T_DROP;
    unsigned cl = kbp_ner_class(N, k->tb);
    if (cl & KB_WORD_COMMON)
        return (cl & KB_WORD_GIVEN) && (cl & KB_WORD_FAMILY) ? KB_ENT_PERSON : T_DROP;
    /* athletes of single sports are named by surname */
    if ((cl & (KB_WORD_GIVEN | KB_WORD_FAMILY)) || N->solo)
        return KB_ENT_PERSON;
    return KB_ENT_ORG;
}

/* Below this much evidence (a given name alone, "in" before a word) a type is
   soft: membership of a list with a surely typed name outweighs it. */
#define SOFT_EVIDENCE 3.0f

int kbp_ner_decide(struct ner *N)
{
    type_confident(N);
    int rc = remember(N);
    if (rc)
        return rc;
    for (size_t c = 0; c < N->cands.n; c++) {
        struct cand *k = &N->cands.v[c];
        if (k->strength == S_STRONG && !(k->flags & CF_GAZ))
            continue;
        float score[KB_ENT__MAX];
        memcpy(score, k->score, sizeof score);
        recall(N, c, score);
        if (k->flags & CF_GAZ) {
            static const float base[] = {[S_GUESS] = 1, [S_WEAK] = 1, [S_CONTEXT] = 3,
                                         [S_STRONG] = 6};
            score[k->type] += base[k->strength];
        }
        /* a disease named after a place is no place ("West Nile virus", "Lassa
           fever") */
        if (!(k->flags & CF_LEX) && k->te < N->doc->toks.n &&
            (N->doc->toks.v[k->te].flags & KB_TF_LOWER) && kbp_cue(N, k->te, CUE_DISEASE)) {
            k->type = T_DROP;
            continue;
        }
        /* a direction alone is no place ("Northwest", "Western") */
        if ((k->flags & CF_GAZ) && k->te - k->tb == 1 && kbp_cue(N, k->tb, CUE_DIRECTION)) {
            k->type = T_DROP;
            continue;
        }
        /* a small place named like an English word ("Western", "Hall", "Best")
           is that word unless the context names a place */
        if ((k->flags & CF_GAZ) && k->strength == S_WEAK && k->te - k->tb == 1 &&
            (kbp_ner_class(N, k->tb) & KB_WORD_COMMON) && k->score[KB_ENT_GPE] < 1.5f &&
            score[KB_ENT_PERSON] < 1) {
            k->type = T_DROP;
            continue;
        }
        float best;
        int t = best_type(score, &best);
        if (t >= 0 && best >= 1) {
            /* a place keeps its gazetteer type (GPE, LOC, FAC) */
            if ((k->flags & CF_GAZ) && (t == KB_ENT_GPE || t == KB_ENT_LOC || t == KB_ENT_FAC))
                t = k->type;
            k->type = (uint8_t)t;
            if (best < SOFT_EVIDENCE && !(k->flags & (CF_GAZ | CF_LEX | CF_ACRONYM)))
                k->flags |= CF_SOFT;
            continue;
        }
        k->type = (uint8_t)default_type(N, k);
        k->flags |= CF_DEFAULT;
        if (!(k->flags & (CF_GAZ | CF_LEX | CF_ACRONYM)))
            k->flags |= CF_SOFT;
    }
    return KB_OK;
}

/* ---- Lists ---- */

/* Do candidates a and b (a before b) stand side by side in a list: "A, B",
   "A and B", "A or B", "A, and B" in one sentence? */
static bool listed_together(const struct kb_doc *doc, const struct cand *a,
                            const struct cand *b)
{
    if (b->tb <= a->te || doc->toks.v[a->tb].sent != doc->toks.v[b->tb].sent)
        return false;
    size_t gap = b->tb - a->te;
    if (gap == 1)
        return kb_tok_is(doc, a->te, ",") || kb_tok_is(doc, a->te, "and") ||
               kb_tok_is(doc, a->te, "or");
    return gap == 2 && kb_tok_is(doc, a->te, ",") &&
           (kb_tok_is(doc, a->te + 1, "and") || kb_tok_is(doc, a->te + 1, "or"));
}

/* The type a surely typed list member lends its soft neighbours, or -1.  A
   place lends its type only when the gazetteer knows it and it is no country
   of the lexicon: "sanctions on Russia and Gazprom" lists unlike things, a
   list of towns ("Goma and Bunagana") like ones. */
static int lent_type(const struct cand *k)
{
    if ((k->flags & CF_SOFT) || k->type >= KB_ENT__MAX)
        return -1;
    switch (k->type) {
    case KB_ENT_PERSON:
    case KB_ENT_ORG:
        return k->type;
    case KB_ENT_GPE:
        return (k->flags & CF_GAZ) && !(k->flags & CF_LEX) ? k->type : -1;
    default:
        return -1;
    }
}

void kbp_ner_lists(struct ner *N)
{
    const struct kb_doc *doc = N->doc;
    size_t i = 0;
    while (i < N->cands.n) {
        /* the run of candidates [i, j) listed together */
        size_t j = i + 1;
        while (j < N->cands.n && N->cands.v[j - 1].type < KB_ENT__MAX &&
               listed_together(doc, &N->cands.v[j - 1], &N->cands.v[j]))
            j++;
        if (j - i >= 2 && N->cands.v[j - 1].type < KB_ENT__MAX) {
            int lent = -1;
            bool agree = true;
            for (size_t c = i; c < j; c++) {
                int t = lent_type(&N->cands.v[c]);
                if (t < 0)
                    continue;
                agree &= lent < 0 || lent == t;
                lent = t;
            }
            /* a plural head after the list types each member ("Sharkey and
               Humphreys counties") */
            size_t te = N->cands.v[j - 1].te;
            int head = te < doc->toks.n && (doc->toks.v[te].flags & KB_TF_LOWER)
                           ? kbp_loc_head_type(N, te)
                           : -1;
            if (head >= 0) {
                lent = head;
                agree = true;
            }
            for (size_t c = i; c < j && agree && lent >= 0; c++) {
                struct cand *k = &N->cands.v[c];
                if (k->flags & CF_SOFT)
                    k->type = (uint8_t)lent;
            }
        }
        i = j;
    }
}

/* ---- Headlines in capitals ---- */

int kbp_ner_caps(struct ner *N)
{
    const struct kb_doc *doc = N->doc;
    for (size_t si = 0; si < doc->sents.n; si++) {
        if (N->mode[si] != M_CAPS)
            continue;
        size_t i = doc->sents.v[si].tok_begin, se = doc->sents.v[si].tok_end;
        while (i < se) {
            if (!(doc->toks.v[i].flags & KB_TF_ALPHA) || N->in_timex[i]) {
                i++;
                continue;
            }
            /* the document's memory, longest name first */
            size_t len = 0, from = 0;
            int type = -1;
            for (size_t l = KB_MIN((size_t)4, se - i); l >= 1 && !len; l--) {
                bool ok = true;
                for (size_t t = i; t < i + l && ok; t++)
                    ok = !N->in_timex[t] && (doc->toks.v[t].kind != KB_TOK_PUNCT ||
                                             kbp_is_hyphen(doc, t));
                if (!ok || kbp_ner_key(N, i, i + l))
                    continue;
                uint32_t v[8];
                size_t n = kbp_map_get(&N->memory, N->scratch.data, N->scratch.len, v, 8);
                for (size_t k = 0; k < n && !len; k++)
                    if (MEM_KIND(v[k]) == MEM_FULL) {
                        len = l;
                        type = N->cands.v[MEM_CAND(v[k])].type;
                        from = MEM_CAND(v[k]);
                    }
            }
            /* dictionaries */
            uint32_t lval = 0;
            size_t llen = kbp_ner_lex_match(N, i, se, NAME_KINDS, &lval);
            const uint32_t *av;
            size_t nav;
            size_t alen =
                kb_phrase_match(&N->lex->acronyms, doc, i, se, true, &N->scratch, &av, &nav);
            int32_t g = -1;
            const uint32_t *gv;
            size_t ngv = 0, glen = 0;
            if (N->gaz)
                glen = kb_gazetteer_match(N->gaz, doc, i, se, &N->scratch, &gv, &ngv);
            if (glen) {
                int64_t pop = -1;
                for (size_t k = 0; k < ngv; k++) {
                    const struct kb_gaz_place *p = &N->gaz->places.v[gv[k]];
                    int64_t w = p->population + (p->fclass == 'A' ? 1000000000LL : 0);
                    if (w > pop) {
                        pop = w;
                        g = (int32_t)gv[k];
                    }
                }
            }
            bool common = (kbp_ner_class(N, i) & KB_WORD_COMMON) != 0;
            if (common && llen <= 1 && !(llen == 1 && LX_KIND(lval) == LX_COUNTRY))
                llen = 0;
            if (common && alen <= 1)
                alen = 0;
            if (common && glen <= 1)
                glen = 0;
            size_t dlen = KB_MAX(llen, KB_MAX(alen, glen));
            /* a word of a person named in the body is that person, not a town
               of the same name ("MITCHELL" after "Dennis Mitchell") */
            const struct ner_word *pw = kbp_ner_word(N, i);
            bool person = !len && pw && pw->person && !llen && !alen && glen <= 1;
            int rc = KB_OK;
            if (person) {
                len = 1;
                rc = kbp_ner_push(N, i, i + 1, KB_ENT_PERSON, S_CONTEXT, CF_CASELESS);
            } else if (len && len >= dlen) {
                /* the name as remembered, with its dictionary entry */
                struct cand m = N->cands.v[from];
                rc = kbp_ner_push(N, i, i + len, type, S_CONTEXT, CF_CASELESS);
                if (!rc) {
                    struct cand *c = &N->cands.v[N->cands.n - 1];
                    c->flags |= m.flags & (CF_LEX | CF_GAZ | CF_ACRONYM);
                    c->lexval = m.lexval;
                    c->gaz = m.gaz;
                    c->name = m.name;
                    c->country = m.country;
                }
            } else if (dlen) {
                len = dlen;
                rc = kbp_ner_push(N, i, i + len, T_UNDECIDED, S_STRONG, CF_CASELESS);
                if (!rc) {
                    struct cand *c = &N->cands.v[N->cands.n - 1];
                    if (llen == len)
                        kbp_ner_from_lex(N, c, lval);
                    else if (alen == len)
                        kbp_ner_from_lex(N, c, av[0]);
                    else {
                        c->flags |= CF_GAZ;
                        c->gaz = g;
                        c->type = (uint8_t)kb_gaz_entity_type(&N->gaz->places.v[g]);
                    }
                    if (c->type >= KB_ENT__MAX)
                        c->type = T_DROP;
                }
            }
            if (rc)
                return rc;
            i += len ? len : 1;
        }
    }
    return KB_OK;
}

/* ---- Sports teams ---- */

static bool is_result_word(const struct ner *N, size_t i)
{
    return kbp_cue(N, i, CUE_RESULT);
}

/* A place name that may stand for a club: not a country or a continent; or a
   word set aside as no name by itself ("Surrey", "Eagles"). */
static bool club_place(const struct ner *N, const struct cand *k)
{
    /* a word set aside or taken for a person only by its name class: not a
       word of a person named in full in the document */
    if (k->type == T_DROP ||
        (k->type == KB_ENT_PERSON && k->strength < S_CONTEXT && !(k->flags & CF_LEX))) {
        const struct ner_word *w = kbp_ner_word(N, k->tb);
        return k->te == k->tb + 1 && (N->doc->toks.v[k->tb].flags & KB_TF_ALPHA) &&
               N->doc->toks.v[k->tb].end - N->doc->toks.v[k->tb].start > 2 && w && !w->person;
    }
    if ((k->type != KB_ENT_GPE && k->type != KB_ENT_LOC) || (k->flags & CF_LEX))
        return false;
    if (k->te == k->tb + 1 && kbp_cue(N, k->tb, CUE_HOME_NATION))
        return false;
    if (k->te == k->tb + 2 && kb_tok_is(N->doc, k->tb, "northern") &&
        kb_tok_is(N->doc, k->tb + 1, "ireland"))
        return false;
    if ((k->flags & CF_GAZ) && k->gaz >= 0) {
        const struct kb_gaz_place *p = &N->gaz->places.v[k->gaz];
        if (p->fclass == 'A' && strncmp(p->fcode, "PCL", 3) == 0)
            return false;
        if (p->fclass == 'L' && strcmp(p->fcode, "CONT") == 0)
            return false;
    }
    return true;
}

/* Does the context of k make it a team: a score after it, a result verb, "v", a
   team role ("Surrey captain")? */
static bool team_context(const struct ner *N, const struct cand *k)
{
    const struct kb_doc *doc = N->doc;
    const struct kb_sentence *s = &doc->sents.v[doc->toks.v[k->tb].sent];
    size_t tb = k->tb, te = k->te;
    if (tb > s->tok_begin) {
        size_t p = tb - 1;
        if (kb_tok_is(doc, p, "at") || kb_tok_is(doc, p, "in") || kb_tok_is(doc, p, "near"))
            return false;
        if (is_result_word(N, p) || kb_tok_is(doc, p, "against") || kb_tok_is(doc, p, "over"))
            return true;
    }
    if (te >= s->tok_end)
        return false;
    if (doc->toks.v[te].kind == KB_TOK_NUM && !N->in_timex[te])
        return true;
    if (is_result_word(N, te) || kbp_cue(N, te, CUE_TEAM_ROLE))
        return true;
    return false;
}

void kbp_ner_teams(struct ner *N)
{
    const struct kb_doc *doc = N->doc;
    struct ner_map teams;
    kbp_map_init(&teams);
    for (size_t c = 0; c < N->cands.n; c++) {
        struct cand *k = &N->cands.v[c];
        if (!club_place(N, k) || !team_context(N, k) || kbp_ner_key(N, k->tb, k->te))
            continue;
        k->type = KB_ENT_ORG;
        k->flags |= CF_TEAM;
        if (kbp_map_add_once(&teams, N->scratch.data, N->scratch.len, (uint32_t)c, 0))
            break;
    }
    /* the other mentions of a team are the team, except where it is the venue */
    for (size_t c = 0; c < N->cands.n && teams.n; c++) {
        struct cand *k = &N->cands.v[c];
        if (!club_place(N, k) || (k->flags & CF_TEAM) || kbp_ner_key(N, k->tb, k->te))
            continue;
        uint32_t v;
        if (!kbp_map_get(&teams, N->scratch.data, N->scratch.len, &v, 1))
            continue;
        size_t sb = doc->sents.v[doc->toks.v[k->tb].sent].tok_begin;
        if (k->tb > sb && (kb_tok_is(doc, k->tb - 1, "at") || kb_tok_is(doc, k->tb - 1, "in") ||
                           kb_tok_is(doc, k->tb - 1, "near")))
            continue;
        if (k->te < doc->toks.n && kb_tok_is(doc, k->te, ":"))
            continue;
        k->type = KB_ENT_ORG;
        k->flags |= CF_TEAM;
    }
    kbp_map_release(&teams);
}
