/*
 * events_modality.c -- how the triggers of a sentence govern each other,
 * and the flags that follow: which events are one event seen twice, which
 * are only intended, wanted, denied or claimed.
 *
 *  - A noun trigger in the object of a verb belongs to it: "launched air
 *    strikes" is one event coded by the noun (a light verb), "called for
 *    talks" one appeal to meet (composition, events_codes.c), "condemned the
 *    attack" one criticism.
 *  - An infinitive is governed by the verb before it: composed with it
 *    ("urged X to help" 023, "wants to attack" 138), made hypothetical
 *    ("is expected to attend"), attempted ("tried to assassinate" 185),
 *    negated ("failed to reach"); its subject is the governing verb's
 *    object for appeals and demands, its subject otherwise.
 *  - A gerund after "of/for" belongs to an accusation: "accused Russia of
 *    firing" -- Russia fired, by Ukraine's claim; "without consulting" is
 *    negated; "after meeting" shares the subject.
 *  - ", killing eight" shares the subject of its clause, and is the same
 *    event when it is the same kind of act.
 *  - A reporting verb attributes what it reports ("X said that ...", "...,
 *    X said") to its subject: the reported events are claimed by X, denied
 *    ones also negated.  A plain statement (010) that reports events is not
 *    an event of its own -- unless it reports an attack by someone else,
 *    which makes it an accusation (112) of that actor.
 *  - Events in an "if" clause are hypothetical.
 */
#include "events.h"

#include <stdio.h>

int32_t ev_governor(const struct ev_ctx *c, size_t k)
{
    const struct ev_trig *t = &c->trigs.v[k];
    for (size_t j = k; j-- > 0;) {
        const struct ev_trig *g = &c->trigs.v[j];
        if (g->role == TR_NOMINAL)
            continue;
        for (size_t i = g->te; i < t->vb; i++)
            if (ev_w(c, i) & (W_SUBORD | W_BREAK | W_CONTRAST | W_QUOTE))
                return -1;
        return (int32_t)j;
    }
    return -1;
}

static bool same_root(const struct ev_trig *a, const struct ev_trig *b)
{
    return a->coded && b->coded && ev_root(a->cameo) == ev_root(b->cameo);
}

static void set_code(struct ev_trig *t, const char *cameo, const char *type)
{
    char code[6];
    ev_strcpy(code, sizeof code, cameo, SIZE_MAX);
    memcpy(t->cameo, code, sizeof code);
    t->type = type ? type : ev_code_type(cameo);
    t->coded = true;
}

/* "the missile attack had been launched": a passive light verb and its noun subject */
static void passive_light(struct ev_ctx *c)
{
    for (size_t k = 0; k < c->trigs.n; k++) {
        struct ev_trig *v = &c->trigs.v[k];
        if (!v->passive || v->coded || !(ev_verb_of(c, v)->flags & VF_LIGHT))
            continue;
        for (size_t i = v->vb, steps = 0; i > c->sb && steps < 4; steps++) {
            i--;
            int32_t nk = ev_trig_at(c, i);
            if (nk < 0)
                continue;
            struct ev_trig *n = &c->trigs.v[nk];
            if (n->role == TR_NOMINAL) {
                set_code(v, n->cameo, n->type);
                v->noun = nk;
                if (!v->actors.n)
                    v->actors = n->actors;
                if (!v->targets.n)
                    v->targets = n->targets;
                n->drop = true;
            }
            break;
        }
    }
}

/*
 * Is noun trigger n the head of verb v's object: only determiners,
 * numbers, names and modifiers between ("launched a new wave of air
 * strikes", "called for talks")?
 */
static bool object_of(const struct ev_ctx *c, const struct ev_trig *v, const struct ev_trig *n)
{
    static const char *const quantities[] = {"series", "wave", "round", "spate", "string",
                                             "barrage", "volley", "number", "flurry", "new"};
    if (n->tb < v->te || n->tb - v->te > 6)
        return false;
    for (size_t i = v->te; i < n->tb; i++) {
        uint32_t w = ev_w(c, i);
        if (w & (W_TRIG | W_COMMA | W_SUBORD | W_BREAK | W_CONJ | W_PRON))
            return false;
        if (!(w & W_PREP))
            continue;
        bool quantity = false;
        for (size_t q = 0; q < KB_ARRAY_LEN(quantities) && i > v->te && !quantity; q++) {
            size_t n2;
            const char *f = kb_tok_fold(c->doc, i - 1, &n2);
            quantity = strlen(quantities[q]) == n2 && memcmp(quantities[q], f, n2) == 0;
        }
        if (!(EV_TOK_IS(c, i, "of") && (quantity || (ev_w(c, i - 1) & W_NUM))) &&
            !(i == v->te && (EV_TOK_IS(c, i, "for") || EV_TOK_IS(c, i, "to") ||
                             ((ev_verb_of(c, v)->flags & VF_LIGHT) && EV_TOK_IS(c, i, "in")))))
            return false;
    }
    return true;
}

