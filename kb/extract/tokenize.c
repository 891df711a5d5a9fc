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
 *
 * Speed: the common case -- a run of ASCII letters and digits ended by a
 * space or plain punctuation -- is scanned, folded, classified and hashed
 * 8 bytes at a time (SWAR: bit tricks on a 64-bit word; a run shorter than 16
 * bytes in one SSE2 step on x86-64); anything else (a
 * non-ASCII byte, an apostrophe, a period) takes the general rules, which
 * decode code points one at a time.  Both give the same tokens.
 */
#include "extract.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
#define TOK_SSE2 1
#endif

/*
 * Abbreviations that keep their period.  Sorted (strcmp order on the folded,
 * lower-case form without the period) for the binary search; a test checks
 * the order.  To add one: insert it in order.  `title` ones never end a
 * sentence.  `key` packs the letters into a number whose order is strcmp's
 * (first letter in the top byte), so the search compares numbers.
 */
struct abbrev {
    const char *w;
    bool title;
    uint64_t key;
};
#define KEY_BYTE(s, k)                                                                   \
    (sizeof(s) > (k) + 1 ? (uint64_t)(unsigned char)(s)[sizeof(s) > (k) + 1 ? (k) : 0]      \
                               << (56 - 8 * (k))                                          \
                         : 0)
#define AB(s, title)                                                                     \
    {s, title,                                                                           \
     KEY_BYTE(s, 0) | KEY_BYTE(s, 1) | KEY_BYTE(s, 2) | KEY_BYTE(s, 3) | KEY_BYTE(s, 4) |   \
         KEY_BYTE(s, 5)}
static const struct abbrev abbrevs[] = {
    AB("adm", true),   AB("apr", false),  AB("assn", false), AB("aug", false),
    AB("ave", false),  AB("bros", false), AB("capt", true),  AB("cmdr", true),
    AB("co", false),   AB("col", true),   AB("corp", false), AB("cpl", true),
    AB("dec", false),  AB("dept", false), AB("dr", true),    AB("e.g", true),
    AB("esq", false),  AB("etc", false),  AB("feb", false),  AB("fig", true),
    AB("fr", true),    AB("ft", false),   AB("gen", true),   AB("gov", true),
    AB("hon", true),   AB("i.e", true),   AB("inc", false),  AB("jan", false),
    AB("jr", false),   AB("jul", false),  AB("jun", false),  AB("lt", true),
    AB("ltd", false),  AB("maj", true),   AB("mar", false),  AB("messrs", true),
    AB("mr", true),    AB("mrs", true),   AB("ms", true),    AB("mt", true),
    AB("no", true),    AB("nov", false),  AB("oct", false),  AB("op", true),
    AB("pfc", true),   AB("ph.d", false), AB("plc", false),  AB("pres", true),
    AB("prof", true),  AB("pvt", true),   AB("rep", true),   AB("reps", true),
    AB("rev", true),   AB("sen", true),   AB("sens", true),  AB("sep", false),
    AB("sept", false), AB("sgt", true),   AB("sr", false),   AB("st", true),
    AB("supt", true),  AB("vs", true),
};
#undef AB
#undef KEY_BYTE

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

/* Length of the longest abbreviation ("messrs"), at most 6 (KEY_BYTE);
   tokenizer test tok-1.15 finds every one. */
#define ABBREV_MAX 6

/* The abbreviation s[0..n) (any case, without its period), or NULL. */
static const struct abbrev *find_abbrev(const char *s, size_t n)
{
    if (n == 0 || n > ABBREV_MAX)
        return NULL;
    uint64_t key = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        key |= (uint64_t)(c >= 'A' && c <= 'Z' ? c + 32 : c) << (56 - 8 * i);
    }
    size_t lo = 0, hi = KB_ARRAY_LEN(abbrevs);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (key == abbrevs[mid].key)
            return &abbrevs[mid];
        if (key < abbrevs[mid].key)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
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

