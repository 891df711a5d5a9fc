/*
 * entities_coref.c -- from candidates to the document's entities, and the
 * links between them: who each mention stands for.
 *
 *  - names: a lone surname takes the full name of the person named with it
 *    in the article ("Lukashenko" -> "Alexander Lukashenko"); the leading
 *    words or the acronym of an organisation name it again ("Jones" ->
 *    "Jones Medical Industries Inc", "IAEA" after "International Atomic
 *    Energy Agency");
 *  - descriptions: "the Belarusian president" names the person the article
 *    introduced with that title and country ("Belarusian president
 *    Alexander Lukashenko"), "the president" the last person introduced as
 *    president.  Such a description becomes a PERSON mention over the title
 *    words with KB_EF_NOMINAL and a ref to the person, so that events see an
 *    actor there; it is not a name and the contract's entity list leaves it
 *    out.  "the country" and descriptions of nobody the article names are
 *    left alone;
 *  - metonymy: a capital standing for its government ("Kyiv accused ...",
 *    "draw Minsk into", "Minsk's role") gets its country as actor and the
 *    government role, and stays a place; a country that acts ("Belarus
 *    would act") gets the government role;
 *  - roles: a demonym or country before a role noun is an actor of that
 *    country with that role ("Ukrainian government", "Belarusian air
 *    defenses").
 */
#include "entities.h"

#include <stdlib.h>
#include <string.h>

/* Surface text of tokens [tb, te) with whitespace collapsed, into the doc arena. */
static const char *surface_name(struct ner *N, size_t tb, size_t te)
{
    struct kb_doc *doc = N->doc;
    const struct kb_token *toks = doc->toks.v;
    size_t need = 1;
    for (size_t t = tb; t < te; t++)
        need += toks[t].end - toks[t].start + 1u;
    char *d = kb_arena_alloc(&doc->arena, need); /* written in place */
    if (!d)
        return NULL;
    size_t n = 0;
    for (size_t t = tb; t < te; t++) {
        if (t > tb && (toks[t].flags & (KB_TF_SPACE | KB_TF_NL)))
            d[n++] = ' ';
        memcpy(d + n, doc->text + toks[t].start, toks[t].end - toks[t].start);
        n += toks[t].end - toks[t].start;
    }
    d[n] = '\0';
    return d;
}

/* Role noun right after token te: "Ukrainian government", "Belarusian air defenses". */
static int role_after(struct ner *N, size_t te, size_t se)
{
    uint32_t v;
    if (te >= se || !(N->doc->toks.v[te].flags & KB_TF_LOWER))
        return KB_ROLE_NONE;
    const struct ner_word *w = kbp_ner_info(N, te);
    if (!w || (!(w->lexk & LXK(LX_ROLE)) && !kbp_ner_prefix(N, te)))
        return KB_ROLE_NONE;
    if (!kbp_ner_lex_match(N, te, se, LXK(LX_ROLE), &v))
        return KB_ROLE_NONE;
    return N->lex->roles.v[LX_IDX(v)].role;
}

static struct kb_entity new_entity(const struct kb_doc *doc, size_t tb, size_t te, int type)
{
    struct kb_entity e;
    memset(&e, 0, sizeof e);
    e.tok = (uint32_t)tb;
    e.ntok = (uint32_t)(te - tb);
    e.start = doc->toks.v[tb].start;
    e.end = doc->toks.v[te - 1].end;
    e.sent = doc->toks.v[tb].sent;
    e.type = (uint8_t)type;
    e.ref = -1;
    e.place = -1;
    return e;
}

/* ---- Descriptions ("the Belarusian president") ---- */

/* Side data of a description while it is resolved. */
struct nominal {
    uint32_t ent;        /* index in doc->ents */
    uint32_t title;      /* index in lex->titles */
    const char *country; /* ISO alpha-2 from a demonym or country before the title, or NULL */
};

struct nominal_vec {
    struct nominal *v;
    size_t n, cap;
};

struct ent_vec {
    struct kb_entity *v;
    size_t n, cap;
};

