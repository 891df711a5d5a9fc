/*
 * events_roles.c -- who did it to whom, and where: the source, target,
 * place, origin and destination of a trigger, read off its sentence.
 *
 * The source of a verb is the name heading its subject (the nearest actor
 * before the verb group in its clause that is not the object of a
 * preposition: "Belarusian air defenses" -> Belarus; but "soldiers from
 * Gondor", "the government of X" and "officials in X" name X), a pronoun
 * resolved to the last fitting actor, or, for "which"/"who", the name
 * before it; a relative clause, apposition or participle clause between
 * the name and its verb is skipped ("Egypt, which borders Sudan, has
 * received").  Names joined by "and", "or" and commas act together ("Gondor
 * and Osgiliath renewed ties"), but not across a new clause ("..., and
 * Germany sent").  In the passive (or a participle with "by X") the subject
 * is the target and "by X" the source.  After the verb: the direct object
 * (the noun phrase right after it, not a name past a nameless object) and
 * "at/against/on/with/to X" are targets (at/on/against only for conflict and
 * disapproval), "in/at/near/over X" the place, "from X" the origin (for a
 * verbal act the other side), "into X" the destination.  A noun trigger takes its source from the name before it
 * ("Russian air strikes", "Russia's invasion") or "by X", its target from
 * "of/on/against X".
 */
#include "events.h"

bool ev_is_actor(const struct kb_doc *doc, int32_t e)
{
    if (e < 0 || (size_t)e >= doc->ents.n)
        return false;
    int t = doc->ents.v[e].type;
    return t == KB_ENT_PERSON || t == KB_ENT_ORG || t == KB_ENT_GPE || t == KB_ENT_NORP;
}

void ev_args_add(const struct kb_doc *doc, struct ev_args *a, int32_t e)
{
    const char *name = kb_entity_actor(doc, e);
    for (size_t i = 0; i < a->n; i++) {
        const char *other = kb_entity_actor(doc, a->v[i]);
        if (a->v[i] == e || (name && other && strcmp(name, other) == 0))
            return;
    }
    if (a->n < EV_MAXARGS)
        a->v[a->n++] = e;
}

/* The word before token i, skipping determiners and numbers; SIZE_MAX at the start. */
static size_t word_before(const struct ev_ctx *c, size_t i)
{
    while (i > c->sb) {
        i--;
        uint32_t w = ev_w(c, i);
        if ((w & (W_DET | W_NUM)) && !(w & (W_PRON | W_SUBORD)))
            continue;
        return i;
    }
    return SIZE_MAX;
}

/*
 * Is the preposition at p "of", "from" or "in" after an actor noun ("troops
 * from X", "officials in X"), or "of" after a number ("thousands of X")?
 */
static bool agent_prep(const struct ev_ctx *c, size_t p)
{
    if (p > c->sb && EV_TOK_IS(c, p, "of") && (ev_w(c, p - 1) & W_NUM))
        return true;
    if (!(EV_TOK_IS(c, p, "of") || EV_TOK_IS(c, p, "from") || EV_TOK_IS(c, p, "in")))
        return false;
    size_t q = word_before(c, p);
    return q != SIZE_MAX && (ev_w(c, q) & (W_AGENT | W_ASSET));
}

/* Can entity e head a subject (not the object of a preposition)? */
static bool subject_entity(const struct ev_ctx *c, int32_t e)
{
    if (!ev_is_actor(c->doc, e))
        return false;
    size_t p = word_before(c, c->doc->ents.v[e].tok);
    if (p == SIZE_MAX || !(ev_w(c, p) & W_PREP) || (ev_w(c, p) & (W_SUBORD | W_AS)))
        return true; /* "after Calenardhon crowds burned" opens a clause */
    return agent_prep(c, p);
}

/* Entity index of the last entity starting before token `tok`, or -1 (a
   place embedded in a name stands for the name before it). */