/* The fast path's pieces: inlined into kb_tokenize, whose scan state
   then stays in registers. */
#define ALWAYS_INLINE static inline __attribute__((always_inline))

/* ---- Eight bytes at a time (SWAR) ---- */

/*
 * A 64-bit word holds 8 bytes of text, loaded with memcpy (memory order).
 * Masks mark bytes by their bit 7 (0x80); the byte-order helpers below find
 * the first marked byte in memory order on either kind of machine.
 */
#define ONES 0x0101010101010101ull
#define HIGHS (ONES * 0x80)

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
static inline unsigned first_byte(uint64_t m) /* m != 0 */
{
    return (unsigned)__builtin_clzll(m) >> 3;
}
static inline uint64_t first_bytes(size_t k) /* the first k < 8 bytes */
{
    return k ? ~0ull << (64 - 8 * k) : 0;
}
static inline uint64_t before_first(uint64_t m) /* the bytes before m's first, m != 0 */
{
    return first_bytes(first_byte(m));
}
#else
static inline unsigned first_byte(uint64_t m) /* m != 0 */
{
    return (unsigned)__builtin_ctzll(m) >> 3;
}
static inline uint64_t first_bytes(size_t k) /* the first k < 8 bytes */
{
    return (1ull << (8 * k)) - 1;
}
static inline uint64_t before_first(uint64_t m) /* the bytes before m's first, m != 0 */
{
    return (m ^ (m - 1)) >> 8;
}
#endif

/* The 8 bytes at s, or the avail < 8 there and zeros after them. */
static inline uint64_t load8(const char *s, size_t avail)
{
    uint64_t w = 0;
    if (avail >= 8)
        memcpy(&w, s, 8);
    else if (avail)
        memcpy(&w, s, avail); /* the end of the text */
    return w;
}

/* Marks of the bytes of w7 (all below 0x80) that are >= c (c in '0'..'{'):
   adding 0x80 - c carries into bit 7 exactly then, and never further. */
static inline uint64_t bytes_ge(uint64_t w7, unsigned c)
{
    return (w7 + ONES * (0x80 - c)) & HIGHS;
}

/* Marks of the ASCII letters among the 8 bytes of w. */
static inline uint64_t letters8(uint64_t w)
{
    uint64_t l = (w & ~HIGHS) | (ONES * 0x20);
    return bytes_ge(l, 'a') & ~bytes_ge(l, 'z' + 1) & ~w;
}

/* Marks of the ASCII digits among the 8 bytes of w. */
static inline uint64_t digits8(uint64_t w)
{
    uint64_t w7 = w & ~HIGHS;
    return bytes_ge(w7, '0') & ~bytes_ge(w7, '9' + 1) & ~w;
}

/* Marks of the upper-case letters among letters (their bit 5 is clear). */
static inline uint64_t upper8(uint64_t w, uint64_t letters)
{
    return letters & ~(w << 2);
}

/* ---- Token emission ---- */

/* Is the fold f of n bytes a full stop, "!", "?" or an ellipsis? */
static inline bool is_stop(const char *f, size_t n)
{
    if (n == 1)
        return f[0] == '.' || f[0] == '!' || f[0] == '?';
    if (n == 3)
        return memcmp(f, "...", 3) == 0 || memcmp(f, "\xE2\x80\xA6", 3) == 0;
    return false;
}

/* May a token with these flags and fold end a sentence, or does a line
   break before it start one?  Only such tokens are split_sentences()'s to
   look at (doc->tok_cand). */
static inline bool may_split(unsigned flags, const char *f, size_t n)
{
    return (flags & (KB_TF_PARA | KB_TF_NL | KB_TF_ABBR)) || is_stop(f, n);
}

/*
 * doc->fold must have room for 8-byte stores: before a token at i, room
 * for the rest of the text (an ASCII fold is as long as its token) and 16
 * bytes more.
 */