/* Country of the entity that ends right before token i (a demonym or country
   name, "Belarus's"), or NULL. */
static const char *country_before(const struct kb_doc *doc, const struct kb_entity *ents,
                                  const int32_t *at, size_t i, size_t sb)
{
    if (i <= sb)
        return NULL;
    size_t k = i - 1;
    if (kb_tok_is(doc, k, "'s") || kb_tok_is(doc, k, "\xe2\x80\x99s"))
        k = k > sb ? k - 1 : k;
    int32_t e = at[k];
    if (e < 0)
        return NULL;
    const struct kb_entity *en = &ents[e];
    if (en->type == KB_ENT_NORP || (en->type == KB_ENT_GPE && en->country))
        return en->country;
    return NULL;
}

/* Office titles in running text after "the": candidate descriptions. */
static int find_nominals(struct ner *N, const int32_t *at, struct nominal_vec *out,
                         struct ent_vec *ents)
{
    const struct kb_doc *doc = N->doc;
    uint32_t the = kbp_ner_word_id(N, "the");
    for (size_t si = 0; si < doc->sents.n && the != UINT32_MAX; si++) {
        const struct kb_sentence *s = &doc->sents.v[si];
        if (N->mode[si] != M_TEXT)
            continue;
        for (size_t th = s->tok_begin; th + 1 < s->tok_end; th++) {
            if (N->wid[th] != the)
                continue;
            /* the title: right after "the", or after the demonym or country that follows */
            size_t i = th + 1;
            while (i < s->tok_end && at[i] >= 0 && at[i] == at[th + 1])
                i++;
            if (i < s->tok_end && i > th + 1 && kb_tok_is(doc, i, "'s"))
                i++;
            if (i >= s->tok_end || !(doc->toks.v[i].flags & KB_TF_LOWER) || at[i] >= 0)
                continue;
            const struct ner_word *w = kbp_ner_info(N, i);
            if (!w || (!(w->lexk & LXK(LX_TITLE)) && !kbp_ner_prefix(N, i)))
                continue;
            uint32_t v;
            size_t len = kbp_ner_lex_match(N, i, s->tok_end, LXK(LX_TITLE), &v);
            if (!len || !N->lex->titles.v[LX_IDX(v)].office)
                continue;
            /* a title before a name is part of an apposition, not a description */
            if (i + len < s->tok_end && kbp_is_cap(doc, i + len))
                continue;
            /* "the [Belarusian|Belarus's] president" */
            const char *cc = i > th + 1 ? country_before(doc, ents->v, at, i, s->tok_begin) : NULL;
            if (i > th + 1 && !cc)
                continue;
            struct kb_entity e = new_entity(doc, i, i + len, KB_ENT_PERSON);
            e.flags = KB_EF_NOMINAL;
            e.role = N->lex->titles.v[LX_IDX(v)].role;
            e.conf = 0.5f;
            struct nominal nm = {(uint32_t)ents->n, (uint32_t)LX_IDX(v), cc};
            if (KB_VEC_PUSH(ents, e) || KB_VEC_PUSH(out, nm))
                return KB_ENOMEM;
            th = i + len - 1;
        }
    }
    return KB_OK;
}

/* ---- Output ---- */

/* Text order; a name before the places embedded in it. */
static int cmp_ent(const void *a, const void *b)
{
    const struct kb_entity *x = a, *y = b;
    if (x->tok != y->tok)
        return x->tok < y->tok ? -1 : 1;
    return (x->flags & KB_EF_EMBEDDED) - (y->flags & KB_EF_EMBEDDED);
}

/* The title person j was introduced with (right before the name, "Belarusian
   president Alexander Lukashenko"), or -1; the country of the name before the
   title goes to *cc. */
