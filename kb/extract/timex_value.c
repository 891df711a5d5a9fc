/*
 * timex_value.c -- TIMEX3 DATE/TIME values as calendar objects: build them
 * from a date at a granularity, shift them by units, coarsen them, write
 * them in TimeML form (2022, 2022-03, 2022-W11, 2022-Q1, 2022-SU, 198, 19,
 * 2022-03-15T15:00, XXXX-WXX-2 ...), and read them back as the span of days
 * they cover (kb_timex_value_span, used by events, the store and timelines).
 *
 * Stage: extract, a helper of timex.c; no state.
 */
#include "timex.h"

#include <stdio.h>
#include <string.h>

static const char *const season_code[5] = {"", "SP", "SU", "FA", "WI"};
static const char *const pod_code[6] = {"", "MO", "AF", "EV", "NI", "DT"};

/* Season of a month: spring 3-5, summer 6-8, fall 9-11, winter 12-2. */
static int season_of(int m)
{
    return m >= 3 && m <= 5 ? 1 : m >= 6 && m <= 8 ? 2 : m >= 9 && m <= 11 ? 3 : 4;
}

struct tdate kbp_td_at(struct kb_date d, int g)
{
    struct tdate t;
    memset(&t, 0, sizeof t);
    t.g = (uint8_t)g;
    t.y = d.y;
    switch (g) {
    case TG_HALF:
        t.p = (int8_t)((d.m - 1) / 6 + 1);
        break;
    case TG_QUARTER:
        t.p = (int8_t)((d.m - 1) / 3 + 1);
        break;
    case TG_SEASON:
        t.p = (int8_t)season_of(d.m);
        if (d.m <= 2)
            t.y = d.y - 1; /* January is in the winter that began in December */
        break;
    case TG_MONTH:
        t.m = (int8_t)d.m;
        break;
    case TG_WEEK:
    case TG_WEEKEND: {
        int wy, wk;
        kb_date_isoweek(d, &wy, &wk);
        t.y = wy;
        t.p = (int8_t)wk;
        break;
    }
    case TG_DAY:
    case TG_POD:
    case TG_MINUTE:
        t.m = (int8_t)d.m;
        t.d = (int8_t)d.d;
        break;
    default:
        break;
    }
    return t;
}

bool kbp_td_known(const struct tdate *t)
{
    if (t->y == TD_UNK || t->g == TG_NONE)
        return false;
    switch (t->g) {
    case TG_HALF:
    case TG_QUARTER:
    case TG_SEASON:
    case TG_WEEK:
    case TG_WEEKEND:
        return t->p > 0;
    case TG_MONTH:
        return t->m > 0;
    case TG_DAY:
    case TG_POD:
    case TG_MINUTE:
        return t->m > 0 && t->d > 0;
    default:
        return true;
    }
}

static struct kb_date ymd(int y, int m, int d)
{
    struct kb_date r = {y, m, d};
    return r;
}

/* Monday of ISO week w of week-year y. */
static struct kb_date iso_monday(int y, int w)
{
    struct kb_date jan4 = ymd(y, 1, 4);
    struct kb_date mon1 = kb_date_add_days(jan4, 1 - kb_date_weekday(jan4));
    return kb_date_add_days(mon1, 7L * (w - 1));
}

bool kbp_td_first_day(const struct tdate *t, struct kb_date *out)
{
    if (!kbp_td_known(t))
        return false;
    int y = t->y;
    switch (t->g) {
    case TG_CENTURY:
        *out = ymd(y >= 100 ? y / 100 * 100 : 1, 1, 1);
        break;
    case TG_DECADE:
        *out = ymd(y >= 10 ? y / 10 * 10 : 1, 1, 1);
        break;
    case TG_YEAR:
        *out = ymd(y, 1, 1);
        break;
    case TG_HALF:
        *out = ymd(y, (t->p - 1) * 6 + 1, 1);
        break;
    case TG_QUARTER:
        *out = ymd(y, (t->p - 1) * 3 + 1, 1);
        break;
    case TG_SEASON:
        *out = ymd(y, t->p * 3, 1);
        break;
    case TG_MONTH:
        *out = ymd(y, t->m, 1);
        break;
    case TG_WEEK:
        *out = iso_monday(y, t->p);
        break;
    case TG_WEEKEND:
        *out = kb_date_add_days(iso_monday(y, t->p), 5);
        break;
    default:
        if (!kb_date_valid(y, t->m, t->d))
            return false;
        *out = ymd(y, t->m, t->d);
        break;
    }
    return true;
}