static inline int fold_room(struct kb_doc *doc, size_t i)
{
    size_t need = doc->len - i + 16;
    return doc->fold.cap - doc->fold.len > need ? KB_OK : kb_buf_grow(&doc->fold, need);
}

/* kb_hash_bytes of the fold f of n bytes, last its last 8-byte word (for
   n < 8 the whole of it, zero-padded), unrolled up to 16 bytes. */
static inline uint32_t fold_hash(const char *f, size_t n, uint64_t last)
{
    if (n < 8)
        return (uint32_t)kb_hash_short(last, n);
    if (n < 16) {
        uint64_t w;
        memcpy(&w, f, 8);
        return (uint32_t)kb_hash_finish(kb_hash_step(KB_HASH_SEED ^ n, w),
                                        n == 8 ? 0 : last);
    }
    return (uint32_t)kb_hash_bytes(f, n);
}

/* Whether the ASCII text s[0..n) has two upper-case letters. */
static bool two_upper(const char *s, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n && k < 2; i++)
        k += s[i] >= 'A' && s[i] <= 'Z';
    return k == 2;
}

/*
 * Fold the ASCII text s[0..n) (avail bytes readable at s) into d, 8 bytes
 * at a time (d has room for n + 8), and return its case flags and in *last
 * its last folded word; -1 when it is not all ASCII.
 */
static int ascii_fold(const char *s, size_t n, size_t avail, char *d, uint64_t *last)
{
    uint64_t up = 0, lo = 0, digit = 0, f = 0;
    unsigned flags = 0;
    bool first = true;
    for (size_t k = 0; k < n; k += 8) {
        uint64_t w = load8(s + k, avail - k);
        if (n - k < 8)
            w &= first_bytes(n - k);
        if (w & HIGHS)
            return -1;
        uint64_t l = letters8(w), dg = digits8(w), u = upper8(w, l);
        f = w | (u >> 2);
        memcpy(d + k, &f, 8);
        if (first && (l | dg)) { /* the first letter or digit gives the case */
            unsigned char ch = (unsigned char)s[k + first_byte(l | dg)];
            flags |= ch >= 'A' && ch <= 'Z' ? KB_TF_CAP : ch >= 'a' ? KB_TF_LOWER : 0;
            first = false;
        }
        up |= u;
        lo |= l ^ u;
        digit |= dg;
    }
    if (up | lo)
        flags |= KB_TF_ALPHA;
    if (!lo && up && two_upper(s, n))
        flags |= KB_TF_ALLCAP;
    if (digit)
        flags |= KB_TF_DIGIT;
    *last = f;
    return (int)flags;
}

/* The case flags of a token that is not all ASCII. */
static unsigned utf8_flags(const char *s, size_t n)
{
    struct cursor c = {s, n};
    int len;
    unsigned flags = 0;
    bool first = true, any_alpha = false, all_upper = true, any_digit = false;
    size_t nalpha = 0;
    for (size_t i = 0; i < n; i += (size_t)len) {
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
    }
    if (any_alpha)
        flags |= KB_TF_ALPHA;
    if (any_digit)
        flags |= KB_TF_DIGIT;
    if (any_alpha && all_upper && nalpha > 1)
        flags |= KB_TF_ALLCAP;
    return flags;
}

/* Push the token [start, end) of any text, with its fold, hash and case
   flags.  Needs fold_room(doc, start). */
