/*
 * test_entities.c -- entity recognition, canonical names, coreference,
 * descriptions, metonymy, embedded places, and the merge of people across
 * articles in the KB.
 *
 * Test plan:
 *   ent-0.x  the word list: sorted, classes of English words and names, every
 *            word found by its hash table; a phrase match continued from the
 *            first word's lookup answers as the full match
 *   ent-1.x  dictionaries: countries, variants, demonyms, groups, capitals,
 *            organisations and acronyms, people, place abbreviations, regions;
 *            the world's armed groups, central banks, British spellings and
 *            heads of government; no name of orgs.tsv or people.tsv claimed by
 *            two rows or by a country, every country code known
 *   ent-2.x  people: given names, titles, "said", age, initials, coreference
 *   ent-3.x  orthography: sentence-initial words, Title Case and capitals
 *            headlines, connectors, "X-Y War", a leading "The", possessives
 *   ent-4.x  actors: demonym -> country, role nouns, government bodies
 *   ent-5.x  descriptions: "the Belarusian president" -> the person; "the country"
 *   ent-6.x  metonymy: capitals and countries acting, places still
 *   ent-7.x  context and evidence: "in X", "X, Country", "X County", regions,
 *            lists ("Goma and Bunagana", "Sharkey and Humphreys counties")
 *   ent-8.x  sports reports: places that play are teams, countries stay places
 *   ent-9.x  places inside names; organisations named again
 *   ent-10.x the KB: a lone surname joins the full name across articles
 *   ent-11.x the contract: descriptions and embedded places stay out of the list
 *   ent-12.x the word cache: a document reused for the next (as a job does)
 *            finds the same entities as a fresh one, and keeps its answers
 */
#include "extract/lexicon.h"
#include "store/store.h"
#include "helpers.h"

#include <unistd.h>

static void type_is(const struct kb_doc *d, const char *s, int type, const char *name,
                    const char *id)
{
    const struct kb_entity *e = t_entity(d, s);
    T_OK(e != NULL, "%s: no entity '%s'", id, s);
    if (!e)
        return;
    T_STR(kb_ent_type_name(e->type), kb_ent_type_name(type), id);
    if (name)
        T_STR(e->name, name, id);
}

static void absent(const struct kb_doc *d, const char *s, const char *id)
{
    T_OK(t_entity(d, s) == NULL, "%s: '%s' should not be an entity", id, s);
}

static int32_t index_of(const struct kb_doc *d, const char *s)
{
    const struct kb_entity *e = t_entity(d, s);
    return e ? (int32_t)(e - d->ents.v) : -1;
}

static void test_words(void)
{
    const struct kb_lexicon *lex = t_ex.lex;
    bool sorted = lex->words.n > 50000;
    for (size_t i = 1; i < lex->words.n && sorted; i++) {
        const char *a = lex->words.text + lex->words.off[i - 1];
        const char *b = lex->words.text + lex->words.off[i];
        size_t la = strcspn(a, "\t"), lb = strcspn(b, "\t");
        int c = memcmp(a, b, la < lb ? la : lb);
        sorted = c < 0 || (c == 0 && la < lb);
        if (!sorted)
            T_OK(0, "ent-0.1 words.tsv: '%.*s' before '%.*s'", (int)la, a, (int)lb, b);
    }
    T_OK(sorted, "ent-0.1 words.tsv is sorted bytewise and has %zu words", lex->words.n);
    T_OK(kb_lexicon_word(lex, "however", 7) & KB_WORD_COMMON, "ent-0.2 'however' is English");
    T_OK(kb_lexicon_word(lex, "ludmila", 7) & KB_WORD_GIVEN, "ent-0.3 'Ludmila' is given");
    T_OK(kb_lexicon_word(lex, "rocca", 5) & KB_WORD_FAMILY, "ent-0.4 'Rocca' is a family name");
    T_OK(kb_lexicon_word(lex, "lukashenkoz", 11) == 0, "ent-0.5 unknown word has no class");
    size_t missing = 0;
    for (size_t i = 0; i < lex->words.n; i++)
        missing += kb_lexicon_word_list(lex, lex->words.text + lex->words.off[i],
                                        lex->words.len[i]) != lex->words.cls[i];
    T_OK(missing == 0, "ent-0.6 every listed word found with its classes (%zu not)", missing);
    T_OK(kb_lexicon_word_list(lex, "a", 1) == 0 && kb_lexicon_word_list(lex, "", 0) == 0 &&
             kb_lexicon_word_list(lex, "-however", 8) == 0,
         "ent-0.6 no class for a word shaped unlike the list's");

    /* kb_phrase_match_after == kb_phrase_match wherever a token opens a longer phrase */
    struct kb_doc *d = t_extract("The Prime Minister of the United Kingdom met the Czech "
                                 "Republic's foreign minister in New York and South Korea.",
                                 NULL);
    struct kb_buf b1, b2;
    kb_buf_init(&b1);
    kb_buf_init(&b2);
    size_t prefixes = 0, same = 0;
    for (size_t i = 0; d && i < d->toks.n; i++) {
        size_t fl, fn, n1, n2;
        const uint32_t *fv, *v1, *v2;
        const char *f = kb_tok_fold(d, i, &fl);
        if (!(kb_strmap_lookup(&lex->phrases, f, fl, &fv, &fn) & 2))
            continue;
        prefixes++;
        size_t l1 = kb_phrase_match(&lex->phrases, d, i, d->toks.n, false, &b1, &v1, &n1);
        bool dead2;
        size_t l2 =
            kb_phrase_match_after(&lex->phrases, d, i, d->toks.n, fv, fn, &b2, &v2, &n2, &dead2);
        /* a dead pair leaves the word alone's answer */
        same += l1 == l2 && v1 == v2 && n1 == n2 &&
                (!dead2 || (l2 == (fn ? 1u : 0u) && v2 == (fn ? fv : NULL)));
    }
    T_OK(prefixes >= 4 && same == prefixes,
         "ent-0.7 continued phrase matches agree (%zu of %zu)", same, prefixes);
    kb_buf_release(&b1);
    kb_buf_release(&b2);
    kb_doc_free(d);
}

