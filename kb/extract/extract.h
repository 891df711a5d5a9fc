/*
 * extract.h -- the document model of the extraction stages and their
 * internal prototypes, grouped per file.
 *
 * A struct kb_doc travels through the stages in order:
 *   tokenize.c  text -> tokens, sentences
 *   timex.c     tokens -> TIMEX3 temporal expressions
 *   entities.c  tokens -> entity mentions (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT),
 *               never over a timex's tokens; in text order and not overlapping,
 *               except that a place embedded in a name (KB_EF_EMBEDDED) follows
 *               the name it lies in
 *   places.c    GPE/LOC/FAC mentions -> places resolved with the gazetteer
 *   events.c    sentences + mentions -> coded events
 * contract.c renders the result in the JSON form of CONTRACT.md.  Every
 * stage only adds to the doc; none needs a database.
 *
 * Memory: the doc borrows its text (the caller keeps it alive until
 * kb_doc_free); everything else -- arrays, names, values -- is owned by the
 * doc and freed by kb_doc_free.  Offsets are UTF-8 byte offsets into text,
 * end exclusive.
 */
#ifndef KB_EXTRACT_H
#define KB_EXTRACT_H

#include "core/core.h"

#include <jansson.h>

struct kb_lexicon;
struct kb_gazetteer;
struct kb_event_dict;

/* ---- tokens and sentences ---- */

enum kb_tok_kind { KB_TOK_WORD, KB_TOK_NUM, KB_TOK_PUNCT };

enum kb_tok_flags {
    KB_TF_CAP = 1 << 0,    /* first character is an upper-case letter */
    KB_TF_ALLCAP = 1 << 1, /* has letters, all upper case (and more than one) */
    KB_TF_SPACE = 1 << 2,  /* whitespace before the token */
    KB_TF_NL = 1 << 3,     /* a line break before the token */
    KB_TF_PARA = 1 << 4,   /* a blank line before the token */
    KB_TF_SSTART = 1 << 5, /* first token of its sentence */
    KB_TF_ABBR = 1 << 6,   /* abbreviation or initial, includes its period */
    KB_TF_ALPHA = 1 << 7,  /* contains a letter */
    KB_TF_DIGIT = 1 << 8,  /* contains a digit */
    KB_TF_LOWER = 1 << 9,  /* starts with a lower-case letter */
};

struct kb_token {
    uint32_t start, end;  /* bytes of the token in text */
    uint32_t fold;        /* offset of the folded form in doc->fold */
    uint32_t sent;        /* sentence index */
    uint16_t fold_len;    /* length of the folded form */
    uint16_t flags;       /* enum kb_tok_flags */
    uint8_t kind;         /* enum kb_tok_kind */
    /* (uint32_t)kb_hash_bytes() of the folded form, computed while folding:
       look the token up with kb_tok_lookup() or kb_strmap_lookup_hash(), or
       key a per-document cache by it, instead of hashing the fold again.  A
       table of its own keyed by kb_hash_bytes can use it too: start probing
       at hash & mask (mask < 2^32) and compare (uint32_t)slot_hash == hash
       before the bytes */
    uint32_t hash;
};

struct kb_sentence {
    uint32_t start, end;         /* bytes, trimmed of surrounding space */
    uint32_t tok_begin, tok_end; /* token range [begin, end) */
};

/* ---- mentions ---- */

enum kb_ent_type {
    KB_ENT_PERSON,
    KB_ENT_ORG,
    KB_ENT_GPE,
    KB_ENT_LOC,
    KB_ENT_NORP,
    KB_ENT_FAC,
    KB_ENT_EVENT,
    KB_ENT__MAX
};

/* The institutional role an actor mention names ("the Ukrainian government"). */
enum kb_role {
    KB_ROLE_NONE,
    KB_ROLE_GOV,
    KB_ROLE_MIL,
    KB_ROLE_POLICE,
    KB_ROLE_LEADER,
    KB_ROLE_PEOPLE,
    KB_ROLE__MAX
};

