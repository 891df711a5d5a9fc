/*
 * timex.h -- internals shared by the files of the temporal-expression stage
 * (TIMEX3 recognition and normalisation).  Nothing outside kb/extract/timex*.c
 * includes it; the stage's public face is kb_timex_find() and
 * kb_timex_value_span() in extract.h.
 *
 *   timex_words.c     the temporal vocabulary; one classification per token
 *   timex_value.c     calendar values (struct tdate): format, shift, coarsen;
 *                     kb_timex_value_span()
 *   timex_tense.c     tense of the clause around an expression
 *   timex_anchor.c    resolution of underspecified values against the
 *                     document date (DCT) or the narrative
 *   timex_rules.c     modifiers, then dispatch to the recognisers:
 *   timex_calendar.c    days, months, weekdays, holidays, times of day
 *   timex_years.c       years, decades, centuries
 *   timex_periods.c     quarters, halves, seasons, this/last/next/the ... periods
 *   timex_counts.c      durations, offsets (ago, earlier), sets, REF words
 *   timex.c           the driver: scan, pick the longest match, keep the anchors
 *
 * Flow per document: every token is classified once (struct tw, from a
 * sorted word table or, for digit tokens, a small number parser); the driver
 * tries the recognisers only where a token can start a temporal expression,
 * so the common word costs one table lookup.
 */
#ifndef KB_TIMEX_H
#define KB_TIMEX_H

#include "extract.h"
#include "lexicon.h"

#include <stdio.h>
#include <string.h>

/* ---- word classes (timex_words.c) ---- */

enum tw_cls {
    TW_NONE = 0,
    TW_NUM,     /* digits: kind in .sub (enum num_kind), value in .val (-1: too large) */
    TW_MONTH,   /* val 1..12 */
    TW_WDAY,    /* weekday, val 1 (Monday) .. 7; TWF_PLURAL for "Mondays" */
    TW_CARD,    /* cardinal number word: val ("one" 1 .. "ninety" 90, "hundred" 100) */
    TW_ORD,     /* ordinal word: val ("first" 1 .. "thirtieth" 30) */
    TW_UNIT,    /* calendar unit: val enum tunit; TWF_PLURAL */
    TW_SEASON,  /* val 1 spring, 2 summer, 3 fall, 4 winter */
    TW_POD,     /* part of day: val enum tpod */
    TW_CLOCK,   /* noon, midnight, midday: val hour (12, 24) */
    TW_DAYREF,  /* today 0, yesterday -1, tomorrow 1, tonight 0 (sub TP_NI) */
    TW_REF,     /* adverb with a REF value: val enum tref */
    TW_DET,     /* determiner of a relative period: val enum tdet */
    TW_PART,    /* early, mid, late ...: val enum tmod */
    TW_APPROX,  /* about, around, nearly ...: val enum tmod */
    TW_OFFSET,  /* ago, earlier, later, before, after, hence: val enum toff */
    TW_EACH,    /* every, each, per */
    TW_FREQ,    /* daily, weekly ...: val enum tunit */
    TW_HOLIDAY, /* val enum tholiday */
    TW_FEW,     /* few, several, many, couple: vague counts */
    TW_AMPM,    /* a.m., p.m.: val 0 / 12 */
    TW_TZ,      /* time zone abbreviation (EST, GMT ...) */
    TW_DECADEW, /* twenties .. nineties: val 2..9 */
    TW_FPER,    /* financial period label: Q3, 3Q, H1 (sub TG_QUARTER or TG_HALF,
                   val the part), FY2013, FY13 (sub TG_YEAR, val the year) */
    TW_FUNC,    /* function word: val enum tfw */
    TW_VERB,    /* tense cue: val enum tverb */
    TW__MAX
};

enum tw_flags {
    TWF_PLURAL = 1 << 0, /* plural form of a unit or weekday */
    TWF_AMBIG = 1 << 1,  /* also an ordinary word: May, March, Sun, Jan, fall, second */
    TWF_ABBR = 1 << 2,   /* abbreviation ("Nov.", "Tues") */
};