/* Is noun trigger n the object of "in", "with" or "by" ("in an air strike")? */
static bool means_of(const struct ev_ctx *c, const struct ev_trig *n)
{
    size_t i = n->tb;
    for (int steps = 0; i > c->sb && steps < 4; steps++) {
        i--;
        uint32_t w = ev_w(c, i);
        if (w & W_PREP)
            return EV_TOK_IS(c, i, "in") || EV_TOK_IS(c, i, "with") || EV_TOK_IS(c, i, "by");
        if (w & ~(uint32_t)(W_DET | W_ENT | W_NUM | W_ASSET | W_AGENT))
            return false;
    }
    return false;
}

/* Noun triggers in a verb's object. */
static void absorb_nominals(struct ev_ctx *c)
{
    for (size_t k = 0; k < c->trigs.n; k++) {
        struct ev_trig *n = &c->trigs.v[k];
        if (n->role != TR_NOMINAL)
            continue;
        int32_t g = -1;
        for (size_t j = k; j-- > 0;) {
            const struct ev_trig *v = &c->trigs.v[j];
            if (v->role != TR_NOMINAL) {
                if (v->te <= n->tb && n->tb < v->we)
                    g = (int32_t)j;
                break;
            }
        }
        if (g < 0)
            continue;
        struct ev_trig *v = &c->trigs.v[g];
        uint32_t vf = ev_verb_of(c, v)->flags;
        if (!object_of(c, v, n)) {
            /* "were killed in Israeli shelling", "killed X in an air strike": the
               means of an attack is the attack */
            if (ev_root(v->cameo) >= 18 && ev_root(n->cameo) >= 18 && means_of(c, n)) {
                if (!v->actors.n)
                    v->actors = n->actors;
                if (v->cameo[2] == '0' && !v->cameo[3] && strcmp(v->cameo, n->cameo) != 0)
                    set_code(v, n->cameo, n->type);
                n->gov = g;
                n->drop = true;
            }
            continue; /* deeper in the clause: an event of its own */
        }
        n->gov = g;
        n->drop = true;
        char out[6];
        if (v->patterned)
            continue; /* the verb's pattern already says what it is */
        if ((vf & VF_LIGHT) && !v->coded) {
            set_code(v, n->cameo, n->type);
            v->noun = (int32_t)k;
            if (!v->targets.n)
                v->targets = n->targets;
            if (!v->actors.n && v->passive)
                v->actors = n->actors;
        } else if ((vf & VF_COMPOSE) && ev_compose(vf, n->cameo, out)) {
            set_code(v, out, NULL);
            if (!v->targets.n)
                v->targets = n->targets;
        } else if ((vf & VF_REPORT) && (n->actors.n || n->targets.n)) {
            n->drop = false; /* "announced Russian air strikes": reported, kept */
        }
    }
}

