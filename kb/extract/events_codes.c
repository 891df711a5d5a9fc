/*
 * events_codes.c -- CAMEO codes: the verb patterns that refine a verb's
 * code by what follows it, the composition of a governing verb with the
 * event it governs, and the type name of every code kb produces.
 *
 * Composition follows the parallel structure of the CAMEO codebook: the
 * categories "appeal for" (02), "express intent to" (03), "demand" (10),
 * "threaten" (13) and "reject" (12) each have one sub-category per kind of
 * cooperation or conflict, so "urged X to meet" is 026 (appeal to meet),
 * "wants to attack" 138 (threaten with military force), "demanded the
 * release of" 1053, "refused to withdraw" 1246.
 */
#include "events.h"

#include <stdlib.h>
#include <string.h>

int ev_root(const char *cameo)
{
    if (!cameo || cameo[0] < '0' || cameo[0] > '9' || cameo[1] < '0' || cameo[1] > '9')
        return 0;
    return (cameo[0] - '0') * 10 + (cameo[1] - '0');
}

/* Does code c start with prefix p? */
static bool is(const char *c, const char *p)
{
    return strncmp(c, p, strlen(p)) == 0;
}

bool ev_match_pattern(struct ev_ctx *c, struct ev_trig *t)
{
    const struct ev_verb *v = ev_verb_of(c, t);
    if (!v->npat || t->te >= t->we)
        return false;
    /* the noun classes at each position of the window, computed once */
    enum { MAXPOS = 24 };
    struct {
        const uint32_t *cls;
        size_t n, len;
    } at[MAXPOS];
    size_t npos = 0;
    for (size_t i = t->te; i < t->we && npos < MAXPOS;) {
        const uint32_t *cls;
        size_t n, len = ev_phrase_at(c, true, i, t->we, &cls, &n);
        if (len) {
            at[npos].cls = cls;
            at[npos].n = n;
            at[npos++].len = len;
            i += len;
        } else {
            i++;
        }
    }
    for (uint32_t p = v->pat; p < v->pat + v->npat; p++) {
        const struct ev_pattern *pt = &c->d->pats.v[p];
        size_t item = 0;
        for (size_t k = 0; k < npos && item < pt->nitems; k++)
            for (size_t j = 0; j < at[k].n; j++)
                if (at[k].cls[j] == pt->item[item]) {
                    item++;
                    break;
                }
        if (item == pt->nitems) {
            memcpy(t->cameo, pt->cameo, sizeof t->cameo);
            t->type = pt->type;
            t->pflags = pt->flags;
            return true;
        }
    }
    return false;
}

/* ---- composition ---- */

/* Sub-codes that follow the inner code's sub-category: inner prefix -> code. */
struct sub {
    const char *inner, *code;
};

static const char *lookup_sub(const struct sub *s, size_t n, const char *inner)
{
    for (size_t i = 0; i < n; i++)
        if (is(inner, s[i].inner))
            return s[i].code;
    return NULL;
}

