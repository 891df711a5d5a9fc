/*
 * test_events.c -- event triggers, CAMEO codes, roles, flags, dates.
 *
 * Test plan:
 *   ev-1.x  triggers: inflections, particles, nominalisations, verb or noun
 *           ("the talks", "military aid", "state-run", "an armed group"),
 *           participles that are not verbs ("officials accused of")
 *   ev-2.x  codes: verb patterns ("fired a missile" 195, "fired an official"
 *           172, "fired tear gas" 175, "restored ties" 050), light verbs
 *           ("launched air strikes": one event, 195), composition ("urged X
 *           to meet" 026, "threatened to impose sanctions" 1312, "refused to
 *           release" 1243, "wants to attack" 138, "called for talks" 026)
 *   ev-3.x  roles: subject, object, "at X", passive "by X", "soldiers from X",
 *           "which", pronouns, coordination ("A and B met": each with the
 *           other), place, origin, destination, the head of "French President
 *           X"-like groups, a verb coordinated with the one before
 *   ev-4.x  flags: negated, hypothetical (modal, "is about to", "if"),
 *           claimed (with the claimant), denied, "accused X of firing",
 *           "reportedly"
 *   ev-5.x  reported speech: "X said Y fired at Z" is an accusation and a
 *           claimed event; "..., a senior official said" is no event; a plain
 *           statement with nothing reported is 010
 *   ev-6.x  dates: the sentence's timex nearest the trigger, the anchor of
 *           the sentence before (inferred), the publication date (inferred),
 *           a temporal clause ("after X attacked") not dated by its main clause
 *   ev-7.x  evidence: trigger offsets and sentence index
 *   ev-8.x  no event: a trigger with no one acting or acted on; a sentence
 *           without triggers; an empty document
 *   ev-9.x  the word classes mark the first words of triggers (W_TRIGWORD):
 *           one-word, particle ("shot down") and hyphenated triggers, and
 *           no other word
 *   ev-10.x the word table gives each word what a lookup of it alone in the
 *           trigger and noun maps gives (flags and values), for every word
 *           of a text with triggers, nouns, prefixes of longer phrases,
 *           hyphens, apostrophes and words in neither map; the word
 *           signature tells short words apart exactly
 */
#include "extract/events.h"
#include "helpers.h"

static const char *actor(const struct kb_doc *d, const struct kb_event *e)
{
    return e && e->actor >= 0 ? kb_entity_actor(d, e->actor) : "(none)";
}

static const char *target(const struct kb_doc *d, const struct kb_event *e)
{
    return e && e->target >= 0 ? kb_entity_actor(d, e->target) : "(none)";
}

static const char *place(const struct kb_doc *d, int32_t p)
{
    return p >= 0 ? d->places.v[p].name : "(none)";
}

static const char *code(const struct kb_event *e)
{
    return e ? e->cameo : "(no event)";
}

/* The event of trigger `trig` whose actor is `a` (NULL: any). */
static const struct kb_event *event_by(const struct kb_doc *d, const char *trig, const char *a)
{
    size_t l = strlen(trig);
    for (size_t i = 0; i < d->events.n; i++) {
        const struct kb_event *e = &d->events.v[i];
        if (e->trig_end - e->trig_start == l && memcmp(d->text + e->trig_start, trig, l) == 0 &&
            (!a || strcmp(actor(d, e), a) == 0))
            return e;
    }
    return NULL;
}

/* Extract text (published 2022-03-16) and return the event of trigger trig. */
static struct kb_doc *doc;
static const struct kb_event *one(const char *text, const char *trig)
{
    kb_doc_free(doc);
    doc = t_extract(text, "2022-03-16");
    return t_event(doc, trig);
}

