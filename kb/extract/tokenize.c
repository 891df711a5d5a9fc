/*
 * tokenize.c -- UTF-8 aware tokenizer and sentence splitter.
 *
 * Stage: extract, first.  Input: doc->text.  Output: doc->toks (byte spans,
 * kinds, case flags, folded forms in doc->fold) and doc->sents.
 *
 * Tokens: words (letters, digits and marks, with inner apostrophes such as
 * O'Brien; English clitics 's n't 're 've 'll 'd 'm split off), numbers
 * (digits with inner . , : / - between digits, plus a letter suffix: 15th,
 * 1980s, 3pm, 2022-03-15), abbreviations and initials that keep their
 * period (Mr., U.S., Jan., W.), and single punctuation marks ("..." and "--"
 * stay whole).  Hyphens between words are tokens of their own, so
 * "Russia-Ukraine" is three tokens without space between them.
 *
 * Sentences end after . ! ? (and the closing quotes or brackets that follow)
 * when the next token starts a new sentence, at blank lines, and at single
 * line breaks followed by a capital, a digit or a quote (headlines,
 * datelines, one-sentence-per-line text).
 */
#include "extract.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/*
 * Abbreviations that keep their period.  Sorted (strcmp order on the folded,
 * lower-case form without the period) for bsearch; a test checks the order.
 * To add one: insert it in order.  `title` ones never end a sentence.
 */
struct abbrev {
    const char *w;
    bool title;
};
static const struct abbrev abbrevs[] = {
    {"adm", true},   {"apr", false},  {"assn", false}, {"aug", false},  {"ave", false},
    {"bros", false}, {"capt", true},  {"cmdr", true},  {"co", false},   {"col", true},
    {"corp", false}, {"cpl", true},   {"dec", false},  {"dept", false}, {"dr", true},
    {"e.g", true},   {"esq", false},  {"etc", false},  {"feb", false},  {"fig", true},
    {"fr", true},    {"ft", false},   {"gen", true},   {"gov", true},   {"hon", true},
    {"i.e", true},   {"inc", false},  {"jan", false},  {"jr", false},   {"jul", false},
    {"jun", false},  {"lt", true},    {"ltd", false},  {"maj", true},   {"mar", false},
    {"messrs", true}, {"mr", true},   {"mrs", true},   {"ms", true},    {"mt", true},
    {"no", true},    {"nov", false},  {"oct", false},  {"op", true},    {"pfc", true},
    {"ph.d", false}, {"plc", false},  {"pres", true},  {"prof", true},  {"pvt", true},
    {"rep", true},   {"reps", true},  {"rev", true},   {"sen", true},   {"sens", true},
    {"sep", false},  {"sept", false}, {"sgt", true},   {"sr", false},   {"st", true},
    {"supt", true},  {"vs", true},
};

static int abbrev_cmp(const void *k, const void *e)
{
    return strcmp(k, ((const struct abbrev *)e)->w);
}

/* Exposed for the table-order unit test. */
size_t kbp_tokenize_abbrevs(const char *const **out);
size_t kbp_tokenize_abbrevs(const char *const **out)
{
    static const char *names[KB_ARRAY_LEN(abbrevs)];
    for (size_t i = 0; i < KB_ARRAY_LEN(abbrevs); i++)
        names[i] = abbrevs[i].w;
    *out = names;
    return KB_ARRAY_LEN(abbrevs);
}

