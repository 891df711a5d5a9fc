/*
 * entities.c -- named entity recognition from dictionaries, orthography and
 * context: the driver and the reading of sentences into candidates.
 *
 * Stage: extract, after tokenize and timex.  Output: doc->ents, in text
 * order, never overlapping, with canonical names, countries, roles and actor
 * links (entities_coref.c).
 *
 * Each sentence is first given a mode: running text, a headline in Title
 * Case, or a headline or table line in capitals.  Running text and Title
 * Case are read left to right; at each capitalised word:
 *  1. dictionary matches: the lexicon (countries, demonyms, groups, historic
 *     states, organisations), exact-case acronyms, and the gazetteer (names of
 *     several words only when every word is capitalised);
 *  2. a title ("President", "Sen.", "coach") before a capitalised word is a
 *     cue, not part of the name;
 *  3. the capitalised run: capitalised words joined by hyphens and name
 *     connectors ("de", "van", "al"; "of" only after a common-noun head such
 *     as "Bank" or "Isle"), cut at demonyms, titles and verbs, never across a
 *     line or into a date;
 *  4. a word that opens a sentence (or any word of a Title Case headline) and
 *     is an English word written in lower case elsewhere is not a name unless
 *     a dictionary or a longer name says so;
 *  5. a run longer than the dictionary match is one name when it carries a
 *     head word ("Ukrainian Defense Ministry", "Russia-Ukraine War") or
 *     starts like a personal name ("Paris Hilton"); otherwise the
 *     dictionary name is taken and reading resumes after it.
 * Names nobody listed keep their evidence (entities_cues.c) and are typed
 * once the whole document is read (entities_decide.c), so that "Mitchell"
 * is the person "Dennis Mitchell" named elsewhere, not a town in Indiana.
 */
#include "entities.h"
#include "wordcache.h"

#include <stdlib.h>
#include <string.h>

/* ---- Helpers shared by the stage ---- */

int kbp_ner_push(struct ner *N, size_t tb, size_t te, int type, int strength, unsigned flags)
{
    struct cand c;
    memset(&c, 0, sizeof c);
    c.tb = (uint32_t)tb;
    c.te = (uint32_t)te;
    c.type = (uint8_t)type;
    c.strength = (uint8_t)strength;
    c.flags = (uint16_t)flags;
    c.gaz = -1;
    return KB_VEC_PUSH(&N->cands, c);
}

void *kbp_ner_zalloc(struct ner *N, size_t n)
{
    void *p = kb_arena_alloc(&N->doc->arena, n);
    if (p)
        memset(p, 0, n);
    return p;
}

size_t kbp_ner_lex_match(struct ner *N, size_t i, size_t se, unsigned kinds, uint32_t *val)
{
    const uint32_t *vals;
    size_t nv;
    size_t len = kbp_ner_phrase(N, i, se, &vals, &nv);
    for (size_t k = 0; k < nv; k++)
        if (kinds & LXK(LX_KIND(vals[k]))) {
            *val = vals[k];
            return len;
        }
    return 0;
}

