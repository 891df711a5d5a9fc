/*
 * test_geo.c -- the gazetteer database (import, reading it for extraction)
 * and the spatial side of the knowledge base (part_of edges, the R*Tree,
 * kb_distance_km, kb places).
 *
 * Test plan:
 *   geo-import-1.x  synthetic dumps (plain, .gz, stored and deflated .zip):
 *                   places, ASCII and alternate names, alternateNames rows
 *                   (orphans dropped), derived division and country points,
 *                   listed places, the sources table
 *   geo-import-2.x  errors: a malformed row names file and line and leaves
 *                   an existing database as it was; a new one is removed; a
 *                   missing file; a file that is not a gazetteer database; a
 *                   new database is filled beside its name and renamed when
 *                   complete, never over a file that appeared meanwhile
 *   geo-import-3.x  the database as the extractor's gazetteer: lookups,
 *                   countries, divisions, resolution in text
 *   geo-import-4.x  the importer's name keys equal kb_phrase_key (also on the names
 *                   of the real dumps, in many scripts)
 *   geo-import-5.x  the real GeoNames dumps of ../shared/geonames (skipped,
 *                   saying so, when absent): every row imported, Kyiv and
 *                   Prypyat found, Ukraine's oblasts with their own points
 *   geo-store-1.x   ingest: place nodes part_of their division and country,
 *                   once; R*Tree rows for places with coordinates
 *   geo-store-2.x   kb_distance_km; radius search (also across the
 *                   antimeridian box); GeoJSON parses back as RFC 7946
 *   geo-store-3.x   bad radius values are refused
 */
#include "export/export.h"
#include "extract/lexicon.h"
#include "geo/geo.h"
#include "helpers.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

static char dir[] = "/tmp/kb-test-geo-XXXXXX";

