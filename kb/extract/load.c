/*
 * load.c -- one line of `kb extract --jsonl` output back into a struct
 * kb_doc, for `kb load`.
 *
 * contract.c writes, besides the contract's keys, everything the store
 * needs (sentence spans, mention links as indexes, roles, confidences, the
 * text); this file reads it back and checks it, so that kb_store_ingest()
 * stores the document exactly as it would have stored it right after
 * kb_extract().  Every offset and index is checked against the text and the
 * arrays: a line that was edited or truncated is refused with a message
 * naming the key, never stored half-right.
 */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

struct reader {
    struct kb_doc *doc;
    struct kb_error *err;
    char where[48]; /* the object being read, "entities[3]", for messages */
};

/* A bad member: "entities[3].start: out of range". */
static int bad(struct reader *r, const char *key, const char *why)
{
    return kb_error_set(r->err, KB_EPARSE, "%s%s%s: %s", r->where,
                        r->where[0] && key[0] ? "." : "", key, why);
}

/* Integer member in [lo, hi]; absent: *out = dflt when `optional`. */
static int get_int(struct reader *r, json_t *o, const char *key, long long lo, long long hi,
                   bool optional, long long dflt, long long *out)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v)) {
        if (!optional)
            return bad(r, key, "missing");
        *out = dflt;
        return KB_OK;
    }
    if (!json_is_integer(v))
        return bad(r, key, "must be an integer");
    long long x = json_integer_value(v);
    if (x < lo || x > hi)
        return bad(r, key, "out of range");
    *out = x;
    return KB_OK;
}

/* String member copied into the doc's arena; absent or null: NULL unless required. */
static int get_str(struct reader *r, json_t *o, const char *key, bool required,
                   const char **out)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return required ? bad(r, key, "missing") : KB_OK;
    if (!json_is_string(v))
        return bad(r, key, "must be a string");
    if (!(*out = kb_arena_strndup(&r->doc->arena, json_string_value(v), json_string_length(v))))
        return kb_error_set(r->err, KB_ENOMEM, "out of memory");
    return KB_OK;
}

/* String member into a fixed array (NUL-terminated; "" when absent). */
static int get_fixed(struct reader *r, json_t *o, const char *key, char *buf, size_t size)
{
    json_t *v = json_object_get(o, key);
    buf[0] = '\0';
    if (!v || json_is_null(v))
        return KB_OK;
    if (!json_is_string(v))
        return bad(r, key, "must be a string");
    if (json_string_length(v) >= size)
        return bad(r, key, "too long");
    memcpy(buf, json_string_value(v), json_string_length(v) + 1);
    return KB_OK;
}

static int get_real(struct reader *r, json_t *o, const char *key, double *out, bool *present)
{
    json_t *v = json_object_get(o, key);
    *present = v && !json_is_null(v);
    if (!*present)
        return KB_OK;
    if (!json_is_number(v))
        return bad(r, key, "must be a number");
    *out = json_number_value(v);
    return KB_OK;
}

static int get_bool(struct reader *r, json_t *o, const char *key, bool *out)
{
    json_t *v = json_object_get(o, key);
    *out = false;
    if (!v || json_is_null(v))
        return KB_OK;
    if (!json_is_boolean(v))
        return bad(r, key, "must be true or false");
    *out = json_is_true(v);
    return KB_OK;
}

/* The array member `key` (an empty one when absent). */
static int get_array(struct reader *r, json_t *o, const char *key, json_t **out)
{
    json_t *v = json_object_get(o, key);
    *out = v;
    if (v && !json_is_array(v))
        return bad(r, key, "must be an array");
    return KB_OK;
}

static void at(struct reader *r, const char *key, size_t i)
{
    snprintf(r->where, sizeof r->where, "%s[%zu]", key, i);
}

/* Element i of the array `name`, which must be an object; NULL (message set) if not. */
static json_t *object_at(struct reader *r, json_t *a, const char *name, size_t i)
{
    json_t *o = json_array_get(a, i);
    at(r, name, i);
    if (!json_is_object(o)) {
        bad(r, "", "must be an object");
        return NULL;
    }
    return o;
}