bool kbp_td_shift(struct tdate *t, int u, long n)
{
    struct kb_date d;
    if (!kbp_td_first_day(t, &d))
        return false;
    long days = 0, months = 0;
    switch (u) {
    case TU_DAY:
    case TU_NIGHT:
        days = n;
        break;
    case TU_WEEKEND:
    case TU_WEEK:
        days = 7 * n;
        break;
    case TU_FORTNIGHT:
        days = 14 * n;
        break;
    case TU_MONTH:
        months = n;
        break;
    case TU_QUARTER:
    case TU_SEASON:
        months = 3 * n;
        break;
    case TU_HALF:
        months = 6 * n;
        break;
    case TU_YEAR:
        months = 12 * n;
        break;
    case TU_DECADE:
        months = 120 * n;
        break;
    case TU_CENTURY:
        months = 1200 * n;
        break;
    default:
        return false;
    }
    if (t->g == TG_SEASON && t->p == 4 && months == 0)
        return false; /* a winter moved by days has no clear season */
    d = months ? kb_date_add_months(d, (int)months) : kb_date_add_days(d, days);
    if (d.y < 1 || d.y > 9999)
        return false;
    struct tdate r = kbp_td_at(d, t->g);
    if (t->g == TG_SEASON) { /* the first day of a winter is in December */
        r.y = d.y;
        r.p = t->p;
    }
    r.pod = t->pod;
    r.hh = t->hh;
    r.mi = t->mi;
    *t = r;
    return true;
}

void kbp_td_coarsen(struct tdate *t, int g)
{
    struct kb_date d;
    if (g >= t->g || !kbp_td_first_day(t, &d))
        return;
    *t = kbp_td_at(d, g);
}

int kbp_unit_gran(int unit)
{
    switch (unit) {
    case TU_MINUTE:
    case TU_SECOND:
        return TG_MINUTE;
    case TU_HOUR:
        return TG_MINUTE;
    case TU_DAY:
    case TU_NIGHT:
        return TG_DAY;
    case TU_WEEKEND:
        return TG_WEEKEND;
    case TU_WEEK:
    case TU_FORTNIGHT:
        return TG_WEEK;
    case TU_MONTH:
        return TG_MONTH;
    case TU_QUARTER:
        return TG_QUARTER;
    case TU_HALF:
        return TG_HALF;
    case TU_SEASON:
        return TG_SEASON;
    case TU_YEAR:
        return TG_YEAR;
    case TU_DECADE:
        return TG_DECADE;
    default:
        return TG_CENTURY;
    }
}

const char *kbp_unit_letter(int unit, bool *time)
{
    *time = unit == TU_SECOND || unit == TU_MINUTE || unit == TU_HOUR;
    switch (unit) {
    case TU_SECOND:
        return "S";
    case TU_MINUTE:
        return "M";
    case TU_HOUR:
        return "H";
    case TU_DAY:
    case TU_NIGHT:
        return "D";
    case TU_WEEKEND:
        return "WE";
    case TU_WEEK:
        return "W";
    case TU_MONTH:
        return "M";
    case TU_QUARTER:
        return "Q";
    case TU_HALF:
        return "H";
    case TU_SEASON:
        return "S";
    case TU_YEAR:
        return "Y";
    case TU_DECADE:
        return "DE";
    case TU_CENTURY:
        return "CE";
    default:
        return "ML";
    }
}

/* Write the w digits of v (0 <= v < 10^w) at b, NUL-terminated, as
   snprintf "%0*d" does (it is called for every value: no snprintf). */
static int put_digits(char *b, int w, int v)
{
    for (int k = w - 1; k >= 0; k--, v /= 10)
        b[k] = (char)('0' + v % 10);
    b[w] = '\0';
    return w;
}

