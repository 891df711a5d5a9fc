/*
 * import.c -- `kb gazetteer import`: stream GeoNames dumps into a gazetteer
 * database.
 *
 * Input: the files GeoNames publishes -- allCountries.txt and per-country
 * dumps (XX.txt), cities500/1000/5000/15000.txt, alternateNamesV2.txt (or the
 * older alternateNames.txt), admin1CodesASCII.txt, admin2Codes.txt,
 * countryInfo.txt -- plain, gzip-compressed, or zipped as downloaded (every
 * member of a .zip is read; readme and language-code members are skipped).
 * The kind of a file is told by its name.
 *
 * Streaming: one line at a time from a 1 MB buffer, parsed on a second
 * thread in batches (each sorted by id, so B-tree pages fill in order), stored
 * by a prepared INSERT of 16 places at a time, everything in one transaction;
 * the names are kept in memory, sorted and packed once by
 * kb_gaz_import_finish().  A new database is filled in a file beside its name
 * (64 KB pages, no rollback journal, no syncs: a failed import just deletes
 * it) and takes its name when complete; an existing one is updated in place
 * under its rollback journal.
 *
 * Names: a place's name, ASCII name and Latin-script alternate names are
 * stored under their phrase key (kb_fold after collapsing spaces: the key
 * kb_phrase_key gives, without tokenizing; tests check they agree).
 * Non-Latin alternates are kept out: text in other scripts does not reach
 * kb's English extraction.
 *
 * Derived points (finish): the dumps name divisions and countries that a
 * cities file or a country dump may not hold as features.  A first- or
 * second-level division without a feature row gets the centre of the
 * bounding box of its populated places; a country without one gets the
 * built-in gazetteer's point for it, else the same bounding-box centre.
 * Such rows carry their GeoNames id (from admin1CodesASCII, admin2Codes,
 * countryInfo) and derived = 1.
 */
#include "geo.h"
#include "extract/lexicon.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <utf8proc.h>
#include <zlib.h>

/* ---- reading plain, gzip and zip files line by line ---- */

enum { BUF = 1 << 20 };

struct reader {
    FILE *f;
    gzFile gz;
    bool zip;             /* reading one member of a zip */
    z_stream zs;
    bool zs_init;
    int method;           /* zip member: 0 stored, 8 deflated */
    uint64_t left;        /* compressed bytes of the member not yet read */
    unsigned char *in;    /* compressed input buffer (zip) */
    char *buf;            /* decoded bytes buf[start..end) */
    size_t start, end;
    bool eof;
    long line;
};

static void reader_close(struct reader *r)
{
    if (r->zs_init)
        inflateEnd(&r->zs);
    if (r->gz)
        gzclose(r->gz);
    else if (r->f)
        fclose(r->f);
    free(r->in);
    free(r->buf);
    memset(r, 0, sizeof *r);
}

/* Read up to n decoded bytes into dst: count, 0 at the end, -1 on error. */
static long fill_raw(struct reader *r, char *dst, size_t n)
{
    if (r->gz) {
        int k = gzread(r->gz, dst, (unsigned)n);
        return k < 0 ? -1 : k;
    }
    if (!r->zip) {
        size_t k = fread(dst, 1, n, r->f);
        return k == 0 && ferror(r->f) ? -1 : (long)k;
    }
    if (r->method == 0) {
        size_t want = (size_t)KB_MIN((uint64_t)n, r->left);
        size_t k = want ? fread(dst, 1, want, r->f) : 0;
        if (k < want)
            return -1;
        r->left -= k;
        return (long)k;
    }
    r->zs.next_out = (Bytef *)dst;
    r->zs.avail_out = (uInt)n;
    while (r->zs.avail_out == n) {
        if (r->zs.avail_in == 0 && r->left > 0) {
            size_t want = (size_t)KB_MIN((uint64_t)BUF, r->left);
            size_t k = fread(r->in, 1, want, r->f);
            if (k < want)
                return -1;
            r->left -= k;
            r->zs.next_in = r->in;
            r->zs.avail_in = (uInt)k;
        }
        int zr = inflate(&r->zs, Z_NO_FLUSH);
        if (zr == Z_STREAM_END)
            break;
        if (zr != Z_OK && !(zr == Z_BUF_ERROR && r->zs.avail_in == 0 && r->left == 0))
            return -1;
        if (zr == Z_BUF_ERROR)
            return -1; /* input ended before the stream did */
    }
    return (long)(n - r->zs.avail_out);
}

/*
 * The next line (without its newline, NUL-terminated, writable) in *line:
 * 1, 0 at the end, -1 on a read error.
 */
static int reader_line(struct reader *r, char **line, size_t *len)
{
    for (;;) {
        char *nl = r->start < r->end ? memchr(r->buf + r->start, '\n', r->end - r->start) : NULL;
        if (nl || (r->eof && r->start < r->end)) {
            char *ls = r->buf + r->start;
            char *le = nl ? nl : r->buf + r->end;
            r->start = nl ? (size_t)(nl - r->buf) + 1 : r->end;
            if (le > ls && le[-1] == '\r')
                le--;
            *le = '\0';
            *line = ls;
            *len = (size_t)(le - ls);
            r->line++;
            return 1;
        }
        if (r->eof)
            return 0;
        /* move the partial line to the front and read more */
        if (r->start > 0) {
            memmove(r->buf, r->buf + r->start, r->end - r->start);
            r->end -= r->start;
            r->start = 0;
        }
        if (r->end + 1 >= BUF) /* a line longer than the buffer */
            return -1;
        long k = fill_raw(r, r->buf + r->end, BUF - 1 - r->end);
        if (k < 0)
            return -1;
        if (k == 0)
            r->eof = true;
        r->end += (size_t)k;
    }
}

static int reader_alloc(struct reader *r)
{
    r->buf = malloc(BUF);
    return r->buf ? KB_OK : KB_ENOMEM;
}

/* ---- zip directory ---- */

struct zip_member {
    char name[256];
    uint64_t offset;  /* of the local header */
    uint64_t csize;
    int method;
};

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

/* The members of the zip file f (caller frees *out). */
static int zip_members(FILE *f, struct zip_member **out, size_t *n, struct kb_error *err,
                       const char *path)
{
    unsigned char tail[65536 + 22];
    if (fseek(f, 0, SEEK_END) != 0)
        return kb_error_set(err, KB_EIO, "cannot read '%s': %s", path, strerror(errno));
    long size = ftell(f);
    long from = size > (long)sizeof tail ? size - (long)sizeof tail : 0;
    if (size < 22 || fseek(f, from, SEEK_SET) != 0)
        return kb_error_set(err, KB_EPARSE, "'%s' is not a zip file", path);
    size_t got = fread(tail, 1, (size_t)(size - from), f);
    long eocd = -1;
    for (long i = (long)got - 22; i >= 0; i--)
        if (le32(tail + i) == 0x06054b50) {
            eocd = i;
            break;
        }
    if (eocd < 0)
        return kb_error_set(err, KB_EPARSE, "'%s' is not a zip file (no directory)", path);
    size_t count = le16(tail + eocd + 10);
    uint64_t cd_off = le32(tail + eocd + 16);
    if (cd_off == 0xFFFFFFFFu || count == 0xFFFF)
        return kb_error_set(err, KB_EPARSE, "'%s' is a zip64 file; unzip it first", path);
    struct zip_member *m = calloc(count + 1, sizeof *m);
    if (!m)
        return kb_error_set(err, KB_ENOMEM, "out of memory");
    if (fseek(f, (long)cd_off, SEEK_SET) != 0) {
        free(m);
        return kb_error_set(err, KB_EPARSE, "'%s': bad zip directory", path);
    }
    for (size_t i = 0; i < count; i++) {
        unsigned char h[46];
        if (fread(h, 1, 46, f) != 46 || le32(h) != 0x02014b50) {
            free(m);
            return kb_error_set(err, KB_EPARSE, "'%s': bad zip directory", path);
        }
        size_t nl = le16(h + 28), xl = le16(h + 30), cl = le16(h + 32);
        char name[65536];
        if (fread(name, 1, nl, f) != nl || fseek(f, (long)(xl + cl), SEEK_CUR) != 0) {
            free(m);
            return kb_error_set(err, KB_EPARSE, "'%s': bad zip directory", path);
        }
        snprintf(m[i].name, sizeof m[i].name, "%.*s", (int)KB_MIN(nl, 255u), name);
        m[i].method = le16(h + 10);
        m[i].csize = le32(h + 20);
        m[i].offset = le32(h + 42);
        if (m[i].csize == 0xFFFFFFFFu || m[i].offset == 0xFFFFFFFFu) {
            free(m);
            return kb_error_set(err, KB_EPARSE, "'%s' is a zip64 file; unzip it first", path);
        }
    }
    *out = m;
    *n = count;
    return KB_OK;
}