static int32_t entity_before(const struct kb_doc *doc, size_t tok)
{
    size_t lo = 0, hi = doc->ents.n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (doc->ents.v[mid].tok < tok)
            lo = mid + 1;
        else
            hi = mid;
    }
    int32_t e = (int32_t)lo - 1;
    while (e > 0 && (doc->ents.v[e].flags & KB_EF_EMBEDDED))
        e--;
    return e;
}

/*
 * Names coordinated with entity e on its left ("A, B and C") or right,
 * added to args.  The gap may hold commas, conjunctions, determiners,
 * actor nouns and "of" ("Ithilen and the government of Gondor"), and must
 * hold a comma or conjunction.  `lo`/`hi` bound the search.
 */
static void coordinate(const struct ev_ctx *c, int32_t e, struct ev_args *args, size_t lo,
                       size_t hi, int dir)
{
    const struct kb_doc *doc = c->doc;
    for (int guard = 0; guard < EV_MAXARGS; guard++) {
        const struct kb_entity *en = &doc->ents.v[e];
        size_t k = dir < 0 ? en->tok : en->tok + en->ntok - 1;
        bool conj = false, comma = false, words = false;
        int32_t next = -1;
        for (int steps = 0; steps < 6; steps++) {
            if (dir < 0 ? k <= lo : k + 1 >= hi)
                break;
            k = dir < 0 ? k - 1 : k + 1;
            int32_t pe = ev_ent(c, k);
            if (pe >= 0 && pe != e) {
                next = pe;
                break;
            }
            uint32_t w = ev_w(c, k);
            if (w & W_CONJ) {
                conj = true;
                continue;
            }
            if (w & W_COMMA) {
                comma = true;
                continue;
            }
            if ((w & (W_DET | W_AGENT | W_POSS)) || EV_TOK_IS(c, k, "of") ||
                EV_TOK_IS(c, k, "in") || EV_TOK_IS(c, k, "from")) {
                words = true;
                continue;
            }
            break;
        }
        /* "A, B and C"; but "Osgiliath, the state's foe" is an apposition */
        if (!conj && comma && words)
            return;
        if (next < 0 || !(conj || comma) || !ev_is_actor(doc, next) ||
            (dir < 0 && !subject_entity(c, next)))
            return;
        ev_args_add(c->doc, args, next);
        e = next;
    }
}

size_t ev_clause_start(const struct ev_ctx *c, const struct ev_trig *t)
{
    const struct kb_doc *doc = c->doc;
    bool named = false;
    size_t i = t->vb;
    for (int steps = 0; i > c->sb && steps < 12; steps++) {
        size_t j = i - 1;
        uint32_t w = ev_w(c, j);
        int32_t e = ev_ent(c, j);
        if (e >= 0 || ((w & W_PRON) && !(w & (W_SUBORD | W_DET)))) {
            i = e >= 0 ? doc->ents.v[e].tok : j;
            named = true;
            continue;
        }
        if ((w & (W_DET | W_AGENT | W_POSS)) && !(w & (W_SUBORD | W_PRON))) {
            i = j;
            continue;
        }
        if (!named)
            return c->se;
        bool after_name = j > c->sb && ev_ent(c, j - 1) >= 0;
        if ((w & W_COMMA) && after_name) {
            i = j; /* "A, B and C sent": one subject of several names */
            continue;
        }
        if (!(w & W_CONJ) || (w & W_CONTRAST))
            return (w & (W_CONJ | W_CONTRAST)) ? j : c->se;
        if (j > c->sb && (ev_w(c, j - 1) & W_COMMA)) {
            /* ", and": a list goes on only after "A, B," */
            size_t k = j - 1;
            int32_t b = k > c->sb ? ev_ent(c, k - 1) : -1;
            size_t bt = b >= 0 ? doc->ents.v[b].tok : k;
            if (b >= 0 && bt > c->sb && (ev_w(c, bt - 1) & W_COMMA) && ev_ent(c, bt - 2) >= 0) {
                i = k;
                continue;
            }
            return k; /* "... aid last week, and Germany sent" */
        }
        if (after_name) {
            i = j; /* "A and B sent" */
            continue;
        }
        /* "offered aid and Germany sent"; but with no verb before, "Sudan's army
           and the RSF clashed" is one subject */
        for (size_t k = j; k-- > c->sb;)
            if (ev_trig_at(c, k) >= 0 && c->trigs.v[ev_trig_at(c, k)].role != TR_NOMINAL)
                return j;
        return c->se;
    }
    return c->se;
}

