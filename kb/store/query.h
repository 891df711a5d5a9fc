/*
 * query.h -- read-side queries shared by the exporters: the event timeline
 * with its filters (query.c), the graph views (graph_query.c), and the
 * CAMEO names both show.  Every filter value reaches SQL as a bound
 * parameter; every query has an ORDER BY so output is stable.
 */
#ifndef KB_QUERY_H
#define KB_QUERY_H

#include "store.h"

/* ---- query.c: the timeline ---- */

struct kb_timeline_query {
    const char *actor;     /* actor or target name or alias, or NULL */
    const char *place;     /* place name or a name it was seen under, or NULL */
    const char *from, *to; /* dates of any precision (2022, 2022-03, 2022-03-15), or NULL */
    const char *type;      /* CAMEO code or root ("19"), root name ("fight"), or kb event
                              type ("ATTACK"); NULL: all */
    bool near;             /* only events within near_km of (near_lat, near_lon) */
    double near_lat, near_lon, near_km;
    long min_sources;      /* only events reported by at least this many articles (0: any) */
    bool include_negated;  /* also events reported as not happening */
    bool include_hypothetical; /* also hypothetical or future events (default on) */
    bool exclude_claimed;  /* leave out events only claimed or reported by someone */
    long limit;            /* 0: no limit */
};

/*
 * One timeline row.  Strings are borrowed from the cursor and valid until
 * the next kb_timeline_next(); any of them may be NULL (no actor, no place,
 * undated, no evidence).
 */
struct kb_tl_row {
    sqlite3_int64 event, article;
    const char *date, *first_day, *last_day, *precision, *type, *cameo, *root;
    int quad;                 /* 1..4, CAMEO quad class */
    const char *actor, *actor_role, *target, *place, *place_country;
    sqlite3_int64 place_id;   /* 0: no place */
    bool has_coords;          /* lat and lon are set */
    double lat, lon;
    bool negated, hypothetical, claimed, date_inferred;
    const char *claimed_by;
    /* the first report of the event (lowest event_mentions id) */
    const char *title, *source, *dct, *evidence, *trigger;
    const char *article_sha256; /* content hash of that article */
    long trigger_start;         /* byte offset of the trigger in that article */
    long mentions;              /* sentences reporting the event */
    long sources;               /* distinct articles reporting the event */
};

/* The events a timeline query selects, dated ones in date order, then undated. */
struct kb_timeline_cursor;

/*
 * Validate the query (dates parse, --type is well formed, --near is on the
 * globe) and prepare it.  On success *out is a cursor the caller reads with
 * kb_timeline_next() and frees with kb_timeline_close().  On failure *out
 * is unchanged and err says why (KB_EUSAGE for a bad filter, KB_EDB or
 * KB_ENOMEM otherwise).
 */
int kb_timeline_open(struct kb_store *s, const struct kb_timeline_query *q,
                     struct kb_timeline_cursor **out, struct kb_error *err);
/* 1 = row in *r, 0 = done, negative = -(status) with err set. */
int kb_timeline_next(struct kb_timeline_cursor *c, struct kb_tl_row *r, struct kb_error *err);
/* NULL-safe. */
void kb_timeline_close(struct kb_timeline_cursor *c);

/* One report of an event; strings borrowed until the next call. */
struct kb_tl_report {
    sqlite3_int64 article;
    const char *title, *source, *dct, *evidence, *trigger;
    const char *article_sha256; /* content hash of the article */
    long trigger_start;         /* byte offset of the trigger in it */
};

/*
 * Start reading the reports of `event` (every sentence of every article
 * that reports it, in the order they were stored) through the cursor's
 * statement; a new call starts over.  Read them with kb_timeline_report().
 */
int kb_timeline_reports(struct kb_timeline_cursor *c, sqlite3_int64 event, struct kb_error *err);
/* 1 = report in *r, 0 = done, negative = -(status) with err set. */
int kb_timeline_report(struct kb_timeline_cursor *c, struct kb_tl_report *r, struct kb_error *err);

/*
 * Day range a date filter of any precision stands for (2022-03 ->
 * 2022-03-01..2022-03-31).  False when s is not YYYY, YYYY-MM or a real
 * YYYY-MM-DD.
 */
bool kb_date_filter(const char *s, char first[11], char last[11]);

/*
 * Parse "LAT,LON" (decimal degrees, -90..90 and -180..180).  False on
 * anything else; *lat and *lon are unchanged then.
 */