/* Infinitives: composed with, or made hypothetical by, the verb before. */
static void govern_infinitives(struct ev_ctx *c)
{
    for (size_t k = 0; k < c->trigs.n; k++) {
        struct ev_trig *t = &c->trigs.v[k];
        if (t->role != TR_INF)
            continue;
        int32_t gi = ev_governor(c, k);
        /* "Eriador's refusal to talk", "an offer to mediate": a noun governs */
        if (k > 0 && c->trigs.v[k - 1].role == TR_NOMINAL && c->trigs.v[k - 1].te == t->vb &&
            (ev_verb_of(c, &c->trigs.v[k - 1])->flags & VF_CONTROL))
            gi = (int32_t)k - 1;
        if (gi < 0) {
            t->flags |= KB_EV_HYPOTHETICAL; /* "to protest, ..." */
            continue;
        }
        struct ev_trig *g = &c->trigs.v[gi];
        uint32_t gf = ev_verb_of(c, g)->flags;
        t->gov = gi;
        if (!t->actors.n) {
            t->actors = (gf & (VF_APPEAL | VF_DEMAND)) && g->targets.n ? g->targets : g->actors;
            t->agent = g->agent;
        }
        char out[6];
        if ((gf & VF_COMPOSE) && t->coded && ev_compose(gf, t->cameo, out)) {
            set_code(g, out, NULL);
            if (t->targets.n && (!g->targets.n || !(gf & (VF_APPEAL | VF_DEMAND))))
                g->targets = t->targets;
            if (g->place < 0)
                g->place = t->place;
            t->drop = true;
            continue;
        }
        if ((gf & VF_ATTEMPT) && t->coded && ev_compose(VF_ATTEMPT, t->cameo, out))
            set_code(t, out, NULL);
        else if (gf & VF_NEG)
            t->flags |= KB_EV_NEGATED;
        else
            t->flags |= KB_EV_HYPOTHETICAL;
        t->flags |= g->flags & (KB_EV_NEGATED | KB_EV_CLAIMED);
        if (!g->coded)
            g->drop = true; /* "want", "expect": only the event they govern */
        else if (same_root(g, t))
            t->drop = true; /* "met to discuss" */
    }
}

/* Gerunds and participle clauses. */
static void govern_gerunds(struct ev_ctx *c)
{
    for (size_t k = 0; k < c->trigs.n; k++) {
        struct ev_trig *t = &c->trigs.v[k];
        if (t->role == TR_ADVCL) {
            /* ", killing eight": the clause's subject; the same act seen twice */
            int32_t gi = -1;
            for (size_t j = k; j-- > 0 && gi < 0 && j + EV_NEAR > k;)
                if (c->trigs.v[j].role == TR_FINITE)
                    gi = (int32_t)j;
            for (size_t j = k + 1; j < c->trigs.n && gi < 0 && j < k + EV_NEAR; j++)
                if (c->trigs.v[j].role == TR_FINITE)
                    gi = (int32_t)j;
            if (gi < 0)
                continue;
            struct ev_trig *g = &c->trigs.v[gi];
            t->gov = gi;
            if (!t->actors.n) {
                t->actors = g->passive ? g->targets : g->actors;
                t->agent = g->agent;
            }
            if (same_root(g, t) || (ev_root(g->cameo) >= 18 && ev_root(t->cameo) >= 18))
                t->drop = true;
            continue;
        }
        if (t->role != TR_GERUND)
            continue;
        int32_t gi = ev_governor(c, k);
        size_t p = t->tb;
        while (p > c->sb && (ev_w(c, p - 1) & W_ADV))
            p--;
        p = p > c->sb ? p - 1 : p;
        if (gi < 0) {
            t->drop = !(EV_TOK_IS(c, p, "after") || EV_TOK_IS(c, p, "before"));
            continue;
        }
        struct ev_trig *g = &c->trigs.v[gi];
        uint32_t gf = ev_verb_of(c, g)->flags;
        t->gov = gi;
        if (gf & VF_ACCUSE) {
            /* "accused Russia of firing": Russia fired, says the accuser */
            if (!t->actors.n)
                t->actors = g->targets;
            if (g->actors.n && ev_is_actor(c->doc, g->actors.v[0])) {
                t->claimant = g->actors.v[0];
                t->flags |= KB_EV_CLAIMED;
            }
        } else if (EV_TOK_IS(c, p, "without")) {
            t->flags |= KB_EV_NEGATED;
            if (!t->actors.n)
                t->actors = g->actors;
        } else if (EV_TOK_IS(c, p, "after") || EV_TOK_IS(c, p, "before") ||
                   EV_TOK_IS(c, p, "since") || EV_TOK_IS(c, p, "by") ||
                   EV_TOK_IS(c, p, "upon") || EV_TOK_IS(c, p, "while")) {
            if (!t->actors.n)
                t->actors = g->actors;
            if (same_root(g, t))
                t->drop = true;
        } else {
            t->drop = true; /* "the risk of attacking", "for helping" */
        }
    }
}