static const struct abbrev *find_abbrev(const char *s, size_t n)
{
    char key[16];
    if (n == 0 || n >= sizeof key)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        key[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    key[n] = '\0';
    return bsearch(key, abbrevs, KB_ARRAY_LEN(abbrevs), sizeof abbrevs[0], abbrev_cmp);
}

/* ---- Character classes ---- */

enum cclass { C_SPACE, C_NL, C_UPPER, C_LOWER, C_LETTER, C_DIGIT, C_MARK, C_PUNCT };

/* Classes of the ASCII characters (the branchy code below, as a table). */
#define SP C_SPACE
#define PU C_PUNCT
#define UP C_UPPER
#define LO C_LOWER
#define DI C_DIGIT
static const unsigned char ascii_class[128] = {
    SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, C_NL, SP, SP, SP, SP, SP, /* 0x00 */
    SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP,   SP, SP, SP, SP, SP, /* 0x10 */
    SP, PU, PU, PU, PU, PU, PU, PU, PU, PU, PU,   PU, PU, PU, PU, PU, /* ' ' */
    DI, DI, DI, DI, DI, DI, DI, DI, DI, DI, PU,   PU, PU, PU, PU, PU, /* '0' */
    PU, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP,   UP, UP, UP, UP, UP, /* '@' */
    UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP,   PU, PU, PU, PU, PU, /* 'P' */
    PU, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO,   LO, LO, LO, LO, LO, /* '`' */
    LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO,   PU, PU, PU, PU, PU, /* 'p' */
};
#undef SP
#undef PU
#undef UP
#undef LO
#undef DI

static enum cclass classify(int32_t cp)
{
    if (cp < 0x80) {
        if (cp == '\n')
            return C_NL;
        if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v')
            return C_SPACE;
        if (cp >= 'A' && cp <= 'Z')
            return C_UPPER;
        if (cp >= 'a' && cp <= 'z')
            return C_LOWER;
        if (cp >= '0' && cp <= '9')
            return C_DIGIT;
        if (cp < 0x20)
            return C_SPACE;
        return C_PUNCT;
    }
    if (cp == 0x2028 || cp == 0x2029 || cp == 0x85)
        return C_NL;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return C_UPPER;
    case UTF8PROC_CATEGORY_LL:
        return C_LOWER;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return C_LETTER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return C_MARK;
    case UTF8PROC_CATEGORY_ND:
        return C_DIGIT;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
        return C_SPACE;
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return C_NL;
    default:
        return C_PUNCT;
    }
}

static inline bool is_wordc(enum cclass c)
{
    return c == C_UPPER || c == C_LOWER || c == C_LETTER || c == C_DIGIT || c == C_MARK;
}

static inline bool is_alpha(enum cclass c)
{
    return c == C_UPPER || c == C_LOWER || c == C_LETTER;
}

struct cursor {
    const char *s;
    size_t n;
};

/* Class and length of the code point at i (len 0 at end). */
static inline enum cclass peek(const struct cursor *c, size_t i, int *len, int32_t *cpo)
{
    if (i >= c->n) {
        *len = 0;
        if (cpo)
            *cpo = 0;
        return C_SPACE;
    }
    unsigned char b = (unsigned char)c->s[i];
    int32_t cp;
    if (b < 0x80) {
        *len = 1;
        if (cpo)
            *cpo = b;
        return (enum cclass)ascii_class[b];
    }
    *len = kb_utf8_decode(c->s + i, c->n - i, &cp);
    if (cpo)
        *cpo = cp;
    return classify(cp);
}

static bool is_apostrophe(const struct cursor *c, size_t i, int *len)
{
    if (i >= c->n)
        return false;
    if (c->s[i] == '\'') {
        *len = 1;
        return true;
    }
    if (i + 2 < c->n && memcmp(c->s + i, "\xE2\x80\x99", 3) == 0) { /* U+2019 */
        *len = 3;
        return true;
    }
    return false;
}

/* Length of an English clitic starting at the apostrophe at i, or 0. */
static size_t clitic_len(const struct cursor *c, size_t i, int alen)
{
    static const char *const cl[] = {"s", "re", "ve", "ll", "d", "m", "t"};
    size_t j = i + (size_t)alen;
    for (size_t k = 0; k < KB_ARRAY_LEN(cl); k++) {
        size_t l = strlen(cl[k]);
        if (j + l > c->n)
            continue;
        bool eq = true;
        for (size_t q = 0; q < l; q++) {
            char ch = c->s[j + q];
            if ((char)(ch | 0x20) != cl[k][q]) {
                eq = false;
                break;
            }
        }
        if (!eq)
            continue;
        int len;
        enum cclass after = peek(c, j + l, &len, NULL);
        if (!is_wordc(after))
            return (size_t)alen + l;
    }
    return 0;
}

/* ---- Token emission ---- */

/*
 * An ASCII token's folded form (lower case) and case flags in one pass.
 * Returns false, having written nothing, when the token is not all ASCII.
 */
