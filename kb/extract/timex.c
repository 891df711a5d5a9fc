/*
 * timex.c -- recognise temporal expressions and normalise them to TIMEX3
 * values (TimeML), anchored on the document creation time (DCT), the tense
 * of the sentence and the dates the narrative names.
 *
 * Stage: extract, after tokenize.  Output: doc->timexes, in text order,
 * non-overlapping.  The driver classifies every token once
 * (timex_words.c), walks each sentence trying the recognisers
 * (timex_rules.c) only where a token can start an expression, keeps the
 * longest match, and after each date updates the narrative anchors that
 * anaphoric expressions read: the last date mentioned ("the following
 * day", "a year earlier"), the quarter under discussion ("the quarter",
 * "the year-ago period"), and the year named earlier in the sentence ("In
 * 1995 ... in June").  Without a DCT, deictic expressions stay
 * underspecified (XXXX-WXX-2, XXXX-03): never the machine's clock; a full
 * date in the dateline stands in for a missing DCT.
 */
#include "timex.h"

#include <stdlib.h>
#include <string.h>

static const char *const mod_names[TM__MAX] = {
    [TM_NONE] = "",
    [TM_START] = "START",
    [TM_MID] = "MID",
    [TM_END] = "END",
    [TM_APPROX] = "APPROX",
    [TM_LESS_THAN] = "LESS_THAN",
    [TM_MORE_THAN] = "MORE_THAN",
    [TM_EQUAL_OR_LESS] = "EQUAL_OR_LESS",
    [TM_EQUAL_OR_MORE] = "EQUAL_OR_MORE",
};

/*
 * Does the value kbp_td_format() writes for d surely read back as a span of
 * real days (kb_timex_value_span)?  A year, a month or a valid day (with a
 * part of the day or a time) of years 1..9999 does; anything else is read
 * back to be sure.
 */
static bool surely_spans(const struct tdate *d)
{
    switch (d->g) {
    case TG_YEAR:
        return d->y >= 1 && d->y <= 9999;
    case TG_MONTH:
        return d->y >= 1 && d->y <= 9999 && d->m >= 1 && d->m <= 12;
    case TG_DAY:
    case TG_POD:
    case TG_MINUTE:
        return kb_date_valid(d->y, d->m, d->d);
    default:
        return false;
    }
}

/* Append the expression found on bytes [start, end) of tokens [tb, te). */
static int push(struct kb_doc *doc, uint32_t start, uint32_t end, size_t tb, size_t te,
                const struct found *f)
{
    struct kb_timex t;
    memset(&t, 0, sizeof t);
    t.start = start;
    t.end = end;
    t.sent = doc->toks.v[tb].sent;
    t.tok = (uint32_t)tb;
    t.ntok = (uint32_t)(te - tb);
    t.type = f->type;
    t.anchored = f->anchored;
    if (f->is_date)
        kbp_td_format(&f->d, t.value, sizeof t.value);
    else
        memcpy(t.value, f->lit,
               sizeof f->lit < sizeof t.value ? sizeof f->lit : sizeof t.value);
    t.value[sizeof t.value - 1] = '\0';
    const char *m = f->mod < TM__MAX ? mod_names[f->mod] : "";
    memcpy(t.mod, m, strlen(m) + 1);
    /* a calendar value that arithmetic pushed out of years 1..9999
       ("tomorrow" on 9999-12-31, "3000 years ago" in year 1) is no date */
    struct kb_date first, last;
    int prec;
    if ((t.type == KB_TIMEX_DATE || t.type == KB_TIMEX_TIME) &&
        !(t.value[0] >= 'A' && t.value[0] <= 'Z') && !(f->is_date && surely_spans(&f->d)) &&
        !kb_timex_value_span(t.value, NULL, &first, &last, &prec))
        return KB_OK;
    return KB_VEC_PUSH(&doc->timexes, t);
}

/*
 * Push the expression on tokens [tb, te).  A day range written in one token
 * ("March 3-5") becomes two expressions, "March 3" and "5", as TimeML
 * annotates the ends of a range.  Returns the second day's value in *last
 * when it made one.
 */
static int push_found(struct kb_doc *doc, size_t tb, size_t te, const struct found *f,
                      struct found *last)
{
    const struct kb_token *v = doc->toks.v;
    uint32_t start = v[tb].start, end = v[te - 1].end;
    *last = *f;
    if (!f->day2 || f->range_tok <= tb || f->range_tok >= te || !f->is_date ||
        f->d.g != TG_DAY || f->type != KB_TIMEX_DATE)
        return push(doc, start, end, tb, te, f);
    const struct kb_token *r = &v[f->range_tok];
    const char *hy = memchr(doc->text + r->start, '-', r->end - r->start);
    struct found g = *f;
    g.d.d = (int8_t)f->day2;
    if (!hy || (g.d.y != TD_UNK && !kb_date_valid(g.d.y, g.d.m, g.d.d)))
        return push(doc, start, end, tb, te, f);
    uint32_t cut = (uint32_t)(hy - doc->text);
    int rc = push(doc, start, cut, tb, f->range_tok + 1, f);
    if (!rc)
        rc = push(doc, cut + 1, end, f->range_tok, te, &g);
    *last = g;
    return rc;
}

/* After a date on tokens [start, end): the narrative's reference, the quarter
   focus, the sentence's year. */
