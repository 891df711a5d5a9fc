/*
 * entities.h -- the working state of named-entity recognition, shared by the
 * files of the stage (internal to kb/extract/entities*.c):
 *
 *   entities.c         the driver and the reading of sentences into candidates
 *   entities_words.c   the per-document word index: one entry per distinct
 *                      folded word with its case statistics and word classes
 *   entities_cues.c    cue tables and the context and shape evidence that types
 *                      an unknown name
 *   entities_decide.c  document-level decisions: name memory, sports teams,
 *                      headlines in capitals, the final type of each candidate
 *   entities_coref.c   output, coreference of names, nominal mentions,
 *                      metonymy and actor links
 *
 * Memory: everything here lives for one kb_entities_find() call and is freed
 * by its end, except the per-token arrays, taken from the document's arena
 * (kbp_ner_zalloc); arrays are sized once per document, never per token.
 */
#ifndef KB_ENTITIES_H
#define KB_ENTITIES_H

#include "gazetteer.h"
#include "lexicon.h"

/* Candidate types beyond enum kb_ent_type. */
#define T_UNDECIDED 0xFF /* a name whose type is still open */
#define T_DROP 0xFE      /* not a name after all */

/* How sure the reading of a candidate is (higher overrides lower). */
enum cand_strength {
    S_GUESS,   /* default for an unknown name */
    S_WEAK,    /* a gazetteer name that is also a common word or a personal name */
    S_CONTEXT, /* context or shape evidence */
    S_STRONG,  /* dictionary of the project, strong cue, or document memory of one */
};

enum cand_flags {
    CF_INITIAL = 1 << 0,  /* opens its sentence */
    CF_CASELESS = 1 << 1, /* in a headline in capitals or title case */
    CF_GAZ = 1 << 2,      /* the whole span is a gazetteer name (gaz holds it) */
    CF_LEX = 1 << 3,      /* the whole span is a lexicon name (lexval holds it) */
    CF_TEAM = 1 << 4,     /* a sports team named after its place */
    CF_LOCCTX = 1 << 5,   /* after a locative preposition ("in X") */
    CF_ACRONYM = 1 << 6,  /* an acronym of the lexicon (lexval holds it) */
    CF_DEFAULT = 1 << 7,  /* typed by default, without evidence */
    CF_SOFT = 1 << 8,     /* typed on slight evidence or by default: a list may retype it */
};

struct cand {
    uint32_t tb, te;     /* token range [tb, te) */
    uint8_t type;        /* enum kb_ent_type, T_UNDECIDED or T_DROP */
    uint8_t strength;    /* enum cand_strength */
    uint16_t flags;      /* enum cand_flags */
    uint32_t lexval;     /* LX_VAL of the lexicon entry, when CF_LEX/CF_ACRONYM */
    int32_t gaz;         /* best gazetteer place index when CF_GAZ, else -1 */
    const char *name;    /* canonical name (lexicon or gazetteer), or NULL = surface */
    const char *country; /* ISO alpha-2, or NULL */
    float score[KB_ENT__MAX]; /* evidence for each type (entities_cues.c) */
};

/* One distinct folded word of the document.  What the dictionaries say of
   it is looked up once, when first asked (kbp_ner_info). */
struct ner_word {
    uint32_t tok;       /* a token with this folded form */
    uint16_t n_lower;   /* occurrences starting with a lower-case letter */
    uint16_t n_capmid;  /* capitalised inside a sentence of running text */
    uint32_t cues;      /* bit (1 << enum cue_table) per cue table holding the word */
    uint32_t lexk;      /* LXK() of the lexicon kinds of the word alone */
    const uint32_t *lexv; /* the phrase map's values of the word alone (nlexv of them) */
    uint32_t nlexv;
    uint8_t cls;        /* enum kb_word_class */
    uint8_t info;       /* lookups done: 1 lexicon kinds and lexpre, 2 classes and gazetteer */
    uint8_t lexpre;     /* the word starts a longer lexicon phrase */
    uint8_t gaz;        /* the word is a gazetteer name or its first word */
    uint8_t gazlong;    /* a gazetteer name of several words starts with it */
    uint32_t gazkey;    /* 1 + index of the word's notable gazetteer key, or 0 */
    uint32_t gazexact;  /* 1 + index of the word's gazetteer key, or 0 */
    uint32_t gazlo;     /* the first gazetteer key not before the word */
    uint8_t person;     /* a word of a person's name in the document */
    uint8_t shape;      /* a family name's shape: 0 not yet known, 1 no, 2 yes */
    uint32_t wc;        /* 1 + the word's entry in the document's word cache, or 0 */
};

