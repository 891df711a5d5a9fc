/*
 * timex_words.c -- the vocabulary of English temporal expressions and the
 * per-token classification the recognisers work on.
 *
 * Stage: extract, a helper of timex.c; no state.  kbp_timex_classify() gives
 * every token one struct tw: a word is looked up once in the table below,
 * hashed once per process (kbp_timex_index) (month and weekday names, number words, units, seasons, parts of the
 * day, deictic and relative words, modifiers, holidays, the function words
 * the patterns name, and verbs that mark tense); a digit token is read by a
 * small parser (1998, 15th, 1980s, 10:35, 3pm, 2022-03-15, 1/2).
 */
#include "timex.h"

#include <stdlib.h>
#include <string.h>

/*
 * The temporal vocabulary, folded (lower case, ASCII quotes).  Sorted in
 * strcmp order for bsearch; tests/unit/test_tables.c checks the order.  To
 * add a word, insert it in order with its class, value and flags; one entry
 * per word (a word with two uses gets the class the patterns test first and
 * TWF_AMBIG, and the patterns accept the other use where they need it).
 */
struct tword {
    const char *w;
    uint8_t cls;
    int16_t val;
    uint8_t flags;
};

static const struct tword words[] = {
    {"'", TW_FUNC, FW_APOS, 0},
    {"'d", TW_VERB, TV_MODAL, 0},
    {"'ll", TW_VERB, TV_FUTURE, 0},
    {"'s", TW_FUNC, FW_S, 0},
    {"'ve", TW_VERB, TV_HAVE, 0},
    {",", TW_FUNC, FW_COMMA, 0},
    {"-", TW_FUNC, FW_HYPHEN, 0},
    {"a", TW_FUNC, FW_A, 0},
    {"a.m", TW_AMPM, 0, 0},
    {"a.m.", TW_AMPM, 0, 0},
    {"about", TW_APPROX, TM_APPROX, 0},
    {"added", TW_VERB, TV_SAY, 0},
    {"additional", TW_FUNC, FW_ADDITIONAL, 0},
    {"adds", TW_VERB, TV_SAY, 0},
    {"aedt", TW_TZ, 1, 0},
    {"aest", TW_TZ, 1, 0},
    {"after", TW_OFFSET, TO_AFTER, 0},
    {"afternoon", TW_POD, TP_AF, 0},
    {"afternoons", TW_POD, TP_AF, TWF_PLURAL},
    {"ago", TW_OFFSET, TO_AGO, 0},
    {"ahead", TW_VERB, TV_PLAN, 0},
    {"aims", TW_VERB, TV_PLAN, 0},
    {"almost", TW_APPROX, TM_LESS_THAN, 0},
    {"am", TW_VERB, TV_PRES, 0},
    {"an", TW_FUNC, FW_A, 0},
    {"and", TW_FUNC, FW_AND, 0},
    {"annually", TW_FREQ, TU_YEAR, 0},
    {"approximately", TW_APPROX, TM_APPROX, 0},
    {"apr", TW_MONTH, 4, TWF_ABBR | TWF_AMBIG},
    {"apr.", TW_MONTH, 4, TWF_ABBR},
    {"april", TW_MONTH, 4, 0},
    {"are", TW_VERB, TV_PRES, 0},
    {"arose", TW_VERB, TV_PAST, 0},
    {"around", TW_APPROX, TM_APPROX, 0},
    {"as", TW_FUNC, FW_AS, 0},
    {"at", TW_FUNC, FW_AT, 0},
    {"ate", TW_VERB, TV_PAST, 0},
    {"aug", TW_MONTH, 8, TWF_ABBR | TWF_AMBIG},
    {"aug.", TW_MONTH, 8, TWF_ABBR},
    {"august", TW_MONTH, 8, 0},
    {"autumn", TW_SEASON, 3, 0},
    {"autumns", TW_SEASON, 3, TWF_PLURAL},
    {"awoke", TW_VERB, TV_PAST, 0},
    {"be", TW_VERB, TV_BE, 0},
    {"became", TW_VERB, TV_PAST, 0},
    {"been", TW_VERB, TV_BE, 0},
    {"before", TW_OFFSET, TO_BEFORE, 0},
    {"began", TW_VERB, TV_PAST, 0},
    {"beginning", TW_FUNC, FW_BEGINNING, 0},
    {"being", TW_VERB, TV_BE, 0},
    {"bent", TW_VERB, TV_PAST, 0},
    {"bled", TW_VERB, TV_PAST, 0},
    {"bore", TW_VERB, TV_PAST, 0},
    {"bought", TW_VERB, TV_PAST, 0},
    {"boxing", TW_HOLIDAY, TH_BOXING, TWF_AMBIG},
    {"bred", TW_VERB, TV_PAST, 0},
    {"broke", TW_VERB, TV_PAST, 0},
    {"brought", TW_VERB, TV_PAST, 0},
    {"bst", TW_TZ, 1, 0},
    {"built", TW_VERB, TV_PAST, 0},
    {"business", TW_FUNC, FW_BUSINESS, 0},
    {"by", TW_FUNC, FW_BY, 0},
    {"calendar", TW_FUNC, FW_CALENDAR, 0},
    {"came", TW_VERB, TV_PAST, 0},
    {"can", TW_VERB, TV_MODAL, 0},
    {"cat", TW_TZ, 1, 0},
    {"caught", TW_VERB, TV_PAST, 0},
    {"cdt", TW_TZ, 1, 0},
    {"centuries", TW_UNIT, TU_CENTURY, TWF_PLURAL},
    {"century", TW_UNIT, TU_CENTURY, 0},
    {"cest", TW_TZ, 1, 0},
    {"cet", TW_TZ, 1, 0},
    {"chose", TW_VERB, TV_PAST, 0},
    {"christmas", TW_HOLIDAY, TH_CHRISTMAS, 0},
    {"circa", TW_APPROX, TM_APPROX, 0},
    {"clung", TW_VERB, TV_PAST, 0},
    {"columbus", TW_HOLIDAY, TH_COLUMBUS, TWF_AMBIG},
    {"coming", TW_DET, TD_NEXT, 0},
    {"comparable", TW_DET, TD_COMPARABLE, 0},
    {"corresponding", TW_DET, TD_COMPARABLE, 0},
    {"couple", TW_FEW, 2, 0},
    {"cst", TW_TZ, 1, 0},
    {"ct", TW_TZ, 1, 0},
    {"current", TW_DET, TD_THIS, 0},
    {"currently", TW_REF, TR_PRESENT, 0},
    {"daily", TW_FREQ, TU_DAY, 0},
    {"day", TW_UNIT, TU_DAY, 0},
    {"days", TW_UNIT, TU_DAY, TWF_PLURAL},
    {"daytime", TW_POD, TP_DT, 0},
    {"dealt", TW_VERB, TV_PAST, 0},
    {"dec", TW_MONTH, 12, TWF_ABBR | TWF_AMBIG},
    {"dec.", TW_MONTH, 12, TWF_ABBR},
    {"decade", TW_UNIT, TU_DECADE, 0},
    {"decades", TW_UNIT, TU_DECADE, TWF_PLURAL},
    {"december", TW_MONTH, 12, 0},
    {"did", TW_VERB, TV_PAST, 0},
    {"do", TW_VERB, TV_PRES, 0},
    {"does", TW_VERB, TV_PRES, 0},
    {"dozen", TW_CARD, 12, 0},
    {"dozens", TW_FEW, 0, 0},
    {"drove", TW_VERB, TV_PAST, 0},
    {"due", TW_VERB, TV_PLAN, 0},
    {"dug", TW_VERB, TV_PAST, 0},
    {"during", TW_FUNC, FW_DURING, 0},
    {"each", TW_EACH, 2, 0},
    {"earlier", TW_OFFSET, TO_EARLIER, 0},
    {"early", TW_PART, TM_START, 0},
    {"easter", TW_HOLIDAY, TH_EASTER, 0},
    {"eat", TW_TZ, 1, 0},
    {"edt", TW_TZ, 1, 0},
    {"effective", TW_VERB, TV_PLAN, 0},
    {"eight", TW_CARD, 8, 0},
    {"eighteen", TW_CARD, 18, 0},
    {"eighteenth", TW_ORD, 18, 0},
    {"eighth", TW_ORD, 8, 0},
    {"eighties", TW_DECADEW, 8, 0},
    {"eighty", TW_CARD, 80, 0},
    {"election", TW_HOLIDAY, TH_ELECTION, TWF_AMBIG},
    {"eleven", TW_CARD, 11, 0},
    {"eleventh", TW_ORD, 11, 0},
    {"end", TW_FUNC, FW_END, 0},
    {"ended", TW_FUNC, FW_ENDED, 0},
    {"ending", TW_FUNC, FW_ENDED, 0},
    {"ends", TW_FUNC, FW_ENDED, 0},
    {"ensuing", TW_DET, TD_FOLLOW, 0},
    {"est", TW_TZ, 1, 0},
    {"et", TW_TZ, 1, 0},
    {"eve", TW_FUNC, FW_EVE, 0},
    {"evening", TW_POD, TP_EV, 0},
    {"evenings", TW_POD, TP_EV, TWF_PLURAL},
    {"every", TW_EACH, 1, 0},
    {"expect", TW_VERB, TV_PLAN, 0},
    {"expected", TW_VERB, TV_PLAN, 0},
    {"expects", TW_VERB, TV_PLAN, 0},
    {"fall", TW_SEASON, 3, TWF_AMBIG},
    {"father", TW_HOLIDAY, TH_FATHERS, TWF_AMBIG},
    {"feb", TW_MONTH, 2, TWF_ABBR | TWF_AMBIG},
    {"feb.", TW_MONTH, 2, TWF_ABBR},
    {"february", TW_MONTH, 2, 0},
    {"fed", TW_VERB, TV_PAST, 0},
    {"fell", TW_VERB, TV_PAST, 0},
    {"felt", TW_VERB, TV_PAST, 0},
    {"few", TW_FEW, 0, 0},
    {"fewer", TW_FUNC, FW_LESS, 0},
    {"fifteen", TW_CARD, 15, 0},
    {"fifteenth", TW_ORD, 15, 0},
    {"fifth", TW_ORD, 5, 0},
    {"fifties", TW_DECADEW, 5, 0},
    {"fifty", TW_CARD, 50, 0},
    {"first", TW_ORD, 1, 0},
    {"fiscal", TW_FUNC, FW_FISCAL, 0},
    {"five", TW_CARD, 5, 0},
    {"fled", TW_VERB, TV_PAST, 0},
    {"flew", TW_VERB, TV_PAST, 0},
    {"following", TW_DET, TD_FOLLOW, 0},
    {"for", TW_FUNC, FW_FOR, 0},
    {"forbade", TW_VERB, TV_PAST, 0},
    {"foreseeable", TW_FUNC, FW_FORESEEABLE, 0},
    {"forgot", TW_VERB, TV_PAST, 0},
    {"forties", TW_DECADEW, 4, 0},
    {"fortnight", TW_UNIT, TU_FORTNIGHT, 0},
    {"forty", TW_CARD, 40, 0},
    {"fought", TW_VERB, TV_PAST, 0},
    {"found", TW_VERB, TV_PAST, 0},
    {"four", TW_CARD, 4, 0},
    {"fourteen", TW_CARD, 14, 0},
    {"fourteenth", TW_ORD, 14, 0},
    {"fourth", TW_ORD, 4, 0},
    {"fri", TW_WDAY, 5, TWF_ABBR | TWF_AMBIG},
    {"friday", TW_WDAY, 5, 0},
    {"fridays", TW_WDAY, 5, TWF_PLURAL},
    {"from", TW_FUNC, FW_FROM, 0},
    {"froze", TW_VERB, TV_PAST, 0},
    {"full", TW_FUNC, FW_FULL, 0},
    {"future", TW_FUNC, FW_FUTURE, 0},
    {"fy", TW_FUNC, FW_FISCAL, 0},
    {"gave", TW_VERB, TV_PAST, 0},
    {"gmt", TW_TZ, 1, 0},
    {"going", TW_VERB, TV_FUTURE, 0},
    {"good", TW_HOLIDAY, TH_GOOD_FRIDAY, TWF_AMBIG},
    {"got", TW_VERB, TV_PAST, 0},
    {"grew", TW_VERB, TV_PAST, 0},
    {"had", TW_VERB, TV_HAD, 0},
    {"half", TW_FUNC, FW_HALFW, 0},
    {"halloween", TW_HOLIDAY, TH_HALLOWEEN, 0},
    {"has", TW_VERB, TV_HAVE, 0},
    {"have", TW_VERB, TV_HAVE, 0},
    {"he", TW_FUNC, FW_HE, 0},
    {"heard", TW_VERB, TV_PAST, 0},
    {"held", TW_VERB, TV_PAST, 0},
    {"hence", TW_OFFSET, TO_HENCE, 0},
    {"her", TW_FUNC, FW_ITS, 0},
    {"hid", TW_VERB, TV_PAST, 0},
    {"his", TW_FUNC, FW_ITS, 0},
    {"hkt", TW_TZ, 1, 0},
    {"hope", TW_VERB, TV_PLAN, 0},
    {"hopes", TW_VERB, TV_PLAN, 0},
    {"hour", TW_UNIT, TU_HOUR, 0},
    {"hourly", TW_FREQ, TU_HOUR, 0},
    {"hours", TW_UNIT, TU_HOUR, TWF_PLURAL},
    {"hundred", TW_CARD, 100, 0},
    {"hung", TW_VERB, TV_PAST, 0},
    {"i", TW_FUNC, FW_THEY, 0},
    {"in", TW_FUNC, FW_IN, 0},
    {"independence", TW_HOLIDAY, TH_INDEPENDENCE, TWF_AMBIG},
    {"intend", TW_VERB, TV_PLAN, 0},
    {"intends", TW_VERB, TV_PLAN, 0},
    {"into", TW_FUNC, FW_INTO, 0},
    {"is", TW_VERB, TV_PRES, 0},
    {"ist", TW_TZ, 1, 0},
    {"it", TW_FUNC, FW_HE, 0},
    {"its", TW_FUNC, FW_ITS, 0},
    {"jan", TW_MONTH, 1, TWF_ABBR | TWF_AMBIG},
    {"jan.", TW_MONTH, 1, TWF_ABBR},
    {"january", TW_MONTH, 1, 0},
    {"jst", TW_TZ, 1, 0},
    {"jul", TW_MONTH, 7, TWF_ABBR | TWF_AMBIG},
    {"jul.", TW_MONTH, 7, TWF_ABBR},
    {"july", TW_MONTH, 7, 0},
    {"jun", TW_MONTH, 6, TWF_ABBR | TWF_AMBIG},
    {"jun.", TW_MONTH, 6, TWF_ABBR},
    {"june", TW_MONTH, 6, 0},
    {"kept", TW_VERB, TV_PAST, 0},
    {"knew", TW_VERB, TV_PAST, 0},
    {"labor", TW_HOLIDAY, TH_LABOR, TWF_AMBIG},
    {"labour", TW_HOLIDAY, TH_LABOR, TWF_AMBIG},
    {"laid", TW_VERB, TV_PAST, 0},
    {"last", TW_DET, TD_LAST, 0},
    {"late", TW_PART, TM_END, 0},
    {"lately", TW_REF, TR_PAST, 0},
    {"later", TW_OFFSET, TO_LATER, 0},
    {"latest", TW_DET, TD_LATEST, 0},
    {"least", TW_FUNC, FW_LEAST, 0},
    {"led", TW_VERB, TV_PAST, 0},
    {"left", TW_VERB, TV_PAST, 0},
    {"lent", TW_VERB, TV_PAST, 0},
    {"less", TW_FUNC, FW_LESS, 0},
    {"likely", TW_VERB, TV_PLAN, 0},
    {"lit", TW_VERB, TV_PAST, 0},
    {"local", TW_FUNC, FW_LOCAL, 0},
    {"long", TW_FUNC, FW_LONG, 0},
    {"lost", TW_VERB, TV_PAST, 0},
    {"made", TW_VERB, TV_PAST, 0},
    {"many", TW_FEW, 0, 0},
    {"mar", TW_MONTH, 3, TWF_ABBR | TWF_AMBIG},
    {"mar.", TW_MONTH, 3, TWF_ABBR},
    {"march", TW_MONTH, 3, TWF_AMBIG},
    {"may", TW_MONTH, 5, TWF_AMBIG},
    {"mdt", TW_TZ, 1, 0},
    {"meant", TW_VERB, TV_PAST, 0},
    {"memorial", TW_HOLIDAY, TH_MEMORIAL, TWF_AMBIG},
    {"met", TW_VERB, TV_PAST, 0},
    {"mid", TW_PART, TM_MID, 0},
    {"midday", TW_CLOCK, 12, 0},
    {"middle", TW_FUNC, FW_MIDDLE, 0},
    {"midnight", TW_CLOCK, 24, 0},
    {"might", TW_VERB, TV_MODAL, 0},
    {"millennia", TW_UNIT, TU_MILLENNIUM, TWF_PLURAL},
    {"millennium", TW_UNIT, TU_MILLENNIUM, 0},
    {"minute", TW_UNIT, TU_MINUTE, 0},
    {"minutes", TW_UNIT, TU_MINUTE, TWF_PLURAL},
    {"moment", TW_FUNC, FW_MOMENT, 0},
    {"mon", TW_WDAY, 1, TWF_ABBR | TWF_AMBIG},
    {"monday", TW_WDAY, 1, 0},
    {"mondays", TW_WDAY, 1, TWF_PLURAL},
    {"month", TW_UNIT, TU_MONTH, 0},
    {"monthly", TW_FREQ, TU_MONTH, 0},
    {"months", TW_UNIT, TU_MONTH, TWF_PLURAL},
    {"more", TW_FUNC, FW_MORE, 0},
    {"morning", TW_POD, TP_MO, 0},
    {"mornings", TW_POD, TP_MO, TWF_PLURAL},
    {"mother", TW_HOLIDAY, TH_MOTHERS, TWF_AMBIG},
    {"msk", TW_TZ, 1, 0},
    {"mst", TW_TZ, 1, 0},
    {"mt", TW_TZ, 1, 0},
    {"must", TW_VERB, TV_MODAL, 0},
    {"my", TW_FUNC, FW_ITS, 0},
    {"near", TW_FUNC, FW_NEAR, 0},
    {"nearly", TW_APPROX, TM_LESS_THAN, 0},
    {"new", TW_HOLIDAY, TH_NEW_YEAR, TWF_AMBIG},
    {"next", TW_DET, TD_NEXT, 0},
    {"night", TW_POD, TP_NI, 0},
    {"nightly", TW_FREQ, TU_NIGHT, 0},
    {"nights", TW_POD, TP_NI, TWF_PLURAL},
    {"nine", TW_CARD, 9, 0},
    {"nineteen", TW_CARD, 19, 0},
    {"nineteenth", TW_ORD, 19, 0},
    {"nineties", TW_DECADEW, 9, 0},
    {"ninety", TW_CARD, 90, 0},
    {"ninth", TW_ORD, 9, 0},
    {"no", TW_FUNC, FW_NO, 0},
    {"noon", TW_CLOCK, 12, 0},
    {"nov", TW_MONTH, 11, TWF_ABBR | TWF_AMBIG},
    {"nov.", TW_MONTH, 11, TWF_ABBR},
    {"november", TW_MONTH, 11, 0},
    {"now", TW_REF, TR_PRESENT, 0},
    {"nowadays", TW_REF, TR_PRESENT, 0},
    {"numerous", TW_FEW, 0, 0},
    {"o'clock", TW_FUNC, FW_OCLOCK, 0},
    {"oct", TW_MONTH, 10, TWF_ABBR | TWF_AMBIG},
    {"oct.", TW_MONTH, 10, TWF_ABBR},
    {"october", TW_MONTH, 10, 0},
    {"of", TW_FUNC, FW_OF, 0},
    {"old", TW_FUNC, FW_OLD, 0},
    {"olds", TW_FUNC, FW_OLD, 0},
    {"on", TW_FUNC, FW_ON, 0},
    {"once", TW_FUNC, FW_ONCE, 0},
    {"one", TW_CARD, 1, 0},
    {"or", TW_FUNC, FW_OR, 0},
    {"other", TW_FUNC, FW_OTHER, 0},
    {"our", TW_FUNC, FW_ITS, 0},
    {"over", TW_FUNC, FW_OVER, 0},
    {"overnight", TW_DAYREF, -1, 0},
    {"overthrew", TW_VERB, TV_PAST, 0},
    {"p.m", TW_AMPM, 12, 0},
    {"p.m.", TW_AMPM, 12, 0},
    {"paid", TW_VERB, TV_PAST, 0},
    {"past", TW_DET, TD_LAST, 0},
    {"payable", TW_VERB, TV_PLAN, 0},
    {"pdt", TW_TZ, 1, 0},
    {"per", TW_EACH, 3, 0},
    {"period", TW_FUNC, FW_PERIOD, 0},
    {"plan", TW_VERB, TV_PLAN, 0},
    {"planned", TW_VERB, TV_PLAN, 0},
    {"planning", TW_VERB, TV_PLAN, 0},
    {"plans", TW_VERB, TV_PLAN, 0},
    {"pm", TW_AMPM, 12, 0},
    {"post", TW_FUNC, FW_POST, 0},
    {"pre", TW_FUNC, FW_PRE, 0},
    {"preceding", TW_DET, TD_LAST, 0},
    {"present", TW_FUNC, FW_PRESENT, 0},
    {"previous", TW_DET, TD_LAST, 0},
    {"prior", TW_DET, TD_LAST, 0},
    {"pst", TW_TZ, 1, 0},
    {"pt", TW_TZ, 1, 0},
    {"quarter", TW_UNIT, TU_QUARTER, 0},
    {"quarters", TW_UNIT, TU_QUARTER, TWF_PLURAL},
    {"ran", TW_VERB, TV_PAST, 0},
    {"recent", TW_DET, TD_RECENT, 0},
    {"recently", TW_REF, TR_PAST, 0},
    {"reported", TW_VERB, TV_SAY, 0},
    {"reports", TW_VERB, TV_SAY, 0},
    {"rode", TW_VERB, TV_PAST, 0},
    {"rose", TW_VERB, TV_PAST, 0},
    {"roughly", TW_APPROX, TM_APPROX, 0},
    {"said", TW_VERB, TV_SAY, 0},
    {"same", TW_DET, TD_SAME, 0},
    {"sank", TW_VERB, TV_PAST, 0},
    {"sast", TW_TZ, 1, 0},
    {"sat", TW_WDAY, 6, TWF_ABBR | TWF_AMBIG},
    {"saturday", TW_WDAY, 6, 0},
    {"saturdays", TW_WDAY, 6, TWF_PLURAL},
    {"saw", TW_VERB, TV_PAST, 0},
    {"say", TW_VERB, TV_SAY, 0},
    {"says", TW_VERB, TV_SAY, 0},
    {"schedule", TW_VERB, TV_PLAN, 0},
    {"scheduled", TW_VERB, TV_PLAN, 0},
    {"second", TW_ORD, 2, TWF_AMBIG},
    {"seconds", TW_UNIT, TU_SECOND, TWF_PLURAL},
    {"sent", TW_VERB, TV_PAST, 0},
    {"sep", TW_MONTH, 9, TWF_ABBR | TWF_AMBIG},
    {"sep.", TW_MONTH, 9, TWF_ABBR},
    {"sept", TW_MONTH, 9, TWF_ABBR | TWF_AMBIG},
    {"sept.", TW_MONTH, 9, TWF_ABBR},
    {"september", TW_MONTH, 9, 0},
    {"set", TW_VERB, TV_PAST, 0},
    {"seven", TW_CARD, 7, 0},
    {"seventeen", TW_CARD, 17, 0},
    {"seventeenth", TW_ORD, 17, 0},
    {"seventh", TW_ORD, 7, 0},
    {"seventies", TW_DECADEW, 7, 0},
    {"seventy", TW_CARD, 70, 0},
    {"several", TW_FEW, 0, 0},
    {"sgt", TW_TZ, 1, 0},
    {"shall", TW_VERB, TV_FUTURE, 0},
    {"she", TW_FUNC, FW_HE, 0},
    {"shook", TW_VERB, TV_PAST, 0},
    {"short", TW_FUNC, FW_SHORT, 0},
    {"shot", TW_VERB, TV_PAST, 0},
    {"should", TW_VERB, TV_MODAL, 0},
    {"since", TW_FUNC, FW_SINCE, 0},
    {"six", TW_CARD, 6, 0},
    {"sixteen", TW_CARD, 16, 0},
    {"sixteenth", TW_ORD, 16, 0},
    {"sixth", TW_ORD, 6, 0},
    {"sixties", TW_DECADEW, 6, 0},
    {"sixty", TW_CARD, 60, 0},
    {"slated", TW_VERB, TV_PLAN, 0},
    {"slept", TW_VERB, TV_PAST, 0},
    {"slew", TW_VERB, TV_PAST, 0},
    {"slid", TW_VERB, TV_PAST, 0},
    {"so", TW_FUNC, FW_SO, 0},
    {"sold", TW_VERB, TV_PAST, 0},
    {"some", TW_APPROX, TM_APPROX, 0},
    {"soon", TW_REF, TR_FUTURE, 0},
    {"sought", TW_VERB, TV_PAST, 0},
    {"sped", TW_VERB, TV_PAST, 0},
    {"spent", TW_VERB, TV_PAST, 0},
    {"spoke", TW_VERB, TV_PAST, 0},
    {"sprang", TW_VERB, TV_PAST, 0},
    {"spring", TW_SEASON, 1, TWF_AMBIG},
    {"springs", TW_SEASON, 1, TWF_PLURAL},
    {"spun", TW_VERB, TV_PAST, 0},
    {"start", TW_FUNC, FW_START, 0},
    {"stated", TW_VERB, TV_SAY, 0},
    {"stole", TW_VERB, TV_PAST, 0},
    {"stood", TW_VERB, TV_PAST, 0},
    {"strode", TW_VERB, TV_PAST, 0},
    {"struck", TW_VERB, TV_PAST, 0},
    {"stung", TW_VERB, TV_PAST, 0},
    {"subsequent", TW_DET, TD_FOLLOW, 0},
    {"summer", TW_SEASON, 2, 0},
    {"summers", TW_SEASON, 2, TWF_PLURAL},
    {"sun", TW_WDAY, 7, TWF_ABBR | TWF_AMBIG},
    {"sunday", TW_WDAY, 7, 0},
    {"sundays", TW_WDAY, 7, TWF_PLURAL},
    {"supposed", TW_VERB, TV_PLAN, 0},
    {"swept", TW_VERB, TV_PAST, 0},
    {"swore", TW_VERB, TV_PAST, 0},
    {"swung", TW_VERB, TV_PAST, 0},
    {"taught", TW_VERB, TV_PAST, 0},
    {"tell", TW_VERB, TV_SAY, 0},
    {"tells", TW_VERB, TV_SAY, 0},
    {"ten", TW_CARD, 10, 0},
    {"tenth", TW_ORD, 10, 0},
    {"term", TW_FUNC, FW_TERM, 0},
    {"than", TW_FUNC, FW_THAN, 0},
    {"thanksgiving", TW_HOLIDAY, TH_THANKSGIVING, 0},
    {"that", TW_DET, TD_SAME, 0},
    {"the", TW_FUNC, FW_THE, 0},
    {"their", TW_FUNC, FW_ITS, 0},
    {"these", TW_DET, TD_THIS, 0},
    {"they", TW_FUNC, FW_THEY, 0},
    {"third", TW_ORD, 3, 0},
    {"thirteen", TW_CARD, 13, 0},
    {"thirteenth", TW_ORD, 13, 0},
    {"thirties", TW_DECADEW, 3, 0},
    {"thirtieth", TW_ORD, 30, 0},
    {"thirty", TW_CARD, 30, 0},
    {"this", TW_DET, TD_THIS, 0},
    {"those", TW_DET, TD_SAME, 0},
    {"thought", TW_VERB, TV_PAST, 0},
    {"thousand", TW_CARD, 1000, 0},
    {"three", TW_CARD, 3, 0},
    {"threw", TW_VERB, TV_PAST, 0},
    {"through", TW_FUNC, FW_THROUGH, 0},
    {"throughout", TW_FUNC, FW_THROUGH, 0},
    {"thu", TW_WDAY, 4, TWF_ABBR | TWF_AMBIG},
    {"thur", TW_WDAY, 4, TWF_ABBR | TWF_AMBIG},
    {"thurs", TW_WDAY, 4, TWF_ABBR | TWF_AMBIG},
    {"thursday", TW_WDAY, 4, 0},
    {"thursdays", TW_WDAY, 4, TWF_PLURAL},
    {"till", TW_FUNC, FW_UNTIL, 0},
    {"time", TW_FUNC, FW_TIME, 0},
    {"times", TW_FUNC, FW_TIMES, 0},
    {"to", TW_FUNC, FW_TO, 0},
    {"today", TW_DAYREF, 0, 0},
    {"told", TW_VERB, TV_SAY, 0},
    {"tomorrow", TW_DAYREF, 1, 0},
    {"tonight", TW_DAYREF, 0, 0},
    {"took", TW_VERB, TV_PAST, 0},
    {"tore", TW_VERB, TV_PAST, 0},
    {"trading", TW_FUNC, FW_TRADING, 0},
    {"tue", TW_WDAY, 2, TWF_ABBR | TWF_AMBIG},
    {"tues", TW_WDAY, 2, TWF_ABBR | TWF_AMBIG},
    {"tuesday", TW_WDAY, 2, 0},
    {"tuesdays", TW_WDAY, 2, TWF_PLURAL},
    {"twelfth", TW_ORD, 12, 0},
    {"twelve", TW_CARD, 12, 0},
    {"twenties", TW_DECADEW, 2, 0},
    {"twentieth", TW_ORD, 20, 0},
    {"twenty", TW_CARD, 20, 0},
    {"twice", TW_FUNC, FW_TWICE, 0},
    {"two", TW_CARD, 2, 0},
    {"until", TW_FUNC, FW_UNTIL, 0},
    {"up", TW_FUNC, FW_UP, 0},
    {"upcoming", TW_DET, TD_NEXT, 0},
    {"utc", TW_TZ, 1, 0},
    {"valentine", TW_HOLIDAY, TH_VALENTINE, TWF_AMBIG},
    {"veterans", TW_HOLIDAY, TH_VETERANS, TWF_AMBIG},
    {"wants", TW_VERB, TV_PLAN, 0},
    {"was", TW_VERB, TV_PAST, 0},
    {"wat", TW_TZ, 1, 0},
    {"we", TW_FUNC, FW_THEY, 0},
    {"wed", TW_WDAY, 3, TWF_ABBR | TWF_AMBIG},
    {"wednesday", TW_WDAY, 3, 0},
    {"wednesdays", TW_WDAY, 3, TWF_PLURAL},
    {"week", TW_UNIT, TU_WEEK, 0},
    {"week-end", TW_UNIT, TU_WEEKEND, 0},
    {"weekend", TW_UNIT, TU_WEEKEND, 0},
    {"weekends", TW_UNIT, TU_WEEKEND, TWF_PLURAL},
    {"weekly", TW_FREQ, TU_WEEK, 0},
    {"weeks", TW_UNIT, TU_WEEK, TWF_PLURAL},
    {"went", TW_VERB, TV_PAST, 0},
    {"wept", TW_VERB, TV_PAST, 0},
    {"were", TW_VERB, TV_PAST, 0},
    {"will", TW_VERB, TV_FUTURE, 0},
    {"winter", TW_SEASON, 4, 0},
    {"winters", TW_SEASON, 4, TWF_PLURAL},
    {"withdrew", TW_VERB, TV_PAST, 0},
    {"within", TW_FUNC, FW_WITHIN, 0},
    {"wo", TW_VERB, TV_FUTURE, 0},
    {"woke", TW_VERB, TV_PAST, 0},
    {"won", TW_VERB, TV_PAST, 0},
    {"wore", TW_VERB, TV_PAST, 0},
    {"would", TW_VERB, TV_MODAL, 0},
    {"wound", TW_VERB, TV_PAST, 0},
    {"wrote", TW_VERB, TV_PAST, 0},
    {"year", TW_UNIT, TU_YEAR, 0},
    {"yearly", TW_FREQ, TU_YEAR, 0},
    {"years", TW_UNIT, TU_YEAR, TWF_PLURAL},
    {"yesterday", TW_DAYREF, -1, 0},
    {"you", TW_FUNC, FW_THEY, 0},
    {"your", TW_FUNC, FW_ITS, 0},
};