static void test_dictionaries(void)
{
    struct kb_doc *d = t_extract(
        "Belarusian president Alexander Lukashenko met officials from the U.S. and the "
        "United Nations in Minsk. Lukashenko said Kiev had fired a missile. The Ukrainian "
        "government denied it, and NATO and the IAEA called for calm.",
        "2022-03-16");
    type_is(d, "Belarusian", KB_ENT_NORP, NULL, "ent-1.1 demonym");
    type_is(d, "U.S.", KB_ENT_GPE, "United States", "ent-1.2 country variant");
    type_is(d, "United Nations", KB_ENT_ORG, "United Nations", "ent-1.3 organisation");
    type_is(d, "Minsk", KB_ENT_GPE, "Minsk", "ent-1.4 capital");
    type_is(d, "Kiev", KB_ENT_GPE, "Kyiv", "ent-1.5 transliteration to the canonical name");
    type_is(d, "NATO", KB_ENT_ORG, "North Atlantic Treaty Organization", "ent-1.6 acronym");
    type_is(d, "IAEA", KB_ENT_ORG, "International Atomic Energy Agency", "ent-1.7 acronym");
    type_is(d, "Alexander Lukashenko", KB_ENT_PERSON, NULL, "ent-2.1 given name + surname");
    type_is(d, "Lukashenko", KB_ENT_PERSON, "Alexander Lukashenko", "ent-2.2 coreference");
    type_is(d, "Ukrainian", KB_ENT_NORP, NULL, "ent-4.1 demonym before a role noun");
    const struct kb_entity *u = t_entity(d, "Ukrainian");
    T_OK(u && u->role == KB_ROLE_GOV, "ent-4.2 'Ukrainian government' has the GOV role");
    T_STR(kb_entity_actor(d, index_of(d, "Ukrainian")), "Ukraine",
          "ent-4.3 demonym stands for its country");
    absent(d, "The", "ent-3.1 sentence-initial article");
    kb_doc_free(d);

    /* a demonym several countries claim belongs to the sovereign one */
    d = t_extract("American troops arrived, and Indian and French officials met them.", NULL);
    T_STR(kb_entity_actor(d, index_of(d, "American")), "United States",
          "ent-4.4 American stands for the United States, not a dependency");
    T_STR(kb_entity_actor(d, index_of(d, "Indian")), "India", "ent-4.5 Indian is India");
    T_STR(kb_entity_actor(d, index_of(d, "French")), "France", "ent-4.6 French is France");
    kb_doc_free(d);

    d = t_extract("Tajik troops and Kurdish fighters met Texan volunteers. Putin spoke to "
                  "reporters in Springfield, Ill., about the Midwest.",
                  NULL);
    type_is(d, "Tajik", KB_ENT_NORP, NULL, "ent-1.8 nation of groups.tsv");
    T_STR(kb_entity_actor(d, index_of(d, "Tajik")), "Tajikistan",
          "ent-1.9 a nation of groups.tsv stands for its country");
    type_is(d, "Kurdish", KB_ENT_NORP, NULL, "ent-1.10 people");
    type_is(d, "Texan", KB_ENT_NORP, NULL, "ent-1.11 inhabitants of a state");
    type_is(d, "Putin", KB_ENT_PERSON, "Vladimir Putin", "ent-1.12 a surname of people.tsv");
    const struct kb_entity *p = t_entity(d, "Putin");
    T_OK(p && p->role == KB_ROLE_LEADER && p->country && strcmp(p->country, "RU") == 0,
         "ent-1.13 a leader of Russia");
    type_is(d, "Ill.", KB_ENT_GPE, "Illinois", "ent-1.14 state abbreviation with its period");
    type_is(d, "Springfield", KB_ENT_GPE, NULL, "ent-1.15 city before ', State'");
    type_is(d, "Midwest", KB_ENT_LOC, "Midwest", "ent-1.16 region of place-names.tsv");
    kb_doc_free(d);
}

