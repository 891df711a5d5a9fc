/*
 * entities_cues.c -- the evidence that types a name nobody listed: cue words
 * inside it (Ministry, Inc, River, War), its shape (a given name first, an
 * initial, a family name or a family-name ending last), and its context (a
 * title before, "said" or ", 45," after, "in" before, ", Ukraine" after,
 * "the town of" before, "-based" after).
 *
 * Each cue table is sorted bytewise for bsearch (a unit test checks the
 * order); to add a word, insert it in order, in lower case.
 */
#include "entities.h"

#include <stdlib.h>
#include <string.h>

/* ---- Cue tables ---- */

static const char *const org_cues[] = {
    "academy", "agency", "airline", "airlines", "airways", "alliance", "army", "assembly",
    "associates", "association", "authority", "bancorp", "bancshares", "bank", "bankers",
    "board", "brigade", "brotherhood", "bureau", "cabinet", "caucus", "center", "centre",
    "chamber", "chronicle", "church", "club", "coalition", "college", "command",
    "commission", "committee", "communications", "company", "confederation", "congress",
    "consortium", "cooperative", "corporation", "council", "court", "daily", "department",
    "directorate", "division", "electric", "electronics", "energy", "enterprises",
    "entertainment", "exchange", "faction", "federation", "firm", "force", "forces",
    "foundation", "front", "fund", "gazette", "group", "guard", "guards", "herald",
    "holding", "holdings", "hospital", "industries", "institute", "institution",
    "insurance", "international", "investments", "journal", "laboratories", "labs",
    "league", "legion", "magazine", "media", "mining", "ministry", "mission", "motors",
    "movement", "museum", "navy", "network", "networks", "news", "newsdesk", "newspaper",
    "newsroom", "observer", "office", "orchestra", "organisation", "organization",
    "parliament", "partners", "partnership", "party", "petroleum", "pharmaceutical",
    "pharmaceuticals", "police", "polytechnic", "press", "program", "programme", "radio",
    "railway", "railways", "regiment", "reserve", "resources", "school", "secretariat",
    "senate", "service", "services", "society", "steel", "studios", "syndicate",
    "systems", "team", "technologies", "technology", "telecom", "telecommunications",
    "television", "treasury", "tribunal", "tribune", "trust", "tv", "union", "unit",
    "united", "university", "ventures",
};

static const char *const event_cues[] = {
    "championship", "championships", "classic", "conference", "crisis", "cup", "derby",
    "festival", "games", "genocide", "invitational", "marathon", "massacre", "masters",
    "olympiad", "olympics", "open", "prix", "rally", "rebellion", "revolution", "rising",
    "series", "summit", "tour", "tournament", "trophy", "uprising", "war", "wars",
};

static const char *const connectors[] = {
    "al", "am", "bin", "da", "das", "de", "del", "della", "der", "des", "di", "do", "dos",
    "du", "el", "ibn", "la", "le", "of", "ten", "ter", "upon", "van", "von", "y",
};

static const char *const said_words[] = {
    "acknowledged", "added", "admitted", "announced", "argued", "asked", "claimed",
    "commented", "complained", "confirmed", "declared", "denied", "estimated",
    "explained", "insisted", "noted", "predicted", "recalled", "replied", "reported",
    "said", "says", "stated", "suggested", "tells", "told", "urged", "warned", "wrote",
};