/* Exposed for the table-order unit test. */
size_t kbp_timex_words(const char *const **out);
size_t kbp_timex_words(const char *const **out)
{
    static const char *names[KB_ARRAY_LEN(words)];
    for (size_t i = 0; i < KB_ARRAY_LEN(words); i++)
        names[i] = words[i].w;
    *out = names;
    return KB_ARRAY_LEN(words);
}

/* The vocabulary is hashed as the tokenizer hashes a token's fold
   ((uint32_t)kb_hash_bytes, struct kb_token.hash), so that a token's slot
   costs no hashing. */
void kbp_timex_index(uint16_t slots[KB_TIMEX_SLOTS])
{
    _Static_assert(KB_ARRAY_LEN(words) * 2 < KB_TIMEX_SLOTS && KB_ARRAY_LEN(words) < TX_SLOT_START,
                   "the vocabulary fills at most half the slots");
    memset(slots, 0, KB_TIMEX_SLOTS * sizeof *slots);
    for (size_t i = 0; i < KB_ARRAY_LEN(words); i++) {
        size_t x = (uint32_t)kb_hash_bytes(words[i].w, strlen(words[i].w)) & (KB_TIMEX_SLOTS - 1);
        while (slots[x])
            x = (x + 1) & (KB_TIMEX_SLOTS - 1);
        struct tw t = {.cls = words[i].cls, .val = words[i].val};
        slots[x] = (uint16_t)((i + 1) | (kbp_timex_can_start(&t) ? TX_SLOT_START : 0));
    }
}