/* A small multimap of byte keys for one document, sized to it (a
   kb_strmap starts at a thousand slots, too many for a few names). */
struct ner_slot {
    uint64_t hash; /* 0 = empty */
    uint32_t off, len; /* key bytes in keys */
    uint32_t val;
};
struct ner_map {
    struct ner_slot *slots;
    size_t mask, n;
    struct kb_buf keys;
};

/* A kbp_ner_phrase() answer kept for token tok (end 0: none yet). */
struct ner_phrase {
    const uint32_t *vals;
    uint32_t tok, end, nv, len;
};
#define NER_PHRASES 64

struct ner {
    const struct kb_extractor *ex;
    const struct kb_lexicon *lex;
    const struct kb_gazetteer *gaz;
    struct kb_doc *doc;
    struct kb_word_cache *wc; /* doc->wcache ready for these dictionaries, or NULL */
    struct kb_buf scratch;
    KB_VEC(struct cand) cands;
    /* per sentence */
    uint8_t *mode; /* enum sent_mode */
    /* per token */
    bool *in_timex;     /* part of a temporal expression */
    bool *initial;      /* opens a sentence, a quotation or a line: case says little */
    uint32_t *wid;      /* index in words, or UINT32_MAX (not a word) */
    /* the last kbp_ner_phrase() answers for tokens opening longer phrases,
       by token index modulo NER_PHRASES (the recognisers ask again soon) */
    struct ner_phrase phr[NER_PHRASES];
    /* the document's words: open addressing table of word ids */
    struct ner_word *words;
    size_t nwords;
    uint32_t *wtab;     /* word id + 1, 0 = empty */
    size_t wmask;
    /* document memory of confident names: folded key -> candidate index */
    struct ner_map memory;
    bool sports;        /* the document reports a team sport (teams named after places) */
    bool solo;          /* the document reports a sport of single athletes */
};

enum sent_mode {
    M_TEXT,     /* running text: case is informative */
    M_TITLE,    /* a headline in Title Case */
    M_CAPS,     /* a headline or table line in capitals */
};

/* ---- entities_words.c ---- */

/* Build the word index of N->doc (fills N->wid, N->words, N->wtab). */
int kbp_ner_words(struct ner *N);
/* The word id of the folded word w in the document, or UINT32_MAX. */
uint32_t kbp_ner_word_id(const struct ner *N, const char *w);
/* The word entry of token i, or NULL if it is not a word.  Inline: the
   recognisers ask for it a million times per MB of text. */
static inline struct ner_word *kbp_ner_word(const struct ner *N, size_t i)
{
    return N->wid[i] == UINT32_MAX ? NULL : &N->words[N->wid[i]];
}
/* Look up the lexicon kinds of word w (kbp_ner_info does it once per word). */
void kbp_ner_info_lookup(const struct ner *N, struct ner_word *w);
/* The word entry of token i with its lexicon kinds looked up (cues, lexk,
   lexv, lexpre; not cls and gaz, which have their own accessors), or NULL. */
static inline const struct ner_word *kbp_ner_info(const struct ner *N, size_t i)
{
    struct ner_word *w = kbp_ner_word(N, i);
    if (w && !(w->info & 1))
        kbp_ner_info_lookup(N, w);
    return w;
}
/* Does token i start a lexicon phrase of several words (computed once per word)? */
static inline bool kbp_ner_prefix(const struct ner *N, size_t i)
{
    const struct ner_word *w = kbp_ner_info(N, i);
    return w && w->lexpre;
}
/*
 * kb_phrase_match() in the lexicon's phrases at token i, ending before end:
 * the same length and values, from the word's cached lookup unless a
 * longer phrase may start with it.
 */