/* Position r (over the open zip r->f) at the data of member m. */
static int zip_open_member(struct reader *r, const struct zip_member *m, struct kb_error *err,
                           const char *path)
{
    unsigned char h[30];
    if (fseek(r->f, (long)m->offset, SEEK_SET) != 0 || fread(h, 1, 30, r->f) != 30 ||
        le32(h) != 0x04034b50 ||
        fseek(r->f, (long)(le16(h + 26) + le16(h + 28)), SEEK_CUR) != 0)
        return kb_error_set(err, KB_EPARSE, "'%s': bad zip member '%s'", path, m->name);
    if (m->method != 0 && m->method != 8)
        return kb_error_set(err, KB_EPARSE, "'%s': member '%s' uses an unsupported compression",
                            path, m->name);
    r->zip = true;
    r->method = m->method;
    r->left = m->csize;
    r->start = r->end = 0;
    r->eof = false;
    r->line = 0;
    if (r->zs_init) {
        inflateEnd(&r->zs);
        r->zs_init = false;
    }
    if (m->method == 8) {
        memset(&r->zs, 0, sizeof r->zs);
        if (inflateInit2(&r->zs, -MAX_WBITS) != Z_OK)
            return kb_error_set(err, KB_ENOMEM, "out of memory");
        r->zs_init = true;
        if (!r->in && !(r->in = malloc(BUF)))
            return kb_error_set(err, KB_ENOMEM, "out of memory");
    }
    return KB_OK;
}

/* ---- the import ---- */

enum kind { K_SKIP, K_GEONAME, K_ADMIN1, K_ADMIN2, K_COUNTRY, K_ALTNAMES };
static const char *const kind_names[] = {"skipped", "geonames", "admin1", "admin2",
                                         "countries", "alternate names"};

enum {
    S_PLACE,
    S_BLOCK,
    S_HAS_PLACE,
    S_LIST,
    S_LISTED,
    S_PLACES,
    S_ADMIN1,
    S_ADMIN2,
    S_COUNTRY,
    S_SOURCE,
    S__MAX
};

static const char *const sql[S__MAX] = {
    [S_PLACE] = "INSERT OR REPLACE INTO places(id, name, lat, lon, fclass, fcode, cc, admin1,"
                " admin2, population, derived) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [S_LIST] = "UPDATE places SET listed = 1 WHERE id = ?1",
    [S_PLACES] = NULL, /* PLACE_ROWS rows at once, made by places_sql() */
    [S_LISTED] = "INSERT OR REPLACE INTO places(id, name, lat, lon, fclass, fcode, cc, admin1,"
                 " admin2, population, derived, listed)"
                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '', ?9, 0, 1)",
    [S_BLOCK] = "INSERT INTO name_blocks(first_key, data) VALUES (?1, ?2)",
    [S_HAS_PLACE] = "SELECT 1 FROM places WHERE id = ?1",
    [S_ADMIN1] = "INSERT OR REPLACE INTO admin1(code, name, asciiname, geonameid)"
                 " VALUES (?1, ?2, ?3, ?4)",
    [S_ADMIN2] = "INSERT OR REPLACE INTO admin2(code, name, asciiname, geonameid)"
                 " VALUES (?1, ?2, ?3, ?4)",
    [S_COUNTRY] = "INSERT OR REPLACE INTO countries(iso2, iso3, name, capital, population,"
                  " continent, geonameid, neighbours) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [S_SOURCE] = "INSERT INTO sources(path, kind, rows) VALUES (?1, ?2, ?3)",
};

/* A name waiting to be stored: key bytes in a pool (see struct namer). */
struct pending {
    uint64_t off : 48;   /* key bytes at pool.data + off */
    uint64_t len : 15;
    uint64_t check : 1;  /* from an alternate-names file: keep only if the place exists */
    sqlite3_int64 place;
};

struct pending_vec {
    struct pending *v;
    size_t n, cap;
};

/* Code points whose folded form is looked up, not computed: Latin letters. */
#define LATIN_LO 0x80
#define LATIN_HI 0x250
#define LATIN_EXT_LO 0x1E00
#define LATIN_EXT_HI 0x1F00
#define LATIN_N ((LATIN_HI - LATIN_LO) + (LATIN_EXT_HI - LATIN_EXT_LO))

/* Makes the name keys of one row at a time and appends them to names/pool. */
struct namer {
    struct kb_buf key, norm;  /* scratch */
    size_t row_start;         /* names->v index of the current row's first name */
    struct pending_vec *names;
    struct kb_buf *pool;
    bool checking;            /* names now come from an alternate-names file */
    long long count;          /* names added */
    /* kb_fold of each Latin letter by itself (fold_len 255: fold the whole
       name instead); made once per namer */
    char (*fold)[6];
    unsigned char *fold_len;
};

/* Bytes of a name block (see the name_blocks table). */
#define BLOCK_BYTES 4096

struct kb_gaz_import {
    sqlite3 *db;
    char *path;
    bool created;            /* the file did not exist before */
    char *tmp;               /* created: the file filled, renamed to path at the end */
    sqlite3_stmt *st[S__MAX];
    bool in_tx;
    struct pending_vec names; /* names not yet stored */
    struct kb_buf pool;       /* their key bytes */
    struct namer namer;       /* for names made on this thread */
};

static int latin_index(int32_t cp)
{
    if (cp >= LATIN_LO && cp < LATIN_HI)
        return cp - LATIN_LO;
    if (cp >= LATIN_EXT_LO && cp < LATIN_EXT_HI)
        return (LATIN_HI - LATIN_LO) + (cp - LATIN_EXT_LO);
    return -1;
}

/* names/pool may be NULL until a batch is given; the fold table may be
   missing on OOM (every name is then folded whole). */
static void namer_init(struct namer *nm, struct pending_vec *names, struct kb_buf *pool)
{
    memset(nm, 0, sizeof *nm);
    kb_buf_init(&nm->key);
    kb_buf_init(&nm->norm);
    nm->names = names;
    nm->pool = pool;
    kb_buf_grow(&nm->key, 256); /* room for the ASCII fast path of name_key */
    nm->fold = malloc(LATIN_N * sizeof *nm->fold);
    nm->fold_len = malloc(LATIN_N);
    if (!nm->fold || !nm->fold_len) {
        free(nm->fold);
        free(nm->fold_len);
        nm->fold = NULL;
        nm->fold_len = NULL;
        return;
    }
    for (int32_t cp = LATIN_LO; cp < LATIN_EXT_HI; cp++) {
        int i = latin_index(cp);
        if (i < 0)
            continue;
        unsigned char u[4];
        utf8proc_ssize_t ul = utf8proc_encode_char(cp, u);
        kb_buf_reset(&nm->key);
        nm->fold_len[i] = 255;
        if (ul > 0 && kb_fold((const char *)u, (size_t)ul, &nm->key) == KB_OK &&
            nm->key.len < sizeof nm->fold[i]) {
            memcpy(nm->fold[i], nm->key.data, nm->key.len);
            nm->fold_len[i] = (unsigned char)nm->key.len;
        }
    }
}

static void namer_release(struct namer *nm)
{
    kb_buf_release(&nm->key);
    kb_buf_release(&nm->norm);
    free(nm->fold);
    free(nm->fold_len);
}

/*
 * Fold s into out letter by letter from the table: ASCII lower-cased, Latin
 * letters looked up.  False (out unchanged) when some character is not in
 * the table: the caller folds the whole string instead.
 */
static bool fold_latin(const struct namer *nm, const char *s, size_t n, struct kb_buf *out)
{
    if (!nm->fold || (out->cap - out->len < n * 3 + 9 && kb_buf_grow(out, n * 3 + 8)))
        return false;
    char *d = out->data + out->len, *start = d;
    size_t cap = out->cap - out->len - 1;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            *d++ = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        int32_t cp;
        int len = kb_utf8_decode(s + i, n - i, &cp);
        int k = latin_index(cp);
        if (k < 0 || nm->fold_len[k] == 255 || (size_t)(d - start) + nm->fold_len[k] > cap)
            return false;
        memcpy(d, nm->fold[k], nm->fold_len[k]);
        d += nm->fold_len[k];
        i += (size_t)len;
    }
    out->len += (size_t)(d - start);
    out->data[out->len] = '\0';
    return true;
}

/* Rows stored by one INSERT statement (fewer statements, the same rows). */
#define PLACE_ROWS 16

/* INSERT of PLACE_ROWS places, 10 parameters each, derived = 0. */
static void places_sql(char *buf, size_t n)
{
    size_t at = (size_t)snprintf(buf, n, "INSERT OR REPLACE INTO places(id, name, lat, lon, "
                                         "fclass, fcode, cc, admin1, admin2, population, "
                                         "derived) VALUES ");
    for (int r = 0; r < PLACE_ROWS && at < n; r++)
        at += (size_t)snprintf(buf + at, n - at, "%s(?,?,?,?,?,?,?,?,?,?,0)", r ? "," : "");
}

static int db_error(struct kb_gaz_import *im, struct kb_error *err, const char *what)
{
    int code = sqlite3_errcode(im->db);
    return kb_error_set(err, code == SQLITE_FULL ? KB_EFULL : KB_EDB, "%s in '%s': %s", what,
                        im->path, sqlite3_errmsg(im->db));
}

static int exec(struct kb_gaz_import *im, const char *q, struct kb_error *err)
{
    if (sqlite3_exec(im->db, q, NULL, NULL, NULL) != SQLITE_OK)
        return db_error(im, err, "cannot update the gazetteer");
    return KB_OK;
}