size_t ev_inserted_clause(const struct ev_ctx *c, size_t comma)
{
    const struct kb_doc *doc = c->doc;
    size_t lo = comma > c->sb + 24 ? comma - 24 : c->sb;
    for (size_t j = comma; j-- > lo + 1;) {
        uint32_t w = ev_w(c, j);
        if (w & (W_BREAK | W_QUOTE))
            return SIZE_MAX;
        if (!(w & W_COMMA))
            continue;
        /* the name it follows: "Egypt, which ...", "Jens Stoltenberg, the ...",
           or an actor noun: "China's coast guard, which ..." */
        int32_t e = ev_ent(c, j - 1);
        if (!(ev_is_actor(doc, e) || (e < 0 && (ev_w(c, j - 1) & W_AGENT))) || j + 1 >= comma)
            return SIZE_MAX;
        size_t o = j + 1, n;
        if (EV_TOK_IS(c, o, "which") || EV_TOK_IS(c, o, "who") || EV_TOK_IS(c, o, "whose"))
            return j;
        /* ", speaking in Ankara,": a participle clause, verb first */
        const char *f = kb_tok_fold(doc, o, &n);
        bool ing = (doc->toks.v[o].flags & KB_TF_LOWER) && n > 4 && !memcmp(f + n - 3, "ing", 3);
        /* an apposition holds no verb: "the secretary general of NATO" */
        if (!ing && (!(ev_w(c, o) & W_DET) || (ev_w(c, o) & (W_PRON | W_SUBORD))))
            return SIZE_MAX;
        for (size_t k = ing ? o + 1 : o; k < comma; k++) {
            int32_t tr = ev_trig_at(c, k);
            if ((tr >= 0 && c->trigs.v[tr].role != TR_NOMINAL) ||
                (ev_w(c, k) & (W_BE | W_HAVE | W_MODAL | W_SUBORD)))
                return SIZE_MAX;
        }
        return j;
    }
    return SIZE_MAX;
}

/* Resolve the pronoun at token i to actors, added to args. */
static void resolve_pronoun(const struct ev_ctx *c, size_t i, struct ev_args *args)
{
    const struct kb_doc *doc = c->doc;
    bool person = EV_TOK_IS(c, i, "he") || EV_TOK_IS(c, i, "she") || EV_TOK_IS(c, i, "him");
    bool thing = EV_TOK_IS(c, i, "it");
    bool plural = EV_TOK_IS(c, i, "they") || EV_TOK_IS(c, i, "them");
    int32_t fallback = -1;
    if (!person && !thing && !plural)
        return;
    /* the subject of the clause before: "Obama and Putin said they will
       attack", "the government objected ..., but it has not indicated" */
    for (size_t j = c->trigs.n, near = 0; j-- > 0 && near++ < EV_NEAR;) {
        const struct ev_trig *t = &c->trigs.v[j];
        if (t->role != TR_FINITE || t->te > i || t->passive)
            continue;
        if (!t->actors.n)
            return; /* "The Pentagon said it ...": a subject kb has no name for */
        bool is_person = doc->ents.v[t->actors.v[0]].type == KB_ENT_PERSON;
        if (plural || is_person == person) {
            for (size_t a = 0; a < (plural ? t->actors.n : 1); a++)
                ev_args_add(c->doc, args, t->actors.v[a]);
            return;
        }
        fallback = t->actors.v[0];
        break;
    }
    uint32_t first = c->s >= 2 ? doc->sents.v[c->s - 2].tok_begin : 0;
    for (int32_t e = entity_before(doc, i); e >= 0 && doc->ents.v[e].tok >= first; e--) {
        int ty = doc->ents.v[e].type;
        const struct kb_entity *en = &doc->ents.v[e];
        if (!ev_is_actor(doc, e) || en->tok < kb_dateline_end(doc, en->sent))
            continue; /* nor the agency of a dateline: "ROME (Reuters) - It ..." */
        if (person ? ty == KB_ENT_PERSON : ty != KB_ENT_PERSON) {
            ev_args_add(c->doc, args, e);
            return;
        }
    }
    /* "Obama said he ...": the clause's subject, whatever its type */
    if (person && fallback >= 0)
        ev_args_add(c->doc, args, fallback);
}

