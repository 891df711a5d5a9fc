/*
 * test_events_roles.c -- who acts on whom and when, in the sentence shapes
 * of wire news: datelines, attributions, passive agents, inserted clauses,
 * coordinated clauses, and the date of a report.
 *
 * Test plan:
 *   evr-1.x  a dateline ("CITY (Agency) -", "CITY, Country (AP) —", "CITY,
 *            March 3 -", "CITY (CNN)") is no actor or target of the first
 *            sentence; a sentence that merely starts with names is no dateline;
 *            evr-1.10.. the shapes kb_dateline_end() accepts and refuses
 *   evr-2.x  the target is the object right after the verb (or after
 *            at/against/on): not a name past a nameless object ("700
 *            people", "rescue teams", "civilians"), never the source of an
 *            "according to X" attribution, nor a name opening a reduced relative
 *            clause ("tanks Ukraine had requested"); "from X" after a verbal act is its
 *            other side ("rejected offers from France"), not an origin
 *   evr-3.x  "by X and Y" after a participle: both are actors; neither is a
 *            target of that verb or of the verb whose object the participle
 *            qualifies ("rejected the plan proposed by A and B")
 *   evr-4.x  the subject skips ", which/who ... ,", an apposition ", the X
 *            of Y," and a participle clause ", speaking in X,"; a verb after such a
 * clause is a verb; so is one after a name in apposition to a noun ("the minister, NAME,
 * met") evr-5.x  ", and" / "and" / "but" with a new subject (a name, then a verb) starts
 * a new clause: no target across it, no coordinated subject across it; "A, B and C" and,
 * with no verb before, "X's army and the B" stay one subject evr-6.x  the date of a
 * report: a timex of another clause or sentence that its own tense puts after the
 * publication date does not date a past event, nor a "since/by/until" bound of another
 * verb (of another sentence or clause), nor one inside a relative clause the event is
 * outside of; the event's own clause still dates it evr-7.x  timex: a present of schedule
 * ("takes effect", "opens", "resume", "comes into force") puts a weekday after the
 * publication date; a tense cue past a comma does not beat one of the expression's own
 *            clause ("who met X on Monday, will visit")
 */
#include "helpers.h"

static struct kb_doc *doc;

static const char *actor(const struct kb_event *e)
{
    return e && e->actor >= 0 ? kb_entity_actor(doc, e->actor) : "(none)";
}

static const char *target(const struct kb_event *e)
{
    return e && e->target >= 0 ? kb_entity_actor(doc, e->target) : "(none)";
}

/* Extract text (published Wednesday 2024-03-06) and return the event of trigger trig. */
static const struct kb_event *one(const char *text, const char *trig)
{
    kb_doc_free(doc);
    doc = t_extract(text, "2024-03-06");
    return t_event(doc, trig);
}

/* Does any event of the doc have this actor or target name? */
static bool names(const char *name)
{
    for (size_t i = 0; i < doc->events.n; i++)
        if (!strcmp(actor(&doc->events.v[i]), name) ||
            !strcmp(target(&doc->events.v[i]), name))
            return true;
    return false;
}

/* The number of events of trigger trig. */
static int count(const char *trig)
{
    int n = 0;
    size_t l = strlen(trig);
    for (size_t i = 0; i < doc->events.n; i++) {
        const struct kb_event *e = &doc->events.v[i];
        n += e->trig_end - e->trig_start == l &&
             !memcmp(doc->text + e->trig_start, trig, l);
    }
    return n;
}