void kb_gaz_import_close(struct kb_gaz_import *im)
{
    if (!im)
        return;
    for (int i = 0; i < S__MAX; i++)
        sqlite3_finalize(im->st[i]);
    bool failed = im->in_tx;
    if (im->in_tx)
        sqlite3_exec(im->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(im->db);
    if (failed && im->tmp) /* leave no half-made database behind */
        remove(im->tmp);
    free(im->tmp);
    namer_release(&im->namer);
    kb_buf_release(&im->pool);
    free(im->names.v);
    free(im->path);
    free(im);
}

int kb_gaz_import_open(struct kb_gaz_import **out, const char *path, struct kb_error *err)
{
    struct kb_gaz_import *im = calloc(1, sizeof *im);
    if (!im || !(im->path = strdup(path))) {
        free(im);
        return kb_error_set(err, KB_ENOMEM, "out of memory");
    }
    kb_buf_init(&im->pool);
    namer_init(&im->namer, &im->names, &im->pool);
    int rc = KB_OK;
    FILE *probe = fopen(path, "rb");
    im->created = !probe;
    if (probe)
        fclose(probe);
    /* a new database is made beside its name and renamed when complete, so
       nobody opens a half-made one; it needs no rollback journal.  SQLite's
       in-memory database (":memory:", the fuzz target's) is no file. */
    if (im->created && strcmp(path, ":memory:") != 0) {
        size_t n = strlen(path) + 40;
        if (!(im->tmp = malloc(n))) {
            rc = kb_error_set(err, KB_ENOMEM, "out of memory");
            goto out;
        }
        snprintf(im->tmp, n, "%s.import-%ld", path, (long)getpid());
        remove(im->tmp);
    }
    if (sqlite3_open_v2(im->tmp ? im->tmp : path, &im->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        rc = kb_error_set(err, KB_EIO, "cannot open gazetteer '%s': %s", path,
                          im->db ? sqlite3_errmsg(im->db) : "out of memory");
        goto out;
    }
    sqlite3_busy_timeout(im->db, 5000);
    /* an existing file must be a gazetteer database (or empty) */
    sqlite3_stmt *q = NULL;
    long appid = -1, version = 0, tables = 0;
    if (sqlite3_prepare_v2(im->db, "SELECT (SELECT application_id FROM pragma_application_id),"
                           " (SELECT user_version FROM pragma_user_version),"
                           " (SELECT count(*) FROM sqlite_schema)", -1, &q, NULL) != SQLITE_OK ||
        sqlite3_step(q) != SQLITE_ROW) {
        sqlite3_finalize(q);
        rc = kb_error_set(err, KB_ESCHEMA, "'%s' is not a SQLite database", path);
        goto out;
    }
    appid = (long)sqlite3_column_int64(q, 0);
    version = (long)sqlite3_column_int64(q, 1);
    tables = (long)sqlite3_column_int64(q, 2);
    sqlite3_finalize(q);
    if (tables > 0 && appid != KB_GAZDB_APPID) {
        rc = kb_error_set(err, KB_ESCHEMA, "'%s' is not a gazetteer database", path);
        goto out;
    }
    if (tables > 0 && version != KB_GAZDB_VERSION) {
        rc = kb_error_set(err, KB_ESCHEMA, "gazetteer '%s' has schema version %ld, this kb "
                          "writes version %d", path, version, KB_GAZDB_VERSION);
        goto out;
    }
    char pragmas[160];
    snprintf(pragmas, sizeof pragmas, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
             KB_GAZDB_APPID, KB_GAZDB_VERSION);
    /* a new file has nothing to protect from a crash: no syncs while filling it */
    if ((im->created && (rc = exec(im, "PRAGMA page_size = 65536; PRAGMA journal_mode = OFF", err))) ||
        (rc = exec(im, "PRAGMA temp_store = MEMORY", err)) ||
        (rc = exec(im, im->created ? "PRAGMA synchronous = OFF" : "PRAGMA synchronous = NORMAL",
                   err)) ||
        (rc = exec(im, "PRAGMA cache_size = -262144", err)) ||
        (rc = exec(im, "BEGIN IMMEDIATE", err)))
        goto out;
    im->in_tx = true;
    if ((rc = exec(im, pragmas, err)) || (rc = exec(im, kbp_gazdb_schema, err)))
        goto out;
    char many[PLACE_ROWS * 40 + 200];
    places_sql(many, sizeof many);
    for (int i = 0; i < S__MAX; i++)
        if (sqlite3_prepare_v3(im->db, sql[i] ? sql[i] : many, -1, SQLITE_PREPARE_PERSISTENT,
                               &im->st[i], NULL) !=
            SQLITE_OK) {
            rc = db_error(im, err, "cannot prepare the import");
            goto out;
        }
out:
    if (rc) {
        kb_gaz_import_close(im);
        return rc;
    }
    *out = im;
    return KB_OK;
}

/* ---- names ---- */

/* Is cp a letter, mark or punctuation of the Latin script (or a space)? */
static bool latin_cp(int32_t cp)
{
    return cp < 0x250 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2000 && cp <= 0x206F) ||
           (cp >= 0x300 && cp <= 0x36F);
}

/*
 * Is this alternate name worth a key: Latin script, 2..48 bytes, starting
 * with a capital, no digits or URLs, not a short all-capitals code (IATA,
 * ICAO).
 */
static bool good_alternate(const char *s, size_t n)
{
    if (n < 2 || n > 48)
        return false;
    bool lower = false;
    size_t i = 0;
    int32_t first = -1;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { /* ASCII: no table lookups */
            if (c >= '0' && c <= '9')
                return false;
            if (first < 0) {
                if (c < 'A' || c > 'Z')
                    return false;
                first = c;
            }
            lower |= c >= 'a' && c <= 'z';
            i++;
            continue;
        }
        int32_t cp;
        int len = kb_utf8_decode(s + i, n - i, &cp);
        if (!latin_cp(cp) || (cp >= '0' && cp <= '9'))
            return false;
        if (first < 0)
            first = cp;
        if (utf8proc_category(cp) == UTF8PROC_CATEGORY_LL)
            lower = true;
        i += (size_t)len;
    }
    if (first >= 0x80 && utf8proc_category(first) != UTF8PROC_CATEGORY_LU)
        return false;
    if (!lower && n <= 4)
        return false;
    for (size_t k = 0; k + 4 <= n; k++)
        if (s[k] == 'h' && s[k + 1] == 't' && s[k + 2] == 't' && s[k + 3] == 'p')
            return false;
    return true;
}

/* Is cp a space for the tokenizer (and so a word break in a phrase key)? */
static bool space_cp(int32_t cp)
{
    if (cp < 0x80)
        return cp <= ' ' || cp == 0x7F;
    if (cp == 0x85 || cp == 0x2028 || cp == 0x2029)
        return true;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
        return true;
    default:
        return false;
    }
}

/*
 * The phrase key of s: runs of what the tokenizer takes for space (ASCII
 * controls, Unicode spaces, format characters such as ZWNJ) become one
 * space, trimmed; then folded (see the file header).
 */
static int name_key(struct namer *im, const char *s, size_t n)
{
    kb_buf_reset(&im->norm);
    kb_buf_reset(&im->key);
    /* the usual name: printable ASCII, single spaces between words; its key
       is the name in lower case */
    if (n > 0 && s[0] != ' ' && s[n - 1] != ' ' && im->key.cap > n) {
        char *d = im->key.data;
        size_t i = 0;
        for (; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c < ' ' || c >= 0x7F || (c == ' ' && s[i + 1] == ' '))
                break;
            d[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        if (i == n) {
            d[n] = '\0';
            im->key.len = n;
            return KB_OK;
        }
    }
    bool plain = n > 0;
    for (size_t i = 0; plain && i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c <= ' ' || c == 0x7F)
                plain = c == ' ' && i > 0 && i + 1 < n && s[i + 1] != ' ' &&
                        (unsigned char)s[i + 1] >= 0x21 && (unsigned char)s[i + 1] < 0x80;
            i++;
            continue;
        }
        int32_t cp;
        i += (size_t)kb_utf8_decode(s + i, n - i, &cp);
        plain = !space_cp(cp);
    }
    if (plain) /* the usual case: nothing to collapse */
        return fold_latin(im, s, n, &im->key) ? KB_OK : kb_fold(s, n, &im->key);
    bool space = false;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int len = kb_utf8_decode(s + i, n - i, &cp);
        if (space_cp(cp)) {
            space = im->norm.len > 0;
        } else {
            if ((space && kb_buf_addc(&im->norm, ' ')) || kb_buf_add(&im->norm, s + i, (size_t)len))
                return KB_ENOMEM;
            space = false;
        }
        i += (size_t)len;
    }
    return fold_latin(im, im->norm.data, im->norm.len, &im->key)
               ? KB_OK
               : kb_fold(im->norm.data, im->norm.len, &im->key);
}

/* Sort entries: the key's first 8 bytes big-endian, then the pending index. */
struct sortkey {
    uint64_t prefix;
    uint32_t i;
};