#define KIND_BIT(kind) (1u << (kind))

/* The dictionaries' names of kb/data/orgs.tsv or people.tsv (which, 0 or 1):
   each name or alias leads to its own row only, never to another row, a
   country, a demonym, a capital or a group, and the row's country is known. */
static void dictionary_rows_unique(int which, const char *id)
{
    const struct kb_lexicon *lex = t_ex.lex;
    const char *text = which ? (const char *)kb_embed_people : (const char *)kb_embed_orgs;
    size_t len = which ? kb_embed_people_len : kb_embed_orgs_len;
    int kind = which ? LX_PERSON : LX_ORG;
    size_t ccol = which ? 2 : 3, row = 0, bad = 0, names = 0;
    unsigned claims = KIND_BIT(LX_ORG) | KIND_BIT(LX_PERSON) | KIND_BIT(LX_COUNTRY) | KIND_BIT(LX_DEMONYM) |
                      KIND_BIT(LX_CAPITAL) | KIND_BIT(LX_GROUP);
    struct kb_tsv t;
    struct kb_buf key;
    kb_buf_init(&key);
    kb_tsv_init(&t, text, len);
    while (kb_tsv_next(&t) > 0) {
        uint32_t own = LX_VAL(kind, row);
        const char *cc = kb_tsv_field(&t, ccol);
        if (*cc && !kb_lexicon_country(lex, cc) && bad++ < 5)
            T_OK(0, "%s: '%s' has the unknown country '%s'", id, t.fields[0], cc);
        char list[2048];
        snprintf(list, sizeof list, "%s|%s", t.fields[0], kb_tsv_field(&t, 1));
        for (char *a = strtok(list, "|"); a; a = strtok(NULL, "|")) {
            size_t nv;
            const uint32_t *v = kb_strmap_get(&lex->acronyms, a, strlen(a), &nv);
            bool acronym = false;
            for (size_t k = 0; k < nv; k++)
                acronym |= v[k] == own;
            if (!acronym) {
                kb_buf_reset(&key);
                kb_phrase_key(a, strlen(a), &key);
                v = kb_strmap_get(&lex->phrases, key.data, key.len, &nv);
            }
            bool found = false;
            for (size_t k = 0; k < nv; k++) {
                found |= v[k] == own;
                if (v[k] != own && (claims & KIND_BIT(LX_KIND(v[k]))) && bad++ < 5)
                    T_OK(0, "%s: '%s' of '%s' is also another entry (kind %d)", id, a,
                         t.fields[0], LX_KIND(v[k]));
            }
            if (!found && bad++ < 5)
                T_OK(0, "%s: '%s' of '%s' does not lead to its row", id, a, t.fields[0]);
            names++;
        }
        row++;
    }
    kb_tsv_release(&t);
    kb_buf_release(&key);
    T_OK(bad == 0 && row > 500, "%s (%zu rows, %zu names)", id, row, names);
}