/* Units of time.  Order matters: coarser units have larger values. */
enum tunit {
    TU_NONE,
    TU_SECOND,
    TU_MINUTE,
    TU_HOUR,
    TU_DAY,
    TU_NIGHT,
    TU_WEEKEND,
    TU_WEEK,
    TU_FORTNIGHT,
    TU_MONTH,
    TU_QUARTER,
    TU_HALF,
    TU_SEASON,
    TU_YEAR,
    TU_DECADE,
    TU_CENTURY,
    TU_MILLENNIUM,
    TU__MAX
};

enum tpod { TP_NONE, TP_MO, TP_AF, TP_EV, TP_NI, TP_DT /* daytime */ };

enum tref { TR_PRESENT = 1, TR_PAST, TR_FUTURE };

/* Determiners of relative periods ("last week", "the following year"). */
enum tdet {
    TD_THIS = 1, /* this, current */
    TD_LAST,     /* last, past, previous, preceding, prior */
    TD_NEXT,     /* next, coming, upcoming */
    TD_FOLLOW,   /* following, ensuing, subsequent: reference + 1 */
    TD_SAME,     /* same, that: the reference itself */
    TD_LATEST,   /* latest, most recent: the last completed one */
    TD_RECENT,   /* recent */
    TD_COMPARABLE,
};

/* TIMEX3 mod values (also the meaning of TW_PART and TW_APPROX words). */
enum tmod {
    TM_NONE,
    TM_START,
    TM_MID,
    TM_END,
    TM_APPROX,
    TM_LESS_THAN,
    TM_MORE_THAN,
    TM_EQUAL_OR_LESS,
    TM_EQUAL_OR_MORE,
    TM__MAX
};

enum toff { TO_AGO = 1, TO_EARLIER, TO_LATER, TO_BEFORE, TO_AFTER, TO_HENCE };

enum tholiday {
    TH_CHRISTMAS = 1,
    TH_CHRISTMAS_EVE,
    TH_NEW_YEAR,
    TH_NEW_YEARS_EVE,
    TH_THANKSGIVING,
    TH_EASTER,
    TH_GOOD_FRIDAY,
    TH_INDEPENDENCE,
    TH_HALLOWEEN,
    TH_VALENTINE,
    TH_LABOR,
    TH_MEMORIAL,
    TH_VETERANS,
    TH_ELECTION,
    TH_MLK,
    TH_PRESIDENTS,
    TH_COLUMBUS,
    TH_MOTHERS,
    TH_FATHERS,
    TH_BOXING,
    TH_MAYDAY,
};

/* Function words and punctuation the patterns name. */
enum tfw {
    FW_THE = 1,
    FW_A, /* a, an */
    FW_OF,
    FW_AND,
    FW_OR,
    FW_TO,
    FW_IN,
    FW_ON,
    FW_AT,
    FW_BY,
    FW_FOR,
    FW_FROM,
    FW_UNTIL,
    FW_SINCE,
    FW_DURING,
    FW_WITHIN,
    FW_THROUGH,
    FW_OVER,
    FW_INTO,
    FW_S,      /* 's */
    FW_HYPHEN, /* - */
    FW_COMMA,
    FW_APOS, /* ' (as in '80s) */
    FW_THAN,
    FW_LEAST,
    FW_UP,
    FW_MORE,
    FW_LESS,
    FW_NO,
    FW_AS,
    FW_SO,
    FW_ENDED, /* ended, ending, ends */
    FW_END,
    FW_BEGINNING,
    FW_START,
    FW_MIDDLE,
    FW_HALFW, /* half */
    FW_OLD,   /* old, olds (ages) */
    FW_LONG,  /* long (decades-long) */
    FW_TRADING,
    FW_BUSINESS,
    FW_FISCAL,
    FW_TIME,
    FW_MOMENT,
    FW_PRESENT,
    FW_FUTURE,
    FW_TERM,
    FW_NEAR,
    FW_SHORT,
    FW_FORESEEABLE,
    FW_PERIOD,
    FW_OCLOCK,
    FW_FULL,
    FW_CALENDAR,
    FW_ONCE,
    FW_TWICE,
    FW_TIMES,
    FW_OTHER,
    FW_ADDITIONAL,
    FW_ITS, /* its, their, his, her, our, my, your */
    FW_EVE,
    FW_LOCAL,
    FW_LATEST,
    FW_PRE,
    FW_POST,
    FW_HE,   /* he, she, it: a singular subject */
    FW_THEY, /* they, we, you, i: a subject of a plain verb */
    FW__MAX
};