/* Material cooperation (06), aid (07) and yielding (08) by kind, per category. */
static const struct sub intent_subs[] = {
    {"045", "039"},  {"04", "036"},   {"05", "032"},   {"061", "0311"}, {"062", "0312"},
    {"063", "0313"}, {"064", "0314"}, {"06", "031"},   {"071", "0331"}, {"072", "0332"},
    {"073", "0333"}, {"074", "0334"}, {"07", "033"},   {"081", "0351"}, {"082", "0352"},
    {"083", "034"},  {"084", "0353"}, {"085", "0354"}, {"086", "0355"}, {"087", "0356"},
    {"08", "035"},
};
static const struct sub appeal_subs[] = {
    {"045", "028"},  {"04", "026"},   {"05", "022"},   {"061", "0211"}, {"062", "0212"},
    {"063", "0213"}, {"064", "0214"}, {"06", "021"},   {"071", "0231"}, {"072", "0232"},
    {"073", "0233"}, {"074", "0234"}, {"07", "023"},   {"081", "0251"}, {"082", "0252"},
    {"083", "024"},  {"084", "0253"}, {"085", "0254"}, {"086", "0255"}, {"087", "0256"},
    {"08", "025"},   {"14", "113"},   {"16", "113"},
};
static const struct sub demand_subs[] = {
    {"045", "108"},  {"04", "106"},   {"05", "102"},   {"061", "1011"}, {"062", "1012"},
    {"063", "1013"}, {"064", "1014"}, {"06", "101"},   {"071", "1031"}, {"072", "1032"},
    {"073", "1033"}, {"074", "1034"}, {"07", "103"},   {"081", "1051"}, {"082", "1052"},
    {"083", "104"},  {"084", "1053"}, {"085", "1054"}, {"086", "1055"}, {"087", "1056"},
    {"08", "105"},
};
static const struct sub refuse_subs[] = {
    {"011", "011"},  {"045", "126"},  {"04", "125"},   {"061", "1211"}, {"062", "1212"},
    {"063", "1213"}, {"064", "1214"}, {"06", "121"},   {"071", "1221"}, {"072", "1222"},
    {"073", "1223"}, {"074", "1224"}, {"07", "122"},   {"081", "1241"}, {"082", "1242"},
    {"083", "123"},  {"084", "1243"}, {"085", "1244"}, {"086", "1245"}, {"087", "1246"},
    {"08", "124"},
};
/* Threats: of reducing relations, of coercion, of force. */
static const struct sub threat_subs[] = {
    {"161", "1313"}, {"162", "1311"}, {"163", "1312"}, {"164", "134"},  {"165", "135"},
    {"166", "136"},  {"16", "131"},   {"1721", "1321"}, {"1722", "1322"}, {"1723", "1323"},
    {"1724", "1324"}, {"172", "132"}, {"175", "137"},  {"14", "133"},   {"191", "1381"},
    {"192", "1382"}, {"18", "1383"},  {"19", "138"},   {"20", "1385"},
};

bool ev_compose(uint32_t vflags, const char *inner, char out[6])
{
    const char *r = NULL;
    if (vflags & VF_ATTEMPT)
        r = is(inner, "186") ? "185" : NULL;
    else if (vflags & VF_APPEAL)
        r = lookup_sub(appeal_subs, KB_ARRAY_LEN(appeal_subs), inner);
    else if (vflags & VF_DEMAND)
        r = lookup_sub(demand_subs, KB_ARRAY_LEN(demand_subs), inner);
    else if (vflags & VF_REFUSE)
        r = lookup_sub(refuse_subs, KB_ARRAY_LEN(refuse_subs), inner);
    else if (vflags & VF_THREAT)
        r = lookup_sub(threat_subs, KB_ARRAY_LEN(threat_subs), inner);
    else if (vflags & VF_INTENT)
        r = lookup_sub(intent_subs, KB_ARRAY_LEN(intent_subs), inner);
    if (!r && (vflags & (VF_APPEAL | VF_DEMAND | VF_REFUSE | VF_THREAT)))
        r = vflags & VF_APPEAL ? "020" : vflags & VF_DEMAND ? "100"
                                     : vflags & VF_REFUSE ? "120" : "130";
    if (!r && (vflags & VF_INTENT)) /* intent to use force is a threat */
        r = lookup_sub(threat_subs, KB_ARRAY_LEN(threat_subs), inner);
    if (!r)
        return false;
    ev_strcpy(out, 6, r, SIZE_MAX);
    return true;
}

/* ---- type names ---- */

