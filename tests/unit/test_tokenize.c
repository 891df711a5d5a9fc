/*
 * test_tokenize.c -- tokens and sentences.
 *
 * Test plan:
 *   tok-1.x  token boundaries: clitics, hyphens, abbreviations, initials,
 *            numbers with inner punctuation, UTF-8 punctuation
 *   tok-2.x  sentence boundaries: stops, abbreviations, quotes, line breaks
 *   tok-3.x  token hashes: each token's hash is that of its folded form, and
 *            kb_tok_lookup (by that hash) answers as kb_strmap_lookup (by
 *            the string) for thousands of words -- ASCII of every length
 *            around the 8-byte steps, capitalised, all caps, with digits,
 *            accented, abbreviations, clitics, punctuation -- present and absent
 */
#include "extract/extract.h"
#include "t.h"

#include <stdlib.h>

static struct kb_doc *tok(const char *s)
{
    struct kb_doc *d = kb_doc_new(s, strlen(s));
    if (kb_tokenize(d))
        exit(1);
    return d;
}

/* The tokens of s joined by '|'. */
static void toks_are(const char *s, const char *want, const char *id)
{
    struct kb_doc *d = tok(s);
    char buf[512] = "";
    for (size_t i = 0; i < d->toks.n; i++) {
        size_t n;
        const char *t = kb_tok_text(d, i, &n);
        if (i)
            strcat(buf, "|");
        strncat(buf, t, n);
    }
    T_STR(buf, want, id);
    kb_doc_free(d);
}

static void sents_are(const char *s, size_t want, const char *id)
{
    struct kb_doc *d = tok(s);
    T_INT(d->sents.n, want, id);
    kb_doc_free(d);
}

size_t kbp_tokenize_abbrevs(const char *const **out);

/* Every abbreviation of the table, capitalised before a number, keeps its
   period (the lookup's length bound covers them all). */
static void abbrevs_found(void)
{
    const char *const *v;
    size_t n = kbp_tokenize_abbrevs(&v), ok = 0;
    for (size_t i = 0; i < n; i++) {
        char text[64];
        snprintf(text, sizeof text, "see %c%s. 5", v[i][0] - 32, v[i] + 1);
        struct kb_doc *d = tok(text);
        ok += d->toks.n == 3 && (d->toks.v[1].flags & KB_TF_ABBR) &&
              d->toks.v[1].end - d->toks.v[1].start == strlen(v[i]) + 1;
        kb_doc_free(d);
    }
    T_INT(ok, n, "tok-1.15 every abbreviation is found");
}

/* A text of many words: syllables joined to every length from 1 to 40
   bytes, in three cases, some with digits or accents, between punctuation,
   clitics and abbreviations. */
static char *word_text(void)
{
    static const char *const syl[] = {"ka", "lo", "mir", "u", "stra", "ne", "\xC3\xA9",
                                      "bo", "x", "q7", "tel", "\xC3\xBC", "ri", "an"};
    static const char *const sep[] = {" ", ", ", ". ", "'s ", "n't ", " Mr. ", "-", "\n",
                                      " U.S. ", " \xE2\x80\x94 ", "\"", " 1980s "};
    struct kb_buf b;
    kb_buf_init(&b);
    unsigned seed = 7;
    for (int w = 0; w < 6000; w++) {
        size_t want = 1 + (size_t)w % 40, start = b.len;
        while (b.len - start < want) {
            seed = seed * 1103515245u + 12345u;
            kb_buf_adds(&b, syl[(seed >> 16) % KB_ARRAY_LEN(syl)]);
        }
        if (w % 3 == 1)
            b.data[start] = (char)(b.data[start] >= 'a' && b.data[start] <= 'z' ? b.data[start] - 32
                                                                             : b.data[start]);
        for (size_t k = start; w % 3 == 2 && k < b.len; k++)
            if (b.data[k] >= 'a' && b.data[k] <= 'z')
                b.data[k] = (char)(b.data[k] - 32);
        kb_buf_adds(&b, sep[(size_t)w % KB_ARRAY_LEN(sep)]);
    }
    return kb_buf_detach(&b, NULL);
}