static int32_t person_title(struct ner *N, size_t j, const char **cc)
{
    const struct kb_doc *doc = N->doc;
    const struct kb_entity *p = &doc->ents.v[j];
    size_t sb = doc->sents.v[p->sent].tok_begin;
    *cc = NULL;
    for (size_t back = 1; back <= 3 && back <= p->tok - sb; back++) {
        const struct ner_word *w = kbp_ner_info(N, p->tok - back);
        if (!w || (back == 1 ? !(w->lexk & LXK(LX_TITLE)) : !kbp_ner_prefix(N, p->tok - back)))
            continue;
        uint32_t v;
        if (kbp_ner_lex_match(N, p->tok - back, p->tok, LXK(LX_TITLE), &v) != back)
            continue;
        size_t k = p->tok - back; /* the title's first token */
        if (k > sb && kb_tok_is(doc, k - 1, "'s"))
            k--;
        if (j > 0 && doc->ents.v[j - 1].tok + doc->ents.v[j - 1].ntok == k &&
            (doc->ents.v[j - 1].type == KB_ENT_NORP || doc->ents.v[j - 1].type == KB_ENT_GPE))
            *cc = doc->ents.v[j - 1].country;
        return (int32_t)LX_IDX(v);
    }
    return -1;
}

/* A key for (title, country) in buf. */
static size_t title_key(char *buf, size_t size, uint32_t title, const char *cc)
{
    char d[10];
    size_t nd = 0, n = 0;
    do { /* "%u/%s" without snprintf: a key per person and per description */
        d[nd++] = (char)('0' + title % 10);
        title /= 10;
    } while (title);
    while (nd && n + 1 < size)
        buf[n++] = d[--nd];
    if (n + 1 < size)
        buf[n++] = '/';
    for (; cc && *cc && n + 1 < size; cc++)
        buf[n++] = *cc;
    buf[n] = '\0';
    return n;
}

/* Resolve descriptions in one pass over the text: each names the person last
   introduced with its title (and its country, when it gives one); those that
   name nobody are dropped, and refs are remapped. */
static void resolve_nominals(struct ner *N, struct nominal *nm, size_t nnm)
{
    struct kb_doc *doc = N->doc;
    struct ner_map last; /* title key -> person entity, latest last */
    kbp_map_init(&last);
    int32_t *map = malloc((doc->ents.n + 1) * sizeof *map);
    bool ok = map != NULL;
    for (size_t i = 0; ok && i < doc->ents.n; i++)
        map[i] = -1;
    for (size_t k = 0; ok && k < nnm; k++)
        map[nm[k].ent] = (int32_t)k; /* description side data by entity */
    for (size_t j = 0; ok && j < doc->ents.n; j++) {
        struct kb_entity *e = &doc->ents.v[j];
        char key[48];
        if (e->flags & KB_EF_NOMINAL) {
            const struct nominal *d = &nm[map[j]];
            uint32_t v;
            int32_t p = kbp_map_get(&last, key, title_key(key, sizeof key, d->title, d->country),
                                    &v, 1)
                            ? (int32_t)v
                            : -1;
            e->ref = p;
            if (p < 0)
                e->type = T_DROP;
            else
                e->name = doc->ents.v[p].name;
            continue;
        }
        const char *cc;
        int32_t t;
        if (e->type != KB_ENT_PERSON || (t = person_title(N, j, &cc)) < 0)
            continue;
        ok = !kbp_map_set(&last, key, title_key(key, sizeof key, (uint32_t)t, NULL), (uint32_t)j);
        if (ok && cc)
            ok = !kbp_map_set(&last, key, title_key(key, sizeof key, (uint32_t)t, cc),
                              (uint32_t)j);
    }
    kbp_map_release(&last);
    if (!ok) /* out of memory: leave the descriptions out */
        for (size_t i = 0; i < doc->ents.n; i++)
            if (doc->ents.v[i].flags & KB_EF_NOMINAL)
                doc->ents.v[i].type = T_DROP;
    size_t w = 0;
    for (size_t i = 0; i < doc->ents.n; i++) {
        if (map)
            map[i] = doc->ents.v[i].type == T_DROP ? -1 : (int32_t)w;
        if (doc->ents.v[i].type != T_DROP)
            doc->ents.v[w++] = doc->ents.v[i];
    }
    doc->ents.n = w;
    for (size_t i = 0; map && i < doc->ents.n; i++)
        if (doc->ents.v[i].ref >= 0)
            doc->ents.v[i].ref = map[doc->ents.v[i].ref];
    free(map);
}