static void datelines(void)
{
    one("ROME (Reuters) - At least 14 people were killed by floods in Italy on Tuesday.",
        "killed");
    T_OK(!names("Reuters"), "evr-1.1 'CITY (Agency) -': the agency is no target");
    one("NAIROBI, Kenya (AP) \xe2\x80\x94 Police arrested 30 protesters on Monday.",
        "arrested");
    T_OK(!names("Associated Press") && !names("AP"),
         "evr-1.2 'CITY, Country (AP) \xe2\x80\x94': the agency is no actor");
    const struct kb_event *e =
        one("BEIJING, March 3 (Xinhua) -- China criticized Japan.", "criticized");
    T_STR(actor(e), "China",
          "evr-1.3 the first sentence's subject comes after the dateline");
    T_STR(target(e), "Japan", "evr-1.4 ... and its object");
    e = one("KYIV, March 3 - Russian forces shelled Kharkiv overnight.", "shelled");
    T_STR(actor(e), "Russia", "evr-1.5 'CITY, March 3 -' is a dateline");
    one("WASHINGTON (CNN) More than 200 people were arrested in Texas on Monday.",
        "arrested");
    T_OK(!names("CNN"), "evr-1.6 'CITY (CNN)' without a dash is a dateline");
    e = one("Russia, China and Iran held naval drills.", "held");
    T_INT(count("held"), 3,
          "evr-1.7 a sentence opening with a list of names is no dateline");
    e = one("ROME (Reuters) - It attacked Libya on Monday.", "attacked");
    T_STR(actor(e), "(none)", "evr-1.9 a pronoun does not refer to a dateline's agency");
    e = one("Germany - Russia attacked Ukraine.", "attacked");
    T_STR(actor(e), "Russia",
          "evr-1.8 'Name -' in mixed case without more is no dateline");
}

/* The first word after the dateline of text's first sentence ("" when none). */
static const char *after_dateline(const char *text)
{
    static char w[32];
    kb_doc_free(doc);
    doc = t_extract(text, "2024-03-06");
    size_t b = doc->sents.v[0].tok_begin, e = kb_dateline_end(doc, 0), n;
    const char *s = kb_tok_text(doc, e, &n);
    snprintf(w, sizeof w, "%.*s", e == b ? 0 : (int)n, s);
    return w;
}

static void dateline_shapes(void)
{
    static const struct {
        const char *text, *first;
    } cases[] = {
        {"ROME (Reuters) - Floods killed 14 people.", "Floods"},
        {"NEW YORK, March 3, 2024 (AP) \xe2\x80\x94 Police arrested a man.", "Police"},
        {"BERLIN (dpa) - Germany criticized Russia.", "Germany"},
        {"FRANKFURT (dpa-AFX) - Germany criticized Russia.", "Germany"},
        {"KYIV, Ukraine \xe2\x80\x93 Russia shelled Kharkiv.", "Russia"},
        {"WASHINGTON (CNN) The United States sanctioned Iran.", "The"},
        {"MOSCOW -- Russia expelled two diplomats.", "Russia"},
        {"Russia, China and Iran held drills.", ""},
        {"Germany (the largest economy) criticized Russia.", ""},
        {"Russia Attacks Ukraine - live updates.", ""},
    };
    for (size_t i = 0; i < KB_ARRAY_LEN(cases); i++) {
        const char *got = after_dateline(cases[i].text);
        T_OK(strcmp(got, cases[i].first) == 0,
             "evr-1.%zu dateline of '%s': after it '%s', want '%s'", i + 10,
             cases[i].text, got, cases[i].first);
    }
}

static void attribution(void)
{
    const struct kb_event *e = one("Militias have killed more than 700 people, according "
                                   "to the World Health Organization.",
                                   "killed");
    T_OK(!names("World Health Organization"), "evr-2.1 'according to X' is no target");
    e = one("Russia has killed 200 civilians, according to the United Nations.",
            "killed");
    T_STR(target(e), "(none)",
          "evr-2.2 'killed 200 civilians, according to X': no target");
    T_OK(e && e->claimed_by >= 0 &&
             !strcmp(kb_entity_actor(doc, e->claimed_by), "United Nations"),
         "evr-2.3 ... but X's claim");
    e = one("Israel shelled rescue teams near Gaza City, Egypt and Qatar.", "shelled");
    T_OK(!names("Egypt") && !names("Qatar"),
         "evr-2.4 no target past a nameless object ('rescue teams')");
    e = one("Rebels attacked civilians in Goma, Congo on Monday.", "attacked");
    T_OK(!names("Congo") && !names("Democratic Republic of the Congo"),
         "evr-2.5 'attacked civilians in X, Y': Y is no target");
    e = one("Russia attacked Ukraine on Monday.", "attacked");
    T_STR(target(e), "Ukraine", "evr-2.6 the object right after the verb is the target");
    e = one("Russian troops killed 12 Ukrainian soldiers near Bakhmut.", "killed");
    T_STR(target(e), "Ukraine", "evr-2.7 a name inside the object NP still counts");
    e = one("Israel fired two artillery shells at Lebanon.", "fired");
    T_STR(target(e), "Lebanon", "evr-2.8 'at X' after an object is the target");
    e = one("Germany supplied tanks Ukraine had requested.", "supplied");
    T_STR(target(e), "(none)",
          "evr-2.12 'supplied tanks Ukraine had requested': a clause of its own");
    e = one("Israel struck Hezbollah targets in Lebanon.", "struck");
    T_STR(target(e), "Hezbollah", "evr-2.13 a name before the noun stays the target");
    e = one("Morocco rejected offers from France and Germany.", "rejected");
    T_OK(count("rejected") == 2 && !strcmp(target(e), "France") && names("Germany"),
         "evr-2.9 'rejected offers from A and B': a verbal act's other side, both");
    e = one("Ukraine demanded compensation from Russia.", "demanded");
    T_STR(target(e), "Russia", "evr-2.10 'demanded X from Y': Y");
    e = one("Russia fired missiles at Ukraine from Belarus.", "fired");
    T_STR(target(e), "Ukraine", "evr-2.11 a material act's 'from X' stays its origin");
}

