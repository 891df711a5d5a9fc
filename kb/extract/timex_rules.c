/*
 * timex_rules.c -- the entry of the recognisers: the modifiers an expression
 * may start with (about, nearly, more than, at least, early, mid, late,
 * earlier, the end of ...), then the recognisers of the class of the next
 * token (timex_calendar.c, timex_years.c, timex_periods.c, timex_counts.c),
 * the longest match winning.
 *
 * Stage: extract, a helper of timex.c; no state.  Spans follow the TimeML
 * TIMEX3 guidelines: determiners and modifiers are kept ("the third quarter",
 * "late March", "about two years ago"), a leading preposition never ("on
 * Tuesday" -> "Tuesday").  Values follow TIMEX3: dates at the granularity the
 * words name, resolved against the DCT (deictic words: "yesterday", "last
 * week", "two days ago", weekdays and months by tense) or against the
 * narrative reference (anaphoric words: "the following day", "a year
 * earlier", "the quarter"); durations as P..; sets; PRESENT/PAST/FUTURE_REF.
 */
#include "timex.h"

#include <string.h>

/* ---- dispatch ---- */

typedef size_t (*recogniser)(const struct tx *, size_t, struct found *);

/* Try each recogniser, keep the longest. */
static size_t best_of(const struct tx *c, size_t i, struct found *f, const recogniser *r,
                      size_t nr)
{
    size_t best = 0;
    struct found g;
    for (size_t k = 0; k < nr; k++) {
        memset(&g, 0, sizeof g);
        size_t n = r[k](c, i, &g);
        if (n > best) {
            best = n;
            *f = g;
        }
    }
    return best;
}

static size_t r_det0(const struct tx *c, size_t i, struct found *f)
{
    return kbp_r_det(c, i, f, false);
}

static size_t r_holiday0(const struct tx *c, size_t i, struct found *f)
{
    return kbp_r_holiday(c, i, f, 0);
}

/*
 * The core of an expression at a function word.  Each recogniser of
 * function words answers one word and returns 0 at once for any other: "the"
 * (kbp_r_the), "a" (kbp_r_count: "a week"), "fiscal", "'", "pre"/"post",
 * "future", "once"/"twice" (kbp_r_set), "its" (kbp_r_ordinal).  So only that
 * one is tried.
 */
static size_t func_core(const struct tx *c, size_t i, struct found *f)
{
    recogniser r;
    switch (c->w[i].val) {
    case FW_THE:
        r = kbp_r_the;
        break;
    case FW_A:
        r = kbp_r_count;
        break;
    case FW_FISCAL:
        r = kbp_r_fiscal;
        break;
    case FW_APOS:
        r = kbp_r_apostrophe;
        break;
    case FW_PRE:
    case FW_POST:
        r = kbp_r_prepost;
        break;
    case FW_FUTURE:
        r = kbp_r_future;
        break;
    case FW_ONCE:
    case FW_TWICE:
        r = kbp_r_set;
        break;
    case FW_ITS:
        r = kbp_r_ordinal;
        break;
    default:
        return 0;
    }
    return best_of(c, i, f, &r, 1);
}