/* ---- Names again ---- */

/* Lukashenko -> Alexander Lukashenko; Jones -> Jones Medical Industries Inc. */
static int corefer_names(struct ner *N)
{
    struct kb_doc *doc = N->doc;
    struct ner_map last;
    kbp_map_init(&last);
    int rc = KB_OK;
    /* the surname (last word) of every full personal name, first full name first */
    for (size_t i = 0; i < doc->ents.n && !rc; i++) {
        const struct kb_entity *e = &doc->ents.v[i];
        if (e->type != KB_ENT_PERSON || e->ntok < 2 || (e->flags & KB_EF_NOMINAL) || e->ref >= 0)
            continue;
        size_t l;
        const char *f = kb_tok_fold(doc, e->tok + e->ntok - 1, &l);
        uint32_t v[8];
        size_t n = kbp_map_get(&last, f, l, v, 8);
        bool same = false;
        for (size_t k = 0; k < n && !same; k++)
            same = strcmp(doc->ents.v[v[k]].name, e->name) == 0;
        if (!same)
            rc = kbp_map_add(&last, f, l, (uint32_t)i);
    }
    for (size_t i = 0; i < doc->ents.n && !rc; i++) {
        struct kb_entity *e = &doc->ents.v[i];
        if (e->type != KB_ENT_PERSON || (e->flags & KB_EF_NOMINAL) || e->ref >= 0)
            continue;
        size_t l;
        const char *f = kb_tok_fold(doc, e->tok + e->ntok - 1, &l);
        uint32_t v[2];
        size_t n = kbp_map_get(&last, f, l, v, 2);
        if (n != 1 || v[0] == i)
            continue;
        const struct kb_entity *full = &doc->ents.v[v[0]];
        if (full->ntok <= e->ntok)
            continue;
        /* every word of the mention is the tail of the full name */
        bool tail = true;
        for (size_t k = 0; k < e->ntok && tail; k++) {
            size_t l1, l2;
            const char *a = kb_tok_fold(doc, e->tok + e->ntok - 1 - k, &l1);
            const char *b = kb_tok_fold(doc, full->tok + full->ntok - 1 - k, &l2);
            tail = l1 == l2 && memcmp(a, b, l1) == 0;
        }
        if (tail) {
            /* the person the article names, not the one of the dictionary
               who shares the surname ("Werner Herzog ... Herzog said" is no
               Israeli president): the full name's country and role */
            if (strcmp(e->name, full->name) != 0) {
                e->country = full->country;
                e->role = full->role;
            }
            e->ref = (int32_t)v[0];
            e->name = full->name;
        }
    }
    kbp_map_release(&last);
    if (rc)
        return rc;
    /* organisations: leading words ("Jones") or acronym ("IAEA") of a longer name */
    struct ner_map orgs;
    kbp_map_init(&orgs);
    for (size_t i = 0; i < doc->ents.n && !rc; i++) {
        const struct kb_entity *e = &doc->ents.v[i];
        if (e->type != KB_ENT_ORG || e->ntok < 2 || e->ref >= 0)
            continue;
        char acro[16];
        size_t na = 0;
        for (size_t t = e->tok; t < e->tok + e->ntok; t++) {
            if (t > e->tok && (rc = kbp_ner_key(N, e->tok, t)) == KB_OK &&
                !kbp_cue(N, t - 1, CUE_CONNECT))
                rc = kbp_map_add_once(&orgs, N->scratch.data, N->scratch.len, (uint32_t)i, 0);
            if (kbp_is_cap(doc, t) && (doc->toks.v[t].flags & KB_TF_ALPHA) && na < sizeof acro - 1)
                acro[na++] = doc->text[doc->toks.v[t].start];
        }
        if (!rc && na >= 2) {
            acro[na] = '\0';
            kb_buf_reset(&N->scratch);
            rc = kb_fold(acro, na, &N->scratch);
            if (!rc)
                rc = kbp_map_add_once(&orgs, N->scratch.data, N->scratch.len, (uint32_t)i, 0);
        }
    }
    for (size_t i = 0; i < doc->ents.n && !rc; i++) {
        struct kb_entity *e = &doc->ents.v[i];
        if (e->type != KB_ENT_ORG || e->ref >= 0 || (rc = kbp_ner_key(N, e->tok, e->tok + e->ntok)))
            continue;
        uint32_t v[1];
        size_t n = kbp_map_get(&orgs, N->scratch.data, N->scratch.len, v, 1);
        if (n >= 1 && v[0] != i && doc->ents.v[v[0]].ntok > e->ntok &&
            (e->ntok > 1 || doc->ents.v[v[0]].name != e->name)) {
            e->ref = (int32_t)v[0];
            e->name = doc->ents.v[v[0]].name;
        }
    }
    kbp_map_release(&orgs);
    return rc;
}

