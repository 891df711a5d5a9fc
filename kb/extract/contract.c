/*
 * contract.c -- an extracted document as the JSON object of
 * ../shared/eval/CONTRACT.md (id, dct, entities, timexes, places, events),
 * and back.
 *
 * Writing: compact text straight into a buffer at a cursor, keys as literal
 * bytes and values by the kb_json_put_* calls of core/json.c (no JSON tree,
 * one capacity check per object); the pretty form is that text indented by
 * kb_json_indent.  Besides the contract's keys, which the scorers read, every object
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

/*
 * The compact text is written at a cursor, with room made once per object
 * (or per string for the long ones): 6 bytes per byte of each string plus
 * SLACK for the keys, punctuation and numbers, which no object of the
 * contract comes near.  Keys are literals copied with their quotes, colon
 * and comma.  Pretty output is that text indented by kb_json_indent (the
 * bytes the kb_json writer gives in its pretty mode).
 */
/*
 * A name from a fixed table (an entity or timex type, a role, a precision)
 * as written, quoted: made once per document, copied after.
 */
struct quoted {
    uint8_t len; /* 0: not written yet */
    char text[31];
};

struct out {
    struct kb_buf *buf;
    char *p; /* where the next byte goes */
    int err; /* first failure */
    /* the texts of the last confidences written: a document repeats a few */
    struct {
        float v;
        uint8_t len;
        char text[KB_JSON_NUM_MAX];
    } confs[4];
    unsigned nconfs; /* written; past 4 the oldest is replaced */
    /* the names written so far, by their index in their table */
    struct quoted ent_types[KB_ENT__MAX], roles[KB_ROLE__MAX], timex_types[KB_TIMEX_SET + 1],
        precs[KB_PREC__MAX];
};

#define SLACK 2048

/* room() when the buffer must grow (or has a size limit). */
static bool grow(struct out *o, size_t n)
{
    struct kb_buf *b = o->buf;
    b->len = (size_t)(o->p - b->data);
    if ((o->err = kb_buf_grow(b, n)) != KB_OK)
        return false;
    o->p = b->data + b->len;
    return true;
}

/* Make room for n more bytes at the cursor; false (err kept) when there is none. */
static inline bool room(struct out *o, size_t n)
{
    if (o->err)
        return false;
    struct kb_buf *b = o->buf;
    if (b->limit || (size_t)(o->p - b->data) + n >= b->cap)
        return grow(o, n);
    return true;
}

/* A string literal (a key with its punctuation), copied with a constant size. */
#define LIT(o, s) (memcpy((o)->p, (s), sizeof(s) - 1), (o)->p += sizeof(s) - 1)

static size_t len0(const char *s)
{
    return s ? strlen(s) : 0;
}

/* Room a string of n bytes takes, quoted and escaped, or as null. */
static size_t str_room(size_t n)
{
    return 6 * n + 4;
}

static void str(struct out *o, const char *s, size_t n)
{
    o->p = kb_json_put_str(o->p, s, n);
}

/* s[0..n) as a string, or null when s is NULL. */
static void str_or_null(struct out *o, const char *s, size_t n)
{
    if (s)
        str(o, s, n);
    else
        LIT(o, "null");
}

/* The slot of index i in a cache of n names, or NULL when i is out of range. */
static struct quoted *slot(struct quoted *cache, size_t n, long i)
{
    return i >= 0 && (size_t)i < n ? &cache[i] : NULL;
}

/* The room the name s (q: its slot, or NULL) takes, quoted or as null. */
static size_t name_room(const struct quoted *q, const char *s)
{
    return q && q->len ? q->len : str_room(len0(s));
}

/* The name s as a string, or null when s is NULL; q its slot or NULL
   (room made: SLACK covers the copy of a whole slot). */
static void name(struct out *o, struct quoted *q, const char *s)
{
    if (q && q->len) {
        memcpy(o->p, q->text, sizeof q->text);
        o->p += q->len;
        return;
    }
    char *start = o->p;
    str_or_null(o, s, len0(s));
    size_t n = (size_t)(o->p - start);
    if (q && n <= sizeof q->text) {
        memcpy(q->text, start, n);
        q->len = (uint8_t)n;
    }
}

static void num(struct out *o, long long v)
{
    o->p = kb_json_put_int(o->p, v);
}