/* Tense cues (TW_VERB). */
enum tverb {
    TV_PAST = 1, /* was, said, told ... (and -ed forms, found by suffix) */
    TV_FUTURE,   /* will, 'll, shall, going (to) */
    TV_MODAL,    /* would, could, might, should, may, must, can */
    TV_PRES,     /* is, are, am, 's, does, do */
    TV_HAVE,     /* has, have, 've */
    TV_BE,       /* be, been, being */
    TV_PLAN,     /* plans, expects, scheduled, due ... (future reference) */
    TV_HAD,      /* had */
    TV_SAY,      /* said, says, told ...: a reporting verb, the weakest cue */
};

/* Kinds of digit tokens (TW_NUM sub). */
enum num_kind {
    NK_INT = 1, /* 1998, 15 */
    NK_ORD,     /* 15th, 1st, 20th */
    NK_DECADE,  /* 1980s, 80s */
    NK_TIME,    /* 10:35, 10:35:20 */
    NK_AMPM,    /* 3pm, 10am (val = hour 0..23 after am/pm) */
    NK_DATE,    /* 2022-03-15, 03/15/2022, 15.03.2022 */
    NK_FRAC,    /* 1/2 */
    NK_RANGE,   /* 3-5, 10-15: two numbers of one or two digits (val a*100+b) */
    NK_OTHER,   /* 1,500 / 3.5 / 1989-90 ... */
};

/* One token's classification. */
struct tw {
    uint8_t cls;   /* enum tw_cls */
    uint8_t sub;   /* TW_NUM: enum num_kind; TW_DAYREF: enum tpod */
    uint8_t flags; /* enum tw_flags */
    uint8_t ndig;  /* TW_NUM: digits before any separator or suffix */
    int32_t val;
};

/*
 * Hash the temporal vocabulary into slots (open addressing, entry + 1, 0
 * empty; TX_SLOT_START marks a word that can start an expression,
 * kbp_timex_can_start).  Five hundred words: the lexicon keeps one table
 * (kb_lexicon.timex_slots) so that documents do not build it again.
 */
#define TX_SLOT_START 0x8000u
void kbp_timex_index(uint16_t slots[KB_TIMEX_SLOTS]);
/*
 * Classify tokens [0, doc->toks.n) into out (caller-allocated, n entries)
 * with the table of kbp_timex_index(), and list in starts (caller-allocated,
 * n entries) the tokens that can start an expression (kbp_timex_can_start),
 * in text order; returns how many.  Pure function of the tokens; costs one
 * hash lookup per word.
 */
size_t kbp_timex_classify(const struct kb_doc *doc, const uint16_t slots[KB_TIMEX_SLOTS],
                          struct tw *out, uint32_t *starts);

/* Parts of an NK_TIME / NK_DATE token; false if the token is not one. */
bool kbp_timex_num_time(const struct kb_doc *doc, size_t i, int *hh, int *mm);
bool kbp_timex_num_date(const struct kb_doc *doc, size_t i, bool day_first, int *y,
                        int *m, int *d);

/* ---- calendar values (timex_value.c) ---- */

/* Granularity of a DATE/TIME value; coarser ones are smaller. */
enum tgran {
    TG_NONE,
    TG_CENTURY,
    TG_DECADE,
    TG_YEAR,
    TG_HALF,
    TG_QUARTER,
    TG_SEASON,
    TG_MONTH,
    TG_WEEK,
    TG_WEEKEND,
    TG_DAY,
    TG_POD,
    TG_MINUTE,
};

#define TD_UNK (-32768) /* an unknown year: XXXX */

/*
 * A TIMEX3 DATE or TIME value.  y == TD_UNK leaves the year underspecified;
 * m, d, p == 0 leave month, day, part (quarter/half/season/week) as X.
 * A day with wd set and m == d == 0 is "XXXX-WXX-<wd>".
 */
