/*
 * test_gazetteer.c -- the gazetteer tables: loading TSV, compiling and
 * reading a table, lookups, prefix probing, divisions and countries, which
 * names are notable, and the built-in table.
 *
 * Test plan:
 *   gaz-1.x  TSV load: places, names and alternates keyed like text (accents,
 *            case), duplicates once, countries and divisions indexed
 *   gaz-2.x  bad TSV: too few fields, bad coordinates (line number reported)
 *   gaz-3.x  compiled table: written and read back gives the same answers;
 *            bad magic, truncation and misalignment refused
 *   gaz-4.x  matching over tokens: longest name, prefix probing through
 *            multi-word names, notable names only ("East", a minor alternate)
 *   gaz-5.x  the built-in table: size, a capital, a country, a division, a
 *            listed place, a current romanisation (Kyiv, Zaporizhzhia); a short
 *            name folded out of its accents is no place name ("God", Göd); the
 *            index of keys by their first two bytes
 *   gaz-6.x  phrase keys without tokenizing: for every name of the built-in
 *            table, and for every pair of printable ASCII characters around a
 *            word, and for odd Unicode (spaces, joiners, ligatures, marks,
 *            invalid bytes), kb_phrase_key gives the key that tokenizing gives
 *   gaz-7.x  what is precomputed per place (struct kb_gaz_extra) is what would
 *            be computed: the own name's key, the division, the prior and the
 *            point, bit for bit, in the fixture, its compiled table and a
 *            sample of the built-in table; kb_gazetteer_lower_bound (which
 *            compares the keys' first 8 bytes as integers) agrees with a plain
 *            binary search, for keys and for strings around them
 */
#include "extract/gazetteer.h"
#include "extract/lexicon.h"
#include "geo/geo.h"
#include "helpers.h"

#include <math.h>
#include <stdlib.h>
#include <unistd.h>

static const char tsv[] =
    "# id\tname\talternates\tlat\tlon\tclass.code\tcountry\tadmin1\tpopulation\n"
    "1\tLiège\tLiege|Luik\t50.63\t5.57\tP.PPLA\tBE\tWAL\t195000\n"
    "2\tNew York City\tNew York|NYC\t40.71\t-74.0\tP.PPL\tUS\tNY\t8800000\n"
    "3\tNew York\t\t42.9\t-75.5\tA.ADM1\tUS\tNY\t19000000\n"
    "4\tEast\t\t4.0\t13.5\tA.ADM1\tCM\t04\t800000\n"
    "5\tSmallville\tEast End\t40.0\t-90.0\tP.PPL\tUS\tIL\t2000\n"
    "6\tUnited States\tU.S.|America\t39.5\t-99.1\tA.PCLI\tUS\t00\t330000000\n"
    "7\tNew\t\t10.0\t10.0\tP.PPL\tNG\t01\t20000\n"
    "8\tLiège\tLiege\t50.6\t5.5\tA.ADM1\tBE\tWAL\t1100000\n"
    "1000000001\tBlack Sea\t\t43.0\t35.0\tH.SEA\t\t\t0\tL\n";

static struct kb_gazetteer *load(const char *text)
{
    struct kb_gazetteer *g = NULL;
    struct kb_error err;
    int rc = kb_gazetteer_load_tsv(&g, text, strlen(text), "test.tsv", &err);
    T_OK(rc == KB_OK, "gaz: loading the fixture: %s", err.msg);
    return g;
}

/* Names (comma-joined) of the places a phrase key gives. */
static const char *names_of(const struct kb_gazetteer *g, const char *phrase)
{
    static char out[512];
    struct kb_buf key;
    kb_buf_init(&key);
    kb_phrase_key(phrase, strlen(phrase), &key);
    size_t n;
    const uint32_t *v = kb_gazetteer_lookup(g, key.data, key.len, &n);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strncat(out, ",", sizeof out - strlen(out) - 1);
        strncat(out, g->places.v[v[i]].name, sizeof out - strlen(out) - 1);
    }
    kb_buf_release(&key);
    return out;
}

