/*
 * contract.c -- an extracted document as the JSON object of
 * ../shared/eval/CONTRACT.md (id, dct, entities, timexes, places, events),
 * and back.
 *
 * Writing: straight into a buffer with the writer of core/json.c (no JSON
 * tree).  Besides the contract's keys, which the scorers read, every object
 * carries extra keys, which they ignore, that hold the rest of what the
 * knowledge base stores: sentence numbers, roles, confidences, the links
 * between mentions (as indexes into the document's arrays), the sentence
 * spans, the title, source and text of the article.
 *
 * Reading (kb_doc_from_json): such an object back into a struct kb_doc that
 * kb_store_ingest() stores exactly as it would have stored the document
 * extracted in the same process.  This is how `kb load` turns the output of
 * `kb extract --jsonl` -- the map step of a distributed job -- into a KB.
 */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

/* ---- Writing ---- */

/* key and value in one call; the key is a string literal */
#define key_str(w, k, s) kb_json_member_cstr((w), KB_JSON_K(k), (s))
#define key_int(w, k, v) kb_json_member_int((w), KB_JSON_K(k), (v))
#define key_bool(w, k, v) (KB_JSON_KEY((w), k), kb_json_bool((w), (v)))

/* "text", "start", "end" of a span of the document. */
static void span(struct kb_json *w, const struct kb_doc *doc, uint32_t start, uint32_t end)
{
    kb_json_member_str(w, KB_JSON_K("text"), doc->text + start, end - start);
    key_int(w, "start", start);
    key_int(w, "end", end);
}

/* A confidence as stored (float), in a form that reads back to the same float. */
static void key_conf(struct kb_json *w, float c)
{
    KB_JSON_KEY(w, "conf");
    kb_json_float(w, c);
}

/* Descriptions and places inside names are mentions, not names of their own. */
static bool contract_name(const struct kb_entity *e)
{
    return !(e->flags & (KB_EF_NOMINAL | KB_EF_EMBEDDED));
}

static void entity(struct kb_json *w, const struct kb_doc *doc, size_t i)
{
    const struct kb_entity *e = &doc->ents.v[i];
    const char *actor = kb_entity_actor(doc, (int32_t)i);
    kb_json_begin_object(w);
    span(w, doc, e->start, e->end);
    key_str(w, "type", kb_ent_type_name(e->type));
    key_str(w, "name", e->name);
    if (e->country)
        key_str(w, "country", e->country);
    /* the actor a demonym or a capital stands for, or the one a later
       mention names again */
    if (actor && (e->type == KB_ENT_NORP || (e->flags & KB_EF_METONYM) || !e->name ||
                  strcmp(actor, e->name) != 0))
        key_str(w, "actor", actor);
    key_int(w, "index", (long long)i);
    key_int(w, "sentence", e->sent);
    if (e->role != KB_ROLE_NONE)
        key_str(w, "role", kb_role_name(e->role));
    if (e->flags)
        key_int(w, "flags", e->flags);
    if (e->place >= 0)
        key_int(w, "place_index", e->place);
    key_conf(w, e->conf);
    kb_json_end_object(w);
}

/* The entities of the contract (names), or the other mentions. */
static void entities(struct kb_json *w, const struct kb_doc *doc, bool names)
{
    if (names) {
        KB_JSON_KEY(w, "entities");
    } else {
        size_t n = 0;
        for (size_t i = 0; i < doc->ents.n; i++)
            n += !contract_name(&doc->ents.v[i]);
        if (n == 0)
            return;
        KB_JSON_KEY(w, "other_entities");
    }
    kb_json_begin_array(w);
    for (size_t i = 0; i < doc->ents.n; i++)
        if (contract_name(&doc->ents.v[i]) == names)
            entity(w, doc, i);
    kb_json_end_array(w);
}

static void timexes(struct kb_json *w, const struct kb_doc *doc)
{
    KB_JSON_KEY(w, "timexes");
    kb_json_begin_array(w);
    for (size_t i = 0; i < doc->timexes.n; i++) {
        const struct kb_timex *t = &doc->timexes.v[i];
        kb_json_begin_object(w);
        span(w, doc, t->start, t->end);
        key_str(w, "type", kb_timex_type_name(t->type));
        key_str(w, "value", t->value);
        if (t->mod[0])
            key_str(w, "mod", t->mod);
        key_int(w, "sentence", t->sent);
        kb_json_end_object(w);
    }
    kb_json_end_array(w);
}

/*
 * The division and country objects written so far in a document, by where
 * their text lies in the output: the places of a document lie in few of
 * them, and a repeated one is copied instead of written again.
 */