/* The subject of a verb: its actors (or targets in the passive). */
static void find_subject(struct ev_ctx *c, struct ev_trig *t, struct ev_args *out)
{
    const struct kb_doc *doc = c->doc;
    /* "X chided ... and ousted ...": a coordinated verb shares the subject */
    if (t->vb > c->sb && (ev_w(c, t->vb - 1) & W_CONJ) && ev_ent(c, t->vb - 1) < 0) {
        for (size_t j = c->trigs.n, near = 0; j-- > 0 && near++ < EV_NEAR;) {
            const struct ev_trig *p = &c->trigs.v[j];
            if (p->te <= t->vb && p->role == TR_FINITE) {
                *out = p->passive ? p->targets : p->actors;
                t->agent = p->agent;
                t->coord = (int32_t)j;
                return;
            }
        }
    }
    for (size_t i = t->vb; i > c->sb && i + EV_SPAN > t->vb;) {
        i--;
        uint32_t w = ev_w(c, i);
        int32_t tr = ev_trig_at(c, i);
        if (tr >= 0 && c->trigs.v[tr].role != TR_NOMINAL)
            return; /* another verb's clause */
        if (w & (W_BREAK | W_CONTRAST | W_IF | W_QUOTE))
            return;
        if ((w & W_COMMA) && t->agent)
            return; /* "..., a senior official said": the subject was the actor noun */
        size_t open;
        if ((w & W_COMMA) && (open = ev_inserted_clause(c, i)) != SIZE_MAX) {
            i = open; /* "Egypt, which borders Sudan, has received": Egypt */
            continue;
        }
        int32_t e = ev_ent(c, i);
        if (e >= 0) {
            i = doc->ents.v[e].tok;
            if (subject_entity(c, e)) {
                ev_args_add(c->doc, out, e);
                /* "..., and Belarus condemned": not "Ukraine and Belarus" */
                size_t cs = t->role == TR_FINITE ? ev_clause_start(c, t) : c->se;
                coordinate(c, e, out, cs < c->se ? cs : c->sb, c->se, -1);
                return;
            }
            continue;
        }
        if (w & W_PRON) {
            if (w & W_SUBORD) {
                /* "Russia, which invaded": the name before the relative pronoun */
                size_t p = i;
                while (p > c->sb && (ev_w(c, p - 1) & W_COMMA))
                    p--;
                int32_t a = p > c->sb ? ev_ent(c, p - 1) : -1;
                if (ev_is_actor(doc, a))
                    ev_args_add(c->doc, out, a);
            } else if (EV_TOK_IS(c, i, "i") || EV_TOK_IS(c, i, "we")) {
                t->first_person = true; /* the speaker, when quoted */
            } else {
                resolve_pronoun(c, i, out);
            }
            return;
        }
        if (w & W_SUBORD)
            return;
        if ((w & W_AGENT) && !(ev_w(c, word_before(c, i)) & W_PREP))
            t->agent = true;
    }
}

static bool is_conflict(const char *cameo)
{
    return ev_root(cameo) >= 10;
}

/* Add entity e and the names coordinated with it to args. */
static void add_group(const struct ev_ctx *c, struct ev_args *args, int32_t e, size_t hi)
{
    ev_args_add(c->doc, args, e);
    coordinate(c, e, args, c->sb, hi, +1);
}

