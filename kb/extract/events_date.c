/*
 * events_date.c -- when an event happened: the date expression of its
 * sentence nearest to the trigger; else the last date of month precision or
 * finer in the one or two sentences before it in the same paragraph (the
 * narrative's anchor, as in "On Monday, X met Y.  They signed ..."); else the
 * publication date.  The last two are marked inferred.  A date outside the
 * event's clause is passed over when it bounds another verb's time ("since
 * Monday"), lies in a relative clause the event is not in, or lies after the
 * publication date for an event that is not future.
 *
 * The doc's timexes are indexed by sentence once per document, so dating an
 * event costs only the timexes of its sentence and of its neighbours.
 */
#include "events.h"

#include <stdlib.h>

/* Per timex, filled on first use: UNKNOWN, else the precision of its value's
   span against the DCT (kb_timex_value_span), NOSPAN when it has none. */
enum { UNKNOWN = -2, NOSPAN = -1 };

/* The span of timex k's value (against the DCT when there is one), read once:
   its precision and the day number of its first day, or false. */
static bool value_span(const struct ev_ctx *c, size_t k, int *prec, int32_t *first)
{
    const struct kb_doc *doc = c->doc;
    int32_t *st = c->sent_tx + doc->sents.n + 1 + doc->timexes.n, *days = st + doc->timexes.n;
    if (st[k] == UNKNOWN) {
        struct kb_date f, l;
        int p;
        const struct kb_timex *tx = &doc->timexes.v[k];
        bool ok = kb_timex_value_span(tx->value, doc->has_dct ? &doc->dct : NULL, &f, &l, &p);
        st[k] = ok ? p : NOSPAN;
        days[k] = ok ? (int32_t)kb_date_to_days(f) : 0;
    }
    *prec = st[k];
    *first = days[k];
    return st[k] != NOSPAN;
}

/* The precision of timex k as a date, 0 when it is none (durations, sets,
   unanchored values). */
static int tx_prec(const struct ev_ctx *c, size_t k)
{
    const struct kb_timex *tx = &c->doc->timexes.v[k];
    if (tx->type == KB_TIMEX_DURATION || tx->type == KB_TIMEX_SET)
        return 0;
    int p;
    int32_t first;
    return value_span(c, k, &p, &first) ? p : 0;
}

int ev_dates_index(struct ev_ctx *c)
{
    const struct kb_doc *doc = c->doc;
    size_t ns = doc->sents.n, nt = doc->timexes.n;
    /* offsets per sentence (ns + 1), the timex indexes grouped by sentence
       (nt), each timex's span as value_span() reads it (2 * nt), and room
       to fill the groups (ns + 1) */
    int32_t *ix = malloc((2 * ns + 2 + 3 * nt) * sizeof *ix);
    if (!ix)
        return KB_ENOMEM;
    int32_t *list = ix + ns + 1, *st = list + nt, *fill = st + 2 * nt;
    memset(ix, 0, (ns + 1) * sizeof *ix);
    memset(fill, 0, (ns + 1) * sizeof *fill);
    for (size_t k = 0; k < nt; k++) {
        if (doc->timexes.v[k].sent < ns)
            ix[doc->timexes.v[k].sent + 1]++;
        st[k] = UNKNOWN;
    }
    for (size_t s = 0; s < ns; s++)
        ix[s + 1] += ix[s];
    for (size_t k = 0; k < nt; k++) {
        uint32_t s = doc->timexes.v[k].sent;
        if (s < ns)
            list[ix[s] + fill[s]++] = (int32_t)k;
    }
    c->sent_tx = ix;
    return KB_OK;
}

static void use_timex(const struct kb_doc *doc, struct kb_event *ev, size_t k, int prec)
{
    const struct kb_timex *tx = &doc->timexes.v[k];
    ev->timex = (int32_t)k;
    if (strcmp(tx->value, "PRESENT_REF") == 0 && doc->has_dct)
        kb_date_format(doc->dct, ev->date);
    else
        ev_strcpy(ev->date, sizeof ev->date, tx->value, 10);
    ev->precision = (uint8_t)prec;
}

/* Is the verb before timex tx in its sentence (its governor) another than ev's trigger? */
static bool other_verb(const struct ev_ctx *c, const struct kb_event *ev,
                       const struct kb_timex *tx)
{
    for (size_t i = tx->tok; i-- > c->sb;) {
        int32_t tr = ev_trig_at(c, i);
        if (tr >= 0 && c->trigs.v[tr].role != TR_NOMINAL)
            return c->doc->toks.v[c->trigs.v[tr].tb].start != ev->trig_start;
    }
    return false; /* "Since Monday, ...": fronted, it dates the main clause */
}

/* Does timex tx lie in a relative clause or apposition that ev's trigger is outside of
   ("Chad, whose army fought Sudan last year, hosted talks")? */