/* Where the clause reported by trigger k ends (exclusive). */
static size_t report_end(const struct ev_ctx *c, size_t k)
{
    const struct ev_trig *r = &c->trigs.v[k];
    size_t i;
    for (i = r->te; i < c->se && i < r->te + EV_SPAN; i++) {
        if (ev_w(c, i) & (W_CONTRAST | W_BREAK))
            return i;
        int32_t tr = ev_trig_at(c, i);
        if (tr > (int32_t)k && (ev_verb_of(c, &c->trigs.v[tr])->flags & VF_REPORT) &&
            c->trigs.v[tr].role == TR_FINITE)
            return c->trigs.v[tr].vb;
    }
    return i;
}

/* Where the clause a parenthetical report ("..., X said") looks back to begins. */
static size_t report_start(const struct ev_ctx *c, size_t k)
{
    const struct ev_trig *r = &c->trigs.v[k];
    for (size_t i = r->vb; i > c->sb; i--) {
        if (ev_w(c, i - 1) & (W_CONTRAST | W_BREAK) || i + EV_SPAN < r->vb)
            return i;
        int32_t tr = ev_trig_at(c, i - 1);
        if (tr >= 0 && tr < (int32_t)k && strcmp(c->trigs.v[tr].cameo, "010") == 0 &&
            c->trigs.v[tr].role == TR_FINITE)
            return c->trigs.v[tr].te; /* "X said A, Y said B" */
    }
    return c->sb;
}

/* The entity an event's actor is, for an accusation: its actor, else its origin's name. */
static int32_t accused(const struct ev_ctx *c, const struct ev_trig *x)
{
    if (x->actors.n)
        return x->actors.v[0];
    if (x->origin >= 0) {
        int32_t e = c->doc->places.v[x->origin].entity;
        if (ev_is_actor(c->doc, e))
            return e;
    }
    return -1;
}

/*
 * The country of entity e: its own, or for a person without one the
 * nationality or country named just before one of its mentions ("Belarusian
 * president Alexander Lukashenko").
 */
static const char *actor_country(const struct kb_doc *doc, int32_t e)
{
    if (doc->ents.v[e].country)
        return doc->ents.v[e].country;
    if (doc->ents.v[e].type != KB_ENT_PERSON)
        return NULL;
    const char *name = kb_entity_actor(doc, e);
    for (size_t i = 1; name && i < doc->ents.n; i++) {
        const struct kb_entity *m = &doc->ents.v[i], *p = &doc->ents.v[i - 1];
        if (p->country && m->sent == p->sent && m->tok >= p->tok + p->ntok &&
            m->tok - (p->tok + p->ntok) <= 3 && kb_entity_actor(doc, (int32_t)i) &&
            strcmp(kb_entity_actor(doc, (int32_t)i), name) == 0) {
            bool words = true;
            for (size_t k = p->tok + p->ntok; k < m->tok && words; k++)
                words = doc->toks.v[k].kind == KB_TOK_WORD;
            if (words)
                return p->country;
        }
    }
    return NULL;
}

bool ev_same_side(const struct kb_doc *doc, int32_t a, int32_t b)
{
    if (a < 0 || b < 0)
        return false;
    const char *x = kb_entity_actor(doc, a), *y = kb_entity_actor(doc, b);
    if (x && y && strcmp(x, y) == 0)
        return true;
    const char *ca = actor_country(doc, a), *cb = actor_country(doc, b);
    return ca && cb && strcmp(ca, cb) == 0;
}