void kbp_ner_from_lex(struct ner *N, struct cand *c, uint32_t v)
{
    const struct kb_lexicon *lex = N->lex;
    size_t idx = LX_IDX(v);
    c->flags |= CF_LEX;
    c->lexval = v;
    c->strength = S_STRONG;
    switch (LX_KIND(v)) {
    case LX_COUNTRY:
        c->type = KB_ENT_GPE;
        c->name = lex->countries.v[idx].name;
        c->country = lex->countries.v[idx].iso2;
        break;
    case LX_DEMONYM:
        c->type = KB_ENT_NORP;
        c->country = lex->countries.v[idx].iso2;
        break;
    case LX_GROUP:
        c->type = KB_ENT_NORP;
        c->country = lex->groups.v[idx].country;
        break;
    case LX_HISTORIC:
        c->type = KB_ENT_GPE;
        c->name = lex->historic.v[idx].name;
        break;
    case LX_HDEMONYM:
        c->type = KB_ENT_NORP;
        c->country = lex->historic.v[idx].successor;
        break;
    case LX_PLACE:
        c->type = lex->places.v[idx].type;
        c->name = lex->places.v[idx].name;
        c->country = lex->places.v[idx].country;
        break;
    case LX_PERSON:
        c->type = KB_ENT_PERSON;
        c->name = lex->people.v[idx].name;
        c->country = lex->people.v[idx].country;
        break;
    case LX_ORG:
        c->type = lex->orgs.v[idx].type;
        c->name = lex->orgs.v[idx].name;
        c->country = lex->orgs.v[idx].country;
        break;
    default:
        c->flags &= (uint16_t)~CF_LEX;
        c->type = T_UNDECIDED;
        c->strength = S_GUESS;
        break;
    }
}

int kbp_ner_key(struct ner *N, size_t tb, size_t te)
{
    const struct kb_token *toks = N->doc->toks.v;
    const char *fold = N->doc->fold.data;
    size_t need = 0;
    for (size_t t = tb; t < te; t++)
        need += toks[t].fold_len + 1u;
    kb_buf_reset(&N->scratch);
    if (kb_buf_grow(&N->scratch, need)) /* once: the key is built in place */
        return KB_ENOMEM;
    char *d = N->scratch.data;
    size_t n = 0;
    for (size_t t = tb; t < te; t++) {
        if (t > tb && (toks[t].flags & (KB_TF_SPACE | KB_TF_NL)))
            d[n++] = ' ';
        memcpy(d + n, fold + toks[t].fold, toks[t].fold_len);
        n += toks[t].fold_len;
    }
    d[n] = '\0';
    N->scratch.len = n;
    return KB_OK;
}

/* ---- Sentence modes ---- */

/* The mode of a sentence, in one pass over its tokens: a headline or table
   line in capitals when most words are in capitals ("CRICKET - ..."); a
   headline in Title Case when most words of 4+ letters are capitalised and
   it has no final stop; else running text. */
static uint8_t sentence_mode(const struct kb_doc *doc, const struct kb_sentence *s)
{
    size_t words = 0, caps = 0, long_words = 0, long_caps = 0;
    for (size_t k = s->tok_begin; k < s->tok_end; k++) {
        const struct kb_token *t = &doc->toks.v[k];
        if (!(t->flags & KB_TF_ALPHA))
            continue;
        words++;
        caps += (t->flags & KB_TF_ALLCAP) != 0;
        if (t->end - t->start >= 4) {
            long_words++;
            long_caps += (t->flags & KB_TF_CAP) != 0;
        }
    }
    if (words >= 2 && caps * 10 >= words * 7)
        return M_CAPS;
    if (s->tok_end == s->tok_begin)
        return M_TEXT;
    size_t last = s->tok_end - 1;
    bool stop = doc->toks.v[last].kind == KB_TOK_PUNCT && kb_tok_is(doc, last, ".");
    return !stop && long_words >= 3 && long_caps * 10 >= long_words * 8 ? M_TITLE : M_TEXT;
}

/* The document reports a team sport: a headline opens with one ("SOCCER - "),
   or the words of sports reports recur around its names.  A headline of a
   sport of single athletes ("TENNIS - ") sets N->solo instead. */
static bool sports_document(struct ner *N)
{
    const struct kb_doc *doc = N->doc;
    for (size_t s = 0; s < doc->sents.n && s < 3; s++) {
        size_t b = doc->sents.v[s].tok_begin, e = doc->sents.v[s].tok_end;
        for (size_t k = b; k < e && k < b + 3; k++) {
            if (kbp_cue(N, k, CUE_SPORT) && (doc->toks.v[k].flags & KB_TF_ALLCAP)) {
                N->solo = kbp_cue(N, k, CUE_SOLO_SPORT);
                return !N->solo;
            }
            if (!(doc->toks.v[k].flags & KB_TF_ALLCAP))
                break;
        }
    }
    /* the words around names, looked up while reading */
    size_t hits = 0;
    for (size_t w = 0; w < N->nwords && hits < 3; w++)
        hits += (N->words[w].info & 1) && (N->words[w].cues & (1u << CUE_SPORT_WORD));
    return hits >= 3;
}