/* Write "YYYY" or "XXXX" at b. */
static int put_year(char *b, size_t n, int y)
{
    if (y == TD_UNK)
        return snprintf(b, n, "XXXX");
    if (y >= 0 && y <= 9999 && n > 4)
        return put_digits(b, 4, y);
    return snprintf(b, n, "%04d", y);
}

static int put2(char *b, size_t n, int v)
{
    if (!v)
        return snprintf(b, n, "XX");
    if (v > 0 && v <= 99 && n > 2)
        return put_digits(b, 2, v);
    return snprintf(b, n, "%02d", v);
}

void kbp_td_format(const struct tdate *t, char *buf, size_t n)
{
    int k = 0;
    buf[0] = '\0';
    switch (t->g) {
    case TG_CENTURY:
        if (t->y == TD_UNK)
            snprintf(buf, n, "XX");
        else
            snprintf(buf, n, "%02d", t->y / 100);
        return;
    case TG_DECADE:
        if (t->y == TD_UNK)
            snprintf(buf, n, "XXX");
        else
            snprintf(buf, n, "%03d", t->y / 10);
        return;
    case TG_YEAR:
        put_year(buf, n, t->y);
        return;
    case TG_HALF:
    case TG_QUARTER:
        k = put_year(buf, n, t->y);
        if (t->p)
            snprintf(buf + k, n - (size_t)k, "-%c%d", t->g == TG_HALF ? 'H' : 'Q', t->p);
        else
            snprintf(buf + k, n - (size_t)k, "-%cX", t->g == TG_HALF ? 'H' : 'Q');
        return;
    case TG_SEASON:
        k = put_year(buf, n, t->y);
        snprintf(buf + k, n - (size_t)k, "-%s", t->p ? season_code[t->p] : "XX");
        return;
    case TG_MONTH:
        k = put_year(buf, n, t->y);
        buf[k++] = '-';
        put2(buf + k, n - (size_t)k, t->m);
        return;
    case TG_WEEK:
    case TG_WEEKEND:
        k = put_year(buf, n, t->y);
        k += snprintf(buf + k, n - (size_t)k, "-W");
        k += put2(buf + k, n - (size_t)k, t->p);
        if (t->g == TG_WEEKEND)
            snprintf(buf + k, n - (size_t)k, "-WE");
        return;
    default:
        break;
    }
    /* day and finer */
    k = put_year(buf, n, t->y);
    if (t->wd && !t->m && !t->d) {
        k += snprintf(buf + k, n - (size_t)k, "-WXX-%d", t->wd);
    } else {
        buf[k++] = '-';
        k += put2(buf + k, n - (size_t)k, t->m);
        buf[k++] = '-';
        k += put2(buf + k, n - (size_t)k, t->d);
    }
    if (t->g == TG_POD && t->pod > 0 && t->pod < 6)
        snprintf(buf + k, n - (size_t)k, "T%s", pod_code[t->pod]);
    else if (t->g == TG_MINUTE)
        snprintf(buf + k, n - (size_t)k, "T%02d:%02d", t->hh, t->mi);
}

/* ---- reading values back ---- */

static int digits(const char *s, int n)
{
    int v = 0;
    for (int k = 0; k < n; k++) {
        if (s[k] < '0' || s[k] > '9')
            return -1;
        v = v * 10 + (s[k] - '0');
    }
    return v;
}