static void test_world_dictionaries(void)
{
    struct kb_doc *d = t_extract("Fighters of the PKK attacked an army post near the border, and "
                                 "the YPG denied any role.",
                                 NULL);
    type_is(d, "PKK", KB_ENT_ORG, "Kurdistan Workers' Party", "ent-1.18 armed group by acronym");
    const struct kb_entity *e = t_entity(d, "PKK");
    T_OK(e && e->country && strcmp(e->country, "TR") == 0, "ent-1.19 the group's country");
    type_is(d, "YPG", KB_ENT_ORG, "People's Protection Units", "ent-1.20 a second acronym");
    kb_doc_free(d);

    d = t_extract("The Reserve Bank of Australia left its cash rate unchanged, while the Bank "
                  "of Japan raised its own.",
                  NULL);
    type_is(d, "Reserve Bank of Australia", KB_ENT_ORG, NULL, "ent-1.21 central bank");
    e = t_entity(d, "Bank of Japan");
    T_OK(e && e->type == KB_ENT_ORG && e->country && strcmp(e->country, "JP") == 0,
         "ent-1.22 a central bank stands for its country");
    kb_doc_free(d);

    d = t_extract("The International Labour Organisation and the Organisation for Economic "
                  "Co-operation and Development published the report. The Israel Defence "
                  "Forces did not comment.",
                  NULL);
    type_is(d, "International Labour Organisation", KB_ENT_ORG,
            "International Labour Organization", "ent-1.23 British spelling, one canonical name");
    type_is(d, "Organisation for Economic Co-operation and Development", KB_ENT_ORG, NULL,
            "ent-1.24 British spelling with Co-operation");
    type_is(d, "Israel Defence Forces", KB_ENT_ORG, "Israel Defense Forces",
            "ent-1.25 Defence and Defense are one body");
    kb_doc_free(d);

    d = t_extract("Greek Prime Minister Kyriakos Mitsotakis arrived in Brussels on Tuesday. "
                  "Mitsotakis told reporters the talks had gone well.",
                  NULL);
    type_is(d, "Mitsotakis", KB_ENT_PERSON, "Kyriakos Mitsotakis",
            "ent-1.26 head of government by surname after first mention");
    e = t_entity(d, "Mitsotakis");
    T_OK(e && e->role == KB_ROLE_LEADER && e->country && strcmp(e->country, "GR") == 0,
         "ent-1.27 a leader of Greece");
    kb_doc_free(d);

    d = t_extract("Tinubu and Ruto met in Abuja on Monday.", NULL);
    type_is(d, "Tinubu", KB_ENT_PERSON, "Bola Tinubu", "ent-1.28 a leader known by surname alone");
    type_is(d, "Ruto", KB_ENT_PERSON, "William Ruto", "ent-1.29 a second one");
    kb_doc_free(d);

    d = t_extract("Labour costs rose in March. Analysts said Shell would cut jobs.", NULL);
    absent(d, "Labour", "ent-1.30 a party's name as an English word opening a sentence");
    type_is(d, "Shell", KB_ENT_ORG, "Shell plc", "ent-1.31 the same word inside a sentence");
    kb_doc_free(d);

    d = t_extract("AT&T sued the regulator. ISIS-K claimed the bombing.", NULL);
    type_is(d, "AT&T", KB_ENT_ORG, "AT&T", "ent-1.34 an acronym of several tokens ('&')");
    type_is(d, "ISIS-K", KB_ENT_ORG, "Islamic State Khorasan Province",
            "ent-1.35 a hyphenated acronym is longer than its first part");
    kb_doc_free(d);

    dictionary_rows_unique(0, "ent-1.32 orgs.tsv: names lead to their own row only");
    dictionary_rows_unique(1, "ent-1.33 people.tsv: names lead to their own row only");
}