/* ---- Reading a sentence ---- */

/* A word that is not a name by itself when case says nothing about it: an
   English word, unless it is also a personal name or capitalised mid-sentence
   elsewhere in the document. */
static bool plain_word(const struct ner *N, size_t i)
{
    unsigned c = kbp_ner_class(N, i);
    if (!(c & KB_WORD_COMMON))
        return false;
    const struct ner_word *w = kbp_ner_word(N, i);
    if (w && w->n_capmid > 0 && w->n_lower == 0)
        return false;
    if ((c & (KB_WORD_GIVEN | KB_WORD_FAMILY)) && !(w && w->n_lower > 0))
        return false;
    return true;
}

/* Is token i a name word that may extend a run?  Demonyms, titles and verbs
   end a run ("Putin Russian", "Sen. Doe"), in Title Case English words too;
   `loose` lets demonyms and groups in ("Kurdistan Democratic Party"). */
static bool run_word(struct ner *N, size_t i, size_t se, bool title, bool loose)
{
    const struct kb_doc *doc = N->doc;
    if (!kbp_is_cap(doc, i) || !(doc->toks.v[i].flags & KB_TF_ALPHA) || N->in_timex[i] ||
        (doc->toks.v[i].flags & (KB_TF_NL | KB_TF_PARA)))
        return false;
    const struct ner_word *w = kbp_ner_info(N, i);
    unsigned stop = LXK(LX_TITLE) | (loose ? 0 : LXK(LX_DEMONYM) | LXK(LX_HDEMONYM) | LXK(LX_GROUP));
    if (w->lexk & stop)
        return false;
    /* a verb ends a name in a Title Case headline ("Lukashenko Denies"); in
       running text a capitalised verb is part of one ("Fire Department") */
    if (title && (w->lexk & LXK(LX_VERB)) && !kbp_cue(N, i, CUE_ORG))
        return false;
    if (kbp_ner_prefix(N, i)) {
        /* a demonym or title of several words ("South Korean", "Prime Minister") */
        uint32_t v;
        if (kbp_ner_lex_match(N, i, se, LXK(LX_TITLE) | (loose ? 0 : LXK(LX_DEMONYM)), &v) > 1)
            return false;
    }
    if (title && plain_word(N, i) && !kbp_cue(N, i, CUE_ORG) && !kbp_cue(N, i, CUE_EVENT) &&
        kbp_loc_head_type(N, i) < 0)
        return false;
    return true;
}

/* "of" continues a name after a common-noun head: "Bank of England", "Isle of
   Man", "House of Commons"; not after a person or a company ("Doe of the ..."). */
static bool of_joins(struct ner *N, size_t head)
{
    if (kbp_cue(N, head, CUE_COMPANY))
        return false;
    if (kbp_cue(N, head, CUE_ORG) || kbp_cue(N, head, CUE_LOC_HEAD) ||
        kbp_cue(N, head, CUE_EVENT) || kbp_cue(N, head, CUE_LOC_PRE))
        return true;
    unsigned c = kbp_ner_class(N, head);
    return (c & KB_WORD_COMMON) && !(c & (KB_WORD_GIVEN | KB_WORD_FAMILY));
}

/* A head word that makes a run one organisation or event name. */
static bool org_head(struct ner *N, size_t i)
{
    return kbp_cue(N, i, CUE_ORG) || kbp_cue(N, i, CUE_COMPANY) || kbp_cue(N, i, CUE_EVENT);
}

