/*
 * timex_counts.c -- recognisers built on a count: durations (three years,
 * 2 1/2 hours, a few days, several-year, the past two weeks), offsets from
 * the DCT or the narrative (two days ago, a year earlier, five years from
 * now), sets (every Monday, each year, twice a week, daily), and the words
 * whose value is a REF (now, recently, soon, future quarters).
 *
 * Stage: extract, a helper of timex_rules.c; no state.  Ages ("6-year-old")
 * and rates ("$2 million a year", "24 hours a day") are not expressions.
 */
#include "timex.h"

#include <stdio.h>
#include <string.h>

/* ---- counts: "three", "3", "twenty-four", "a", "a few", "2 1/2" ---- */

struct count {
    long n;   /* the number, or -1 for a vague one ("several") */
    int half; /* 1 when "and a half" / "1/2" follows the number */
    bool art; /* the count is the article "a"/"an" */
};

/* English number words from j: "twenty four", "twenty-four", "two hundred". */
size_t kbp_card_words(const struct tx *c, size_t j, long *out)
{
    long total = 0, cur = 0;
    size_t k = j;
    bool any = false;
    while (k < c->se) {
        if (c->w[k].cls == TW_CARD) {
            long v = c->w[k].val;
            if (v == 100)
                cur = (cur ? cur : 1) * 100;
            else if (v == 1000)
                total += (cur ? cur : 1) * 1000, cur = 0;
            else if (any && cur % 10 == 0 && cur % 100 >= 20 && v < 10)
                cur += v; /* twenty four */
            else if (any && cur >= 100 && cur % 100 == 0 && v < 100)
                cur += v; /* two hundred fifty */
            else if (any)
                break;
            else
                cur = v;
            any = true;
            k++;
            if (is_fw(c, k, FW_HYPHEN) && glued(c, k) && is_cls(c, k + 1, TW_CARD) &&
                glued(c, k + 1) && c->w[k + 1].val < 10)
                k++;
            continue;
        }
        break;
    }
    if (!any)
        return 0;
    *out = total + cur;
    return k - j;
}

/* "and a half" at j: tokens used. */
static size_t and_half(const struct tx *c, size_t j)
{
    return is_fw(c, j, FW_AND) && is_fw(c, j + 1, FW_A) && is_fw(c, j + 2, FW_HALFW) ? 3
                                                                                     : 0;
}

static size_t count_at(const struct tx *c, size_t i, struct count *q)
{
    memset(q, 0, sizeof *q);
    if (i >= c->se)
        return 0;
    const struct tw *t = &c->w[i];
    size_t k = 0;
    if (t->cls == TW_NUM) {
        if (t->sub == NK_RANGE && t->val >= 100) { /* 3-5 years: the first number */
            q->n = t->val / 100;
            k = 1;
        } else if ((t->sub == NK_INT || t->sub == NK_OTHER) && t->val > 0 &&
                   t->val < 1000000) {
            q->n = t->val;
            k = 1;
            if (is_num(c, i + 1, NK_FRAC) && c->w[i + 1].val == 102) {
                q->half = 1;
                k = 2;
            }
        }
    } else if (t->cls == TW_CARD) {
        k = kbp_card_words(c, i, &q->n);
    } else if (t->cls == TW_FEW) {
        q->n = t->val ? t->val : -1;
        k = 1;
        if (is_fw(c, i + 1, FW_OF))
            k = 2;
    } else if (t->cls == TW_APPROX && is_word(c, i, "some")) {
        q->n = -1;
        k = 1;
    } else if (t->cls == TW_FUNC && t->val == FW_A) {
        if (is_cls(c, i + 1, TW_FEW) &&
            (is_word(c, i + 1, "few") || is_word(c, i + 1, "couple"))) {
            q->n = c->w[i + 1].val ? c->w[i + 1].val : -1;
            k = is_fw(c, i + 2, FW_OF) ? 3 : 2;
        } else if (is_cls(c, i + 1, TW_CARD) &&
                   (c->w[i + 1].val == 100 || c->w[i + 1].val == 1000 ||
                    c->w[i + 1].val == 12)) {
            q->n = c->w[i + 1].val; /* a hundred, a dozen */
            k = 2;
        } else {
            q->n = 1;
            q->art = true;
            k = 1;
        }
    }
    if (k && q->n > 0 && !q->half) {
        size_t h = and_half(c, i + k);
        if (h) {
            q->half = 1;
            k += h;
        }
    }
    return k;
}

