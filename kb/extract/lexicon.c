/*
 * lexicon.c -- load the project's dictionaries from the embedded TSV files
 * into one phrase map (case-insensitive), one acronym map (exact case) and
 * the sorted word-class list of kb/data/words.tsv.
 *
 * Acronyms and other all-capital variants ("US", "UN", "WHO") go to the
 * exact-case map so that the pronoun "us" or the word "who" never match;
 * everything else is matched on folded forms.  Single words (English words,
 * given and family names) are looked up by binary search in the embedded
 * word list, which costs one pass over it at start-up and no copies.
 */
#include "lexicon.h"
#include "timex.h"
#include "wordcache.h"

#include <stdlib.h>
#include <string.h>

/* All letters upper case and short: matched with exact case. */
static bool is_acronym(const char *s)
{
    size_t letters = 0;
    for (const char *p = s; *p; p++) {
        if (*p >= 'a' && *p <= 'z')
            return false;
        if (*p >= 'A' && *p <= 'Z')
            letters++;
        else if (*p != '.' && *p != '-' && *p != '&')
            return false;
    }
    return letters >= 2 && letters <= 6 && !strchr(s, '.');
}

struct loader {
    struct kb_lexicon *lex;
    struct kb_buf scratch;
    struct kb_error *err;
};

static int add_phrase(struct loader *L, const char *s, uint32_t val)
{
    if (!*s)
        return KB_OK;
    if (is_acronym(s)) {
        /* "AT&T", "ZANU-PF" may be several tokens: mark where one may end, so
           that matching goes on past it (letters-only acronyms mark nothing) */
        size_t n = strlen(s);
        for (size_t i = 1; i < n; i++) {
            bool cut = s[i] < 'A' || s[i] > 'Z' || s[i - 1] < 'A' || s[i - 1] > 'Z';
            int rc = cut ? kb_strmap_mark_prefix(&L->lex->acronyms, s, i) : KB_OK;
            if (rc)
                return rc;
        }
        return kb_strmap_add(&L->lex->acronyms, s, n, val);
    }
    return kb_phrase_add(&L->lex->phrases, s, strlen(s), val, &L->scratch);
}

/* Call add_phrase for each '|'-separated item of list. */
static int add_list(struct loader *L, const char *list, uint32_t val)
{
    char item[256];
    const char *p = list;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n > 0 && n < sizeof item) {
            memcpy(item, p, n);
            item[n] = '\0';
            int rc = add_phrase(L, item, val);
            if (rc)
                return rc;
        }
        p += n;
        if (*p == '|')
            p++;
    }
    return KB_OK;
}

static const char *dup(struct loader *L, const char *s)
{
    return *s ? kb_arena_strdup(&L->lex->arena, s) : NULL;
}