static size_t scan(struct ner *N, size_t i, size_t se, bool title, bool loose)
{
    const struct kb_doc *doc = N->doc;
    size_t j = i + 1, end = i + 1;
    while (j < se) {
        if (run_word(N, j, se, title, loose)) {
            end = ++j;
            continue;
        }
        /* hyphens and connectors join two capitalised parts; in an
           organisation's name a possessive does too ("Boatmen's Bancshares") */
        bool joined = false;
        if (j + 1 < se && (doc->toks.v[j + 1].flags & KB_TF_ALPHA) &&
            run_word(N, j + 1, se, title, loose)) {
            if (kbp_is_hyphen(doc, j) && !(doc->toks.v[j + 1].flags & KB_TF_SPACE))
                joined = true;
            else if (kb_tok_is(doc, j, "&"))
                joined = true;
            else if ((doc->toks.v[j].flags & KB_TF_LOWER) && kbp_cue(N, j, CUE_CONNECT))
                joined = !kb_tok_is(doc, j, "of") || of_joins(N, j - 1);
            else if (loose && kb_tok_is(doc, j, "'s") && !(doc->toks.v[j].flags & KB_TF_SPACE))
                joined = true;
            if (joined) {
                j += 2;
                end = j;
                continue;
            }
        }
        if (j + 2 < se && kb_tok_is(doc, j, "of") && kb_tok_is(doc, j + 1, "the") &&
            run_word(N, j + 2, se, title, loose) && of_joins(N, j - 1)) {
            j += 3;
            end = j;
            continue;
        }
        break;
    }
    return end;
}

/* Extend a capitalised run from token i; returns its end (exclusive).  A run
   goes on through demonyms and possessives only when it ends in a head word
   ("Kurdistan Democratic Party", "Boatmen's Bancshares Inc"). */
static size_t scan_run(struct ner *N, size_t i, size_t se, bool title)
{
    size_t strict = scan(N, i, se, title, false);
    size_t loose = scan(N, i, se, title, true);
    while (loose > strict && !org_head(N, loose - 1))
        loose--;
    return loose > strict && kbp_is_cap(N->doc, loose - 1) ? loose : strict;
}

size_t kbp_ner_gaz_match(struct ner *N, size_t i, size_t se, int32_t *best)
{
    const struct kb_doc *doc = N->doc;
    const uint32_t *gv;
    size_t ngv;
    *best = -1;
    if (!N->gaz)
        return 0;
    size_t glen = kbp_ner_gaz_lookup(N, i, se, &gv, &ngv);
    if (!glen)
        return 0;
    /* towns and divisions are written capitalised; a notable site may not be
       ("Chernobyl nuclear power plant") */
    bool site = false;
    for (size_t k = 0; k < ngv && !site; k++) {
        char fc = N->gaz->places.v[gv[k]].fclass;
        site = fc != 'P' && fc != 'A';
    }
    for (size_t k = i; k < i + glen && !site; k++)
        if ((doc->toks.v[k].flags & KB_TF_LOWER) && !kbp_cue(N, k, CUE_CONNECT))
            return 0;
    /* the most important candidate stands for the name while reading */
    int64_t pop = -1;
    for (size_t k = 0; k < ngv; k++) {
        const struct kb_gaz_place *p = &N->gaz->places.v[gv[k]];
        int64_t w = p->population;
        if (p->fclass == 'A' && (strncmp(p->fcode, "PCL", 3) == 0 || strcmp(p->fcode, "ADM1") == 0))
            w += 1000000000LL;
        else if (p->fclass != 'P' && p->fclass != 'A')
            w += 500000; /* listed because notable */
        if (w > pop) {
            pop = w;
            *best = (int32_t)gv[k];
        }
    }
    return glen;
}