static void test_people_and_orthography(void)
{
    struct kb_doc *d =
        t_extract("Lukashenko Denies Involvement in War\n\nHowever, Prime Minister Mark Rutte "
                  "and Sen. Jane Doe of the Ministry of Defence spoke. Rutte smiled.",
                  NULL);
    absent(d, "Denies", "ent-3.2 title-case headline verb");
    absent(d, "Involvement", "ent-3.3 title-case headline noun");
    absent(d, "However", "ent-3.4 sentence-initial adverb");
    type_is(d, "Mark Rutte", KB_ENT_PERSON, NULL, "ent-2.3 after a title");
    type_is(d, "Jane Doe", KB_ENT_PERSON, NULL, "ent-2.4 after an abbreviated title");
    type_is(d, "Ministry of Defence", KB_ENT_ORG, NULL, "ent-3.5 connector 'of' and org cue");
    type_is(d, "Rutte", KB_ENT_PERSON, "Mark Rutte", "ent-2.5 surname alone");
    kb_doc_free(d);

    d = t_extract("The Russo-Ukrainian War began in 2014. The Soviet Union collapsed.", NULL);
    type_is(d, "Russo-Ukrainian War", KB_ENT_EVENT, NULL, "ent-3.6 X-Y War is an event");
    type_is(d, "Soviet Union", KB_ENT_GPE, "Soviet Union", "ent-1.17 historic state");
    kb_doc_free(d);

    d = t_extract("CRICKET - ESSEX WIN AT LORDS\nLONDON 1996-08-30\n", NULL);
    type_is(d, "LONDON", KB_ENT_GPE, "London", "ent-3.7 dateline in capitals");
    absent(d, "CRICKET", "ent-3.8 capitals headline word");
    absent(d, "AT", "ent-3.9 a capitalised preposition is no place");
    kb_doc_free(d);

    d = t_extract("ATHLETICS - MITCHELL DEFEATS BAILEY\nBERLIN 1996-08-30\n"
                  "American Dennis Mitchell outclassed Olympic champion Donovan Bailey on "
                  "Friday. Bailey, 28, finished third.\n",
                  NULL);
    type_is(d, "MITCHELL", KB_ENT_PERSON, NULL, "ent-3.10 headline name from the body");
    type_is(d, "BAILEY", KB_ENT_PERSON, NULL, "ent-3.11 headline name from the body");
    type_is(d, "Bailey", KB_ENT_PERSON, "Donovan Bailey", "ent-2.6 surname after the full name");
    kb_doc_free(d);

    d = t_extract("Noureddine Morceli, 26, won the race. Zkwarta said he was pleased. "
                  "W. Athey scored 111. Boatmen's Bancshares Inc and Douglas & Lomason "
                  "reported profits. The United Nations Security Council met.",
                  NULL);
    type_is(d, "Noureddine Morceli", KB_ENT_PERSON, NULL, "ent-2.7 unknown name with an age");
    type_is(d, "Zkwarta", KB_ENT_PERSON, NULL, "ent-2.8 unknown word before 'said'");
    type_is(d, "W. Athey", KB_ENT_PERSON, NULL, "ent-2.9 an initial and a surname");
    type_is(d, "Boatmen's Bancshares Inc", KB_ENT_ORG, NULL, "ent-3.12 possessive in a firm");
    type_is(d, "Douglas & Lomason", KB_ENT_ORG, NULL, "ent-3.13 '&' in a firm");
    type_is(d, "United Nations Security Council", KB_ENT_ORG, NULL,
            "ent-3.14 a leading 'The' is not part of the name");
    kb_doc_free(d);

    /* a surname the dictionary gives to someone else (Herzog: Israel's president) */
    d = t_extract("Film director Werner Herzog spoke in Berlin. Herzog said the film was done.",
                  NULL);
    const struct kb_entity *h = t_entity(d, "Herzog");
    T_OK(h && strcmp(h->name, "Werner Herzog") == 0 && !h->country,
         "ent-2.10 a surname after the full name is that person, with its country (none), "
         "not the dictionary's (%s)", h && h->country ? h->country : "-");
    kb_doc_free(d);
}

static void test_descriptions(void)
{
    struct kb_doc *d = t_extract(
        "Belarusian president Alexander Lukashenko insisted on Tuesday that Belarus would "
        "not take part. Later the Belarusian president warned Kyiv. The president said the "
        "country would defend itself.",
        "2022-03-16");
    const struct kb_entity *n = NULL;
    for (size_t i = 0; i < d->ents.n; i++)
        if (d->ents.v[i].flags & KB_EF_NOMINAL) {
            n = &d->ents.v[i];
            break;
        }
    T_OK(n != NULL, "ent-5.1 'the Belarusian president' is a description");
    if (n) {
        T_INT(n->type, KB_ENT_PERSON, "ent-5.2 a description of a person is a PERSON mention");
        T_STR(kb_entity_actor(d, (int32_t)(n - d->ents.v)), "Alexander Lukashenko",
              "ent-5.3 it names the person introduced as Belarusian president");
        T_INT(n->end - n->start, 9, "ent-5.4 its span is the title word");
    }
    size_t nominal = 0;
    for (size_t i = 0; i < d->ents.n; i++)
        nominal += (d->ents.v[i].flags & KB_EF_NOMINAL) != 0;
    T_INT(nominal, 2, "ent-5.5 'the president' names him too");
    absent(d, "country", "ent-5.6 'the country' is left alone");
    kb_doc_free(d);

    d = t_extract("The president said the talks would go on.", NULL);
    T_INT(d->ents.n, 0, "ent-5.7 a description of nobody the article names is no mention");
    kb_doc_free(d);
}