/* start/end of a span inside the text. */
static int get_span(struct reader *r, json_t *o, uint32_t *start, uint32_t *end)
{
    long long s = 0, e = 0;
    int rc;
    if ((rc = get_int(r, o, "start", 0, (long long)r->doc->len, false, 0, &s)) ||
        (rc = get_int(r, o, "end", s, (long long)r->doc->len, false, 0, &e)))
        return rc;
    *start = (uint32_t)s;
    *end = (uint32_t)e;
    return KB_OK;
}

static int get_sentence(struct reader *r, json_t *o, uint32_t *sent)
{
    long long s;
    int rc = get_int(r, o, "sentence", 0, (long long)r->doc->sents.n - 1, false, 0, &s);
    *sent = (uint32_t)s;
    return rc;
}

static int read_sentences(struct reader *r, json_t *a)
{
    for (size_t i = 0; a && i < json_array_size(a); i++) {
        json_t *p = json_array_get(a, i);
        at(r, "sentences", i);
        if (!json_is_array(p) || json_array_size(p) != 2 ||
            !json_is_integer(json_array_get(p, 0)) || !json_is_integer(json_array_get(p, 1)))
            return bad(r, "", "must be [start, end]");
        long long s = json_integer_value(json_array_get(p, 0));
        long long e = json_integer_value(json_array_get(p, 1));
        if (s < 0 || e < s || e > (long long)r->doc->len)
            return bad(r, "", "outside the text");
        struct kb_sentence se = {(uint32_t)s, (uint32_t)e, 0, 0};
        if (KB_VEC_PUSH(&r->doc->sents, se))
            return kb_error_set(r->err, KB_ENOMEM, "out of memory");
    }
    r->where[0] = '\0';
    return KB_OK;
}

/*
 * The entities of both arrays ("entities", the contract's names, and
 * "other_entities", descriptions and places inside names) back into their
 * places in doc->ents, given by their "index".  Entities and places refer
 * to each other: both arrays are sized first.
 */
static int read_entities(struct reader *r, json_t *names, json_t *others, size_t nplaces)
{
    struct kb_doc *doc = r->doc;
    size_t n = (names ? json_array_size(names) : 0) + (others ? json_array_size(others) : 0);
    if (KB_VEC_RESERVE(&doc->ents, n + 1))
        return kb_error_set(r->err, KB_ENOMEM, "out of memory");
    doc->ents.n = n;
    for (size_t i = 0; i < n; i++)
        doc->ents.v[i].name = NULL; /* not read yet */
    for (size_t i = 0; i < n; i++) {
        bool first = names && i < json_array_size(names);
        size_t k = first ? i : i - (names ? json_array_size(names) : 0);
        json_t *o = object_at(r, first ? names : others, first ? "entities" : "other_entities", k);
        if (!o)
            return KB_EPARSE;
        struct kb_entity e;
        memset(&e, 0, sizeof e);
        e.ref = -1;
        const char *type, *role, *actor;
        long long place, index, flags;
        double conf = 0;
        bool has_conf;
        int rc;
        if ((rc = get_span(r, o, &e.start, &e.end)) || (rc = get_sentence(r, o, &e.sent)) ||
            (rc = get_int(r, o, "index", 0, (long long)n - 1, false, 0, &index)) ||
            (rc = get_str(r, o, "type", true, &type)) ||
            (rc = get_str(r, o, "name", true, &e.name)) ||
            (rc = get_str(r, o, "country", false, &e.country)) ||
            (rc = get_str(r, o, "actor", false, &actor)) ||
            (rc = get_str(r, o, "role", false, &role)) ||
            (rc = get_int(r, o, "flags", 0, 255, true, 0, &flags)) ||
            (rc = get_int(r, o, "place_index", 0, (long long)nplaces - 1, true, -1, &place)) ||
            (rc = get_real(r, o, "conf", &conf, &has_conf)))
            return rc;
        int t = kb_ent_type_parse(type);
        if (t < 0)
            return bad(r, "type", "not an entity type");
        if (doc->ents.v[index].name)
            return bad(r, "index", "given twice");
        e.type = (uint8_t)t;
        e.flags = (uint8_t)flags;
        e.place = (int32_t)place;
        e.conf = (float)conf;
        if (role) {
            int ro = kb_role_parse(role);
            if (ro < 0)
                return bad(r, "role", "not a role");
            e.role = (uint8_t)ro;
        }
        /* kb_entity_actor() gives the actor, else the name, as it did */
        e.actor = actor && strcmp(actor, e.name) != 0 ? actor : NULL;
        doc->ents.v[index] = e;
    }
    return KB_OK;
}