/* Properties of an entity mention. */
enum kb_ent_flags {
    /* a description that names an entity of the document again ("the Belarusian
       president" -> ref): for events and the store, never in the contract's list */
    KB_EF_NOMINAL = 1 << 0,
    /* a capital or country standing for its government ("Kyiv accused ..."):
       actor is the country, and the mention is still a place */
    KB_EF_METONYM = 1 << 1,
    /* a place named inside the name before it ("Texas" in "Texas Rangers"): a
       toponym for places.c, not a name of its own for the contract's list */
    KB_EF_EMBEDDED = 1 << 2,
};

struct kb_entity {
    uint32_t start, end;  /* surface span */
    uint32_t tok, ntok;   /* token range */
    uint32_t sent;
    uint8_t type;         /* enum kb_ent_type */
    uint8_t role;         /* enum kb_role (for actor phrases) */
    uint8_t flags;        /* enum kb_ent_flags */
    int32_t ref;          /* coreference: earlier entity this one names again, or -1 */
    int32_t place;        /* index in doc->places, or -1 */
    const char *name;     /* canonical name (arena) */
    const char *country;  /* ISO 3166 alpha-2 of the entity's country, or NULL */
    const char *actor;    /* name of the actor this mention stands for (arena), or NULL */
    float conf;
};

enum kb_timex_type { KB_TIMEX_DATE, KB_TIMEX_TIME, KB_TIMEX_DURATION, KB_TIMEX_SET };

struct kb_timex {
    uint32_t start, end, sent;
    uint32_t tok, ntok;
    uint8_t type;     /* enum kb_timex_type */
    char value[48];   /* TIMEX3 value */
    char mod[16];     /* TIMEX3 mod (START, END, APPROX, EQUAL_OR_LESS, ...) or "" */
    bool anchored;    /* value depends on the document date */
};

/* A place containing a resolved place: its country or first-level division. */
struct kb_place_ref {
    const char *name;     /* NULL: none (owned by the gazetteer) */
    int64_t geonameid;    /* 0 when not from GeoNames */
    double lat, lon;
    char country[4];      /* ISO alpha-2 or "" */
    char admin1[24];      /* GeoNames admin1 code or "" */
    char feature[12];     /* "A.PCLI", "A.ADM1" */
};

struct kb_place {
    uint32_t start, end, sent;
    int32_t entity;       /* index in doc->entities */
    const char *name;     /* resolved name (arena) */
    int64_t geonameid;    /* 0 when unresolved or not from GeoNames */
    double lat, lon;
    bool resolved;        /* false: lat/lon/geonameid are null */
    char country[4];      /* ISO alpha-2 or "" */
    char admin1[24];      /* GeoNames admin1 code or "" */
    char feature[12];     /* "CLASS.CODE", e.g. "P.PPLC" */
    float conf;
    struct kb_place_ref in_admin1;  /* the division it lies in (name NULL: none) */
    struct kb_place_ref in_country; /* the country it lies in (name NULL: none) */
};

enum kb_event_flags {
    KB_EV_NEGATED = 1 << 0,
    KB_EV_HYPOTHETICAL = 1 << 1,
    KB_EV_CLAIMED = 1 << 2,
    KB_EV_DATE_INFERRED = 1 << 3,
};

enum kb_precision {
    KB_PREC_NONE,
    KB_PREC_CENTURY,
    KB_PREC_DECADE,
    KB_PREC_YEAR,
    KB_PREC_QUARTER,
    KB_PREC_MONTH,
    KB_PREC_WEEK,
    KB_PREC_DAY,
    KB_PREC__MAX
};

struct kb_event {
    uint32_t sent;
    uint32_t trig_start, trig_end;
    const char *type;   /* event type name, e.g. "ATTACK" (static) */
    char cameo[6];      /* CAMEO code, e.g. "195" */
    int32_t actor;      /* entity index or -1 */
    int32_t target;     /* entity index or -1 */
    int32_t place;      /* place index or -1 */
    int32_t origin;     /* place index ("from X") or -1 */
    int32_t dest;       /* place index ("into Y") or -1 */
    int32_t timex;      /* timex index the date came from, or -1 */
    int32_t claimed_by; /* entity index of the claimant, or -1 */
    char date[48];      /* TIMEX3 value of the event date, "" if none */
    uint8_t precision;  /* enum kb_precision */
    uint32_t flags;     /* enum kb_event_flags */
};