static int push_token(struct kb_doc *doc, size_t start, size_t end, int kind, unsigned flags)
{
    const char *s = doc->text + start;
    size_t n = end - start, at = doc->fold.len;
    char *d = doc->fold.data + at;
    uint64_t last;
    int af = n <= UINT16_MAX ? ascii_fold(s, n, doc->len - start, d, &last) : -1;
    struct kb_token t = {.start = (uint32_t)start, .end = (uint32_t)end, .kind = (uint8_t)kind};
    if (af >= 0) {
        doc->fold.len += n;
        t.flags = (uint16_t)(flags | (unsigned)af);
        t.hash = fold_hash(d, n, last);
    } else {
        int rc = kb_fold(s, n, &doc->fold);
        if (rc)
            return rc;
        if (doc->fold.len - at > UINT16_MAX)
            doc->fold.len = at + UINT16_MAX;
        t.flags = (uint16_t)(flags | utf8_flags(s, n));
        t.hash = (uint32_t)kb_hash_bytes(doc->fold.data + at, doc->fold.len - at);
    }
    t.fold = (uint32_t)at;
    t.fold_len = (uint16_t)(doc->fold.len - at);
    doc->fold.data[doc->fold.len] = '\0';
    return KB_VEC_PUSH(&doc->toks, t);
}

/*
 * The end of the word [start, i) at the period at i: past the period for an
 * initial or an abbreviation (*abbr set), i when the period ends a sentence
 * or is not the word's.
 */