size_t kbp_ner_phrase(struct ner *N, size_t i, size_t end, const uint32_t **vals, size_t *nv);
/* Look up the word classes and gazetteer names of word w (once per word). */
void kbp_ner_info2_lookup(const struct ner *N, struct ner_word *w);
/* The word entry of token i with its classes and gazetteer names looked up. */
static inline const struct ner_word *kbp_ner_info2(const struct ner *N, size_t i)
{
    struct ner_word *w = kbp_ner_word(N, i);
    if (w && !(w->info & 2))
        kbp_ner_info2_lookup(N, w);
    return w;
}
/* The enum kb_word_class bits of token i (computed once per word). */
static inline unsigned kbp_ner_class(const struct ner *N, size_t i)
{
    const struct ner_word *w = kbp_ner_info2(N, i);
    return w ? w->cls : 0;
}
/* Is token i a gazetteer name or its first word (computed once per word)? */
static inline bool kbp_ner_gaz(const struct ner *N, size_t i)
{
    const struct ner_word *w = kbp_ner_info2(N, i);
    return w && w->gaz;
}
/*
 * The gazetteer match at token i as kb_gazetteer_match() finds it, using the
 * word's cached lookup when no longer name starts with it: the match length,
 * and its places in *idx, *n.
 */
size_t kbp_ner_gaz_lookup(struct ner *N, size_t i, size_t se, const uint32_t **idx, size_t *n);

void kbp_map_init(struct ner_map *m);
void kbp_map_release(struct ner_map *m);
/* Add key -> val (a key may have several values); KB_OK or KB_ENOMEM. */
int kbp_map_add(struct ner_map *m, const char *key, size_t n, uint32_t val);
/* Add key -> val unless key already has a value equal to val under mask
   (mask 0: any value); so repeated names do not lengthen the lookups. */
int kbp_map_add_once(struct ner_map *m, const char *key, size_t n, uint32_t val, uint32_t mask);
/* Set the value of key (its first entry), adding it when missing. */
int kbp_map_set(struct ner_map *m, const char *key, size_t n, uint32_t val);
/* The values of key, at most max of them into out; returns how many. */
size_t kbp_map_get(const struct ner_map *m, const char *key, size_t n, uint32_t *out, size_t max);

/* ---- entities_cues.c ---- */

enum cue_table {
    CUE_ORG,       /* organisation head words: Ministry, Bank, Inc */
    CUE_EVENT,     /* event head words: War, Cup, Summit */
    CUE_CONNECT,   /* lower-case words inside names: of, de, al, van */
    CUE_SAID,      /* speech verbs after a person: said, told */
    CUE_LOC_HEAD,  /* place head words after a name: River, County, Street */
    CUE_LOC_PRE,   /* place words before a name: Lake, Mount, Fort */
    CUE_LOC_PREP,  /* locative prepositions: in, at, near, from */
    CUE_PLACE_NOUN,/* common nouns of places: city, town, village, province */
    CUE_SPORT,     /* sports named in headlines: CRICKET, SOCCER */
    CUE_SPORT_WORD,/* words of sports reports: innings, striker, halftime */
    CUE_TEAM_ROLE, /* a team's people after its name: captain, striker, coach */
    CUE_COMPANY,   /* legal forms of companies: Inc, Corp, Ltd, plc, AG */
    CUE_HEAD_GPE,  /* place heads of political units: County, Province */
    CUE_HEAD_FAC,  /* place heads of facilities: Street, Airport, Bridge */
    CUE_CLUB,      /* last words of club names in sports reports: City, Rovers */
    CUE_DIRECTION, /* directions and parts before a place name: North, Upper, Greater */
    CUE_SOLO_SPORT,/* sports of single athletes: TENNIS, GOLF (no teams named after towns) */
    CUE_RESULT,    /* verbs and marks of sports results: beat, drew, v */
    CUE_HOME_NATION,/* nations with national teams that are not states: England */
    CUE_AUX,       /* auxiliaries and adverbs between a subject and its verb */
    CUE_PLACE_USE, /* prepositions that make a capital a place, not an actor: in, of */
    CUE_ORG_AFTER, /* words after a company's name: shares, spokesman */
    CUE_DISEASE,   /* words after a disease named after a place: virus, fever */
    CUE__MAX
};

