/*
 * timex_tense.c -- the tense of the clause around a temporal expression,
 * which decides on which side of the DCT a weekday, a month, a season or a
 * holiday named without a year lies ("met on Tuesday" is the last Tuesday,
 * "will meet on Tuesday" the next).
 *
 * Stage: extract, a helper of timex_anchor.c and the recognisers; no state.
 * There is no part-of-speech tagger: verbs are recognised from the word
 * table (auxiliaries, modals, irregular past forms, reporting and planning
 * verbs) and from morphology and position (an -ed form after a subject, an
 * -s form after "he" or a name).  Cues come in two strengths:
 *
 *   strong  auxiliaries and modals, past forms, "ago", yesterday/tomorrow,
 *           "to" after be/expect/plan/set, and a reporting verb right next
 *           to the expression ("said Tuesday");
 *   weak    a reporting verb further away ("..., officials said") and a
 *           simple-present verb guessed from its subject ("Arafat meets
 *           Monday"): a present with a time adverbial schedules the future.
 *
 * The nearest strong cue decides; weak cues only when the sentence has no
 * strong one: the report is not the event.  A headline's present reports
 * what happened ("Arafat meets Albright") and schedules nothing.
 */
#include "timex.h"

#include <stdint.h>

/* The folded text of token k and its length. */
static const char *fold_of(const struct tx *c, size_t k, size_t *n)
{
    const struct kb_token *t = &c->doc->toks.v[k];
    *n = t->fold_len;
    return c->doc->fold.data + t->fold;
}

static bool ends_with(const char *f, size_t n, const char *suf, size_t m)
{
    return n > m && memcmp(f + n - m, suf, m) == 0;
}

/* A lower-case word the vocabulary does not know (a content word). */
static bool plain_word(const struct tx *c, size_t k)
{
    const struct kb_token *t = &c->doc->toks.v[k];
    return t->kind == KB_TOK_WORD && (t->flags & KB_TF_LOWER) &&
           !(t->flags & KB_TF_DIGIT) && c->w[k].cls == TW_NONE;
}

/* An adverb that may stand between a subject or determiner and its verb or
   adjective: -ly words, still, also, just, now, newly. */
static bool adverb_at(const struct tx *c, size_t k)
{
    if (c->w[k].cls == TW_REF)
        return true; /* now, recently, currently */
    if (!plain_word(c, k))
        return false;
    size_t n;
    const char *f = fold_of(c, k, &n);
    return ends_with(f, n, "ly", 2) || kb_tok_is(c->doc, k, "still") ||
           kb_tok_is(c->doc, k, "also") || kb_tok_is(c->doc, k, "just");
}

static bool is_determiner(const struct tx *c, size_t k)
{
    return c->w[k].cls == TW_FUNC &&
           (c->w[k].val == FW_THE || c->w[k].val == FW_A || c->w[k].val == FW_ITS);
}

/* An -ed word used as a finite past verb, not "expected to", "the planned",
   "a still unspecified date". */
static bool past_participle_cue(const struct tx *c, size_t k)
{
    const struct kb_token *t = &c->doc->toks.v[k];
    if (t->kind != KB_TOK_WORD || !(t->flags & KB_TF_LOWER) || t->fold_len < 4)
        return false;
    size_t n;
    const char *f = fold_of(c, k, &n);
    if (f[n - 2] != 'e' || f[n - 1] != 'd')
        return false;
    /* "need", "speed", "proceed" are no past; the -ee verbs' are: agreed, freed */
    if (f[n - 3] == 'e' && !kb_tok_is(c->doc, k, "agreed") && !kb_tok_is(c->doc, k, "freed") &&
        !kb_tok_is(c->doc, k, "guaranteed") && !kb_tok_is(c->doc, k, "decreed"))
        return false;
    if (k + 1 < c->se && c->w[k + 1].cls == TW_FUNC && c->w[k + 1].val == FW_BY)
        return false; /* untouched by: a passive participle */
    if (k > c->sb && is_determiner(c, k - 1))
        return false; /* the planned visit */
    if (k > c->sb + 1 && adverb_at(c, k - 1) && is_determiner(c, k - 2))
        return false; /* a still unspecified date, the newly elected */
    return true;
}