static bool ascii_token(struct kb_doc *doc, struct kb_token *t, unsigned *flags)
{
    const unsigned char *s = (const unsigned char *)doc->text + t->start;
    size_t n = t->end - t->start;
    if (n > UINT16_MAX || kb_buf_grow(&doc->fold, n))
        return false;
    char *d = doc->fold.data + doc->fold.len;
    unsigned seen = 0; /* 1 << class of each character */
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c >= 0x80)
            return false;
        enum cclass cl = (enum cclass)ascii_class[c];
        if (first && cl != C_PUNCT) {
            first = false;
            if (cl == C_UPPER)
                *flags |= KB_TF_CAP;
            else if (cl == C_LOWER)
                *flags |= KB_TF_LOWER;
        }
        seen |= 1u << cl;
        d[i] = (char)(cl == C_UPPER ? c + 32 : c);
    }
    size_t nalpha = 0;
    if (seen & ((1u << C_UPPER) | (1u << C_LOWER))) {
        *flags |= KB_TF_ALPHA;
        for (size_t i = 0; i < n && nalpha < 2; i++)
            nalpha += ascii_class[s[i]] == C_UPPER || ascii_class[s[i]] == C_LOWER;
        if (!(seen & (1u << C_LOWER)) && nalpha > 1)
            *flags |= KB_TF_ALLCAP;
    }
    if (seen & (1u << C_DIGIT))
        *flags |= KB_TF_DIGIT;
    doc->fold.len += n;
    doc->fold.data[doc->fold.len] = '\0';
    t->fold_len = (uint16_t)n;
    return true;
}

static int push_token(struct kb_doc *doc, size_t start, size_t end, int kind, unsigned flags)
{
    struct kb_token t;
    memset(&t, 0, sizeof t);
    t.start = (uint32_t)start;
    t.end = (uint32_t)end;
    t.kind = (uint8_t)kind;
    t.fold = (uint32_t)doc->fold.len;
    if (ascii_token(doc, &t, &flags)) {
        t.flags = (uint16_t)flags;
        return KB_VEC_PUSH(&doc->toks, t);
    }
    int rc = kb_fold(doc->text + start, end - start, &doc->fold);
    if (rc)
        return rc;
    size_t fl = doc->fold.len - t.fold;
    if (fl > UINT16_MAX) {
        doc->fold.len = t.fold + UINT16_MAX;
        fl = UINT16_MAX;
    }
    t.fold_len = (uint16_t)fl;
    /* case flags */
    struct cursor c = {doc->text + start, end - start};
    int len;
    size_t i = 0;
    bool first = true, any_alpha = false, all_upper = true, any_digit = false;
    size_t nalpha = 0;
    while (i < c.n) {
        enum cclass cl = peek(&c, i, &len, NULL);
        if (first && cl == C_UPPER)
            flags |= KB_TF_CAP;
        if (first && cl == C_LOWER)
            flags |= KB_TF_LOWER;
        if (is_alpha(cl)) {
            any_alpha = true;
            nalpha++;
            if (cl == C_LOWER)
                all_upper = false;
        }
        if (cl == C_DIGIT)
            any_digit = true;
        if (cl != C_PUNCT)
            first = false;
        i += (size_t)len;
    }
    if (any_alpha)
        flags |= KB_TF_ALPHA;
    if (any_digit)
        flags |= KB_TF_DIGIT;
    if (any_alpha && all_upper && nalpha > 1)
        flags |= KB_TF_ALLCAP;
    t.flags = (uint16_t)flags;
    return KB_VEC_PUSH(&doc->toks, t);
}

/* Scan a word starting at i; returns its end and whether it took a period. */
static size_t scan_word(const struct cursor *c, size_t i, bool *abbr)
{
    size_t start = i;
    int len;
    *abbr = false;
    for (;;) {
        /* a run of ASCII letters and digits first, without decoding */
        while (i < c->n && (unsigned char)c->s[i] < 0x80 &&
               ascii_class[(unsigned char)c->s[i]] >= C_UPPER &&
               ascii_class[(unsigned char)c->s[i]] <= C_DIGIT)
            i++;
        enum cclass cl = peek(c, i, &len, NULL);
        if (is_wordc(cl)) {
            i += (size_t)len;
            continue;
        }
        int alen;
        if (is_apostrophe(c, i, &alen)) {
            if (clitic_len(c, i, alen))
                break;
            int l2;
            enum cclass nx = peek(c, i + (size_t)alen, &l2, NULL);
            if (is_alpha(nx)) { /* O'Brien, rock'n'roll */
                i += (size_t)alen;
                continue;
            }
        }
        break;
    }
    /* n't: the n belongs to the clitic */
    int alen;
    if (i - start >= 2 && is_apostrophe(c, i, &alen) && i + (size_t)alen < c->n &&
        (c->s[i + alen] | 0x20) == 't' && (c->s[i - 1] | 0x20) == 'n') {
        int l2;
        if (!is_wordc(peek(c, i + (size_t)alen + 1, &l2, NULL)))
            i -= 1;
    }
    /* periods: initials and letter.letter. sequences (U.S., a.m., e.g.) */
    if (i < c->n && c->s[i] == '.') {
        size_t wl = i - start;
        int l2;
        enum cclass nx = peek(c, i + 1, &l2, NULL);
        if (wl == 1 && is_alpha(peek(c, start, &l2, NULL))) {
            /* single letter + period: initial, or the start of U.S. */
            size_t j = i + 1;
            while (j + 1 < c->n && is_alpha(peek(c, j, &l2, NULL)) && l2 == 1 &&
                   c->s[j + 1] == '.')
                j += 2;
            *abbr = true;
            return j;
        }
        if (is_alpha(nx) && l2 == 1 && i + 2 < c->n && c->s[i + 2] == '.' && wl <= 2) {
            /* e.g. / i.e. / Ph.D. */
            size_t j = i + 1;
            while (j + 1 < c->n && is_alpha(peek(c, j, &l2, NULL)) && c->s[j + 1] == '.')
                j += 2;
            *abbr = true;
            return j;
        }
        const struct abbrev *ab = find_abbrev(c->s + start, wl);
        if (ab) {
            /* "No. 5", "Fig. 2", "Op. 9" only before a number: "said No." ends a sentence */
            if (strcmp(ab->w, "no") == 0 || strcmp(ab->w, "fig") == 0 ||
                strcmp(ab->w, "op") == 0) {
                size_t j = i + 1;
                while (j < c->n && c->s[j] == ' ')
                    j++;
                if (j >= c->n || c->s[j] < '0' || c->s[j] > '9')
                    return i;
            }
            *abbr = true;
            return i + 1;
        }
    }
    return i;
}

