/*
 * events.h -- the internals of the event stage, shared by its files:
 *
 *   events_dict.c      the event dictionary: trigger verbs and nouns, verb
 *                      patterns, noun classes, function words
 *   events_triggers.c  triggers of a sentence: verb or noun, verb group,
 *                      voice, mood, what kind of clause they head
 *   events_roles.c     who did it to whom, where: subject, object,
 *                      prepositional phrases, coordination, pronouns
 *   events_codes.c     CAMEO codes: verb patterns, composition of a governing
 *                      verb with the event it governs, type names
 *   events_modality.c  how triggers govern each other: infinitives,
 *                      gerunds, reported speech, claims, negation
 *   events_date.c      the date of an event and its precision
 *   events.c           the stage itself: the steps above per sentence, then
 *                      one event per actor and target
 *
 * Only kb_events_find() and the dictionary's constructor are seen outside
 * (extract.h).  Everything here is read-only after kb_event_dict_new() or
 * lives in one struct ev_ctx per kb_events_find() call.
 */
#ifndef KB_EVENTS_H
#define KB_EVENTS_H

#include "lexicon.h"
#include "wordsig.h"

#include <string.h>

/* ---- the dictionary ---- */

/* Forms of a trigger word. */
enum ev_form { EF_BASE, EF_S, EF_PAST, EF_ING, EF_NOUN };

/* How a verb governs other events (the flags column of verbs.tsv). */
enum ev_vflag {
    VF_REPORT = 1 << 0,   /* reporting verb: attributes what it reports */
    VF_CLAIM = 1 << 1,    /* asserting: a reported attack makes it an accusation */
    VF_DENY = 1 << 2,     /* what it reports is attributed and negated */
    VF_ACCUSE = 1 << 3,   /* "accuse X of doing": X did it, by claim */
    VF_INTENT = 1 << 4,   /* composes 03x, 13x with what it governs */
    VF_APPEAL = 1 << 5,   /* composes 02x */
    VF_DEMAND = 1 << 6,   /* composes 10x */
    VF_THREAT = 1 << 7,   /* composes 13x */
    VF_REFUSE = 1 << 8,   /* composes 12x */
    VF_ATTEMPT = 1 << 9,  /* "tried to": hypothetical, 186 becomes 185 */
    VF_HYPO = 1 << 10,    /* "expected to": what it governs is hypothetical */
    VF_NEG = 1 << 11,     /* "failed to": what it governs is negated */
    VF_SYM = 1 << 12,     /* "A and B met": each acts on the other */
    VF_LIGHT = 1 << 13,   /* "launch an attack": the code of its object noun */
    VF_FROMSRC = 1 << 14, /* "receive X from Y": Y is the source */
    VF_MOVE = 1 << 15,    /* "to X", "into X" name a destination */
};
#define VF_COMPOSE (VF_INTENT | VF_APPEAL | VF_DEMAND | VF_THREAT | VF_REFUSE)
#define VF_CONTROL (VF_COMPOSE | VF_ATTEMPT | VF_HYPO | VF_NEG)

struct ev_verb {
    const char *lemma;
    const char *type;  /* event type name, or NULL when it codes only through patterns */
    char cameo[6];     /* default CAMEO code, "" when none */
    char rev[6];       /* the target's reverse event ("043" for a visit), or "" */
    uint32_t flags;    /* enum ev_vflag */
    uint32_t pat, npat; /* its patterns: dict->pats.v[pat .. pat + npat) */
};

#define EV_MAXITEMS 4
struct ev_pattern {
    uint32_t verb;
    uint16_t item[EV_MAXITEMS]; /* noun class ids, in order */
    uint8_t nitems;
    char cameo[6];
    const char *type;
    uint32_t flags; /* VF_FROMSRC */
};