int kbp_ner_gaz_strength(struct ner *N, size_t i, size_t len, int32_t g)
{
    const struct kb_gaz_place *p = &N->gaz->places.v[g];
    bool major = (p->fclass == 'A' && (strncmp(p->fcode, "PCL", 3) == 0 ||
                                       strcmp(p->fcode, "ADM1") == 0)) ||
                 (p->fclass != 'P' && p->fclass != 'A') || strcmp(p->fcode, "PPLC") == 0 ||
                 p->population >= 1000000;
    if (len > 1)
        return major ? S_STRONG : S_CONTEXT;
    unsigned c = kbp_ner_class(N, i);
    if (c & KB_WORD_COMMON) /* "Nice", "Bath", "Reading" */
        return major ? S_CONTEXT : S_WEAK;
    bool name = (c & (KB_WORD_GIVEN | KB_WORD_FAMILY)) != 0;
    if (!name && (major || p->population >= 100000))
        return S_STRONG;
    if (major || p->population >= 100000) /* "Washington", "Atlanta", "Jackson" */
        return S_CONTEXT;
    return name ? S_WEAK : S_CONTEXT;
}

/* Push a dictionary candidate for [i, i + len). */
static int push_dict(struct ner *N, size_t i, size_t len, size_t llen, uint32_t lval,
                     size_t alen, uint32_t aval, int32_t g, unsigned flags)
{
    int rc = kbp_ner_push(N, i, i + len, T_UNDECIDED, S_GUESS, flags);
    if (rc)
        return rc;
    struct cand *c = &N->cands.v[N->cands.n - 1];
    if (llen == len) {
        kbp_ner_from_lex(N, c, lval);
    } else if (alen == len) {
        kbp_ner_from_lex(N, c, aval);
        c->flags |= CF_ACRONYM;
    } else {
        c->flags |= CF_GAZ;
        c->gaz = g;
        c->type = (uint8_t)kb_gaz_entity_type(&N->gaz->places.v[g]);
        c->strength = (uint8_t)kbp_ner_gaz_strength(N, i, len, g);
    }
    kbp_ner_evidence(N, i, i + len, c->score);
    return KB_OK;
}