/* A confidence as stored (float), in a form that reads back to the same float. */
static void conf(struct out *o, float v)
{
    unsigned used = o->nconfs < 4 ? o->nconfs : 4;
    for (unsigned i = 0; i < used; i++)
        if (memcmp(&o->confs[i].v, &v, sizeof v) == 0) {
            /* the whole array: a constant size (room was made for a number) */
            memcpy(o->p, o->confs[i].text, KB_JSON_NUM_MAX);
            o->p += o->confs[i].len;
            return;
        }
    char *start = o->p;
    o->p = kb_json_put_float(o->p, v);
    unsigned slot = o->nconfs++ % 4;
    o->confs[slot].v = v;
    o->confs[slot].len = (uint8_t)(o->p - start);
    memcpy(o->confs[slot].text, start, o->confs[slot].len);
}

static void boolean(struct out *o, bool v)
{
    if (v)
        LIT(o, "true");
    else
        LIT(o, "false");
}

/* The separator before an element of an array: none before the first. */
static void comma(struct out *o, bool first)
{
    if (!first)
        *o->p++ = ',';
}

/* "text", "start", "end" of a span of the document (room made). */
static void span(struct out *o, const struct kb_doc *doc, uint32_t start, uint32_t end)
{
    LIT(o, "\"text\":");
    str(o, doc->text + start, end - start);
    LIT(o, ",\"start\":");
    num(o, start);
    LIT(o, ",\"end\":");
    num(o, end);
}

/* Descriptions and places inside names are mentions, not names of their own. */
static bool contract_name(const struct kb_entity *e)
{
    return !(e->flags & (KB_EF_NOMINAL | KB_EF_EMBEDDED));
}

static void entity(struct out *o, const struct kb_doc *doc, size_t i, bool first)
{
    const struct kb_entity *e = &doc->ents.v[i];
    const char *actor = kb_entity_actor(doc, (int32_t)i);
    /* the actor a demonym or a capital stands for, or the one a later
       mention names again */
    if (!(actor && (e->type == KB_ENT_NORP || (e->flags & KB_EF_METONYM) || !e->name ||
                    strcmp(actor, e->name) != 0)))
        actor = NULL;
    const char *type = kb_ent_type_name(e->type);
    const char *role = e->role != KB_ROLE_NONE ? kb_role_name(e->role) : NULL;
    struct quoted *qtype = slot(o->ent_types, KB_ARRAY_LEN(o->ent_types), e->type);
    struct quoted *qrole = slot(o->roles, KB_ARRAY_LEN(o->roles), e->role);
    size_t nname = len0(e->name), ncountry = len0(e->country), nactor = len0(actor);
    if (!room(o, SLACK + str_room(e->end - e->start) + name_room(qtype, type) +
                     str_room(nname) + str_room(ncountry) + str_room(nactor) +
                     name_room(qrole, role)))
        return;
    comma(o, first);
    *o->p++ = '{';
    span(o, doc, e->start, e->end);
    LIT(o, ",\"type\":");
    name(o, qtype, type);
    LIT(o, ",\"name\":");
    str_or_null(o, e->name, nname);
    if (e->country) {
        LIT(o, ",\"country\":");
        str(o, e->country, ncountry);
    }
    if (actor) {
        LIT(o, ",\"actor\":");
        str(o, actor, nactor);
    }
    LIT(o, ",\"index\":");
    num(o, (long long)i);
    LIT(o, ",\"sentence\":");
    num(o, e->sent);
    if (role) {
        LIT(o, ",\"role\":");
        name(o, qrole, role);
    }
    if (e->flags) {
        LIT(o, ",\"flags\":");
        num(o, e->flags);
    }
    if (e->place >= 0) {
        LIT(o, ",\"place_index\":");
        num(o, e->place);
    }
    LIT(o, ",\"conf\":");
    conf(o, e->conf);
    *o->p++ = '}';
}

