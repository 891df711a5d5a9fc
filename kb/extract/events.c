/*
 * events.c -- the event stage: who did what to whom, where and when, coded
 * with CAMEO, one sentence at a time, with no parser.
 *
 * Stage: extract, after timexes, entities and places.  Output: doc->events.
 *
 * Per sentence that holds a trigger word: the word classes of its tokens,
 * its triggers (events_triggers.c), each trigger's argument window (up to
 * the next verb or clause boundary) and code (its verb's patterns over the
 * window, else the verb's own code), its roles (events_roles.c), how the
 * triggers govern each other (events_modality.c); then one event per
 * source and target ("A and B met C": A->C, B->C and the reverse meetings),
 * dated by events_date.c.  A trigger with no one acting or acted on gives
 * no event.
 */
#include "events.h"

#include <stdlib.h>

/* Room for n tokens in c->tkv and c->cand, which start in buffers of the
   caller's (c->tkv == first); their contents need not be kept. */
static int reserve(struct ev_ctx *c, size_t n, struct ev_tok *first)
{
    if (n <= c->tkcap)
        return KB_OK;
    size_t cap = KB_MAX(n, 2 * c->tkcap);
    struct ev_tok *tk = malloc(cap * sizeof *tk);
    uint32_t *cand = malloc(cap * sizeof *cand);
    if (!tk || !cand) {
        free(tk);
        free(cand);
        return KB_ENOMEM;
    }
    if (c->tkv != first) {
        free(c->tkv);
        free(c->cand);
    }
    c->tkv = tk;
    c->cand = cand;
    c->tkcap = cap;
    return KB_OK;
}

static bool lower_word(const struct kb_token *tk)
{
    return tk->kind == KB_TOK_WORD && (tk->flags & KB_TF_LOWER);
}

/*
 * The last lower-case word of tokens [b, e) that is a trigger or begins one
 * (SIZE_MAX: none): one table lookup per lower-case word, its entry kept in
 * c->tkv[i - b], and the words that may begin a trigger in c->cand.
 */
static size_t last_trigger_word(struct ev_ctx *c, size_t b, size_t e)
{
    const struct kb_doc *doc = c->doc;
    size_t last = SIZE_MAX;
    c->ncand = 0;
    for (size_t i = b; i < e; i++)
        if (lower_word(&doc->toks.v[i])) {
            const struct ev_word *w = ev_word_at(c->d, doc, i);
            c->tkv[i - b].word = w;
            if (w && w->trig) {
                last = i;
                if (w->cls & W_TRIGWORD)
                    c->cand[c->ncand++] = (uint32_t)i;
            }
        }
    return last;
}

/* Is token i "he", "she", "it" or "they", a pronoun resolve_pronoun() reads back? */
static bool name_pronoun(const struct kb_doc *doc, size_t i)
{
    const struct kb_token *tk = &doc->toks.v[i];
    const char *f = doc->fold.data + tk->fold;
    switch (tk->fold_len) {
    case 2:
        return (f[0] == 'h' && f[1] == 'e') || (f[0] == 'i' && f[1] == 't');
    case 3:
        return f[0] == 's' && f[1] == 'h' && f[2] == 'e';
    case 4:
        return f[0] == 't' && f[1] == 'h' && f[2] == 'e' && f[3] == 'y';
    default:
        return false;
    }
}

/*
 * Can an event of tokens [b, e) have anyone acting or acted on?  Only
 * entities of the sentence and the pronouns resolve_pronoun() reads back
 * ("he", "she", "it", "they") give triggers their sources, targets and
 * places; without them emit_trigger() emits nothing.  *cursor walks
 * doc->ents, b never decreasing from one call to the next.
 */
static bool anyone(const struct kb_doc *doc, size_t b, size_t e, size_t *cursor)
{
    size_t k = *cursor;
    while (k < doc->ents.n && doc->ents.v[k].tok < b)
        k++;
    *cursor = k;
    if (k < doc->ents.n && doc->ents.v[k].tok < e)
        return true;
    for (size_t i = b; i < e; i++)
        if (name_pronoun(doc, i))
            return true;
    return false;
}

