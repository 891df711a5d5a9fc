/*
 * core.h -- internal building blocks shared by every stage: growable buffer,
 * arena, growable arrays, string hash map, UTF-8 and folding, calendar
 * arithmetic, SHA-256.  Nothing here does I/O except kb_buf_read_file().
 */
#ifndef KB_CORE_H
#define KB_CORE_H

#include "kb.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define KB_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define KB_MIN(a, b) ((a) < (b) ? (a) : (b))
#define KB_MAX(a, b) ((a) > (b) ? (a) : (b))

/* ---- buf.c: growable byte buffer ---- */

/*
 * Invariants: data is never NULL after kb_buf_init and is always
 * NUL-terminated at data[len]; len < cap.  `limit` (0 = none) caps len for
 * untrusted input: growth past it fails with KB_ETOOBIG.
 */
struct kb_buf {
    char *data;
    size_t len, cap;
    size_t limit;
};

void kb_buf_init(struct kb_buf *b);
void kb_buf_release(struct kb_buf *b); /* NULL-safe; leaves b initialised-empty */
void kb_buf_reset(struct kb_buf *b);   /* len = 0, keeps memory */
int kb_buf_grow(struct kb_buf *b, size_t extra);
int kb_buf_add(struct kb_buf *b, const void *p, size_t n);
int kb_buf_adds(struct kb_buf *b, const char *s);
int kb_buf_addc(struct kb_buf *b, char c);
int kb_buf_printf(struct kb_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Detach the string: caller frees with free(); b is left empty. */
char *kb_buf_detach(struct kb_buf *b, size_t *len);
/* Read a whole stream into b (appending); honours b->limit. */
int kb_buf_read_stream(struct kb_buf *b, FILE *f);

/* ---- lines.c: the lines of a file descriptor, read in big blocks ---- */

struct kb_lines {
    int fd;            /* borrowed */
    char *blk;         /* bytes read and not yet handed out: blk[start..end) */
    size_t start, end, cap;
    bool eof;          /* end of input, or a read error already reported */
};

void kb_lines_init(struct kb_lines *r, int fd);
void kb_lines_release(struct kb_lines *r); /* NULL-safe; frees the block, not fd */
/*
 * Next line, without its newline, in *line, *len: it points into r and is
 * valid until the next call.  Returns 1 for a line, 0 at the end of input,
 * -KB_ETOOBIG for a line longer than limit bytes (0: no limit; it is read
 * to its end and dropped, without holding more than about limit bytes),
 * -KB_EIO (after which the input counts as ended) or -KB_ENOMEM.  A last
 * line without a newline is a line; an empty input has none.
 */
int kb_lines_next(struct kb_lines *r, size_t limit, const char **line, size_t *len);
/* Read more into r->blk[r->end..): 1 = read some, 0 = end of input, -status. */
int kb_lines_fill(struct kb_lines *r);

/* ---- arena.c: bump allocator freed all at once ---- */

struct kb_arena_block;
struct kb_arena {
    struct kb_arena_block *head;
    size_t used_total;
};

void kb_arena_init(struct kb_arena *a);
void kb_arena_release(struct kb_arena *a); /* frees every block; NULL-safe */
void kb_arena_reset(struct kb_arena *a);   /* keeps the largest block for reuse */
/* Returns 8-byte aligned memory owned by the arena, or NULL on OOM. */
void *kb_arena_alloc(struct kb_arena *a, size_t n);
char *kb_arena_strndup(struct kb_arena *a, const char *s, size_t n);
char *kb_arena_strdup(struct kb_arena *a, const char *s);

/* ---- vec.c: growable arrays ---- */

/*
 * KB_VEC(T) declares an anonymous growable array {v, n, cap}.  Push with
 * KB_VEC_PUSH(&vec, value) which evaluates to KB_OK or KB_ENOMEM; free with
 * free(vec.v).
 */
#define KB_VEC(T)                                                                        \
    struct {                                                                             \
        T *v;                                                                            \
        size_t n, cap;                                                                   \
    }
int kbp_vec_grow(void *vptr, size_t *cap, size_t need, size_t elsize);
#define KB_VEC_RESERVE(vec, need)                                                        \
    ((need) <= (vec)->cap ? KB_OK                                                        \
                          : kbp_vec_grow(&(vec)->v, &(vec)->cap, (need), sizeof *(vec)->v))
#define KB_VEC_PUSH(vec, val)                                                            \
    (KB_VEC_RESERVE((vec), (vec)->n + 1) ? KB_ENOMEM : ((vec)->v[(vec)->n++] = (val), KB_OK))

/* ---- strmap.c: string -> uint32 multimap (open addressing) ---- */

/*
 * Keys are byte strings copied into the map's arena.  A key may carry several
 * values (kb_strmap_add appends); lookups return a borrowed array valid until
 * the next add.  Built once, then read concurrently without locks.
 */
struct kb_strmap_slot;
struct kb_strmap {
    struct kb_strmap_slot *slots;
    size_t nslots, nkeys;
    uint32_t *vals; /* value pool: each key owns a run */
    size_t nvals, capvals;
    struct kb_arena arena;
};

void kb_strmap_init(struct kb_strmap *m);
void kb_strmap_release(struct kb_strmap *m);
/* Add value v under key; duplicates of (key, v) are kept once. */
int kb_strmap_add(struct kb_strmap *m, const char *key, size_t klen, uint32_t v);
/* Values for key (count in *n), or NULL with *n = 0. */
const uint32_t *kb_strmap_get(const struct kb_strmap *m, const char *key, size_t klen,
                              size_t *n);
/* Flag a key as the prefix of a longer key (for phrase matching). */
int kb_strmap_mark_prefix(struct kb_strmap *m, const char *key, size_t klen);
/* 0: absent; bit 1: has values; bit 2: is a prefix of a longer key. */
int kb_strmap_probe(const struct kb_strmap *m, const char *key, size_t klen);
/* kb_strmap_probe() and kb_strmap_get() in one search: the flags, and the
   values in *vals, *n (NULL and 0 when the key has none). */
int kb_strmap_lookup(const struct kb_strmap *m, const char *key, size_t klen,
                     const uint32_t **vals, size_t *n);
/*
 * kb_strmap_lookup() with the key's hash already known: hash must be
 * (uint32_t)kb_hash_bytes(key, klen) -- the low 32 bits, as struct kb_token
 * carries it for its folded form.  Same answers as kb_strmap_lookup, without
 * hashing the key again (slots are chosen by the low bits, and a map never
 * holds more than 2^32 slots, so the low 32 bits pick the same slot).
 */
int kb_strmap_lookup_hash(const struct kb_strmap *m, uint32_t hash, const char *key,
                          size_t klen, const uint32_t **vals, size_t *n);
/* 64-bit hash of n bytes (never 0); the hash of every strmap key. */
uint64_t kb_hash_bytes(const void *p, size_t n);

/* kb_hash_bytes's pieces, for callers that hold the bytes in a register. */
#define KB_HASH_SEED 0x9E3779B97F4A7C15ull
static inline uint64_t kb_hash_mix(uint64_t a, uint64_t b)
{
    __uint128_t r = (__uint128_t)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
}
/* One step of kb_hash_bytes: h so far, w the next 8 bytes (memcpy). */
static inline uint64_t kb_hash_step(uint64_t h, uint64_t w)
{
    return kb_hash_mix(h ^ w, 0xA0761D6478BD642Full);
}
/* The last step of kb_hash_bytes: h so far, w the last 0-7 bytes (copied
   into w in memory order, the rest zero). */
static inline uint64_t kb_hash_finish(uint64_t h, uint64_t w)
{
    h = kb_hash_mix(h ^ w, 0xE7037ED1A0B428DBull);
    h = kb_hash_mix(h, 0x8EBC6AF09C88C6E3ull);
    return h ? h : 1;
}
/* kb_hash_bytes(s, n) for n < 8, given w: the n bytes of s copied into w
   (memcpy, the rest zero). */
static inline uint64_t kb_hash_short(uint64_t w, size_t n)
{
    return kb_hash_finish(KB_HASH_SEED ^ n, w);
}

/* ---- utf8.c: validation, decoding, folding ---- */

/* Length of the valid UTF-8 prefix of s[0..n); == n when all valid. */
size_t kb_utf8_valid_prefix(const char *s, size_t n);
bool kb_utf8_valid(const char *s, size_t n);
/*
 * Decode one code point at s (n bytes available).  Returns its byte length
 * (1..4) and stores it in *cp; an invalid byte decodes as U+FFFD, length 1.
 */
int kb_utf8_decode(const char *s, size_t n, int32_t *cp);
/*
 * Append to out the search key of s: NFKD, case-folded, combining marks
 * stripped, typographic quotes/dashes mapped to ASCII.  ASCII input takes a
 * fast path.  Used for every dictionary and gazetteer comparison.
 */
int kb_fold(const char *s, size_t n, struct kb_buf *out);
/* kb_fold's general way (utf8proc_map on the whole string), which kb_fold
   skips for most text; exposed for the test that compares the two. */
int kbp_fold_string(const char *s, size_t n, struct kb_buf *out);
/* Copy s into out replacing invalid UTF-8 and C0 controls (not \t\n) by U+FFFD. */
int kb_utf8_sanitize(const char *s, size_t n, struct kb_buf *out);

/* ---- date.c: proleptic Gregorian calendar ---- */

struct kb_date {
    int y, m, d; /* m 1..12, d 1..31 */
};

bool kb_date_valid(int y, int m, int d);
int kb_days_in_month(int y, int m);
/* Days since 1970-01-01 (negative before). */
long kb_date_to_days(struct kb_date dt);
struct kb_date kb_date_from_days(long days);
struct kb_date kb_date_add_days(struct kb_date dt, long n);
/* Add months, clamping the day to the month's length. */
struct kb_date kb_date_add_months(struct kb_date dt, int n);
/* 1 = Monday .. 7 = Sunday (ISO 8601). */
int kb_date_weekday(struct kb_date dt);
/* ISO 8601 week number and week-year. */
void kb_date_isoweek(struct kb_date dt, int *wyear, int *week);
/* Parse "YYYY-MM-DD" (optionally followed by T... which is ignored). */
int kb_date_parse(const char *s, struct kb_date *out);
/* Format as YYYY-MM-DD into buf (>= 11 bytes). */
void kb_date_format(struct kb_date dt, char *buf);

/* ---- json.c: JSON text writer ---- */

/*
 * Appends JSON text to a kb_buf, as jansson's json_dumpf would print the
 * same values with JSON_PRESERVE_ORDER and JSON_COMPACT (flags 0) or
 * JSON_INDENT(2) (KB_JSON_PRETTY), reals with JSON_REAL_PRECISION(10) (but
 * exact: see kb_json_real).
 * Calls must nest properly (begin/end, a key before each object member);
 * the first failure (KB_ENOMEM) is kept in err and later calls do nothing.
 */
enum kb_json_flags { KB_JSON_PRETTY = 1 << 0 };

struct kb_json {
    struct kb_buf *out; /* borrowed */
    unsigned flags;     /* enum kb_json_flags */
    int depth;          /* open containers */
    bool first;         /* the open container has no member yet */
    bool after_key;     /* a key was written; its value comes next */
    int err;            /* first failure, KB_OK if none */
};

void kb_json_init(struct kb_json *w, struct kb_buf *out, unsigned flags);
/*
 * Go on with a document whose outer part is written elsewhere (a stream):
 * the next value is a member of the array open at `depth`, its first or
 * not.  The containers written from here on must close before depth.
 */
void kb_json_nest(struct kb_json *w, int depth, bool first);
void kb_json_begin_object(struct kb_json *w);
void kb_json_end_object(struct kb_json *w);
void kb_json_begin_array(struct kb_json *w);
void kb_json_end_array(struct kb_json *w);
void kb_json_key(struct kb_json *w, const char *k);
void kb_json_keyn(struct kb_json *w, const char *k, size_t n);
/*
 * A key that is a string literal of at most 60 plain ASCII characters (no
 * quote, backslash or control): written without scanning it, from its
 * compact form ,"lit": made at compile time.
 */
#define KB_JSON_KEY(w, lit) kbp_json_literal_key((w), KB_JSON_K(lit))
void kbp_json_literal_key(struct kb_json *w, const char *k, size_t n);
/* The compact form of a string literal key, ,"lit": and its length. */
#define KB_JSON_K(lit) ",\"" lit "\":", sizeof(lit) + 3
/* A string value: escaped, invalid UTF-8 replaced by U+FFFD. */
void kb_json_str(struct kb_json *w, const char *s, size_t n);
void kb_json_cstr(struct kb_json *w, const char *s); /* NULL: null */
void kb_json_int(struct kb_json *w, long long v);
/* A real: 10 significant digits, or more when needed to read back as v
   (up to 17); NaN and infinity are written as null. */
void kb_json_real(struct kb_json *w, double v);
/* A real as jansson prints it by default: "%.17g" (what the timeline has
   always printed); NaN and infinity as null. */
void kb_json_real17(struct kb_json *w, double v);
/* A float in the fewest digits that read back as the same float. */
void kb_json_float(struct kb_json *w, float v);
void kb_json_bool(struct kb_json *w, bool v);
void kb_json_null(struct kb_json *w);
/*
 * The texts of the values above written at d, for writers of compact JSON
 * that make room themselves (once for a whole object); each returns the
 * end.  Room needed: 6 * n + 2 bytes for a string of n bytes (quoted and
 * escaped as kb_json_escape does), KB_JSON_NUM_MAX for a number.
 */
#define KB_JSON_NUM_MAX 40
char *kb_json_put_str(char *d, const char *s, size_t n);
char *kb_json_put_int(char *d, long long v);
char *kb_json_put_real(char *d, double v);
char *kb_json_put_float(char *d, float v);
/*
 * Append compact JSON text s[0..n) (no white space outside strings, as the
 * compact writer makes it) to out indented as with KB_JSON_PRETTY: the
 * same bytes the writer gives in that mode.  KB_OK, KB_ENOMEM or
 * KB_ETOOBIG.
 */
int kb_json_indent(const char *s, size_t n, struct kb_buf *out);
/*
 * Append s[0..n) to out as a quoted JSON string: '"', '\\' and control
 * characters escaped (\n, \u001F, ...), other bytes as they are, each
 * invalid UTF-8 byte replaced by U+FFFD.  The one escaping function of
 * every JSON kb writes by hand.  KB_OK or KB_ENOMEM.
 */
int kb_json_escape(struct kb_buf *out, const char *s, size_t n);

/* ---- jsonflat.c: fast reader for flat JSON objects ---- */

enum kb_json_type { KB_JSON_STRING, KB_JSON_INTEGER, KB_JSON_NULL, KB_JSON_TRUE, KB_JSON_FALSE };

/* One member of a flat object; strings are offsets into the caller's buffer. */
struct kb_json_member {
    size_t key, key_len; /* decoded key (NUL-terminated in the buffer) */
    int type;            /* enum kb_json_type */
    size_t str, str_len; /* decoded string value (may hold NUL bytes) */
    long long integer;   /* integer value */
    bool controls;       /* the decoded string value holds a C0 control other
                            than tab, LF and CR (NUL included), from an escape */
};

/*
 * Read s[0..n) if it is one JSON object of at most max members whose values
 * are strings, integers, true, false or null, with valid UTF-8, valid
 * escapes and no duplicate key.  Returns 1 (members in m[0..*count), decoded
 * strings in `strings`, which is reset first), 0 when s is anything else
 * (let a full parser accept or report it), or -KB_ENOMEM.
 */
int kb_json_flat_parse(const char *s, size_t n, struct kb_json_member *m, size_t max,
                       size_t *count, struct kb_buf *strings);

/* ---- pipeline.c: ordered parallel map ---- */

/*
 * The three steps of a job.  read() runs on one reader thread, in input
 * order: it fills the job and returns 1, or returns 0 at the end of input
 * (errors travel inside jobs, so that the writer reports them in order).
 * work() runs on the worker threads, several jobs at once.  write() runs on
 * the thread that called kb_pipeline_run(), in input order; a non-zero
 * return stops the run and is returned.  cancelled() (may be NULL) is
 * polled by that thread at least every 100 ms; true stops the run with
 * KB_EINTR.  Jobs read but not yet written when the run stops are dropped.
 */
struct kb_pipeline_ops {
    int (*read)(void *ctx, void *job);
    void (*work)(void *ctx, void *job);
    int (*write)(void *ctx, void *job);
    bool (*cancelled)(void *ctx);
};

/*
 * Run ops over the caller's ring of nslots jobs of job_size bytes each
 * (slots are reused; the caller initialises and releases them), with
 * nworkers worker threads plus one reader thread.  With nworkers <= 1 it
 * runs read, work and write in turn on the calling thread, using the first
 * slot only.  Threads inherit the caller's signal mask.  Returns KB_OK when
 * every job was written, write()'s status, KB_EINTR, or KB_ENOMEM when no
 * thread could be started.
 */
int kb_pipeline_run(const struct kb_pipeline_ops *ops, void *ctx, void *jobs, size_t job_size,
                    size_t nslots, int nworkers);
/* The number of processors online (at least 1): the default worker count. */
int kb_ncpus(void);

/* ---- zip.c: zlib ---- */

/* Append the zlib compression of p[0..n) to out.  KB_OK, KB_ENOMEM, KB_ETOOBIG. */
int kb_zip(const void *p, size_t n, struct kb_buf *out);
/* Append what kb_zip compressed to out.  KB_EPARSE if p is not such data or is
   cut short, KB_ENOMEM, KB_ETOOBIG past out->limit. */
int kb_unzip(const void *p, size_t n, struct kb_buf *out);

/* ---- sha256.c ---- */

void kb_sha256(const void *data, size_t n, uint8_t out[32]);
/* Lower-case hex digest into hex (65 bytes). */
void kb_sha256_hex(const void *data, size_t n, char hex[65]);

#endif