struct tdate {
    int y;
    uint8_t g;   /* enum tgran */
    int8_t m, d; /* month 1..12, day 1..31, or 0 */
    int8_t p;    /* half 1..2, quarter 1..4, season 1..4, ISO week 1..53, or 0 */
    int8_t wd;   /* weekday 1..7 of an underspecified day, or 0 */
    int8_t pod;  /* enum tpod for TG_POD */
    int8_t hh, mi;
};

/* The value of a concrete calendar date at granularity g. */
struct tdate kbp_td_at(struct kb_date d, int g);
/* True if the value names a known period (year known, and its parts). */
bool kbp_td_known(const struct tdate *t);
/* First day of a known value (for arithmetic); false if not known. */
bool kbp_td_first_day(const struct tdate *t, struct kb_date *out);
/* Shift a known value by n units of unit u (enum tunit), keeping its
   granularity where the unit allows; false if not known. */
bool kbp_td_shift(struct tdate *t, int u, long n);
/* Coarsen a known value to granularity g (<= its own). */
void kbp_td_coarsen(struct tdate *t, int g);
/* Format as a TIMEX3 value into buf (>= 32 bytes). */
void kbp_td_format(const struct tdate *t, char *buf, size_t n);
/* The granularity that a unit names (TU_YEAR -> TG_YEAR ...). */
int kbp_unit_gran(int unit);
/* TIMEX3 duration letter(s) of a unit ("Y", "M", "DE" ...); *time when PT. */
const char *kbp_unit_letter(int unit, bool *time);

/* ---- the scan context (timex.c) ---- */

enum tense { TENSE_NONE, TENSE_PAST, TENSE_PRESENT, TENSE_FUTURE };

struct tx {
    const struct kb_doc *doc;
    const struct tw *w; /* classification of every token (owned by the driver) */
    size_t sb, se;      /* the current sentence's token range */
    bool has_dct;       /* the document has a creation time */
    struct kb_date dct;
    bool day_first;    /* 03/04/2022 is 3 April */
    bool has_ref;      /* a date was mentioned: the narrative reference */
    struct tdate ref;  /* last known DATE/TIME value mentioned */
    bool ref_explicit; /* ref names its own year (not computed from the DCT) */
    size_t ref_sent;   /* the sentence that named ref */
    size_t sent;       /* the current sentence */
    bool headline;     /* it is a headline: no closing stop, a line break after */
    bool has_qfocus;   /* a quarter was mentioned: the quarter under discussion */
    struct tdate qfocus;
    bool has_day;         /* the last expression named a day of a known month */
    struct tdate day;     /* that day ("April 24 [and 25]") */
    size_t day_end;       /* the token after it */
    int sent_year;        /* year named explicitly earlier in this sentence, or 0 */
    size_t sent_year_end; /* token after the expression that named it */
    bool sent_year_lead;  /* that expression opens the sentence ("In 1995, ...") */
};

/* What a recogniser found: a DATE/TIME value in d, or a literal value. */
struct found {
    uint8_t type;   /* enum kb_timex_type */
    uint8_t mod;    /* enum tmod */
    bool is_date;   /* the value is d; otherwise lit */
    bool anchored;  /* the value depends on the DCT */
    bool explicit_; /* the text names the year itself */
    bool focus;     /* names a quarter: becomes the quarter focus */
    bool compare;   /* a period compared with the focus ("a year earlier"):
                       moves no anchor */
    uint8_t day2;   /* "March 3-5": the second day, written in the token
                       range_tok after a hyphen; the driver makes it a
                       second expression (0: none) */
    uint32_t range_tok;
    struct tdate d;
    char lit[32]; /* DURATION, SET and REF values */
};

/* ---- tense (timex_tense.c) ---- */

/* Tense of the clause around the tokens [a, b) of the current sentence:
   TENSE_FUTURE also for a present that schedules ("meets Monday"). */
int kbp_tense(const struct tx *c, size_t a, size_t b);

/* ---- resolution (timex_anchor.c) ---- */
/*
 * The day a weekday names.  how: 0 by tense (past: latest on or before the
 * DCT; future: next after it; otherwise the nearer), -1 the latest strictly
 * before the DCT ("last Friday"), 1 the next strictly after ("next Friday"),
 * 2 in the DCT's week ("this Friday").  Without a DCT: XXXX-WXX-wd.
 */
