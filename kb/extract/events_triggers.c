/*
 * events_triggers.c -- the triggers of a sentence and what each one is:
 * a verb or a noun, the clause it heads (finite, infinitive, gerund,
 * participle clause), its auxiliaries, voice and mood.
 *
 * Words like "attack", "support" or "talks" are verbs or nouns; the word
 * before decides, the way a reader does: after a modal, "to", a subject
 * pronoun or a name it is a verb ("Gondor and Osgiliath agree"), after a
 * determiner or an adjective a noun ("the talks", "artillery shells").  A
 * past form after a determiner is an adjective ("an armed group"), after
 * "was" a passive.  A verb form followed by a hyphen is a modifier
 * ("state-run").
 */
#include "events.h"

#include <string.h>

size_t ev_prev_word(const struct ev_ctx *c, size_t i)
{
    while (i > c->sb) {
        i--;
        uint32_t w = ev_w(c, i);
        if (w & W_PAREN) {
            /* skip back over "( ... )" */
            size_t j = i;
            while (j > c->sb && !(ev_w(c, j - 1) & W_PAREN))
                j--;
            if (j > c->sb && i - j < 8) {
                i = j - 1;
                continue;
            }
            return i;
        }
        if (!(w & W_ADV))
            return i;
    }
    return SIZE_MAX;
}

/* Is token p a plural noun ("troops", "police", "people")? */
static bool plural_noun(const struct ev_ctx *c, size_t p)
{
    size_t n;
    const char *f = kb_tok_fold(c->doc, p, &n);
    return (n > 2 && f[n - 1] == 's' && f[n - 2] != 's') || EV_TOK_IS(c, p, "police") ||
           EV_TOK_IS(c, p, "people");
}

/*
 * Does the clause after token i have its own verb -- an auxiliary or a
 * finite trigger verb ("The civilians imprisoned for X were released",
 * "Officials accused of fraud met ...")?
 */
static bool verb_follows(const struct ev_ctx *c, size_t i)
{
    for (size_t j = i; j < c->se && j < i + EV_SPAN; j++) {
        uint32_t w = ev_w(c, j);
        if (w & (W_SUBORD | W_BREAK | W_CONTRAST | W_TRIG | W_COMMA))
            return false;
        if (w & (W_BE | W_HAVE | W_MODAL))
            return true;
        const struct ev_word *e = c->tk[j - c->sb].word;
        size_t nv = e ? e->ntv : 0;
        const uint32_t *v = e ? e->tv : NULL;
        for (size_t k = 0; k < nv; k++)
            if (EV_TRIG_FORM(v[k]) == EF_PAST || EV_TRIG_FORM(v[k]) == EF_S)
                return (c->doc->toks.v[j].flags & KB_TF_LOWER) != 0;
    }
    return false;
}

/* The last trigger read as a verb, if no clause boundary lies between it and token i. */
static const struct ev_trig *verb_before(const struct ev_ctx *c, size_t i)
{
    for (size_t k = c->trigs.n; k-- > 0;) {
        const struct ev_trig *t = &c->trigs.v[k];
        if (t->role == TR_NOMINAL)
            continue;
        for (size_t j = t->te; j < i; j++)
            if (ev_w(c, j) & (W_SUBORD | W_BREAK | W_CONTRAST))
                return NULL;
        return t;
    }
    return NULL;
}

static bool is_hyphen(const struct kb_doc *doc, size_t i)
{
    size_t n;
    const char *f = kb_tok_fold(doc, i, &n);
    return n == 1 && f[0] == '-' && !(doc->toks.v[i].flags & KB_TF_SPACE);
}

/*
 * Does token p end a subject: a name, a pronoun, an actor noun?  A
 * nationality in the singular is an adjective ("Syrian state media"), not a
 * subject.
 */
static bool subject_like(const struct ev_ctx *c, size_t p)
{
    uint32_t w = ev_w(c, p);
    if (w & (W_PRON | W_AGENT))
        return !(w & W_DET) || (w & W_PRON); /* "that" as a relative pronoun counts */
    int32_t e = ev_ent(c, p);
    if (e < 0 || (w & W_POSS))
        return false;
    const struct kb_entity *en = &c->doc->ents.v[e];
    if (en->type == KB_ENT_NORP && en->end > en->start && c->doc->text[en->end - 1] != 's')
        return false;
    return true;
}