/* ---- Metonymy and roles ---- */

/* A verb at token i: an event trigger, a speech verb, or a participle after an auxiliary. */
static bool verb_at(struct ner *N, size_t i, size_t se, bool after_aux)
{
    const struct kb_doc *doc = N->doc;
    if (!(doc->toks.v[i].flags & KB_TF_LOWER))
        return false;
    uint32_t v;
    if (kbp_cue(N, i, CUE_SAID) || kbp_ner_lex_match(N, i, se, LXK(LX_VERB), &v))
        return true;
    /* after an auxiliary, a word in lower case is the verb ("would act") */
    return after_aux && (doc->toks.v[i].flags & KB_TF_ALPHA) && !kb_tok_is(doc, i, "the") &&
           !kb_tok_is(doc, i, "a") && !kb_tok_is(doc, i, "an");
}

/* The mention is the subject of a verb: "Kyiv accused", "Minsk has cooperated". */
static bool subject_of_verb(struct ner *N, const struct kb_entity *e)
{
    const struct kb_doc *doc = N->doc;
    size_t se = doc->sents.v[e->sent].tok_end;
    size_t k = e->tok + e->ntok;
    bool aux = false;
    for (int skip = 0; k < se && skip < 3; skip++, k++) {
        size_t n;
        const char *f = kb_tok_fold(doc, k, &n);
        if (kbp_cue(N, k, CUE_AUX) ||
            (n > 4 && memcmp(f + n - 2, "ly", 2) == 0 && (doc->toks.v[k].flags & KB_TF_LOWER))) {
            aux = true;
            continue;
        }
        return verb_at(N, k, se, aux);
    }
    return false;
}

/* Is the mention used as a place here ("in Minsk", "Minsk region", "Minsk, Belarus")? */
static bool place_use(struct ner *N, const struct kb_entity *e)
{
    const struct kb_doc *doc = N->doc;
    const struct kb_sentence *s = &doc->sents.v[e->sent];
    size_t k = e->tok;
    if (k > s->tok_begin && kb_tok_is(doc, k - 1, "the"))
        k--;
    if (k > s->tok_begin && kbp_cue(N, k - 1, CUE_PLACE_USE))
        return true;
    /* the object of a material act is the city itself ("attacked Kyiv",
       "visited Minsk"), of a political one its government ("warned Kyiv") */
    uint32_t v;
    if (k > s->tok_begin && (doc->toks.v[k - 1].flags & KB_TF_LOWER) &&
        kbp_ner_lex_match(N, k - 1, k, LXK(LX_VERB), &v) == 1) {
        const char *cameo = N->lex->verbs.v[LX_IDX(v)].cameo;
        if (strncmp(cameo, "17", 2) >= 0 || strncmp(cameo, "042", 3) == 0 ||
            strncmp(cameo, "043", 3) == 0)
            return true;
    }
    size_t te = e->tok + e->ntok;
    /* a dateline: "BERLIN (Reuters) -", "MINSK, March 3 -" */
    if (e->tok == s->tok_begin && kb_dateline_end(doc, e->sent) > e->tok)
        return true;
    if (te < s->tok_end && (doc->toks.v[te].flags & KB_TF_LOWER) &&
        (kbp_cue(N, te, CUE_PLACE_NOUN) || kbp_loc_head_type(N, te) >= 0))
        return true;
    if (te + 1 < s->tok_end && (kb_tok_is(doc, te, ",") || kbp_is_hyphen(doc, te)) &&
        (kbp_is_cap(doc, te + 1) || kb_tok_is(doc, te + 1, "based")))
        return true;
    return false;
}