/* The entities of the contract (names), or the other mentions. */
static void entities(struct out *o, const struct kb_doc *doc, bool names)
{
    if (!room(o, SLACK))
        return;
    if (names) {
        LIT(o, ",\"entities\":[");
    } else {
        size_t n = 0;
        for (size_t i = 0; i < doc->ents.n; i++)
            n += !contract_name(&doc->ents.v[i]);
        if (n == 0)
            return;
        LIT(o, ",\"other_entities\":[");
    }
    bool first = true;
    for (size_t i = 0; i < doc->ents.n; i++)
        if (contract_name(&doc->ents.v[i]) == names) {
            entity(o, doc, i, first);
            first = false;
        }
    if (room(o, 1))
        *o->p++ = ']';
}

static void timexes(struct out *o, const struct kb_doc *doc)
{
    if (!room(o, SLACK))
        return;
    LIT(o, ",\"timexes\":[");
    for (size_t i = 0; i < doc->timexes.n; i++) {
        const struct kb_timex *t = &doc->timexes.v[i];
        const char *type = kb_timex_type_name(t->type);
        struct quoted *qtype = slot(o->timex_types, KB_ARRAY_LEN(o->timex_types), t->type);
        size_t nvalue = strlen(t->value), nmod = strlen(t->mod);
        if (!room(o, SLACK + str_room(t->end - t->start) + name_room(qtype, type) +
                         str_room(nvalue) + str_room(nmod)))
            return;
        comma(o, i == 0);
        *o->p++ = '{';
        span(o, doc, t->start, t->end);
        LIT(o, ",\"type\":");
        name(o, qtype, type);
        LIT(o, ",\"value\":");
        str(o, t->value, nvalue);
        if (nmod) {
            LIT(o, ",\"mod\":");
            str(o, t->mod, nmod);
        }
        LIT(o, ",\"sentence\":");
        num(o, t->sent);
        *o->p++ = '}';
    }
    if (room(o, 1))
        *o->p++ = ']';
}

/*
 * Texts written so far in a document, by where they lie in the output, and
 * what they were written from: the places of a document lie in few
 * divisions and countries and name some places again, and a repeated text
 * is copied instead of written again.
 */
struct seen {
    struct {
        const void *key;
        size_t off, len;
    } v[8];
    size_t n; /* entries added; past 8 the oldest is replaced */
};

/*
 * Whether a text was written from what same() finds equal to key: then
 * *off and *len say where it lies in the output buffer.
 */
static bool seen_find(const struct seen *m, const void *key,
                      bool (*same)(const void *, const void *), size_t *off, size_t *len)
{
    size_t used = m->n < KB_ARRAY_LEN(m->v) ? m->n : KB_ARRAY_LEN(m->v);
    for (size_t i = 0; i < used; i++)
        if (same(m->v[i].key, key)) {
            *off = m->v[i].off;
            *len = m->v[i].len;
            return true;
        }
    return false;
}

/* Remember the text from start to the cursor as written from key. */
static void seen_add(const struct out *o, struct seen *m, const void *key, const char *start)
{
    size_t slot = m->n++ % KB_ARRAY_LEN(m->v);
    m->v[slot].key = key;
    m->v[slot].off = (size_t)(start - o->buf->data);
    m->v[slot].len = (size_t)(o->p - start);
}

/* Copy the earlier text at off (room was made for it). */
static void again(struct out *o, size_t off, size_t len)
{
    memcpy(o->p, o->buf->data + off, len);
    o->p += len;
}

static bool same_double(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0; /* 0.0 and -0.0 print differently */
}

/* Whether two kb_place_ref print the same JSON object. */
static bool same_ref(const void *pa, const void *pb)
{
    const struct kb_place_ref *a = pa, *b = pb;
    return a->geonameid == b->geonameid && same_double(a->lat, b->lat) &&
           same_double(a->lon, b->lon) && strcmp(a->name, b->name) == 0 &&
           strcmp(a->country, b->country) == 0 && strcmp(a->admin1, b->admin1) == 0 &&
           strcmp(a->feature, b->feature) == 0;
}

/*
 * The division or country a place lies in, as the member ,"key":{...}
 * (lit[0..nlit) the key with its punctuation); nothing when none.
 */