static size_t word_period(const struct cursor *c, size_t start, size_t i, bool *abbr)
{
    size_t wl = i - start;
    int l2;
    enum cclass nx = peek(c, i + 1, &l2, NULL);
    if (wl == 1 && is_alpha(peek(c, start, &l2, NULL))) {
        /* single letter + period: initial, or the start of U.S. */
        size_t j = i + 1;
        while (j + 1 < c->n && is_alpha(peek(c, j, &l2, NULL)) && l2 == 1 && c->s[j + 1] == '.')
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
        if (strcmp(ab->w, "no") == 0 || strcmp(ab->w, "fig") == 0 || strcmp(ab->w, "op") == 0) {
            size_t j = i + 1;
            while (j < c->n && c->s[j] == ' ')
                j++;
            if (j >= c->n || c->s[j] < '0' || c->s[j] > '9')
                return i;
        }
        *abbr = true;
        return i + 1;
    }
    return i;
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
    if (i < c->n && c->s[i] == '.')
        return word_period(c, start, i, abbr);
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

/* The folded form of token t and its length. */
static inline const char *fold_of(const struct kb_doc *doc, size_t t, size_t *n)
{
    *n = doc->toks.v[t].fold_len;
    return doc->fold.data + doc->toks.v[t].fold;
}

static bool is_closer(const struct kb_doc *doc, size_t t)
{
    size_t n;
    const char *f = fold_of(doc, t, &n);
    return n == 1 && (f[0] == '"' || f[0] == '\'' || f[0] == ')' || f[0] == ']');
}

static inline bool is_terminal(const struct kb_doc *doc, size_t t)
{
    size_t n;
    const char *f = fold_of(doc, t, &n);
    return is_stop(f, n);
}

/* Can token t open a sentence (after a terminal)? */
static bool can_open(const struct kb_doc *doc, size_t t)
{
    const struct kb_token *k = &doc->toks.v[t];
    if (k->flags & (KB_TF_CAP | KB_TF_DIGIT))
        return true;
    if (k->kind == KB_TOK_PUNCT) {
        size_t n;
        const char *f = fold_of(doc, t, &n);
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
    for (struct kb_token *t = doc->toks.v + tb, *e = doc->toks.v + te; t < e; t++)
        t->sent = idx;
    doc->toks.v[tb].flags |= KB_TF_SSTART;
    return KB_VEC_PUSH(&doc->sents, s);
}

/* Does the abbreviation t end its sentence?  Only if not a title and the
   next word is capitalised after a space and is not itself a name part. */
static bool abbrev_ends(const struct kb_doc *doc, size_t t)
{
    size_t l, n = doc->toks.n;
    const char *f = fold_of(doc, t, &l);
    const struct abbrev *a = l > 1 ? find_abbrev(f, l - 1) : NULL;
    if (a && !a->title && t + 1 < n && (doc->toks.v[t + 1].flags & KB_TF_SPACE) &&
        (doc->toks.v[t + 1].flags & KB_TF_CAP) && t + 2 < n &&
        (doc->toks.v[t + 2].flags & KB_TF_LOWER))
        return l > 3; /* "Inc. The" yes; single initials never */
    return false;
}

static int split_sentences(struct kb_doc *doc)
{
    size_t n = doc->toks.n, begin = 0, next = 0;
    /* the candidates only: any other token would change nothing below */
    for (size_t ci = 0; ci < doc->tok_cand.n; ci++) {
        size_t t = doc->tok_cand.v[ci];
        if (t < next)
            continue;
        const struct kb_token *k = &doc->toks.v[t];
        if (t > begin && (k->flags & (KB_TF_PARA | KB_TF_NL)) &&
            ((k->flags & KB_TF_PARA) || can_open(doc, t))) {
            int rc = add_sentence(doc, begin, t);
            if (rc)
                return rc;
            begin = t;
            continue;
        }
        if (!is_terminal(doc, t) && !((k->flags & KB_TF_ABBR) && abbrev_ends(doc, t)))
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
        begin = next = e;
    }
    return add_sentence(doc, begin, n);
}

/* ---- The scan ---- */

/*
 * The token at i by the general rules (cl, len: peek() there): its end and
 * kind; *flags gains KB_TF_ABBR for an abbreviation.
 */
static size_t general_token(const struct cursor *c, size_t i, enum cclass cl, int len,
                            int *kind, unsigned *flags)
{
    size_t end;
    if (cl == C_DIGIT) {
        end = scan_number(c, i);
        *kind = KB_TOK_NUM;
    } else if (is_wordc(cl)) {
        bool abbr;
        end = scan_word(c, i, &abbr);
        *kind = KB_TOK_WORD;
        if (abbr)
            *flags |= KB_TF_ABBR;
    } else {
        int alen;
        size_t cl_len;
        *kind = KB_TOK_PUNCT;
        if (is_apostrophe(c, i, &alen) && i > 0 && (cl_len = clitic_len(c, i, alen)) &&
            !(*flags & KB_TF_SPACE)) {
            end = i + cl_len;
            *kind = KB_TOK_WORD;
        } else if (c->s[i] == '.' && i + 2 < c->n && c->s[i + 1] == '.' && c->s[i + 2] == '.') {
            end = i + 3;
        } else if (c->s[i] == '-' && i + 1 < c->n && c->s[i + 1] == '-') {
            end = i + 2;
        } else {
            end = i + (size_t)len;
        }
    }
    /* "n't" after a word: scan_word stopped before the n */
    if (*kind == KB_TOK_WORD && end == i + 1 && (c->s[i] | 0x20) == 'n' &&
        is_apostrophe(c, i + 1, &len) && !(*flags & KB_TF_SPACE)) {
        size_t l = clitic_len(c, i + 1, len);
        if (l)
            end = i + 1 + l;
    }
    return end > i ? end : i + 1;
}

/*
 * The tokenizer's state: the text, and doc's token and fold arrays in
 * pointers for the fast path (put() writes them back before the general
 * rules, which push through doc; get() reads them again after).
 */
struct scan {
    struct kb_doc *doc;
    const char *p, *end;           /* next byte, end of the text */
    struct kb_token *tok, *tok_end; /* next token, end of the room */
    char *fold;                     /* next fold byte */
    unsigned pending; /* KB_TF_SPACE, _NL, _PARA seen before the next token */
    int newlines;
    int err;          /* KB_ENOMEM when a candidate could not be noted */
};

/* Note token t as a candidate for split_sentences(). */
static int mark(struct kb_doc *doc, size_t t)
{
    return KB_VEC_PUSH(&doc->tok_cand, (uint32_t)t);
}

ALWAYS_INLINE void put(struct scan *k)
{
    k->doc->toks.n = (size_t)(k->tok - k->doc->toks.v);
    k->doc->fold.len = (size_t)(k->fold - k->doc->fold.data);
    *k->fold = '\0';
}

ALWAYS_INLINE void get(struct scan *k)
{
    k->tok = k->doc->toks.v + k->doc->toks.n;
    k->tok_end = k->doc->toks.v + k->doc->toks.cap;
    k->fold = k->doc->fold.data + k->doc->fold.len;
}

/* Whitespace (class cl, len bytes) at k->p. */
ALWAYS_INLINE void space(struct scan *k, enum cclass cl, int len)
{
    k->pending |= KB_TF_SPACE;
    if (cl == C_NL) {
        k->pending |= KB_TF_NL;
        if (++k->newlines >= 2)
            k->pending |= KB_TF_PARA;
    }
    k->p += len;
}

/* A plain space after a token, taken at once. */
ALWAYS_INLINE void skip_space(struct scan *k)
{
    if (k->p < k->end && *k->p == ' ') {
        k->pending = KB_TF_SPACE;
        k->p++;
    }
}

/* Append the token [k->p, end) whose fold of n bytes (last: its last
   8-byte word) the fast path has just written at k->fold; room reserved.
   stop: whether the fold may be a stop (see may_split). */
ALWAYS_INLINE void fast_push(struct scan *k, const char *end, int kind, unsigned flags,
                             size_t n, uint64_t last, bool stop)
{
    const struct kb_doc *doc = k->doc;
    *k->tok++ = (struct kb_token){.start = (uint32_t)(k->p - doc->text),
                                  .end = (uint32_t)(end - doc->text),
                                  .fold = (uint32_t)(k->fold - doc->fold.data),
                                  .fold_len = (uint16_t)n,
                                  .flags = (uint16_t)flags,
                                  .kind = (uint8_t)kind,
                                  .hash = fold_hash(k->fold, n, last)};
    if ((flags & (KB_TF_PARA | KB_TF_NL)) || (stop && is_stop(k->fold, n)))
        k->err |= mark(k->doc, (size_t)(k->tok - doc->toks.v) - 1);
    k->fold += n;
    k->p = end;
    k->pending = 0;
    k->newlines = 0;
}

/* Whether the ASCII word s[0..n) has two upper-case letters and no lower-case one. */
static bool all_caps(const char *s, size_t n)
{
    int up = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= 'a' && s[i] <= 'z')
            return false;
        up += s[i] <= 'Z' && s[i] >= 'A';
    }
    return up >= 2;
}