/* A TIMEX3 duration value: P3Y, PT2H, PXD, P2Y6M, PT1M30S. */
/* snprintf(buf, n, "%s%ld%s", pre, num, post) for num >= 0, without its cost. */
static void put_num(char *buf, size_t n, const char *pre, long num, const char *post)
{
    char tmp[64], dig[24];
    size_t k = 0, nd = 0;
    for (; *pre && k < 8; pre++)
        tmp[k++] = *pre;
    do
        dig[nd++] = (char)('0' + num % 10);
    while ((num /= 10) > 0);
    while (nd)
        tmp[k++] = dig[--nd];
    for (; *post && k < sizeof tmp - 1; post++)
        tmp[k++] = *post;
    if (n == 0)
        return;
    if (k > n - 1)
        k = n - 1;
    memcpy(buf, tmp, k);
    buf[k] = '\0';
}

void kbp_dur_value(char *buf, size_t n, long num, int half, int unit)
{
    bool time;
    const char *l = kbp_unit_letter(unit, &time);
    if (num < 0) {
        snprintf(buf, n, "P%sX%s", time ? "T" : "", unit == TU_QUARTER ? "M" : l);
        return;
    }
    if (unit == TU_FORTNIGHT)
        num *= 2, l = "W";
    if (unit == TU_QUARTER) /* three quarters: P9M */
        num *= 3, l = "M";
    if (unit == TU_YEAR && num >= 1000 && num % 1000 == 0 && !half) {
        put_num(buf, n, "P", num / 1000, "L");
        return;
    }
    if (half) {
        switch (unit) {
        case TU_YEAR:
            put_num(buf, n, "P", num, "Y6M");
            return;
        case TU_DAY:
            put_num(buf, n, "P", num, "DT12H");
            return;
        case TU_HOUR:
            put_num(buf, n, "PT", num, "H30M");
            return;
        case TU_MINUTE:
            put_num(buf, n, "PT", num, "M30S");
            return;
        case TU_MONTH:
            put_num(buf, n, "P", num, "M15D");
            return;
        default:
            break;
        }
    }
    put_num(buf, n, time ? "PT" : "P", num, l);
}

/* ---- durations and offsets from a count ---- */

/* Is "a week" at i a rate ("four flights a week", "$2 a year")? */
static bool is_rate(const struct tx *c, size_t i)
{
    if (i == c->sb)
        return false;
    const struct kb_token *p = &c->doc->toks.v[i - 1];
    const struct tw *w = &c->w[i - 1];
    if (p->kind == KB_TOK_NUM || w->cls == TW_CARD)
        return true;
    if (w->cls == TW_UNIT && (w->flags & TWF_PLURAL))
        return true; /* 24 hours a day */
    size_t n;
    const char *f = kb_tok_fold(c->doc, i - 1, &n);
    if (w->cls == TW_NONE && (p->flags & KB_TF_LOWER) && n > 3 && f[n - 1] == 's' &&
        f[n - 2] != 's')
        return true; /* flights a week */
    if (n == 1 && (f[0] == '%'))
        return true;
    return is_word(c, i - 1, "million") || is_word(c, i - 1, "billion") ||
           is_word(c, i - 1, "dollars") || is_word(c, i - 1, "cents");
}