static void test_metonymy(void)
{
    struct kb_doc *d = t_extract(
        "Kyiv accused Moscow of firing the missile. Minsk has cooperated extensively with "
        "Moscow, and Russian troops gathered in Minsk. Belarus would act. Minsk's role grew.",
        "2022-03-16");
    const struct kb_entity *k = t_entity(d, "Kyiv");
    T_OK(k && (k->flags & KB_EF_METONYM) && k->role == KB_ROLE_GOV,
         "ent-6.1 'Kyiv accused' is the government");
    T_STR(kb_entity_actor(d, index_of(d, "Kyiv")), "Ukraine", "ent-6.2 ... of Ukraine");
    T_OK(k && k->type == KB_ENT_GPE && k->place >= 0, "ent-6.3 ... and still a place");
    size_t minsk_place = 0, minsk_actor = 0;
    for (size_t i = 0; i < d->ents.n; i++) {
        const struct kb_entity *e = &d->ents.v[i];
        if (e->end - e->start != 5 || memcmp(d->text + e->start, "Minsk", 5) != 0)
            continue;
        if (e->flags & KB_EF_METONYM)
            minsk_actor++;
        else
            minsk_place++;
    }
    T_INT(minsk_actor, 2, "ent-6.4 'Minsk has cooperated', 'Minsk's role' are Belarus");
    T_INT(minsk_place, 1, "ent-6.5 'in Minsk' is a place only");
    const struct kb_entity *b = t_entity(d, "Belarus");
    T_OK(b && b->role == KB_ROLE_GOV && !(b->flags & KB_EF_METONYM),
         "ent-6.6 a country that acts has the government role");
    kb_doc_free(d);

    d = t_extract("MINSK, March 3 - Officials met.", NULL);
    k = t_entity(d, "MINSK");
    T_OK(k && !(k->flags & KB_EF_METONYM), "ent-6.7 a dateline is a place");
    kb_doc_free(d);
}

static void test_context(void)
{
    struct kb_doc *d = t_extract(
        "Government troops took Tavildara, Tajikistan, after fighting near Zhorbek. "
        "Officials told the Lamar County Volunteer Fire Department about the flood in South "
        "Florida. "
        "Paris Hilton flew to Atlanta and other parts of Georgia.",
        NULL);
    type_is(d, "Tavildara", KB_ENT_GPE, NULL, "ent-7.1 'X, Country' is a place");
    type_is(d, "Zhorbek", KB_ENT_GPE, NULL, "ent-7.2 'near X' is a place");
    type_is(d, "South Florida", KB_ENT_GPE, NULL, "ent-7.3 a direction and a place");
    type_is(d, "Paris Hilton", KB_ENT_PERSON, NULL, "ent-7.4 a given name before a place");
    type_is(d, "Atlanta", KB_ENT_GPE, "Atlanta", "ent-7.5 a city also a given name");
    type_is(d, "Georgia", KB_ENT_GPE, NULL, "ent-7.6 Georgia");
    kb_doc_free(d);
    d = t_extract("Government forces shelled Eastern Ghouta. Rebels in Ghouta held out. "
                  "West Nile virus spread in Texas.",
                  NULL);
    type_is(d, "Eastern Ghouta", KB_ENT_GPE, NULL, "ent-7.9 a direction and a name: a region");
    type_is(d, "Ghouta", KB_ENT_GPE, NULL, "ent-7.10 ... named again without the direction");
    absent(d, "West Nile", "ent-7.11 a disease named after a place is no place");
    kb_doc_free(d);
    d = t_extract("Officials told the Lamar County Volunteer Fire Department about the flood.",
                  NULL);
    const struct kb_entity *c = t_entity(d, "Lamar County Volunteer Fire Department");
    T_OK(c && c->type == KB_ENT_ORG, "ent-7.7 a county's body is an organisation");
    const struct kb_entity *lc = t_entity(d, "Lamar County");
    T_OK(lc && (lc->flags & KB_EF_EMBEDDED) && lc->type == KB_ENT_GPE,
         "ent-7.8 ... with the county as an embedded place");
    kb_doc_free(d);
    /* lists: the members of a list are alike */
    d = t_extract("Rebels attacked Goma and Bunagana. The storm moved toward Winona and Amory. "
                  "Roads closed in Douglas, Sarpy, and Lancaster. "
                  "The governor declared an emergency for Sharkey and Humphreys counties. "
                  "The US imposed sanctions on Russia and Gazprom. "
                  "Talks between Smith and Jones broke down.",
                  NULL);
    type_is(d, "Bunagana", KB_ENT_GPE, NULL, "ent-7.12 an unknown name listed with a town");
    type_is(d, "Amory", KB_ENT_GPE, NULL, "ent-7.13 a given name listed with a town");
    type_is(d, "Sarpy", KB_ENT_GPE, NULL, "ent-7.14 inside a list with an Oxford comma");
    type_is(d, "Sharkey", KB_ENT_GPE, NULL, "ent-7.15 a plural place noun types the list");
    type_is(d, "Humphreys", KB_ENT_GPE, NULL, "ent-7.16 ... each member");
    type_is(d, "Gazprom", KB_ENT_ORG, NULL, "ent-7.17 a country lends no type to a company");
    type_is(d, "Jones", KB_ENT_PERSON, NULL, "ent-7.18 people listed stay people");
    kb_doc_free(d);
}