static void metonymy_and_roles(struct ner *N)
{
    struct kb_doc *doc = N->doc;
    for (size_t i = 0; i < doc->ents.n; i++) {
        struct kb_entity *e = &doc->ents.v[i];
        size_t se = doc->sents.v[e->sent].tok_end;
        if (e->type == KB_ENT_NORP || e->type == KB_ENT_GPE) {
            int r = role_after(N, e->tok + e->ntok, se);
            if (r != KB_ROLE_NONE)
                e->role = (uint8_t)r;
        }
        if (e->type != KB_ENT_GPE || e->role != KB_ROLE_NONE || N->mode[e->sent] != M_TEXT ||
            (e->flags & KB_EF_EMBEDDED))
            continue;
        const struct ner_word *w = kbp_ner_info(N, e->tok);
        if (!w || !((w->lexk & (LXK(LX_CAPITAL) | LXK(LX_COUNTRY))) || kbp_ner_prefix(N, e->tok)))
            continue;
        uint32_t v;
        size_t len = kbp_ner_lex_match(N, e->tok, e->tok + e->ntok,
                                       LXK(LX_CAPITAL) | LXK(LX_COUNTRY), &v);
        if (len != e->ntok)
            continue;
        const struct kb_country *co = &N->lex->countries.v[LX_IDX(v)];
        if (LX_KIND(v) == LX_COUNTRY) {
            if (subject_of_verb(N, e))
                e->role = KB_ROLE_GOV;
            continue;
        }
        /* a capital that is not used as a place stands for its government */
        if (place_use(N, e))
            continue;
        e->actor = co->name;
        e->role = KB_ROLE_GOV;
        e->flags |= KB_EF_METONYM;
        if (!e->country)
            e->country = co->iso2;
    }
}

/* ---- Places inside names ---- */

/* Places named inside an organisation, event or facility name ("Texas
   Rangers", "University of California", "Russia-Ukraine War"): a country or
   place of the lexicon, or a gazetteer name that is sure by itself. */
static int embedded_places(struct ner *N, const struct cand *k, struct ent_vec *ents)
{
    struct kb_doc *doc = N->doc;
    for (size_t t = k->tb; t < k->te; t++) {
        if (!kbp_is_cap(doc, t) || !(doc->toks.v[t].flags & KB_TF_ALPHA))
            continue;
        uint32_t v;
        const struct ner_word *w = kbp_ner_info(N, t);
        size_t len = w && ((w->lexk & (LXK(LX_COUNTRY) | LXK(LX_PLACE))) || kbp_ner_prefix(N, t))
                         ? kbp_ner_lex_match(N, t, k->te, LXK(LX_COUNTRY) | LXK(LX_PLACE), &v)
                         : 0;
        int32_t g = -1;
        struct cand c;
        memset(&c, 0, sizeof c);
        if (len) {
            kbp_ner_from_lex(N, &c, v);
        } else if (kbp_ner_gaz(N, t) && (len = kbp_ner_gaz_match(N, t, k->te, &g)) > 0) {
            if (kbp_ner_gaz_strength(N, t, len, g) < S_CONTEXT) {
                t += len - 1;
                continue;
            }
            c.type = (uint8_t)kb_gaz_entity_type(&N->gaz->places.v[g]);
        } else if (t + 1 < k->te && kbp_is_cap(doc, t + 1) && kbp_cue(N, t + 1, CUE_HEAD_GPE) &&
                   t + 2 < k->te && !(kbp_ner_class(N, t) & KB_WORD_COMMON)) {
            /* a county or district the gazetteer lacks ("Lamar County Commissioners") */
            len = 2;
            c.type = KB_ENT_GPE;
        }
        if (!len)
            continue;
        if (len == k->te - k->tb)
            return KB_OK; /* the whole name is the place */
        /* only a whole word of the name: not "New" of "New Yorker" */
        if (t + len < k->te && !kbp_is_cap(doc, t + len - 1))
            continue;
        struct kb_entity e = new_entity(doc, t, t + len, c.type);
        e.flags = KB_EF_EMBEDDED;
        e.conf = 0.6f;
        e.country = c.country;
        e.name = c.name ? c.name : surface_name(N, t, t + len);
        if (!e.name || KB_VEC_PUSH(ents, e))
            return KB_ENOMEM;
        t += len - 1;
    }
    return KB_OK;
}