/*
 * The head of the name group entity e begins: "French President Emmanuel
 * Macron" is Macron, "Syrian President Bashar Assad" Assad -- the last
 * actor name reached through title words (capitalised words or actor
 * nouns), before `hi`.
 */
static int32_t np_head(const struct ev_ctx *c, int32_t e, size_t hi)
{
    const struct kb_doc *doc = c->doc;
    size_t i = doc->ents.v[e].tok + doc->ents.v[e].ntok;
    for (int steps = 0; i < hi && steps < 4; steps++, i++) {
        int32_t n = ev_ent(c, i);
        if (n >= 0 && n != e)
            return ev_is_actor(doc, n) && ev_is_actor(doc, e) ? np_head(c, n, hi) : e;
        uint32_t w = ev_w(c, i);
        const struct kb_token *tk = &doc->toks.v[i];
        if (tk->kind != KB_TOK_WORD || !((tk->flags & KB_TF_CAP) || (w & W_AGENT)) ||
            (w & ~(uint32_t)W_AGENT))
            return e;
    }
    return e;
}

/*
 * Does a list of names go on through the comma or conjunction at i ("by A
 * and the B", "with A, B and C"): is the word before it (past commas and
 * conjunctions) a name?
 */
static bool names_go_on(const struct ev_ctx *c, size_t i)
{
    while (i > c->sb && (ev_w(c, i - 1) & (W_COMMA | W_CONJ)) && ev_ent(c, i - 1) < 0)
        i--;
    return i > c->sb && ev_ent(c, i - 1) >= 0 && (ev_w(c, i) & (W_COMMA | W_CONJ));
}

/* Does a verb (an auxiliary, a modal or a verb trigger) stand at token i? */
static bool verb_at(const struct ev_ctx *c, size_t i)
{
    int32_t tr = ev_trig_at(c, i);
    return (ev_w(c, i) & (W_BE | W_HAVE | W_MODAL)) ||
           (tr >= 0 && c->trigs.v[tr].role != TR_NOMINAL);
}

/*
 * Is token p a plural common noun ("positions", "teams"), which ends a noun
 * phrase: a name and a verb right after it begin a clause of their own
 * ("shelled positions Russia had fortified")?  Not -ss or -ous words
 * ("various", "press").
 */
static bool plural_noun_at(const struct ev_ctx *c, size_t p)
{
    const struct kb_token *tk = &c->doc->toks.v[p];
    size_t n;
    const char *f = kb_tok_fold(c->doc, p, &n);
    if (tk->kind != KB_TOK_WORD || !(tk->flags & KB_TF_LOWER) || n < 4 ||
        (ev_w(c, p) & ~(uint32_t)(W_AGENT | W_ASSET)) || ev_trig_at(c, p) >= 0)
        return false;
    return f[n - 1] == 's' && f[n - 2] != 's' && !(f[n - 2] == 'u' && f[n - 3] == 'o');
}