static void passive_agent(void)
{
    const struct kb_event *e = one(
        "The ceasefire followed talks brokered by Saudi Arabia and the United States.",
        "brokered");
    T_STR(actor(e), "Saudi Arabia", "evr-3.1 'brokered by A and B': A acts");
    T_OK(count("brokered") == 2 && names("United States") &&
             !strcmp(target(t_event(doc, "brokered")), "(none)"),
         "evr-3.2 ... with B, and B is no target");
    e = one("Kyiv was attacked by Russia and Belarus.", "attacked");
    T_OK(count("attacked") == 2 && strcmp(actor(e), "(none)") != 0 &&
             !strcmp(target(e), "Ukraine"),
         "evr-3.3 'was attacked by A and B': two attackers, one target");
    e = one("Ukraine rejected the peace plan proposed by China and Brazil.", "rejected");
    T_STR(target(e), "(none)", "evr-3.4 'the plan proposed by A and B': B is no target");
    e = one("Sudan accepted a truce mediated by Egypt and Qatar.", "accepted");
    T_STR(target(e), "(none)", "evr-3.5 'a truce mediated by A and B': B is no target");
    e = one(
        "The fighting ended with a ceasefire negotiated by Egypt and the United Nations.",
        "negotiated");
    T_OK(e && strcmp(actor(e), "(none)") != 0,
         "evr-3.6 'negotiated by A and the B': A acts");
    e = one("Kharkiv shelled by Russian artillery overnight.", "shelled");
    T_STR(actor(e), "Russia", "evr-3.7 a headline participle with 'by X' is passive");
    e = one("Russia attacked by land and sea.", "attacked");
    T_STR(actor(e), "Russia", "evr-3.8 'by' without a name is no agent");
}