static const char *const loc_head[] = {
    "airfield", "airport", "arena", "ave", "ave.", "avenue", "base", "basin", "bay",
    "beach", "blvd", "borough", "boulevard", "bridge", "canal", "canyon", "cape", "castle",
    "cathedral", "cemetery", "channel", "coast", "counties", "county", "creek", "crossing",
    "dam", "delta", "desert", "district", "districts", "drive", "estate", "estates",
    "expressway", "falls", "forest", "freeway", "gate", "glacier", "gulf", "harbor",
    "harbour", "heights", "highlands", "highway", "hill", "hills", "island", "islands",
    "isle", "isles", "jail", "lagoon", "lake", "lakes", "lane", "mall", "memorial",
    "mosque", "motorway", "mount", "mountain", "mountains", "municipalities",
    "municipality", "oblast", "oblasts", "ocean", "palace", "parish", "parishes", "park",
    "parkway", "peninsula", "pike", "plain", "plains", "plateau", "plaza", "prefecture",
    "prefectures", "prison", "province", "provinces", "range", "rd", "rd.", "reef",
    "region", "regions", "reservoir", "ridge", "river", "road", "sea", "square", "st",
    "st.", "stadium", "station", "strait", "straits", "street", "swamp", "temple",
    "terrace", "territories", "territory", "tower", "township", "townships", "trail",
    "tunnel", "twp", "twp.", "valley", "village", "wall", "wilderness", "woods",
};

static const char *const loc_pre[] = {
    "cape", "fort", "ft.", "gulf", "isle", "lake", "mount", "mt", "mt.", "port",
};

static const char *const loc_prep[] = {
    "across", "along", "around", "at", "beyond", "from", "in", "inside", "into", "near",
    "off", "outside", "through", "throughout", "to", "toward", "towards", "via", "within",
};

static const char *const place_noun[] = {
    "area", "areas", "border", "capital", "center", "centre", "cities", "city", "coast",
    "county", "district", "east", "heart", "island", "islands", "mayor", "municipality",
    "north", "northeast", "northwest", "outskirts", "people", "port", "province",
    "region", "republic", "residents", "south", "southeast", "southwest", "state",
    "streets", "suburb", "suburbs", "territory", "town", "towns", "village", "villages",
    "west",
};

static const char *const sports[] = {
    "athletics", "badminton", "baseball", "basketball", "bobsleigh", "boxing", "canoeing",
    "cricket", "cycling", "darts", "equestrianism", "fencing", "football", "golf",
    "gymnastics", "handball", "hockey", "judo", "lacrosse", "motocross", "motorcycling",
    "nba", "nfl", "nhl", "racing", "rallying", "rowing", "rugby", "sailing", "skiing",
    "snooker", "soccer", "speedway", "squash", "swimming", "tennis", "triathlon",
    "volleyball", "weightlifting", "wrestling",
};

static const char *const sport_words[] = {
    "batsman", "bowler", "catcher", "fixture", "fixtures", "goalkeeper", "half-time",
    "halftime", "homer", "homers", "infielder", "inning", "innings", "midfielder",
    "outfielder", "penalty", "pitcher", "playoff", "playoffs", "quarterback",
    "quarterfinal", "quarterfinals", "rbi", "referee", "relegation", "seeded",
    "semifinal", "semifinals", "shortstop", "standings", "striker", "touchdown",
    "unbeaten", "wicket", "wickets",
};

static const char *const team_roles[] = {
    "all-rounder", "batsman", "boss", "bowler", "captain", "catcher", "coach", "defender",
    "fans", "forward", "fullback", "goalkeeper", "keeper", "linebacker", "manager",
    "midfielder", "opener", "outfielder", "pitcher", "player", "players", "quarterback",
    "seamer", "shortstop", "skipper", "spinner", "squad", "striker", "supporters", "team",
    "winger",
};

static const char *const company[] = {
    "ab", "ag", "asa", "bhd", "co", "co.", "corp", "corp.", "gmbh", "inc", "inc.", "kg",
    "limited", "llc", "llp", "lp", "ltd", "ltd.", "n.v.", "nv", "oyj", "plc", "plc.",
    "pty", "s.a.", "s.p.a.", "sa", "sab", "spa", "srl",
};

static const char *const clubs[] = {
    "albion", "athletic", "athletico", "city", "county", "hotspur", "orient", "rangers",
    "rovers", "thistle", "town", "united", "villa", "wanderers",
};