/* Arguments after the trigger, in its window [te, we). */
static void find_args(struct ev_ctx *c, struct ev_trig *t)
{
    const struct kb_doc *doc = c->doc;
    const struct ev_verb *v = ev_verb_of(c, t);
    bool nominal = t->role == TR_NOMINAL;
    bool conflict = is_conflict(t->cameo);
    int root = ev_root(t->cameo);
    bool fromsrc = (t->pflags | v->flags) & VF_FROMSRC;
    size_t lastprep = SIZE_MAX; /* the preposition whose phrase we are in */
    bool object_target = false; /* the target is the direct object */
    bool swapped = false;       /* "received X from Y": roles turned round */
    bool object_np = false;     /* a direct object without a name has begun ... */
    bool object_done = false;   /* ... and ended: "killed 700 people, ... WHO" */
    for (size_t i = t->te; i < t->we; i++) {
        int32_t e = ev_ent(c, i);
        uint32_t w = ev_w(c, i);
        size_t p;
        if (e < 0 && (w & (W_PREP | W_COMMA)) && object_np)
            object_done = true;
        if (e < 0 && (w & W_PREP) && !(w & W_SUBORD) &&
            !(EV_TOK_IS(c, i, "of") && i > t->te && (ev_w(c, i - 1) & W_NUM)))
            lastprep = i; /* "dozens of Israelis" is a direct object */
        else if (e < 0 && (w & (W_COMMA | W_TRIG | W_CONJ)) && !names_go_on(c, i))
            lastprep = SIZE_MAX;
        if (e < 0 && lastprep == SIZE_MAX && !(w & ~(uint32_t)(W_AGENT | W_ASSET)) &&
            doc->toks.v[i].kind == KB_TOK_WORD && (doc->toks.v[i].flags & KB_TF_LOWER))
            object_np = true; /* "rescue teams", "civilians" */
        if (e < 0) {
            /* "fired at it": a pronoun target */
            if ((w & W_PRON) && !(w & (W_SUBORD | W_DET)) && !t->targets.n &&
                (p = word_before(c, i)) != SIZE_MAX && (ev_w(c, p) & W_PREP) &&
                !EV_TOK_IS(c, p, "by") && !EV_TOK_IS(c, p, "of") && !EV_TOK_IS(c, p, "in"))
                resolve_pronoun(c, i, &t->targets);
            continue;
        }
        e = np_head(c, e, t->we);
        const struct kb_entity *en = &doc->ents.v[e];
        i = en->tok + en->ntok - 1;
        bool actor = ev_is_actor(doc, e);
        int32_t place = en->place;
        p = word_before(c, en->tok);
        if (p != SIZE_MAX && EV_TOK_IS(c, p, "of") && p > t->te && (ev_w(c, p - 1) & W_NUM))
            p = SIZE_MAX;
        bool prep = p != SIZE_MAX && p >= t->te && (ev_w(c, p) & W_PREP);
        if (!prep && lastprep != SIZE_MAX &&
            !(p != SIZE_MAX && (ev_w(c, p) & W_CONJ) && !names_go_on(c, p))) {
            /* "the mayor of the northern West Bank city": inside the "of" phrase;
               "by Saudi Arabia and the United States": a name coordinated in it */
            p = lastprep;
            prep = true;
        }
        if (!prep) {
            if (p != SIZE_MAX && p >= t->te && (ev_w(c, p) & W_POSS))
                continue; /* a possessor: "Minsk's role" */
            if (actor && !t->targets.n && !(nominal && p != t->te - 1) && !fromsrc &&
                !object_done && !(p != SIZE_MAX && p >= t->te && plural_noun_at(c, p) &&
                                  verb_at(c, en->tok + en->ntok))) {
                add_group(c, &t->targets, e, t->we);
                object_target = true;
            }
            else if (!actor && place >= 0 && t->place < 0)
                t->place = place;
            continue;
        }
        if (EV_TOK_IS(c, p, "by")) {
            if ((t->passive || nominal) && actor && !t->actors.n)
                add_group(c, &t->actors, e, t->we);
        } else if (EV_TOK_IS(c, p, "from")) {
            if (fromsrc && actor && !swapped) {
                /* "received money from X": X gave it to the subject */
                t->targets = t->actors;
                t->actors.n = 0;
                add_group(c, &t->actors, e, t->we);
                swapped = true;
            } else if ((root == 16 || !strncmp(t->cameo, "087", 3)) && actor && !t->targets.n) {
                /* "recalled its ambassador from X", "withdrew from X" */
                add_group(c, &t->targets, e, t->we);
                if (place >= 0 && t->origin < 0)
                    t->origin = place;
            } else if (actor && root >= 2 && root <= 13 && !(v->flags & VF_MOVE) &&
                       !t->targets.n) {
                /* "rejected offers from France": a verbal act has no origin,
                   the other side */
                add_group(c, &t->targets, e, t->we);
            } else if (place >= 0 && t->origin < 0) {
                t->origin = place;
            } else if (actor && place < 0 && !t->targets.n) {
                /* "a vessel from South Korea", "welcomed memos from X": the other side */
                add_group(c, &t->targets, e, t->we);
            }
        } else if (EV_TOK_IS(c, p, "into")) {
            if (place >= 0 && t->dest < 0)
                t->dest = place;
            if (place >= 0 && t->place < 0)
                t->place = place;
            if (conflict && actor && !t->targets.n)
                add_group(c, &t->targets, e, t->we);
        } else if (EV_TOK_IS(c, p, "to") || EV_TOK_IS(c, p, "toward") ||
                   EV_TOK_IS(c, p, "towards")) {
            if ((v->flags & VF_MOVE) && place >= 0 && t->dest < 0)
                t->dest = place;
            /* "supply Leopard tanks to Ukraine": the recipient, not the thing given */
            if (actor && object_target && (root == 6 || root == 7)) {
                t->targets.n = 0;
                object_target = false;
            }
            if (actor && !t->targets.n)
                add_group(c, &t->targets, e, t->we);
        } else if (EV_TOK_IS(c, p, "with") || EV_TOK_IS(c, p, "against")) {
            if (actor && !t->targets.n)
                add_group(c, &t->targets, e, t->we);
        } else if (EV_TOK_IS(c, p, "at") || EV_TOK_IS(c, p, "on") || EV_TOK_IS(c, p, "upon")) {
            if ((conflict || (nominal && !EV_TOK_IS(c, p, "at"))) && actor && !t->targets.n)
                add_group(c, &t->targets, e, t->we);
            else if ((ev_w(c, p) & W_PLACE) && place >= 0 && t->place < 0)
                t->place = place;
        } else if (EV_TOK_IS(c, p, "about")) {
            if ((root <= 2 || (root >= 10 && root <= 13)) && actor && !t->targets.n)
                add_group(c, &t->targets, e, t->we);
        } else if (EV_TOK_IS(c, p, "between")) {
            if (actor && !t->targets.n)
                add_group(c, &t->targets, e, t->we);
        } else if (EV_TOK_IS(c, p, "for")) {
            if ((root == 17 || root == 7 || nominal) && actor && !t->targets.n)
                add_group(c, &t->targets, e, t->we);
        } else if (EV_TOK_IS(c, p, "of")) {
            if (nominal && p == t->te && actor) {
                size_t after = en->tok + en->ntok;
                if ((v->flags & VF_MOVE) || (after < t->we && (ev_w(c, after) & W_AGENT))) {
                    if (!t->actors.n)
                        add_group(c, &t->actors, e, t->we); /* "the visit of X", "of X troops" */
                } else if (!t->targets.n) {
                    add_group(c, &t->targets, e, t->we); /* "the invasion of X" */
                }
            } else if (agent_prep(c, p) && actor && !t->targets.n) {
                add_group(c, &t->targets, e, t->we); /* "the population of Gondor" */
            }
        } else if ((ev_w(c, p) & W_PLACE) && place >= 0 && t->place < 0) {
            t->place = place;
        }
    }
}

