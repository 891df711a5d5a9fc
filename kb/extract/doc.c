/*
 * doc.c -- struct kb_doc lifecycle and small accessors shared by the stages.
 */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

struct kb_doc *kb_doc_new(const char *text, size_t len)
{
    struct kb_doc *doc = calloc(1, sizeof *doc);
    if (!doc)
        return NULL;
    doc->text = text;
    doc->len = len;
    kb_buf_init(&doc->fold);
    kb_arena_init(&doc->arena);
    return doc;
}

void kb_doc_free(struct kb_doc *doc)
{
    if (!doc)
        return;
    kb_word_cache_free(doc->wcache);
    free(doc->toks.v);
    free(doc->sents.v);
    free(doc->ents.v);
    free(doc->timexes.v);
    free(doc->places.v);
    free(doc->events.v);
    free(doc->tok_cand.v);
    kb_buf_release(&doc->fold);
    kb_arena_release(&doc->arena);
    free(doc);
}

void kb_doc_reset(struct kb_doc *doc, const char *text, size_t len)
{
    /* zero everything as kb_doc_new does (so a field added to struct kb_doc
       starts empty here too), then give back the memory kept for reuse */
    struct kb_doc keep = *doc;
    memset(doc, 0, sizeof *doc);
    doc->text = text;
    doc->len = len;
#define KEEP(f) (doc->f.v = keep.f.v, doc->f.cap = keep.f.cap)
    KEEP(toks);
    KEEP(sents);
    KEEP(ents);
    KEEP(timexes);
    KEEP(places);
    KEEP(events);
    KEEP(tok_cand);
#undef KEEP
    doc->fold = keep.fold;
    kb_buf_reset(&doc->fold);
    doc->arena = keep.arena;
    kb_arena_reset(&doc->arena);
    doc->wcache = keep.wcache; /* dictionary answers stay true */
}

int kb_doc_set_meta(struct kb_doc *doc, const char *id, const char *title,
                    const char *source)
{
    if (id && !(doc->id = kb_arena_strdup(&doc->arena, id)))
        return KB_ENOMEM;
    if (title && !(doc->title = kb_arena_strdup(&doc->arena, title)))
        return KB_ENOMEM;
    if (source && !(doc->source = kb_arena_strdup(&doc->arena, source)))
        return KB_ENOMEM;
    return KB_OK;
}

const char *kb_tok_fold(const struct kb_doc *doc, size_t i, size_t *n)
{
    *n = doc->toks.v[i].fold_len;
    return doc->fold.data + doc->toks.v[i].fold;
}

const char *kb_tok_text(const struct kb_doc *doc, size_t i, size_t *n)
{
    *n = doc->toks.v[i].end - doc->toks.v[i].start;
    return doc->text + doc->toks.v[i].start;
}

static const char *const ent_names[KB_ENT__MAX] = {
    [KB_ENT_PERSON] = "PERSON", [KB_ENT_ORG] = "ORG",   [KB_ENT_GPE] = "GPE",
    [KB_ENT_LOC] = "LOC",       [KB_ENT_NORP] = "NORP", [KB_ENT_FAC] = "FAC",
    [KB_ENT_EVENT] = "EVENT",
};

const char *kb_ent_type_name(int type)
{
    return type >= 0 && type < KB_ENT__MAX ? ent_names[type] : "UNKNOWN";
}

int kb_ent_type_parse(const char *s)
{
    for (int i = 0; i < KB_ENT__MAX; i++)
        if (strcmp(s, ent_names[i]) == 0)
            return i;
    return -1;
}

static const char *const prec_names[KB_PREC__MAX] = {
    [KB_PREC_NONE] = "none",       [KB_PREC_CENTURY] = "century", [KB_PREC_DECADE] = "decade",
    [KB_PREC_YEAR] = "year",       [KB_PREC_QUARTER] = "quarter", [KB_PREC_MONTH] = "month",
    [KB_PREC_WEEK] = "week",       [KB_PREC_DAY] = "day",
};

const char *kb_precision_name(int p)
{
    return p >= 0 && p < KB_PREC__MAX ? prec_names[p] : "none";
}

int kb_precision_parse(const char *s)
{
    for (int i = 0; i < KB_PREC__MAX; i++)
        if (strcmp(s, prec_names[i]) == 0)
            return i;
    return -1;
}

static const char *const role_names[KB_ROLE__MAX] = {
    [KB_ROLE_NONE] = NULL,          [KB_ROLE_GOV] = "government", [KB_ROLE_MIL] = "military",
    [KB_ROLE_POLICE] = "police",    [KB_ROLE_LEADER] = "leader",  [KB_ROLE_PEOPLE] = "people",
};

const char *kb_role_name(int role)
{
    return role > 0 && role < KB_ROLE__MAX ? role_names[role] : NULL;
}

int kb_role_parse(const char *s)
{
    for (int i = 1; i < KB_ROLE__MAX; i++)
        if (strcmp(s, role_names[i]) == 0)
            return i;
    return -1;
}

static const char *const timex_type_names[] = {
    [KB_TIMEX_DATE] = "DATE", [KB_TIMEX_TIME] = "TIME", [KB_TIMEX_DURATION] = "DURATION",
    [KB_TIMEX_SET] = "SET",
};

const char *kb_timex_type_name(int type)
{
    return type >= 0 && type < (int)KB_ARRAY_LEN(timex_type_names) ? timex_type_names[type]
                                                                   : "DATE";
}

int kb_timex_type_parse(const char *s)
{
    for (int i = 0; i < (int)KB_ARRAY_LEN(timex_type_names); i++)
        if (strcmp(s, timex_type_names[i]) == 0)
            return i;
    return -1;
}

const char *kb_entity_actor(const struct kb_doc *doc, int32_t ent)
{
    int guard = 0;
    while (ent >= 0 && (size_t)ent < doc->ents.n && guard++ < 64) {
        const struct kb_entity *e = &doc->ents.v[ent];
        if (e->actor)
            return e->actor;
        if (e->ref < 0)
            return e->name;
        ent = e->ref;
    }
    return NULL;
}
