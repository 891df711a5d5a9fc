/*
 * lexicon.h -- the project's dictionaries (countries and demonyms, historic
 * states, groups, organisations, titles, role nouns, given and family
 * names, English words, event verbs), loaded from the TSV files under kb/data that are compiled
 * into the binary, and matched against token sequences.
 *
 * Every dictionary phrase is keyed by kb_phrase_key(): the folded forms of
 * its tokens, joined by one space where the phrase has whitespace, so that a
 * phrase and a span of text meet exactly when their tokens do.
 */
#ifndef KB_LEXICON_H
#define KB_LEXICON_H

#include "extract.h"

/* What a dictionary value refers to: kind in the top 8 bits, index below. */
enum kb_lex_kind {
    LX_COUNTRY = 1, /* country name or variant -> countries[] */
    LX_DEMONYM,     /* "Belarusian(s)" -> countries[] */
    LX_HISTORIC,    /* "Soviet Union" -> historic[] */
    LX_HDEMONYM,    /* "Soviet" -> historic[] */
    LX_ORG,         /* organisation name or alias -> orgs[] */
    LX_TITLE,       /* "president", "prime minister" -> titles[] */
    LX_ROLE,        /* "government", "air defenses" -> roles[] */
    LX_FIRST,       /* given name */
    LX_COMMON,      /* common English word */
    LX_VERB,        /* inflected trigger form -> verbs[] */
    LX_VERBNOUN,    /* nominal trigger -> verbs[] */
    LX_GROUP,       /* nationality, people, religion, political current -> groups[] */
    LX_CAPITAL,     /* the capital city of a country -> countries[] */
    LX_CUE,         /* a cue word of entity recognition; index = bit per cue table */
    LX_PLACE,       /* a place name in a form the gazetteer lacks ("Fla.") -> places[] */
    LX_PERSON,      /* a person the news names by surname alone -> people[] */
};
#define LX_VAL(kind, idx) (((uint32_t)(kind) << 24) | (uint32_t)(idx))
#define LX_KIND(v) ((int)((v) >> 24))
#define LX_IDX(v) ((size_t)((v)&0xFFFFFF))

struct kb_country {
    const char *iso2, *iso3, *name, *capital;
    double lat, lon;
};

/* A NORP group of kb/data/groups.tsv ("Tajik", "Kurdish", "Texan", "Muslim"). */
struct kb_group {
    const char *name;    /* first listed name (lexicon arena) */
    const char *country; /* ISO alpha-2 of the group's state, or NULL */
    const char *place;   /* the region the name derives from ("Texas"), or NULL */
};

/* A place name of kb/data/place-names.tsv ("Fla." -> Florida, "Midwest"). */
struct kb_place_name {
    const char *name;    /* canonical name, as the gazetteer knows it */
    const char *country; /* ISO alpha-2 or NULL */
    uint8_t type;        /* enum kb_ent_type: GPE or LOC */
};

/* A person of kb/data/people.tsv ("Putin" -> Vladimir Putin). */
struct kb_person {
    const char *name;    /* canonical full name */
    const char *country; /* ISO alpha-2 or NULL */
    uint8_t role;        /* enum kb_role the person acts in */
};

/* Classes of a single word (kb/data/words.tsv and the hand-written lists). */
enum kb_word_class {
    KB_WORD_COMMON = 1 << 0, /* an English word written in lower case */
    KB_WORD_GIVEN = 1 << 1,  /* a given name */
    KB_WORD_FAMILY = 1 << 2, /* a family name */
};

/*
 * A sorted word list over embedded text: word i is text[off[i]..] up to its
 * tab, its classes cls[i].  Invariant: words are strictly increasing in
 * bytewise order (a unit test checks it), so lookups are binary searches.
 */
struct kb_words {
    const char *text; /* embedded data, not owned */
    uint32_t *off;    /* heap */
    uint8_t *cls;     /* heap */
    uint8_t *len;     /* heap: word lengths (words are shorter than 256 bytes) */
    size_t n;
    /* open addressing by kb_hash_bytes(): 1 + word index, 0 = empty (heap) */
    uint32_t *slot;
    size_t mask;
};

struct kb_historic {
    const char *name, *successor;
};

struct kb_org {
    const char *name;
    const char *country; /* ISO alpha-2 or NULL */
    uint8_t type;        /* enum kb_ent_type */
};

struct kb_title {
    const char *phrase;
    uint8_t role;  /* enum kb_role */
    bool office;   /* can stand alone as an actor description */
};

struct kb_role_noun {
    const char *phrase;
    uint8_t role;
};

struct kb_verb {
    const char *lemma;
    const char *type;
    char cameo[6];
    uint8_t ntok; /* tokens in the lemma ("shoot down" = 2) */
};

/* Slots of the temporal vocabulary's hash table (timex_words.c). */
#define KB_TIMEX_SLOTS 2048

struct kb_lexicon {
    KB_VEC(struct kb_country) countries;
    KB_VEC(struct kb_historic) historic;
    KB_VEC(struct kb_org) orgs;
    KB_VEC(struct kb_title) titles;
    KB_VEC(struct kb_role_noun) roles;
    KB_VEC(struct kb_verb) verbs;
    KB_VEC(struct kb_group) groups;
    KB_VEC(struct kb_place_name) places;
    KB_VEC(struct kb_person) people;
    struct kb_words words;      /* word classes of kb/data/words.tsv */
    int16_t by_iso[26 * 26];    /* ISO alpha-2 -> index in countries, or -1 */
    struct kb_strmap phrases;   /* case-insensitive phrases -> LX_VAL */
    struct kb_strmap acronyms;  /* case-sensitive acronyms ("UN", "WHO") -> LX_VAL */
    uint16_t timex_slots[KB_TIMEX_SLOTS]; /* the temporal vocabulary hashed (kbp_timex_index) */
    struct kb_arena arena;
};