/* A noun trigger's source: the name before it in its noun phrase. */
static void nominal_source(struct ev_ctx *c, struct ev_trig *t)
{
    size_t i = t->tb;
    for (int steps = 0; i > c->sb && steps < 4; steps++) {
        i--;
        uint32_t w = ev_w(c, i);
        int32_t e = ev_ent(c, i);
        if (e >= 0) {
            if (ev_is_actor(c->doc, e))
                ev_args_add(c->doc, &t->actors, e);
            return;
        }
        if (w & W_POSS)
            continue;
        const struct kb_token *tk = &c->doc->toks.v[i];
        if ((w & ~(uint32_t)(W_AGENT | W_ASSET)) || tk->kind != KB_TOK_WORD ||
            !(tk->flags & KB_TF_LOWER) || ev_trig_at(c, i) >= 0)
            return;
    }
}

/* The subject after an inverted reporting verb: the head of the name group there. */
static void inverted_subject(struct ev_ctx *c, struct ev_trig *t, struct ev_args *out)
{
    for (size_t i = t->te; i < c->se && i < t->te + 8; i++) {
        int32_t e = ev_ent(c, i);
        if (e >= 0) {
            e = np_head(c, e, c->se);
            if (ev_is_actor(c->doc, e))
                ev_args_add(c->doc, out, e);
            return;
        }
        if (ev_w(c, i) & (W_PREP | W_COMMA | W_TRIG | W_SUBORD))
            return;
    }
}