/* The core of an expression at i (without leading modifiers). */
static size_t core(const struct tx *c, size_t i, struct found *f)
{
    static const recogniser num[] = {kbp_r_numdate, kbp_r_time,    kbp_r_calendar,
                                     kbp_r_count,   kbp_r_year,    kbp_r_ordinal,
                                     kbp_r_set,     kbp_r_day_pair};
    static const recogniser card[] = {kbp_r_count, kbp_r_year_words, kbp_r_set,
                                      kbp_r_calendar};
    static const recogniser unit[] = {kbp_r_bare_units, kbp_r_year_ago, kbp_r_year_end};
    switch (c->w[i].cls) {
    case TW_NUM:
        return best_of(c, i, f, num, KB_ARRAY_LEN(num));
    case TW_MONTH:
    case TW_WDAY:
        return kbp_r_calendar(c, i, f);
    case TW_CARD:
        return best_of(c, i, f, card, KB_ARRAY_LEN(card));
    case TW_ORD:
        return best_of(c, i, f,
                       (const recogniser[]){kbp_r_ordinal, kbp_r_calendar, kbp_r_day_pair},
                       3);
    case TW_UNIT:
        return best_of(c, i, f, unit, KB_ARRAY_LEN(unit));
    case TW_SEASON:
        return kbp_r_season(c, i, f);
    case TW_FPER:
        return kbp_r_fperiod(c, i, f);
    case TW_CLOCK:
        return kbp_r_time(c, i, f);
    case TW_DAYREF:
        return kbp_r_dayref(c, i, f);
    case TW_REF:
        return kbp_r_refword(c, i, f);
    case TW_DET:
        return r_det0(c, i, f);
    case TW_FREQ:
    case TW_EACH:
        return kbp_r_set(c, i, f);
    case TW_HOLIDAY:
        return r_holiday0(c, i, f);
    case TW_FEW:
        return kbp_r_count(c, i, f);
    case TW_APPROX: /* "some" as a vague count */
        return kbp_r_count(c, i, f);
    case TW_FUNC:
        return func_core(c, i, f);
    default:
        return 0;
    }
}

/* Comparison prefixes of durations: more than, less than, at least, up to, no more than.
 */
static size_t comparison_at(const struct tx *c, size_t i, int *mod)
{
    if ((is_fw(c, i, FW_MORE) || is_fw(c, i, FW_LESS)) && is_fw(c, i + 1, FW_THAN)) {
        *mod = is_fw(c, i, FW_MORE) ? TM_MORE_THAN : TM_LESS_THAN;
        return 2;
    }
    if (is_fw(c, i, FW_NO) && (is_fw(c, i + 1, FW_MORE) || is_fw(c, i + 1, FW_LESS)) &&
        is_fw(c, i + 2, FW_THAN)) {
        *mod = is_fw(c, i + 1, FW_MORE) ? TM_EQUAL_OR_LESS : TM_EQUAL_OR_MORE;
        return 3;
    }
    if (is_fw(c, i, FW_AT) && is_fw(c, i + 1, FW_LEAST)) {
        *mod = TM_EQUAL_OR_MORE;
        return 2;
    }
    if (is_fw(c, i, FW_UP) && is_fw(c, i + 1, FW_TO)) {
        *mod = TM_EQUAL_OR_LESS;
        return 2;
    }
    return 0;
}

/* Does the core at j take an approximation ("about two years", "around 7 p.m.")? */
static bool approximable(const struct tx *c, size_t j)
{
    int k = c->w[j].cls;
    return k == TW_NUM || k == TW_CARD || k == TW_FEW || k == TW_CLOCK ||
           (k == TW_FUNC && (c->w[j].val == FW_A || c->w[j].val == FW_THE)) ||
           (k == TW_MONTH && mday_tok(c, j + 1)) ||
           (k == TW_UNIT && c->w[j].val == TU_YEAR);
}