static void inserted(void)
{
    const struct kb_event *e =
        one("Egypt, which borders Sudan, has received more than 60,000 refugees.",
            "received");
    T_STR(actor(e), "Egypt", "evr-4.1 the subject skips ', which ... ,'");
    e = one("Poland, which borders Ukraine, has criticized Russia.", "criticized");
    T_STR(actor(e), "Poland", "evr-4.2 ... ', which borders X,' (another verb)");
    e = one("Emmanuel Macron, who met Olaf Scholz on Monday, will visit China.", "visit");
    T_STR(actor(e), "Emmanuel Macron", "evr-4.3 ... ', who met X on Monday,'");
    e = one("Jens Stoltenberg, the secretary general of NATO, criticized Russia.",
            "criticized");
    T_STR(actor(e), "Jens Stoltenberg",
          "evr-4.4 an apposition ', the X of Y,' is skipped");
    T_STR(target(e), "Russia", "evr-4.5 ... and the verb after it is a verb");
    e = one("Iran, which backed Syria, attacked Iraq.", "attacked");
    T_STR(actor(e), "Iran", "evr-4.6 a past form after ', which ... ,' is a verb");
    e = one("Ukraine, a neighbour of Poland, accused Russia of war crimes.", "accused");
    T_STR(actor(e), "Ukraine", "evr-4.7 ', a N of X,' is an apposition too");
    e = one("Egypt's foreign minister, Sameh Shoukry, met Olaf Scholz in Cairo.", "met");
    T_STR(actor(e), "Sameh Shoukry", "evr-4.9 'the minister, NAME, met': the name meets");
    e = one("The British prime minister, Rishi Sunak, visited Kyiv.", "visited");
    T_STR(actor(e), "Rishi Sunak", "evr-4.10 ... 'the prime minister, NAME, visited'");
    e = one("China's coast guard, which has blocked resupply missions since August, "
            "accused the "
            "Philippines of provocations.",
            "accused");
    T_STR(actor(e), "China", "evr-4.11 'X's coast guard, which ..., accused': X");
    T_OK(e && strcmp(e->date, "2023-08") != 0 && strcmp(e->date, "2024-08") != 0,
         "evr-4.12 ... not dated by the relative clause's 'since August'");
    e = one("Russia's defence ministry, which gave no figures, accused Ukraine of "
            "shelling Donetsk.",
            "accused");
    T_STR(actor(e), "Russia", "evr-4.13 'X's defence ministry, which ..., accused': X");
    e = one(
        "Turkey's President Recep Tayyip Erdogan, speaking in Ankara, criticized Israel.",
        "criticized");
    T_STR(actor(e), "Recep Tayyip Erdogan", "evr-4.14 ', speaking in X,' is skipped");
    e = one("Russia, citing security concerns, expelled two Polish diplomats.",
            "expelled");
    T_STR(actor(e), "Russia", "evr-4.15 ', citing X,' is skipped");
    e = one("Backed by Russia, Syria attacked Turkey.", "attacked");
    T_STR(actor(e), "Syria",
          "evr-4.8 a participle clause before the subject is not skipped");
}

static void clauses(void)
{
    const struct kb_event *e = one("The European Union offered aid last week, and "
                                   "Germany sent rescue teams to Italy on "
                                   "Thursday.",
                                   "offered");
    T_STR(target(e), "(none)", "evr-5.1 no target across ', and X sent'");
    e = one("France offered aid and Germany sent troops to Poland.", "offered");
    T_STR(target(e), "(none)", "evr-5.2 ... nor across 'and X sent'");
    e = one("Russia attacked Ukraine, and Belarus condemned the attack.", "condemned");
    T_OK(count("condemned") == 1 && !strcmp(actor(e), "Belarus"),
         "evr-5.3 the new subject is not coordinated with the object before");
    e = one("Japan offered help, but China sent troops to Taiwan.", "offered");
    T_STR(target(e), "(none)", "evr-5.4 no target across ', but X sent'");
    e = one("Ukraine said Russia and Belarus attacked Kyiv.", "attacked");
    T_INT(count("attacked"), 2, "evr-5.5 'A and B attacked' is one subject of two names");
    e = one("Ukraine said Russia, Belarus, and Iran attacked Kyiv.", "attacked");
    T_INT(count("attacked"), 3, "evr-5.6 'A, B, and C attacked' too");
    e = one("Russia, Belarus and Iran condemned the attack.", "condemned");
    T_INT(count("condemned"), 3, "evr-5.7 'A, B and C condemned'");
    e = one("Sudan's army and the Rapid Support Forces clashed in Darfur.", "clashed");
    T_INT(count("clashed"), 2,
          "evr-5.8 'X's army and the B clashed': one subject, no verb before");
    e = one("Israeli troops and Hamas fighters clashed in Gaza.", "clashed");
    T_INT(count("clashed"), 2, "evr-5.9 'X troops and Y fighters clashed'");
}