static void answers(const struct kb_gazetteer *g, const char *id)
{
    char what[64];
    snprintf(what, sizeof what, "%s liege", id);
    T_STR(names_of(g, "LIEGE"), "Liège,Liège", what);
    snprintf(what, sizeof what, "%s luik", id);
    T_STR(names_of(g, "Luik"), "Liège", what);
    snprintf(what, sizeof what, "%s new york", id);
    T_STR(names_of(g, "New York"), "New York City,New York", what);
    snprintf(what, sizeof what, "%s unknown", id);
    T_STR(names_of(g, "Atlantis"), "", what);
    const struct kb_gaz_place *c = kb_gazetteer_country(g, "US");
    T_OK(c && strcmp(c->name, "United States") == 0, "%s country US", id);
    T_OK(kb_gazetteer_country(g, "FR") == NULL, "%s no country FR", id);
    T_OK(kb_gazetteer_country(g, "u") == NULL, "%s bad code", id);
    const struct kb_gaz_place *a = kb_gazetteer_admin1(g, "US", "NY");
    T_OK(a && strcmp(a->name, "New York") == 0 && a->fclass == 'A', "%s division US.NY", id);
    T_OK(kb_gazetteer_admin1(g, "US", "TX") == NULL, "%s no division US.TX", id);
    T_OK(kb_gazetteer_admin1(g, "US", "00") == NULL, "%s 00 is no division", id);
}

static void test_tsv(void)
{
    struct kb_gazetteer *g = load(tsv);
    T_INT(g->places.n, 9, "gaz-1.1 places");
    answers(g, "gaz-1.2");
    /* keys sorted and unique */
    bool ok = true;
    for (size_t i = 1; i < g->nkeys; i++)
        ok &= kb_gaz_keycmp(g->strings + g->keys[i - 1].off, g->keys[i - 1].len,
                            g->strings + g->keys[i].off, g->keys[i].len) < 0;
    T_OK(ok, "gaz-1.3 keys sorted and unique");
    T_STR(names_of(g, "Black Sea"), "Black Sea", "gaz-1.4 listed place");
    T_OK(g->places.v[8].flags & KB_GAZ_LISTED, "gaz-1.5 listed flag read");
    kb_gazetteer_free(g);
    kb_gazetteer_free(NULL);
}

static void test_bad_tsv(void)
{
    struct kb_gazetteer *g = NULL;
    struct kb_error err;
    const char *few = "1\tX\t\t1\t2\tP.PPL\n";
    T_INT(kb_gazetteer_load_tsv(&g, few, strlen(few), "bad.tsv", &err), KB_EPARSE,
          "gaz-2.1 too few fields");
    T_INT(err.line, 1, "gaz-2.1 line");
    const char *coords = "# c\n1\tX\t\t91\t2\tP.PPL\tUS\t\t0\n";
    T_INT(kb_gazetteer_load_tsv(&g, coords, strlen(coords), "bad.tsv", &err), KB_EPARSE,
          "gaz-2.2 latitude out of range");
    T_INT(err.line, 2, "gaz-2.2 line");
    const char *junk = "1\tX\t\tnorth\t2\tP.PPL\tUS\t\t0\n";
    T_INT(kb_gazetteer_load_tsv(&g, junk, strlen(junk), "bad.tsv", &err), KB_EPARSE,
          "gaz-2.3 coordinates not numbers");
    T_OK(g == NULL, "gaz-2.4 nothing returned on error");
}

static void test_table(void)
{
    struct kb_gazetteer *g = load(tsv), *t = NULL;
    struct kb_error err;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    T_INT(kb_gazetteer_write_table(g, f, &err), KB_OK, "gaz-3.1 write");
    fclose(f);
    void *aligned = NULL;
    T_OK(posix_memalign(&aligned, 8, len + 8) == 0, "gaz-3.1 memory");
    memcpy(aligned, buf, len);
    T_INT(kb_gazetteer_from_table(&t, aligned, len, &err), KB_OK, "gaz-3.2 read back");
    if (t) {
        T_INT(t->places.n, g->places.n, "gaz-3.2 places");
        T_INT(t->nkeys, g->nkeys, "gaz-3.2 keys");
        answers(t, "gaz-3.3");
        T_OK(t->places.v[8].flags & KB_GAZ_LISTED, "gaz-3.3 flags kept");
        kb_gazetteer_free(t);
    }
    t = NULL;
    T_INT(kb_gazetteer_from_table(&t, aligned, len - 40, &err), KB_EPARSE, "gaz-3.4 truncated");
    T_INT(kb_gazetteer_from_table(&t, (char *)aligned + 1, len - 1, &err), KB_EPARSE,
          "gaz-3.5 misaligned");
    ((char *)aligned)[0] = 'X';
    T_INT(kb_gazetteer_from_table(&t, aligned, len, &err), KB_EPARSE, "gaz-3.6 bad magic");
    T_INT(kb_gazetteer_from_table(&t, aligned, 10, &err), KB_EPARSE, "gaz-3.7 too short");
    T_OK(t == NULL, "gaz-3.8 nothing returned on error");
    free(aligned);
    free(buf);
    kb_gazetteer_free(g);
}