static int read_sentence(struct ner *N, size_t si)
{
    struct kb_doc *doc = N->doc;
    const struct kb_sentence *s = &doc->sents.v[si];
    bool title = N->mode[si] == M_TITLE;
    size_t i = s->tok_begin, se = s->tok_end;
    while (i < se) {
        const struct kb_token *t = &doc->toks.v[i];
        if (!(t->flags & KB_TF_ALPHA) || !kbp_is_cap(doc, i) || N->in_timex[i]) {
            i++;
            continue;
        }
        unsigned flags = (N->initial[i] ? CF_INITIAL : 0) | (title ? CF_CASELESS : 0);
        const struct ner_word *w = kbp_ner_info(N, i);
        const uint32_t *lv = NULL;
        size_t nlv = 0, plen = 0;
        if (w->lexk || kbp_ner_prefix(N, i))
            plen = kbp_ner_phrase(N, i, se, &lv, &nlv);
        uint32_t lval = 0, tval = 0, aval = 0;
        size_t llen = 0, tlen = 0;
        for (size_t k = 0; k < nlv; k++) {
            if (!llen && (NAME_KINDS & LXK(LX_KIND(lv[k])))) {
                llen = plen;
                lval = lv[k];
            } else if (!tlen && LX_KIND(lv[k]) == LX_TITLE) {
                tlen = plen;
                tval = lv[k];
            }
        }
        const uint32_t *av;
        size_t nav, alen = 0;
        if (t->flags & KB_TF_ALLCAP) /* acronyms are in capitals, see lexicon.c */
            alen = kb_phrase_match(&N->lex->acronyms, doc, i, se, true, &N->scratch, &av, &nav);
        if (alen)
            aval = av[0];
        int32_t g = -1;
        size_t glen = kbp_ner_gaz(N, i) ? kbp_ner_gaz_match(N, i, se, &g) : 0;
        size_t dlen = KB_MAX(llen, KB_MAX(alen, glen));
        size_t rend = 0; /* the end of the capitalised run at i, once scanned */
        (void)tval;

        /* "The" belongs to a name only when the name is written with it
           ("The Hague", "The Guardian"), not in "The United Nations said" */
        if (kb_tok_is(doc, i, "the") && i + 1 < se && kbp_is_cap(doc, i + 1)) {
            const char *canon = NULL;
            if (llen == dlen && llen > 1) {
                struct cand tmp;
                memset(&tmp, 0, sizeof tmp);
                kbp_ner_from_lex(N, &tmp, lval);
                canon = tmp.name;
            } else if (glen == dlen && glen > 1) {
                canon = N->gaz->places.v[g].name;
            }
            if (!canon || strncmp(canon, "The ", 4) != 0) {
                i++;
                continue;
            }
        }
        /* a title before a capitalised word is a cue, not a name ("President
           Lukashenko", "Sen. Doe"), unless the run is an organisation
           ("General Motors") */
        if (tlen && tlen > llen && i + tlen < se && kbp_is_cap(doc, i + tlen) &&
            !N->in_timex[i + tlen]) {
            size_t r = scan_run(N, i + tlen - 1, se, title);
            if (!kbp_cue(N, r - 1, CUE_ORG) && !kbp_cue(N, r - 1, CUE_COMPANY)) {
                i += tlen;
                continue;
            }
        }
        /* an English word opening a sentence, or in a Title Case headline */
        if ((flags & (CF_INITIAL | CF_CASELESS)) && dlen < 2 && plain_word(N, i) &&
            !(llen == 1 && LX_KIND(lval) != LX_ORG)) {
            size_t r = rend ? rend : (rend = scan_run(N, i, se, title));
            bool head = r > i + 1 && (org_head(N, r - 1) || kbp_loc_head_type(N, r - 1) >= 0);
            /* "The", "However" open a sentence; "Boatmen's Bancshares Inc" is a name */
            if (!head || ((flags & CF_INITIAL) && (w->lexk & LXK(LX_COMMON)))) {
                i++;
                continue;
            }
        }
        /* a lone capitalised common word, verb or role noun ("Police said") */
        if (dlen == 0 && plen && nlv) {
            bool plain = false;
            for (size_t k = 0; k < nlv; k++) {
                int kind = LX_KIND(lv[k]);
                plain |= kind == LX_ROLE || kind == LX_VERB || kind == LX_COMMON ||
                         kind == LX_VERBNOUN;
            }
            if (plain && (rend ? rend : (rend = scan_run(N, i, se, title))) <= i + plen) {
                i += plen;
                continue;
            }
        }
        if (!rend)
            rend = scan_run(N, i, se, title);
        /* trailing connectors and hyphens never end a name */
        size_t rlen = rend - i;
        int rc;
        if (dlen && dlen >= rlen) {
            rc = push_dict(N, i, dlen, llen, lval, alen, aval, g, flags);
            i += dlen;
        } else if (dlen) {
            /* the run is longer than the dictionary name: one name when it
               has a head word or starts like a personal name */
            size_t last = rend - 1;
            bool nation = llen == dlen && (LX_KIND(lval) == LX_DEMONYM ||
                                           LX_KIND(lval) == LX_GROUP ||
                                           LX_KIND(lval) == LX_HDEMONYM);
            /* a nation before a place is two names ("Ukrainian Black Sea") */
            bool head = org_head(N, last) || (!nation && kbp_loc_head_type(N, last) >= 0) ||
                        (N->sports && kbp_cue(N, last, CUE_CLUB));
            unsigned c0 = kbp_ner_class(N, i);
            bool person = llen == 0 && alen == 0 && (c0 & KB_WORD_GIVEN) &&
                          !(glen && kbp_ner_gaz_strength(N, i, glen, g) == S_STRONG);
            /* a place and a plural: a team or a group named after it ("New York
               Yankees", "Bristol Rovers") */
            size_t ll;
            const char *lf = kb_tok_fold(doc, last, &ll);
            bool plural = !nation && ll > 3 && lf[ll - 1] == 's' && lf[ll - 2] != 's' &&
                          !kbp_place_word(N, last) && !(kbp_ner_class(N, last) & KB_WORD_FAMILY);
            /* a direction before a place is a region of it ("South Florida") */
            bool region = rend - i == 2 && kbp_cue(N, i, CUE_DIRECTION) &&
                          (kbp_place_word(N, last) ||
                           !(kbp_ner_class(N, last) &
                             (KB_WORD_COMMON | KB_WORD_GIVEN | KB_WORD_FAMILY)));
            if (head || person || plural || region) {
                rc = kbp_ner_push(N, i, rend, T_UNDECIDED, S_GUESS, flags);
                if (!rc) {
                    kbp_ner_evidence(N, i, rend, N->cands.v[N->cands.n - 1].score);
                    if (plural)
                        N->cands.v[N->cands.n - 1].score[KB_ENT_ORG] += 3;
                }
                i = rend;
            } else {
                rc = push_dict(N, i, dlen, llen, lval, alen, aval, g, flags);
                i += dlen;
            }
        } else {
            rc = kbp_ner_push(N, i, rend, T_UNDECIDED, S_GUESS, flags);
            if (!rc)
                kbp_ner_evidence(N, i, rend, N->cands.v[N->cands.n - 1].score);
            i = rend;
        }
        if (rc)
            return rc;
    }
    return KB_OK;
}

