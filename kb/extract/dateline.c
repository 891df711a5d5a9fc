/*
 * dateline.c -- the dateline that opens a wire story: "ROME (Reuters) -",
 * "NAIROBI, Kenya (AP) —", "KYIV, March 3 -", "WASHINGTON (CNN)".
 *
 * A dateline names where (and when, and by whom) the story was filed; it is
 * not part of the first sentence's grammar.  The entity stage reads its
 * place as a place (not a capital standing for its government), the event
 * stage starts the first sentence after it.  Read-only over the tokens.
 */
#include "extract.h"

/* A dash token: "-", "--", en dash, em dash. */
static bool dash_at(const struct kb_doc *doc, size_t i)
{
    return kb_tok_is(doc, i, "-") || kb_tok_is(doc, i, "--") ||
           kb_tok_is(doc, i, "\xe2\x80\x93") || kb_tok_is(doc, i, "\xe2\x80\x94");
}

/* Can token i stand in a dateline segment: a capitalised word or a number? */
static bool seg_tok(const struct kb_doc *doc, size_t i)
{
    const struct kb_token *t = &doc->toks.v[i];
    if (t->kind == KB_TOK_WORD && (t->flags & KB_TF_CAP))
        return true;
    return (t->flags & KB_TF_DIGIT) && !(t->flags & KB_TF_ALPHA);
}

/*
 * The length of a segment at i: one to four capitalised words or numbers
 * ("NEW YORK", "March 3", "2024"), before `end`; 0 when none.
 */
static size_t segment(const struct kb_doc *doc, size_t i, size_t end)
{
    size_t n = 0;
    while (i + n < end && n < 4 && seg_tok(doc, i + n))
        n++;
    return i + n < end && seg_tok(doc, i + n) ? 0 : n;
}

size_t kb_dateline_end(const struct kb_doc *doc, size_t s)
{
    const struct kb_sentence *st = &doc->sents.v[s];
    size_t b = st->tok_begin, end = st->tok_end, i = b;
    size_t n = segment(doc, i, end);
    if (!n)
        return b;
    bool allcap = (doc->toks.v[i].flags & KB_TF_ALLCAP) != 0, comma = false,
         agency = false;
    i += n;
    /* ", Kenya", ", March 3", ", 2024" */
    for (int k = 0; k < 3 && i + 1 < end && kb_tok_is(doc, i, ","); k++) {
        n = segment(doc, i + 1, end);
        if (!n)
            return b;
        i += 1 + n;
        comma = true;
    }
    /* "(Reuters)", "(AP)", "(dpa)", "(dpa-AFX)" */
    if (i < end && kb_tok_is(doc, i, "(")) {
        n = 0;
        while (i + 1 + n < end && n < 5 &&
               (doc->toks.v[i + 1 + n].kind == KB_TOK_WORD ||
                kb_tok_is(doc, i + 1 + n, "-")))
            n++;
        if (!n || i + 1 + n >= end || !kb_tok_is(doc, i + 1 + n, ")"))
            return b;
        i += n + 2;
        agency = true;
    }
    if (i < end && dash_at(doc, i) && (allcap || comma || agency))
        return i + 1 < end ? i + 1 : b;
    /* "WASHINGTON (CNN) The president ...": no dash after the agency */
    if (agency && i < end && (doc->toks.v[i].flags & KB_TF_CAP))
        return i;
    return b;
}