/*
 * Walk the auxiliaries before the verb at tb: sets t->vb, voice, mood,
 * negation and whether the verb is an infinitive.
 */
static void verb_group(const struct ev_ctx *c, struct ev_trig *t)
{
    size_t k = t->tb;
    bool be = false, modal = false;
    for (size_t j = t->tb; j > c->sb;) {
        j--;
        uint32_t w = ev_w(c, j);
        if (w & W_TO) {
            size_t p = ev_prev_word(c, j);
            if (p != SIZE_MAX && (ev_w(c, p) & W_FUTADJ)) {
                /* "is about to", "are set to": a future of the clause's own subject */
                modal = true;
                k = j = p;
                continue;
            }
            if (t->role == TR_FINITE)
                t->role = TR_INF;
            t->bare = false;
            k = j;
            break;
        }
        if (w & (W_MODAL | W_NEG | W_BE | W_HAVE | W_DO | W_ADV)) {
            if (w & W_NEG)
                t->flags |= KB_EV_NEGATED;
            if (w & W_MODAL)
                modal = true;
            if ((w & W_BE) && !(w & W_HAVE))
                be = true;
            if (w & W_REPORTED)
                t->flags |= KB_EV_CLAIMED;
            k = j;
            continue;
        }
        break;
    }
    t->vb = (uint32_t)k;
    if (modal)
        t->flags |= KB_EV_HYPOTHETICAL;
    if (be && t->form == EF_PAST)
        t->passive = true;
}

/*
 * Does the comma at p close a name in apposition to a noun ("the foreign
 * minister, Sameh Shoukry,")?
 */
static bool named_apposition(const struct ev_ctx *c, size_t p)
{
    int32_t e = p > c->sb ? ev_ent(c, p - 1) : -1;
    if (e < 0 || !ev_is_actor(c->doc, e))
        return false;
    size_t b = c->doc->ents.v[e].tok;
    if (b < c->sb + 2 || !(ev_w(c, b - 1) & W_COMMA))
        return false;
    const struct kb_token *n = &c->doc->toks.v[b - 2];
    return n->kind == KB_TOK_WORD && (n->flags & KB_TF_LOWER) &&
           !(ev_w(c, b - 2) & ~(uint32_t)(W_AGENT | W_ASSET));
}