/* The auxiliary that governs token k, if one stands just before it. */
static int aux_before(const struct tx *c, size_t k)
{
    for (size_t back = 1; back <= 2 && k >= c->sb + back; back++) {
        const struct tw *p = &c->w[k - back];
        if (p->cls == TW_VERB)
            return p->val;
        if (p->cls == TW_MONTH && p->val == 5 &&
            (c->doc->toks.v[k - back].flags & KB_TF_LOWER))
            return TV_MODAL;
    }
    return 0;
}

/* Is the verb at k in the past perfect ("had been scheduled", "had
   planned")?  A plan made in the past perfect is for a time already past. */
static bool past_perfect(const struct tx *c, size_t k)
{
    for (size_t back = 1; back <= 3 && k >= c->sb + back; back++) {
        const struct tw *p = &c->w[k - back];
        if (p->cls == TW_VERB && p->val == TV_HAD)
            return true;
        if (!(p->cls == TW_VERB && p->val == TV_BE) && !adverb_at(c, k - back))
            return false;
    }
    return false;
}

/* A noun of commitment, whose infinitive is prospective: agreement, deal,
   pact, bid, offer, proposal (and their plurals). */
static bool commitment_noun(const struct tx *c, size_t k)
{
    static const char *const nouns[] = {"agreement", "bid", "deal", "offer", "pact",
                                        "proposal"};
    if (!plain_word(c, k))
        return false;
    size_t n;
    const char *f = fold_of(c, k, &n);
    if (n > 1 && f[n - 1] == 's')
        n--;
    for (size_t i = 0; i < KB_ARRAY_LEN(nouns); i++)
        if (strlen(nouns[i]) == n && memcmp(nouns[i], f, n) == 0)
            return true;
    return false;
}

/*
 * Is token k a present-tense verb of schedule, whose present speaks of the
 * future: "the truce takes effect Monday", "the summit opens Tuesday",
 * "talks resume Friday", "the deadline expires Sunday"?  A -s form, or a
 * base form after a plural noun ("talks begin"); "takes" and "comes" only
 * in "takes effect/office", "comes into force".
 */
static bool schedule_verb(const struct tx *c, size_t k)
{
    static const char *const verbs[] = {"begin", "close", "end",    "expire", "kick",
                                        "open",  "resume", "start"};
    if (!plain_word(c, k))
        return false;
    size_t n;
    const char *f = fold_of(c, k, &n);
    if (k + 1 < c->se && (kb_tok_is(c->doc, k, "takes") || kb_tok_is(c->doc, k, "take")))
        return kb_tok_is(c->doc, k + 1, "effect") || kb_tok_is(c->doc, k + 1, "office");
    if (k + 1 < c->se && (kb_tok_is(c->doc, k, "comes") || kb_tok_is(c->doc, k, "come")))
        return kb_tok_is(c->doc, k + 1, "into");
    bool s = n > 1 && f[n - 1] == 's';
    if (!s) {
        /* a base form needs a plural subject: "talks begin", "the games open" */
        size_t pn;
        const char *pf = k > c->sb && plain_word(c, k - 1) ? fold_of(c, k - 1, &pn) : NULL;
        if (!pf || pn < 3 || pf[pn - 1] != 's' || pf[pn - 2] == 's')
            return false;
    }
    for (size_t i = 0; i < KB_ARRAY_LEN(verbs); i++)
        if (strlen(verbs[i]) == n - s && memcmp(verbs[i], f, n - s) == 0)
            return k > c->sb && !is_determiner(c, k - 1); /* not "the end", "the start" */
    return false;
}

/* Does an auxiliary before k make the participle at k non-finite? */
static bool aux_decides(int aux)
{
    return aux == TV_FUTURE || aux == TV_MODAL || aux == TV_PRES || aux == TV_BE ||
           aux == TV_PLAN;
}