static const char *path(const char *name)
{
    static char buf[16][256];
    static int k;
    k = (k + 1) % 16;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static void write_file(const char *p, const char *text)
{
    FILE *f = fopen(p, "wb");
    fputs(text, f);
    fclose(f);
}

/* GeoNames rows of a made-up country dump (ids above 9,000,000). */
static const char dump[] =
    "9000001\tOldbridge\tOldbridge\tOld Bridge,Starymost,Старий Міст,OLB\t48.5\t35.0\tP\tPPLA\tUA"
    "\t\t04\t\t\t\t250000\t\t100\tEurope/Kyiv\t2024-01-01\n"
    "9000002\tNewmarket\tNewmarket\t\t48.9\t35.6\tP\tPPL\tUA\t\t04\t\t\t\t9000\t\t90\tEurope/Kyiv"
    "\t2024-01-01\n"
    "9000003\tZelenyi Hai\tZelenyi Hai\tZeleny Gai\t49.9\t24.1\tP\tPPL\tUA\t\t14\t\t\t\t3000\t\t"
    "300\tEurope/Kyiv\t2024-01-01\n";

static const char admin1[] = "UA.04\tDnipropetrovsk Oblast\tDnipropetrovsk Oblast\t709929\n"
                             "UA.14\tLviv Oblast\tLviv Oblast\t702549\n"
                             "UA.99\tNowhere Oblast\tNowhere Oblast\t9999999\n";

static const char countries[] =
    "# comment lines come first\n"
    "#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea(in sq km)\tPopulation\tContinent\ttld"
    "\tCurrencyCode\tCurrencyName\tPhone\tPostal Code Format\tPostal Code Regex\tLanguages"
    "\tgeonameid\tneighbours\tEquivalentFipsCode\n"
    "UA\tUKR\t804\tUP\tUkraine\tKyiv\t603700\t44622516\tEU\t.ua\tUAH\tHryvnia\t380\t#####"
    "\t^(\\d{5})$\tuk,ru-UA\t690791\tPL,MD,HU,SK,BY,RO,RU\t\n";

/* alternateNamesV2 rows: one for a place we have, one for a place we do not. */
static const char altnames[] = "1\t9000002\ten\tNew Market\t1\t\t\t\t\t\n"
                               "2\t9000002\tlink\thttps://example.org/Newmarket\t\t\t\t\t\t\n"
                               "3\t12345678\ten\tGhost Town\t\t\t\t\t\t\n";

static void put16(FILE *f, unsigned v)
{
    fputc((int)(v & 0xFF), f);
    fputc((int)(v >> 8), f);
}

static void put32(FILE *f, unsigned long v)
{
    put16(f, (unsigned)(v & 0xFFFF));
    put16(f, (unsigned)(v >> 16));
}

/* A one-member zip of text, stored (method 0) or deflated (method 8). */
static void write_zip(const char *p, const char *member, const char *text, int method)
{
    size_t n = strlen(text);
    unsigned long crc = crc32(0, (const Bytef *)text, (uInt)n);
    unsigned char *data = (unsigned char *)text;
    size_t dn = n;
    unsigned char out[8192];
    if (method == 8) {
        z_stream zs;
        memset(&zs, 0, sizeof zs);
        deflateInit2(&zs, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
        zs.next_in = (Bytef *)text;
        zs.avail_in = (uInt)n;
        zs.next_out = out;
        zs.avail_out = sizeof out;
        deflate(&zs, Z_FINISH);
        dn = sizeof out - zs.avail_out;
        deflateEnd(&zs);
        data = out;
    }
    FILE *f = fopen(p, "wb");
    size_t ml = strlen(member);
    put32(f, 0x04034b50);
    put16(f, 20);
    put16(f, 0);
    put16(f, (unsigned)method);
    put32(f, 0);
    put32(f, crc);
    put32(f, dn);
    put32(f, n);
    put16(f, (unsigned)ml);
    put16(f, 0);
    fwrite(member, 1, ml, f);
    fwrite(data, 1, dn, f);
    long cd = ftell(f);
    put32(f, 0x02014b50);
    put16(f, 20);
    put16(f, 20);
    put16(f, 0);
    put16(f, (unsigned)method);
    put32(f, 0);
    put32(f, crc);
    put32(f, dn);
    put32(f, n);
    put16(f, (unsigned)ml);
    put16(f, 0);
    put16(f, 0);
    put16(f, 0);
    put16(f, 0);
    put32(f, 0);
    put32(f, 0);
    fwrite(member, 1, ml, f);
    long end = ftell(f);
    put32(f, 0x06054b50);
    put16(f, 0);
    put16(f, 0);
    put16(f, 1);
    put16(f, 1);
    put32(f, (unsigned long)(end - cd));
    put32(f, (unsigned long)cd);
    put16(f, 0);
    fclose(f);
}

static int import(const char *db, const char *const *files, size_t n,
                  struct kb_gaz_import_stats *st, struct kb_error *err)
{
    struct kb_gaz_import *im = NULL;
    struct kb_gazetteer *builtin = NULL;
    memset(st, 0, sizeof *st);
    int rc = kb_gazetteer_builtin(&builtin, err);
    if (!rc)
        rc = kb_gaz_import_open(&im, db, err);
    for (size_t i = 0; !rc && i < n; i++)
        rc = kb_gaz_import_file(im, files[i], st, err);
    if (!rc)
        rc = kb_gaz_import_finish(im, builtin, st, err);
    kb_gaz_import_close(im);
    kb_gazetteer_free(builtin);
    return rc;
}

/* The first place a phrase names in g, or NULL. */
static const struct kb_gaz_place *place(const struct kb_gazetteer *g, const char *phrase,
                                        size_t *count)
{
    struct kb_buf key;
    kb_buf_init(&key);
    kb_phrase_key(phrase, strlen(phrase), &key);
    size_t n;
    const uint32_t *v = kb_gazetteer_lookup(g, key.data, key.len, &n);
    kb_buf_release(&key);
    if (count)
        *count = n;
    return n ? &g->places.v[v[0]] : NULL;
}

static long count_rows(const char *db, const char *sql)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *st = NULL;
    long n = -1;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return n;
}

static void test_import(void)
{
    write_file(path("UA.txt"), dump);
    write_file(path("admin1CodesASCII.txt"), admin1);
    write_file(path("countryInfo.txt"), countries);
    write_zip(path("alternateNamesV2.zip"), "alternateNamesV2.txt", altnames, 8);
    gzFile gz = gzopen(path("cities1000.txt.gz"), "wb");
    gzputs(gz, "9000004\tGzton\tGzton\t\t47.0\t30.0\tP\tPPL\tUA\t\t04\t\t\t\t1500\t\t10\t"
               "Europe/Kyiv\t2024-01-01\n");
    gzclose(gz);
    write_zip(path("cities500.zip"), "cities500.txt",
              "9000005\tZipville\tZipville\t\t47.5\t31.0\tP\tPPL\tUA\t\t04\t\t\t\t600\t\t10\t"
              "Europe/Kyiv\t2024-01-01\n",
              0);
    const char *files[] = {path("countryInfo.txt"),     path("admin1CodesASCII.txt"),
                           path("UA.txt"),              path("alternateNamesV2.zip"),
                           path("cities1000.txt.gz"),   path("cities500.zip")};
    struct kb_gaz_import_stats st;
    struct kb_error err;
    int rc = import(path("gaz.db"), files, 6, &st, &err);
    T_OK(rc == KB_OK, "geo-import-1.1 import: %s", err.msg);
    T_INT(st.places, 5, "geo-import-1.2 places");
    T_OK(st.rows >= 11, "geo-import-1.2 rows read (%lld)", st.rows);
    T_INT(st.derived, 3, "geo-import-1.3 two oblasts and the country derived");
    T_INT(count_rows(path("gaz.db"), "SELECT count(*) FROM sources"), 6, "geo-import-1.4 sources");
    struct kb_gazetteer *g = NULL;
    T_INT(kb_gazetteer_open_db(&g, path("gaz.db"), &err), KB_OK, "geo-import-1.5 open");
    if (!g)
        return;
    size_t n;
    const struct kb_gaz_place *p = place(g, "Oldbridge", &n);
    T_OK(p && p->id == 9000001 && p->population == 250000 && strcmp(p->fcode, "PPLA") == 0,
         "geo-import-1.6 a place by name");
    p = place(g, "Starymost", NULL);
    T_OK(p && p->id == 9000001, "geo-import-1.7 by a Latin alternate name");
    T_OK(place(g, "Старий Міст", NULL) == NULL, "geo-import-1.8 no Cyrillic keys");
    T_OK(place(g, "OLB", NULL) == NULL, "geo-import-1.9 no code-like alternates");
    p = place(g, "New Market", NULL);
    T_OK(p && p->id == 9000002, "geo-import-1.10 alternateNames row");
    T_OK(place(g, "Ghost Town", NULL) == NULL, "geo-import-1.11 orphan alternate dropped");
    p = place(g, "Zeleny Gai", NULL);
    T_OK(p && p->id == 9000003, "geo-import-1.12 accents folded");
    T_OK(place(g, "Gzton", NULL) != NULL, "geo-import-1.13 .gz");
    T_OK(place(g, "Zipville", NULL) != NULL, "geo-import-1.14 stored .zip");
    p = place(g, "Dnipropetrovsk Oblast", NULL);
    T_OK(p && p->id == 709929 && fabs(p->lat - 47.95) < 0.01 && fabs(p->lon - 32.8) < 0.01,
         "geo-import-1.15 division at the centre of its places' box (%.2f, %.2f)",
         p ? p->lat : 0, p ? p->lon : 0);
    T_OK(place(g, "Dnipropetrovsk region", NULL) != NULL, "geo-import-1.16 'X region'");
    T_OK(place(g, "Nowhere Oblast", NULL) == NULL, "geo-import-1.17 no places, no point");
    p = kb_gazetteer_country(g, "UA");
    T_OK(p && p->id == 690791 && fabs(p->lat - 49) < 1, "geo-import-1.18 country point");
    T_OK(place(g, "Ukraine", NULL) == p, "geo-import-1.19 country by name");
    p = kb_gazetteer_admin1(g, "UA", "14");
    T_OK(p && p->id == 702549, "geo-import-1.20 division by code");
    p = place(g, "Black Sea", NULL);
    T_OK(p && (p->flags & KB_GAZ_LISTED), "geo-import-1.21 listed places join");
    kb_gazetteer_free(g);
}

static void test_errors(void)
{
    struct kb_gaz_import_stats st;
    struct kb_error err;
    write_file(path("bad.txt"), "9000009\tBadplace\tBadplace\t\t95.0\t10.0\tP\tPPL\tUA\t\t04\t\t\t"
                                "\t0\t\t0\tEurope/Kyiv\t2024-01-01\n");
    const char *bad[] = {path("bad.txt")};
    long before = count_rows(path("gaz.db"), "SELECT count(*) FROM places");
    T_INT(import(path("gaz.db"), bad, 1, &st, &err), KB_EPARSE, "geo-import-2.1 bad latitude");
    T_INT(err.line, 1, "geo-import-2.1 line");
    T_OK(strstr(err.source, "bad.txt") != NULL, "geo-import-2.1 file named");
    T_INT(count_rows(path("gaz.db"), "SELECT count(*) FROM places"), before,
          "geo-import-2.2 the database is as it was");
    write_file(path("short.txt"), "9000010\tShort\n");
    const char *sh[] = {path("short.txt")};
    T_INT(import(path("new.db"), sh, 1, &st, &err), KB_EPARSE, "geo-import-2.3 short row");
    T_OK(access(path("new.db"), F_OK) != 0, "geo-import-2.4 a failed new database is removed");
    const char *none[] = {path("missing.txt")};
    T_INT(import(path("new.db"), none, 1, &st, &err), KB_ENOTFOUND, "geo-import-2.5 missing");
    write_file(path("notzip.zip"), "this is not a zip archive");
    const char *nz[] = {path("notzip.zip")};
    T_INT(import(path("new.db"), nz, 1, &st, &err), KB_EPARSE, "geo-import-2.6 not a zip");
    /* a knowledge base is not a gazetteer */
    struct kb_store *s = NULL;
    kb_store_open(&s, path("kb.db"), KB_STORE_CREATE, &err);
    kb_store_close(s);
    const char *ok[] = {path("UA.txt")};
    T_INT(import(path("kb.db"), ok, 1, &st, &err), KB_ESCHEMA, "geo-import-2.7 not a gazetteer");
    struct kb_gazetteer *g = NULL;
    T_INT(kb_gazetteer_open_db(&g, path("kb.db"), &err), KB_ESCHEMA,
          "geo-import-2.8 extraction refuses it too");
    T_INT(kb_gazetteer_open_db(&g, path("absent.db"), &err), KB_ENOTFOUND,
          "geo-import-2.9 missing gazetteer");
    T_OK(g == NULL, "geo-import-2.10 nothing returned");
    /* a new database is made beside its name and renamed when complete */
    char tmp[300];
    snprintf(tmp, sizeof tmp, "%s.import-%ld", path("new.db"), (long)getpid());
    T_OK(access(path("new.db"), F_OK) != 0 && access(tmp, F_OK) != 0,
         "geo-import-2.11 a failed import leaves no temporary file");
    const char *ua[] = {path("UA.txt")};
    T_INT(import(path("fresh.db"), ua, 1, &st, &err), KB_OK, "geo-import-2.12 a new database");
    snprintf(tmp, sizeof tmp, "%s.import-%ld", path("fresh.db"), (long)getpid());
    T_OK(access(path("fresh.db"), F_OK) == 0 && access(tmp, F_OK) != 0,
         "geo-import-2.13 it has its name, the temporary file is gone");
    struct kb_gaz_import *im = NULL;
    struct kb_gazetteer *builtin = NULL;
    int rc = kb_gazetteer_builtin(&builtin, &err);
    if (!rc)
        rc = kb_gaz_import_open(&im, path("race.db"), &err);
    write_file(path("race.db"), "someone else's file");
    if (!rc)
        rc = kb_gaz_import_file(im, ua[0], &st, &err);
    if (!rc)
        rc = kb_gaz_import_finish(im, builtin, &st, &err);
    kb_gaz_import_close(im);
    kb_gazetteer_free(builtin);
    T_INT(rc, KB_EIO, "geo-import-2.14 a file that appeared meanwhile is not replaced");
    T_OK(strstr(err.msg, "appeared") != NULL, "geo-import-2.14 said so (%s)", err.msg);
    FILE *f = fopen(path("race.db"), "rb");
    char got[32] = "";
    if (f) {
        T_OK(fgets(got, sizeof got, f) != NULL, "geo-import-2.15 read it back");
        fclose(f);
    }
    T_OK(strcmp(got, "someone else's file") == 0, "geo-import-2.15 it is as it was");
    snprintf(tmp, sizeof tmp, "%s.import-%ld", path("race.db"), (long)getpid());
    T_OK(access(tmp, F_OK) != 0, "geo-import-2.16 and the temporary file is gone");
}

static void test_extract_with_db(void)
{
    struct kb_extractor ex;
    struct kb_error err;
    struct kb_gazetteer *g = NULL;
    T_INT(kb_extractor_init(&ex, &err), KB_OK, "geo-import-3.1 extractor");
    T_INT(kb_gazetteer_open_db(&g, path("gaz.db"), &err), KB_OK, "geo-import-3.1 open");
    if (!g)
        return;
    kb_gazetteer_free((struct kb_gazetteer *)ex.gaz);
    ex.gaz = g;
    const char *text = "Shelling hit Oldbridge and Newmarket in eastern Ukraine.";
    struct kb_doc *d = kb_doc_new(text, strlen(text));
    T_INT(kb_extract(&ex, d), KB_OK, "geo-import-3.2 extract");
    const struct kb_place *p = t_place(d, "Oldbridge");
    T_OK(p && p->resolved && p->geonameid == 9000001, "geo-import-3.3 resolved from the db");
    T_OK(p && p->in_admin1.name && strcmp(p->in_admin1.name, "Dnipropetrovsk Oblast") == 0 &&
             p->in_country.geonameid == 690791,
         "geo-import-3.4 its division and country");
    p = t_place(d, "Ukraine");
    T_OK(p && p->resolved && p->geonameid == 690791, "geo-import-3.5 the country");
    kb_doc_free(d);
    kb_extractor_release(&ex);
}

static void test_keys(void)
{
    static const char *const names[] = {
        "Liège", "Saint-Denis", "Kyiv’s", "Zürich", "Ho Chi Minh City", "St. Petersburg",
        "Nizhniy  Novgorod", " Spaced ", "Ḩalab", "Øresund", "São Tomé", "Ciudad Juárez",
        "L'Aquila", "Garmisch–Partenkirchen", "İstanbul"};
    struct kb_buf a, b;
    kb_buf_init(&a);
    kb_buf_init(&b);
    for (size_t i = 0; i < KB_ARRAY_LEN(names); i++) {
        kb_buf_reset(&a);
        kb_buf_reset(&b);
        kbp_gaz_name_key(names[i], strlen(names[i]), &a);
        kb_phrase_key(names[i], strlen(names[i]), &b);
        T_OK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0,
             "geo-import-4.1 key of '%s': importer '%s', phrase key '%s'", names[i], a.data,
             b.data);
    }
    kb_buf_release(&a);
    kb_buf_release(&b);
}

