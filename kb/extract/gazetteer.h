/*
 * gazetteer.h -- places of the world by name, matched against token
 * sequences.  Three sources fill the same interface:
 *   - the built-in gazetteer: kb/data/gazetteer.tsv compiled at build time
 *     (tools/gazc.c) into a table of places, sorted name keys and postings,
 *     embedded in the binary and read in place (no parsing at start-up);
 *   - a gazetteer TSV loaded at run time (tests, the build tool);
 *   - a gazetteer database made by `kb gazetteer import` (kb/geo/gazdb.c),
 *     queried on demand.
 *
 * Invariants: keys[] is sorted by kb_gaz_keycmp and unique; every posting is
 * an index into places.v; a place index, once returned, stays valid (and
 * its strings too) until kb_gazetteer_free().
 */
#ifndef KB_GAZETTEER_H
#define KB_GAZETTEER_H

#include "extract.h"

/* Buckets of the key index (kb_gazetteer.bucket): the first two bytes. */
#define KB_GAZ_BUCKETS 65536

/* Ids at or above this are the project's own, not GeoNames ids. */
#define KB_GAZ_LOCAL_ID 1000000000LL

struct kb_gaz_place {
    int64_t id;        /* GeoNames id, local id (>= KB_GAZ_LOCAL_ID) or 0 */
    const char *name;  /* preferred name (owned by the gazetteer) */
    double lat, lon;
    int64_t population;
    char fclass;       /* GeoNames feature class: A P H L S T R U V */
    char fcode[7];     /* GeoNames feature code: PPLC, ADM1, PCLI, ... */
    char cc[3];        /* ISO alpha-2 country code or "" */
    char admin1[8];    /* GeoNames admin1 code or "" */
    uint8_t flags;     /* enum kb_gaz_place_flags */
};

enum kb_gaz_place_flags {
    KB_GAZ_LISTED = 1 << 0, /* listed by hand (kb/data/places-extra.tsv): notable */
};

enum kb_gaz_key_flags {
    /* a place of this name is one a reader knows as a place by its name
       alone: a country, division, capital, seat, city of 15,000 or more, or
       a listed region, water or landmark (small towns are not: "Hope") */
    KB_GAZ_NOTABLE = 1 << 0,
};

/* One name key: the phrase key of a name or alternate name, and its places. */
struct kb_gaz_key {
    uint32_t off, len;    /* key bytes at strings + off */
    uint32_t post, npost; /* place indexes at postings[post .. post + npost) */
    uint32_t flags;       /* enum kb_gaz_key_flags */
    uint32_t reserved;
};

/* No such key or place (struct kb_gaz_extra). */
#define KB_GAZ_NONE UINT32_MAX

/*
 * What resolving a place needs of it that would otherwise be computed per
 * mention, computed once when the gazetteer is built (at build time for the
 * built-in one, by tools/gazc.c): extra[i] belongs to places.v[i].
 */
struct kb_gaz_extra {
    double x, y, z;  /* the point on the unit sphere (kb_gaz_point) */
    double prior;    /* kb_gaz_prior() */
    uint32_t own;    /* index in keys[] of the phrase key of its own name, or KB_GAZ_NONE */
    uint32_t admin1; /* its first-level division (kb_gazetteer_admin1), or KB_GAZ_NONE */
};

/* A first-level division by "CC.ADMIN1" code (NUL-padded). */
struct kb_gaz_admin {
    char code[12];
    uint32_t place;
};

struct kb_gazdb;

struct kb_gazetteer {
    struct {
        const struct kb_gaz_place *v;
        size_t n;
    } places;
    const struct kb_gaz_key *keys; /* sorted, unique */
    size_t nkeys;
    const uint32_t *postings;
    size_t npostings;
    const struct kb_gaz_admin *admins; /* sorted by code */
    size_t nadmins;
    const char *strings; /* key bytes */
    size_t nstrings;
    /* keys[bucket[b] .. bucket[b + 1]) are the keys whose first two bytes
       are b (kb_gaz_keycmp order puts them together); not for db */
    const uint32_t *bucket;
    const uint64_t *kpre; /* the first 8 bytes of each key, big-endian, zero-padded;
                             NULL for db */
    int32_t country[26 * 26]; /* ISO alpha-2 -> index of the country's place, or -1 */
    const struct kb_gaz_extra *extra; /* per place; NULL for db */
    struct kb_gazdb *db;      /* non-NULL: places come from this database on demand */
    void *owned[8];           /* heap arrays behind the pointers above */
    struct kb_arena arena;    /* place names */
};