/* Sort by prefix, stable (LSD radix sort, one byte per pass). */
static int radix_sort(struct sortkey *a, size_t n)
{
    struct sortkey *tmp = malloc((n + 1) * sizeof *tmp);
    if (!tmp)
        return KB_ENOMEM;
    struct sortkey *src = a, *dst = tmp;
    for (int shift = 0; shift < 64; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++)
            count[((src[i].prefix >> shift) & 0xFF) + 1]++;
        if (count[((src[0].prefix >> shift) & 0xFF) + 1] == n)
            continue; /* every key has this byte: nothing moves */
        for (int b = 0; b < 256; b++)
            count[b + 1] += count[b];
        for (size_t i = 0; i < n; i++)
            dst[count[(src[i].prefix >> shift) & 0xFF]++] = src[i];
        struct sortkey *t = src;
        src = dst;
        dst = t;
    }
    if (src != a)
        memcpy(a, src, n * sizeof *a);
    free(tmp);
    return KB_OK;
}

static uint64_t prefix8(const char *k, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < 8; i++)
        v = v << 8 | (i < n ? (unsigned char)k[i] : 0);
    return v;
}

/* Order of two pending names: key (kb_gaz_keycmp), then place. */
static int pending_order(const struct kb_gaz_import *im, uint32_t a, uint32_t b)
{
    const struct pending *x = &im->names.v[a], *y = &im->names.v[b];
    int c = kb_gaz_keycmp(im->pool.data + x->off, x->len, im->pool.data + y->off, y->len);
    if (c)
        return c;
    return x->place < y->place ? -1 : x->place > y->place;
}

static int by_prefix(const void *a, const void *b)
{
    const struct sortkey *x = a, *y = b;
    if (x->prefix != y->prefix)
        return x->prefix < y->prefix ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * Sort sk[lo, hi), whose keys share their first `depth` bytes, by full key
 * then place: short runs by insertion, long ones by the next 8 bytes of the
 * keys (so that many names sharing a long beginning, as the villages of a
 * country do, cost n log n, not n squared).
 */
static void sort_run(const struct kb_gaz_import *im, struct sortkey *sk, size_t lo, size_t hi,
                     size_t depth)
{
    if (hi - lo <= 16) {
        for (size_t i = lo + 1; i < hi; i++) {
            struct sortkey t = sk[i];
            size_t j = i;
            while (j > lo && pending_order(im, sk[j - 1].i, t.i) > 0) {
                sk[j] = sk[j - 1];
                j--;
            }
            sk[j] = t;
        }
        return;
    }
    bool longer = false;
    for (size_t i = lo; i < hi; i++) {
        const struct pending *p = &im->names.v[sk[i].i];
        size_t n = p->len > depth ? p->len - depth : 0;
        sk[i].prefix = prefix8(im->pool.data + p->off + (n ? depth : 0), n);
        longer |= n > 8;
    }
    qsort(sk + lo, hi - lo, sizeof *sk, by_prefix);
    for (size_t a = lo; a < hi;) {
        size_t b = a + 1;
        while (b < hi && sk[b].prefix == sk[a].prefix)
            b++;
        if (b - a > 1 && longer) {
            sort_run(im, sk, a, b, depth + 8);
        } else if (b - a > 1) { /* the same key: by place */
            for (size_t i = a; i < b; i++)
                sk[i].prefix = (uint64_t)im->names.v[sk[i].i].place;
            qsort(sk + a, b - a, sizeof *sk, by_prefix);
        }
        a = b;
    }
}

/* Sort runs of equal 8-byte prefixes by full key. */
static void sort_runs(const struct kb_gaz_import *im, struct sortkey *sk, size_t n)
{
    for (size_t lo = 0; lo < n;) {
        size_t hi = lo + 1;
        while (hi < n && sk[hi].prefix == sk[lo].prefix)
            hi++;
        if (hi - lo > 1)
            sort_run(im, sk, lo, hi, 0);
        lo = hi;
    }
}

static int put_varint(struct kb_buf *b, uint64_t v)
{
    if (b->cap - b->len <= 10 && kb_buf_grow(b, 10))
        return KB_ENOMEM;
    unsigned char *t = (unsigned char *)b->data + b->len;
    size_t n = 0;
    do {
        t[n] = (unsigned char)(v & 0x7F);
        v >>= 7;
        if (v)
            t[n] |= 0x80;
        n++;
    } while (v);
    b->len += n;
    b->data[b->len] = '\0';
    return KB_OK;
}

static int write_block(struct kb_gaz_import *im, const char *first, size_t flen,
                       const struct kb_buf *data, struct kb_error *err)
{
    sqlite3_stmt *q = im->st[S_BLOCK];
    sqlite3_bind_text(q, 1, first, (int)flen, SQLITE_STATIC);
    sqlite3_bind_blob(q, 2, data->data, (int)data->len, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? KB_OK : db_error(im, err, "cannot store names");
}

static bool place_exists(struct kb_gaz_import *im, sqlite3_int64 id)
{
    sqlite3_stmt *q = im->st[S_HAS_PLACE];
    sqlite3_bind_int64(q, 1, id);
    bool yes = sqlite3_step(q) == SQLITE_ROW;
    sqlite3_reset(q);
    return yes;
}

/* Add the names already in the database to the pending ones. */
static int load_blocks(struct kb_gaz_import *im, struct kb_error *err)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(im->db, "SELECT data FROM name_blocks", -1, &q, NULL) != SQLITE_OK)
        return db_error(im, err, "cannot read the names");
    int rc = KB_OK, s;
    while (!rc && (s = sqlite3_step(q)) == SQLITE_ROW) {
        const unsigned char *b = sqlite3_column_blob(q, 0);
        size_t n = (size_t)sqlite3_column_bytes(q, 0), at = 0;
        while (!rc && at < n) {
            uint64_t kl, cnt, id = 0, d;
            size_t g = kbp_varint_get(b + at, n - at, &kl);
            if (!g || kl > n - at - g || kl >= (1u << 15)) {
                rc = kb_error_set(err, KB_ESCHEMA, "gazetteer '%s' has a corrupt name block",
                                  im->path);
                break;
            }
            size_t koff = im->pool.len;
            if (kb_buf_add(&im->pool, b + at + g, kl)) {
                rc = kb_error_set(err, KB_ENOMEM, "out of memory");
                break;
            }
            at += g + kl;
            if (!(g = kbp_varint_get(b + at, n - at, &cnt))) {
                rc = kb_error_set(err, KB_ESCHEMA, "gazetteer '%s' has a corrupt name block",
                                  im->path);
                break;
            }
            at += g;
            for (uint64_t i = 0; !rc && i < cnt; i++) {
                if (!(g = kbp_varint_get(b + at, n - at, &d))) {
                    rc = kb_error_set(err, KB_ESCHEMA, "gazetteer '%s' has a corrupt name block",
                                      im->path);
                    break;
                }
                at += g;
                id += d;
                struct pending p = {koff, kl, 0, (sqlite3_int64)id};
                if (KB_VEC_PUSH(&im->names, p))
                    rc = kb_error_set(err, KB_ENOMEM, "out of memory");
            }
        }
    }
    if (!rc && s != SQLITE_DONE)
        rc = db_error(im, err, "cannot read the names");
    sqlite3_finalize(q);
    return rc;
}

/*
 * Store every name, old and new, as sorted blocks: sort by key (8-byte
 * prefixes first, then the full key within equal prefixes), drop duplicates
 * and alternate names of places the database does not hold, pack.
 */
static int store_names(struct kb_gaz_import *im, struct kb_error *err)
{
    int rc = load_blocks(im, err);
    if (rc)
        return rc;
    size_t n = im->names.n;
    struct sortkey *sk = malloc((n + 1) * sizeof *sk);
    if (!sk)
        return kb_error_set(err, KB_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const struct pending *p = &im->names.v[i];
        sk[i].prefix = prefix8(im->pool.data + p->off, p->len);
        sk[i].i = (uint32_t)i;
    }
    if ((rc = radix_sort(sk, n))) {
        free(sk);
        return kb_error_set(err, KB_ENOMEM, "out of memory");
    }
    sort_runs(im, sk, n);
    struct kb_buf block, ids;
    kb_buf_init(&block);
    kb_buf_init(&ids);
    if ((rc = exec(im, "DELETE FROM name_blocks", err)))
        goto out;
    const char *first = NULL;
    size_t flen = 0;
    for (size_t i = 0; i < n && !rc;) {
        const struct pending *p = &im->names.v[sk[i].i];
        const char *key = im->pool.data + p->off;
        /* the places of this key, ascending, once each */
        kb_buf_reset(&ids);
        uint64_t prev = 0, count = 0;
        size_t j = i;
        for (; j < n; j++) {
            const struct pending *q = &im->names.v[sk[j].i];
            if (kb_gaz_keycmp(im->pool.data + q->off, q->len, key, p->len) != 0)
                break;
            if (count && (uint64_t)q->place == prev)
                continue;
            if (q->check && !place_exists(im, q->place))
                continue;
            if ((rc = put_varint(&ids, (uint64_t)q->place - (count ? prev : 0))))
                break;
            prev = (uint64_t)q->place;
            count++;
        }
        i = j;
        if (rc || count == 0)
            continue;
        if (block.len && block.len + p->len + ids.len + 20 > BLOCK_BYTES) {
            rc = write_block(im, first, flen, &block, err);
            kb_buf_reset(&block);
        }
        if (!block.len) {
            first = key;
            flen = p->len;
        }
        if (!rc && (put_varint(&block, p->len) || kb_buf_add(&block, key, p->len) ||
                    put_varint(&block, count) || kb_buf_add(&block, ids.data, ids.len)))
            rc = kb_error_set(err, KB_ENOMEM, "out of memory");
    }
    if (!rc && block.len)
        rc = write_block(im, first, flen, &block, err);
    if (rc == KB_ENOMEM && !err->msg[0])
        kb_error_set(err, KB_ENOMEM, "out of memory");
out:
    free(sk);
    kb_buf_release(&block);
    kb_buf_release(&ids);
    im->names.n = 0;
    kb_buf_reset(&im->pool);
    return rc;
}