/* The division or country a place lies in, if given. */
static int read_place_ref(struct reader *r, json_t *p, const char *key, struct kb_place_ref *out)
{
    json_t *o = json_object_get(p, key);
    memset(out, 0, sizeof *out);
    if (!o || json_is_null(o))
        return KB_OK;
    if (!json_is_object(o))
        return bad(r, key, "must be an object");
    long long gid;
    bool has_lat, has_lon;
    int rc;
    if ((rc = get_str(r, o, "name", true, &out->name)) ||
        (rc = get_int(r, o, "geonameid", 0, INT64_MAX, true, 0, &gid)) ||
        (rc = get_real(r, o, "lat", &out->lat, &has_lat)) ||
        (rc = get_real(r, o, "lon", &out->lon, &has_lon)) ||
        (rc = get_fixed(r, o, "country", out->country, sizeof out->country)) ||
        (rc = get_fixed(r, o, "admin1", out->admin1, sizeof out->admin1)) ||
        (rc = get_fixed(r, o, "feature", out->feature, sizeof out->feature)))
        return rc;
    if (!has_lat || !has_lon || out->lat < -90 || out->lat > 90 || out->lon < -180 ||
        out->lon > 180)
        return bad(r, key, "not a coordinate");
    out->geonameid = gid;
    return KB_OK;
}

static int read_timexes(struct reader *r, json_t *a)
{
    for (size_t i = 0; a && i < json_array_size(a); i++) {
        json_t *o = object_at(r, a, "timexes", i);
        if (!o)
            return KB_EPARSE;
        struct kb_timex t;
        memset(&t, 0, sizeof t);
        char type[16];
        int rc;
        if ((rc = get_span(r, o, &t.start, &t.end)) || (rc = get_sentence(r, o, &t.sent)) ||
            (rc = get_fixed(r, o, "type", type, sizeof type)) ||
            (rc = get_fixed(r, o, "value", t.value, sizeof t.value)) ||
            (rc = get_fixed(r, o, "mod", t.mod, sizeof t.mod)))
            return rc;
        int ty = kb_timex_type_parse(type);
        if (ty < 0)
            return bad(r, "type", "not a TIMEX3 type");
        if (!t.value[0])
            return bad(r, "value", "missing");
        t.type = (uint8_t)ty;
        if (KB_VEC_PUSH(&r->doc->timexes, t))
            return kb_error_set(r->err, KB_ENOMEM, "out of memory");
    }
    return KB_OK;
}