static const char *const directions[] = {
    "central", "east", "eastern", "greater", "inner", "lower", "north", "northeast",
    "northeastern", "northern", "northwest", "northwestern", "outer", "south",
    "southeast", "southeastern", "southern", "southwest", "southwestern", "upper", "west",
    "western",
};

static const char *const solo_sports[] = {
    "athletics", "badminton", "bobsleigh", "boxing", "canoeing", "cycling", "darts",
    "equestrianism", "fencing", "golf", "gymnastics", "judo", "motocross", "motorcycling",
    "racing", "rallying", "skiing", "snooker", "squash", "swimming", "tennis",
    "triathlon", "weightlifting", "wrestling",
};

static const char *const result_verbs[] = {
    "beat", "beating", "beats", "blanked", "crushed", "defeated", "defeating", "downed",
    "draw", "drew", "edged", "face", "faces", "hammered", "held", "host", "hosted",
    "hosts", "led", "lost", "meet", "meets", "outclassed", "overcame", "play", "played",
    "plays", "routed", "thrashed", "tied", "trounced", "v", "v.", "vs", "vs.", "won",
};

static const char *const home_nations[] = {
    "england", "scotland", "wales",
};

static const char *const aux_words[] = {
    "again", "already", "also", "can", "could", "did", "does", "had", "has", "have", "is",
    "later", "may", "might", "must", "n't", "never", "not", "now", "repeatedly",
    "reportedly", "should", "still", "was", "will", "would",
};

static const char *const place_uses[] = {
    "across", "along", "around", "at", "between", "beyond", "from", "in", "inside",
    "into", "near", "of", "off", "outside", "over", "through", "throughout", "to",
    "toward", "towards", "via", "within",
};

static const char *const org_after[] = {
    "chairman", "employees", "executive", "executives", "shareholders", "shares",
    "spokesman", "spokeswoman", "stock", "subsidiary",
};

static const char *const diseases[] = {
    "disease", "diseases", "fever", "flu", "influenza", "strain", "syndrome", "variant",
    "virus", "viruses",
};

/* Place head words of political units and of facilities (the others are LOC). */
static const char *const loc_head_gpe[] = {
    "borough", "counties", "county", "district", "districts", "municipalities",
    "municipality", "oblast", "oblasts", "parish", "parishes", "prefecture", "prefectures",
    "province", "provinces", "region", "regions", "territories", "territory", "township",
    "townships", "twp", "twp.", "village",
};
static const char *const loc_head_fac[] = {
    "airfield", "airport", "arena", "ave", "ave.", "avenue", "base", "blvd", "boulevard",
    "bridge", "castle", "cathedral", "cemetery", "crossing", "dam", "drive", "expressway",
    "freeway", "gate", "highway", "jail", "lane", "mall", "memorial", "mosque", "motorway",
    "palace", "park", "parkway", "pike", "plaza", "prison", "rd", "rd.", "road", "square",
    "st", "st.", "stadium", "station", "street", "temple", "terrace", "tower", "trail",
    "tunnel", "wall",
};