/* Type names of the codes composition produces and of the roots; sorted. */
static const struct code_name {
    const char *code, *name;
} code_names[] = {
    {"01", "STATEMENT"},
    {"011", "DECLINE_COMMENT"},
    {"02", "APPEAL"},
    {"021", "APPEAL_MATERIAL_COOPERATION"},
    {"022", "APPEAL_DIPLOMATIC_COOPERATION"},
    {"023", "APPEAL_AID"},
    {"024", "APPEAL_REFORM"},
    {"025", "APPEAL_YIELD"},
    {"0253", "APPEAL_RELEASE"},
    {"0256", "APPEAL_DEESCALATE"},
    {"026", "APPEAL_MEET"},
    {"027", "APPEAL_SETTLE"},
    {"028", "APPEAL_MEDIATION"},
    {"03", "INTEND"},
    {"031", "INTEND_MATERIAL_COOPERATION"},
    {"032", "INTEND_DIPLOMATIC_COOPERATION"},
    {"033", "INTEND_AID"},
    {"034", "INTEND_REFORM"},
    {"035", "INTEND_YIELD"},
    {"0353", "INTEND_RELEASE"},
    {"0356", "INTEND_DEESCALATE"},
    {"036", "INTEND_MEET"},
    {"039", "INTEND_MEDIATE"},
    {"04", "CONSULT"},
    {"040", "MEET"},
    {"042", "VISIT"},
    {"043", "HOST"},
    {"05", "COOPERATE"},
    {"06", "MATERIAL_COOPERATION"},
    {"07", "AID"},
    {"08", "YIELD"},
    {"09", "INVESTIGATE"},
    {"10", "DEMAND"},
    {"101", "DEMAND_MATERIAL_COOPERATION"},
    {"102", "DEMAND_DIPLOMATIC_COOPERATION"},
    {"103", "DEMAND_AID"},
    {"104", "DEMAND_REFORM"},
    {"105", "DEMAND_YIELD"},
    {"1053", "DEMAND_RELEASE"},
    {"1056", "DEMAND_DEESCALATE"},
    {"106", "DEMAND_MEET"},
    {"108", "DEMAND_MEDIATION"},
    {"11", "DISAPPROVE"},
    {"112", "ACCUSE"},
    {"113", "RALLY_OPPOSITION"},
    {"12", "REJECT"},
    {"121", "REJECT_MATERIAL_COOPERATION"},
    {"122", "REJECT_AID"},
    {"123", "REJECT_REFORM"},
    {"124", "REFUSE_YIELD"},
    {"1243", "REFUSE_RELEASE"},
    {"1246", "REFUSE_DEESCALATE"},
    {"125", "REJECT_TALKS"},
    {"126", "REJECT_MEDIATION"},
    {"13", "THREATEN"},
    {"131", "THREATEN_NONFORCE"},
    {"1311", "THREATEN_AID_CUT"},
    {"1312", "THREATEN_SANCTIONS"},
    {"1313", "THREATEN_BREAK_RELATIONS"},
    {"132", "THREATEN_ADMINISTRATIVE"},
    {"133", "THREATEN_PROTEST"},
    {"134", "THREATEN_HALT_NEGOTIATIONS"},
    {"135", "THREATEN_HALT_MEDIATION"},
    {"136", "THREATEN_EXPEL"},
    {"137", "THREATEN_REPRESSION"},
    {"138", "THREATEN_FORCE"},
    {"1381", "THREATEN_BLOCKADE"},
    {"1382", "THREATEN_OCCUPATION"},
    {"1383", "THREATEN_UNCONVENTIONAL_VIOLENCE"},
    {"1385", "THREATEN_WMD"},
    {"14", "PROTEST"},
    {"15", "MILITARY_POSTURE"},
    {"16", "REDUCE_RELATIONS"},
    {"17", "COERCE"},
    {"18", "ASSAULT"},
    {"185", "ASSASSINATION_ATTEMPT"},
    {"19", "FIGHT"},
    {"20", "MASS_VIOLENCE"},
};

static int cmp_code(const void *k, const void *e)
{
    return strcmp(k, ((const struct code_name *)e)->code);
}

const char *ev_code_type(const char *cameo)
{
    char key[6];
    ev_strcpy(key, sizeof key, cameo, SIZE_MAX);
    for (size_t n = strlen(key); n >= 2; n--) {
        key[n] = '\0';
        const struct code_name *r =
            bsearch(key, code_names, KB_ARRAY_LEN(code_names), sizeof code_names[0], cmp_code);
        if (r)
            return r->name;
    }
    return "EVENT";
}

size_t kbp_events_code_names(const char **out, size_t max);
/* For test_tables.c: the codes of the type-name table, in table order. */
size_t kbp_events_code_names(const char **out, size_t max)
{
    size_t n = KB_MIN(max, KB_ARRAY_LEN(code_names));
    for (size_t i = 0; i < n; i++)
        out[i] = code_names[i].code;
    return n;
}