/* The strong tense cue of token k, or TENSE_NONE; a reporting verb counts
   only if `say`. */
static int strong_cue(const struct tx *c, size_t k, bool say)
{
    const struct tw *w = &c->w[k];
    switch (w->cls) {
    case TW_VERB:
        if (w->val == TV_SAY) {
            size_t n;
            const char *f = fold_of(c, k, &n);
            return !say ? TENSE_NONE : f[n - 1] == 'd' ? TENSE_PAST : TENSE_PRESENT;
        }
        /* "were planning", "is expected", "was held": the verb after the
           auxiliary decides */
        if ((w->val == TV_PAST || w->val == TV_PRES) && k + 1 < c->se &&
            c->w[k + 1].cls == TW_VERB &&
            (c->w[k + 1].val == TV_PLAN || c->w[k + 1].val == TV_PAST))
            return TENSE_NONE;
        switch (w->val) {
        case TV_PAST:
            /* "set to resume": a plan */
            if (k + 1 < c->se && c->w[k + 1].cls == TW_FUNC && c->w[k + 1].val == FW_TO &&
                kb_tok_is(c->doc, k, "set"))
                return TENSE_FUTURE;
            /* "will be held", "is expected to be told": a participle; the
               auxiliary decides */
            return aux_decides(aux_before(c, k)) ? TENSE_NONE : TENSE_PAST;
        case TV_HAD:
            return TENSE_PAST;
        case TV_PLAN:
            return past_perfect(c, k) ? TENSE_PAST : TENSE_FUTURE;
        case TV_FUTURE:
        case TV_MODAL:
            return TENSE_FUTURE;
        case TV_PRES:
            return TENSE_PRESENT;
        case TV_HAVE: /* has + participle: a past event; have to: a future one */
            if (k + 1 < c->se && c->w[k + 1].cls == TW_FUNC && c->w[k + 1].val == FW_TO)
                return TENSE_FUTURE;
            return k + 1 < c->se && (c->w[k + 1].cls == TW_VERB ||
                                     (c->w[k + 1].cls == TW_NONE &&
                                      (c->doc->toks.v[k + 1].flags & KB_TF_LOWER)))
                       ? TENSE_PAST
                       : TENSE_PRESENT;
        default:
            return TENSE_NONE;
        }
    case TW_MONTH: /* the modal "may" */
        return w->val == 5 && (c->doc->toks.v[k].flags & KB_TF_LOWER) ? TENSE_FUTURE
                                                                      : TENSE_NONE;
    case TW_DAYREF:
        return w->val < 0 ? TENSE_PAST : w->val > 0 ? TENSE_FUTURE : TENSE_NONE;
    case TW_OFFSET:
        return w->val == TO_AGO ? TENSE_PAST : TENSE_NONE;
    case TW_FUNC:
        /* an agreement to acquire, a bid to buy: a commitment is to a time
           ahead of it */
        if (w->val == FW_TO && k > c->sb && k + 1 < c->se && plain_word(c, k + 1) &&
            commitment_noun(c, k - 1))
            return TENSE_FUTURE;
        /* is to resume, expected to meet, likely to buy: an infinitive ahead */
        if (w->val == FW_TO && k > c->sb && k + 1 < c->se && c->w[k + 1].cls == TW_NONE &&
            (c->doc->toks.v[k + 1].flags & KB_TF_LOWER) && c->w[k - 1].cls == TW_VERB &&
            (c->w[k - 1].val == TV_PRES || c->w[k - 1].val == TV_PLAN ||
             c->w[k - 1].val == TV_BE || c->w[k - 1].val == TV_FUTURE))
            return past_perfect(c, k - 1) ? TENSE_PAST : TENSE_FUTURE;
        return TENSE_NONE;
    case TW_NONE:
        if (past_participle_cue(c, k) && !aux_decides(aux_before(c, k)))
            return TENSE_PAST;
        return TENSE_NONE;
    default:
        return TENSE_NONE;
    }
}