bool kb_parse_latlon(const char *s, double *lat, double *lon);

/* ---- query.c: CAMEO names ---- */

/* Name of a CAMEO root ("19" -> "fight"), or NULL when root is not 01..20. */
const char *kb_cameo_root_name(const char *root);
/* Root ("19") of a root name ("Fight", any case), or NULL. */
const char *kb_cameo_root_by_name(const char *name);
/* Name of a quad class (1 "verbal cooperation" .. 4 "material conflict"), "" otherwise. */
const char *kb_quad_name(int quad);

/* ---- graph_query.c: graph views ---- */

enum kb_graph_view {
    KB_VIEW_EVENTS, /* actors, places and events as nodes (the full event graph) */
    KB_VIEW_ACTORS, /* actors; an edge per (actor, target) weighted by events */
    KB_VIEW_PLACES, /* actors and places; an edge per (actor, place) weighted by events */
    KB_VIEW__MAX
};

/* Parse a view name ("events", "actors", "places"); -1 if unknown. */
int kb_graph_view_parse(const char *s);

struct kb_graph_query {
    int view;          /* enum kb_graph_view */
    const char *actor; /* centre of an ego network, or NULL for the whole graph */
    int depth;         /* actor hops from the centre (>= 1) */
    long limit;        /* at most this many events, the first by id (0: no limit) */
    double min_weight; /* drop aggregated edges lighter than this (actors, places views) */
    long top;          /* keep the N actors of highest degree (0: all) */
};

/* `kb graph`'s --top when neither --top nor --actor is given: a graph of a
   million events would hold every event in cgraph (1.5 GB); this keeps a
   million-event KB's graph near 120 MB and says so in the graph (top_of). */
#define KB_GRAPH_TOP_DEFAULT 100

enum kb_gnode_kind { KB_GN_ACTOR, KB_GN_PLACE, KB_GN_EVENT };
enum kb_gedge_role {
    KB_GE_ACTOR,  /* actor -> event */
    KB_GE_TARGET, /* event -> target */
    KB_GE_AT,     /* event -> place */
    KB_GE_LINK,   /* actor -> target, aggregated (actors view) */
    KB_GE_PLACE,  /* actor -> place, aggregated (places view) */
};

/* A node; strings are owned by the graph (never NULL, "" when unknown). */
struct kb_gnode {
    sqlite3_int64 id; /* entity, place or event id */
    int kind;         /* enum kb_gnode_kind */
    char *label;      /* name; for events "TYPE\ndate" */
    char *type;       /* entity type (PERSON, ORG, GPE...), "place", or the event type */
    char *country;    /* ISO 3166 alpha-2 of the actor, of the place, of an event's place */
    char *title;      /* tooltip: an event's evidence, a place's coordinates */
    char *date;       /* events: the TIMEX3 value */
    bool has_coords;
    double lat, lon;
    int quad;         /* events: CAMEO quad class */
    long degree;      /* edges incident to the node in this view */
};

/* An edge between two nodes of the same graph. */
struct kb_gedge {
    size_t src, dst; /* indexes into kb_graph.nodes */
    int role;        /* enum kb_gedge_role */
    double weight;   /* events behind the edge (1 in the events view) */
    int quad;        /* dominant quad class of those events (ties: the higher class) */
    long quads[5];   /* events per quad class, [1..4] */
};

/*
 * A graph view.  Invariants: nodes are ordered actors, places, events, each
 * by id; every edge's src and dst index nodes.
 */
struct kb_graph {
    int view;
    KB_VEC(struct kb_gnode) nodes;
    KB_VEC(struct kb_gedge) edges;
    long top_of;   /* when q->top left actors out: how many the view had; else 0 */
    long top_kept; /* then: how many it kept (q->top) */
};

/*
 * Build the view q asks for from the events that are not negated.  With
 * q->actor, only actors within q->depth hops of it over actor->target links
 * (and the events among them).  Returns KB_ENOTFOUND for an unknown actor,
 * KB_EUSAGE for a bad query.  On success the caller releases g with
 * kb_graph_release(); on failure g is left empty.
 */
int kb_graph_load(struct kb_store *s, const struct kb_graph_query *q, struct kb_graph *g,
                  struct kb_error *err);
/* Free what g owns; NULL-safe; g is left empty. */
void kb_graph_release(struct kb_graph *g);

/* English name of an ISO 3166 alpha-2 code ("UA" -> "Ukraine"), or NULL. */
const char *kb_country_name(const char *iso2, char *buf, size_t size);

#endif