static const struct {
    const char *const *v;
    size_t n;
} tables[CUE__MAX] = {
    [CUE_ORG] = {org_cues, KB_ARRAY_LEN(org_cues)},
    [CUE_EVENT] = {event_cues, KB_ARRAY_LEN(event_cues)},
    [CUE_CONNECT] = {connectors, KB_ARRAY_LEN(connectors)},
    [CUE_SAID] = {said_words, KB_ARRAY_LEN(said_words)},
    [CUE_LOC_HEAD] = {loc_head, KB_ARRAY_LEN(loc_head)},
    [CUE_LOC_PRE] = {loc_pre, KB_ARRAY_LEN(loc_pre)},
    [CUE_LOC_PREP] = {loc_prep, KB_ARRAY_LEN(loc_prep)},
    [CUE_PLACE_NOUN] = {place_noun, KB_ARRAY_LEN(place_noun)},
    [CUE_SPORT] = {sports, KB_ARRAY_LEN(sports)},
    [CUE_SPORT_WORD] = {sport_words, KB_ARRAY_LEN(sport_words)},
    [CUE_TEAM_ROLE] = {team_roles, KB_ARRAY_LEN(team_roles)},
    [CUE_COMPANY] = {company, KB_ARRAY_LEN(company)},
    [CUE_HEAD_GPE] = {loc_head_gpe, KB_ARRAY_LEN(loc_head_gpe)},
    [CUE_HEAD_FAC] = {loc_head_fac, KB_ARRAY_LEN(loc_head_fac)},
    [CUE_CLUB] = {clubs, KB_ARRAY_LEN(clubs)},
    [CUE_DIRECTION] = {directions, KB_ARRAY_LEN(directions)},
    [CUE_SOLO_SPORT] = {solo_sports, KB_ARRAY_LEN(solo_sports)},
    [CUE_RESULT] = {result_verbs, KB_ARRAY_LEN(result_verbs)},
    [CUE_HOME_NATION] = {home_nations, KB_ARRAY_LEN(home_nations)},
    [CUE_AUX] = {aux_words, KB_ARRAY_LEN(aux_words)},
    [CUE_PLACE_USE] = {place_uses, KB_ARRAY_LEN(place_uses)},
    [CUE_ORG_AFTER] = {org_after, KB_ARRAY_LEN(org_after)},
    [CUE_DISEASE] = {diseases, KB_ARRAY_LEN(diseases)},
};