size_t kbp_r_count(const struct tx *c, size_t i, struct found *f)
{
    if (i >= c->se)
        return 0;
    struct count q;
    size_t k = count_at(c, i, &q);
    if (!k)
        return 0;
    size_t j = i + k;
    bool more = false;
    if ((is_fw(c, j, FW_MORE) && !is_fw(c, j + 1, FW_THAN)) ||
        is_fw(c, j, FW_ADDITIONAL) || is_fw(c, j, FW_FULL) || is_fw(c, j, FW_TRADING) ||
        is_fw(c, j, FW_BUSINESS)) {
        more = true;
        j++;
    }
    bool hyphen = false;
    if (is_fw(c, j, FW_HYPHEN) && glued(c, j) && glued(c, j + 1) && !more) {
        hyphen = true;
        j++;
    }
    int u = 0;
    bool plural = false;
    if (is_cls(c, j, TW_UNIT)) {
        u = c->w[j].val;
        plural = c->w[j].flags & TWF_PLURAL;
    } else if (is_cls(c, j, TW_POD) && c->w[j].val == TP_NI && q.n != 1 && !q.art) {
        u = TU_NIGHT; /* three nights */
        plural = true;
    } else if (is_cls(c, j, TW_ORD) && c->w[j].val == 2 && (c->w[j].flags & TWF_AMBIG) &&
               (q.n == 1 || q.art)) {
        u = TU_SECOND; /* a second */
    } else if (is_fw(c, j, FW_HALFW) && q.n > 0 && !hyphen) {
        return 0;
    }
    if (!u)
        return 0;
    if ((q.art || (q.n == 1 && !hyphen)) && plural)
        return 0; /* "a years", "one years": not a duration */
    if (u == TU_SECOND && q.art)
        return 0; /* "a second group" */
    if (cap(c, j) && !(tokf(c, j) & KB_TF_ALLCAP) && !(tokf(c, j) & KB_TF_SSTART))
        return 0; /* "60 Minutes": a name */
    j++;
    if (is_fw(c, j, FW_HYPHEN) && glued(c, j) && is_cls(c, j + 1, TW_OFFSET) &&
        glued(c, j + 1))
        return 0; /* a year-earlier loss: "year-earlier" is the expression */
    if (u == TU_QUARTER && (hyphen || is_fw(c, j, FW_OF)) && !year_tok(c, j + 1))
        return 0; /* three-quarters of its food, a quarter of the market */
    /* ages: 6-year-old, 52 years old, a 6-month-old */
    if ((is_fw(c, j, FW_HYPHEN) && is_fw(c, j + 1, FW_OLD)) || is_fw(c, j, FW_OLD))
        return 0;
    if (hyphen && is_fw(c, j, FW_HYPHEN) && is_fw(c, j + 1, FW_LONG) && glued(c, j + 1))
        j += 2; /* two-year-long */
    if (!q.half && !hyphen) {
        size_t h = and_half(c, j);
        if (h) {
            q.half = 1;
            j += h;
        }
    }
    /* offsets: ago, earlier, later, from now, hence */
    size_t j2 = j;
    if (is_fw(c, j2, FW_OR) && is_fw(c, j2 + 1, FW_SO))
        j2 += 2; /* a week or so ago */
    int off = 0;
    /* "three days later", "a day earlier" are durations that later/earlier
       relate to the story (TimeBank); "a year later", "a year earlier" are
       dates, the periods compared in reports */
    if (!hyphen && is_cls(c, j2, TW_OFFSET) &&
        (c->w[j2].val == TO_AGO || c->w[j2].val == TO_HENCE ||
         ((c->w[j2].val == TO_LATER || c->w[j2].val == TO_EARLIER) && u >= TU_YEAR))) {
        off = c->w[j2].val;
        j = j2 + 1;
    } else if (!hyphen && is_fw(c, j2, FW_FROM) && is_cls(c, j2 + 1, TW_REF) &&
               c->w[j2 + 1].val == TR_PRESENT && is_word(c, j2 + 1, "now")) {
        off = TO_HENCE;
        j = j2 + 2;
    }
    /* "Islam will one day be ...": after a modal, "one day" is some day to
       come, not a day's length */
    if (!off && u == TU_DAY && !plural && is_word(c, i, "one") && i > c->sb &&
        c->w[i - 1].cls == TW_VERB &&
        (c->w[i - 1].val == TV_FUTURE || c->w[i - 1].val == TV_MODAL)) {
        f_ref(f, TR_FUTURE);
        return j - i;
    }
    if (off) {
        if (q.n < 0) {
            f_ref(f, off == TO_AGO || off == TO_EARLIER ? TR_PAST : TR_FUTURE);
            return j - i;
        }
        long n = q.n;
        int g = kbp_unit_gran(u);
        if (g > TG_DAY)
            g = TG_DAY;
        if (u == TU_DECADE || u == TU_CENTURY) {
            n *= u == TU_DECADE ? 10 : 100;
            u = TU_YEAR;
            g = TG_YEAR;
        }
        struct tdate t;
        if (u == TU_YEAR && n == 1 && off != TO_AGO && off != TO_HENCE) {
            t = c->has_qfocus || (c->has_ref && c->ref_explicit && c->ref.g > TG_YEAR)
                    ? (off == TO_EARLIER ? kbp_year_before_focus(c, f) : c->ref)
                    : kbp_ref_at(c, TG_YEAR, f);
            if (off == TO_LATER)
                tx_shift(&t, TU_YEAR, 1);
            else if (!(c->has_qfocus ||
                       (c->has_ref && c->ref_explicit && c->ref.g > TG_YEAR)))
                tx_shift(&t, TU_YEAR, -1);
        } else if (u == TU_YEAR && n == 1 && off == TO_AGO && c->has_qfocus &&
                   c->has_dct) {
            t = kbp_year_before_focus(c, f);
        } else {
            bool from_ref = off == TO_EARLIER || off == TO_LATER;
            t = from_ref ? kbp_ref_at(c, g, f) : kbp_dct_at(c, g, f);
            if (u == TU_HOUR || u == TU_MINUTE || u == TU_SECOND)
                n = 0;
            tx_shift(&t, u, off == TO_AGO || off == TO_EARLIER ? -n : n);
        }
        f_date(f, KB_TIMEX_DATE, t);
        return j - i;
    }
    if (q.art && !more && is_rate(c, i))
        return 0;
    if (is_fw(c, j, FW_OR) && is_fw(c, j + 1, FW_SO))
        j += 2; /* two years or so */
    kbp_dur_value(f->lit, sizeof f->lit, q.n, q.half, u);
    f->type = KB_TIMEX_DURATION;
    f->is_date = false;
    return j - i;
}