/* Read the word at tb as a verb of form `form`?  Sets t->role. */
static bool verb_reading(const struct ev_ctx *c, struct ev_trig *t, int form, uint32_t vflags)
{
    const struct kb_doc *doc = c->doc;
    if (t->te < c->se && is_hyphen(doc, t->te))
        return false; /* "state-run", "attack-prone" */
    size_t p = ev_prev_word(c, t->tb);
    uint32_t pw = p == SIZE_MAX ? 0 : ev_w(c, p);
    t->role = TR_FINITE;
    if (pw & (W_DET | W_POSS | W_NUM) && !(pw & (W_PRON | W_SUBORD)))
        return false;
    /* "Egypt, which borders Sudan, received": the verb of the name before;
       "Egypt's foreign minister, Sameh Shoukry, met": of the name between */
    if ((pw & W_COMMA) && (form == EF_PAST || form == EF_S) &&
        (ev_inserted_clause(c, p) != SIZE_MAX || named_apposition(c, p)))
        return true;
    switch (form) {
    case EF_ING:
        if (pw & W_BE)
            return true;
        if ((pw & W_PREP) && !(pw & W_TO)) {
            t->role = TR_GERUND;
            return true;
        }
        if (p == SIZE_MAX || (pw & (W_COMMA | W_CONJ))) {
            t->role = TR_ADVCL;
            return true;
        }
        return false; /* after a noun: a modifier ("the parade supporting X") */
    case EF_PAST:
        if (pw & (W_BE | W_HAVE | W_MODAL | W_NEG))
            return true;
        if ((vflags & VF_REPORT) && (pw & (W_COMMA | W_QUOTE)))
            return true; /* "..., said the minister" */
        if (p == SIZE_MAX || (pw & (W_COMMA | W_PREP | W_QUOTE)))
            return false; /* "Backed by Russia, ...", "a man wanted by ..." */
        if (ev_ent(c, p) >= 0 || (pw & (W_PRON | W_CONJ)) ||
            ((doc->toks.v[p].flags & KB_TF_CAP) && !(pw & W_AGENT)))
            return true; /* "Arnor welcomed", "... and urged Russia to" */
        /* after a common noun: a participle when the clause has its verb
           elsewhere ("a member jailed last year", "the civilians imprisoned
           for X were released") */
        if (!(vflags & VF_REPORT) && !(ev_w(c, t->te) & (W_DET | W_ENT | W_PRON | W_NUM)) &&
            (verb_before(c, t->tb) || verb_follows(c, t->te)))
            return false;
        if (subject_like(c, p))
            return true;
        return verb_before(c, t->tb) == NULL;
    case EF_BASE:
        if (pw & (W_MODAL | W_TO | W_DO | W_NEG))
            return true;
        /* a plural subject: "troops attack", not "military aid"; and not inside
           an object: "rejected the UN report" */
        if (p != SIZE_MAX && subject_like(c, p) && (!(pw & W_AGENT) || plural_noun(c, p)) &&
            !(ev_ent(c, p) >= 0 && verb_before(c, t->tb))) {
            /* "helped Turkey fight the fires": the object of a verb does it */
            int32_t e = ev_ent(c, p);
            size_t q = e >= 0 ? doc->ents.v[e].tok : p;
            if (q > c->sb && ev_trig_at(c, q - 1) >= 0 &&
                c->trigs.v[ev_trig_at(c, q - 1)].role != TR_NOMINAL) {
                t->role = TR_INF;
                t->bare = true;
            }
            return true;
        }
        if (pw & W_CONJ) {
            const struct ev_trig *v = verb_before(c, t->tb);
            if (v && v->form == EF_BASE) {
                t->role = v->role; /* "will meet and discuss" */
                return true;
            }
        }
        return false;
    case EF_S:
        if (p == SIZE_MAX)
            return false;
        /* "the army attacks", not "military attacks on ..." nor "rejected the UN reports" */
        if (subject_like(c, p) && (!(pw & W_AGENT) || (p > c->sb && (ev_w(c, p - 1) & W_DET))) &&
            !(ev_ent(c, p) >= 0 && verb_before(c, t->tb)))
            return true;
        if ((doc->toks.v[p].flags & KB_TF_CAP) && !(pw & W_DET) && !subject_like(c, p))
            return true;
        if (pw & W_CONJ) {
            const struct ev_trig *v = verb_before(c, t->tb);
            return v && v->form == EF_S;
        }
        return false;
    default:
        return false;
    }
}

int ev_find_triggers(struct ev_ctx *c)
{
    c->trigs.n = 0;
    /* the lower-case words that begin a trigger, outside names */
    size_t next = c->sb;
    for (size_t q = 0; q < c->ncand; q++) {
        size_t i = c->cand[q];
        if (i < next || ev_ent(c, i) >= 0)
            continue;
        const uint32_t *vals;
        size_t nv;
        size_t len = ev_phrase_at(c, false, i, c->se, &vals, &nv);
        if (!len)
            continue;
        int vform = -1;
        size_t vverb = 0, nverb = SIZE_MAX;
        for (size_t k = 0; k < nv; k++) {
            int f = EV_TRIG_FORM(vals[k]);
            if (f == EF_NOUN && nverb == SIZE_MAX)
                nverb = EV_TRIG_VERB(vals[k]);
            else if (f != EF_NOUN && vform < 0) {
                vform = f;
                vverb = EV_TRIG_VERB(vals[k]);
            }
        }
        struct ev_trig t;
        memset(&t, 0, sizeof t);
        t.tb = (uint32_t)i;
        t.te = (uint32_t)(i + len);
        t.gov = t.noun = t.coord = t.claimant = t.place = t.origin = t.dest = -1;
        if (vform >= 0 && verb_reading(c, &t, vform, c->d->verbs.v[vverb].flags)) {
            t.verb = (uint32_t)vverb;
            t.form = (uint8_t)vform;
            verb_group(c, &t);
        } else if (nverb != SIZE_MAX) {
            t.verb = (uint32_t)nverb;
            t.form = EF_NOUN;
            t.role = TR_NOMINAL;
            t.vb = t.tb;
            t.flags = 0;
        } else {
            continue;
        }
        if (KB_VEC_PUSH(&c->trigs, t))
            return KB_ENOMEM;
        c->tk[i - c->sb].w |= W_TRIG;
        for (size_t j = t.tb; j < t.te; j++)
            c->tk[j - c->sb].trig = (int32_t)(c->trigs.n - 1);
        next = t.te;
    }
    return KB_OK;
}