static void test_sports(void)
{
    struct kb_doc *d = t_extract(
        "CRICKET - ESSEX CLOSE IN\nLONDON 1996-08-30\n"
        "Essex beat Kent by 39 runs at Chelmsford, while England beat Pakistan.\n"
        "Somerset 83 and 174, Leicestershire 296.\n",
        NULL);
    type_is(d, "Essex", KB_ENT_ORG, NULL, "ent-8.1 a county that beats is its team");
    type_is(d, "Kent", KB_ENT_ORG, NULL, "ent-8.2 a county that is beaten is its team");
    type_is(d, "England", KB_ENT_GPE, NULL, "ent-8.3 a nation's team stays the nation");
    type_is(d, "Pakistan", KB_ENT_GPE, NULL, "ent-8.4 a country's team stays the country");
    type_is(d, "Chelmsford", KB_ENT_GPE, NULL, "ent-8.5 the venue is a place");
    type_is(d, "Somerset", KB_ENT_ORG, NULL, "ent-8.6 a name before a score is a team");
    kb_doc_free(d);

    d = t_extract("TENNIS - EDBERG WINS\nStefan Edberg won. Karbacher lost.", NULL);
    type_is(d, "Karbacher", KB_ENT_PERSON, NULL, "ent-8.7 lone surname in a single sport");
    kb_doc_free(d);
}

static void test_inside_names(void)
{
    struct kb_doc *d = t_extract(
        "The Texas Rangers beat the New York Yankees. The Russia-Ukraine War goes on. "
        "Jones Medical Industries Inc said Jones would buy a rival. The International "
        "Atomic Energy Agency (IAEA) said the IAEA would send experts.",
        NULL);
    type_is(d, "Texas Rangers", KB_ENT_ORG, NULL, "ent-9.1 a place and a plural is a team");
    type_is(d, "New York Yankees", KB_ENT_ORG, NULL, "ent-9.2 ... of several words");
    const struct kb_entity *t = t_entity(d, "Texas");
    T_OK(t && (t->flags & KB_EF_EMBEDDED) && t->place >= 0,
         "ent-9.3 the place inside a team's name is an embedded, resolved place");
    T_OK(t_entity(d, "Russia") && t_entity(d, "Ukraine"), "ent-9.4 places inside an event name");
    type_is(d, "Russia-Ukraine War", KB_ENT_EVENT, NULL, "ent-9.5 the event stays whole");
    type_is(d, "Jones", KB_ENT_ORG, "Jones Medical Industries Inc",
            "ent-9.6 the first word of a firm names it again");
    const struct kb_entity *a = NULL;
    for (size_t i = 0; i < d->ents.n; i++)
        if (d->ents.v[i].end - d->ents.v[i].start == 4 &&
            memcmp(d->text + d->ents.v[i].start, "IAEA", 4) == 0)
            a = &d->ents.v[i];
    T_OK(a && strcmp(a->name, "International Atomic Energy Agency") == 0,
         "ent-9.7 an acronym names the organisation");
    /* events see the enclosing name, never the embedded place */
    for (size_t i = 0; i < d->events.n; i++) {
        int32_t ac = d->events.v[i].actor;
        T_OK(ac < 0 || !(d->ents.v[ac].flags & KB_EF_EMBEDDED),
             "ent-9.8 no event actor is an embedded place");
    }
    kb_doc_free(d);
}

static void test_contract(void)
{
    struct kb_doc *d = t_extract("Belarusian president Alexander Lukashenko spoke. Later the "
                                 "Belarusian president met the Texas Rangers.",
                                 NULL);
    json_t *o = kb_doc_to_json(d);
    json_t *ents = json_object_get(o, "entities");
    size_t i;
    json_t *v;
    bool nominal = false, embedded = false;
    json_array_foreach(ents, i, v)
    {
        const char *text = json_string_value(json_object_get(v, "text"));
        nominal |= text && strcmp(text, "president") == 0;
        embedded |= text && strcmp(text, "Texas") == 0;
    }
    T_OK(json_array_size(ents) > 0 && !nominal, "ent-11.1 descriptions are not in the list");
    T_OK(!embedded, "ent-11.2 places inside names are not in the list");
    json_t *places = json_object_get(o, "places");
    bool texas = false;
    json_array_foreach(places, i, v)
    {
        const char *text = json_string_value(json_object_get(v, "text"));
        texas |= text && strcmp(text, "Texas") == 0;
    }
    T_OK(texas, "ent-11.3 an embedded place is a place");
    json_decref(o);
    kb_doc_free(d);
}

/* ---- the KB across articles ---- */

static int ingest(struct kb_store *s, const char *text)
{
    struct kb_ingest_stats stats = {0};
    return t_ingest(s, text, &stats);
}