/* Word classes and entities of the sentence's tokens; *cursor walks doc->ents.
   The entries of lower-case words are there (last_trigger_word). */
static void classify(struct ev_ctx *c, size_t *cursor)
{
    const struct kb_doc *doc = c->doc;
    size_t e = *cursor;
    while (e < doc->ents.n && doc->ents.v[e].tok < c->sb)
        e++;
    *cursor = e;
    for (size_t i = c->sb; i < c->se; i++) {
        struct ev_tok *t = &c->tk[i - c->sb];
        if (!lower_word(&doc->toks.v[i]))
            t->word = ev_word_at(c->d, doc, i);
        t->ent = -1;
        t->w = ev_classes_of(doc, i, t->word) & ~(uint32_t)W_TRIGWORD;
        t->trig = -1;
    }
    /* each token's entity: the first that covers it (entities are in text
       order, an embedded place after the name it lies in) */
    for (; e < doc->ents.n && doc->ents.v[e].tok < c->se; e++) {
        size_t end = KB_MIN((size_t)doc->ents.v[e].tok + doc->ents.v[e].ntok, (size_t)c->se);
        for (size_t i = doc->ents.v[e].tok; i < end; i++) {
            struct ev_tok *t = &c->tk[i - c->sb];
            if (t->ent < 0) {
                t->ent = (int32_t)e;
                t->w |= W_ENT;
            }
        }
    }
}

/* The argument window of trigger k: up to the next verb or clause boundary. */
static void window(struct ev_ctx *c, size_t k)
{
    struct ev_trig *t = &c->trigs.v[k];
    size_t end = KB_MIN(c->se, t->te + (t->role == TR_NOMINAL ? 10 : EV_SPAN));
    const struct ev_trig *next = NULL;
    for (size_t j = k + 1; j < c->trigs.n; j++)
        if (c->trigs.v[j].role != TR_NOMINAL) {
            next = &c->trigs.v[j];
            end = KB_MIN(end, next->vb);
            break;
        }
    /* "..., and Germany sent ...": the next verb's own subject starts its clause */
    if (next && next->role == TR_FINITE)
        end = KB_MIN(end, ev_clause_start(c, next));
    for (size_t i = t->te; i < end; i++) {
        if (ev_w(c, i) & (W_SUBORD | W_BREAK | W_CONTRAST | W_IF | W_QUOTE)) {
            end = i;
            break;
        }
        /* "..., according to the WHO": an attribution, not an argument */
        if (EV_TOK_IS(c, i, "according") && i + 1 < c->se && EV_TOK_IS(c, i + 1, "to")) {
            end = i;
            break;
        }
        /* "seek to provoke an invasion": an infinitive begins another clause */
        if ((ev_w(c, i) & W_TO) && i + 1 < end &&
            (c->doc->toks.v[i + 1].flags & KB_TF_LOWER) &&
            !(ev_w(c, i + 1) & (W_DET | W_NUM | W_AGENT | W_ASSET | W_PRON))) {
            end = i;
            break;
        }
    }
    /* "..., a senior official said": the reporter is not an argument */
    if (next && (ev_verb_of(c, next)->flags & VF_REPORT))
        for (size_t i = next->vb; i > t->te; i--)
            if (ev_w(c, i - 1) & (W_COMMA | W_QUOTE)) {
                end = KB_MIN(end, i - 1);
                break;
            }
    t->we = (uint32_t)end;
}

/* Code of trigger t before its roles are read: pattern, verb, or object noun. */
static void first_code(struct ev_ctx *c, size_t k)
{
    struct ev_trig *t = &c->trigs.v[k];
    const struct ev_verb *v = ev_verb_of(c, t);
    if (ev_match_pattern(c, t)) {
        t->coded = t->patterned = true;
        return;
    }
    if (v->cameo[0]) {
        memcpy(t->cameo, v->cameo, sizeof t->cameo);
        t->type = v->type;
        t->coded = true;
        return;
    }
    /* a light verb reads as its object noun, for its roles; absorb_nominals codes it */
    for (size_t j = k + 1; j < c->trigs.n && c->trigs.v[j].tb < t->we; j++) {
        const struct ev_trig *n = &c->trigs.v[j];
        if (n->role == TR_NOMINAL) {
            memcpy(t->cameo, c->d->verbs.v[n->verb].cameo, sizeof t->cameo);
            break;
        }
    }
}