static void place_ref(struct out *o, const char *lit, size_t nlit, const struct kb_place_ref *r,
                      struct seen *refs)
{
    if (!r->name)
        return;
    size_t off, len;
    if (seen_find(refs, r, same_ref, &off, &len)) {
        if (room(o, nlit + len)) {
            memcpy(o->p, lit, nlit);
            o->p += nlit;
            again(o, off, len);
        }
        return;
    }
    size_t nname = strlen(r->name), ncountry = strlen(r->country);
    size_t nadmin1 = strlen(r->admin1), nfeature = strlen(r->feature);
    if (!room(o, SLACK + str_room(nname) + str_room(ncountry) + str_room(nadmin1) +
                     str_room(nfeature)))
        return;
    memcpy(o->p, lit, nlit);
    o->p += nlit;
    char *start = o->p;
    LIT(o, "{\"name\":");
    str(o, r->name, nname);
    if (r->geonameid) {
        LIT(o, ",\"geonameid\":");
        num(o, r->geonameid);
    }
    LIT(o, ",\"lat\":");
    o->p = kb_json_put_real(o->p, r->lat);
    LIT(o, ",\"lon\":");
    o->p = kb_json_put_real(o->p, r->lon);
    if (ncountry) {
        LIT(o, ",\"country\":");
        str(o, r->country, ncountry);
    }
    if (nadmin1) {
        LIT(o, ",\"admin1\":");
        str(o, r->admin1, nadmin1);
    }
    if (nfeature) {
        LIT(o, ",\"feature\":");
        str(o, r->feature, nfeature);
    }
    *o->p++ = '}';
    seen_add(o, refs, r, start);
}

/* The confidence of a resolved place as written: three decimals. */
static double conf3(const struct kb_place *p)
{
    return (double)((int)(p->conf * 1000 + 0.5)) / 1000;
}

/* Whether two resolved places print the same members from geonameid to confidence. */
static bool same_resolved(const void *pa, const void *pb)
{
    const struct kb_place *a = pa, *b = pb;
    return a->geonameid == b->geonameid && same_double(a->lat, b->lat) &&
           same_double(a->lon, b->lon) && same_double(conf3(a), conf3(b)) &&
           strcmp(a->country, b->country) == 0 && strcmp(a->feature, b->feature) == 0;
}

/* The members of a resolved place from geonameid to confidence (room made). */
static void resolved(struct out *o, const struct kb_place *p, size_t ncountry, size_t nfeature)
{
    LIT(o, ",\"geonameid\":");
    if (p->geonameid)
        num(o, p->geonameid);
    else
        LIT(o, "null");
    LIT(o, ",\"lat\":");
    o->p = kb_json_put_real(o->p, p->lat);
    LIT(o, ",\"lon\":");
    o->p = kb_json_put_real(o->p, p->lon);
    LIT(o, ",\"country\":");
    str_or_null(o, ncountry ? p->country : NULL, ncountry);
    LIT(o, ",\"feature\":");
    str(o, p->feature, nfeature);
    LIT(o, ",\"confidence\":");
    o->p = kb_json_put_real(o->p, conf3(p));
}

/* What the places of a document have written so far. */
struct places_seen {
    struct seen resolved, refs;
};

static void place(struct out *o, const struct kb_doc *doc, const struct kb_place *p, bool first,
                  struct places_seen *seen)
{
    size_t nname = len0(p->name), ncountry = strlen(p->country);
    size_t nfeature = strlen(p->feature), nadmin1 = strlen(p->admin1);
    if (!room(o, SLACK + str_room(p->end - p->start) + str_room(nname) + str_room(ncountry) +
                     str_room(nfeature) + str_room(nadmin1)))
        return;
    comma(o, first);
    *o->p++ = '{';
    span(o, doc, p->start, p->end);
    LIT(o, ",\"name\":");
    str_or_null(o, p->name, nname);
    if (p->resolved) {
        size_t off, len;
        if (seen_find(&seen->resolved, p, same_resolved, &off, &len)) {
            again(o, off, len); /* as long as the text the room was made for */
        } else {
            char *start = o->p;
            resolved(o, p, ncountry, nfeature);
            seen_add(o, &seen->resolved, p, start);
        }
    } else {
        LIT(o, ",\"geonameid\":null,\"lat\":null,\"lon\":null,\"country\":null,\"feature\":null");
    }
    LIT(o, ",\"sentence\":");
    num(o, p->sent);
    if (p->entity >= 0) {
        LIT(o, ",\"entity_index\":");
        num(o, p->entity);
    }
    if (nadmin1) {
        LIT(o, ",\"admin1\":");
        str(o, p->admin1, nadmin1);
    }
    LIT(o, ",\"conf\":");
    conf(o, p->conf);
    place_ref(o, ",\"in_admin1\":", sizeof ",\"in_admin1\":" - 1, &p->in_admin1, &seen->refs);
    place_ref(o, ",\"in_country\":", sizeof ",\"in_country\":" - 1, &p->in_country, &seen->refs);
    if (room(o, 1))
        *o->p++ = '}';
}