static void triggers(void)
{
    const struct kb_event *e = one("Russia attacked Ukraine on Monday.", "attacked");
    T_OK(e != NULL, "ev-1.1 'attacked' is a trigger");
    T_STR(code(e), "190", "ev-1.2 attack is CAMEO 190");
    e = one("Russia attacks Ukraine.", "attacks");
    T_STR(code(e), "190", "ev-1.3 third person -s after a name is a verb");
    e = one("Belarusian air defenses shot down a missile over Pripyat.", "shot down");
    T_OK(e != NULL, "ev-1.4 particle verb 'shot down'");
    e = one("The Russian invasion of Ukraine began in February.", "invasion");
    T_STR(code(e), "190", "ev-1.5 nominal trigger 'invasion' with its actor");
    T_STR(actor(doc, e), "Russia", "ev-1.6 the nationality before a noun trigger is its actor");
    T_STR(target(doc, e), "Ukraine", "ev-1.7 'invasion of X' targets X");
    e = one("Germany will send military aid to Ukraine.", "aid");
    T_OK(e == NULL, "ev-1.8 'military aid' is a noun, not 'the military aids'");
    e = one("Ukrainian state media reported that Russia attacked Kyiv.", "state");
    T_OK(e == NULL, "ev-1.9 'state media' is no statement");
    e = one("Officials accused of corruption met in Kyiv, Ukraine said.", "accused");
    T_OK(e == NULL, "ev-1.10 'officials accused of' is a participle, no accusation");
    e = one("Israel fired two artillery shells at Lebanon.", "shells");
    T_OK(e == NULL, "ev-1.11 'artillery shells' is no shelling of its own");
}

static void codes(void)
{
    const struct kb_event *e = one("Russia fired a missile at Belarus.", "fired");
    T_STR(code(e), "195", "ev-2.1 fire + missile is 195 (aerial weapons)");
    e = one("Russia fired its defence minister on Monday.", "fired");
    T_STR(code(e), "172", "ev-2.2 fire + official is 172 (administrative sanctions)");
    e = one("Kenyan police fired tear gas at protesters in Nairobi.", "fired");
    T_STR(code(e), "175", "ev-2.3 fire + tear gas is 175 (repression)");
    e = one("Russia restored diplomatic ties with Georgia.", "restored");
    T_STR(code(e), "050", "ev-2.4 restore + ties is 050");
    e = one("Russia launched air strikes on Ukraine.", "launched");
    T_STR(code(e), "195", "ev-2.5 a light verb takes its object's code");
    T_STR(target(doc, e), "Ukraine", "ev-2.6 ... and its target");
    T_OK(t_event(doc, "air strikes") == NULL, "ev-2.7 one event, not two");
    e = one("France urged Russia to meet Ukraine.", "urged");
    T_STR(code(e), "026", "ev-2.8 appeal + meet is 026");
    T_STR(target(doc, e), "Russia", "ev-2.9 the appeal's addressee is its target");
    e = one("The European Union threatened to impose sanctions on Iran.", "threatened");
    T_STR(code(e), "1312", "ev-2.10 threaten + sanctions is 1312");
    e = one("Russia refused to release the Ukrainian prisoners.", "refused");
    T_STR(code(e), "1243", "ev-2.11 refuse + release is 1243");
    e = one("Russia wants to attack Ukraine.", "wants");
    T_STR(code(e), "138", "ev-2.12 intent to attack is a threat of force (138)");
    T_STR(target(doc, e), "Ukraine", "ev-2.13 ... against the target of the attack");
    e = one("Turkey called for talks between Russia and Ukraine.", "called for");
    T_STR(code(e), "026", "ev-2.14 calling for talks is 026");
    e = one("Germany pledged $500 million in aid to Ukraine.", "pledged");
    T_STR(code(e), "0331", "ev-2.15 pledging money is 0331");
}