/* The vocabulary's slot for the folded word s[0..n) of hash h (as
   struct kb_token.hash), or 0. */
static unsigned lookup(const uint16_t slots[KB_TIMEX_SLOTS], uint32_t h, const char *s,
                       size_t n)
{
    for (size_t x = h & (KB_TIMEX_SLOTS - 1); slots[x]; x = (x + 1) & (KB_TIMEX_SLOTS - 1)) {
        const char *w = words[(slots[x] & ~TX_SLOT_START) - 1].w;
        if (w[0] != s[0])
            continue;
        size_t k = 1;
        while (k < n && w[k] && w[k] == s[k])
            k++;
        if (k == n && !w[n])
            return slots[x];
    }
    return 0;
}

static inline bool isdig(char c)
{
    return c >= '0' && c <= '9';
}

/* Read a run of digits at s[*k..n), at most 9; -1 if none. */
static long run(const char *s, size_t n, size_t *k)
{
    long v = 0;
    size_t st = *k;
    while (*k < n && isdig(s[*k]) && *k - st < 9)
        v = v * 10 + (s[(*k)++] - '0');
    return *k > st ? v : -1;
}

/* Classify a digit token: kind, value, leading digit count. */
static void classify_num(const char *s, size_t n, struct tw *t)
{
    size_t k = 0;
    long a = run(s, n, &k);
    t->cls = TW_NUM;
    t->ndig = (uint8_t)(k < 255 ? k : 255);
    t->val = (int32_t)a;
    if (k == n) {
        t->sub = NK_INT;
        return;
    }
    char c = s[k];
    size_t rest = n - k;
    if (c >= 'a' && c <= 'z') {
        /* letter suffix: 15th, 1980s, 3pm */
        if (rest == 2 &&
            ((c == 's' && s[k + 1] == 't') || (c == 'n' && s[k + 1] == 'd') ||
             (c == 'r' && s[k + 1] == 'd') || (c == 't' && s[k + 1] == 'h'))) {
            t->sub = NK_ORD;
            return;
        }
        if (rest == 1 && c == 's') {
            t->sub = NK_DECADE;
            return;
        }
        if (rest == 1 && ((c == 'q' && a >= 1 && a <= 4) || (c == 'h' && a >= 1 && a <= 2))) {
            t->cls = TW_FPER; /* 3Q, 1H: a financial period */
            t->sub = c == 'q' ? TG_QUARTER : TG_HALF;
            return;
        }
        if (rest == 2 && (c == 'a' || c == 'p') && s[k + 1] == 'm' && a >= 1 && a <= 12) {
            t->sub = NK_AMPM;
            t->val = (int32_t)(a % 12 + (c == 'p' ? 12 : 0));
            return;
        }
        t->sub = NK_OTHER;
        return;
    }
    if (c == ':') {
        size_t k2 = k + 1;
        long b = run(s, n, &k2);
        if (k2 - k == 3 && a <= 24 && b >= 0 && b < 60 &&
            (k2 == n || (s[k2] == ':' && n - k2 == 3))) {
            t->sub = NK_TIME;
            t->val = (int32_t)(a * 100 + b);
            return;
        }
    }
    if (c == '/' && k <= 2) {
        size_t k2 = k + 1;
        long b = run(s, n, &k2);
        if (k2 == n && b > 0 && b <= 16 && a < b) {
            t->sub = NK_FRAC;
            t->val = (int32_t)(a * 100 + b);
            return;
        }
    }
    if (c == '-' && k <= 2) { /* 3-5, 10-15: a range of small numbers */
        size_t k2 = k + 1;
        long b = run(s, n, &k2);
        if (k2 == n && k2 - k - 1 <= 2 && b >= 0) {
            t->sub = NK_RANGE;
            t->val = (int32_t)(a * 100 + b);
            return;
        }
    }
    if (c == '-' || c == '/' || c == '.') {
        /* dates: y-m-d, m/d/y, d.m.y, y/m/d */
        size_t k2 = k + 1;
        long b = run(s, n, &k2);
        if (b >= 0 && k2 < n && s[k2] == c) {
            size_t k3 = k2 + 1;
            long d = run(s, n, &k3);
            if (d >= 0 && k3 == n && k2 - k - 1 <= 2 && n - k2 - 1 <= 4) {
                t->sub = NK_DATE;
                return;
            }
        }
    }
    t->sub = NK_OTHER;
    if (c == ',') { /* 1,500: a count */
        long v = a;
        while (k < n && s[k] == ',') {
            size_t k2 = k + 1;
            long b = run(s, n, &k2);
            if (b < 0 || k2 - k != 4 || v > 1000000)
                break;
            v = v * 1000 + b;
            k = k2;
        }
        t->val = k == n ? (int32_t)v : -1;
    }
}