struct tdate kbp_weekday(const struct tx *c, int wd, int how, int tense);
/* The year named earlier in the same clause as token a ("In 1995, troops
   arrived in June"), or 0. */
int kbp_clause_year(const struct tx *c, size_t a);
/* Year of a month (and day, 0 if none) named without one at token a: the
   year named earlier in the clause, else from the DCT and tense; TD_UNK
   without either. */
int kbp_year_for_month(const struct tx *c, size_t a, int m, int d, int how, int tense);
/* Year of a season / quarter / half named without one (part p of granularity g). */
int kbp_year_for_part(const struct tx *c, size_t a, int g, int p, int how, int tense);
/* Date of a holiday in year y; false if it has none. */
bool kbp_holiday(int h, int y, struct kb_date *out);
/* Month and day of a fixed holiday (false for movable ones). */
bool kbp_holiday_fixed(int h, int *m, int *d);

/* ---- token tests and result builders shared by the recognisers ---- */

/* ---- token tests ---- */

static inline bool is_cls(const struct tx *c, size_t j, int cls)
{
    return j < c->se && c->w[j].cls == cls;
}

static inline bool is_fw(const struct tx *c, size_t j, int v)
{
    return j < c->se && c->w[j].cls == TW_FUNC && c->w[j].val == v;
}

static inline bool is_det(const struct tx *c, size_t j, int v)
{
    return j < c->se && c->w[j].cls == TW_DET && c->w[j].val == v;
}

static inline bool is_num(const struct tx *c, size_t j, int kind)
{
    return j < c->se && c->w[j].cls == TW_NUM && c->w[j].sub == kind;
}

static inline unsigned tokf(const struct tx *c, size_t j)
{
    return c->doc->toks.v[j].flags;
}

/* No whitespace before token j (as in "third-quarter", "'80s"). */
static inline bool glued(const struct tx *c, size_t j)
{
    return j < c->se && !(tokf(c, j) & KB_TF_SPACE);
}

/* Token j of the sentence is the folded word w. */
static inline bool is_word(const struct tx *c, size_t j, const char *w)
{
    return j < c->se && kb_tok_is(c->doc, j, w);
}

static inline bool cap(const struct tx *c, size_t j)
{
    return j < c->se && (tokf(c, j) & KB_TF_CAP);
}

/* A unit token at j (singular or plural as asked: -1 either). */
static inline int unit_at(const struct tx *c, size_t j, int plural)
{
    if (!is_cls(c, j, TW_UNIT))
        return 0;
    bool pl = c->w[j].flags & TWF_PLURAL;
    if (plural >= 0 && pl != (plural != 0))
        return 0;
    return c->w[j].val;
}

/* A four-digit year token at j (1000..2999), or 0. */
static inline int year_tok(const struct tx *c, size_t j)
{
    if (!is_num(c, j, NK_INT) || c->w[j].ndig != 4)
        return 0;
    int y = c->w[j].val;
    return y >= 1000 && y <= 2999 ? y : 0;
}

/* A day of the month at j: 15, 15th, fifteenth; or 0. */
static inline int mday_tok(const struct tx *c, size_t j)
{
    if (j >= c->se)
        return 0;
    const struct tw *t = &c->w[j];
    int v = 0;
    if (t->cls == TW_NUM && (t->sub == NK_INT || t->sub == NK_ORD) && t->ndig <= 2)
        v = t->val;
    else if (t->cls == TW_ORD)
        v = t->val;
    return v >= 1 && v <= 31 ? v : 0;
}

/* ---- building results ---- */

static inline struct tdate td_unknown(int g)
{
    struct tdate t;
    memset(&t, 0, sizeof t);
    t.y = TD_UNK;
    t.g = (uint8_t)g;
    return t;
}

static inline void f_date(struct found *f, int type, struct tdate d)
{
    f->type = (uint8_t)type;
    f->is_date = true;
    f->d = d;
}

static inline void f_lit(struct found *f, int type, const char *s)
{
    f->type = (uint8_t)type;
    f->is_date = false;
    snprintf(f->lit, sizeof f->lit, "%s", s);
}

static inline void f_ref(struct found *f, int ref)
{
    f_lit(f, KB_TIMEX_DATE,
          ref == TR_PRESENT ? "PRESENT_REF"
          : ref == TR_PAST  ? "PAST_REF"
                            : "FUTURE_REF");
}