/* ---- gazetteer.c ---- */

/* Load the built-in gazetteer.  Free with kb_gazetteer_free(). */
int kb_gazetteer_builtin(struct kb_gazetteer **out, struct kb_error *err);
/*
 * Load a gazetteer from TSV text in the kb/data/gazetteer.tsv format
 * (id, name, alternates, lat, lon, class.code, country, admin1, population,
 * and optionally flags: "L" for a place listed by hand);
 * `source` names it in error messages.  Free with kb_gazetteer_free().
 */
int kb_gazetteer_load_tsv(struct kb_gazetteer **out, const char *text, size_t len,
                          const char *source, struct kb_error *err);
/*
 * Read a compiled gazetteer (kb_gazetteer_write_table) from data[0..len),
 * which must stay valid and unchanged until kb_gazetteer_free() and be
 * 8-byte aligned.  KB_EPARSE if it is not a table of this build.
 */
int kb_gazetteer_from_table(struct kb_gazetteer **out, const void *data, size_t len,
                            struct kb_error *err);
/* Write gaz as a compiled table (native byte order, for this build only). */
int kb_gazetteer_write_table(const struct kb_gazetteer *gaz, FILE *f, struct kb_error *err);
void kb_gazetteer_free(struct kb_gazetteer *gaz); /* NULL-safe */
/* memcmp order of key bytes, shorter first on a tie: the order of keys[]. */
int kb_gaz_keycmp(const char *a, size_t alen, const char *b, size_t blen);
/* Index in keys[] of the first key not before key[0..klen) in
   kb_gaz_keycmp order (nkeys if none); not for a gazetteer database. */
size_t kb_gazetteer_lower_bound(const struct kb_gazetteer *gaz, const char *key, size_t klen);
/*
 * Place indexes for a phrase key (see kb_phrase_key), count in *n; NULL and
 * 0 when the name is unknown.  The array is owned by the gazetteer.
 */
const uint32_t *kb_gazetteer_lookup(const struct kb_gazetteer *gaz, const char *key,
                                    size_t klen, size_t *n);
/*
 * Longest name of a notable place (KB_GAZ_NOTABLE) starting at token tok and
 * ending before token `end`: returns its length in tokens (0: none) and its
 * place indexes in *idx, *n.  scratch is work space.
 */
size_t kb_gazetteer_match(const struct kb_gazetteer *gaz, const struct kb_doc *doc,
                          size_t tok, size_t end, struct kb_buf *scratch,
                          const uint32_t **idx, size_t *n);
/* The place of a country by ISO alpha-2 code, or NULL. */
const struct kb_gaz_place *kb_gazetteer_country(const struct kb_gazetteer *gaz, const char *cc);
/* The first-level division `admin1` of country cc ("UA", "13"), or NULL. */
const struct kb_gaz_place *kb_gazetteer_admin1(const struct kb_gazetteer *gaz, const char *cc,
                                               const char *admin1);
/* The entity type a place of this feature is: GPE, LOC or FAC. */
int kb_gaz_entity_type(const struct kb_gaz_place *p);
/*
 * The prior weight of a place as the reading of its name, before any
 * context: how known its kind of place is (country, division, capital,
 * seat, town, section of a city) plus log10 of its population, more for a
 * place listed by hand.
 */
double kb_gaz_prior(const struct kb_gaz_place *p);
/* The point of place p on the unit sphere into xyz[0..3). */
void kb_gaz_point(const struct kb_gaz_place *p, double xyz[3]);
/* Great-circle distance in km (haversine, mean Earth radius). */
double kb_geo_distance_km(double lat1, double lon1, double lat2, double lon2);

#endif