/* ---- lexicon.c ---- */

/* Build the lexicon from the embedded data.  Free with kb_lexicon_free(). */
int kb_lexicon_new(struct kb_lexicon **out, struct kb_error *err);
void kb_lexicon_free(struct kb_lexicon *lex);
/* Country by ISO alpha-2 code, or NULL. */
const struct kb_country *kb_lexicon_country(const struct kb_lexicon *lex, const char *iso2);
/*
 * Regular inflections of the verb w[0..n) (lower case, n > 0): out[0] the
 * third person singular (also a noun's plural), out[1] the past, out[2] the
 * -ing form.  No consonant doubling: list "banned" where it matters.
 */
void kb_verb_inflect(const char *w, size_t n, char out[3][64]);
/* Does a single token (any case) carry a value of lexicon kind `kind`? */
bool kb_lexicon_has(const struct kb_lexicon *lex, const struct kb_doc *doc, size_t tok,
                    int kind);

/*
 * The enum kb_word_class bits of a folded word s[0..n): the generated word
 * list and the hand-written given names and common words.  0 when unknown.
 */
unsigned kb_lexicon_word(const struct kb_lexicon *lex, const char *s, size_t n);
/* The same from kb/data/words.tsv alone (the hand-written lists are LX_FIRST
   and LX_COMMON values of the phrase map). */
unsigned kb_lexicon_word_list(const struct kb_lexicon *lex, const char *s, size_t n);

/* The cue tables of entity recognition (entities_cues.c): table `which`, or 0. */
size_t kbp_entities_table(int which, const char *const **out);

/* ---- phrase.c ---- */

/*
 * Append the phrase key of s[0..n) to out: s tokenized like article text,
 * folded tokens joined by a space where s had whitespace.
 */
int kb_phrase_key(const char *s, size_t n, struct kb_buf *out);
/* kb_phrase_key() by tokenizing s whatever it is (tests compare the two). */
int kbp_phrase_key_tokens(const char *s, size_t n, struct kb_buf *out);
/*
 * Add phrase -> val to map, marking every shorter token prefix of the phrase
 * so that kb_phrase_match() can extend matches greedily.
 */
int kb_phrase_add(struct kb_strmap *map, const char *s, size_t n, uint32_t val,
                  struct kb_buf *scratch);
/*
 * Longest phrase of map starting at token `tok` and ending before token
 * `end`.  Returns the number of tokens matched (0: none) and the values in
 * *vals and *nvals (borrowed from map).  `exact_case` compares token text as
 * written instead of folded forms (for acronym maps).
 */
size_t kb_phrase_match(const struct kb_strmap *map, const struct kb_doc *doc, size_t tok,
                       size_t end, bool exact_case, struct kb_buf *scratch,
                       const uint32_t **vals, size_t *nvals);
/*
 * kb_phrase_match() (folded forms) when the caller already looked up token
 * tok alone and found it a prefix of longer phrases: its values fv[0..fn)
 * (fn 0: none).  The same answer, one lookup fewer.  *dead2 is set when no
 * phrase starts with tokens tok and tok + 1 (as they are spaced): the answer
 * is then the word alone's, whatever follows them.
 */
size_t kb_phrase_match_after(const struct kb_strmap *map, const struct kb_doc *doc, size_t tok,
                             size_t end, const uint32_t *fv, size_t fn, struct kb_buf *scratch,
                             const uint32_t **vals, size_t *nvals, bool *dead2);

/* Embedded data (generated by tools/embed.c into build/embedded.c). */
extern const unsigned char kb_embed_countries[], kb_embed_historic_places[], kb_embed_orgs[],
    kb_embed_titles[], kb_embed_role_nouns[], kb_embed_first_names[], kb_embed_common_words[],
    kb_embed_verbs[], kb_embed_gazetteer[], kb_embed_words[], kb_embed_groups[],
    kb_embed_place_names[], kb_embed_people[];
extern const size_t kb_embed_countries_len, kb_embed_historic_places_len, kb_embed_orgs_len,
    kb_embed_titles_len, kb_embed_role_nouns_len, kb_embed_first_names_len,
    kb_embed_common_words_len, kb_embed_verbs_len, kb_embed_gazetteer_len, kb_embed_words_len,
    kb_embed_groups_len, kb_embed_place_names_len, kb_embed_people_len;

/* ---- tsv.c: iterate over the rows of an embedded TSV text ---- */

struct kb_tsv {
    const char *p, *end;
    long line;
    char *fields[16];
    size_t nfields;
    struct kb_buf row; /* current row, fields split in place */
};

void kb_tsv_init(struct kb_tsv *t, const char *text, size_t len);
void kb_tsv_release(struct kb_tsv *t);
/* Next non-comment, non-empty row: 1 = row, 0 = end, <0 = -KB_ENOMEM. */
int kb_tsv_next(struct kb_tsv *t);
/* Field i or "" when the row has fewer fields. */
const char *kb_tsv_field(const struct kb_tsv *t, size_t i);

#endif