/* Tokens matched at the first token of text, and the first place's name. */
static size_t match(const struct kb_gazetteer *g, const char *text, const char **first)
{
    struct kb_doc *d = kb_doc_new(text, strlen(text));
    kb_tokenize(d);
    struct kb_buf scratch;
    kb_buf_init(&scratch);
    const uint32_t *v;
    size_t n, len = kb_gazetteer_match(g, d, 0, d->toks.n, &scratch, &v, &n);
    *first = n ? g->places.v[v[0]].name : NULL;
    kb_buf_release(&scratch);
    kb_doc_free(d);
    return len;
}

static void test_match(void)
{
    struct kb_gazetteer *g = load(tsv);
    const char *first;
    T_INT(match(g, "New York City is big", &first), 3, "gaz-4.1 longest name");
    T_STR(first, "New York City", "gaz-4.1 place");
    T_INT(match(g, "New York is big", &first), 2, "gaz-4.2 through a prefix");
    T_INT(match(g, "New Delhi", &first), 1, "gaz-4.3 prefix then back to 'New'");
    T_INT(match(g, "East of here", &first), 0, "gaz-4.4 a generic word is not notable");
    T_INT(match(g, "East End", &first), 0, "gaz-4.5 a minor place's alternate is not notable");
    T_INT(match(g, "Smallville", &first), 0, "gaz-4.6 a small town is not notable");
    T_INT(match(g, "America", &first), 1, "gaz-4.7 a country's alternate is");
    T_INT(match(g, "Black Sea", &first), 2, "gaz-4.8 a listed place is");
    kb_gazetteer_free(g);
}

static void test_builtin(void)
{
    struct kb_gazetteer *g = NULL;
    struct kb_error err;
    T_INT(kb_gazetteer_builtin(&g, &err), KB_OK, "gaz-5.1 built-in loads");
    if (!g)
        return;
    T_OK(g->places.n > 100000 && g->nkeys > 200000, "gaz-5.1 size (%zu places, %zu keys)",
         g->places.n, g->nkeys);
    T_OK(strstr(names_of(g, "Kyiv"), "Kyiv") != NULL, "gaz-5.2 Kyiv");
    T_OK(strstr(names_of(g, "Kiev"), "Kyiv") != NULL, "gaz-5.2 Kiev is Kyiv");
    T_OK(strstr(names_of(g, "Zaporizhzhia"), "Zaporizhzhia") != NULL, "gaz-5.3 Zaporizhzhia");
    const struct kb_gaz_place *ua = kb_gazetteer_country(g, "UA");
    T_OK(ua && fabs(ua->lat - 49) < 1 && fabs(ua->lon - 32) < 1, "gaz-5.4 Ukraine's point");
    const struct kb_gaz_place *us = kb_gazetteer_country(g, "US");
    T_OK(us && kb_geo_distance_km(us->lat, us->lon, 39.83, -98.58) < 100,
         "gaz-5.5 the US at the centre of the contiguous states");
    const struct kb_gaz_place *tx = kb_gazetteer_admin1(g, "US", "TX");
    T_OK(tx && kb_geo_distance_km(tx->lat, tx->lon, 31.3, -99.3) < 100, "gaz-5.6 Texas");
    T_OK(strstr(names_of(g, "Chernobyl Exclusion Zone"), "Zone") != NULL, "gaz-5.7 listed zone");
    T_OK(strstr(names_of(g, "Ga."), "Georgia") != NULL, "gaz-5.8 AP abbreviation");
    const char *first;
    T_OK(strstr(names_of(g, "God"), "Göd") != NULL && match(g, "God bless", &first) == 0,
         "gaz-5.9 Göd is found as 'God' but 'God' is not read as a place");
    /* the bucket index: every key lies in the bucket of its first two bytes */
    size_t misplaced = 0;
    T_OK(g->bucket && g->bucket[0] == 0 && g->bucket[KB_GAZ_BUCKETS] == g->nkeys,
         "gaz-5.10 the bucket index spans the keys");
    for (size_t x = 0; g->bucket && x < KB_GAZ_BUCKETS; x++)
        for (size_t k = g->bucket[x]; k < g->bucket[x + 1]; k++) {
            const char *key = g->strings + g->keys[k].off;
            size_t len = g->keys[k].len;
            size_t want = len == 0 ? 0
                                   : (size_t)(unsigned char)key[0] << 8 |
                                         (len > 1 ? (unsigned char)key[1] : 0);
            misplaced += want != x;
        }
    T_INT(misplaced, 0, "gaz-5.10 keys in the bucket of their first two bytes");
    kb_gazetteer_free(g);
}