size_t kbp_timex_match(const struct tx *c, size_t i, struct found *f)
{
    memset(f, 0, sizeof *f);
    size_t j = i;
    int mod = TM_NONE;
    const struct tw *t = &c->w[i];
    /* about, around, nearly, almost; more than, at least, up to */
    size_t cn;
    if (t->cls == TW_APPROX && !is_word(c, i, "some") && i + 1 < c->se) {
        if (approximable(c, i + 1)) {
            mod = t->val;
            j = i + 1;
        }
    } else if ((cn = comparison_at(c, i, &mod)) && i + cn < c->se) {
        if (approximable(c, i + cn))
            j = i + cn;
        else
            mod = TM_NONE;
    }
    if (j > i) {
        size_t n = core(c, j, f);
        if (n && (f->type == KB_TIMEX_DURATION || f->type == KB_TIMEX_TIME ||
                  (f->type == KB_TIMEX_DATE && f->is_date))) {
            if (!f->mod)
                f->mod = (uint8_t)mod;
            return j + n - i;
        }
        memset(f, 0, sizeof *f);
        if (t->cls == TW_FUNC)
            return 0;
        return core(c, i, f);
    }
    /* [the] end/beginning/start/middle of X */
    size_t k = i;
    if (is_fw(c, k, FW_THE))
        k++;
    if ((is_fw(c, k, FW_END) || is_fw(c, k, FW_BEGINNING) || is_fw(c, k, FW_START) ||
         is_fw(c, k, FW_MIDDLE)) &&
        is_fw(c, k + 1, FW_OF) && k + 2 < c->se) {
        int m = is_fw(c, k, FW_END) ? TM_END : is_fw(c, k, FW_MIDDLE) ? TM_MID : TM_START;
        size_t n = core(c, k + 2, f);
        if (n && f->is_date && f->type == KB_TIMEX_DATE) {
            f->mod = (uint8_t)m;
            return k + 2 + n - i;
        }
        memset(f, 0, sizeof *f);
    }
    /* [the] early/mid/late [-] X ; earlier/later this X, earlier today */
    k = i;
    if (is_fw(c, k, FW_THE) && is_cls(c, k + 1, TW_PART))
        k++;
    if (is_cls(c, k, TW_PART) || (is_cls(c, k, TW_OFFSET) && (c->w[k].val == TO_EARLIER ||
                                                              c->w[k].val == TO_LATER))) {
        bool part = c->w[k].cls == TW_PART;
        int m = part ? c->w[k].val : c->w[k].val == TO_EARLIER ? TM_START : TM_END;
        size_t s = k + 1;
        if (is_fw(c, s, FW_HYPHEN) && glued(c, s))
            s++;
        /* early in the year, later in the day */
        if (is_fw(c, s, FW_IN) && is_fw(c, s + 1, FW_THE) && unit_at(c, s + 2, 0)) {
            int u = c->w[s + 2].val;
            if (u == TU_YEAR || u == TU_MONTH || u == TU_WEEK || u == TU_QUARTER) {
                f_date(f, KB_TIMEX_DATE,
                       u == TU_QUARTER ? kbp_focus_quarter(c, f)
                                       : kbp_ref_at(c, kbp_unit_gran(u), f));
                f->mod = (uint8_t)m;
                return s + 3 - i;
            }
        }
        bool ok = s < c->se;
        if (ok && !part) { /* earlier/later only before this/that/today/weekday */
            const struct tw *n = &c->w[s];
            ok = (n->cls == TW_DET && (n->val == TD_THIS || n->val == TD_SAME)) ||
                 n->cls == TW_DAYREF || (n->cls == TW_WDAY && cap(c, s));
        }
        if (ok) {
            size_t n = 0;
            if (is_cls(c, s, TW_POD) && !(c->w[s].flags & TWF_PLURAL)) {
                /* mid-afternoon [yesterday] */
                struct found g;
                memset(&g, 0, sizeof g);
                size_t dn = 0;
                if (is_cls(c, s + 1, TW_DAYREF))
                    dn = kbp_r_dayref(c, s + 1, &g);
                else if (kbp_weekday_at(c, s + 1))
                    dn = kbp_r_calendar(c, s + 1, &g);
                struct tdate d = dn && g.is_date ? g.d
                                 : c->has_ref && c->ref.g >= TG_DAY
                                     ? kbp_ref_at(c, TG_DAY, f)
                                     : kbp_dct_at(c, TG_DAY, f);
                d.g = TG_POD;
                d.pod = (int8_t)c->w[s].val;
                f_date(f, KB_TIMEX_TIME, d);
                n = 1 + dn;
            } else {
                n = core(c, s, f);
            }
            if (n && f->is_date &&
                (f->type == KB_TIMEX_DATE || f->type == KB_TIMEX_TIME)) {
                if (!f->mod)
                    f->mod = (uint8_t)m;
                return s + n - i;
            }
            memset(f, 0, sizeof *f);
        }
        if (c->w[i].cls != TW_FUNC && c->w[i].cls != TW_OFFSET)
            return 0;
    }
    return core(c, i, f);
}