static void roles(void)
{
    const struct kb_event *e = one("Russia attacked Ukraine on Monday.", "attacked");
    T_STR(actor(doc, e), "Russia", "ev-3.1 subject is the actor");
    T_STR(target(doc, e), "Ukraine", "ev-3.2 object is the target");
    e = one("The embassy was attacked by Russia.", "attacked");
    T_STR(actor(doc, e), "Russia", "ev-3.3 passive: 'by X' is the actor");
    e = one("Belarus was attacked on Monday.", "attacked");
    T_STR(target(doc, e), "Belarus", "ev-3.4 passive: the subject is the target");
    e = one("Belarusian air defenses shot down a missile over Pripyat.", "shot down");
    T_STR(actor(doc, e), "Belarus", "ev-3.5 'Belarusian air defenses' act for Belarus");
    T_STR(place(doc, e ? e->place : -1), "Pripyat", "ev-3.6 'over X' is the place");
    e = one("Russia fired a missile at Belarus from Ukraine.", "fired");
    T_STR(target(doc, e), "Belarus", "ev-3.7 'fired ... at X' targets X");
    T_STR(place(doc, e ? e->origin : -1), "Ukraine", "ev-3.8 'from X' is the origin");
    e = one("Russian troops invaded Ukraine from Belarus.", "invaded");
    T_STR(actor(doc, e), "Russia", "ev-3.9 'Russian troops' act for Russia");
    e = one("Soldiers from Germany attacked Poland.", "attacked");
    T_STR(actor(doc, e), "Germany", "ev-3.10 'soldiers from X' act for X");
    e = one("Iran, which backed Syria, attacked Iraq.", "backed");
    T_STR(actor(doc, e), "Iran", "ev-3.11 'X, which ...': X");
    e = one("Lukashenko said he would attack Ukraine.", "attack");
    T_STR(actor(doc, e), "Alexander Lukashenko", "ev-3.12 'he' is the subject before");
    e = one("Russia and China signed an agreement.", "signed");
    T_OK(e && event_by(doc, "signed", "China") != NULL, "ev-3.13 'A and B signed': both act");
    T_STR(target(doc, event_by(doc, "signed", "China")), "Russia",
          "ev-3.14 ... each with the other");
    e = one("Egypt offered to mediate between Israel and Hamas.", "offered");
    T_OK(doc->events.n == 2, "ev-3.15 two targets, two events (got %zu)", doc->events.n);
    e = one("Ukraine accused Russia and Belarus.", "accused");
    T_OK(event_by(doc, "accused", "Ukraine") && doc->events.n == 2,
         "ev-3.16 coordinated targets: one event each");
    e = one("Russia sent troops into Ukraine.", "sent");
    T_STR(place(doc, e ? e->dest : -1), "Ukraine", "ev-3.17 'into X' is the destination");
    e = one("The Ukrainian government condemned the strike and accused Russia.", "accused");
    T_STR(actor(doc, e), "Ukraine", "ev-3.18 a coordinated verb shares the subject");
}

static void flags(void)
{
    const struct kb_event *e = one("Belarus did not attack Ukraine.", "attack");
    T_OK(e && (e->flags & KB_EV_NEGATED), "ev-4.1 'did not attack' is negated");
    e = one("Minsk would attack Kyiv if provoked.", "attack");
    T_OK(e && (e->flags & KB_EV_HYPOTHETICAL), "ev-4.2 'would attack' is hypothetical");
    e = one("Russia is about to attack Ukraine.", "attack");
    T_OK(e && (e->flags & KB_EV_HYPOTHETICAL), "ev-4.3 'is about to' is hypothetical");
    e = one("If Russia attacks Ukraine, Poland will respond.", "attacks");
    T_OK(e && (e->flags & KB_EV_HYPOTHETICAL), "ev-4.4 an 'if' clause is hypothetical");
    e = one("Lukashenko claimed that Ukraine fired a missile at Belarus.", "fired");
    T_OK(e && (e->flags & KB_EV_CLAIMED), "ev-4.5 the firing is claimed");
    T_STR(e && e->claimed_by >= 0 ? kb_entity_actor(doc, e->claimed_by) : "(none)",
          "Alexander Lukashenko", "ev-4.6 claimed by Lukashenko");
    T_STR(actor(doc, e), "Ukraine", "ev-4.7 the claimed event keeps its own actor");
    e = one("Iran denied that it had supplied drones to Russia.", "supplied");
    T_OK(e && (e->flags & KB_EV_NEGATED) && (e->flags & KB_EV_CLAIMED),
         "ev-4.8 a denied event is negated and claimed");
    T_STR(code(t_event(doc, "denied")), "016", "ev-4.9 the denial is 016");
    e = one("Ukraine accused Russia of firing the missile.", "firing");
    T_STR(actor(doc, e), "Russia", "ev-4.10 the accused fired");
    T_OK(e && e->claimed_by >= 0 && strcmp(kb_entity_actor(doc, e->claimed_by), "Ukraine") == 0,
         "ev-4.11 by the accuser's claim");
    e = one("Belarusian air defenses reportedly intercepted the missile.", "intercepted");
    T_OK(e && (e->flags & KB_EV_CLAIMED), "ev-4.12 'reportedly' marks a claim");
    e = one("Belarus would not take part in the invasion of Ukraine.", "take part");
    T_OK(e && (e->flags & KB_EV_NEGATED) && (e->flags & KB_EV_HYPOTHETICAL),
         "ev-4.13 'would not take part' is negated and hypothetical");
    T_STR(code(e), "190", "ev-4.14 taking part in an invasion is taking part in an attack");
}