/* Parse a known DATE value (the forms kbp_td_format writes with a year). */
static bool td_parse(const char *v, struct tdate *t)
{
    memset(t, 0, sizeof *t);
    size_t n = strlen(v);
    int y;
    if (n == 2 && (y = digits(v, 2)) >= 0) {
        t->g = TG_CENTURY;
        t->y = y * 100;
        return true;
    }
    if (n == 3 && (y = digits(v, 3)) >= 0) {
        t->g = TG_DECADE;
        t->y = y * 10;
        return true;
    }
    if (n < 4 || (y = digits(v, 4)) < 1)
        return false;
    t->y = y;
    if (n == 4 || v[4] == 'T') {
        t->g = TG_YEAR;
        return true;
    }
    if (v[4] != '-' || n < 7)
        return false;
    const char *r = v + 5;
    int a;
    if ((r[0] == 'Q' || r[0] == 'H') && (a = digits(r + 1, 1)) > 0 && r[2] == '\0') {
        t->g = r[0] == 'Q' ? TG_QUARTER : TG_HALF;
        t->p = (int8_t)a;
        return a <= (r[0] == 'Q' ? 4 : 2);
    }
    for (int s = 1; s <= 4; s++) /* two letters and the end: strcmp(r, season_code[s]) */
        if (r[0] == season_code[s][0] && r[1] == season_code[s][1] && r[2] == '\0') {
            t->g = TG_SEASON;
            t->p = (int8_t)s;
            return true;
        }
    if (r[0] == 'W' && (a = digits(r + 1, 2)) >= 1 && a <= 53) {
        t->p = (int8_t)a;
        t->g = r[3] == '\0' ? TG_WEEK : strcmp(r + 3, "-WE") == 0 ? TG_WEEKEND : TG_NONE;
        return t->g != TG_NONE;
    }
    if ((a = digits(r, 2)) < 1 || a > 12)
        return false;
    t->m = (int8_t)a;
    if (r[2] == '\0' || r[2] == 'T') {
        t->g = TG_MONTH;
        return true;
    }
    if (r[2] != '-' || (a = digits(r + 3, 2)) < 1 || !kb_date_valid(y, t->m, a))
        return false;
    t->d = (int8_t)a;
    t->g = TG_DAY;
    return r[5] == '\0' || r[5] == 'T';
}

/* Is valid date a after valid date b?  (kb_date_to_days(a) > kb_date_to_days(b)) */
static bool date_after(struct kb_date a, struct kb_date b)
{
    return a.y != b.y ? a.y > b.y : a.m != b.m ? a.m > b.m : a.d > b.d;
}

bool kb_timex_value_span(const char *v, const struct kb_date *dct, struct kb_date *first,
                         struct kb_date *last, int *precision)
{
    if (!v || !*v)
        return false;
    if (v[0] == 'P' && strcmp(v, "PRESENT_REF") == 0) {
        if (!dct)
            return false;
        *first = *last = *dct;
        *precision = KB_PREC_DAY;
        return true;
    }
    struct tdate t;
    struct kb_date f;
    if (!td_parse(v, &t) || !kbp_td_first_day(&t, &f))
        return false;
    struct kb_date l = f;
    int prec;
    switch (t.g) {
    case TG_CENTURY:
        l = ymd(t.y + 99, 12, 31);
        prec = KB_PREC_CENTURY;
        break;
    case TG_DECADE:
        l = ymd(t.y + 9, 12, 31);
        prec = KB_PREC_DECADE;
        break;
    case TG_YEAR:
        l = ymd(t.y, 12, 31);
        prec = KB_PREC_YEAR;
        break;
    case TG_HALF:
    case TG_QUARTER:
    case TG_SEASON:
        l = kb_date_add_days(kb_date_add_months(f, t.g == TG_HALF ? 6 : 3), -1);
        prec = KB_PREC_QUARTER;
        break;
    case TG_MONTH:
        l = ymd(t.y, t.m, kb_days_in_month(t.y, t.m));
        prec = KB_PREC_MONTH;
        break;
    case TG_WEEK:
        l = kb_date_add_days(f, 6);
        prec = KB_PREC_WEEK;
        break;
    case TG_WEEKEND:
        l = kb_date_add_days(f, 1);
        prec = KB_PREC_WEEK;
        break;
    default:
        prec = KB_PREC_DAY;
        break;
    }
    /* only real days of years 1..9999: 9999-W52 or the winter of 9999 would
       end in year 10000, the century 00 start in year 0 */
    if (!kb_date_valid(f.y, f.m, f.d) || !kb_date_valid(l.y, l.m, l.d) || date_after(f, l))
        return false;
    *first = f;
    *last = l;
    *precision = prec;
    return true;
}