struct ref_memo {
    struct {
        const struct kb_place_ref *ref;
        size_t off, len;
    } v[8];
    size_t n; /* entries used; past 8 the oldest is replaced */
};

static bool same_double(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0; /* 0.0 and -0.0 print differently */
}

/* Whether a and b print the same JSON object. */
static bool same_ref(const struct kb_place_ref *a, const struct kb_place_ref *b)
{
    return a->geonameid == b->geonameid && same_double(a->lat, b->lat) &&
           same_double(a->lon, b->lon) && strcmp(a->name, b->name) == 0 &&
           strcmp(a->country, b->country) == 0 && strcmp(a->admin1, b->admin1) == 0 &&
           strcmp(a->feature, b->feature) == 0;
}

/* The division or country a place lies in (nothing when none); k[0..kn) the key. */
static void place_ref(struct kb_json *w, const char *k, size_t kn, const struct kb_place_ref *r,
                      struct ref_memo *memo)
{
    if (!r->name)
        return;
    kbp_json_literal_key(w, k, kn);
    size_t used = memo->n < KB_ARRAY_LEN(memo->v) ? memo->n : KB_ARRAY_LEN(memo->v);
    for (size_t i = 0; i < used; i++)
        if (same_ref(memo->v[i].ref, r)) {
            kb_json_repeat(w, memo->v[i].off, memo->v[i].len);
            return;
        }
    size_t off = w->out->len;
    kb_json_begin_object(w);
    key_str(w, "name", r->name);
    if (r->geonameid)
        key_int(w, "geonameid", r->geonameid);
    KB_JSON_KEY(w, "lat");
    kb_json_real(w, r->lat);
    KB_JSON_KEY(w, "lon");
    kb_json_real(w, r->lon);
    if (r->country[0])
        key_str(w, "country", r->country);
    if (r->admin1[0])
        key_str(w, "admin1", r->admin1);
    if (r->feature[0])
        key_str(w, "feature", r->feature);
    kb_json_end_object(w);
    if (w->err)
        return;
    size_t slot = memo->n++ % KB_ARRAY_LEN(memo->v);
    memo->v[slot].ref = r;
    memo->v[slot].off = off;
    memo->v[slot].len = w->out->len - off;
}

static void places(struct kb_json *w, const struct kb_doc *doc)
{
    struct ref_memo memo = {.n = 0};
    KB_JSON_KEY(w, "places");
    kb_json_begin_array(w);
    for (size_t i = 0; i < doc->places.n; i++) {
        const struct kb_place *p = &doc->places.v[i];
        kb_json_begin_object(w);
        span(w, doc, p->start, p->end);
        key_str(w, "name", p->name);
        if (p->resolved) {
            KB_JSON_KEY(w, "geonameid");
            if (p->geonameid)
                kb_json_int(w, p->geonameid);
            else
                kb_json_null(w);
            KB_JSON_KEY(w, "lat");
            kb_json_real(w, p->lat);
            KB_JSON_KEY(w, "lon");
            kb_json_real(w, p->lon);
            key_str(w, "country", p->country[0] ? p->country : NULL);
            key_str(w, "feature", p->feature);
            KB_JSON_KEY(w, "confidence");
            kb_json_real(w, (double)((int)(p->conf * 1000 + 0.5)) / 1000);
        } else {
            KB_JSON_KEY(w, "geonameid");
            kb_json_null(w);
            KB_JSON_KEY(w, "lat");
            kb_json_null(w);
            KB_JSON_KEY(w, "lon");
            kb_json_null(w);
            KB_JSON_KEY(w, "country");
            kb_json_null(w);
            KB_JSON_KEY(w, "feature");
            kb_json_null(w);
        }
        key_int(w, "sentence", p->sent);
        if (p->entity >= 0)
            key_int(w, "entity_index", p->entity);
        if (p->admin1[0])
            key_str(w, "admin1", p->admin1);
        key_conf(w, p->conf);
        place_ref(w, KB_JSON_K("in_admin1"), &p->in_admin1, &memo);
        place_ref(w, KB_JSON_K("in_country"), &p->in_country, &memo);
        kb_json_end_object(w);
    }
    kb_json_end_array(w);
}

static const char *place_name(const struct kb_doc *doc, int32_t p)
{
    return p >= 0 ? doc->places.v[p].name : NULL;
}

