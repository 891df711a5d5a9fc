/*
 * phrase.c -- dictionary phrases keyed like text: building keys for
 * dictionary entries and greedy longest-match lookup over tokens.
 */
#include "lexicon.h"

#include <string.h>
#include <utf8proc.h>

static bool simple_phrase(const char *s, size_t n)
{
    if (n == 0 || s[0] == ' ' || s[n - 1] == ' ')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!alpha && !(c == ' ' && s[i + 1] != ' '))
            return false;
    }
    return true;
}

/* Does the tokenizer take code point cp (not ASCII) for space or a line break? */
static bool space_cp(int32_t cp)
{
    if (cp == 0x85 || cp == 0x2028 || cp == 0x2029)
        return true;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
        return true;
    default:
        return false;
    }
}

/*
 * The key of the usual name without tokenizing: valid UTF-8 with no space
 * but single ASCII spaces between words is its own fold (each token folds
 * on its own, and tokens meet where the text has no space).  False, out
 * unchanged, for anything else.  tests/unit/test_gazetteer.c checks the two
 * ways agree on every name of the built-in gazetteer.
 */
static bool plain_key(const char *s, size_t n, struct kb_buf *out)
{
    if (n == 0 || s[0] == ' ' || s[n - 1] == ' ')
        return false;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c < ' ' || c == 0x7F || (c == ' ' && s[i + 1] == ' '))
                return false;
            i++;
            continue;
        }
        int32_t cp;
        int len = kb_utf8_decode(s + i, n - i, &cp);
        if ((cp == 0xFFFD && len == 1) || space_cp(cp))
            return false;
        i += (size_t)len;
    }
    size_t mark = out->len;
    if (kb_fold(s, n, out) == KB_OK)
        return true;
    out->len = mark;
    return false;
}

int kbp_phrase_key_tokens(const char *s, size_t n, struct kb_buf *out)
{
    struct kb_doc *d = kb_doc_new(s, n);
    if (!d)
        return KB_ENOMEM;
    int rc = kb_tokenize(d);
    for (size_t i = 0; !rc && i < d->toks.n; i++) {
        if (i > 0 && (d->toks.v[i].flags & KB_TF_SPACE))
            rc = kb_buf_addc(out, ' ');
        size_t fl;
        const char *f = kb_tok_fold(d, i, &fl);
        if (!rc)
            rc = kb_buf_add(out, f, fl);
    }
    kb_doc_free(d);
    return rc;
}

int kb_phrase_key(const char *s, size_t n, struct kb_buf *out)
{
    if (simple_phrase(s, n))
        return kb_fold(s, n, out);
    if (plain_key(s, n, out))
        return KB_OK;
    return kbp_phrase_key_tokens(s, n, out);
}

int kb_phrase_add(struct kb_strmap *map, const char *s, size_t n, uint32_t val,
                  struct kb_buf *scratch)
{
    kb_buf_reset(scratch);
    if (simple_phrase(s, n)) {
        int rc = kb_fold(s, n, scratch);
        if (rc)
            return rc;
        for (size_t i = 0; i < scratch->len; i++)
            if (scratch->data[i] == ' ' && (rc = kb_strmap_mark_prefix(map, scratch->data, i)))
                return rc;
        return kb_strmap_add(map, scratch->data, scratch->len, val);
    }
    struct kb_doc *d = kb_doc_new(s, n);
    if (!d)
        return KB_ENOMEM;
    int rc = kb_tokenize(d);
    for (size_t i = 0; !rc && i < d->toks.n; i++) {
        if (i > 0) {
            rc = kb_strmap_mark_prefix(map, scratch->data, scratch->len);
            if (!rc && (d->toks.v[i].flags & KB_TF_SPACE))
                rc = kb_buf_addc(scratch, ' ');
        }
        size_t fl;
        const char *f = kb_tok_fold(d, i, &fl);
        if (!rc)
            rc = kb_buf_add(scratch, f, fl);
    }
    if (!rc && scratch->len)
        rc = kb_strmap_add(map, scratch->data, scratch->len, val);
    kb_doc_free(d);
    return rc;
}

/* Extend the match of tokens [tok, j), whose key is in scratch and whose best
   match so far is `best` tokens long (values in *vals), token by token.
   *dead (when not NULL) is the token whose key neither is a phrase nor
   starts one, or SIZE_MAX. */
static size_t match_from(const struct kb_strmap *map, const struct kb_doc *doc, size_t tok,
                         size_t j, size_t end, bool exact_case, struct kb_buf *scratch,
                         size_t best, const uint32_t **vals, size_t *nvals, size_t *dead)
{
    if (dead)
        *dead = SIZE_MAX;
    for (; j < end && j - tok < 12; j++) {
        size_t fl;
        const char *f = exact_case ? kb_tok_text(doc, j, &fl) : kb_tok_fold(doc, j, &fl);
        bool space = j > tok && (doc->toks.v[j].flags & (KB_TF_SPACE | KB_TF_NL));
        if (kb_buf_grow(scratch, fl + 1))
            break;
        char *d = scratch->data + scratch->len;
        if (space)
            *d++ = ' ';
        memcpy(d, f, fl);
        scratch->len += fl + space;
        scratch->data[scratch->len] = '\0';
        const uint32_t *v;
        size_t nv;
        int pr = kb_strmap_lookup(map, scratch->data, scratch->len, &v, &nv);
        if (pr & 1) {
            best = j - tok + 1;
            *vals = v;
            *nvals = nv;
        }
        if (!(pr & 2)) {
            if (dead && !(pr & 1))
                *dead = j;
            break;
        }
    }
    return best;
}

size_t kb_phrase_match(const struct kb_strmap *map, const struct kb_doc *doc, size_t tok,
                       size_t end, bool exact_case, struct kb_buf *scratch,
                       const uint32_t **vals, size_t *nvals)
{
    *vals = NULL;
    *nvals = 0;
    kb_buf_reset(scratch);
    return match_from(map, doc, tok, tok, end, exact_case, scratch, 0, vals, nvals, NULL);
}

size_t kb_phrase_match_after(const struct kb_strmap *map, const struct kb_doc *doc, size_t tok,
                             size_t end, const uint32_t *fv, size_t fn, struct kb_buf *scratch,
                             const uint32_t **vals, size_t *nvals, bool *dead2)
{
    *dead2 = false;
    if (tok >= end)
        return kb_phrase_match(map, doc, tok, end, false, scratch, vals, nvals);
    *vals = fn ? fv : NULL;
    *nvals = fn;
    kb_buf_reset(scratch);
    size_t fl;
    const char *f = kb_tok_fold(doc, tok, &fl);
    if (kb_buf_add(scratch, f, fl))
        return fn ? 1 : 0;
    size_t dead;
    size_t best = match_from(map, doc, tok, tok + 1, end, false, scratch, fn ? 1 : 0, vals, nvals,
                             &dead);
    *dead2 = dead == tok + 1;
    return best;
}