static bool inserted_elsewhere(const struct ev_ctx *c, const struct kb_event *ev,
                               const struct kb_timex *tx)
{
    for (size_t i = tx->tok + tx->ntok; i < c->se && i < tx->tok + EV_SPAN; i++) {
        if (!(ev_w(c, i) & W_COMMA))
            continue;
        size_t open = ev_inserted_clause(c, i);
        if (open == SIZE_MAX || open >= tx->tok)
            return false;
        return ev->trig_start < c->doc->toks.v[open].start ||
               ev->trig_start > c->doc->toks.v[i].start;
    }
    /* a relative clause that ends the sentence: "criticized Poland, which hosted ..." */
    for (size_t i = tx->tok; i > c->sb + 1 && i + EV_SPAN > tx->tok; i--) {
        if (ev_w(c, i - 1) & (W_COMMA | W_BREAK | W_QUOTE))
            return false;
        if ((ev_w(c, i - 2) & W_COMMA) && (EV_TOK_IS(c, i - 1, "which") ||
                                          EV_TOK_IS(c, i - 1, "who") ||
                                          EV_TOK_IS(c, i - 1, "whose")))
            return ev->trig_start < c->doc->toks.v[i - 2].start;
    }
    return false;
}

/*
 * May timex k, outside the event's clause, date it?  Not when it bounds the
 * time of another clause's verb ("has shelled the city since Monday", "by
 * Friday", "until March": that verb has it), nor when it lies in a relative
 * clause or apposition the event is outside of, nor when its clause puts it
 * after the publication date while the event is not itself future ("said
 * the government would declare ... on Friday": the saying is not on Friday).
 */
static bool may_anchor(const struct ev_ctx *c, const struct kb_event *ev, size_t k)
{
    const struct kb_doc *doc = c->doc;
    const struct kb_timex *tx = &doc->timexes.v[k];
    uint32_t sb = doc->sents.v[tx->sent].tok_begin;
    /* the preposition is the timex's first word ("since Monday") or the one before */
    bool bound = false;
    for (uint32_t i = tx->tok > sb ? tx->tok - 1 : tx->tok; i <= tx->tok; i++)
        bound |= kb_tok_is(doc, i, "since") || kb_tok_is(doc, i, "by") ||
                 kb_tok_is(doc, i, "until") || kb_tok_is(doc, i, "till");
    if (bound && (tx->sent != ev->sent || other_verb(c, ev, tx)))
        return false;
    if (tx->sent == ev->sent && inserted_elsewhere(c, ev, tx))
        return false;
    if (!doc->has_dct || (ev->flags & KB_EV_HYPOTHETICAL))
        return true;
    int prec;
    int32_t first;
    if (!value_span(c, k, &prec, &first))
        return true;
    return first <= kb_date_to_days(doc->dct);
}

void ev_date(const struct ev_ctx *c, struct kb_event *ev, uint32_t cb, uint32_t ce,
             bool temporal)
{
    const struct kb_doc *doc = c->doc;
    const int32_t *list = c->sent_tx + doc->sents.n + 1;
    int32_t best = -1, best_prec = 0;
    uint32_t best_dist = UINT32_MAX;
    for (int32_t i = c->sent_tx[ev->sent]; i < c->sent_tx[ev->sent + 1]; i++) {
        int prec = tx_prec(c, (size_t)list[i]);
        if (!prec)
            continue;
        const struct kb_timex *tx = &doc->timexes.v[list[i]];
        bool inside = tx->start >= cb && tx->end <= ce;
        if (!inside && (temporal || !may_anchor(c, ev, (size_t)list[i])))
            continue;
        uint32_t d = tx->start >= ev->trig_end ? tx->start - ev->trig_end
                                               : ev->trig_start - KB_MIN(tx->end, ev->trig_start);
        if (!inside)
            d += 1u << 20; /* its own clause's date first */
        if (d < best_dist) {
            best = list[i];
            best_dist = d;
            best_prec = prec;
        }
    }
    if (best >= 0) {
        use_timex(doc, ev, (size_t)best, best_prec);
        return;
    }
    /* the anchor of the narrative: a recent, precise date in the paragraph */
    for (uint32_t s = ev->sent, back = 0; s > 0 && back < 2; back++) {
        if (doc->toks.v[doc->sents.v[s].tok_begin].flags & KB_TF_PARA)
            break;
        s--;
        for (int32_t i = c->sent_tx[s + 1]; i-- > c->sent_tx[s];) {
            int prec = tx_prec(c, (size_t)list[i]);
            if (prec >= KB_PREC_MONTH && may_anchor(c, ev, (size_t)list[i])) {
                use_timex(doc, ev, (size_t)list[i], prec);
                ev->flags |= KB_EV_DATE_INFERRED;
                return;
            }
        }
    }
    if (doc->has_dct) {
        kb_date_format(doc->dct, ev->date);
        ev->precision = KB_PREC_DAY;
        ev->flags |= KB_EV_DATE_INFERRED;
    }
}