size_t kbp_entities_table(int which, const char *const **out)
{
    if (which < 0 || which >= CUE__MAX) {
        *out = NULL;
        return 0;
    }
    *out = tables[which].v;
    return tables[which].n;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Is s[0..n) in the sorted table tab? */
static bool in_sorted(const char *s, size_t n, const char *const *tab, size_t ntab)
{
    char key[32];
    if (n == 0 || n >= sizeof key)
        return false;
    memcpy(key, s, n);
    key[n] = '\0';
    const char *k = key;
    return bsearch(&k, tab, ntab, sizeof(char *), cmp_str) != NULL;
}

bool kbp_cue_str(const char *s, size_t n, int which)
{
    return in_sorted(s, n, tables[which].v, tables[which].n);
}

bool kbp_is_hyphen(const struct kb_doc *doc, size_t i)
{
    const struct kb_token *t = &doc->toks.v[i];
    return t->kind == KB_TOK_PUNCT && !(t->flags & KB_TF_SPACE) && t->end - t->start == 1 &&
           doc->text[t->start] == '-';
}

int kbp_title_before(struct ner *N, size_t i, size_t sb)
{
    for (size_t back = 1; back <= 3 && back <= i - sb; back++) {
        const struct ner_word *w = kbp_ner_info(N, i - back);
        if (!w)
            continue;
        if (back == 1 ? !(w->lexk & LXK(LX_TITLE)) : !kbp_ner_prefix(N, i - back))
            continue;
        const uint32_t *vals;
        size_t nv;
        size_t len = kbp_ner_phrase(N, i - back, i, &vals, &nv);
        if (len != back)
            continue;
        for (size_t k = 0; k < nv; k++)
            if (LX_KIND(vals[k]) == LX_TITLE)
                return N->lex->titles.v[LX_IDX(vals[k])].role;
    }
    return -1;
}

int kbp_loc_head_type(const struct ner *N, size_t i)
{
    if (!kbp_cue(N, i, CUE_LOC_HEAD))
        return -1;
    return kbp_cue(N, i, CUE_HEAD_GPE) ? KB_ENT_GPE : kbp_cue(N, i, CUE_HEAD_FAC) ? KB_ENT_FAC
                                                                              : KB_ENT_LOC;
}

bool kbp_place_word(const struct ner *N, size_t i)
{
    const struct ner_word *w = kbp_ner_info(N, i);
    if (!w)
        return false;
    if (w->lexk & (LXK(LX_COUNTRY) | LXK(LX_CAPITAL) | LXK(LX_PLACE)))
        return true;
    if (!N->gaz || !kbp_ner_gaz(N, i))
        return false;
    size_t l, n;
    const uint32_t *v;
    const struct ner_word *wg = kbp_ner_info2(N, i);
    if (N->gaz->db) {
        const char *f = kb_tok_fold(N->doc, i, &l);
        v = kb_gazetteer_lookup(N->gaz, f, l, &n);
    } else if (wg->gazexact) { /* the word's own key, found by kbp_ner_gaz() */
        const struct kb_gaz_key *k = &N->gaz->keys[wg->gazexact - 1];
        v = N->gaz->postings + k->post;
        n = k->npost;
    } else {
        return false;
    }
    for (size_t k = 0; k < n; k++) {
        const struct kb_gaz_place *p = &N->gaz->places.v[v[k]];
        if (p->population >= 100000 || p->fclass == 'A')
            return true;
    }
    return false;
}

/* ---- Shape ---- */

/* Endings of family names across languages (Lukashenko, Ivanov, Kowalski,
   Petrovic), by their last letter, separated by spaces. */
static const char *const surname_endings[26] = {
    ['a' - 'a'] = "eva ova ovna yeva",
    ['c' - 'a'] = "evic ovic",
    ['e' - 'a'] = "badze",
    ['h' - 'a'] = "ovich vich zadeh",
    ['i' - 'a'] = "ishvili shvili ski",
    ['k' - 'a'] = "chuk czak czyk",
    ['n' - 'a'] = "sen son ssen yan",
    ['o' - 'a'] = "enko",
    ['r' - 'a'] = "dottir",
    ['s' - 'a'] = "aitis akis idis poulos",
    ['u' - 'a'] = "escu",
    ['v' - 'a'] = "ov yev",
    ['y' - 'a'] = "sky",
    ['z' - 'a'] = "wicz",
};

static bool surname_ending(const char *f, size_t n)
{
    unsigned char last = n ? (unsigned char)f[n - 1] : 0;
    if (last < 'a' || last > 'z' || !surname_endings[last - 'a'])
        return false;
    for (const char *e = surname_endings[last - 'a']; *e;) {
        size_t l = strcspn(e, " ");
        if (n > l + 2 && memcmp(f + n - l, e, l) == 0)
            return true;
        e += l + (e[l] == ' ');
    }
    return false;
}

/* A family name's shape: Mc-, O'- or an ending of surname_endings (cached per word). */
static bool surname_shape(const struct ner *N, size_t i)
{
    struct ner_word *w = kbp_ner_word(N, i);
    if (w && w->shape)
        return w->shape == 2;
    size_t n;
    const char *t = kb_tok_text(N->doc, i, &n);
    bool r = n > 3 && ((t[0] == 'M' && t[1] == 'c' && t[2] >= 'A' && t[2] <= 'Z') ||
                       (t[0] == 'O' && t[1] == '\'' && t[2] >= 'A' && t[2] <= 'Z'));
    if (!r) {
        const char *f = kb_tok_fold(N->doc, i, &n);
        r = surname_ending(f, n);
    }
    if (w)
        w->shape = r ? 2 : 1;
    return r;
}

/* An initial: one letter and its period ("W.", "J."). */
static bool is_initial(const struct kb_doc *doc, size_t i)
{
    const struct kb_token *t = &doc->toks.v[i];
    return (t->flags & KB_TF_ABBR) && t->end - t->start == 2 && (t->flags & KB_TF_CAP);
}

/* ---- Context ---- */



/* A country or first-level division (by lexicon or gazetteer) at token i. */
static bool region_at(struct ner *N, size_t i, size_t se)
{
    if (!kbp_is_cap(N->doc, i))
        return false;
    uint32_t v;
    if (kbp_ner_lex_match(N, i, se, LXK(LX_COUNTRY) | LXK(LX_PLACE), &v))
        return true;
    if (!N->gaz)
        return false;
    const uint32_t *idx;
    size_t n;
    if (!kb_gazetteer_match(N->gaz, N->doc, i, se, &N->scratch, &idx, &n))
        return false;
    for (size_t k = 0; k < n; k++) {
        const struct kb_gaz_place *p = &N->gaz->places.v[idx[k]];
        if (p->fclass == 'A')
            return true;
    }
    return false;
}

void kbp_ner_evidence(struct ner *N, size_t tb, size_t te, float score[KB_ENT__MAX])
{
    const struct kb_doc *doc = N->doc;
    const struct kb_sentence *s = &doc->sents.v[doc->toks.v[tb].sent];
    size_t sb = s->tok_begin, se = s->tok_end, last = te - 1;
    size_t words = 0;
    for (size_t k = tb; k < te; k++)
        words += kbp_is_cap(doc, k) && (doc->toks.v[k].flags & KB_TF_ALPHA);

    /* inside: head words */
    if (kbp_cue(N, last, CUE_COMPANY) && words >= 2)
        score[KB_ENT_ORG] += 8;
    else if (kbp_cue(N, last, CUE_ORG))
        score[KB_ENT_ORG] += words >= 2 ? 5 : 2;
    for (size_t k = tb; k + 1 < te; k++) {
        if (!kbp_cue(N, k, CUE_ORG))
            continue;
        if (kb_tok_is(doc, k + 1, "of") || kb_tok_is(doc, k + 1, "for"))
            score[KB_ENT_ORG] += 5;
        else
            score[KB_ENT_ORG] += 1.5f;
        break;
    }
    if (words >= 2 && kbp_cue(N, last, CUE_EVENT))
        score[KB_ENT_EVENT] += 5;
    if (words >= 2 && kbp_is_cap(doc, last)) {
        int lt = kbp_loc_head_type(N, last);
        if (lt >= 0)
            score[lt] += 5;
    }
    if (words >= 2 && kbp_cue(N, tb, CUE_LOC_PRE))
        score[kb_tok_is(doc, tb, "fort") || kb_tok_is(doc, tb, "port") ? KB_ENT_GPE
                                                                        : KB_ENT_LOC] += 5;

    /* inside: the shape of a personal name */
    unsigned c0 = kbp_ner_class(N, tb), cl = kbp_ner_class(N, last);
    if (words >= 2 && (c0 & KB_WORD_GIVEN))
        score[KB_ENT_PERSON] += (c0 & KB_WORD_COMMON) ? 2 : 3;
    if (words >= 2 && is_initial(doc, tb))
        score[KB_ENT_PERSON] += 4;
    for (size_t k = tb + 1; k < last; k++)
        if (is_initial(doc, k))
            score[KB_ENT_PERSON] += 2;
    if (cl & KB_WORD_FAMILY)
        score[KB_ENT_PERSON] += (cl & KB_WORD_COMMON) ? 0.5f : 1.5f;
    else if (words == 1 && (cl & KB_WORD_GIVEN) && !(cl & KB_WORD_COMMON))
        score[KB_ENT_PERSON] += 1.2f;
    if (surname_shape(N, last))
        score[KB_ENT_PERSON] += 1.5f;
    if (words == 1 && te - tb == 1 && (doc->toks.v[tb].flags & KB_TF_ALLCAP) &&
        doc->toks.v[tb].end - doc->toks.v[tb].start <= 5 && N->mode[s - doc->sents.v] == M_TEXT)
        score[KB_ENT_ORG] += 2.5f;
    if (words >= 4)
        score[KB_ENT_ORG] += 1;
    /* partners of a firm ("Douglas & Lomason", "Procter & Gamble") */
    for (size_t k = tb + 1; k < last; k++)
        if (kb_tok_is(doc, k, "&")) {
            score[KB_ENT_ORG] += 8;
            break;
        }
    /* a body of a county or district ("Lamar County Commissioners", "Jackson
       County Central") */
    for (size_t k = tb + 1; k < last; k++)
        if (kbp_is_cap(doc, k) && kbp_cue(N, k, CUE_HEAD_GPE)) {
            score[KB_ENT_ORG] += 3;
            break;
        }
    /* a club named after its town in a sports report ("Manchester City") */
    if (N->sports && words >= 2 && kbp_cue(N, last, CUE_CLUB))
        score[KB_ENT_ORG] += 6;
    /* a name ending in a place: a region of it ("Northern Iraq", "South Florida")
       or, not starting with a given name, an organisation ("Real Madrid", "Air France") */
    if (words >= 2 && kbp_is_cap(doc, last) && kbp_place_word(N, last)) {
        if (kbp_cue(N, tb, CUE_DIRECTION) && te - tb == 2)
            score[KB_ENT_GPE] += 3;
        else if (!(c0 & KB_WORD_GIVEN))
            score[KB_ENT_ORG] += 2.5f;
    } else if (te - tb == 2 && kbp_cue(N, tb, CUE_DIRECTION) && kbp_is_cap(doc, last) &&
               !(cl & (KB_WORD_COMMON | KB_WORD_GIVEN | KB_WORD_FAMILY))) {
        /* a direction before a name nobody listed: a region ("Eastern Ghouta") */
        score[KB_ENT_GPE] += 2.5f;
    }

    /* context before */
    if (kbp_title_before(N, tb, sb) >= 0)
        score[KB_ENT_PERSON] += 6;
    if (tb > sb && kbp_cue(N, tb - 1, CUE_LOC_PREP) && (doc->toks.v[tb - 1].flags & KB_TF_LOWER)) {
        bool in = kb_tok_is(doc, tb - 1, "in") || kb_tok_is(doc, tb - 1, "near") ||
                  kb_tok_is(doc, tb - 1, "outside") || kb_tok_is(doc, tb - 1, "across") ||
                  kb_tok_is(doc, tb - 1, "throughout") || kb_tok_is(doc, tb - 1, "into");
        score[KB_ENT_GPE] += in ? (words == 1 ? 3 : 2) : 1.5f;
    }
    if (tb >= sb + 2 && kb_tok_is(doc, tb - 1, "of") && kbp_cue(N, tb - 2, CUE_PLACE_NOUN) &&
        (doc->toks.v[tb - 2].flags & KB_TF_LOWER))
        score[KB_ENT_GPE] += 4;

    /* context after */
    if (te + 2 < se && kb_tok_is(doc, te, ",") &&
        (doc->toks.v[te + 1].kind == KB_TOK_NUM || kb_tok_is(doc, te + 1, "aged")) &&
        (te + 2 >= se || kb_tok_is(doc, te + 2, ",") || kb_tok_is(doc, te + 2, ")") ||
         doc->toks.v[te + 1].kind != KB_TOK_NUM))
        score[KB_ENT_PERSON] += 4;
    if (te + 1 < se && kb_tok_is(doc, te, ",") && kb_tok_is(doc, te + 1, "who"))
        score[KB_ENT_PERSON] += 3;
    if (te < se && kbp_cue(N, te, CUE_SAID)) {
        score[KB_ENT_PERSON] += 1.5f;
        score[KB_ENT_ORG] += 0.5f;
    }
    if (te < se && (doc->toks.v[te].flags & KB_TF_LOWER)) {
        if (kbp_cue(N, te, CUE_ORG_AFTER))
            score[KB_ENT_ORG] += 2.5f;
        int lt = kbp_loc_head_type(N, te);
        if (lt >= 0 || kbp_cue(N, te, CUE_PLACE_NOUN))
            score[KB_ENT_GPE] += 2;
    }
    if (te + 1 < se && kb_tok_is(doc, te, ",") && region_at(N, te + 1, se))
        score[KB_ENT_GPE] += 4;
    if (te + 1 < se && kbp_is_hyphen(doc, te) &&
        (kb_tok_is(doc, te + 1, "based") || kb_tok_is(doc, te + 1, "born")))
        score[KB_ENT_GPE] += 4;
}