/*
 * Is token k a simple-present verb, told by its subject: "he meets", "they
 * meet", "Arafat meets", "Arafat and Albright meet"?  An adverb may stand
 * between ("meet separately").  A guess: "Iraqi troops" has the same shape,
 * which is why it is a weak cue.
 */
static bool present_verb(const struct tx *c, size_t k)
{
    if (c->headline || !plain_word(c, k) || k == c->sb)
        return false;
    size_t n;
    const char *f = fold_of(c, k, &n);
    if (n < 3 || ends_with(f, n, "ed", 2) || ends_with(f, n, "ing", 3) ||
        ends_with(f, n, "ly", 2))
        return false;
    bool third = f[n - 1] == 's' && f[n - 2] != 's' && f[n - 2] != 'u' && f[n - 2] != 'i';
    size_t p = k - 1;
    const struct tw *w = &c->w[p];
    if (w->cls == TW_FUNC && w->val == FW_HE)
        return third;
    if (w->cls == TW_FUNC && w->val == FW_THEY)
        return f[n - 1] != 's';
    const struct kb_token *t = &c->doc->toks.v[p];
    return t->kind == KB_TOK_WORD && (t->flags & KB_TF_CAP) && w->cls == TW_NONE &&
           !(t->flags & KB_TF_DIGIT);
}

/* The nearest cue on either side of [a, b) within `reach` tokens; on a tie
   the left one (the governing verb usually precedes).  `level` 0: strong
   cues, reporting verbs only within two tokens; 1: reporting verbs at any
   distance and guessed present verbs within four tokens.  *left tells the
   side. */
static int nearest(const struct tx *c, size_t a, size_t b, int level, bool *left)
{
    size_t best = SIZE_MAX;
    int tense = TENSE_NONE;
    for (size_t k = a; k-- > c->sb;) {
        size_t d = a - k;
        int t = level == 0   ? strong_cue(c, k, d <= 2)
                : d <= 4 && present_verb(c, k) ? TENSE_FUTURE
                                               : strong_cue(c, k, true);
        /* "takes effect Monday": a verb of schedule before the expression */
        if (!t && level == 0 && d <= 4 && schedule_verb(c, k) && !aux_before(c, k))
            t = TENSE_FUTURE;
        if (t) {
            best = d;
            tense = t;
            *left = true;
            break;
        }
    }
    for (size_t k = b; k < c->se && k - b + 1 < best; k++) {
        size_t d = k - b + 1;
        /* "who met X on Monday, will visit": a cue of its own clause first */
        if (tense && c->w[k].cls == TW_FUNC && c->w[k].val == FW_COMMA)
            break;
        int t = level == 0   ? strong_cue(c, k, d <= 2)
                : d <= 4 && present_verb(c, k) ? TENSE_FUTURE
                                               : strong_cue(c, k, true);
        if (t) {
            tense = t;
            *left = false;
            break;
        }
    }
    return tense;
}

int kbp_tense(const struct tx *c, size_t a, size_t b)
{
    /* since March: before the DCT; as soon as Tuesday: after it */
    if (a > c->sb && c->w[a - 1].cls == TW_FUNC && c->w[a - 1].val == FW_SINCE)
        return TENSE_PAST;
    if (a >= c->sb + 3 && c->w[a - 1].cls == TW_FUNC && c->w[a - 1].val == FW_AS &&
        c->w[a - 2].cls == TW_REF && c->w[a - 3].cls == TW_FUNC &&
        c->w[a - 3].val == FW_AS)
        return TENSE_FUTURE;
    bool left = false;
    int tense = nearest(c, a, b, 0, &left);
    if (!tense)
        tense = nearest(c, a, b, 1, &left);
    /* extended until Friday, by March: a deadline after the verb that sets
       it ("Until Thursday, they had not ..." is the past) */
    if (tense == TENSE_PAST && left && a > c->sb && c->w[a - 1].cls == TW_FUNC &&
        (c->w[a - 1].val == FW_BY || c->w[a - 1].val == FW_UNTIL))
        return TENSE_FUTURE;
    return tense;
}