/* A word with digits that labels a financial period: Q3, H1 (written in
   capitals), FY2013, FY13.  raw is the token's text, f its folded form. */
static void classify_label(const char *raw, const char *f, size_t n, struct tw *t)
{
    if (n == 2 && (raw[0] == 'Q' || raw[0] == 'H') && isdig(f[1])) {
        int p = f[1] - '0';
        if (p >= 1 && p <= (raw[0] == 'Q' ? 4 : 2)) {
            t->cls = TW_FPER;
            t->sub = raw[0] == 'Q' ? TG_QUARTER : TG_HALF;
            t->val = p;
        }
        return;
    }
    if ((n == 4 || n == 6) && f[0] == 'f' && f[1] == 'y') {
        size_t k = 2;
        long y = run(f, n, &k);
        if (k != n || y < 0)
            return;
        t->cls = TW_FPER;
        t->sub = TG_YEAR;
        t->val = (int32_t)(n == 4 ? y + (y < 50 ? 2000 : 1900) : y);
    }
}

size_t kbp_timex_classify(const struct kb_doc *doc, const uint16_t slots[KB_TIMEX_SLOTS],
                          struct tw *out, uint32_t *starts)
{
    /* locals: the byte stores to out[] could otherwise alias the doc's pointers */
    const struct kb_token *toks = doc->toks.v;
    const char *fold = doc->fold.data;
    size_t ntok = doc->toks.n, ns = 0;
    for (size_t i = 0; i < ntok; i++) {
        const struct kb_token *k = &toks[i];
        struct tw t = {0};
        size_t n = k->fold_len;
        const char *f = fold + k->fold;
        if (k->kind == KB_TOK_NUM) {
            classify_num(f, n, &t);
            starts[ns++] = (uint32_t)i; /* TW_NUM or TW_FPER */
        } else if (n == 0 || n > 14) {
            /* no word of the vocabulary */
        } else if (k->flags & KB_TF_DIGIT) {
            classify_label(doc->text + k->start, f, n, &t);
            if (t.cls != TW_NONE) /* TW_FPER */
                starts[ns++] = (uint32_t)i;
        } else {
            unsigned sl = lookup(slots, k->hash, f, n);
            if (sl) {
                const struct tword *w = &words[(sl & ~TX_SLOT_START) - 1];
                t.cls = w->cls;
                t.val = w->val;
                t.flags = w->flags;
                if (sl & TX_SLOT_START)
                    starts[ns++] = (uint32_t)i;
            }
        }
        out[i] = t;
    }
    return ns;
}