#ifdef TOK_SSE2
/*
 * fold_run for a run shorter than 16 bytes with 16 readable at s, by SSE2:
 * the same fold, *last and *digit, or NULL (nothing written) when the run
 * goes on past the 16 bytes.
 */
ALWAYS_INLINE const char *fold_run16(const char *s, char *d, bool letters, uint64_t *last,
                                     uint64_t *digit)
{
    const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
    /* signed compares: bytes >= 0x80 are below '0' */
    __m128i dg = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)),
                               _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1)));
    __m128i an = dg;
    if (letters) {
        __m128i y = _mm_or_si128(x, _mm_set1_epi8(0x20));
        an = _mm_or_si128(an, _mm_and_si128(_mm_cmpgt_epi8(y, _mm_set1_epi8('a' - 1)),
                                            _mm_cmplt_epi8(y, _mm_set1_epi8('z' + 1))));
    }
    unsigned stop = ~(unsigned)_mm_movemask_epi8(an) & 0xFFFFu;
    if (!stop)
        return NULL;
    unsigned k = (unsigned)__builtin_ctz(stop);
    const __m128i idx = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    __m128i keep = _mm_cmplt_epi8(idx, _mm_set1_epi8((char)k));
    /* bit 5 set: lower case (digits have it) */
    __m128i f = _mm_and_si128(_mm_or_si128(x, _mm_and_si128(an, _mm_set1_epi8(0x20))), keep);
    _mm_storeu_si128((__m128i *)(void *)d, f);
    *digit |= (unsigned)_mm_movemask_epi8(dg) & ((1u << k) - 1);
    *last = (uint64_t)_mm_cvtsi128_si64(k < 8 ? f : _mm_unpackhi_epi64(f, f));
    return s + k;
}
#endif