/* Classes of function words and other closed-class words. */
enum ev_wclass {
    W_DET = 1 << 0,     /* a, the, this, its */
    W_MODAL = 1 << 1,   /* will, would, could */
    W_NEG = 1 << 2,     /* not, n't, never */
    W_BE = 1 << 3,      /* is, was, been */
    W_HAVE = 1 << 4,    /* has, had */
    W_DO = 1 << 5,      /* do, did */
    W_PREP = 1 << 6,    /* of, in, at, against ... */
    W_PLACE = 1 << 7,   /* prepositions of place: in, at, near, over ... */
    W_PRON = 1 << 8,    /* subject pronouns: he, they, who */
    W_CONJ = 1 << 9,    /* and, or, but, nor */
    W_SUBORD = 1 << 10, /* clause openers: that, which, while, although, if */
    W_ADV = 1 << 11,    /* adverbs: also, reportedly, -ly words */
    W_AGENT = 1 << 12,  /* nouns naming actors: troops, officials, rebels */
    W_TO = 1 << 13,     /* to */
    W_FUTADJ = 1 << 14, /* "is about/set/ready to" */
    W_POSS = 1 << 15,   /* 's */
    W_QUOTE = 1 << 16,  /* quotation marks */
    W_BREAK = 1 << 17,  /* ; : ( ) and dashes */
    W_COMMA = 1 << 18,
    W_NUM = 1 << 19,    /* numbers and number words */
    W_REPORTED = 1 << 20, /* "reportedly", "allegedly" */
    W_IF = 1 << 21,     /* if, unless */
    W_CONTRAST = 1 << 22, /* although, but, while, whereas: end a reported clause */
    W_ASSET = 1 << 23,  /* things that belong to an actor: vessel, embassy, convoy */
    W_TRIG = 1 << 24,   /* the token starts a trigger (set per sentence) */
    W_ENT = 1 << 25,    /* the token is inside an entity (set per sentence) */
    W_PAREN = 1 << 26,  /* ( and ) */
    W_AS = 1 << 27,     /* "as": a preposition, or opens a clause ("as X said") */
    W_TRIGWORD = 1 << 28, /* the word begins a trigger of the dictionary ("shoot" of
                             "shoot down"): only there can kb_phrase_match find one.
                             Not a class: such words go to ev_ctx.cand, and
                             classify() leaves it out of ev_tok.w */
};

/* What the dictionary knows of one folded word: its classes, and what a
   lookup of the word alone finds among the triggers and the noun phrases
   (the first step of kb_phrase_match, done once in the table). */
struct ev_word {
    const char *key;   /* key bytes in the dictionary's arena */
    uint32_t len;
    uint32_t cls;      /* enum ev_wclass bits, OR-ed over every entry of the word */
    uint8_t trig;      /* kb_strmap_lookup flags of the word in d->triggers (0: none) */
    uint8_t noun;      /* the same in d->nouns */
    bool notadv;       /* an -ly word that is no adverb ("family", "rally") */
    uint32_t ntv, nnv; /* how many values the word has in d->triggers, d->nouns */
    const uint32_t *tv, *nv; /* those values (borrowed from the maps) */
};
/* The words by kbp_word_sig, open addressing at most a quarter full: looked
   up once per token of a sentence. */
struct ev_wslot {
    uint64_t sig;
    uint32_t len;
    uint32_t word; /* index in words.v + 1; 0: empty */
};
struct ev_wtab {
    KB_VEC(struct ev_word) words;
    struct ev_wslot *slots;
    size_t mask;
    unsigned bits; /* mask + 1 == 1 << bits */
};

struct kb_event_dict {
    KB_VEC(struct ev_verb) verbs;
    KB_VEC(struct ev_pattern) pats;
    struct kb_strmap triggers; /* folded phrase -> EV_TRIG(form, verb) */
    struct kb_strmap nouns;    /* folded noun phrase -> class id */
    struct ev_wtab words;      /* folded word -> enum ev_wclass bits */
    uint32_t nclasses;
    uint32_t weapon[4]; /* classes of weapons: "Russian missiles were fired" names the shooter */
    struct kb_arena arena;
};