struct kb_doc {
    const char *id;      /* arena; may be NULL */
    const char *title;   /* arena; may be NULL */
    const char *source;  /* arena; may be NULL */
    const char *text;    /* borrowed */
    size_t len;
    bool has_dct;
    struct kb_date dct;
    KB_VEC(struct kb_token) toks;
    KB_VEC(struct kb_sentence) sents;
    KB_VEC(struct kb_entity) ents;
    KB_VEC(struct kb_timex) timexes;
    KB_VEC(struct kb_place) places;
    KB_VEC(struct kb_event) events;
    struct kb_buf fold;  /* folded token forms, see kb_token.fold */
    struct kb_arena arena;
    KB_VEC(uint32_t) tok_cand; /* tokenize.c's scratch: tokens that may end a sentence */
    /* the entity stage's dictionary answers by word, kept from one document to
       the next (wordcache.h); NULL until the stage runs */
    struct kb_word_cache *wcache;
};

/* Free a struct kb_doc's word cache (kb_doc_free does); NULL-safe. */
void kb_word_cache_free(struct kb_word_cache *c);

/* Options of an extraction run. */
struct kb_extract_opts {
    bool day_first;   /* read 03/04/2022 as 3 April (day-first locales) */
};

/* Read-only resources shared by every extraction (safe across threads). */
struct kb_extractor {
    const struct kb_lexicon *lex;
    const struct kb_gazetteer *gaz;
    const struct kb_event_dict *evd; /* event triggers and patterns (events_dict.c) */
    struct kb_extract_opts opts;
};

/* ---- doc.c ---- */

/* New empty doc over text[0..len) (borrowed).  Caller frees with kb_doc_free(). */
struct kb_doc *kb_doc_new(const char *text, size_t len);
void kb_doc_free(struct kb_doc *doc); /* NULL-safe */
/*
 * Empty doc for reuse over new text (borrowed): as kb_doc_new() gives, but
 * keeping the memory of its arrays and arena, so a worker extracting
 * article after article does not go back to malloc for each.
 */
void kb_doc_reset(struct kb_doc *doc, const char *text, size_t len);
/* Set metadata (copied into the doc).  NULL leaves the field unset. */
int kb_doc_set_meta(struct kb_doc *doc, const char *id, const char *title,
                    const char *source);
/* Folded form of token i (not NUL-terminated; length in *n). */
const char *kb_tok_fold(const struct kb_doc *doc, size_t i, size_t *n);
/* Pointer to a token's text and its length. */
const char *kb_tok_text(const struct kb_doc *doc, size_t i, size_t *n);
/*
 * True if token i's folded form equals the NUL-terminated word w.  Inline
 * and without strlen: the stages call it for every token against word
 * lists, and most calls fail on the first byte.
 */
static inline bool kb_tok_is(const struct kb_doc *doc, size_t i, const char *w)
{
    const struct kb_token *t = &doc->toks.v[i];
    const char *f = doc->fold.data + t->fold;
    for (size_t k = 0; k < t->fold_len; k++)
        if (w[k] != f[k] || !w[k])
            return false;
    return w[t->fold_len] == '\0';
}
/*
 * kb_strmap_lookup() of token i's folded form, by the hash the tokenizer
 * stored (struct kb_token.hash): the same answer, without hashing again.
 */
static inline int kb_tok_lookup(const struct kb_doc *doc, size_t i, const struct kb_strmap *m,
                                const uint32_t **vals, size_t *n)
{
    const struct kb_token *t = &doc->toks.v[i];
    return kb_strmap_lookup_hash(m, t->hash, doc->fold.data + t->fold, t->fold_len, vals, n);
}
const char *kb_ent_type_name(int type);
int kb_ent_type_parse(const char *s);
const char *kb_precision_name(int p);
/* Names of roles ("government", ...; NULL for KB_ROLE_NONE) and TIMEX3 types. */
const char *kb_role_name(int role);
const char *kb_timex_type_name(int type);
/* Inverses of the name functions: the enum value, or -1 for an unknown name. */
int kb_role_parse(const char *s);
int kb_timex_type_parse(const char *s);
int kb_precision_parse(const char *s);
/* The canonical actor name an entity stands for (following ref), or NULL. */
const char *kb_entity_actor(const struct kb_doc *doc, int32_t ent);