static void report_dates(void)
{
    const struct kb_event *e = one(
        "Italian Prime Minister Giorgia Meloni said the government would declare a state "
        "of "
        "emergency on Friday. \"We will not leave anyone alone,\" she told reporters.",
        "told");
    T_OK(e && strcmp(e->date, "2024-03-08") != 0 && (e->flags & KB_EV_DATE_INFERRED),
         "evr-6.1 a future timex of the sentence before does not date a past report (got "
         "%s)",
         e ? e->date : "-");
    e = t_event(doc, "said");
    T_OK(e && strcmp(e->date, "2024-03-08") != 0,
         "evr-6.2 ... nor the saying, in another clause of its sentence (got %s)",
         e ? e->date : "-");
    e = one("Germany said on Monday that Russia would attack Poland on Friday.", "said");
    T_STR(e ? e->date : "", "2024-03-04", "evr-6.3 the report's own clause dates it");
    e = t_event(doc, "attack");
    T_STR(e ? e->date : "", "2024-03-08", "evr-6.4 a future event keeps its future date");
    e = one(
        "Russia has shelled Kharkiv since Monday. Ukraine accused Russia of war crimes.",
        "accused");
    T_OK(e && strcmp(e->date, "2024-03-04") != 0,
         "evr-6.5 'since Monday' of the sentence before does not date it (got %s)",
         e ? e->date : "-");
    e = t_event(doc, "shelled");
    T_STR(e ? e->date : "", "2024-03-04", "evr-6.6 ... but dates its own verb");
    e = one("Russia has shelled Kharkiv since Monday, and Ukraine accused Russia of war "
            "crimes.",
            "accused");
    T_OK(e && strcmp(e->date, "2024-03-04") != 0,
         "evr-6.9 'since Monday' of another verb of the sentence does not date it (got "
         "%s)",
         e ? e->date : "-");
    e = one("Since Monday, Russia has shelled Kharkiv.", "shelled");
    T_STR(e ? e->date : "", "2024-03-04",
          "evr-6.10 a fronted 'since Monday' dates the main verb");
    e = one("Chad, whose army fought Sudan last year, hosted talks with Libya.",
            "hosted");
    T_OK(e && strcmp(e->date, "2023") != 0,
         "evr-6.11 a date inside ', whose ... ,' does not date the main verb (got %s)",
         e ? e->date : "-");
    e = one("Russia, which attacked Kyiv on Friday, criticized Poland.", "criticized");
    T_OK(e && (e->flags & KB_EV_DATE_INFERRED),
         "evr-6.12 ... nor inside ', which ... ,'");
    T_STR(t_event(doc, "attacked") ? t_event(doc, "attacked")->date : "", "2024-03-01",
          "evr-6.13 ... which dates its own verb");
    e = one("Russia criticized Poland, which hosted talks with Ukraine on Friday.",
            "criticized");
    T_OK(e && (e->flags & KB_EV_DATE_INFERRED),
         "evr-6.14 ... nor a relative clause ending the sentence");
    e = one("On Monday, Russia met Turkey. They signed an agreement.", "signed");
    T_STR(e ? e->date : "", "2024-03-04",
          "evr-6.7 a past anchor of the sentence before dates it");
    e = one("Russia will meet Turkey on Friday. They will sign an agreement.", "sign");
    T_STR(e ? e->date : "", "2024-03-08", "evr-6.8 a future anchor dates a future event");
}

static void schedule(void)
{
    static const struct {
        const char *text, *tx, *value;
    } cases[] = {
        {"The truce takes effect Monday evening.", "Monday evening", "2024-03-11"},
        {"The summit opens Tuesday.", "Tuesday", "2024-03-12"},
        {"Talks resume Friday in Geneva.", "Friday", "2024-03-08"},
        {"The deadline expires Sunday.", "Sunday", "2024-03-10"},
        {"The new law comes into force on Thursday.", "Thursday", "2024-03-07"},
        {"The truce, agreed on Sunday, takes effect Monday.", "Sunday", "2024-03-03"},
        {"The ceasefire ended Friday.", "Friday", "2024-03-01"},
        {"Emmanuel Macron, who met Olaf Scholz on Monday, will visit China.", "Monday",
         "2024-03-04"},
        {"Russia, which attacked Kyiv on Friday, will hold talks with Turkey.", "Friday",
         "2024-03-01"},
    };
    for (size_t i = 0; i < KB_ARRAY_LEN(cases); i++) {
        kb_doc_free(doc);
        doc = t_extract(cases[i].text, "2024-03-06");
        const struct kb_timex *x = t_timex(doc, cases[i].tx);
        const char *got = x ? x->value : "(none)";
        T_OK(strcmp(got, cases[i].value) == 0, "evr-7.%zu %s: got '%s', want '%s'", i + 1,
             cases[i].text, got, cases[i].value);
    }
}

int main(void)
{
    t_setup();
    datelines();
    dateline_shapes();
    attribution();
    passive_agent();
    inserted();
    clauses();
    report_dates();
    schedule();
    kb_doc_free(doc);
    kb_extractor_release(&t_ex);
    return t_done();
}