static void test_real_dumps(void)
{
    const char *shared = getenv("KB_SHARED") ? getenv("KB_SHARED") : "../shared";
    char ua[512], a1[512], ci[512], c15[512];
    snprintf(ua, sizeof ua, "%s/geonames/UA.txt", shared);
    snprintf(a1, sizeof a1, "%s/geonames/admin1CodesASCII.txt", shared);
    snprintf(ci, sizeof ci, "%s/geonames/countryInfo.txt", shared);
    snprintf(c15, sizeof c15, "%s/geonames/cities15000.txt", shared);
    if (access(ua, R_OK) || access(a1, R_OK) || access(ci, R_OK) || access(c15, R_OK)) {
        printf("geo-import-5.x skipped: the GeoNames dumps are not in %s/geonames\n", shared);
        return;
    }
    /* the importer's keys are the phrase keys, on real names in many languages */
    FILE *f = fopen(c15, "r");
    char line[20000];
    long names = 0, differ = 0;
    struct kb_buf a, b;
    kb_buf_init(&a);
    kb_buf_init(&b);
    for (int row = 0; f && row < 3000 && fgets(line, sizeof line, f); row++) {
        char *fld[4], *p = line;
        for (int k = 0; k < 4; k++) {
            fld[k] = p;
            p = strchr(p, '\t');
            if (!p)
                break;
            *p++ = '\0';
        }
        if (!p)
            continue;
        for (int k = 1; k < 4; k++)
            for (char *q = fld[k]; *q;) {
                size_t n = k < 3 ? strlen(q) : strcspn(q, ",");
                kb_buf_reset(&a);
                kb_buf_reset(&b);
                kbp_gaz_name_key(q, n, &a);
                kb_phrase_key(q, n, &b);
                names++;
                if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0) {
                    if (differ++ < 3)
                        fprintf(stderr, "key of '%.*s': '%s' vs '%s'\n", (int)n, q, a.data,
                                b.data);
                }
                q += n;
                if (*q == ',')
                    q++;
            }
    }
    if (f)
        fclose(f);
    kb_buf_release(&a);
    kb_buf_release(&b);
    T_OK(names > 10000 && differ == 0, "geo-import-4.2 %ld of %ld real names keyed differently",
         differ, names);
    const char *files[] = {ci, a1, c15, ua};
    struct kb_gaz_import_stats st;
    struct kb_error err;
    T_OK(import(path("real.db"), files, 4, &st, &err) == KB_OK, "geo-import-5.1 import: %s",
         err.msg);
    T_OK(st.rows > 45000 + 32000 + 3800, "geo-import-5.2 every row read (%lld)", st.rows);
    T_OK(count_rows(path("real.db"), "SELECT count(*) FROM places WHERE cc = 'UA' AND fcode = "
                                     "'ADM1' AND derived = 0") >= 24,
         "geo-import-5.3 Ukraine's oblasts with their own points");
    struct kb_gazetteer *g = NULL;
    if (kb_gazetteer_open_db(&g, path("real.db"), &err))
        return;
    size_t n;
    const struct kb_gaz_place *p = place(g, "Kyiv", &n);
    bool kyiv = false;
    for (size_t i = 0; p && i < n; i++)
        kyiv |= g->places.v[kb_gazetteer_lookup(g, "kyiv", 4, &n)[i]].id == 703448;
    T_OK(kyiv, "geo-import-5.4 Kyiv");
    p = place(g, "Pripyat", &n);
    T_OK(p != NULL, "geo-import-5.5 Pripyat (%zu places)", n);
    const struct kb_gaz_place *tx = kb_gazetteer_admin1(g, "US", "TX");
    T_OK(tx && kb_geo_distance_km(tx->lat, tx->lon, 31.3, -99.3) < 161,
         "geo-import-5.6 Texas derived within 161 km of its centre");
    kb_gazetteer_free(g);
}