int kbp_gaz_name_key(const char *s, size_t n, struct kb_buf *out)
{
    struct namer nm;
    namer_init(&nm, NULL, NULL);
    int rc = name_key(&nm, s, n);
    if (!rc)
        rc = kb_buf_add(out, nm.key.data, nm.key.len);
    namer_release(&nm);
    return rc;
}

/* Add s as a name of place id unless the row already gave that key. */
static int add_name(struct namer *nm, const char *s, size_t n, sqlite3_int64 id)
{
    if (n == 0)
        return KB_OK;
    if (name_key(nm, s, n))
        return KB_ENOMEM;
    if (nm->key.len == 0)
        return KB_OK;
    for (size_t k = nm->row_start; k < nm->names->n; k++) {
        const struct pending *p = &nm->names->v[k];
        if (p->len == nm->key.len && memcmp(nm->pool->data + p->off, nm->key.data, p->len) == 0)
            return KB_OK;
    }
    struct pending p = {nm->pool->len, nm->key.len, nm->checking, id};
    if (KB_VEC_PUSH(nm->names, p) || kb_buf_add(nm->pool, nm->key.data, nm->key.len))
        return KB_ENOMEM;
    nm->count++;
    return KB_OK;
}

/* The names that follow belong to a new row. */
static void row_names_reset(struct namer *nm)
{
    nm->row_start = nm->names->n;
}

/* ---- rows ---- */

/* Split line at tabs into at most max fields; returns the count. */
static size_t split(char *line, char **f, size_t max)
{
    size_t n = 0;
    f[n++] = line;
    for (char *p = strchr(line, '\t'); p && n < max; p = strchr(p + 1, '\t')) {
        *p = '\0';
        f[n++] = p + 1;
    }
    return n;
}

static bool parse_id(const char *s, sqlite3_int64 *out)
{
    char *e;
    errno = 0;
    long long v = strtoll(s, &e, 10);
    if (e == s || *e || errno || v <= 0)
        return false;
    *out = v;
    return true;
}

static bool parse_coord(const char *s, double lim, double *out)
{
    /* the dumps write plain decimals ("-12.34567"): read them directly */
    static const double scale[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    const char *p = s;
    bool neg = *p == '-';
    p += neg || *p == '+';
    long long ip = 0, fp = 0;
    int nd = 0, nf = 0;
    for (; *p >= '0' && *p <= '9' && nd < 4; p++, nd++)
        ip = ip * 10 + (*p - '0');
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9' && nf < 9; p++, nf++)
            fp = fp * 10 + (*p - '0');
    if (*p == '\0' && nd > 0) {
        double v = (double)ip + (double)fp / scale[nf];
        v = neg ? -v : v;
        if (fabs(v) > lim)
            return false;
        *out = v;
        return true;
    }
    char *e;
    double v = strtod(s, &e);
    if (e == s || *e || !isfinite(v) || fabs(v) > lim)
        return false;
    *out = v;
    return true;
}

static void bind_str(sqlite3_stmt *q, int i, const char *s)
{
    sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC);
}

/* A parsed GeoNames row; strings at offsets into the batch's text. */
struct prow {
    sqlite3_int64 id;
    uint32_t seq;        /* the row's place in its batch */
    double lat, lon;
    long long population;
    uint32_t name, fclass, fcode, cc, admin1, admin2;
};

/* Rows parsed on the reading thread, waiting to be stored. */
struct batch {
    KB_VEC(struct prow) rows;
    struct kb_buf text;       /* strings of the rows, NUL-terminated */
    struct pending_vec names; /* name keys, offsets into keys */
    struct kb_buf keys;
    long lines;               /* data lines read */
    long long skipped;
};

static int copy_str(struct kb_buf *b, const char *s, uint32_t *off)
{
    *off = (uint32_t)b->len;
    return kb_buf_add(b, s, strlen(s) + 1);
}

/*
 * Parse a row of the geoname table into b (and its names through nm, which
 * writes into b->names / b->keys).
 */
static int geoname_row(struct namer *nm, struct batch *b, char *line, const char *src, long ln,
                       struct kb_error *err)
{
    char *f[20];
    size_t n = split(line, f, 20);
    struct prow r;
    if (n != 19)
        return kb_error_at(err, KB_EPARSE, src, ln,
                           "expected 19 tab-separated fields of a GeoNames row, found %zu", n);
    if (!parse_id(f[0], &r.id))
        return kb_error_at(err, KB_EPARSE, src, ln, "bad geonameid '%.40s'", f[0]);
    if (!parse_coord(f[4], 90, &r.lat) || !parse_coord(f[5], 180, &r.lon))
        return kb_error_at(err, KB_EPARSE, src, ln, "bad coordinates '%.20s', '%.20s'", f[4],
                           f[5]);
    if (!f[1][0] || strlen(f[6]) > 1 || strlen(f[7]) > 10 || strlen(f[8]) > 2)
        return kb_error_at(err, KB_EPARSE, src, ln, "bad name or feature or country code");
    r.population = strtoll(f[14], NULL, 10);
    r.seq = (uint32_t)b->rows.n;
    if (copy_str(&b->text, f[1], &r.name) || copy_str(&b->text, f[6][0] ? f[6] : "P", &r.fclass) ||
        copy_str(&b->text, f[7], &r.fcode) || copy_str(&b->text, f[8], &r.cc) ||
        copy_str(&b->text, f[10], &r.admin1) || copy_str(&b->text, f[11], &r.admin2) ||
        KB_VEC_PUSH(&b->rows, r))
        return kb_error_set(err, KB_ENOMEM, "out of memory");
    row_names_reset(nm);
    int rc;
    if ((rc = add_name(nm, f[1], strlen(f[1]), r.id)) ||
        (rc = add_name(nm, f[2], strlen(f[2]), r.id)))
        return kb_error_set(err, KB_ENOMEM, "out of memory");
    for (char *p = f[3]; *p;) {
        char *c = strchr(p, ',');
        size_t len = c ? (size_t)(c - p) : strlen(p);
        if (good_alternate(p, len) && add_name(nm, p, len, r.id))
            return kb_error_set(err, KB_ENOMEM, "out of memory");
        p += len;
        if (*p == ',')
            p++;
    }
    return KB_OK;
}

/* Language codes of alternateNames rows that are not names (links, codes). */
static bool code_language(const char *lang)
{
    static const char *const skip[] = {"abbr", "faac", "fr_1793", "iata", "icao", "link",
                                       "post", "tcid", "unlc",  "wkdt"};
    for (size_t i = 0; i < KB_ARRAY_LEN(skip); i++)
        if (strcmp(lang, skip[i]) == 0)
            return true;
    return false;
}

static int altname_row(struct namer *nm, struct batch *b, char *line, const char *src, long ln,
                       struct kb_error *err)
{
    char *f[11];
    size_t n = split(line, f, 11);
    sqlite3_int64 id, aid;
    if (n != 8 && n != 10)
        return kb_error_at(err, KB_EPARSE, src, ln,
                           "expected 8 or 10 tab-separated fields of an alternate name, found %zu",
                           n);
    if (!parse_id(f[0], &aid) || !parse_id(f[1], &id))
        return kb_error_at(err, KB_EPARSE, src, ln, "bad alternate name id or geonameid");
    if (code_language(f[2]) || !good_alternate(f[3], strlen(f[3]))) {
        b->skipped++;
        return KB_OK;
    }
    row_names_reset(nm);
    nm->checking = true;
    int rc = add_name(nm, f[3], strlen(f[3]), id);
    nm->checking = false;
    return rc ? kb_error_set(err, KB_ENOMEM, "out of memory") : KB_OK;
}

static int admin_row(struct kb_gaz_import *im, int which, char *line, const char *src, long ln,
                     struct kb_error *err)
{
    char *f[5];
    size_t n = split(line, f, 5);
    sqlite3_int64 id;
    bool has_id = n >= 4 && parse_id(f[3], &id);
    if (n != 4 || !strchr(f[0], '.') || !f[1][0])
        return kb_error_at(err, KB_EPARSE, src, ln,
                           "expected code, name, ascii name and geonameid, tab-separated");
    sqlite3_stmt *q = im->st[which];
    bind_str(q, 1, f[0]);
    bind_str(q, 2, f[1]);
    bind_str(q, 3, f[2]);
    if (has_id)
        sqlite3_bind_int64(q, 4, id);
    else
        sqlite3_bind_null(q, 4);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return rc == SQLITE_DONE ? KB_OK : db_error(im, err, "cannot store a division");
}