/* Reporting verbs: attribute what they report; plain statements give way. */
static void govern_reports(struct ev_ctx *c)
{
    for (size_t k = 0; k < c->trigs.n; k++) {
        struct ev_trig *r = &c->trigs.v[k];
        const struct ev_verb *rv = ev_verb_of(c, r);
        if (!(rv->flags & (VF_REPORT | VF_DENY)) || r->role == TR_NOMINAL || r->drop)
            continue;
        size_t lo = r->te, hi = report_end(c, k);
        bool forward = false;
        for (size_t j = k + 1; j < c->trigs.n && !forward; j++) {
            const struct ev_trig *x = &c->trigs.v[j];
            forward = x->tb < hi && (x->role == TR_FINITE || (x->role == TR_INF && x->gov < 0));
        }
        if (!forward) {
            /* "..., X said": the clause before the reporting verb's subject */
            size_t s = r->vb;
            while (s > c->sb && !(ev_w(c, s - 1) & (W_COMMA | W_QUOTE)) &&
                   ev_trig_at(c, s - 1) < 0)
                s--;
            if (s == c->sb || ev_trig_at(c, s - 1) >= 0)
                continue;
            lo = report_start(c, k);
            hi = s;
        }
        int32_t claimant = r->actors.n && ev_is_actor(c->doc, r->actors.v[0]) ? r->actors.v[0] : -1;
        int32_t accuse = -1;
        bool reports = false;
        /* triggers are in text order: those of [lo, hi) are near k */
        size_t j0 = k > EV_NEAR ? k - EV_NEAR : 0, j1 = KB_MIN(c->trigs.n, k + EV_NEAR);
        for (size_t j = j0; j < j1; j++) {
            struct ev_trig *x = &c->trigs.v[j];
            /* "X warned that ... and urged Y": urged is X's own, not reported */
            if (j == k || x->tb < lo || x->tb >= hi || x->gov == (int32_t)k ||
                x->coord == (int32_t)k)
                continue;
            if (claimant >= 0 && x->claimant < 0) {
                x->claimant = claimant;
                x->flags |= KB_EV_CLAIMED;
            }
            if (x->first_person && !x->actors.n && !x->passive)
                x->actors = r->actors; /* '"I warned you," Lukashenko told' */
            if (rv->flags & VF_DENY)
                x->flags |= KB_EV_NEGATED;
            if (x->drop || !x->coded)
                continue;
            reports = true;
            /* an accusation needs a victim: someone attacked, or fired at from somewhere */
            int32_t a = accused(c, x);
            if (accuse < 0 && ev_root(x->cameo) >= 14 && a >= 0 && (x->targets.n || x->origin >= 0) &&
                !ev_same_side(c->doc, a, claimant))
                accuse = a;
        }
        if (strcmp(r->cameo, "010") != 0)
            continue;
        if (claimant < 0) {
            r->drop = true; /* "a senior official said": no one named */
            continue;
        }
        if (!reports)
            continue;
        if (accuse >= 0 && r->actors.n) {
            set_code(r, "112", "ACCUSE");
            r->targets.n = 0;
            ev_args_add(c->doc, &r->targets, accuse);
        } else {
            r->drop = true;
        }
    }
}

/*
 * Events in an "if" clause are hypothetical; so is a noun trigger standing
 * alone in a clause with a modal or an infinitive ("would seek to provoke a
 * ground invasion").
 */
static void conditionals(struct ev_ctx *c)
{
    for (size_t k = 0; k < c->trigs.n; k++) {
        struct ev_trig *t = &c->trigs.v[k];
        bool nominal = t->role == TR_NOMINAL && t->gov < 0;
        for (size_t i = t->vb; i > c->sb; i--) {
            uint32_t w = ev_w(c, i - 1);
            bool inf = (w & W_TO) && (c->doc->toks.v[i].flags & KB_TF_LOWER) &&
                       !(ev_w(c, i) & (W_DET | W_NUM | W_PRON));
            if ((w & W_IF) || (nominal && ((w & W_MODAL) || inf))) {
                t->flags |= KB_EV_HYPOTHETICAL;
                break;
            }
            if (w & (W_SUBORD | W_BREAK | W_CONTRAST | W_COMMA))
                break;
        }
    }
}

/* "According to Ukrainian officials, ...": the sentence is their claim. */
static void according_to(struct ev_ctx *c)
{
    for (size_t i = c->sb; i + 1 < c->se; i++) {
        if (!EV_TOK_IS(c, i, "according") || !EV_TOK_IS(c, i + 1, "to"))
            continue;
        int32_t who = -1;
        for (size_t j = i + 2; j < c->se && j < i + 7 && who < 0; j++) {
            int32_t e = ev_ent(c, j);
            if (e >= 0 && ev_is_actor(c->doc, e))
                who = e;
            else if (ev_w(c, j) & (W_COMMA | W_PREP | W_TRIG))
                break;
        }
        for (size_t k = 0; who >= 0 && k < c->trigs.n; k++) {
            struct ev_trig *t = &c->trigs.v[k];
            if (t->claimant < 0 && !ev_same_side(c->doc, who, t->actors.n ? t->actors.v[0] : -1)) {
                t->claimant = who;
                t->flags |= KB_EV_CLAIMED;
            }
        }
        return;
    }
}

void ev_govern(struct ev_ctx *c)
{
    passive_light(c);
    absorb_nominals(c);
    govern_infinitives(c);
    govern_gerunds(c);
    govern_reports(c);
    according_to(c);
    conditionals(c);
}