static void move_anchors(struct tx *c, const struct found *f, size_t start, size_t end)
{
    if (f->focus && !f->is_date) {
        c->has_qfocus = false; /* "the nine months": the period is no quarter now */
        return;
    }
    if (!f->is_date || f->type == KB_TIMEX_SET || !kbp_td_known(&f->d) || f->compare)
        return;
    if (f->d.g >= TG_YEAR) {
        c->ref = f->d;
        c->has_ref = true;
        c->ref_explicit = f->explicit_;
        c->ref_sent = c->sent;
        if (f->explicit_) {
            c->sent_year = f->d.y;
            c->sent_year_end = end;
            c->sent_year_lead = start <= c->sb + 1;
        }
    }
    if (f->focus && f->d.g == TG_QUARTER) {
        /* a quarter reported on; a quarter still to come ("a fourth-quarter
           charge") is not what "the quarter" and "a year ago" compare */
        struct kb_date first, cur;
        /* an earlier quarter named in passing ("after a flat second
           quarter") leaves the one reported on */
        bool earlier = c->has_qfocus && kbp_td_first_day(&c->qfocus, &cur) &&
                       kbp_td_first_day(&f->d, &first) &&
                       kb_date_to_days(first) < kb_date_to_days(cur);
        if (!earlier &&
            (!c->has_dct || (kbp_td_first_day(&f->d, &first) &&
                             kb_date_to_days(kb_date_add_months(first, 3)) <=
                                 kb_date_to_days(c->dct) + 31))) {
            c->qfocus = f->d;
            c->has_qfocus = true;
        }
    }
}

/*
 * A document without a DCT that opens with a dateline giving a full date
 * ("WASHINGTON, March 12, 2013 (AP) --", "March 12, 2013 -- ...") takes that
 * date as its stand-in DCT.  The dateline is the capitalised words before
 * the first lower-case word of the text.
 */
static void dateline_dct(struct tx *c)
{
    const struct kb_doc *doc = c->doc;
    if (c->has_dct || doc->sents.n == 0)
        return;
    c->sb = doc->sents.v[0].tok_begin;
    c->se = doc->sents.v[0].tok_end;
    size_t lim = c->sb + 16 < c->se ? c->sb + 16 : c->se;
    for (size_t i = c->sb; i < lim; i++) {
        if (doc->toks.v[i].flags & KB_TF_LOWER)
            return;
        struct found f;
        size_t n = kbp_timex_can_start(&c->w[i]) ? kbp_timex_match(c, i, &f) : 0;
        if (!n)
            continue;
        struct kb_date d;
        if (f.is_date && f.explicit_ && f.d.g == TG_DAY && kbp_td_first_day(&f.d, &d)) {
            c->dct = d;
            c->has_dct = true;
        }
        return;
    }
}

/* A headline: a line without a closing stop.  Its present tense reports
   ("Police arrest suspect"); it schedules nothing. */
static bool headline(const struct kb_doc *doc, size_t s)
{
    const struct kb_sentence *st = &doc->sents.v[s];
    if (st->tok_end == st->tok_begin)
        return false;
    const struct kb_token *last = &doc->toks.v[st->tok_end - 1];
    if (last->kind == KB_TOK_PUNCT)
        return false;
    return st->tok_end == doc->toks.n || (doc->toks.v[st->tok_end].flags & KB_TF_NL);
}

int kb_timex_find(const struct kb_extractor *ex, struct kb_doc *doc)
{
    struct tw small[512]; /* most documents are shorter: no allocation */
    uint32_t small_starts[KB_ARRAY_LEN(small)];
    size_t ntok = doc->toks.n;
    struct tw *w = small;
    uint32_t *starts = small_starts;
    if (ntok >= KB_ARRAY_LEN(small)) { /* one block: the classes, then the starts */
        w = malloc((ntok + 1) * (sizeof *w + sizeof *starts));
        if (!w)
            return KB_ENOMEM;
        starts = (uint32_t *)(w + ntok + 1);
    }
    const struct kb_lexicon *lex = ex->lex;
    uint16_t own[KB_TIMEX_SLOTS];
    if (!lex)
        kbp_timex_index(own);
    size_t nstarts = kbp_timex_classify(doc, lex ? lex->timex_slots : own, w, starts);
    struct tx c;
    memset(&c, 0, sizeof c);
    c.doc = doc;
    c.w = w;
    c.day_first = ex->opts.day_first;
    c.has_dct = doc->has_dct;
    c.dct = doc->dct;
    dateline_dct(&c);
    int rc = KB_OK;
    size_t p = 0; /* the first start not passed yet */
    for (size_t s = 0; s < doc->sents.n && rc == KB_OK; s++) {
        c.sb = doc->sents.v[s].tok_begin;
        c.se = doc->sents.v[s].tok_end;
        c.sent = s;
        c.headline = headline(doc, s);
        c.sent_year = 0;
        c.has_day = false;
        /* only the tokens that can start an expression, from the list */
        for (size_t i = c.sb;;) {
            while (p < nstarts && starts[p] < i)
                p++;
            if (p == nstarts || starts[p] >= c.se)
                break;
            i = starts[p];
            struct found f;
            size_t n = kbp_timex_match(&c, i, &f);
            if (!n) {
                i++;
                continue;
            }
            struct found last;
            if ((rc = push_found(doc, i, i + n, &f, &last)))
                break;
            move_anchors(&c, &f, i, i + n);
            /* "April 24 [and 25]": the day a second day may follow */
            c.has_day = last.is_date && last.type == KB_TIMEX_DATE &&
                        last.d.g == TG_DAY && last.d.m > 0 && last.d.d > 0;
            c.day = last.d;
            c.day_end = i + n;
            i += n;
        }
    }
    if (w != small)
        free(w);
    return rc;
}