/* The mentions an event links, as indexes into the doc's arrays. */
static void event_index(struct kb_json *w, const struct kb_event *e)
{
#define LINK(k, v) {KB_JSON_K(k), (v)}
    const struct {
        const char *k;
        size_t kn;
        int32_t v;
    } links[] = {LINK("actor", e->actor),   LINK("target", e->target),
                 LINK("place", e->place),   LINK("origin", e->origin),
                 LINK("destination", e->dest), LINK("timex", e->timex),
                 LINK("claimed_by", e->claimed_by)};
#undef LINK
    KB_JSON_KEY(w, "index");
    kb_json_begin_object(w);
    for (size_t k = 0; k < KB_ARRAY_LEN(links); k++)
        if (links[k].v >= 0)
            kb_json_member_int(w, links[k].k, links[k].kn, links[k].v);
    kb_json_end_object(w);
}

static void events(struct kb_json *w, const struct kb_doc *doc)
{
    KB_JSON_KEY(w, "events");
    kb_json_begin_array(w);
    for (size_t i = 0; i < doc->events.n; i++) {
        const struct kb_event *e = &doc->events.v[i];
        const char *actor = e->actor >= 0 ? kb_entity_actor(doc, e->actor) : NULL;
        const char *target = e->target >= 0 ? kb_entity_actor(doc, e->target) : NULL;
        const char *claimant = e->claimed_by >= 0 ? kb_entity_actor(doc, e->claimed_by) : NULL;
        kb_json_begin_object(w);
        key_str(w, "type", e->type);
        key_str(w, "cameo", e->cameo);
        key_int(w, "sentence", e->sent);
        KB_JSON_KEY(w, "trigger");
        kb_json_begin_object(w);
        span(w, doc, e->trig_start, e->trig_end);
        kb_json_end_object(w);
        key_str(w, "actor", actor);
        key_str(w, "target", target);
        key_str(w, "place", place_name(doc, e->place));
        if (e->origin >= 0)
            key_str(w, "origin", place_name(doc, e->origin));
        if (e->dest >= 0)
            key_str(w, "destination", place_name(doc, e->dest));
        key_str(w, "date", e->date[0] ? e->date : NULL);
        key_str(w, "precision", kb_precision_name(e->precision));
        key_bool(w, "negated", e->flags & KB_EV_NEGATED);
        key_bool(w, "hypothetical", e->flags & KB_EV_HYPOTHETICAL);
        key_bool(w, "claimed", e->flags & KB_EV_CLAIMED);
        if (claimant)
            key_str(w, "claimed_by", claimant);
        key_bool(w, "date_inferred", e->flags & KB_EV_DATE_INFERRED);
        event_index(w, e);
        kb_json_end_object(w);
    }
    kb_json_end_array(w);
}

int kb_doc_write_json(const struct kb_doc *doc, const char *path, unsigned flags,
                      struct kb_buf *out)
{
    struct kb_json w;
    kb_json_init(&w, out, flags & KB_JSON_PRETTY);
    kb_json_begin_object(&w);
    key_str(&w, "id", doc->id);
    KB_JSON_KEY(&w, "dct");
    if (doc->has_dct) {
        char dct[11];
        kb_date_format(doc->dct, dct);
        kb_json_str(&w, dct, 10);
    } else {
        kb_json_null(&w);
    }
    entities(&w, doc, true);
    timexes(&w, doc);
    places(&w, doc);
    events(&w, doc);
    if (doc->title)
        key_str(&w, "title", doc->title);
    if (doc->source)
        key_str(&w, "source", doc->source);
    if (path)
        key_str(&w, "path", path);
    entities(&w, doc, false);
    KB_JSON_KEY(&w, "sentences");
    kb_json_begin_array(&w);
    for (size_t i = 0; i < doc->sents.n; i++) {
        kb_json_begin_array(&w);
        kb_json_int(&w, doc->sents.v[i].start);
        kb_json_int(&w, doc->sents.v[i].end);
        kb_json_end_array(&w);
    }
    kb_json_end_array(&w);
    if (!(flags & KB_DOC_NO_TEXT)) {
        KB_JSON_KEY(&w, "text");
        kb_json_str(&w, doc->text, doc->len);
    }
    kb_json_end_object(&w);
    if (!w.err)
        w.err = kb_buf_addc(out, '\n');
    return w.err;
}

json_t *kb_doc_to_json(const struct kb_doc *doc)
{
    struct kb_buf b;
    kb_buf_init(&b);
    json_t *o = NULL;
    if (kb_doc_write_json(doc, NULL, 0, &b) == KB_OK)
        o = json_loadb(b.data, b.len, 0, NULL);
    kb_buf_release(&b);
    return o;
}