bool kbp_timex_num_time(const struct kb_doc *doc, size_t i, int *hh, int *mm)
{
    size_t n;
    const char *s = kb_tok_fold(doc, i, &n);
    struct tw t;
    memset(&t, 0, sizeof t);
    classify_num(s, n, &t);
    if (t.sub != NK_TIME)
        return false;
    *hh = t.val / 100;
    *mm = t.val % 100;
    return true;
}

bool kbp_timex_num_date(const struct kb_doc *doc, size_t i, bool day_first, int *y,
                        int *m, int *d)
{
    size_t n, k = 0;
    const char *s = kb_tok_fold(doc, i, &n);
    long a = run(s, n, &k);
    if (k >= n)
        return false;
    char sep = s[k++];
    long b = run(s, n, &k);
    if (b < 0 || k >= n || s[k++] != sep)
        return false;
    size_t k0 = k;
    long c = run(s, n, &k);
    if (c < 0 || k != n)
        return false;
    size_t clen = k - k0;
    if (a >= 1000) { /* 2022-03-15, 2022/03/15 */
        *y = (int)a, *m = (int)b, *d = (int)c;
    } else {
        if (clen != 2 && clen != 4)
            return false;
        int yy = (int)c;
        if (clen == 2)
            yy += yy < 50 ? 2000 : 1900;
        *y = yy;
        /* month first (US), unless day-first, a dotted date, or impossible */
        if (sep == '.' || a > 12 || (day_first && b <= 12))
            *d = (int)a, *m = (int)b;
        else
            *m = (int)a, *d = (int)b;
    }
    return kb_date_valid(*y, *m, *d);
}