/* Bare plural units that are durations in context: "for years", "within weeks",
   "months of talks", "decades-long", "hours later". */
size_t kbp_r_bare_units(const struct tx *c, size_t i, struct found *f)
{
    if (i >= c->se)
        return 0;
    int u = unit_at(c, i, 1);
    if (!u || u == TU_SECOND || u == TU_WEEKEND || u == TU_QUARTER)
        return 0;
    size_t j = i + 1;
    bool ok = false;
    if (i > c->sb) {
        const struct tw *p = &c->w[i - 1];
        if (p->cls == TW_FUNC && (p->val == FW_FOR || p->val == FW_WITHIN ||
                                  p->val == FW_IN || p->val == FW_OVER))
            ok = true;
        if (p->cls == TW_OFFSET && p->val == TO_AFTER)
            ok = true;
        /* in the years that followed, the days before the shooting */
        if (p->cls == TW_FUNC && p->val == FW_THE && i >= c->sb + 2 &&
            c->w[i - 2].cls == TW_FUNC &&
            (c->w[i - 2].val == FW_IN || c->w[i - 2].val == FW_OVER ||
             c->w[i - 2].val == FW_THROUGH || c->w[i - 2].val == FW_DURING) &&
            !is_fw(c, j, FW_OF))
            ok = true;
    }
    if (is_fw(c, j, FW_OF) &&
        (i == c->sb || (c->w[i - 1].cls != TW_PART && c->w[i - 1].cls != TW_DET &&
                        !is_fw(c, i - 1, FW_THE))))
        ok = true;
    if (is_fw(c, j, FW_HYPHEN) && is_fw(c, j + 1, FW_LONG) && glued(c, j) &&
        glued(c, j + 1)) {
        ok = true;
        j += 2;
    }
    /* weeks or months */
    if (is_fw(c, j, FW_OR) && unit_at(c, j + 1, 1))
        j += 2;
    if (is_cls(c, j, TW_OFFSET) && c->w[j].val == TO_AGO) {
        f_ref(f, TR_PAST); /* months ago */
        return j + 1 - i;
    }
    /* hours later, days earlier: vague durations, as "three days later" */
    if (is_cls(c, j, TW_OFFSET) && (c->w[j].val == TO_LATER || c->w[j].val == TO_EARLIER))
        ok = true;
    if (!ok)
        return 0;
    kbp_dur_value(f->lit, sizeof f->lit, -1, 0, u);
    f->type = KB_TIMEX_DURATION;
    return j - i;
}