/* ---- Emit ---- */

int kbp_ner_emit(struct ner *N)
{
    struct kb_doc *doc = N->doc;
    struct ent_vec ents = {0};
    struct nominal_vec nms = {0};
    int32_t *at = NULL;
    int rc = KB_OK;
    for (size_t c = 0; c < N->cands.n && !rc; c++) {
        const struct cand *k = &N->cands.v[c];
        if (k->type >= KB_ENT__MAX)
            continue;
        struct kb_entity e = new_entity(doc, k->tb, k->te, k->type);
        e.conf = k->strength >= S_CONTEXT ? 0.9f : k->strength == S_WEAK ? 0.5f : 0.6f;
        e.country = k->country;
        e.name = k->name ? k->name : surface_name(N, k->tb, k->te);
        if (!e.name) {
            rc = KB_ENOMEM;
            break;
        }
        /* a person of the lexicon acts in a known role ("Putin": leader) */
        if ((k->flags & CF_LEX) && LX_KIND(k->lexval) == LX_PERSON)
            e.role = N->lex->people.v[LX_IDX(k->lexval)].role;
        /* a demonym or a nation stands for its country as an actor */
        if (e.type == KB_ENT_NORP && e.country) {
            const struct kb_country *co = kb_lexicon_country(N->lex, e.country);
            if (co)
                e.actor = co->name;
        }
        rc = KB_VEC_PUSH(&ents, e);
        if (!rc && k->te - k->tb > 1 && (e.type == KB_ENT_ORG || e.type == KB_ENT_EVENT))
            rc = embedded_places(N, k, &ents);
    }
    /* the token -> entity index of names, to find descriptions around them */
    if (!rc && !(at = malloc((doc->toks.n + 1) * sizeof *at)))
        rc = KB_ENOMEM;
    if (!rc) {
        for (size_t t = 0; t < doc->toks.n; t++)
            at[t] = -1;
        for (size_t i = 0; i < ents.n; i++)
            for (uint32_t t = 0; t < ents.v[i].ntok && !(ents.v[i].flags & KB_EF_EMBEDDED); t++)
                at[ents.v[i].tok + t] = (int32_t)i;
        rc = find_nominals(N, at, &nms, &ents);
    }
    if (!rc) {
        /* sort names and descriptions into text order, keeping the side data */
        for (size_t k = 0; k < nms.n; k++)
            ents.v[nms.v[k].ent].ref = -2 - (int32_t)k; /* tag */
        size_t k = 1; /* mostly in text order already; the sort is stable */
        while (k < ents.n && cmp_ent(&ents.v[k - 1], &ents.v[k]) <= 0)
            k++;
        if (k < ents.n)
            qsort(ents.v, ents.n, sizeof *ents.v, cmp_ent);
        for (size_t i = 0; i < ents.n; i++)
            if (ents.v[i].ref <= -2) {
                nms.v[-2 - ents.v[i].ref].ent = (uint32_t)i;
                ents.v[i].ref = -1;
            }
        free(doc->ents.v);
        doc->ents.v = ents.v;
        doc->ents.n = ents.n;
        doc->ents.cap = ents.cap;
        ents.v = NULL;
        resolve_nominals(N, nms.v, nms.n);
        rc = corefer_names(N);
    }
    if (!rc)
        metonymy_and_roles(N);
    free(ents.v);
    free(nms.v);
    free(at);
    return rc;
}