static int country_row(struct kb_gaz_import *im, char *line, const char *src, long ln,
                       struct kb_error *err)
{
    char *f[20];
    size_t n = split(line, f, 20);
    sqlite3_int64 id;
    if (n < 17 || strlen(f[0]) != 2 || !f[4][0])
        return kb_error_at(err, KB_EPARSE, src, ln,
                           "expected a countryInfo row (ISO, ISO3, ..., geonameid)");
    sqlite3_stmt *q = im->st[S_COUNTRY];
    bind_str(q, 1, f[0]);
    bind_str(q, 2, f[1]);
    bind_str(q, 3, f[4]);
    bind_str(q, 4, f[5]);
    sqlite3_bind_int64(q, 5, strtoll(f[7], NULL, 10));
    bind_str(q, 6, f[8]);
    if (parse_id(f[16], &id))
        sqlite3_bind_int64(q, 7, id);
    else
        sqlite3_bind_null(q, 7);
    if (n > 17)
        bind_str(q, 8, f[17]);
    else
        sqlite3_bind_null(q, 8);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return rc == SQLITE_DONE ? KB_OK : db_error(im, err, "cannot store a country");
}

/* The kind of a file by its base name. */
static enum kind kind_of(const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    if (strncmp(b, "admin1Codes", 11) == 0)
        return K_ADMIN1;
    if (strncmp(b, "admin2Codes", 11) == 0)
        return K_ADMIN2;
    if (strncmp(b, "countryInfo", 11) == 0)
        return K_COUNTRY;
    if (strncmp(b, "alternateNames", 14) == 0 || strncmp(b, "alternatenames", 14) == 0)
        return K_ALTNAMES;
    if (strncmp(b, "iso-languagecodes", 17) == 0 || strncasecmp(b, "readme", 6) == 0 ||
        strncmp(b, "featureCodes", 12) == 0 || strncmp(b, "timeZones", 9) == 0 ||
        strncmp(b, "hierarchy", 9) == 0 || strncmp(b, "userTags", 8) == 0)
        return K_SKIP;
    return K_GEONAME;
}

/* ---- the reading thread: parse while the main thread stores ---- */

enum { NBATCH = 3, BATCH_ROWS = 8192 };

/*
 * Batches travel from the reading thread (which fills free ones) to the
 * storing thread (which empties full ones and frees them) under one mutex.
 */
struct pipe {
    struct reader *r;
    enum kind kind;
    const char *src;
    struct batch b[NBATCH];
    int full[NBATCH], freeb[NBATCH];
    size_t nfull, nfree;
    bool done;            /* the reading thread has finished (see rc) */
    bool stop;            /* the storing thread failed: stop reading */
    int rc;               /* the reading thread's status, err its message */
    struct kb_error err;
    pthread_mutex_t mu;
    pthread_cond_t cv;
};

static void batch_reset(struct batch *b)
{
    b->rows.n = 0;
    b->names.n = 0;
    kb_buf_reset(&b->text);
    kb_buf_reset(&b->keys);
    b->lines = 0;
    b->skipped = 0;
}

static void batch_release(struct batch *b)
{
    free(b->rows.v);
    free(b->names.v);
    kb_buf_release(&b->text);
    kb_buf_release(&b->keys);
}