static void reported(void)
{
    const struct kb_event *e = one("Israel said a rocket was fired at it from Lebanon.", "said");
    T_STR(code(e), "112", "ev-5.1 a report of an attack by another is an accusation");
    T_STR(target(doc, e), "Lebanon", "ev-5.2 ... of the place it came from");
    e = t_event(doc, "fired");
    T_STR(target(doc, e), "Israel", "ev-5.3 'at it': the pronoun's referent");
    T_OK(e && (e->flags & KB_EV_CLAIMED), "ev-5.4 the firing is claimed");
    e = one("Russia attacked Kyiv, a senior official said.", "said");
    T_OK(e == NULL, "ev-5.5 an unnamed reporter is no event");
    T_STR(target(doc, t_event(doc, "attacked")), "Kyiv", "ev-5.6 nor an argument");
    e = one("Lukashenko said on Tuesday that the talks were useful.", "said");
    T_STR(code(e), "010", "ev-5.7 a statement reporting no event is 010");
    e = one("Russia attacked Kyiv, Ukraine said.", "attacked");
    T_OK(e && e->claimed_by >= 0 && strcmp(kb_entity_actor(doc, e->claimed_by), "Ukraine") == 0,
         "ev-5.8 '..., X said' attributes what comes before");
    T_OK(t_event(doc, "said") == NULL || strcmp(code(t_event(doc, "said")), "112") == 0,
         "ev-5.9 the parenthetical report is no statement of its own");
}

static void dates(void)
{
    const struct kb_event *e = one("Russia attacked Ukraine on Monday.", "attacked");
    T_STR(e ? e->date : "", "2022-03-14", "ev-6.1 the sentence's date");
    T_OK(e && !(e->flags & KB_EV_DATE_INFERRED) && e->precision == KB_PREC_DAY,
         "ev-6.2 not inferred, day precision");
    e = one("On Monday, Russia met Turkey. They signed an agreement.", "signed");
    T_STR(e ? e->date : "", "2022-03-14", "ev-6.3 the anchor of the sentence before");
    T_OK(e && (e->flags & KB_EV_DATE_INFERRED), "ev-6.4 ... marked inferred");
    e = one("Russia attacked Ukraine.", "attacked");
    T_OK(e && (e->flags & KB_EV_DATE_INFERRED) && strcmp(e->date, "2022-03-16") == 0,
         "ev-6.5 no timex: the publication date, marked inferred");
    e = one("Ukraine said on Tuesday that Russia attacked Kyiv in January.", "attacked");
    T_STR(e ? e->date : "", "2022-01", "ev-6.6 the timex nearest the trigger");
    T_INT(e ? e->precision : -1, KB_PREC_MONTH, "ev-6.7 with its precision");
    e = one("Poland protested on Friday, after Russia attacked Ukraine.", "attacked");
    T_OK(e && (e->flags & KB_EV_DATE_INFERRED), "ev-6.8 an 'after' clause is not dated by "
                                                 "its main clause");
}

static void evidence(void)
{
    const char *text = "Kyiv was calm. Russia shelled Kharkiv on Monday.";
    const struct kb_event *e = one(text, "shelled");
    T_OK(e && e->sent == 1, "ev-7.1 sentence index");
    T_OK(e && e->trig_start == 22 && e->trig_end == 29, "ev-7.2 trigger byte offsets");
    T_STR(code(e), "194", "ev-7.3 shelling is 194");
}

static void nothing(void)
{
    one("The attack was condemned.", "condemned");
    T_INT(doc->events.n, 0, "ev-8.1 no one acting or acted on: no event");
    one("The weather in Kyiv was mild.", "mild");
    T_INT(doc->events.n, 0, "ev-8.2 no trigger: no event");
    one("", "x");
    T_INT(doc->events.n, 0, "ev-8.3 empty document");
}