/* Scan a number starting at i (a digit). */
static size_t scan_number(const struct cursor *c, size_t i)
{
    int len;
    for (;;) {
        enum cclass cl = peek(c, i, &len, NULL);
        if (cl == C_DIGIT) {
            i += (size_t)len;
            continue;
        }
        if (i + 1 < c->n && (c->s[i] == '.' || c->s[i] == ',' || c->s[i] == ':' ||
                             c->s[i] == '/' || c->s[i] == '-')) {
            int l2;
            if (peek(c, i + 1, &l2, NULL) == C_DIGIT) {
                i += 1;
                continue;
            }
        }
        break;
    }
    /* letter suffix: 15th, 1980s, 3pm, 5km */
    size_t j = i;
    while (j < c->n && ((c->s[j] | 0x20) >= 'a' && (c->s[j] | 0x20) <= 'z'))
        j++;
    if (j > i && j - i <= 3) {
        int l2;
        if (!is_wordc(peek(c, j, &l2, NULL)))
            i = j;
    }
    return i;
}

/* ---- Sentence splitting ---- */

static bool is_closer(const struct kb_doc *doc, size_t t)
{
    size_t n;
    const char *f = kb_tok_fold(doc, t, &n);
    return n == 1 && (f[0] == '"' || f[0] == '\'' || f[0] == ')' || f[0] == ']');
}

static bool is_terminal(const struct kb_doc *doc, size_t t)
{
    size_t n;
    const char *f = kb_tok_fold(doc, t, &n);
    if (n == 1 && (f[0] == '.' || f[0] == '!' || f[0] == '?'))
        return true;
    if (n == 3 && memcmp(f, "...", 3) == 0)
        return true;
    return n == 3 && memcmp(f, "\xE2\x80\xA6", 3) == 0;
}

/* Can token t open a sentence (after a terminal)? */
static bool can_open(const struct kb_doc *doc, size_t t)
{
    const struct kb_token *k = &doc->toks.v[t];
    if (k->flags & (KB_TF_CAP | KB_TF_DIGIT))
        return true;
    if (k->kind == KB_TOK_PUNCT) {
        size_t n;
        const char *f = kb_tok_fold(doc, t, &n);
        return n == 1 && (f[0] == '"' || f[0] == '\'' || f[0] == '(' || f[0] == '[' ||
                          f[0] == '-');
    }
    return false;
}

static int add_sentence(struct kb_doc *doc, size_t tb, size_t te)
{
    if (te <= tb)
        return KB_OK;
    struct kb_sentence s = {doc->toks.v[tb].start, doc->toks.v[te - 1].end, (uint32_t)tb,
                            (uint32_t)te};
    uint32_t idx = (uint32_t)doc->sents.n;
    for (size_t t = tb; t < te; t++)
        doc->toks.v[t].sent = idx;
    doc->toks.v[tb].flags |= KB_TF_SSTART;
    return KB_VEC_PUSH(&doc->sents, s);
}