/* ---- the knowledge base ---- */

static long count(struct kb_store *s, const char *sql)
{
    sqlite3_stmt *st;
    long n = -1;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void ingest(struct kb_store *s, const char *text)
{
    struct kb_error err;
    struct kb_ingest_stats st;
    memset(&st, 0, sizeof st);
    struct kb_doc *d = t_extract(text, "2022-03-16");
    kb_store_begin(s, &err);
    T_INT(kb_store_ingest(s, d, NULL, &st, &err), KB_OK, "geo-store ingest");
    kb_store_commit(s, &err);
    kb_doc_free(d);
}

static char *export(struct kb_store *s, const struct kb_places_query *q, int format, int *rc)
{
    char *buf = NULL;
    size_t len = 0;
    struct kb_error err;
    FILE *f = open_memstream(&buf, &len);
    *rc = kb_export_places(s, q, format, f, &err);
    fclose(f);
    return buf;
}

static void test_store(void)
{
    struct kb_store *s = NULL;
    struct kb_error err;
    T_INT(kb_store_open(&s, path("geo-kb.db"), KB_STORE_CREATE, &err), KB_OK, "geo-store open");
    if (!s)
        return;
    ingest(s, "Troops left Pripyat for Kyiv. Shelling near Chernobyl was reported.");
    ingest(s, "Workers returned to Pripyat. Officials in Moscow and Fiji said nothing.");
    T_INT(count(s, "SELECT count(*) FROM edges e JOIN places a ON a.id = e.src JOIN places b"
                   " ON b.id = e.dst WHERE e.kind = 'part_of' AND a.name = 'Pripyat'"
                   " AND b.name IN ('Kyiv Oblast', 'Ukraine')"),
          2, "geo-store-1.1 Pripyat part_of its oblast and country, once");
    T_INT(count(s, "SELECT count(*) FROM edges e JOIN places a ON a.id = e.src JOIN places b"
                   " ON b.id = e.dst WHERE e.kind = 'part_of' AND a.name = 'Kyiv Oblast'"
                   " AND b.name = 'Ukraine'"),
          1, "geo-store-1.2 the oblast part_of the country");
    T_INT(count(s, "SELECT count(*) FROM edges WHERE kind = 'part_of' AND article IS NOT NULL"), 0,
          "geo-store-1.3 geography is no article's claim");
    T_INT(count(s, "SELECT count(*) FROM places_rtree"),
          count(s, "SELECT count(*) FROM places WHERE lat IS NOT NULL"),
          "geo-store-1.4 an R*Tree row per place with coordinates");
    T_INT(count(s, "SELECT round(kb_distance_km(51.40541, 30.05803, 51.27359, 30.22249))"), 19,
          "geo-store-2.1 kb_distance_km");
    T_INT(count(s, "SELECT kb_distance_km(NULL, 1, 2, 3) IS NULL"), 1, "geo-store-2.2 NULL in");
    struct kb_places_query q = {true, 51.27, 30.22, 50, NULL, 0};
    int rc;
    char *out = export(s, &q, KB_PL_CSV, &rc);
    T_OK(rc == KB_OK && out && strstr(out, "Pripyat") && strstr(out, "Chernobyl") &&
             !strstr(out, "Moscow") && !strstr(out, "\nKyiv,"),
         "geo-store-2.3 within 50 km of Chernobyl");
    free(out);
    struct kb_places_query far = {true, -18.0, -179.9, 700, NULL, 0};
    out = export(s, &far, KB_PL_CSV, &rc);
    T_OK(rc == KB_OK && out && strstr(out, "Fiji"), "geo-store-2.4 across the antimeridian");
    free(out);
    struct kb_places_query all = {false, 0, 0, 0, "UA", 0};
    out = export(s, &all, KB_PL_GEOJSON, &rc);
    json_error_t je;
    json_t *fc = out ? json_loads(out, 0, &je) : NULL;
    json_t *feats = json_object_get(fc, "features");
    bool shape = json_is_array(feats) && json_array_size(feats) > 2 &&
                 strcmp(json_string_value(json_object_get(fc, "type")), "FeatureCollection") == 0;
    bool pripyat = false;
    for (size_t i = 0; shape && i < json_array_size(feats); i++) {
        json_t *f = json_array_get(feats, i), *pr = json_object_get(f, "properties");
        json_t *co = json_object_get(json_object_get(f, "geometry"), "coordinates");
        shape &= strcmp(json_string_value(json_object_get(f, "type")), "Feature") == 0 &&
                 strcmp(json_string_value(json_object_get(pr, "country")), "UA") == 0;
        if (strcmp(json_string_value(json_object_get(pr, "name")), "Pripyat") == 0)
            pripyat = json_array_size(co) == 2 &&
                      fabs(json_real_value(json_array_get(co, 0)) - 30.058) < 0.01 &&
                      fabs(json_real_value(json_array_get(co, 1)) - 51.405) < 0.01 &&
                      json_integer_value(json_object_get(pr, "mentions")) == 2;
    }
    T_OK(rc == KB_OK && shape, "geo-store-2.5 GeoJSON FeatureCollection of Ukraine's places");
    T_OK(pripyat, "geo-store-2.6 [lon, lat] and the mention count");
    json_decref(fc);
    free(out);
    struct kb_places_query bad = {true, 91, 0, 10, NULL, 0};
    out = export(s, &bad, KB_PL_TABLE, &rc);
    T_INT(rc, KB_EUSAGE, "geo-store-3.1 latitude out of range");
    free(out);
    struct kb_places_query neg = {true, 0, 0, -1, NULL, 0};
    out = export(s, &neg, KB_PL_TABLE, &rc);
    T_INT(rc, KB_EUSAGE, "geo-store-3.2 negative radius");
    free(out);
    kb_store_close(s);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    t_setup();
    test_import();
    test_errors();
    test_extract_with_db();
    test_keys();
    test_real_dumps();
    test_store();
    kb_extractor_release(&t_ex);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", dir);
    return t_done();
}