static int read_places(struct reader *r, json_t *a, size_t nents)
{
    for (size_t i = 0; a && i < json_array_size(a); i++) {
        json_t *o = object_at(r, a, "places", i);
        if (!o)
            return KB_EPARSE;
        struct kb_place p;
        memset(&p, 0, sizeof p);
        long long gid, ent;
        double conf = 0;
        bool has_lat, has_lon, has_conf;
        int rc;
        if ((rc = get_span(r, o, &p.start, &p.end)) || (rc = get_sentence(r, o, &p.sent)) ||
            (rc = get_str(r, o, "name", false, &p.name)) ||
            (rc = get_int(r, o, "geonameid", 0, INT64_MAX, true, 0, &gid)) ||
            (rc = get_real(r, o, "lat", &p.lat, &has_lat)) ||
            (rc = get_real(r, o, "lon", &p.lon, &has_lon)) ||
            (rc = get_fixed(r, o, "country", p.country, sizeof p.country)) ||
            (rc = get_fixed(r, o, "admin1", p.admin1, sizeof p.admin1)) ||
            (rc = get_fixed(r, o, "feature", p.feature, sizeof p.feature)) ||
            (rc = get_int(r, o, "entity_index", 0, (long long)nents - 1, true, -1, &ent)) ||
            (rc = get_real(r, o, "conf", &conf, &has_conf)) ||
            (rc = read_place_ref(r, o, "in_admin1", &p.in_admin1)) ||
            (rc = read_place_ref(r, o, "in_country", &p.in_country)))
            return rc;
        if (has_lat != has_lon)
            return bad(r, has_lat ? "lon" : "lat", "missing");
        if (has_lat && (p.lat < -90 || p.lat > 90 || p.lon < -180 || p.lon > 180))
            return bad(r, "lat", "not a coordinate");
        p.resolved = has_lat;
        p.geonameid = gid;
        p.entity = (int32_t)ent;
        p.conf = (float)conf;
        if (KB_VEC_PUSH(&r->doc->places, p))
            return kb_error_set(r->err, KB_ENOMEM, "out of memory");
    }
    return KB_OK;
}

static int read_events(struct reader *r, json_t *a)
{
    struct kb_doc *doc = r->doc;
    for (size_t i = 0; a && i < json_array_size(a); i++) {
        json_t *o = object_at(r, a, "events", i);
        if (!o)
            return KB_EPARSE;
        struct kb_event e;
        memset(&e, 0, sizeof e);
        char prec[16];
        bool neg, hyp, claimed, inferred;
        int rc;
        json_t *trig = json_object_get(o, "trigger"), *idx = json_object_get(o, "index");
        if (!json_is_object(trig))
            return bad(r, "trigger", "missing");
        if (idx && !json_is_object(idx))
            return bad(r, "index", "must be an object");
        if ((rc = get_span(r, trig, &e.trig_start, &e.trig_end)) ||
            (rc = get_sentence(r, o, &e.sent)) || (rc = get_str(r, o, "type", true, &e.type)) ||
            (rc = get_fixed(r, o, "cameo", e.cameo, sizeof e.cameo)) ||
            (rc = get_fixed(r, o, "date", e.date, sizeof e.date)) ||
            (rc = get_fixed(r, o, "precision", prec, sizeof prec)) ||
            (rc = get_bool(r, o, "negated", &neg)) ||
            (rc = get_bool(r, o, "hypothetical", &hyp)) ||
            (rc = get_bool(r, o, "claimed", &claimed)) ||
            (rc = get_bool(r, o, "date_inferred", &inferred)))
            return rc;
        if (strlen(e.cameo) < 2)
            return bad(r, "cameo", "missing");
        int p = prec[0] ? kb_precision_parse(prec) : KB_PREC_NONE;
        if (p < 0)
            return bad(r, "precision", "not a precision");
        e.precision = (uint8_t)p;
        e.flags = (neg ? KB_EV_NEGATED : 0) | (hyp ? KB_EV_HYPOTHETICAL : 0) |
                  (claimed ? KB_EV_CLAIMED : 0) | (inferred ? KB_EV_DATE_INFERRED : 0);
        const struct {
            const char *k;
            int32_t *v;
            size_t n;
        } links[] = {{"actor", &e.actor, doc->ents.n},     {"target", &e.target, doc->ents.n},
                     {"claimed_by", &e.claimed_by, doc->ents.n},
                     {"place", &e.place, doc->places.n},   {"origin", &e.origin, doc->places.n},
                     {"destination", &e.dest, doc->places.n},
                     {"timex", &e.timex, doc->timexes.n}};
        for (size_t k = 0; k < KB_ARRAY_LEN(links); k++) {
            long long v = -1;
            if (idx && (rc = get_int(r, idx, links[k].k, 0, (long long)links[k].n - 1, true, -1,
                                     &v)))
                return rc;
            *links[k].v = (int32_t)v;
        }
        if (KB_VEC_PUSH(&doc->events, e))
            return kb_error_set(r->err, KB_ENOMEM, "out of memory");
    }
    return KB_OK;
}