#define EV_TRIG(form, verb) (((uint32_t)(form) << 24) | (uint32_t)(verb))
#define EV_TRIG_FORM(v) ((int)((v) >> 24))
#define EV_TRIG_VERB(v) ((size_t)((v)&0xFFFFFF))

/* ---- the analysis of one sentence ---- */

#define EV_MAXARGS 8
/* Bounds that keep a run-on "sentence" of thousands of words linear: how far
   (in triggers) reported speech and pronouns look, how far (in tokens) a
   subject, a window or a reported clause reaches. */
#define EV_NEAR 32
#define EV_SPAN 80

struct ev_args {
    int32_t v[EV_MAXARGS]; /* entity indexes */
    uint8_t n;
};

/* What kind of clause a trigger heads. */
enum ev_role {
    TR_FINITE,  /* a finite verb: "Russia attacked" */
    TR_INF,     /* a to-infinitive: "urged X to meet" */
    TR_GERUND,  /* after a preposition: "accused X of firing" */
    TR_ADVCL,   /* ", killing eight": shares the subject of its clause */
    TR_NOMINAL, /* a noun: "the invasion" */
};

struct ev_trig {
    uint32_t tb, te;   /* trigger tokens [tb, te) */
    uint32_t vb;       /* first token of the verb group (auxiliaries, "to") */
    uint32_t we;       /* end of its argument window (exclusive) */
    uint32_t verb;     /* dictionary verb */
    uint8_t form;      /* enum ev_form */
    uint8_t role;      /* enum ev_role */
    bool passive;
    bool drop;         /* not an event of its own */
    bool agent;        /* its source is an actor noun without a name ("rebels") */
    bool coded;        /* has a code (from the verb, a pattern or its object) */
    bool patterned;    /* the code comes from one of the verb's patterns */
    bool first_person; /* its subject is "I" or "we": the speaker of a quote */
    bool bare;         /* a bare infinitive with its own subject ("help Turkey fight") */
    uint32_t flags;    /* enum kb_event_flags */
    uint32_t pflags;   /* flags of the matched pattern */
    int32_t gov;       /* trigger governing this one, or -1 */
    int32_t noun;      /* the noun trigger a light verb took its code from, or -1 */
    int32_t coord;     /* the verb whose subject this coordinated verb shares, or -1 */
    int32_t claimant;  /* entity whose claim this is, or -1 */
    char cameo[6];
    const char *type;
    struct ev_args actors, targets;
    int32_t place, origin, dest; /* place indexes or -1 */
};

struct ev_tok {
    const struct ev_word *word; /* the token's word in the dictionary, or NULL */
    uint32_t w;   /* enum ev_wclass, without W_TRIGWORD */
    int32_t ent;  /* entity covering the token, or -1 */
    int32_t trig; /* trigger covering the token, or -1 */
};

struct ev_ctx {
    const struct kb_event_dict *d;
    struct kb_doc *doc;
    uint32_t s, sb, se;  /* sentence index and token range */
    struct ev_tok *tk;   /* tk[i - sb] for token i of the sentence (in tkv) */
    struct ev_tok *tkv;  /* from the sentence's first token */
    size_t tkcap;
    uint32_t *cand;      /* the sentence's lower-case words that begin a trigger */
    size_t ncand;        /* (room for tkcap, as tkv) */
    KB_VEC(struct ev_trig) trigs;
    struct kb_buf scratch;
    int32_t *sent_tx;    /* first timex of each sentence (doc->sents.n + 1 entries), then
                            what events_date.c keeps per timex */
};

/* Copy at most max bytes of the string src into dst[0..size), NUL-terminated:
   snprintf "%.*s" without its cost (codes and dates are copied per event). */