/* Does kb_phrase_key (fast paths) agree with tokenizing for s? */
static bool same_key(const char *s, struct kb_buf *a, struct kb_buf *b)
{
    kb_buf_reset(a);
    kb_buf_reset(b);
    int ra = kb_phrase_key(s, strlen(s), a), rb = kbp_phrase_key_tokens(s, strlen(s), b);
    return ra == rb && a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

static void test_phrase_keys(void)
{
    struct kb_gazetteer *g = NULL;
    struct kb_error err;
    if (kb_gazetteer_builtin(&g, &err) != KB_OK)
        return;
    struct kb_buf a, b;
    kb_buf_init(&a);
    kb_buf_init(&b);
    size_t bad = 0;
    const char *example = NULL;
    for (size_t i = 0; i < g->places.n; i++)
        if (!same_key(g->places.v[i].name, &a, &b) && bad++ == 0)
            example = g->places.v[i].name;
    T_OK(bad == 0, "gaz-6.1 %zu place names keyed differently (first: '%s')", bad,
         example ? example : "");
    char s[16];
    bad = 0;
    for (int x = 32; x < 127; x++)
        for (int y = 32; y < 127; y++) {
            snprintf(s, sizeof s, "%cA b%cC", x, y);
            if (!same_key(s, &a, &b) && bad++ == 0)
                T_OK(0, "gaz-6.2 '%s' keyed '%s', tokenized '%s'", s, a.data, b.data);
        }
    T_INT(bad, 0, "gaz-6.2 ASCII punctuation around words");
    static const char *const odd[] = {
        "S\xc3\xa3o Paulo", "Stra\xc3\x9f" "e", "\xc4\xb0stanbul", "\xce\xa3\xce\x9f\xce\xa6\xce\x99\xce\x91",
        "\xef\xac\x81" "sh", "a\xcc\x81" "b", "O\xe2\x80\x99Neill", "A\xc2\xa0" "B", "A\xe2\x80\x8c" "B",
        "Nord\xe2\x80\x93Pas", "x\xe2\x80\xa8y", "\xff bad", "Ko\xc3\xb6n  two", "-\xcc\x81x",
        "\xe2\x80\x9cQuoted\xe2\x80\x9d", "\xe2\x84\xa2", "\xc2\xbd", "U.S.", "Q&A"};
    for (size_t i = 0; i < KB_ARRAY_LEN(odd); i++)
        T_OK(same_key(odd[i], &a, &b), "gaz-6.3 '%s' keyed '%s', tokenized '%s'", odd[i],
             a.data, b.data);
    kb_buf_release(&a);
    kb_buf_release(&b);
    kb_gazetteer_free(g);
}

/* Place i's extra data against what it stands for; the count of those wrong. */
static size_t extra_wrong(const struct kb_gazetteer *g, size_t i, struct kb_buf *key)
{
    const struct kb_gaz_place *p = &g->places.v[i];
    const struct kb_gaz_extra *x = &g->extra[i];
    size_t wrong = 0;
    kb_buf_reset(key);
    kb_phrase_key(p->name, strlen(p->name), key);
    if (x->own == KB_GAZ_NONE)
        wrong += key->len != 0;
    else
        wrong += g->keys[x->own].len != key->len ||
                 memcmp(g->strings + g->keys[x->own].off, key->data, key->len) != 0;
    const struct kb_gaz_place *a = kb_gazetteer_admin1(g, p->cc, p->admin1);
    wrong += (a ? (uint32_t)(a - g->places.v) : KB_GAZ_NONE) != x->admin1;
    double prior = kb_gaz_prior(p), xyz[3];
    kb_gaz_point(p, xyz);
    wrong += memcmp(&prior, &x->prior, sizeof prior) != 0;
    wrong += memcmp(&xyz[0], &x->x, sizeof xyz[0]) != 0 ||
             memcmp(&xyz[1], &x->y, sizeof xyz[1]) != 0 ||
             memcmp(&xyz[2], &x->z, sizeof xyz[2]) != 0;
    return wrong;
}

/* kb_gazetteer_lower_bound against a plain binary search over all keys. */
static bool lower_bound_agrees(const struct kb_gazetteer *g, const char *k, size_t kl)
{
    /* the count of keys before k, by steps of falling powers of two */
    size_t before = 0, step = 1;
    while (step * 2 <= g->nkeys)
        step *= 2;
    for (; step; step /= 2) {
        if (before + step > g->nkeys)
            continue;
        const struct kb_gaz_key *x = &g->keys[before + step - 1];
        if (kb_gaz_keycmp(g->strings + x->off, x->len, k, kl) < 0)
            before += step;
    }
    return kb_gazetteer_lower_bound(g, k, kl) == before;
}

static void test_extra(void)
{
    struct kb_buf key;
    kb_buf_init(&key);
    struct kb_gazetteer *g = load(tsv);
    size_t wrong = 0;
    for (size_t i = 0; i < g->places.n; i++)
        wrong += extra_wrong(g, i, &key);
    T_INT(wrong, 0, "gaz-7.1 the fixture's extra data");
    T_OK(g->extra[1].own != KB_GAZ_NONE && g->extra[1].admin1 == 2,
         "gaz-7.1 New York City: own key, in the state of New York");
    char *buf = NULL;
    size_t len = 0;
    struct kb_error err;
    FILE *f = open_memstream(&buf, &len);
    T_INT(kb_gazetteer_write_table(g, f, &err), KB_OK, "gaz-7.2 write");
    fclose(f);
    void *aligned = NULL;
    struct kb_gazetteer *t = NULL;
    T_OK(posix_memalign(&aligned, 8, len + 8) == 0, "gaz-7.2 memory");
    memcpy(aligned, buf, len);
    T_INT(kb_gazetteer_from_table(&t, aligned, len, &err), KB_OK, "gaz-7.2 read back");
    T_OK(t && memcmp(t->extra, g->extra, g->places.n * sizeof *g->extra) == 0 &&
             memcmp(t->kpre, g->kpre, g->nkeys * sizeof *g->kpre) == 0 &&
             memcmp(t->bucket, g->bucket, (KB_GAZ_BUCKETS + 1) * sizeof *g->bucket) == 0,
         "gaz-7.2 the table keeps the extra data, key prefixes and bucket index");
    kb_gazetteer_free(t);
    free(aligned);
    free(buf);
    kb_gazetteer_free(g);
    g = NULL;
    T_INT(kb_gazetteer_builtin(&g, &err), KB_OK, "gaz-7.3 built-in loads");
    if (g) {
        wrong = 0;
        for (size_t i = 0; i < g->places.n; i += 37)
            wrong += extra_wrong(g, i, &key);
        T_INT(wrong, 0, "gaz-7.3 the built-in table's extra data (a sample)");
        size_t bad = 0;
        char probe[64];
        for (size_t k = 0; k < g->nkeys; k += 53) {
            const char *s = g->strings + g->keys[k].off;
            size_t l = KB_MIN(g->keys[k].len, sizeof probe - 2);
            memcpy(probe, s, l);
            bad += !lower_bound_agrees(g, probe, l);
            bad += !lower_bound_agrees(g, probe, l > 1 ? l - 1 : l);
            probe[l] = ' ';
            bad += !lower_bound_agrees(g, probe, l + 1);
            probe[l] = '\xff';
            bad += !lower_bound_agrees(g, probe, l + 1);
            probe[l] = '\0';
            bad += !lower_bound_agrees(g, probe, l + 1);
        }
        T_INT(bad, 0, "gaz-7.4 lower bounds of keys and strings around them");
        kb_gazetteer_free(g);
    }
    kb_buf_release(&key);
}

int main(void)
{
    t_setup();
    test_tsv();
    test_bad_tsv();
    test_table();
    test_match();
    test_builtin();
    test_phrase_keys();
    test_extra();
    kb_extractor_release(&t_ex);
    return t_done();
}