int kb_doc_from_json(const char *line, size_t n, const char *given, size_t tlen,
                     struct kb_doc **out, const char **path, struct kb_error *err)
{
    *out = NULL;
    *path = NULL;
    json_error_t je;
    json_t *o = json_loadb(line, n, JSON_REJECT_DUPLICATES, &je);
    if (!o)
        return kb_error_set(err, KB_EPARSE, "malformed JSON: %s (column %d)", je.text,
                            je.column);
    struct kb_doc *doc = NULL;
    struct reader r = {NULL, err, ""};
    int rc = KB_OK;
    json_t *text = json_object_get(o, "text");
    json_t *ents, *others, *tx, *pl, *ev, *sents;
    if (!json_is_object(o)) {
        rc = kb_error_set(err, KB_EPARSE, "expected a JSON object");
        goto out;
    }
    if (json_object_get(o, "error")) {
        rc = kb_error_set(err, KB_ENOTFOUND, "a line kb extract could not read");
        goto out;
    }
    if ((!given && !json_is_string(text)) || !json_is_array(json_object_get(o, "sentences"))) {
        rc = kb_error_set(err, KB_EPARSE, "no \"text\" and \"sentences\": not the output of "
                                          "kb extract (version %s or later)", KB_VERSION);
        goto out;
    }
    size_t len = given ? tlen : json_string_length(text);
    char *copy = NULL;
    if (len >= UINT32_MAX) {
        rc = kb_error_set(err, KB_ETOOBIG, "article too large");
        goto out;
    }
    /* the doc owns its text: a copy in its own arena */
    if (!(doc = kb_doc_new("", 0)) ||
        !(copy = kb_arena_strndup(&doc->arena, given ? given : json_string_value(text), len))) {
        rc = kb_error_set(err, KB_ENOMEM, "out of memory");
        goto out;
    }
    doc->text = copy;
    doc->len = len;
    r.doc = doc;
    const char *id, *title, *source, *dct, *p;
    if ((rc = get_str(&r, o, "id", false, &id)) || (rc = get_str(&r, o, "title", false, &title)) ||
        (rc = get_str(&r, o, "source", false, &source)) ||
        (rc = get_str(&r, o, "path", false, &p)) || (rc = get_str(&r, o, "dct", false, &dct)))
        goto out;
    doc->id = id;
    doc->title = title;
    doc->source = source;
    if (dct) {
        if (kb_date_parse(dct, &doc->dct) != KB_OK) {
            rc = bad(&r, "dct", "not a date YYYY-MM-DD");
            goto out;
        }
        doc->has_dct = true;
    }
    if ((rc = get_array(&r, o, "sentences", &sents)) || (rc = get_array(&r, o, "entities", &ents)) ||
        (rc = get_array(&r, o, "other_entities", &others)) ||
        (rc = get_array(&r, o, "timexes", &tx)) || (rc = get_array(&r, o, "places", &pl)) ||
        (rc = get_array(&r, o, "events", &ev)) || (rc = read_sentences(&r, sents)) ||
        (rc = read_entities(&r, ents, others, pl ? json_array_size(pl) : 0)) ||
        (rc = read_timexes(&r, tx)) ||
        (rc = read_places(&r, pl, doc->ents.n)) || (rc = read_events(&r, ev)))
        goto out;
    *path = p;
out:
    json_decref(o);
    if (rc) {
        kb_doc_free(doc);
        return rc;
    }
    *out = doc;
    return KB_OK;
}