/* Sets: every Monday, each year, every other week, daily, twice a week. */
size_t kbp_r_set(const struct tx *c, size_t i, struct found *f)
{
    if (i >= c->se)
        return 0;
    const struct tw *t = &c->w[i];
    char buf[24];
    if (t->cls == TW_FREQ) {
        if (is_word(c, i, "annually")) /* mostly rates of growth */
            return 0;
        kbp_dur_value(buf, sizeof buf, 1, 0, t->val);
        f_lit(f, KB_TIMEX_SET, buf);
        return 1;
    }
    if (t->cls == TW_EACH && t->val != 3) { /* every, each (not per) */
        size_t j = i + 1;
        long n = 1;
        if (is_fw(c, j, FW_OTHER)) {
            n = 2;
            j++;
        } else if (is_num(c, j, NK_INT) && c->w[j].val > 1 && c->w[j].val < 100) {
            n = c->w[j].val;
            j++;
        } else if (is_cls(c, j, TW_CARD) && c->w[j].val > 1 && c->w[j].val < 100) {
            n = c->w[j].val;
            j++;
        }
        int u = unit_at(c, j, n > 1 ? 1 : 0);
        if (u && u != TU_SECOND) {
            kbp_dur_value(buf, sizeof buf, n, 0, u);
            f_lit(f, KB_TIMEX_SET, buf);
            return j + 1 - i;
        }
        if (n > 1)
            return 0;
        struct tdate d = td_unknown(TG_DAY);
        if (is_cls(c, j, TW_WDAY) && cap(c, j)) {
            d.wd = (int8_t)c->w[j].val;
        } else if (is_cls(c, j, TW_MONTH) && cap(c, j)) {
            d.g = TG_MONTH;
            d.m = (int8_t)c->w[j].val;
        } else if (is_cls(c, j, TW_SEASON)) {
            d.g = TG_SEASON;
            d.p = (int8_t)c->w[j].val;
        } else if (is_cls(c, j, TW_POD)) {
            d.g = TG_POD;
            d.pod = (int8_t)c->w[j].val;
        } else {
            return 0;
        }
        f_date(f, KB_TIMEX_SET, d);
        return j + 1 - i;
    }
    /* once a week, twice a year, three times a day */
    size_t j = i;
    if (is_fw(c, j, FW_ONCE) || is_fw(c, j, FW_TWICE))
        j++;
    else if ((t->cls == TW_CARD || is_num(c, j, NK_INT)) && is_fw(c, j + 1, FW_TIMES))
        j += 2;
    else
        return 0;
    if (!(is_fw(c, j, FW_A) || (is_cls(c, j, TW_EACH))))
        return 0;
    int u = unit_at(c, j + 1, 0);
    if (!u)
        return 0;
    kbp_dur_value(buf, sizeof buf, 1, 0, u);
    f_lit(f, KB_TIMEX_SET, buf);
    return j + 2 - i;
}

/* now, currently, recently, soon, lately, nowadays */
size_t kbp_r_refword(const struct tx *c, size_t i, struct found *f)
{
    if (i >= c->se)
        return 0;
    if (!is_cls(c, i, TW_REF))
        return 0;
    int ref = c->w[i].val;
    if (ref == TR_FUTURE && i > c->sb && is_fw(c, i - 1, FW_AS) && is_fw(c, i + 1, FW_AS))
        return 0; /* as soon as */
    f_ref(f, ref);
    return 1;
}

/* future quarters, future years */
size_t kbp_r_future(const struct tx *c, size_t i, struct found *f)
{
    if (i >= c->se)
        return 0;
    if (!is_fw(c, i, FW_FUTURE) || !unit_at(c, i + 1, 1))
        return 0;
    f_ref(f, TR_FUTURE);
    return 2;
}