static void trigger_words(void)
{
    const char *text = "Troops shot down the drone and attacked a cease-fire line.";
    struct kb_doc *d = kb_doc_new(text, strlen(text));
    T_OK(d && kb_tokenize(d) == KB_OK, "ev-9.0 tokenize");
    if (!d)
        return;
    const struct kb_event_dict *evd = t_ex.evd;
    static const char *const starts[] = {"shot", "attacked"};
    static const char *const others[] = {"the", "and", "a", "line", "."};
    for (size_t i = 0; i < d->toks.n; i++) {
        bool start = false, other = false;
        for (size_t k = 0; k < KB_ARRAY_LEN(starts); k++)
            start |= kb_tok_is(d, i, starts[k]);
        for (size_t k = 0; k < KB_ARRAY_LEN(others); k++)
            other |= kb_tok_is(d, i, others[k]);
        uint32_t w = ev_word_classes(evd, d, i);
        size_t n;
        const char *f = kb_tok_fold(d, i, &n);
        if (start)
            T_OK(w & W_TRIGWORD, "ev-9.1 '%.*s' begins a trigger", (int)n, f);
        if (other)
            T_OK(!(w & W_TRIGWORD), "ev-9.2 '%.*s' begins none", (int)n, f);
    }
    kb_doc_free(d);
}

/* Is what the word table holds for token i what kb_strmap_lookup finds in m? */
static bool same_lookup(const struct kb_strmap *m, const struct kb_doc *d, size_t i, bool nouns)
{
    const struct ev_word *e = ev_word_at(t_ex.evd, d, i);
    size_t n, nv;
    const char *f = kb_tok_fold(d, i, &n);
    const uint32_t *v;
    int pr = kb_strmap_lookup(m, f, n, &v, &nv);
    int flags = e ? (nouns ? e->noun : e->trig) : 0;
    size_t ne = e ? (nouns ? e->nnv : e->ntv) : 0;
    const uint32_t *ve = e ? (nouns ? e->nv : e->tv) : NULL;
    if (flags != pr || ne != nv)
        return false;
    for (size_t k = 0; k < nv; k++)
        if (ve[k] != v[k])
            return false;
    return true;
}

static void word_table(void)
{
    const char *text = "Troops shot down the drone, attacked a cease-fire line and held "
                       "talks; rebels didn't withdraw. The military aid convoy's missiles "
                       "were fired at officials in Kyiv, who said they would take over.";
    struct kb_doc *d = kb_doc_new(text, strlen(text));
    T_OK(d && kb_tokenize(d) == KB_OK, "ev-10.0 tokenize");
    if (!d)
        return;
    size_t trig = 0, noun = 0;
    for (size_t i = 0; i < d->toks.n; i++) {
        size_t n;
        const char *f = kb_tok_fold(d, i, &n);
        T_OK(same_lookup(&t_ex.evd->triggers, d, i, false), "ev-10.1 '%.*s' in the triggers",
             (int)n, f);
        T_OK(same_lookup(&t_ex.evd->nouns, d, i, true), "ev-10.2 '%.*s' in the nouns", (int)n,
             f);
        const struct ev_word *e = ev_word_at(t_ex.evd, d, i);
        trig += e && e->trig;
        noun += e && e->noun;
    }
    T_OK(trig >= 4 && noun >= 3, "ev-10.3 the text has triggers (%zu) and nouns (%zu)", trig,
         noun);
    kb_doc_free(d);
    static const char *const words[] = {"a", "aa", "aaa", "ab", "ba", "abc", "acb",
                                        "abcd", "abdc", "abcde", "abcdf", "bbcde",
                                        "abcdef", "abcdeg", "abcdefgh", "abcdefgi"};
    for (size_t a = 0; a < KB_ARRAY_LEN(words); a++)
        for (size_t b = 0; b < KB_ARRAY_LEN(words); b++) {
            size_t na = strlen(words[a]), nb = strlen(words[b]);
            if (na == nb)
                T_OK((kbp_word_sig(words[a], na) == kbp_word_sig(words[b], nb)) == (a == b),
                     "ev-10.4 signatures of '%s' and '%s'", words[a], words[b]);
        }
}

int main(void)
{
    t_setup();
    trigger_words();
    word_table();
    triggers();
    codes();
    roles();
    flags();
    reported();
    dates();
    evidence();
    nothing();
    kb_doc_free(doc);
    kb_extractor_release(&t_ex);
    return t_done();
}