/* Is token i's folded form in cue table `which`? (Every cue word has a letter.) */
static inline bool kbp_cue(const struct ner *N, size_t i, int which)
{
    const struct ner_word *w = kbp_ner_info(N, i);
    return w && ((w->cues >> which) & 1);
}
/* Is the folded word s[0..n) in cue table `which`? */
bool kbp_cue_str(const char *s, size_t n, int which);
/* Person, organisation, place and event evidence for the span [tb, te). */
void kbp_ner_evidence(struct ner *N, size_t tb, size_t te, float score[KB_ENT__MAX]);
/* A title phrase ends right before token i (after sentence start sb): its role, or -1. */
int kbp_title_before(struct ner *N, size_t i, size_t sb);
/* The place type a head word gives (River -> LOC, County -> GPE, Street -> FAC), or -1. */
int kbp_loc_head_type(const struct ner *N, size_t i);
/* Token i alone names a country, a capital or a town of 100,000 or a division. */
bool kbp_place_word(const struct ner *N, size_t i);
/* Token i is a hyphen joining two words. */
bool kbp_is_hyphen(const struct kb_doc *doc, size_t i);
/* Token i starts with a capital letter or is in capitals. */
static inline bool kbp_is_cap(const struct kb_doc *doc, size_t i)
{
    return (doc->toks.v[i].flags & (KB_TF_CAP | KB_TF_ALLCAP)) != 0;
}

/* ---- entities_decide.c ---- */

/* Remember confident names, then type the undecided candidates. */
int kbp_ner_decide(struct ner *N);
/* Find names in headlines in capitals by the document's memory. */
int kbp_ner_caps(struct ner *N);
/* Sports reports: places standing for their teams become organisations. */
void kbp_ner_teams(struct ner *N);
/* Names in a list ("Goma and Bunagana", "Sharkey and Humphreys counties")
   typed alike: a softly typed member takes the type of a surely typed one.
   The candidates must be sorted by position. */
void kbp_ner_lists(struct ner *N);

/* ---- entities_coref.c ---- */

/* Emit the candidates as doc->ents (text order), then link them. */
int kbp_ner_emit(struct ner *N);

/* ---- entities.c ---- */

/* n bytes set to zero from the document's arena (they live as long as the
   document, which keeps its arena from one document to the next), or NULL. */
void *kbp_ner_zalloc(struct ner *N, size_t n);
/* Append a candidate; returns KB_OK or KB_ENOMEM. */
int kbp_ner_push(struct ner *N, size_t tb, size_t te, int type, int strength, unsigned flags);
/* Longest lexicon name at token i ending before se: its length and value. */
size_t kbp_ner_lex_match(struct ner *N, size_t i, size_t se, unsigned kinds, uint32_t *val);
/* Gazetteer match at token i ending before se: its length and, in *best, the
   most important place of that name.  Names of several words need every word
   capitalised, except notable sites ("Chernobyl nuclear power plant"). */
size_t kbp_ner_gaz_match(struct ner *N, size_t i, size_t se, int32_t *best);
/* How sure the gazetteer name [i, i + len) of place g is by itself (enum cand_strength). */
int kbp_ner_gaz_strength(struct ner *N, size_t i, size_t len, int32_t g);
/* Set a candidate's type, name and country from a lexicon value. */
void kbp_ner_from_lex(struct ner *N, struct cand *c, uint32_t v);
/* The folded key of tokens [tb, te), words joined by a space, in N->scratch. */
int kbp_ner_key(struct ner *N, size_t tb, size_t te);

#define LXK(kind) (1u << (kind))
_Static_assert(LX_PERSON < 32, "lexicon kinds fit struct ner_word.lexk");
_Static_assert(CUE__MAX <= 24, "cue tables fit LX_IDX and struct ner_word.cues");
#define NAME_KINDS                                                                        \
    (LXK(LX_COUNTRY) | LXK(LX_DEMONYM) | LXK(LX_HISTORIC) | LXK(LX_HDEMONYM) | LXK(LX_ORG) | \
     LXK(LX_GROUP) | LXK(LX_PLACE) | LXK(LX_PERSON))

#endif