/* Shift t by n units when it is known; otherwise leave it (underspecified). */
static inline void tx_shift(struct tdate *t, int unit, long n)
{
    if (kbp_td_known(t))
        kbp_td_shift(t, unit, n);
}

/* ---- timex_anchor.c: reference values ---- */

/* The DCT at granularity g; unknown (XXXX...) without a DCT. */
struct tdate kbp_dct_at(const struct tx *c, int g, struct found *f);
/*
 * The narrative reference at granularity g: the last date mentioned,
 * coarsened; if it is coarser than g, its known parts with the rest left X;
 * without one, the DCT.
 */
struct tdate kbp_ref_at(const struct tx *c, int g, struct found *f);
/* The quarter under discussion, or the last completed one before the DCT. */
struct tdate kbp_focus_quarter(const struct tx *c, struct found *f);
/* The value a year before the period under discussion. */
struct tdate kbp_year_before_focus(const struct tx *c, struct found *f);

/*
 * Recognisers (kbp_r_*): each reads the tokens of the current sentence from
 * token i and returns how many it takes as one expression, 0 if none; on a
 * match *f holds type, value and mod (f starts zeroed).  They only read the
 * context.
 */

/* ---- timex_calendar.c ---- */

/* 2022-03-15, 03/15/2022, 15.03.2022 */
size_t kbp_r_numdate(const struct tx *c, size_t i, struct found *f);
/* A year after a month or day: [","] 1998.  Returns tokens used. */
size_t kbp_year_after(const struct tx *c, size_t j, int *y);
/*
 * A part of the day after a named day ("Friday night", "yesterday
 * morning") joins the expression; the value stays the day, as TempEval-3's
 * annotation has it (TimeBank's older TIME "...TNI" form is the minority).
 */
size_t kbp_add_pod(const struct tx *c, size_t j, struct found *f);
/* Resolve month m (day d, 0 if none) without a year named. */
struct tdate kbp_month_value(const struct tx *c, size_t a, size_t b, int m, int d,
                             int how, struct found *f);
/* Weekday at j, checked: capitalised; abbreviations only before a date. */
int kbp_weekday_at(const struct tx *c, size_t j);
/*
 * Dates that name a day, a month or a weekday:
 *   [Weekday [,]] Month Day [[,] Year] [part of day]
 *   Month [of|,] Year ; Month (this|last|next) year ; Month
 *   Weekday [part of day] ; Weekdays (a set)
 */
size_t kbp_r_calendar(const struct tx *c, size_t i, struct found *f);
/* today, yesterday, tomorrow, tonight, overnight [morning|night ...] */
size_t kbp_r_dayref(const struct tx *c, size_t i, struct found *f);
/* The second day of a pair or range after a date: "April 24 and [25]",
   "March 3 to [5]", "May 5 or [6]". */
size_t kbp_r_day_pair(const struct tx *c, size_t i, struct found *f);
/* Christmas, Thanksgiving Day, New Year's Eve, Election Day, Easter ... [Year] */
size_t kbp_r_holiday(const struct tx *c, size_t i, struct found *f, int how);
/* Times of day: 3 p.m., 10:35 a.m. EST [Friday], noon Thursday, 4 in the morning. */
size_t kbp_r_time(const struct tx *c, size_t i, struct found *f);

/* ---- timex_years.c ---- */

/* 1998, the 1980s' digits (1980s, 80s), the 1990's. */
size_t kbp_r_year(const struct tx *c, size_t i, struct found *f);
/* nineteen ninety-six, two thousand (and) one: years in words */
size_t kbp_r_year_words(const struct tx *c, size_t i, struct found *f);
/* 20th century, eleventh century */
size_t kbp_r_century(const struct tx *c, size_t i, struct found *f);
/* nineties, nineteen-eighties */
size_t kbp_r_decade_word(const struct tx *c, size_t i, struct found *f);
/* '80s, '98 */
size_t kbp_r_apostrophe(const struct tx *c, size_t i, struct found *f);
/* pre-1990, post-1959 */
size_t kbp_r_prepost(const struct tx *c, size_t i, struct found *f);
/* fiscal 1989, fiscal year 1990, fiscal second-quarter */
size_t kbp_r_fiscal(const struct tx *c, size_t i, struct found *f);