static inline void ev_strcpy(char *dst, size_t size, const char *src, size_t max)
{
    size_t n = strnlen(src, KB_MIN(size - 1, max));
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Word classes and entity of token i of the current sentence. */
static inline uint32_t ev_w(const struct ev_ctx *c, size_t i)
{
    return i >= c->sb && i < c->se ? c->tk[i - c->sb].w : 0;
}
static inline int32_t ev_ent(const struct ev_ctx *c, size_t i)
{
    return i >= c->sb && i < c->se ? c->tk[i - c->sb].ent : -1;
}
static inline int32_t ev_trig_at(const struct ev_ctx *c, size_t i)
{
    return i >= c->sb && i < c->se ? c->tk[i - c->sb].trig : -1;
}
/* Is token i the word `lit` (a string literal)? */
#define EV_TOK_IS(c, i, lit) ev_tok_is((c)->doc, (i), (lit), sizeof(lit) - 1)
static inline bool ev_tok_is(const struct kb_doc *doc, size_t i, const char *w, size_t n)
{
    const struct kb_token *t = &doc->toks.v[i];
    return t->fold_len == n && memcmp(doc->fold.data + t->fold, w, n) == 0;
}
static inline const struct ev_verb *ev_verb_of(const struct ev_ctx *c, const struct ev_trig *t)
{
    return &c->d->verbs.v[t->verb];
}
/* Is entity e an actor (person, organisation, country, nationality)? */
bool ev_is_actor(const struct kb_doc *doc, int32_t e);
/* Add entity e to args unless it (or another mention of its actor) is there, or args is full. */
void ev_args_add(const struct kb_doc *doc, struct ev_args *a, int32_t e);

/*
 * The token before i within the sentence, skipping adverbs and a
 * parenthesis ("the European Union (EU) agree"); SIZE_MAX at the start.
 */
size_t ev_prev_word(const struct ev_ctx *c, size_t i);

/* ---- events_dict.c ---- */

/* The entry of word s[0..n) in t, or NULL. */
static inline const struct ev_word *ev_word_find(const struct ev_wtab *t, const char *s,
                                                 size_t n)
{
    if (!t->slots)
        return NULL;
    uint64_t sig = kbp_word_sig(s, n);
    for (size_t x = kbp_word_sig_slot(sig, n, t->bits);; x = (x + 1) & t->mask) {
        const struct ev_wslot *sl = &t->slots[x];
        if (!sl->word)
            return NULL;
        if (sl->sig == sig && sl->len == n) {
            const struct ev_word *e = &t->words.v[sl->word - 1];
            if (kbp_word_sig_exact(n) || memcmp(e->key, s, n) == 0)
                return e;
        }
    }
}
/* The dictionary's entry for token i's folded word, or NULL: the one place
   the stage looks a token's word up (a hash the tokenizer keeps with the
   token may take the signature's place). */
static inline const struct ev_word *ev_word_at(const struct kb_event_dict *d,
                                               const struct kb_doc *doc, size_t i)
{
    const struct kb_token *t = &doc->toks.v[i];
    return ev_word_find(&d->words, doc->fold.data + t->fold, t->fold_len);
}
/* Word classes of token i, whose entry is e (ev_word_at): the function-word
   table, -ly adverbs, numbers, punctuation, and W_TRIGWORD when the word
   begins a trigger. */
static inline uint32_t ev_classes_of(const struct kb_doc *doc, size_t i, const struct ev_word *e)
{
    const struct kb_token *tk = &doc->toks.v[i];
    if (tk->kind == KB_TOK_NUM)
        return W_NUM;
    size_t n = tk->fold_len;
    const char *f = doc->fold.data + tk->fold;
    uint32_t w = e ? e->cls : 0;
    uint32_t trig = w & W_TRIGWORD; /* not a class: the tests below ignore it */
    w &= ~(uint32_t)W_TRIGWORD;
    if (tk->kind == KB_TOK_PUNCT) {
        if (n == 1 && (f[0] == '"' || f[0] == '\''))
            w |= W_QUOTE;
        return w | trig;
    }
    /* -ly adverbs: lower-case words of 5 letters or more */
    if (!w && n >= 5 && (tk->flags & KB_TF_LOWER) && f[n - 2] == 'l' && f[n - 1] == 'y' &&
        !(e && e->notadv))
        w |= W_ADV;
    return w | trig;
}
/* ev_classes_of() with the lookup. */
uint32_t ev_word_classes(const struct kb_event_dict *d, const struct kb_doc *doc, size_t i);
/*
 * The longest phrase of the triggers (nouns false) or of the noun phrases
 * (nouns true) at token i before end: returns its length in tokens (0: none)
 * and its values (EV_TRIG codes, noun class ids) in *vals, *nvals.  What
 * kb_phrase_match finds, with its first step read from the word table.
 */
size_t ev_phrase_at(struct ev_ctx *c, bool nouns, size_t i, size_t end, const uint32_t **vals,
                    size_t *nvals);

/* ---- events_triggers.c ---- */

/* Fill c->trigs with the triggers of the current sentence, in order. */
int ev_find_triggers(struct ev_ctx *c);

/* ---- events_roles.c ---- */

/* Source, target, place, origin and destination of trigger k. */
void ev_find_roles(struct ev_ctx *c, size_t k);
/*
 * Where the clause of finite verb t begins when a new subject opens it after
 * ", and", "and", "but" ("... aid last week, and Germany sent"): the token
 * of the comma or conjunction; c->se when t's subject opens no new clause
 * (no name or pronoun before it, or the names go on a list: "A, B and C").
 */
size_t ev_clause_start(const struct ev_ctx *c, const struct ev_trig *t);
/*
 * Does the comma at token `comma` close a relative clause, an apposition or
 * a participle clause after a name or an actor noun ("Egypt, which borders
 * Sudan,", "Jens Stoltenberg, the secretary general of NATO,", "Erdogan,
 * speaking in Ankara,", "China's coast guard, which ...,")?  The token of
 * its opening comma, else SIZE_MAX.  Reads the triggers found so far.
 */
size_t ev_inserted_clause(const struct ev_ctx *c, size_t comma);

/* ---- events_codes.c ---- */

/*
 * The code of trigger t from its verb's patterns over its argument window;
 * false when no pattern matches.  Sets t->cameo, t->type, t->pflags.
 */
bool ev_match_pattern(struct ev_ctx *c, struct ev_trig *t);
/*
 * The code for a governing verb with flags `vflags` (VF_INTENT, VF_APPEAL,
 * ...) over an event coded `inner`: "urged to meet" 026.  Writes the code to
 * out[6] and returns true, or false when the pair composes nothing.
 */
bool ev_compose(uint32_t vflags, const char *inner, char out[6]);
/* The type name of a CAMEO code ("195" -> "AIRSTRIKE"). */
const char *ev_code_type(const char *cameo);
/* Root of a code as an integer (1..20), 0 when there is none. */
int ev_root(const char *cameo);

/* ---- events_modality.c ---- */

/* Who governs whom in the sentence: infinitives, gerunds, reports, objects. */
void ev_govern(struct ev_ctx *c);
/* The nearest verb trigger before trigger k in the same clause, or -1. */
int32_t ev_governor(const struct ev_ctx *c, size_t k);
/*
 * Are entities a and b on the same side: the same actor, or of the same
 * country (a person's country read from "Belarusian president X")?
 */
bool ev_same_side(const struct kb_doc *doc, int32_t a, int32_t b);

/* ---- events_date.c ---- */

/* Index the doc's timexes by sentence into c->sent_tx (caller frees). */
int ev_dates_index(struct ev_ctx *c);
/*
 * Date, precision and the inferred flag of ev (its sentence and trigger
 * set).  [cb, ce) are the bytes of its clause; `temporal` says the clause
 * is dated relative to another ("after X attacked"), so only its own date
 * expressions date it.
 */
void ev_date(const struct ev_ctx *c, struct kb_event *ev, uint32_t cb, uint32_t ce,
             bool temporal);

#endif