static int by_id(const void *a, const void *b)
{
    const struct prow *x = a, *y = b;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void *read_rows(void *arg)
{
    struct pipe *P = arg;
    struct namer nm;
    namer_init(&nm, NULL, NULL);
    int rc = KB_OK;
    bool eof = false;
    while (!rc && !eof) {
        pthread_mutex_lock(&P->mu);
        while (P->nfree == 0 && !P->stop)
            pthread_cond_wait(&P->cv, &P->mu);
        int idx = P->stop ? -1 : P->freeb[--P->nfree];
        pthread_mutex_unlock(&P->mu);
        if (idx < 0)
            break;
        struct batch *b = &P->b[idx];
        batch_reset(b);
        nm.names = &b->names;
        nm.pool = &b->keys;
        char *line;
        size_t len;
        while (!rc && b->lines < BATCH_ROWS) {
            int got = reader_line(P->r, &line, &len);
            if (got <= 0) {
                if (got < 0)
                    rc = kb_error_at(&P->err, KB_EIO, P->src, P->r->line + 1,
                                     "cannot read (corrupt or too long line)");
                eof = true;
                break;
            }
            if (len == 0 || line[0] == '#')
                continue;
            b->lines++;
            if (P->kind == K_GEONAME)
                rc = geoname_row(&nm, b, line, P->src, P->r->line, &P->err);
            else
                rc = altname_row(&nm, b, line, P->src, P->r->line, &P->err);
        }
        /* stored in id order: B-tree pages fill in order, fewer are split (the
           dumps run in ascending ids, country by country) */
        if (!rc && b->rows.n > 1)
            qsort(b->rows.v, b->rows.n, sizeof *b->rows.v, by_id);
        pthread_mutex_lock(&P->mu);
        if (rc)
            P->freeb[P->nfree++] = idx; /* a failed batch is never stored */
        else
            P->full[P->nfull++] = idx;
        P->done = rc || eof;
        P->rc = rc;
        pthread_cond_broadcast(&P->cv);
        pthread_mutex_unlock(&P->mu);
    }
    pthread_mutex_lock(&P->mu);
    P->done = true;
    pthread_cond_broadcast(&P->cv);
    pthread_mutex_unlock(&P->mu);
    namer_release(&nm);
    return NULL;
}

/* Store a batch: its places, and its names into the pending ones. */
/* Bind row r to the parameters of place row `slot` of statement q. */
static void bind_row(sqlite3_stmt *q, int slot, const struct batch *b, const struct prow *r)
{
    const char *t = b->text.data;
    int k = slot * 10;
    sqlite3_bind_int64(q, k + 1, r->id);
    bind_str(q, k + 2, t + r->name);
    sqlite3_bind_double(q, k + 3, r->lat);
    sqlite3_bind_double(q, k + 4, r->lon);
    bind_str(q, k + 5, t + r->fclass);
    bind_str(q, k + 6, t + r->fcode);
    bind_str(q, k + 7, t + r->cc);
    bind_str(q, k + 8, t + r->admin1);
    bind_str(q, k + 9, t + r->admin2);
    sqlite3_bind_int64(q, k + 10, r->population);
}

static int store_batch(struct kb_gaz_import *im, const struct batch *b,
                       struct kb_gaz_import_stats *st, struct kb_error *err)
{
    size_t i = 0;
    for (; i + PLACE_ROWS <= b->rows.n; i += PLACE_ROWS) {
        sqlite3_stmt *q = im->st[S_PLACES];
        for (int r = 0; r < PLACE_ROWS; r++)
            bind_row(q, r, b, &b->rows.v[i + (size_t)r]);
        int rc = sqlite3_step(q);
        sqlite3_reset(q);
        if (rc != SQLITE_DONE)
            return db_error(im, err, "cannot store a place");
    }
    for (; i < b->rows.n; i++) {
        sqlite3_stmt *q = im->st[S_PLACE];
        bind_row(q, 0, b, &b->rows.v[i]);
        sqlite3_bind_int(q, 11, 0);
        int rc = sqlite3_step(q);
        sqlite3_reset(q);
        if (rc != SQLITE_DONE)
            return db_error(im, err, "cannot store a place");
    }
    size_t base = im->pool.len;
    if (kb_buf_add(&im->pool, b->keys.data, b->keys.len) ||
        KB_VEC_RESERVE(&im->names, im->names.n + b->names.n))
        return kb_error_set(err, KB_ENOMEM, "out of memory");
    for (size_t k = 0; k < b->names.n; k++) {
        struct pending p = b->names.v[k];
        p.off += base;
        im->names.v[im->names.n++] = p;
    }
    st->rows += b->lines;
    st->places += (long long)b->rows.n;
    st->names += (long long)b->names.n;
    st->skipped += b->skipped;
    return KB_OK;
}

/* Geoname and alternate-name rows: parsed on a second thread while stored. */
static int import_parallel(struct kb_gaz_import *im, struct reader *r, enum kind k,
                           const char *src, struct kb_gaz_import_stats *st, long *rows,
                           struct kb_error *err)
{
    struct pipe *P = calloc(1, sizeof *P);
    if (!P)
        return kb_error_set(err, KB_ENOMEM, "out of memory");
    P->r = r;
    P->kind = k;
    P->src = src;
    for (int i = 0; i < NBATCH; i++) {
        kb_buf_init(&P->b[i].text);
        kb_buf_init(&P->b[i].keys);
        P->freeb[P->nfree++] = i;
    }
    pthread_mutex_init(&P->mu, NULL);
    pthread_cond_init(&P->cv, NULL);
    long long before = st->rows;
    int rc = KB_OK;
    pthread_t th;
    if (pthread_create(&th, NULL, read_rows, P) != 0) {
        rc = kb_error_set(err, KB_ENOMEM, "cannot start a thread");
        goto out;
    }
    for (;;) {
        pthread_mutex_lock(&P->mu);
        while (P->nfull == 0 && !P->done)
            pthread_cond_wait(&P->cv, &P->mu);
        int idx = -1;
        if (P->nfull > 0) { /* the oldest full batch first */
            idx = P->full[0];
            memmove(P->full, P->full + 1, --P->nfull * sizeof *P->full);
        }
        pthread_mutex_unlock(&P->mu);
        if (idx < 0)
            break;
        rc = store_batch(im, &P->b[idx], st, err);
        pthread_mutex_lock(&P->mu);
        P->freeb[P->nfree++] = idx;
        if (rc)
            P->stop = true;
        pthread_cond_broadcast(&P->cv);
        pthread_mutex_unlock(&P->mu);
        if (rc)
            break;
    }
    pthread_join(th, NULL);
    if (!rc && P->rc) {
        *err = P->err;
        rc = P->rc;
    }
out:
    *rows = (long)(st->rows - before);
    for (int i = 0; i < NBATCH; i++)
        batch_release(&P->b[i]);
    pthread_mutex_destroy(&P->mu);
    pthread_cond_destroy(&P->cv);
    free(P);
    return rc;
}

/* Import every line of r as rows of kind k. */
static int import_lines(struct kb_gaz_import *im, struct reader *r, enum kind k,
                        const char *src, struct kb_gaz_import_stats *st, struct kb_error *err)
{
    char *line;
    size_t len;
    int got = 0, rc = KB_OK;
    long rows = 0;
    if (k == K_GEONAME || k == K_ALTNAMES) {
        rc = import_parallel(im, r, k, src, st, &rows, err);
    } else {
        while (!rc && (got = reader_line(r, &line, &len)) > 0) {
            if (len == 0 || line[0] == '#')
                continue;
            rows++;
            if (k == K_ADMIN1 || k == K_ADMIN2)
                rc = admin_row(im, k == K_ADMIN1 ? S_ADMIN1 : S_ADMIN2, line, src, r->line, err);
            else if (k == K_COUNTRY)
                rc = country_row(im, line, src, r->line, err);
        }
        if (!rc && got < 0)
            rc = kb_error_at(err, KB_EIO, src, r->line + 1,
                             "cannot read (corrupt or too long line)");
        st->rows += rows;
    }
    if (!rc) {
        sqlite3_stmt *q = im->st[S_SOURCE];
        bind_str(q, 1, src);
        bind_str(q, 2, kind_names[k]);
        sqlite3_bind_int64(q, 3, rows);
        int s = sqlite3_step(q);
        sqlite3_reset(q);
        if (s != SQLITE_DONE)
            rc = db_error(im, err, "cannot record the source");
    }
    return rc;
}

static bool has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

int kb_gaz_import_file(struct kb_gaz_import *im, const char *path,
                       struct kb_gaz_import_stats *st, struct kb_error *err)
{
    struct reader r;
    memset(&r, 0, sizeof r);
    int rc = reader_alloc(&r);
    if (rc)
        return kb_error_set(err, KB_ENOMEM, "out of memory");
    if (has_suffix(path, ".zip")) {
        struct zip_member *m = NULL;
        size_t n = 0;
        if (!(r.f = fopen(path, "rb"))) {
            rc = kb_error_set(err, errno == ENOENT ? KB_ENOTFOUND : KB_EIO,
                              "cannot open '%s': %s", path, strerror(errno));
        } else if (!(rc = zip_members(r.f, &m, &n, err, path))) {
            for (size_t i = 0; i < n && !rc; i++) {
                enum kind k = kind_of(m[i].name);
                size_t nl = strlen(m[i].name);
                if (k == K_SKIP || (nl && m[i].name[nl - 1] == '/'))
                    continue;
                char src[600];
                snprintf(src, sizeof src, "%s:%s", path, m[i].name);
                if (!(rc = zip_open_member(&r, &m[i], err, path)))
                    rc = import_lines(im, &r, k, src, st, err);
            }
        }
        free(m);
    } else if (has_suffix(path, ".gz")) {
        char inner[512];
        snprintf(inner, sizeof inner, "%.*s", (int)(strlen(path) - 3), path);
        if (!(r.gz = gzopen(path, "rb")))
            rc = kb_error_set(err, errno == ENOENT ? KB_ENOTFOUND : KB_EIO,
                              "cannot open '%s': %s", path, strerror(errno));
        else
            rc = import_lines(im, &r, kind_of(inner), path, st, err);
    } else {
        if (!(r.f = fopen(path, "rb")))
            rc = kb_error_set(err, errno == ENOENT ? KB_ENOTFOUND : KB_EIO,
                              "cannot open '%s': %s", path, strerror(errno));
        else
            rc = import_lines(im, &r, kind_of(path), path, st, err);
    }
    reader_close(&r);
    return rc;
}

/* ---- derived points ---- */

/* Bounding box of member places, aware of the antimeridian. */
struct box {
    double lat0, lat1, lon0, lon1, wlon0, wlon1; /* wlon: longitudes in 0..360 */
    long long pop;
    long n;
};

static void box_add(struct box *b, double lat, double lon, long long pop)
{
    double w = lon < 0 ? lon + 360 : lon;
    if (b->n == 0) {
        b->lat0 = b->lat1 = lat;
        b->lon0 = b->lon1 = lon;
        b->wlon0 = b->wlon1 = w;
    } else {
        b->lat0 = KB_MIN(b->lat0, lat);
        b->lat1 = KB_MAX(b->lat1, lat);
        b->lon0 = KB_MIN(b->lon0, lon);
        b->lon1 = KB_MAX(b->lon1, lon);
        b->wlon0 = KB_MIN(b->wlon0, w);
        b->wlon1 = KB_MAX(b->wlon1, w);
    }
    b->pop += pop;
    b->n++;
}

static void box_centre(const struct box *b, double *lat, double *lon)
{
    *lat = (b->lat0 + b->lat1) / 2;
    if (b->wlon1 - b->wlon0 < b->lon1 - b->lon0) { /* narrower across the antimeridian */
        double w = (b->wlon0 + b->wlon1) / 2;
        *lon = w > 180 ? w - 360 : w;
    } else {
        *lon = (b->lon0 + b->lon1) / 2;
    }
}

/* Insert a derived place and its names. */
static int derived_place(struct kb_gaz_import *im, sqlite3_int64 id, const char *name,
                         const char *ascii, double lat, double lon, const char *fcode,
                         const char *cc, const char *a1, const char *a2, long long pop,
                         struct kb_gaz_import_stats *st, struct kb_error *err)
{
    sqlite3_stmt *q = im->st[S_PLACE];
    sqlite3_bind_int64(q, 1, id);
    bind_str(q, 2, name);
    sqlite3_bind_double(q, 3, lat);
    sqlite3_bind_double(q, 4, lon);
    bind_str(q, 5, "A");
    bind_str(q, 6, fcode);
    bind_str(q, 7, cc);
    bind_str(q, 8, a1);
    bind_str(q, 9, a2);
    sqlite3_bind_int64(q, 10, pop);
    sqlite3_bind_int(q, 11, 1);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return db_error(im, err, "cannot store a derived place");
    st->derived++;
    struct namer *nm = &im->namer;
    row_names_reset(nm);
    if (add_name(nm, name, strlen(name), id) || (ascii && add_name(nm, ascii, strlen(ascii), id)))
        return kb_error_set(err, KB_ENOMEM, "out of memory");
    /* "Kyiv Oblast" is also "Kyiv region"; never bare "Kyiv" (the city) */
    static const char *const suffixes[] = {" Oblast", " Province", " Region", " Governorate",
                                           " State", " Prefecture", " Voivodeship", " Krai"};
    size_t nl = strlen(name);
    for (size_t i = 0; i < KB_ARRAY_LEN(suffixes) && strcmp(fcode, "ADM1") == 0; i++) {
        size_t sl = strlen(suffixes[i]);
        if (nl > sl + 2 && strcmp(name + nl - sl, suffixes[i]) == 0) {
            char alt[300];
            static const char *const forms[] = {" region", " oblast", " province"};
            for (size_t k = 0; k < KB_ARRAY_LEN(forms); k++) {
                snprintf(alt, sizeof alt, "%.*s%s", (int)(nl - sl), name, forms[k]);
                if (add_name(nm, alt, strlen(alt), id))
                    return kb_error_set(err, KB_ENOMEM, "out of memory");
            }
        }
    }
    return KB_OK;
}

/*
 * Derive divisions of one level (1 or 2) the imported features lack: scan
 * the populated places in code order, one box per division.
 */
static int derive_divisions(struct kb_gaz_import *im, int level, struct kb_gaz_import_stats *st,
                            struct kb_error *err)
{
    const char *fcode = level == 1 ? "ADM1" : "ADM2";
    /* the divisions named by the codes file, without a feature of their own */
    char q1[600];
    snprintf(q1, sizeof q1,
             "SELECT a.code, a.name, a.asciiname, a.geonameid FROM admin%d a"
             " WHERE a.geonameid IS NOT NULL AND NOT EXISTS"
             " (SELECT 1 FROM places p WHERE p.id = a.geonameid)"
             " ORDER BY a.code",
             level);
    const char *members =
        level == 1 ? "SELECT cc || '.' || admin1, lat, lon, population FROM places"
                     " WHERE fclass = 'P' AND derived = 0 AND admin1 <> '' ORDER BY 1"
                   : "SELECT cc || '.' || admin1 || '.' || admin2, lat, lon, population"
                     " FROM places WHERE fclass = 'P' AND derived = 0 AND admin2 <> ''"
                     " ORDER BY 1";
    sqlite3_stmt *a = NULL, *m = NULL;
    int rc = KB_OK;
    if (sqlite3_prepare_v2(im->db, q1, -1, &a, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(im->db, members, -1, &m, NULL) != SQLITE_OK) {
        rc = db_error(im, err, "cannot derive division points");
        goto out;
    }
    int as = sqlite3_step(a);
    if (as != SQLITE_ROW) /* every division has its feature (or none is named) */
        goto out;
    /* merge the two code-ordered streams */
    int ms = sqlite3_step(m);
    for (; !rc && as == SQLITE_ROW; as = sqlite3_step(a)) {
        const char *code = (const char *)sqlite3_column_text(a, 0);
        struct box b;
        memset(&b, 0, sizeof b);
        while (ms == SQLITE_ROW) {
            const char *mc = (const char *)sqlite3_column_text(m, 0);
            int c = strcmp(mc, code);
            if (c > 0)
                break;
            if (c == 0)
                box_add(&b, sqlite3_column_double(m, 1), sqlite3_column_double(m, 2),
                        sqlite3_column_int64(m, 3));
            ms = sqlite3_step(m);
        }
        if (b.n == 0)
            continue; /* nothing to place it by */
        char cc[3] = {0}, a1[24] = {0}, a2[24] = {0};
        const char *dot = strchr(code, '.');
        if (!dot || dot - code != 2)
            continue;
        memcpy(cc, code, 2);
        const char *dot2 = strchr(dot + 1, '.');
        if (level == 1) {
            snprintf(a1, sizeof a1, "%s", dot + 1);
        } else {
            if (!dot2)
                continue;
            snprintf(a1, sizeof a1, "%.*s", (int)(dot2 - dot - 1), dot + 1);
            snprintf(a2, sizeof a2, "%s", dot2 + 1);
        }
        double lat, lon;
        box_centre(&b, &lat, &lon);
        rc = derived_place(im, sqlite3_column_int64(a, 3),
                           (const char *)sqlite3_column_text(a, 1),
                           (const char *)sqlite3_column_text(a, 2), lat, lon, fcode, cc, a1, a2,
                           b.pop, st, err);
    }
    if (!rc && ms != SQLITE_ROW && ms != SQLITE_DONE)
        rc = db_error(im, err, "cannot derive division points");
out:
    sqlite3_finalize(a);
    sqlite3_finalize(m);
    return rc;
}

/* Countries of countryInfo without a feature: the built-in point, else their box. */
static int derive_countries(struct kb_gaz_import *im, const struct kb_gazetteer *builtin,
                            struct kb_gaz_import_stats *st, struct kb_error *err)
{
    sqlite3_stmt *c = NULL, *m = NULL;
    int rc = KB_OK;
    if (sqlite3_prepare_v2(im->db,
                           "SELECT iso2, name, geonameid, population FROM countries c"
                           " WHERE geonameid IS NOT NULL AND NOT EXISTS"
                           " (SELECT 1 FROM places p WHERE p.id = c.geonameid) ORDER BY iso2",
                           -1, &c, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(im->db,
                           "SELECT lat, lon FROM places WHERE cc = ?1 AND fclass = 'P'"
                           " AND derived = 0",
                           -1, &m, NULL) != SQLITE_OK) {
        rc = db_error(im, err, "cannot derive country points");
        goto out;
    }
    while (!rc && sqlite3_step(c) == SQLITE_ROW) {
        const char *cc = (const char *)sqlite3_column_text(c, 0);
        const char *name = (const char *)sqlite3_column_text(c, 1);
        const struct kb_gaz_place *bp = builtin ? kb_gazetteer_country(builtin, cc) : NULL;
        double lat, lon;
        if (bp) {
            lat = bp->lat;
            lon = bp->lon;
        } else {
            struct box b;
            memset(&b, 0, sizeof b);
            sqlite3_reset(m);
            sqlite3_bind_text(m, 1, cc, -1, SQLITE_TRANSIENT);
            while (sqlite3_step(m) == SQLITE_ROW)
                box_add(&b, sqlite3_column_double(m, 0), sqlite3_column_double(m, 1), 0);
            if (b.n == 0)
                continue;
            box_centre(&b, &lat, &lon);
        }
        char ccbuf[3];
        snprintf(ccbuf, sizeof ccbuf, "%s", cc);
        rc = derived_place(im, sqlite3_column_int64(c, 2), name, NULL, lat, lon, "PCLI", ccbuf,
                           "00", "", sqlite3_column_int64(c, 3), st, err);
        /* the news names of the country (U.S., Britain) from the lexicon table */
        struct kb_tsv t;
        kb_tsv_init(&t, (const char *)kb_embed_countries, kb_embed_countries_len);
        while (!rc && kb_tsv_next(&t) > 0)
            if (t.nfields > 6 && strcmp(t.fields[0], ccbuf) == 0)
                for (char *p = t.fields[6]; *p && !rc;) {
                    char *bar = strchr(p, '|');
                    size_t len = bar ? (size_t)(bar - p) : strlen(p);
                    if (add_name(&im->namer, p, len, sqlite3_column_int64(c, 2)))
                        rc = kb_error_set(err, KB_ENOMEM, "out of memory");
                    p += len;
                    if (*p == '|')
                        p++;
                }
        kb_tsv_release(&t);
    }
out:
    sqlite3_finalize(c);
    sqlite3_finalize(m);
    return rc;
}

/*
 * The places kb lists by hand (kb/data/places-extra.tsv: the Chernobyl zone,
 * seas, regions, continents) join every gazetteer database with their names:
 * a place the dumps hold is marked listed, the others are added with kb's
 * local ids (>= KB_GAZ_LOCAL_ID, never reported as GeoNames ids).
 */
static int add_listed(struct kb_gaz_import *im, const struct kb_gazetteer *builtin,
                      struct kb_error *err)
{
    if (!builtin)
        return KB_OK;
    for (size_t i = 0; i < builtin->places.n; i++) {
        const struct kb_gaz_place *p = &builtin->places.v[i];
        if (!(p->flags & KB_GAZ_LISTED) || p->id <= 0)
            continue;
        sqlite3_stmt *q = im->st[S_LIST];
        sqlite3_bind_int64(q, 1, p->id);
        int rc = sqlite3_step(q);
        sqlite3_reset(q);
        if (rc != SQLITE_DONE)
            return db_error(im, err, "cannot mark a listed place");
        if (sqlite3_changes(im->db) > 0)
            continue;
        char fclass[2] = {p->fclass, 0};
        q = im->st[S_LISTED];
        sqlite3_bind_int64(q, 1, p->id);
        bind_str(q, 2, p->name);
        sqlite3_bind_double(q, 3, p->lat);
        sqlite3_bind_double(q, 4, p->lon);
        bind_str(q, 5, fclass);
        bind_str(q, 6, p->fcode);
        bind_str(q, 7, p->cc);
        bind_str(q, 8, p->admin1);
        sqlite3_bind_int64(q, 9, p->population);
        rc = sqlite3_step(q);
        sqlite3_reset(q);
        if (rc != SQLITE_DONE)
            return db_error(im, err, "cannot add a listed place");
    }
    /* their names: every key of the built-in table that names one of them */
    for (size_t k = 0; k < builtin->nkeys; k++) {
        const struct kb_gaz_key *key = &builtin->keys[k];
        for (uint32_t j = 0; j < key->npost; j++) {
            const struct kb_gaz_place *p = &builtin->places.v[builtin->postings[key->post + j]];
            if (!(p->flags & KB_GAZ_LISTED) || p->id <= 0)
                continue;
            struct pending e = {im->pool.len, key->len, 0, p->id};
            if (kb_buf_add(&im->pool, builtin->strings + key->off, key->len) ||
                KB_VEC_PUSH(&im->names, e))
                return kb_error_set(err, KB_ENOMEM, "out of memory");
        }
    }
    return KB_OK;
}

static int count_derived_names(struct kb_gaz_import *im, struct kb_gaz_import_stats *st)
{
    st->names += im->namer.count;
    im->namer.count = 0;
    return KB_OK;
}

int kb_gaz_import_finish(struct kb_gaz_import *im, const struct kb_gazetteer *builtin,
                         struct kb_gaz_import_stats *st, struct kb_error *err)
{
    int rc;
    /* names of places derived by an earlier import are derived again */
    if ((rc = exec(im, "DELETE FROM places WHERE derived = 1 AND id IN"
                       " (SELECT geonameid FROM admin1 UNION ALL SELECT geonameid FROM admin2"
                       " UNION ALL SELECT geonameid FROM countries)", err)) ||
        (rc = derive_divisions(im, 1, st, err)) || (rc = derive_divisions(im, 2, st, err)) ||
        (rc = derive_countries(im, builtin, st, err)) || (rc = count_derived_names(im, st)) ||
        (rc = add_listed(im, builtin, err)) ||
        (rc = store_names(im, err)) ||
        (rc = exec(im, "COMMIT", err)))
        return rc;
    /* the new file takes its name, unless a file of that name appeared meanwhile */
    if (im->tmp) {
        if (link(im->tmp, im->path) != 0)
            return kb_error_set(err, KB_EIO,
                                "cannot create gazetteer '%s': %s", im->path,
                                errno == EEXIST ? "a file of that name appeared meanwhile"
                                                : strerror(errno));
        remove(im->tmp);
    }
    im->in_tx = false;
    return KB_OK;
}