static void places(struct out *o, const struct kb_doc *doc)
{
    struct places_seen seen = {.resolved.n = 0, .refs.n = 0};
    if (!room(o, SLACK))
        return;
    LIT(o, ",\"places\":[");
    for (size_t i = 0; i < doc->places.n; i++)
        place(o, doc, &doc->places.v[i], i == 0, &seen);
    if (room(o, 1))
        *o->p++ = ']';
}

static const char *place_name(const struct kb_doc *doc, int32_t p)
{
    return p >= 0 ? doc->places.v[p].name : NULL;
}

/* The mentions an event links, as indexes into the doc's arrays (room made). */
static void event_index(struct out *o, const struct kb_event *e)
{
#define LINK(k, v) {"\"" k "\":", sizeof(k) + 2, (v)}
    const struct {
        const char *k; /* "key": */
        size_t kn;
        int32_t v;
    } links[] = {LINK("actor", e->actor),   LINK("target", e->target),
                 LINK("place", e->place),   LINK("origin", e->origin),
                 LINK("destination", e->dest), LINK("timex", e->timex),
                 LINK("claimed_by", e->claimed_by)};
#undef LINK
    LIT(o, ",\"index\":{");
    bool first = true;
    for (size_t k = 0; k < KB_ARRAY_LEN(links); k++)
        if (links[k].v >= 0) {
            comma(o, first);
            first = false;
            memcpy(o->p, links[k].k, links[k].kn);
            o->p += links[k].kn;
            num(o, links[k].v);
        }
    *o->p++ = '}';
}

static void event(struct out *o, const struct kb_doc *doc, const struct kb_event *e, bool first)
{
    const char *actor = e->actor >= 0 ? kb_entity_actor(doc, e->actor) : NULL;
    const char *target = e->target >= 0 ? kb_entity_actor(doc, e->target) : NULL;
    const char *claimant = e->claimed_by >= 0 ? kb_entity_actor(doc, e->claimed_by) : NULL;
    const char *where = place_name(doc, e->place);
    const char *origin = place_name(doc, e->origin), *dest = place_name(doc, e->dest);
    const char *prec = kb_precision_name(e->precision);
    size_t ntype = len0(e->type), ncameo = strlen(e->cameo), nactor = len0(actor);
    size_t ntarget = len0(target), nclaimant = len0(claimant), nwhere = len0(where);
    size_t norigin = len0(origin), ndest = len0(dest), ndate = strlen(e->date);
    struct quoted *qprec = slot(o->precs, KB_ARRAY_LEN(o->precs), e->precision);
    if (!room(o, SLACK + str_room(e->trig_end - e->trig_start) + str_room(ntype) +
                     str_room(ncameo) + str_room(nactor) + str_room(ntarget) +
                     str_room(nclaimant) + str_room(nwhere) + str_room(norigin) +
                     str_room(ndest) + str_room(ndate) + name_room(qprec, prec)))
        return;
    comma(o, first);
    LIT(o, "{\"type\":");
    str_or_null(o, e->type, ntype);
    LIT(o, ",\"cameo\":");
    str(o, e->cameo, ncameo);
    LIT(o, ",\"sentence\":");
    num(o, e->sent);
    LIT(o, ",\"trigger\":{");
    span(o, doc, e->trig_start, e->trig_end);
    LIT(o, "},\"actor\":");
    str_or_null(o, actor, nactor);
    LIT(o, ",\"target\":");
    str_or_null(o, target, ntarget);
    LIT(o, ",\"place\":");
    str_or_null(o, where, nwhere);
    if (e->origin >= 0) {
        LIT(o, ",\"origin\":");
        str_or_null(o, origin, norigin);
    }
    if (e->dest >= 0) {
        LIT(o, ",\"destination\":");
        str_or_null(o, dest, ndest);
    }
    LIT(o, ",\"date\":");
    str_or_null(o, ndate ? e->date : NULL, ndate);
    LIT(o, ",\"precision\":");
    name(o, qprec, prec);
    LIT(o, ",\"negated\":");
    boolean(o, e->flags & KB_EV_NEGATED);
    LIT(o, ",\"hypothetical\":");
    boolean(o, e->flags & KB_EV_HYPOTHETICAL);
    LIT(o, ",\"claimed\":");
    boolean(o, e->flags & KB_EV_CLAIMED);
    if (claimant) {
        LIT(o, ",\"claimed_by\":");
        str(o, claimant, nclaimant);
    }
    LIT(o, ",\"date_inferred\":");
    boolean(o, e->flags & KB_EV_DATE_INFERRED);
    event_index(o, e);
    *o->p++ = '}';
}