static int iso_slot(const char *cc)
{
    if (!cc || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z' || cc[2])
        return -1;
    return (cc[0] - 'A') * 26 + (cc[1] - 'A');
}

/* A capital's name, and "Washington" for "Washington D.C.". */
static int add_capital(struct loader *L, const char *cap, uint32_t val)
{
    if (!*cap)
        return KB_OK;
    int rc = add_phrase(L, cap, val);
    const char *dc = strstr(cap, " D.C.");
    if (!rc && dc && dc > cap) {
        char stem[128];
        snprintf(stem, sizeof stem, "%.*s", (int)(dc - cap), cap);
        rc = add_phrase(L, stem, val);
    }
    return rc;
}

static int role_parse(const char *s)
{
    static const char *const names[] = {"NONE", "GOV", "MIL", "POLICE", "LEADER", "PEOPLE"};
    for (size_t i = 0; i < KB_ARRAY_LEN(names); i++)
        if (strcmp(s, names[i]) == 0)
            return (int)i;
    return -1;
}

#define TSV_LOOP(L, name, t)                                                              \
    struct kb_tsv t;                                                                      \
    kb_tsv_init(&t, (const char *)kb_embed_##name, kb_embed_##name##_len);                \
    for (int more_; (more_ = kb_tsv_next(&t)) != 0 || (kb_tsv_release(&t), 0);)           \
        if (more_ < 0) {                                                                  \
            kb_tsv_release(&t);                                                           \
            return KB_ENOMEM;                                                             \
        } else

static int bad_row(struct loader *L, struct kb_tsv *t, const char *file)
{
    kb_tsv_release(t);
    return kb_error_at(L->err, KB_EPARSE, file, t->line, "malformed dictionary row");
}

static int load_countries(struct loader *L)
{
    struct kb_lexicon *lex = L->lex;
    TSV_LOOP(L, countries, t)
    {
        if (t.nfields < 8)
            return bad_row(L, &t, "countries.tsv");
        struct kb_country c = {dup(L, t.fields[0]), dup(L, t.fields[1]), dup(L, t.fields[2]),
                               dup(L, t.fields[5]), atof(t.fields[3]), atof(t.fields[4])};
        size_t idx = lex->countries.n;
        int rc;
        if (!c.iso2 || !c.name || (rc = KB_VEC_PUSH(&lex->countries, c)) ||
            (rc = add_phrase(L, t.fields[2], LX_VAL(LX_COUNTRY, idx))) ||
            (rc = add_list(L, t.fields[6], LX_VAL(LX_COUNTRY, idx))) ||
            (rc = add_list(L, t.fields[7], LX_VAL(LX_DEMONYM, idx))) ||
            (rc = add_capital(L, t.fields[5], LX_VAL(LX_CAPITAL, idx)))) {
            kb_tsv_release(&t);
            return KB_ENOMEM;
        }
        int slot = iso_slot(c.iso2);
        if (slot >= 0 && lex->by_iso[slot] < 0)
            lex->by_iso[slot] = (int16_t)idx;
    }
    return KB_OK;
}

/* Groups of kb/data/groups.tsv; a group with a country is also a demonym of it. */
static int load_groups(struct loader *L)
{
    struct kb_lexicon *lex = L->lex;
    TSV_LOOP(L, groups, t)
    {
        const char *names = t.fields[0];
        const char *bar = strchr(names, '|');
        size_t n0 = bar ? (size_t)(bar - names) : strlen(names);
        struct kb_group g = {kb_arena_strndup(&lex->arena, names, n0),
                             dup(L, kb_tsv_field(&t, 1)), dup(L, kb_tsv_field(&t, 2))};
        size_t idx = lex->groups.n;
        if (!g.name || KB_VEC_PUSH(&lex->groups, g) ||
            add_list(L, names, LX_VAL(LX_GROUP, idx))) {
            kb_tsv_release(&t);
            return KB_ENOMEM;
        }
    }
    return KB_OK;
}

/* Place names in the forms news writes them (kb/data/place-names.tsv). */
static int load_place_names(struct loader *L)
{
    struct kb_lexicon *lex = L->lex;
    TSV_LOOP(L, place_names, t)
    {
        int type = kb_ent_type_parse(kb_tsv_field(&t, 2));
        if (type != KB_ENT_GPE && type != KB_ENT_LOC)
            return bad_row(L, &t, "place-names.tsv");
        struct kb_place_name p = {dup(L, t.fields[0]), dup(L, kb_tsv_field(&t, 3)),
                                  (uint8_t)type};
        size_t idx = lex->places.n;
        /* "Florida" itself is the gazetteer's; "Midwest" is only here */
        bool own = type == KB_ENT_LOC || !*kb_tsv_field(&t, 1);
        if (!p.name || KB_VEC_PUSH(&lex->places, p) ||
            (own && add_phrase(L, t.fields[0], LX_VAL(LX_PLACE, idx))) ||
            add_list(L, kb_tsv_field(&t, 1), LX_VAL(LX_PLACE, idx))) {
            kb_tsv_release(&t);
            return KB_ENOMEM;
        }
    }
    return KB_OK;
}

/* People named by surname alone (kb/data/people.tsv). */
static int load_people(struct loader *L)
{
    struct kb_lexicon *lex = L->lex;
    TSV_LOOP(L, people, t)
    {
        int role = role_parse(kb_tsv_field(&t, 3));
        if (role < 0)
            return bad_row(L, &t, "people.tsv");
        struct kb_person p = {dup(L, t.fields[0]), dup(L, kb_tsv_field(&t, 2)), (uint8_t)role};
        size_t idx = lex->people.n;
        if (!p.name || KB_VEC_PUSH(&lex->people, p) ||
            add_phrase(L, t.fields[0], LX_VAL(LX_PERSON, idx)) ||
            add_list(L, kb_tsv_field(&t, 1), LX_VAL(LX_PERSON, idx))) {
            kb_tsv_release(&t);
            return KB_ENOMEM;
        }
    }
    return KB_OK;
}

/* The cue words of entity recognition, one value per table holding them. */
static int load_cues(struct loader *L)
{
    const char *const *v;
    size_t n;
    for (int which = 0; (n = kbp_entities_table(which, &v)) > 0; which++)
        for (size_t k = 0; k < n; k++) {
            int rc = kb_phrase_add(&L->lex->phrases, v[k], strlen(v[k]),
                                   LX_VAL(LX_CUE, 1u << which), &L->scratch);
            if (rc)
                return rc;
        }
    return KB_OK;
}

/* ---- Word classes (kb/data/words.tsv) ---- */

static unsigned class_bits(const char *p, const char *end)
{
    unsigned c = 0;
    for (; p < end && *p != '\n'; p++)
        c |= *p == 'c' ? KB_WORD_COMMON : *p == 'g' ? KB_WORD_GIVEN : *p == 's' ? KB_WORD_FAMILY : 0;
    return c;
}

/* Is s[0..n) shaped like a word of the list: two bytes or more, the first
   two "'" or a-z (the generator writes no other). */
static bool word_shape(const char *s, size_t n)
{
    if (n < 2)
        return false;
    for (int k = 0; k < 2; k++)
        if (s[k] != '\'' && !(s[k] >= 'a' && s[k] <= 'z'))
            return false;
    return true;
}

/* Index the embedded word list: one offset, length and class byte per line,
   and a hash table of the words (looked up once per distinct word of each
   document, a bsearch cost 400 instructions). */
static int load_word_classes(struct kb_lexicon *lex)
{
    const char *text = (const char *)kb_embed_words, *end = text + kb_embed_words_len;
    size_t cap = 0;
    for (const char *p = text; p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++)
        cap++;
    size_t nslot = 64;
    while (nslot < 2 * (cap + 1))
        nslot <<= 1;
    lex->words.text = text;
    lex->words.off = malloc((cap + 1) * sizeof *lex->words.off);
    lex->words.cls = malloc(cap + 1);
    lex->words.len = malloc(cap + 1);
    lex->words.slot = calloc(nslot, sizeof *lex->words.slot);
    lex->words.mask = nslot - 1;
    if (!lex->words.off || !lex->words.cls || !lex->words.len || !lex->words.slot)
        return KB_ENOMEM;
    for (const char *p = text; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *tab = memchr(p, '\t', (size_t)(le - p));
        if (*p != '#' && tab && tab > p && tab - p < 256) {
            size_t i = lex->words.n++, n = (size_t)(tab - p);
            lex->words.len[i] = (uint8_t)n;
            lex->words.off[i] = (uint32_t)(p - text);
            lex->words.cls[i] = (uint8_t)class_bits(tab + 1, le);
            size_t h = (size_t)kbp_word_hash(p, n) & lex->words.mask;
            while (lex->words.slot[h]) /* the list holds each word once (sorted, unique) */
                h = (h + 1) & lex->words.mask;
            lex->words.slot[h] = (uint32_t)i + 1;
        }
        p = le + 1;
    }
    return KB_OK;
}

unsigned kb_lexicon_word_list(const struct kb_lexicon *lex, const char *s, size_t n)
{
    const struct kb_words *w = &lex->words;
    if (!word_shape(s, n))
        return 0;
    for (size_t h = (size_t)kbp_word_hash(s, n) & w->mask; w->slot[h]; h = (h + 1) & w->mask) {
        size_t i = w->slot[h] - 1;
        if (w->len[i] == n && memcmp(w->text + w->off[i], s, n) == 0)
            return w->cls[i];
    }
    return 0;
}

unsigned kb_lexicon_word(const struct kb_lexicon *lex, const char *s, size_t n)
{
    unsigned c = kb_lexicon_word_list(lex, s, n);
    size_t nv;
    const uint32_t *v = kb_strmap_get(&lex->phrases, s, n, &nv);
    for (size_t i = 0; i < nv; i++) {
        if (LX_KIND(v[i]) == LX_FIRST)
            c |= KB_WORD_GIVEN;
        else if (LX_KIND(v[i]) == LX_COMMON)
            c |= KB_WORD_COMMON;
    }
    return c;
}

static int load_historic(struct loader *L)
{
    struct kb_lexicon *lex = L->lex;
    TSV_LOOP(L, historic_places, t)
    {
        struct kb_historic h = {dup(L, t.fields[0]), dup(L, kb_tsv_field(&t, 3))};
        size_t idx = lex->historic.n;
        if (!h.name || KB_VEC_PUSH(&lex->historic, h) ||
            add_phrase(L, t.fields[0], LX_VAL(LX_HISTORIC, idx)) ||
            add_list(L, kb_tsv_field(&t, 1), LX_VAL(LX_HISTORIC, idx)) ||
            add_list(L, kb_tsv_field(&t, 2), LX_VAL(LX_HDEMONYM, idx))) {
            kb_tsv_release(&t);
            return KB_ENOMEM;
        }
    }
    return KB_OK;
}

static int load_orgs(struct loader *L)
{
    struct kb_lexicon *lex = L->lex;
    TSV_LOOP(L, orgs, t)
    {
        int type = kb_ent_type_parse(kb_tsv_field(&t, 2));
        if (type < 0)
            return bad_row(L, &t, "orgs.tsv");
        struct kb_org o = {dup(L, t.fields[0]), dup(L, kb_tsv_field(&t, 3)), (uint8_t)type};
        size_t idx = lex->orgs.n;
        if (!o.name || KB_VEC_PUSH(&lex->orgs, o) ||
            add_phrase(L, t.fields[0], LX_VAL(LX_ORG, idx)) ||
            add_list(L, kb_tsv_field(&t, 1), LX_VAL(LX_ORG, idx))) {
            kb_tsv_release(&t);
            return KB_ENOMEM;
        }
    }
    return KB_OK;
}

static int load_titles(struct loader *L)
{
    struct kb_lexicon *lex = L->lex;
    TSV_LOOP(L, titles, t)
    {
        int role = role_parse(kb_tsv_field(&t, 1));
        if (role < 0)
            return bad_row(L, &t, "titles.tsv");
        struct kb_title ti = {dup(L, t.fields[0]), (uint8_t)role,
                              strcmp(kb_tsv_field(&t, 2), "office") == 0};
        size_t idx = lex->titles.n;
        if (!ti.phrase || KB_VEC_PUSH(&lex->titles, ti) ||
            kb_phrase_add(&lex->phrases, t.fields[0], strlen(t.fields[0]),
                          LX_VAL(LX_TITLE, idx), &L->scratch)) {
            kb_tsv_release(&t);
            return KB_ENOMEM;
        }
    }
    return KB_OK;
}

static int load_roles(struct loader *L)
{
    struct kb_lexicon *lex = L->lex;
    TSV_LOOP(L, role_nouns, t)
    {
        int role = role_parse(kb_tsv_field(&t, 1));
        if (role < 0)
            return bad_row(L, &t, "role-nouns.tsv");
        struct kb_role_noun r = {dup(L, t.fields[0]), (uint8_t)role};
        size_t idx = lex->roles.n;
        if (!r.phrase || KB_VEC_PUSH(&lex->roles, r) ||
            kb_phrase_add(&lex->phrases, t.fields[0], strlen(t.fields[0]),
                          LX_VAL(LX_ROLE, idx), &L->scratch)) {
            kb_tsv_release(&t);
            return KB_ENOMEM;
        }
    }
    return KB_OK;
}

/* Whitespace-separated word lists (first names, common words). */
static int load_words(struct loader *L, const unsigned char *data, size_t len, int kind)
{
    const char *p = (const char *)data, *end = p + len;
    while (p < end) {
        if (*p == '#') {
            while (p < end && *p != '\n')
                p++;
            continue;
        }
        if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
            p++;
            continue;
        }
        const char *w = p;
        while (p < end && *p != ' ' && *p != '\n' && *p != '\t' && *p != '\r')
            p++;
        kb_buf_reset(&L->scratch);
        int rc = kb_fold(w, (size_t)(p - w), &L->scratch);
        if (!rc)
            rc = kb_strmap_add(&L->lex->phrases, L->scratch.data, L->scratch.len,
                               LX_VAL(kind, 0));
        if (rc)
            return rc;
    }
    return KB_OK;
}

/* ---- Verb inflection ---- */

static bool is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

void kb_verb_inflect(const char *w, size_t n, char out[3][64])
{
    char last = w[n - 1], prev = n > 1 ? w[n - 2] : 0;
    /* 3sg */
    if (last == 's' || last == 'x' || last == 'z' || (last == 'h' && (prev == 'c' || prev == 's')))
        snprintf(out[0], 64, "%.*ses", (int)n, w);
    else if (last == 'y' && !is_vowel(prev))
        snprintf(out[0], 64, "%.*sies", (int)n - 1, w);
    else
        snprintf(out[0], 64, "%.*ss", (int)n, w);
    /* past */
    if (last == 'e')
        snprintf(out[1], 64, "%.*sd", (int)n, w);
    else if (last == 'y' && !is_vowel(prev))
        snprintf(out[1], 64, "%.*sied", (int)n - 1, w);
    else
        snprintf(out[1], 64, "%.*sed", (int)n, w);
    /* -ing */
    if (last == 'e' && prev != 'e' && prev != 'y' && prev != 'o' && n > 2)
        snprintf(out[2], 64, "%.*sing", (int)n - 1, w);
    else if (last == 'e' && prev == 'i')
        snprintf(out[2], 64, "%.*sying", (int)n - 2, w);
    else
        snprintf(out[2], 64, "%.*sing", (int)n, w);
}

static int add_verb_form(struct loader *L, const char *form, const char *rest, uint32_t val)
{
    struct kb_buf b;
    kb_buf_init(&b);
    int rc = kb_buf_adds(&b, form);
    if (!rc)
        rc = kb_buf_adds(&b, rest);
    if (!rc)
        rc = kb_phrase_add(&L->lex->phrases, b.data, b.len, val, &L->scratch);
    kb_buf_release(&b);
    return rc;
}

static int load_verbs(struct loader *L)
{
    struct kb_lexicon *lex = L->lex;
    TSV_LOOP(L, verbs, t)
    {
        const char *lemma = t.fields[0], *cameo = kb_tsv_field(&t, 1),
                   *type = kb_tsv_field(&t, 2), *forms = kb_tsv_field(&t, 3);
        if (!*lemma || strlen(cameo) < 2 || strlen(cameo) > 4 || !*type)
            return bad_row(L, &t, "verbs.tsv");
        struct kb_verb v;
        memset(&v, 0, sizeof v);
        v.lemma = dup(L, lemma);
        v.type = dup(L, type);
        snprintf(v.cameo, sizeof v.cameo, "%s", cameo);
        v.ntok = 1;
        for (const char *p = lemma; *p; p++)
            v.ntok += *p == ' ';
        size_t idx = lex->verbs.n;
        uint32_t val = LX_VAL(LX_VERB, idx);
        int rc = (!v.lemma || !v.type) ? KB_ENOMEM : KB_VEC_PUSH(&lex->verbs, v);
        /* regular forms of the first word, keeping any particle */
        const char *sp = strchr(lemma, ' ');
        size_t wn = sp ? (size_t)(sp - lemma) : strlen(lemma);
        const char *rest = sp ? sp : "";
        char infl[3][64];
        char base[64];
        snprintf(base, sizeof base, "%.*s", (int)wn, lemma);
        kb_verb_inflect(lemma, wn, infl);
        if (!rc)
            rc = add_verb_form(L, base, rest, val);
        for (int k = 0; k < 3 && !rc; k++)
            rc = add_verb_form(L, infl[k], rest, val);
        /* listed forms: verbs, or nouns with "n:" */
        const char *p = forms;
        while (!rc && *p) {
            const char *bar = strchr(p, '|');
            size_t n = bar ? (size_t)(bar - p) : strlen(p);
            char item[160];
            if (n < sizeof item && n > 0) {
                memcpy(item, p, n);
                item[n] = '\0';
                if (strncmp(item, "n:", 2) == 0)
                    rc = kb_phrase_add(&lex->phrases, item + 2, strlen(item + 2),
                                       LX_VAL(LX_VERBNOUN, idx), &L->scratch);
                else
                    rc = kb_phrase_add(&lex->phrases, item, n, val, &L->scratch);
            }
            p += n;
            if (*p == '|')
                p++;
        }
        if (rc) {
            kb_tsv_release(&t);
            return rc;
        }
    }
    return KB_OK;
}

int kb_lexicon_new(struct kb_lexicon **out, struct kb_error *err)
{
    struct kb_lexicon *lex = calloc(1, sizeof *lex);
    if (!lex)
        return kb_error_set(err, KB_ENOMEM, "out of memory loading the lexicon");
    kb_strmap_init(&lex->phrases);
    kb_strmap_init(&lex->acronyms);
    kb_arena_init(&lex->arena);
    for (size_t i = 0; i < KB_ARRAY_LEN(lex->by_iso); i++)
        lex->by_iso[i] = -1;
    kbp_timex_index(lex->timex_slots);
    struct loader L = {lex, {0}, err};
    kb_buf_init(&L.scratch);
    int rc = load_countries(&L);
    if (!rc)
        rc = load_groups(&L);
    if (!rc)
        rc = load_historic(&L);
    if (!rc)
        rc = load_orgs(&L);
    if (!rc)
        rc = load_titles(&L);
    if (!rc)
        rc = load_roles(&L);
    if (!rc)
        rc = load_words(&L, kb_embed_first_names, kb_embed_first_names_len, LX_FIRST);
    if (!rc)
        rc = load_words(&L, kb_embed_common_words, kb_embed_common_words_len, LX_COMMON);
    if (!rc)
        rc = load_verbs(&L);
    if (!rc)
        rc = load_place_names(&L);
    if (!rc)
        rc = load_people(&L);
    if (!rc)
        rc = load_cues(&L);
    if (!rc)
        rc = load_word_classes(lex);
    kb_buf_release(&L.scratch);
    if (rc) {
        if (rc == KB_ENOMEM)
            kb_error_set(err, rc, "out of memory loading the lexicon");
        kb_lexicon_free(lex);
        return rc;
    }
    *out = lex;
    return KB_OK;
}

void kb_lexicon_free(struct kb_lexicon *lex)
{
    if (!lex)
        return;
    free(lex->countries.v);
    free(lex->historic.v);
    free(lex->orgs.v);
    free(lex->titles.v);
    free(lex->roles.v);
    free(lex->verbs.v);
    free(lex->groups.v);
    free(lex->places.v);
    free(lex->people.v);
    free(lex->words.off);
    free(lex->words.cls);
    free(lex->words.len);
    free(lex->words.slot);
    kb_strmap_release(&lex->phrases);
    kb_strmap_release(&lex->acronyms);
    kb_arena_release(&lex->arena);
    free(lex);
}

const struct kb_country *kb_lexicon_country(const struct kb_lexicon *lex, const char *iso2)
{
    int slot = iso_slot(iso2);
    if (slot < 0 || lex->by_iso[slot] < 0)
        return NULL;
    return &lex->countries.v[lex->by_iso[slot]];
}

bool kb_lexicon_has(const struct kb_lexicon *lex, const struct kb_doc *doc, size_t tok,
                    int kind)
{
    size_t fl, n;
    const char *f = kb_tok_fold(doc, tok, &fl);
    const uint32_t *v = kb_strmap_get(&lex->phrases, f, fl, &n);
    for (size_t i = 0; i < n; i++)
        if (LX_KIND(v[i]) == kind)
            return true;
    return false;
}