/*
 * The run at s of ASCII letters and digits (of digits only when !letters),
 * folded into d 8 bytes at a time (16 with SSE2; d has room): returns its
 * end, *last its last folded word (zero-padded), and adds its digits'
 * marks to *digit.
 */
ALWAYS_INLINE const char *fold_run(const char *s, const char *end, char *d, bool letters,
                                   uint64_t *last, uint64_t *digit)
{
#ifdef TOK_SSE2
    if (end - s >= 16) {
        const char *q = fold_run16(s, d, letters, last, digit);
        if (q)
            return q;
    }
#endif
    for (;;) {
        uint64_t w = load8(s, (size_t)(end - s));
        uint64_t dg = digits8(w), an = letters ? letters8(w) | dg : dg;
        uint64_t stop = an ^ HIGHS;
        uint64_t keep = stop ? before_first(stop) : ~0ull;
        uint64_t f = (w | (an >> 2)) & keep; /* bit 5 set: lower case (digits have it) */
        memcpy(d, &f, 8);
        *digit |= dg & keep;
        if (stop) {
            *last = f;
            return s + first_byte(stop);
        }
        s += 8;
        d += 8;
    }
}

/*
 * The fast way for the word at k->p, an ASCII letter: its run of ASCII
 * letters and digits, scanned and folded 8 bytes at a time into the fold
 * array.  Pushes it and returns true when the run is the whole word (it
 * ends at a space, plain punctuation or a period that is not an initial's
 * or abbreviation's); false, having pushed nothing, when the general rules
 * must decide.
 */
ALWAYS_INLINE bool fast_word(struct scan *k)
{
    const char *s = k->p;
    uint64_t digit = 0, f;
    const char *q = fold_run(s, k->end, k->fold, true, &f, &digit);
    size_t n = (size_t)(q - s);
    unsigned char x = q < k->end ? (unsigned char)*q : ' ';
    if (x == '\'' || x >= 0x80 || n > UINT16_MAX)
        return false;
    if (x == '.' && n <= ABBREV_MAX) { /* as scan_word would (longer: no abbreviation) */
        const char *text = k->doc->text;
        struct cursor c = {text, k->doc->len};
        bool abbr = false;
        word_period(&c, (size_t)(s - text), (size_t)(q - text), &abbr);
        if (abbr)
            return false;
    }
    unsigned flags = k->pending | KB_TF_ALPHA;
    if (*s <= 'Z') {
        flags |= KB_TF_CAP;
        if (n > 1 && (s[1] < 'a' || s[1] > 'z') && all_caps(s, n))
            flags |= KB_TF_ALLCAP;
    } else {
        flags |= KB_TF_LOWER;
    }
    if (digit)
        flags |= KB_TF_DIGIT;
    fast_push(k, q, KB_TOK_WORD, flags, n, f, false); /* letters and digits: no stop */
    return true;
}

/*
 * The fast way for the number at k->p, an ASCII digit: pushes it and
 * returns true when it is a plain run of ASCII digits -- not followed by a
 * letter (15th), a non-ASCII byte, or one of . , : / - before a digit
 * (3.5, 15,695, 2022-03-15): scan_number decides those.
 */
ALWAYS_INLINE bool fast_number(struct scan *k)
{
    const char *s = k->p;
    uint64_t digit = 0, f;
    const char *q = fold_run(s, k->end, k->fold, false, &f, &digit);
    size_t n = (size_t)(q - s);
    if (n > UINT16_MAX)
        return false;
    if (q < k->end) {
        unsigned char x = (unsigned char)*q;
        if (x >= 0x80 || ((x | 0x20) >= 'a' && (x | 0x20) <= 'z'))
            return false;
        if ((x == '.' || x == ',' || x == ':' || x == '/' || x == '-') && q + 1 < k->end &&
            ((unsigned char)q[1] >= 0x80 || (q[1] >= '0' && q[1] <= '9')))
            return false;
    }
    fast_push(k, q, KB_TOK_NUM, k->pending | KB_TF_DIGIT, n, f, false);
    return true;
}