#define count t_count

static void test_store(void)
{
    char dir[] = "/tmp/kb-test-entities-XXXXXX";
    if (!mkdtemp(dir)) {
        T_OK(0, "ent-10.0 cannot make a temporary folder");
        return;
    }
    char path[128];
    snprintf(path, sizeof path, "%s/kb.db", dir);
    struct kb_store *s = NULL;
    struct kb_error err;
    T_INT(kb_store_open(&s, path, KB_STORE_CREATE, &err), KB_OK, "ent-10.0 create a KB");
    if (!s)
        return;
    T_INT(ingest(s, "Kowalczyk met officials in Warsaw on Monday."), KB_OK, "ent-10.1 ingest");
    T_INT(ingest(s, "Opposition leader Marta Kowalczyk said she would run."), KB_OK,
          "ent-10.2 ingest");
    T_INT(ingest(s, "Kowalczyk warned the government on Wednesday."), KB_OK, "ent-10.3 ingest");
    T_INT(count(s, "SELECT count(*) FROM entities WHERE type = 'PERSON'"), 1,
          "ent-10.4 one person across three articles");
    T_INT(count(s, "SELECT count(*) FROM entities WHERE name = 'Marta Kowalczyk'"
                   " AND surname = 'Kowalczyk'"),
          1, "ent-10.5 named in full, with the surname");
    T_INT(count(s, "SELECT count FROM aliases a JOIN entities e ON e.id = a.entity"
                   " WHERE e.name = 'Marta Kowalczyk' AND a.alias = 'Kowalczyk'"),
          2, "ent-10.6 the lone surname is an alias seen twice");
    T_INT(ingest(s, "Piotr Kowalczyk, her cousin, said nothing. Kowalczyk left."), KB_OK,
          "ent-10.7 ingest");
    T_INT(ingest(s, "Kowalczyk spoke again."), KB_OK, "ent-10.8 ingest");
    T_INT(count(s, "SELECT count(*) FROM entities WHERE type = 'PERSON'"), 3,
          "ent-10.9 two people of one surname: a lone surname stays apart");
    kb_store_close(s);
    unlink(path);
    char wal[160];
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
    rmdir(dir);
}

/* The entities of d as one string: type, span and name of each. */
static void ents_str(const struct kb_doc *d, struct kb_buf *out)
{
    kb_buf_reset(out);
    for (size_t i = 0; i < d->ents.n; i++) {
        char line[64];
        const struct kb_entity *e = &d->ents.v[i];
        snprintf(line, sizeof line, "%d %u %u ", e->type, e->start, e->end);
        kb_buf_adds(out, line);
        kb_buf_adds(out, e->name ? e->name : "-");
        kb_buf_addc(out, '\n');
    }
}

static void test_word_cache(void)
{
    static const char *const texts[] = {
        "Belarusian president Alexander Lukashenko met officials in Minsk on Monday.",
        "The New York Yankees beat Boston. Police said Lukashenko was in Minsk.",
        "Lukashenko told the United Nations that Belarus and Russia would act.",
    };
    struct kb_doc *reused = kb_doc_new("", 0);
    struct kb_buf a, b;
    kb_buf_init(&a);
    kb_buf_init(&b);
    size_t same = 0;
    for (size_t k = 0; k < 2 * KB_ARRAY_LEN(texts); k++) {
        const char *t = texts[k % KB_ARRAY_LEN(texts)];
        struct kb_doc *fresh = t_extract(t, NULL);
        kb_doc_reset(reused, t, strlen(t));
        T_OK(kb_extract(&t_ex, reused) == KB_OK, "ent-12.1 extraction with a reused document");
        ents_str(fresh, &a);
        ents_str(reused, &b);
        same += a.len > 0 && a.len == b.len && memcmp(a.data, b.data, a.len) == 0;
        kb_doc_free(fresh);
    }
    T_OK(same == 2 * KB_ARRAY_LEN(texts),
         "ent-12.1 a reused document finds what a fresh one finds (%zu of %zu)", same,
         2 * KB_ARRAY_LEN(texts));
    T_OK(reused->wcache != NULL, "ent-12.2 the reused document keeps its word cache");
    kb_doc_free(reused);
    kb_buf_release(&a);
    kb_buf_release(&b);
}

int main(void)
{
    t_setup();
    test_words();
    test_word_cache();
    test_dictionaries();
    test_world_dictionaries();
    test_people_and_orthography();
    test_descriptions();
    test_metonymy();
    test_context();
    test_sports();
    test_inside_names();
    test_contract();
    test_store();
    kb_extractor_release(&t_ex);
    return t_done();
}