static int split_sentences(struct kb_doc *doc)
{
    size_t n = doc->toks.n, begin = 0;
    for (size_t t = 0; t < n; t++) {
        struct kb_token *k = &doc->toks.v[t];
        bool brk = false;
        if (t > begin && (k->flags & KB_TF_PARA))
            brk = true;
        else if (t > begin && (k->flags & KB_TF_NL) && can_open(doc, t))
            brk = true;
        if (brk) {
            int rc = add_sentence(doc, begin, t);
            if (rc)
                return rc;
            begin = t;
            continue;
        }
        bool term = is_terminal(doc, t);
        if (!term && (k->flags & KB_TF_ABBR)) {
            /* an abbreviation ends a sentence only if not a title and the next
               word is capitalised after a space and is not itself a name part */
            size_t l;
            const char *f = kb_tok_fold(doc, t, &l);
            const struct abbrev *a = l > 1 ? find_abbrev(f, l - 1) : NULL;
            if (a && !a->title && t + 1 < n && (doc->toks.v[t + 1].flags & KB_TF_SPACE) &&
                (doc->toks.v[t + 1].flags & KB_TF_CAP) && t + 2 < n &&
                (doc->toks.v[t + 2].flags & KB_TF_LOWER))
                term = l > 3; /* "Inc. The" yes; single initials never */
        }
        if (!term)
            continue;
        size_t e = t + 1;
        while (e < n && is_closer(doc, e) && !(doc->toks.v[e].flags & KB_TF_SPACE))
            e++;
        if (e < n && !(doc->toks.v[e].flags & (KB_TF_SPACE | KB_TF_NL)))
            continue; /* "3.5", "www.x" */
        if (e < n && !can_open(doc, e) && !(doc->toks.v[e].flags & KB_TF_NL))
            continue;
        int rc = add_sentence(doc, begin, e);
        if (rc)
            return rc;
        begin = e;
        t = e - 1;
    }
    return add_sentence(doc, begin, n);
}

int kb_tokenize(struct kb_doc *doc)
{
    struct cursor c = {doc->text, doc->len};
    size_t i = 0;
    unsigned pending = 0;
    int newlines = 0;
    int rc = KB_VEC_RESERVE(&doc->toks, doc->len / 5 + 16);
    if (rc)
        return rc;
    rc = kb_buf_grow(&doc->fold, doc->len + 16);
    if (rc)
        return rc;
    while (i < c.n) {
        int len;
        int32_t cp;
        enum cclass cl = peek(&c, i, &len, &cp);
        if (cl == C_SPACE || cl == C_NL) {
            pending |= KB_TF_SPACE;
            if (cl == C_NL) {
                pending |= KB_TF_NL;
                if (++newlines >= 2)
                    pending |= KB_TF_PARA;
            }
            i += (size_t)len;
            continue;
        }
        newlines = 0;
        size_t end;
        int kind;
        unsigned flags = pending;
        pending = 0;
        if (cl == C_DIGIT) {
            end = scan_number(&c, i);
            kind = KB_TOK_NUM;
        } else if (is_wordc(cl)) {
            bool abbr;
            end = scan_word(&c, i, &abbr);
            kind = KB_TOK_WORD;
            if (abbr)
                flags |= KB_TF_ABBR;
        } else {
            int alen;
            size_t cl_len;
            if (is_apostrophe(&c, i, &alen) && i > 0 && (cl_len = clitic_len(&c, i, alen)) &&
                !(flags & KB_TF_SPACE)) {
                end = i + cl_len;
                kind = KB_TOK_WORD;
            } else if (c.s[i] == '.' && i + 2 < c.n && c.s[i + 1] == '.' && c.s[i + 2] == '.') {
                end = i + 3;
                kind = KB_TOK_PUNCT;
            } else if (c.s[i] == '-' && i + 1 < c.n && c.s[i + 1] == '-') {
                end = i + 2;
                kind = KB_TOK_PUNCT;
            } else {
                end = i + (size_t)len;
                kind = KB_TOK_PUNCT;
            }
        }
        /* "n't" after a word: scan_word stopped before the n */
        if (kind == KB_TOK_WORD && end == i + 1 && (c.s[i] | 0x20) == 'n' &&
            is_apostrophe(&c, i + 1, &len) && !(flags & KB_TF_SPACE)) {
            size_t l = clitic_len(&c, i + 1, len);
            if (l)
                end = i + 1 + l;
        }
        if (end <= i)
            end = i + 1;
        if ((rc = push_token(doc, i, end, kind, flags)))
            return rc;
        i = end;
    }
    return split_sentences(doc);
}