/* Append one event (a source and a target of trigger t) unless already there. */
/* The bytes of trigger t's clause, and whether a temporal conjunction opens it. */
static void clause_of(const struct ev_ctx *c, const struct ev_trig *t, uint32_t *cb, uint32_t *ce,
                      bool *temporal)
{
    const struct kb_doc *doc = c->doc;
    size_t i = t->vb;
    while (i > c->sb &&
           !(ev_w(c, i - 1) & (W_SUBORD | W_BREAK | W_CONTRAST | W_QUOTE | W_COMMA)))
        i--;
    *temporal = i > c->sb && (EV_TOK_IS(c, i - 1, "after") || EV_TOK_IS(c, i - 1, "before") ||
                              EV_TOK_IS(c, i - 1, "since") || EV_TOK_IS(c, i - 1, "until"));
    *cb = doc->toks.v[i].start;
    size_t e = KB_MAX((size_t)t->we, (size_t)t->te);
    *ce = e < c->se ? doc->toks.v[e].start : doc->sents.v[c->s].end;
}

static int emit(struct ev_ctx *c, const struct ev_trig *t, int32_t a, int32_t b,
                const char *cameo, const char *type, size_t first)
{
    struct kb_doc *doc = c->doc;
    const char *an = a >= 0 ? kb_entity_actor(doc, a) : NULL;
    const char *bn = b >= 0 ? kb_entity_actor(doc, b) : NULL;
    if (an && bn && strcmp(an, bn) == 0)
        return KB_OK; /* no one acts on himself here */
    for (size_t i = first; i < doc->events.n; i++) {
        const struct kb_event *o = &doc->events.v[i];
        if (o->actor == a && o->target == b && strcmp(o->cameo, cameo) == 0)
            return KB_OK;
    }
    struct kb_event ev;
    memset(&ev, 0, sizeof ev);
    ev.sent = c->s;
    ev.trig_start = doc->toks.v[t->tb].start;
    ev.trig_end = doc->toks.v[t->te - 1].end;
    ev.type = type;
    ev_strcpy(ev.cameo, sizeof ev.cameo, cameo, SIZE_MAX);
    ev.actor = a;
    ev.target = b;
    ev.place = t->place;
    /* a material act on a place happens there: "shelled Kharkiv", "visited Moscow" */
    int root = ev_root(cameo);
    if (ev.place < 0 && b >= 0 && doc->ents.v[b].place >= 0 &&
        ((root >= 6 && root <= 8) || root >= 14 || strncmp(cameo, "042", 3) == 0))
        ev.place = doc->ents.v[b].place;
    ev.origin = t->origin;
    ev.dest = t->dest;
    ev.timex = -1;
    ev.claimed_by = t->claimant;
    ev.flags = t->flags & (KB_EV_NEGATED | KB_EV_HYPOTHETICAL | KB_EV_CLAIMED);
    uint32_t cb, ce;
    bool temporal;
    clause_of(c, t, &cb, &ce, &temporal);
    ev_date(c, &ev, cb, ce, temporal);
    return KB_VEC_PUSH(&doc->events, ev);
}