/* ---- Driver ---- */

static int cmp_cand(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    return x->tb < y->tb ? -1 : x->tb > y->tb;
}

int kb_entities_find(const struct kb_extractor *ex, struct kb_doc *doc)
{
    struct ner N;
    memset(&N, 0, sizeof N);
    N.ex = ex;
    N.lex = ex->lex;
    N.gaz = ex->gaz;
    N.doc = doc;
    kb_buf_init(&N.scratch);
    kbp_map_init(&N.memory);
    N.wc = kbp_wc_begin(doc, N.lex, N.gaz); /* answers of earlier documents */
    int rc = KB_OK;
    N.mode = kbp_ner_zalloc(&N, doc->sents.n + 1);
    N.in_timex = kbp_ner_zalloc(&N, (doc->toks.n + 1) * sizeof *N.in_timex);
    if (!N.mode || !N.in_timex)
        rc = KB_ENOMEM;
    for (size_t k = 0; !rc && k < doc->timexes.n; k++)
        for (uint32_t t = 0; t < doc->timexes.v[k].ntok; t++)
            N.in_timex[doc->timexes.v[k].tok + t] = true;
    for (size_t s = 0; !rc && s < doc->sents.n; s++)
        N.mode[s] = sentence_mode(doc, &doc->sents.v[s]);
    if (!rc)
        rc = kbp_ner_words(&N);
    for (size_t s = 0; s < doc->sents.n && !rc; s++)
        if (N.mode[s] != M_CAPS)
            rc = read_sentence(&N, s);
    if (!rc)
        N.sports = sports_document(&N);
    if (!rc)
        rc = kbp_ner_decide(&N);
    if (!rc)
        rc = kbp_ner_caps(&N);
    if (!rc && N.sports)
        kbp_ner_teams(&N);
    if (!rc) {
        /* read in text order but for a few: sort only when needed (the
           sort is stable, so a sorted array would stay as it is) */
        size_t k = 1;
        while (k < N.cands.n && cmp_cand(&N.cands.v[k - 1], &N.cands.v[k]) <= 0)
            k++;
        if (k < N.cands.n)
            qsort(N.cands.v, N.cands.n, sizeof *N.cands.v, cmp_cand);
        kbp_ner_lists(&N);
        rc = kbp_ner_emit(&N);
    }
    free(N.cands.v);
    kbp_map_release(&N.memory);
    kb_buf_release(&N.scratch);
    return rc;
}