/* The fast way for the ASCII punctuation mark b at k->p (not an
   apostrophe): "." "..." "-" "--" or any other single mark. */
ALWAYS_INLINE void fast_punct(struct scan *k, unsigned char b)
{
    const char *s = k->p;
    size_t avail = (size_t)(k->end - s), n = 1;
    if (b == '.' && avail > 2 && s[1] == '.' && s[2] == '.')
        n = 3;
    else if (b == '-' && avail > 1 && s[1] == '-')
        n = 2;
    uint64_t f = load8(s, avail) & first_bytes(n);
    memcpy(k->fold, &f, 8);
    fast_push(k, s + n, KB_TOK_PUNCT, k->pending, n, f, true);
}

/* Push the token at i (class cl, len: peek() there) by the general rules;
   its end in *end. */
static int general(struct kb_doc *doc, size_t i, enum cclass cl, int len, unsigned flags,
                   size_t *end)
{
    struct cursor c = {doc->text, doc->len};
    int kind;
    *end = general_token(&c, i, cl, len, &kind, &flags);
    int rc = push_token(doc, i, *end, kind, flags);
    if (rc || (rc = fold_room(doc, *end)) || (rc = KB_VEC_RESERVE(&doc->toks, doc->toks.n + 1)))
        return rc;
    const struct kb_token *t = &doc->toks.v[doc->toks.n - 1];
    return may_split(t->flags, doc->fold.data + t->fold, t->fold_len) ? mark(doc, doc->toks.n - 1)
                                                                       : KB_OK;
}

int kb_tokenize(struct kb_doc *doc)
{
    int rc = KB_VEC_RESERVE(&doc->toks, doc->len / 5 + 16);
    if (rc || (rc = fold_room(doc, 0)))
        return rc;
    struct scan k = {.doc = doc, .p = doc->text, .end = doc->text + doc->len};
    doc->tok_cand.n = 0;
    get(&k);
    while (k.p < k.end) {
        unsigned char b = (unsigned char)*k.p;
        enum cclass cl = b < 0x80 ? (enum cclass)ascii_class[b] : C_PUNCT;
        if (b < 0x80 && (cl == C_SPACE || cl == C_NL)) {
            space(&k, cl, 1);
            continue;
        }
        if (k.tok == k.tok_end) { /* room for one more token */
            put(&k);
            if ((rc = KB_VEC_RESERVE(&doc->toks, doc->toks.n + 1)))
                return rc;
            get(&k);
        }
        if (b < 0x80 && (cl == C_UPPER || cl == C_LOWER) && fast_word(&k)) {
            skip_space(&k);
            continue;
        }
        if (b < 0x80 && cl == C_PUNCT && b != '\'') {
            fast_punct(&k, b);
            skip_space(&k);
            continue;
        }
        if (b < 0x80 && cl == C_DIGIT && fast_number(&k)) {
            skip_space(&k);
            continue;
        }
        struct cursor c = {doc->text, doc->len};
        size_t i = (size_t)(k.p - doc->text), end;
        int len;
        cl = peek(&c, i, &len, NULL);
        if (cl == C_SPACE || cl == C_NL) {
            space(&k, cl, len);
            continue;
        }
        put(&k);
        if ((rc = general(doc, i, cl, len, k.pending, &end)))
            return rc;
        get(&k);
        k.p = doc->text + end;
        k.pending = 0;
        k.newlines = 0;
    }
    put(&k);
    return k.err ? k.err : split_sentences(doc);
}