/* Is entity e the owner of a weapon named right after it ("Russian missiles")? */
static bool weapon_after(struct ev_ctx *c, int32_t e)
{
    const struct kb_entity *en = &c->doc->ents.v[e];
    const uint32_t *cls;
    size_t n, end = KB_MIN(c->se, en->tok + en->ntok + 3);
    for (size_t i = en->tok + en->ntok; i < end; i++) {
        if (!(c->doc->toks.v[i].flags & KB_TF_LOWER) || ev_w(c, i))
            return false;
        if (ev_phrase_at(c, true, i, end, &cls, &n))
            for (size_t k = 0; k < n; k++)
                for (size_t w = 0; w < KB_ARRAY_LEN(c->d->weapon); w++)
                    if (cls[k] && cls[k] == c->d->weapon[w])
                        return true;
    }
    return false;
}

/* Is a participle followed by "by" and a name ("talks brokered by Qatar")? */
static bool agent_follows(const struct ev_ctx *c, const struct ev_trig *t)
{
    if (t->form != EF_PAST || t->te >= c->se || !EV_TOK_IS(c, t->te, "by"))
        return false;
    size_t i = t->te + 1;
    while (i < c->se && (ev_w(c, i) & W_DET))
        i++;
    return ev_is_actor(c->doc, ev_ent(c, i));
}

void ev_find_roles(struct ev_ctx *c, size_t k)
{
    struct ev_trig *t = &c->trigs.v[k];
    if (t->role == TR_FINITE && !t->passive && agent_follows(c, t))
        t->passive = true; /* "Kyiv attacked by Russian drones" */
    if (t->role == TR_NOMINAL) {
        nominal_source(c, t);
    } else if (t->role == TR_FINITE || (t->role == TR_INF && (t->bare || ev_governor(c, k) < 0))) {
        struct ev_args subj = {{0}, 0};
        find_subject(c, t, &subj);
        if (!subj.n && (ev_verb_of(c, t)->flags & VF_REPORT) && t->vb > c->sb &&
            (ev_w(c, t->vb - 1) & (W_COMMA | W_QUOTE)))
            inverted_subject(c, t, &subj); /* '"...," said Ukrainian President X' */
        if (!t->passive) {
            t->actors = subj;
        } else if (subj.n && weapon_after(c, subj.v[0])) {
            t->actors = subj; /* "Russian missiles were fired": Russia fired them */
        } else {
            t->targets = subj;
        }
    }
    find_args(c, t);
    /* "reconciliation between A and B": each with the other */
    if ((ev_verb_of(c, t)->flags & VF_SYM) && !t->actors.n && t->targets.n >= 2) {
        t->actors = t->targets;
        t->targets.n = 0;
    }
    /* the same actor is not its own target ("Belarus ... Belarusian territory") */
    for (size_t i = 0; i < t->targets.n;) {
        bool same = false;
        const char *tn = kb_entity_actor(c->doc, t->targets.v[i]);
        for (size_t a = 0; a < t->actors.n && !same; a++) {
            const char *an = kb_entity_actor(c->doc, t->actors.v[a]);
            same = an && tn && strcmp(an, tn) == 0;
        }
        if (same) {
            memmove(&t->targets.v[i], &t->targets.v[i + 1],
                    (t->targets.n - i - 1) * sizeof t->targets.v[0]);
            t->targets.n--;
        } else {
            i++;
        }
    }
}