static void hash_lookups(void)
{
    char *text = word_text();
    struct kb_doc *d = tok(text);
    struct kb_strmap m;
    kb_strmap_init(&m);
    size_t hashed = 0, same = 0, found = 0;
    for (size_t i = 0; i < d->toks.n; i++) {
        size_t n;
        const char *f = kb_tok_fold(d, i, &n);
        hashed += d->toks.v[i].hash == (uint32_t)kb_hash_bytes(f, n);
        if (i % 2 == 0 && kb_strmap_add(&m, f, n, (uint32_t)i))
            exit(1);
        if (i % 7 == 0 && kb_strmap_mark_prefix(&m, f, n))
            exit(1);
    }
    for (size_t i = 0; i < d->toks.n; i++) {
        size_t n, n1, n2;
        const char *f = kb_tok_fold(d, i, &n);
        const uint32_t *v1, *v2;
        int f1 = kb_strmap_lookup(&m, f, n, &v1, &n1);
        int f2 = kb_tok_lookup(d, i, &m, &v2, &n2);
        same += f1 == f2 && v1 == v2 && n1 == n2;
        found += f1 != 0;
    }
    T_INT(hashed, d->toks.n, "tok-3.1 token hash = kb_hash_bytes of the fold");
    T_INT(same, d->toks.n, "tok-3.2 kb_tok_lookup = kb_strmap_lookup");
    T_OK(d->toks.n > 10000 && found > d->toks.n / 2 && found < d->toks.n,
         "tok-3.3 the test has many words, found and not (%zu of %zu)", found, d->toks.n);
    kb_strmap_release(&m);
    kb_doc_free(d);
    free(text);
}

int main(void)
{
    toks_are("Lukashenko's government", "Lukashenko|'s|government", "tok-1.1 possessive");
    toks_are("Lukashenko\xE2\x80\x99s army", "Lukashenko|\xE2\x80\x99s|army",
             "tok-1.2 curly possessive");
    toks_are("they don't know", "they|do|n't|know", "tok-1.3 n't");
    toks_are("O'Brien said", "O'Brien|said", "tok-1.4 inner apostrophe");
    toks_are("Russia-Ukraine war", "Russia|-|Ukraine|war", "tok-1.5 hyphen");
    toks_are("Mr. Smith met Gen. Lee", "Mr.|Smith|met|Gen.|Lee", "tok-1.6 abbreviations");
    toks_are("the U.S. and U.K. said", "the|U.S.|and|U.K.|said", "tok-1.7 dotted acronyms");
    toks_are("George W. Bush", "George|W.|Bush", "tok-1.8 initial");
    toks_are("on 2022-03-15 at 3.5%", "on|2022-03-15|at|3.5|%", "tok-1.9 numbers");
    toks_are("the 1980s and 15th", "the|1980s|and|15th", "tok-1.10 number suffixes");
    toks_are("\xE2\x80\x9CWe\xE2\x80\x9D", "\xE2\x80\x9C|We|\xE2\x80\x9D", "tok-1.11 curly quotes");
    toks_are("wait... now", "wait|...|now", "tok-1.12 ellipsis");

    sents_are("Kyiv was shelled. Minsk denied it.", 2, "tok-2.1 two sentences");
    sents_are("Mr. Smith arrived. He spoke.", 2, "tok-2.2 title abbreviation inside");
    sents_are("He said \"No.\" Then he left.", 2, "tok-2.3 stop inside quotes");
    sents_are("The value was 3.5 percent.", 1, "tok-2.4 decimal point");
    sents_are("HEADLINE HERE\nLONDON 1996-08-30\nThe text starts.", 3, "tok-2.5 lines");
    sents_are("A sentence\ncontinues here.", 1, "tok-2.6 lower-case after a line break");
    sents_are("Para one.\n\nPara two", 2, "tok-2.7 paragraphs");
    sents_are("It costs $5 in the U.S. today.", 1, "tok-2.8 U.S. mid-sentence");
    sents_are("", 0, "tok-2.9 empty text");

    struct kb_doc *d = tok("Belarus");
    T_OK(d->toks.n == 1 && (d->toks.v[0].flags & KB_TF_CAP) && (d->toks.v[0].flags & KB_TF_SSTART),
         "tok-1.13 flags of a capitalised first word");
    size_t n;
    const char *f = kb_tok_fold(d, 0, &n);
    T_OK(n == 7 && memcmp(f, "belarus", 7) == 0, "tok-1.14 folded form");
    kb_doc_free(d);
    abbrevs_found();
    hash_lookups();
    return t_done();
}