/* ---- tokenize.c ---- */

/* Fill doc->toks and doc->sents from doc->text. */
int kb_tokenize(struct kb_doc *doc);

/* ---- dateline.c ---- */

/*
 * The first token after the dateline opening sentence s ("ROME (Reuters) -",
 * "KYIV, March 3 -", "WASHINGTON (CNN)"); the sentence's first token when
 * it opens with none.
 */
size_t kb_dateline_end(const struct kb_doc *doc, size_t s);

/* ---- entities.c ---- */

int kb_entities_find(const struct kb_extractor *ex, struct kb_doc *doc);

/* ---- timex.c ---- */

int kb_timex_find(const struct kb_extractor *ex, struct kb_doc *doc);
/*
 * The calendar span a TIMEX3 DATE value covers: first and last day, and
 * precision.  Returns false for values without one (durations, PAST_REF
 * without a DCT, ...).  `dct` resolves PRESENT_REF when non-NULL.
 */
bool kb_timex_value_span(const char *value, const struct kb_date *dct,
                         struct kb_date *first, struct kb_date *last, int *precision);

/* ---- places.c ---- */

int kb_places_resolve(const struct kb_extractor *ex, struct kb_doc *doc);

/* ---- events.c, events_*.c ---- */

/* Find the events of doc (after timexes, entities and places) into doc->events. */
int kb_events_find(const struct kb_extractor *ex, struct kb_doc *doc);
/* Build the event dictionary from the embedded tables.  Free with kb_event_dict_free(). */
int kb_event_dict_new(struct kb_event_dict **out, struct kb_error *err);
void kb_event_dict_free(struct kb_event_dict *d); /* NULL-safe */

/* ---- extract.c ---- */

/* Load the built-in lexicon and gazetteer.  Free with kb_extractor_release(). */
int kb_extractor_init(struct kb_extractor *ex, struct kb_error *err);
void kb_extractor_release(struct kb_extractor *ex);
/* Run every stage on doc. */
int kb_extract(const struct kb_extractor *ex, struct kb_doc *doc);

/* ---- contract.c ---- */

/* Flags of kb_doc_write_json beside enum kb_json_flags. */
enum kb_doc_json_flags { KB_DOC_NO_TEXT = 1 << 8 /* leave the article text out */ };

/*
 * Append the doc to out as one JSON object in the CONTRACT.md form and a
 * newline: compact (flags 0) or indented (KB_JSON_PRETTY), with or without
 * the text (KB_DOC_NO_TEXT).  Extra keys carry what kb_doc_from_json()
 * needs to rebuild the doc for the store; `path` (may be NULL) is the file
 * the article came from.  KB_OK or KB_ENOMEM.
 */
int kb_doc_write_json(const struct kb_doc *doc, const char *path, unsigned flags,
                      struct kb_buf *out);
/* The same as a new jansson object (for tests and tools); NULL on OOM. */
json_t *kb_doc_to_json(const struct kb_doc *doc);

/* ---- load.c ---- */

/*
 * Parse one line written by kb_doc_write_json() into a new doc that owns its
 * text (caller frees with kb_doc_free()); *path is the "path" key or NULL,
 * owned by the doc.  The text is the line's "text", or text[0..tlen) when
 * text is not NULL (a line written with KB_DOC_NO_TEXT).  KB_EPARSE with a
 * message naming the bad key; KB_ENOTFOUND for the error lines kb extract
 * writes for input it could not read.
 */
int kb_doc_from_json(const char *line, size_t n, const char *text, size_t tlen,
                     struct kb_doc **out, const char **path, struct kb_error *err);

#endif