static void events(struct out *o, const struct kb_doc *doc)
{
    if (!room(o, SLACK))
        return;
    LIT(o, ",\"events\":[");
    for (size_t i = 0; i < doc->events.n; i++)
        event(o, doc, &doc->events.v[i], i == 0);
    if (room(o, 1))
        *o->p++ = ']';
}

/* ,"key":"s" for an optional string of the document (nothing when s is NULL). */
static void doc_str(struct out *o, const char *lit, size_t nlit, const char *s)
{
    if (!s)
        return;
    size_t n = strlen(s);
    if (!room(o, SLACK + str_room(n)))
        return;
    memcpy(o->p, lit, nlit);
    o->p += nlit;
    str(o, s, n);
}

#define DOC_STR(o, k, s) doc_str((o), ",\"" k "\":", sizeof(k) + 3, (s))

static void sentences(struct out *o, const struct kb_doc *doc)
{
    if (!room(o, SLACK + doc->sents.n * (2 * KB_JSON_NUM_MAX + 4)))
        return;
    LIT(o, ",\"sentences\":[");
    for (size_t i = 0; i < doc->sents.n; i++) {
        comma(o, i == 0);
        *o->p++ = '[';
        num(o, doc->sents.v[i].start);
        *o->p++ = ',';
        num(o, doc->sents.v[i].end);
        *o->p++ = ']';
    }
    *o->p++ = ']';
}

/* The document as one line of compact JSON (no line break) at the end of buf. */
static int write_compact(const struct kb_doc *doc, const char *path, unsigned flags,
                         struct kb_buf *buf)
{
    struct out o = {.buf = buf, .p = buf->data + buf->len, .err = KB_OK, .nconfs = 0};
    size_t nid = len0(doc->id);
    if (room(&o, SLACK + str_room(nid))) {
        LIT(&o, "{\"id\":");
        str_or_null(&o, doc->id, nid);
        LIT(&o, ",\"dct\":");
        if (doc->has_dct) {
            char dct[11];
            kb_date_format(doc->dct, dct);
            str(&o, dct, 10);
        } else {
            LIT(&o, "null");
        }
    }
    entities(&o, doc, true);
    timexes(&o, doc);
    places(&o, doc);
    events(&o, doc);
    DOC_STR(&o, "title", doc->title);
    DOC_STR(&o, "source", doc->source);
    DOC_STR(&o, "path", path);
    entities(&o, doc, false);
    sentences(&o, doc);
    if (!(flags & KB_DOC_NO_TEXT) && room(&o, SLACK + str_room(doc->len))) {
        LIT(&o, ",\"text\":");
        str(&o, doc->text, doc->len);
    }
    if (room(&o, 1))
        *o.p++ = '}';
    buf->len = (size_t)(o.p - buf->data);
    buf->data[buf->len] = '\0';
    return o.err;
}

int kb_doc_write_json(const struct kb_doc *doc, const char *path, unsigned flags,
                      struct kb_buf *out)
{
    int rc;
    if (flags & KB_JSON_PRETTY) {
        struct kb_buf compact;
        kb_buf_init(&compact);
        rc = write_compact(doc, path, flags, &compact);
        if (rc == KB_OK)
            rc = kb_json_indent(compact.data, compact.len, out);
        kb_buf_release(&compact);
    } else {
        rc = write_compact(doc, path, flags, out);
    }
    return rc ? rc : kb_buf_addc(out, '\n');
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