/* ---- timex_periods.c ---- */

/*
 * An ordinal period: "third quarter", "third-quarter", "first half",
 * "fiscal second-quarter", "fourth quarter of 1990", "second half of next
 * year".  `year` (0 if none) is a year named before ("the 1988 second
 * quarter", "this year's third quarter").
 */
size_t kbp_ord_period(const struct tx *c, size_t i, struct found *f, int year);
/*
 * "<det> ..." where det is this, last, next, past, coming, following, same,
 * that, latest, recent, current: periods, named times, and durations
 * ("the past three months").  `the`: "the" stood before det.
 */
size_t kbp_r_det(const struct tx *c, size_t i, struct found *f, bool the);
/*
 * "the ..." periods of the narrative and of reports: the year, the quarter,
 * the weekend, the 1980s, the 20th century, the year-ago quarter, the 1988
 * period, the first nine months, the future, the year 2000.
 */
size_t kbp_r_the(const struct tx *c, size_t i, struct found *f);
/* third-quarter, fourth quarter, first half (without "the") */
size_t kbp_r_ordinal(const struct tx *c, size_t i, struct found *f);
/* Q3, 3Q, H1 [2013 | FY2013], FY2013: the labels of financial reports */
size_t kbp_r_fperiod(const struct tx *c, size_t i, struct found *f);
/* year-earlier, year-ago (as adjectives): the period a year before */
size_t kbp_r_year_ago(const struct tx *c, size_t i, struct found *f);
/* year-end, year end, year's end */
size_t kbp_r_year_end(const struct tx *c, size_t i, struct found *f);
/* A season without a determiner: summer of 1994, winter 1995, the summer */
size_t kbp_r_season(const struct tx *c, size_t i, struct found *f);

/* ---- timex_counts.c ---- */

/* English number words from j: "twenty four", "twenty-four", "two hundred". */
size_t kbp_card_words(const struct tx *c, size_t j, long *out);
/* A TIMEX3 duration value: P3Y, PT2H, PXD, P2Y6M, PT1M30S. */
void kbp_dur_value(char *buf, size_t n, long num, int half, int unit);
/* Durations and offsets from a count: three years, a few days ago, a year
   earlier, two weeks from now, 2 1/2 hours, a two-year (term). */
size_t kbp_r_count(const struct tx *c, size_t i, struct found *f);
/* Bare plural units that are durations in context: "for years", "within weeks",
   "months of talks", "decades-long", "hours later". */
size_t kbp_r_bare_units(const struct tx *c, size_t i, struct found *f);
/* Sets: every Monday, each year, every other week, daily, twice a week. */
size_t kbp_r_set(const struct tx *c, size_t i, struct found *f);
/* now, currently, recently, soon, lately, nowadays */
size_t kbp_r_refword(const struct tx *c, size_t i, struct found *f);
/* future quarters, future years */
size_t kbp_r_future(const struct tx *c, size_t i, struct found *f);

/* ---- recognisers (timex_rules.c) ---- */

/* Longest temporal expression starting at token i of the current sentence:
   returns its token count (0: none) and fills *f. */
size_t kbp_timex_match(const struct tx *c, size_t i, struct found *f);
/* Can a token of this class start an expression (or a modifier of one)? */
static inline bool kbp_timex_can_start(const struct tw *t)
{
    switch (t->cls) {
    case TW_NONE:
    case TW_VERB:
    case TW_AMPM:
    case TW_TZ:
    case TW_POD:
        return false;
    case TW_FUNC:
        switch (t->val) {
        case FW_THE:
        case FW_A:
        case FW_FISCAL:
        case FW_APOS:
        case FW_PRE:
        case FW_POST:
        case FW_FUTURE:
        case FW_ONCE:
        case FW_TWICE:
        case FW_MORE:
        case FW_LESS:
        case FW_NO:
        case FW_AT:
        case FW_UP:
        case FW_END:
        case FW_BEGINNING:
        case FW_START:
        case FW_MIDDLE:
        case FW_ITS:
            return true;
        default:
            return false;
        }
    default:
        return true;
    }
}

#endif