/* The events of trigger t: one per source and target. */
static int emit_trigger(struct ev_ctx *c, const struct ev_trig *t)
{
    size_t first = c->doc->events.n; /* duplicates are looked for among this trigger's */
    /* someone named acting or acted on; or an actor noun at a named place
       ("police arrested three men in Berlin") */
    if (t->drop || !t->coded || (!t->actors.n && !t->targets.n && !(t->agent && t->place >= 0)))
        return KB_OK;
    /* a noun names an event of its own with who did it, or for an attack, on whom */
    if (t->role == TR_NOMINAL && !t->actors.n && ev_root(t->cameo) < 14)
        return KB_OK;
    const struct ev_verb *v = ev_verb_of(c, t);
    /* a light verb acts like its noun: "held talks" is symmetric like "talk" */
    const struct ev_verb *nv = t->noun >= 0 ? ev_verb_of(c, &c->trigs.v[t->noun]) : v;
    uint32_t vflags = v->flags | (nv->flags & VF_SYM) | (t->pflags & VF_SYM);
    const char *type = t->type ? t->type : v->type ? v->type : ev_code_type(t->cameo);
    /* "Turkey fought the fires": a mutual act needs someone on the other side */
    if ((vflags & VF_SYM) && ev_root(t->cameo) >= 14 && t->actors.n == 1 && !t->targets.n &&
        t->place < 0)
        return KB_OK;
    struct ev_args none = {{-1}, 1};
    const struct ev_args *A = t->actors.n ? &t->actors : &none;
    const struct ev_args *T = t->targets.n ? &t->targets : &none;
    int rc = KB_OK;
    if ((vflags & VF_SYM) && t->actors.n >= 2 && !t->targets.n) {
        /* "A and B met": each met the other */
        for (size_t i = 0; i < A->n && !rc; i++)
            for (size_t j = 0; j < A->n && !rc; j++)
                if (i != j)
                    rc = emit(c, t, A->v[i], A->v[j], t->cameo, type, first);
        return rc;
    }
    bool rev = nv->rev[0] && !t->patterned && strcmp(t->cameo, nv->cameo) == 0;
    const char *rtype = strcmp(nv->rev, nv->cameo) == 0 ? type : ev_code_type(nv->rev);
    for (size_t i = 0; i < A->n && !rc; i++)
        for (size_t j = 0; j < T->n && !rc; j++) {
            rc = emit(c, t, A->v[i], T->v[j], t->cameo, type, first);
            if (!rc && rev && A->v[i] >= 0 && T->v[j] >= 0)
                rc = emit(c, t, T->v[j], A->v[i], nv->rev, rtype, first);
        }
    return rc;
}

static int sentence(struct ev_ctx *c, size_t *cursor)
{
    classify(c, cursor);
    int rc = ev_find_triggers(c);
    if (rc || !c->trigs.n)
        return rc;
    for (size_t k = 0; k < c->trigs.n; k++)
        window(c, k);
    for (size_t k = 0; k < c->trigs.n; k++)
        first_code(c, k);
    for (size_t k = 0; k < c->trigs.n; k++)
        ev_find_roles(c, k);
    ev_govern(c);
    for (size_t k = 0; k < c->trigs.n && !rc; k++)
        rc = emit_trigger(c, &c->trigs.v[k]);
    return rc;
}

int kb_events_find(const struct kb_extractor *ex, struct kb_doc *doc)
{
    struct ev_ctx c;
    memset(&c, 0, sizeof c);
    c.d = ex->evd;
    c.doc = doc;
    if (!c.d || !doc->sents.n)
        return KB_OK;
    kb_buf_init(&c.scratch);
    struct ev_tok first[256]; /* most sentences are shorter: no allocation */
    uint32_t firstc[KB_ARRAY_LEN(first)];
    c.tkv = first;
    c.cand = firstc;
    c.tkcap = KB_ARRAY_LEN(first);
    int rc = ev_dates_index(&c);
    size_t cursor = 0, acursor = 0;
    for (size_t s = 0; s < doc->sents.n && !rc; s++) {
        size_t tb = doc->sents.v[s].tok_begin, se = doc->sents.v[s].tok_end;
        /* only a sentence with someone to act and a trigger word is read,
           from after its dateline ("ROME (Reuters) -" is no argument) */
        if (se <= tb || !anyone(doc, tb, se, &acursor) || (rc = reserve(&c, se - tb, first)))
            continue;
        size_t last = last_trigger_word(&c, tb, se);
        if (last == SIZE_MAX)
            continue;
        c.s = (uint32_t)s;
        c.sb = (uint32_t)kb_dateline_end(doc, s);
        c.se = (uint32_t)se;
        c.tk = c.tkv + (c.sb - tb);
        if (last >= c.sb && (c.sb == tb || anyone(doc, c.sb, se, &acursor)))
            rc = sentence(&c, &cursor);
    }
    if (c.tkv != first) {
        free(c.tkv);
        free(c.cand);
    }
    free(c.trigs.v);
    free(c.sent_tx);
    kb_buf_release(&c.scratch);
    return rc;
}
