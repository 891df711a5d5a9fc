/*
 * test_json.c -- the JSON writer of core/json.c and the contract output.
 *
 * Test plan:
 *   json-1.x  kb_json_escape: quotes, backslash, control characters, NUL,
 *             multi-byte UTF-8 kept, invalid bytes replaced by U+FFFD; json-1.9
 *             each byte that needs care at every place of a long run of plain
 *             ASCII (the writer skips such runs eight bytes at a time)
 *   json-2.x  reals: the writer's text reads back as the same double, and equals
 *             jansson's (JSON_REAL_PRECISION(10)) when 10 digits are enough:
 *             coordinates, confidences, powers of ten, random doubles; floats
 *             in the fewest digits
 *   json-3.x  whole documents: random trees written by the writer and dumped by
 *             jansson are the same bytes, compact and indented
 *   json-4.x  out of memory is sticky (a buffer with a size limit)
 *   json-8.x  the writing paths added for speed give the bytes of the simple
 *             ones: kb_json_put_str against a byte-by-byte escaper for every
 *             length up to 40 with a special byte at every place;
 *             kb_json_put_real against the "%.10g".."%.17g" loop and
 *             kb_json_put_float against the log10 search they replace, on
 *             coordinates with 0 to 9 decimals, confidences and random floats;
 *             kb_json_indent of compact random trees is jansson's JSON_INDENT(2);
 *             a key that needs escaping; the division and country objects a
 *             document repeats (copied) are those of each place
 *   json-7.x  kb_json_real17 is jansson's default real ("%.17g") on fixed and
 *             random doubles, NaN is null; kb_json_nest continues a stream: a
 *             member written at depth 2 is the text jansson indents there
 *   json-5.x  the contract round trip: kb_doc_write_json, kb_doc_from_json and
 *             kb_doc_write_json again give the same bytes; bad lines are refused
 *             with the key named
 *   json-6.x  kb_json_flat_parse against jansson on generated lines, mangled at
 *             random: whatever it accepts, jansson accepts with the same members
 *             and values; whatever jansson refuses, it leaves to jansson;
 *             json-6.3 each string's `controls` flag is right; json-6.5 every
 *             sequence of two to four bytes from a byte >= 0x80 is taken when it
 *             is valid UTF-8 and left to jansson when not; json-6.6 an escape,
 *             UTF-8, a control or the closing quote at every place of a run
 */
#include "helpers.h"

#include <jansson.h>
#include <math.h>
#include <stdint.h>

static const char *esc(const char *s, size_t n)
{
    static struct kb_buf b;
    kb_buf_reset(&b);
    kb_json_escape(&b, s, n);
    return b.data;
}

static void test_escape(void)
{
    T_STR(esc("plain", 5), "\"plain\"", "json-1.1 plain");
    T_STR(esc("a\"b\\c", 5), "\"a\\\"b\\\\c\"", "json-1.2 quote and backslash");
    T_STR(esc("\b\f\n\r\t", 5), "\"\\b\\f\\n\\r\\t\"", "json-1.3 short escapes");
    T_STR(esc("\x01\x1f\x7f", 3), "\"\\u0001\\u001F\x7f\"", "json-1.4 controls, DEL kept");
    T_STR(esc("a\0b", 3), "\"a\\u0000b\"", "json-1.5 NUL");
    T_STR(esc("Li\xc3\xa8ge \xe2\x80\x94 \xf0\x9f\x98\x80", 15),
          "\"Li\xc3\xa8ge \xe2\x80\x94 \xf0\x9f\x98\x80\"", "json-1.6 UTF-8 kept");
    T_STR(esc("a\xff" "b\xc3", 4), "\"a\xef\xbf\xbd" "b\xef\xbf\xbd\"", "json-1.7 invalid bytes");
    T_STR(esc("/", 1), "\"/\"", "json-1.8 slash not escaped");
    /* json-1.9: one special byte (or sequence) at each place of 24 plain bytes */
    static const struct {
        const char *in, *out;
    } special[] = {
        {"\"", "\\\""}, {"\\", "\\\\"}, {"\x01", "\\u0001"}, {"\x1f", "\\u001F"},
        {"\n", "\\n"},   {"\x7f", "\x7f"},   {" ", " "},           {"~", "~"},
        {"\xc3\xa8", "\xc3\xa8"}, {"\xff", "\xef\xbf\xbd"}, {"\x80", "\xef\xbf\xbd"},
    };
    bool all = true;
    for (size_t k = 0; k < sizeof special / sizeof *special; k++)
        for (size_t at = 0; at <= 24; at++) {
            char in[64], want[64];
            snprintf(in, sizeof in, "%.*s%s%.*s", (int)at, "abcdefghijklmnopqrstuvwx",
                     special[k].in, (int)(24 - at), "ABCDEFGHIJKLMNOPQRSTUVWX");
            snprintf(want, sizeof want, "\"%.*s%s%.*s\"", (int)at, "abcdefghijklmnopqrstuvwx",
                     special[k].out, (int)(24 - at), "ABCDEFGHIJKLMNOPQRSTUVWX");
            if (strcmp(esc(in, strlen(in)), want) != 0) {
                printf("  json-1.9 %s at %zu: %s\n", special[k].out, at, esc(in, strlen(in)));
                all = false;
            }
        }
    T_OK(all, "json-1.9 special bytes anywhere in a long plain run");
}

/* What jansson prints for a real. */
static void jansson_real(double v, char *out, size_t n)
{
    json_t *a = json_array();
    json_array_append_new(a, json_real(v));
    char *s = json_dumps(a, JSON_COMPACT | JSON_REAL_PRECISION(10));
    snprintf(out, n, "%.*s", (int)strlen(s) - 2, s + 1);
    free(s);
    json_decref(a);
}

/*
 * The writer's text for v reads back as v, and is jansson's whenever
 * jansson's (10 significant digits) reads back as v too.
 */
static bool same_real(double v)
{
    char want[64];
    jansson_real(v, want, sizeof want);
    struct kb_buf b;
    kb_buf_init(&b);
    struct kb_json w;
    kb_json_init(&w, &b, 0);
    kb_json_real(&w, v);
    bool exact = strtod(b.data, NULL) == v || (v == 0 && strtod(b.data, NULL) == 0);
    bool ok = exact && (strtod(want, NULL) != v || strcmp(b.data, want) == 0);
    if (!ok)
        fprintf(stderr, "real %.17g: got '%s', want '%s'\n", v, b.data, want);
    kb_buf_release(&b);
    return ok;
}

static void test_reals(void)
{
    static const double fixed[] = {0, -0.0, 1, -1, 0.5, 30, 51.40541, 30.05803, -122.41942,
                                   0.9, 0.983, 1e-4, 9.99999e-5, 1e-5, 1e10, 9999999999.5,
                                   123456789012.0, 1e22, 1e-7, 0.1 + 0.2, 2.5, 1234567890.5,
                                   0.00012345678915, 99999.999995};
    bool all = true;
    for (size_t i = 0; i < KB_ARRAY_LEN(fixed); i++)
        all &= same_real(fixed[i]);
    T_OK(all, "json-2.1 fixed values");
    all = true;
    for (float f = 0; f <= 1.0f; f += 0.001f)
        all &= same_real((double)f);
    T_OK(all, "json-2.2 float confidences");
    all = true;
    uint64_t x = 88172645463325252ull;
    for (int i = 0; i < 200000 && all; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double lat = (double)(x % 18000001) / 100000.0 - 90.0;
        double r;
        uint64_t bits = x;
        memcpy(&r, &bits, sizeof r);
        all &= same_real(lat);
        if (isfinite(r))
            all &= same_real(r);
        all &= same_real((double)(x >> 11) / 9007199254740992.0 * pow(10, (int)(x % 20) - 6));
    }
    T_OK(all, "json-2.3 random doubles");
    static const struct {
        float f;
        const char *want;
    } floats[] = {{0.9f, "0.9"}, {0.75f, "0.75"}, {0.123456f, "0.123456"}, {1.0f / 3, "0.33333334"},
                  {0, "0.0"}, {1, "1.0"}};
    for (size_t i = 0; i < KB_ARRAY_LEN(floats); i++) {
        struct kb_buf b;
        kb_buf_init(&b);
        struct kb_json w;
        kb_json_init(&w, &b, 0);
        kb_json_float(&w, floats[i].f);
        T_STR(b.data, floats[i].want, "json-2.4 float in the fewest digits");
        T_OK(strtof(b.data, NULL) == floats[i].f, "json-2.5 float reads back: %s", b.data);
        kb_buf_release(&b);
    }
}

/* A random JSON tree, built with jansson and written with the writer at once. */
static json_t *tree(struct kb_json *w, uint64_t *x, int depth)
{
    *x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17;
    int k = depth > 3 ? (int)(*x % 5) : (int)(*x % 7);
    static const char *const strs[] = {"", "a", "Kyiv \xe2\x80\x94 \"quoted\"", "line\nbreak",
                                       "tab\t\\", "\xc3\xa9t\xc3\xa9"};
    switch (k) {
    case 0:
        kb_json_null(w);
        return json_null();
    case 1:
        kb_json_bool(w, *x & 8);
        return json_boolean(*x & 8);
    case 2: {
        long long v = (long long)(*x % 2000001) - 1000000;
        kb_json_int(w, v);
        return json_integer(v);
    }
    case 3: {
        char num[32]; /* a value that 10 digits write exactly */
        snprintf(num, sizeof num, "%.3f", (double)(*x % 1000000) / 1000.0 - 500);
        double v = strtod(num, NULL);
        kb_json_real(w, v);
        return json_real(v);
    }
    case 4: {
        const char *s = strs[*x % KB_ARRAY_LEN(strs)];
        kb_json_cstr(w, s);
        return json_string(s);
    }
    case 5: {
        json_t *a = json_array();
        kb_json_begin_array(w);
        for (int n = (int)(*x % 4); n > 0; n--)
            json_array_append_new(a, tree(w, x, depth + 1));
        kb_json_end_array(w);
        return a;
    }
    default: {
        json_t *o = json_object();
        kb_json_begin_object(w);
        for (int n = (int)(*x % 4); n > 0; n--) {
            char key[16];
            snprintf(key, sizeof key, "k%d", n);
            kb_json_key(w, key);
            json_object_set_new(o, key, tree(w, x, depth + 1));
        }
        kb_json_end_object(w);
        return o;
    }
    }
}

static void test_trees(void)
{
    uint64_t x = 12345;
    int bad[2] = {0, 0};
    for (int i = 0; i < 2000; i++)
        for (int pretty = 0; pretty < 2; pretty++) {
            struct kb_buf b;
            kb_buf_init(&b);
            struct kb_json w;
            kb_json_init(&w, &b, pretty ? KB_JSON_PRETTY : 0);
            uint64_t seed = x;
            json_t *t = tree(&w, &x, 0);
            char *want = json_dumps(t, JSON_ENCODE_ANY | JSON_PRESERVE_ORDER |
                                           JSON_REAL_PRECISION(10) |
                                           (pretty ? JSON_INDENT(2) : JSON_COMPACT));
            if (!want || strcmp(want, b.data) != 0) {
                if (!bad[pretty]++)
                    fprintf(stderr, "tree %llu: got\n%s\nwant\n%s\n", (unsigned long long)seed,
                            b.data, want ? want : "(null)");
            }
            free(want);
            json_decref(t);
            kb_buf_release(&b);
        }
    T_INT(bad[0], 0, "json-3.1 compact trees as jansson");
    T_INT(bad[1], 0, "json-3.2 indented trees as jansson");
}

static void test_oom(void)
{
    struct kb_buf b;
    kb_buf_init(&b);
    b.limit = 16;
    struct kb_json w;
    kb_json_init(&w, &b, 0);
    kb_json_begin_object(&w);
    kb_json_key(&w, "text");
    kb_json_cstr(&w, "far too long for the buffer");
    T_INT(w.err, KB_ETOOBIG, "json-4.1 failure is kept");
    kb_json_key(&w, "more");
    kb_json_int(&w, 1);
    kb_json_end_object(&w);
    T_INT(w.err, KB_ETOOBIG, "json-4.2 later calls do nothing");
    T_OK(b.len <= 16, "json-4.3 the limit holds");
    kb_buf_release(&b);
}

static void test_roundtrip(void)
{
    static const char *const texts[] = {
        "Belarusian president Alexander Lukashenko said on Tuesday that Ukraine fired a "
        "missile at Belarus. Russian troops crossed into Ukraine from Crimea.\n\nIn Kyiv, "
        "President Volodymyr Zelensky met the UN Secretary-General Antonio Guterres last "
        "week; Zelensky urged the European Union to impose sanctions on Moscow.",
        "Flooding killed 12 people in Li\xc3\xa8ge and Namur on 14 July 2021, Belgian "
        "officials said. \"We have never seen this,\" the mayor told reporters.",
    };
    for (size_t i = 0; i < KB_ARRAY_LEN(texts); i++) {
        struct kb_doc *d = t_extract(texts[i], "2022-03-16");
        kb_doc_set_meta(d, "doc-1", "A title", "https://example.org/x");
        struct kb_buf a, b;
        kb_buf_init(&a);
        kb_buf_init(&b);
        T_INT(kb_doc_write_json(d, NULL, 0, &a), KB_OK, "json-5.1 write");
        struct kb_doc *back = NULL;
        const char *path;
        struct kb_error err;
        kb_error_clear(&err);
        int rc = kb_doc_from_json(a.data, a.len, NULL, 0, &back, &path, &err);
        T_INT(rc, KB_OK, "json-5.2 read back");
        if (back) {
            kb_doc_write_json(back, path, 0, &b);
            T_STR(b.data, a.data, "json-5.3 same bytes after a round trip");
            T_INT(back->ents.n, d->ents.n, "json-5.4 entities");
            T_INT(back->events.n, d->events.n, "json-5.5 events");
        }
        kb_doc_free(back);
        kb_doc_free(d);
        kb_buf_release(&a);
        kb_buf_release(&b);
    }
    static const struct {
        const char *line, *want;
    } bad[] = {
        {"{\"id\":\"x\"}", "not the output of kb extract"},
        {"{\"text\":\"ab\",\"sentences\":[[0,5]]}", "sentences[0]: outside the text"},
        {"{\"text\":\"ab\",\"sentences\":[[0,2]],\"entities\":[{\"start\":0,\"end\":1,"
         "\"sentence\":3,\"type\":\"GPE\",\"name\":\"A\"}]}",
         "entities[0].sentence: out of range"},
        {"{\"text\":\"ab\",\"sentences\":[[0,2]],\"entities\":[{\"start\":0,\"end\":1,"
         "\"index\":0,\"sentence\":0,\"type\":\"CITY\",\"name\":\"A\"}]}",
         "entities[0].type: not an entity type"},
        {"{\"text\":\"ab\",\"sentences\":[[0,2]],\"events\":[{\"type\":\"ATTACK\","
         "\"cameo\":\"190\",\"sentence\":0,\"trigger\":{\"start\":0,\"end\":1},"
         "\"index\":{\"actor\":0}}]}",
         "events[0].actor: out of range"},
        {"{\"id\":null,\"error\":\"malformed JSON\",\"line\":3}", "could not read"},
        {"[1,2]", "expected a JSON object"},
        {"{\"text\":", "malformed JSON"},
    };
    for (size_t i = 0; i < KB_ARRAY_LEN(bad); i++) {
        struct kb_doc *d = NULL;
        const char *path;
        struct kb_error err;
        kb_error_clear(&err);
        int rc = kb_doc_from_json(bad[i].line, strlen(bad[i].line), NULL, 0, &d, &path, &err);
        T_OK(rc != KB_OK && !d && strstr(err.msg, bad[i].want),
             "json-5.6 bad line %zu refused: got '%s', want '%s'", i, err.msg, bad[i].want);
    }
}

/* Append a random JSON string (valid or, now and then, not) to b. */
static void rand_string(struct kb_buf *b, uint64_t *x)
{
    static const char *const parts[] = {
        "a plain run of ASCII, longer than a word", "\\b", "\\f", "\\u001f",
        "plain", " ", "\\\"", "\\n", "\\u00e9", "\\u20AC", "\\ud83d\\ude00", "\\/",
        "\xc3\xa9", "\xe2\x80\x94", "\\u0000", "\\t", "\\ud83d", "\\x", "\x01", "\xff",
        "\xed\xa0\x80", "\\uDC00", "\\u12G4", "\xf0\x9f\x98\x80",
    };
    kb_buf_addc(b, '"');
    for (int n = (int)(*x % 5); n > 0; n--) {
        *x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17;
        /* mostly valid parts; the last six are errors jansson reports */
        size_t k = *x % 97 < 90 ? *x % 18 : *x % KB_ARRAY_LEN(parts);
        kb_buf_adds(b, parts[k]);
    }
    kb_buf_addc(b, '"');
}

static void rand_line(struct kb_buf *b, uint64_t *x)
{
    static const char *const keys[] = {"\"id\"", "\"text\"", "\"title\"", "\"dct\"",
                                       "\"source\"", "\"lang\"", "\"t\\u0065xt\""};
    static const char *const values[] = {"null", "true", "false", "12", "-7", "0", "1.5",
                                         "[1,2]", "{\"a\":1}", "01", "1e3", "123456789012345678901",
                                         "nul", "-", "-999999999999999999",
                                         "9999999999999999999" /* overflowed once */};
    kb_buf_reset(b);
    kb_buf_adds(b, *x % 11 ? "{" : " {");
    int n = (int)(*x % 6);
    for (int i = 0; i < n; i++) {
        *x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17;
        if (i)
            kb_buf_adds(b, *x % 7 ? "," : " , ");
        kb_buf_adds(b, keys[*x % KB_ARRAY_LEN(keys)]);
        kb_buf_adds(b, *x % 5 ? ":" : " : ");
        if (*x % 3)
            rand_string(b, x);
        else
            kb_buf_adds(b, values[(*x >> 8) % KB_ARRAY_LEN(values)]);
    }
    kb_buf_adds(b, (*x >> 3) % 13 ? "}" : (*x >> 3) % 2 ? "} x" : "");
}

static void test_flat(void)
{
    struct kb_buf line, strings;
    kb_buf_init(&line);
    kb_buf_init(&strings);
    uint64_t x = 99991;
    int accepted = 0, refused = 0, wrong = 0, badflag = 0, flagged = 0;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        rand_line(&line, &x);
        struct kb_json_member m[8];
        size_t k = 0;
        int r = kb_json_flat_parse(line.data, line.len, m, KB_ARRAY_LEN(m), &k, &strings);
        json_error_t je;
        json_t *o = json_loadb(line.data, line.len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
        if (r != 1) {
            refused += !o;
            json_decref(o);
            continue;
        }
        accepted++;
        bool same = o && json_is_object(o) && json_object_size(o) == k;
        for (size_t j = 0; same && j < k; j++) {
            json_t *v = json_object_get(o, strings.data + m[j].key);
            switch (m[j].type) {
            case KB_JSON_STRING: {
                same = json_is_string(v) && json_string_length(v) == m[j].str_len &&
                       memcmp(json_string_value(v), strings.data + m[j].str, m[j].str_len) == 0;
                bool ctl = false;
                for (size_t c = 0; c < m[j].str_len; c++) {
                    unsigned char u = (unsigned char)strings.data[m[j].str + c];
                    ctl |= u < 0x20 && u != '\t' && u != '\n' && u != '\r';
                }
                badflag += ctl != m[j].controls;
                flagged += ctl;
                break;
            }
            case KB_JSON_INTEGER:
                same = json_is_integer(v) && json_integer_value(v) == m[j].integer;
                break;
            case KB_JSON_NULL:
                same = json_is_null(v);
                break;
            default:
                same = json_is_boolean(v) && json_is_true(v) == (m[j].type == KB_JSON_TRUE);
            }
        }
        if (!same && !wrong++)
            fprintf(stderr, "flat parse differs from jansson on: %s\n", line.data);
        json_decref(o);
    }
    T_INT(wrong, 0, "json-6.1 what the fast reader accepts, jansson reads the same");
    T_INT(badflag, 0, "json-6.3 the controls flag says whether a string holds a C0 control");
    T_OK(flagged > 100, "json-6.4 the lines cover strings with controls (%d)", flagged);
    T_OK(accepted > 2000 && refused > 2000, "json-6.2 the lines cover both (%d accepted, %d refused)",
         accepted, refused);
    kb_buf_release(&line);
    kb_buf_release(&strings);
}

/* Strings of one to four bytes after a lead byte >= 0x80: the fast reader
   takes exactly the valid UTF-8 that holds no quote, backslash or control. */
static void test_flat_utf8(void)
{
    static const unsigned char tails[] = {0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 'a', '"'};
    struct kb_buf strings;
    kb_buf_init(&strings);
    int wrong = 0;
    for (unsigned lead = 0x80; lead < 0x100; lead++)
        for (unsigned second = 0; second < 0x100; second++)
            for (size_t t3 = 0; t3 <= KB_ARRAY_LEN(tails); t3++)
                for (size_t t4 = 0; t4 <= KB_ARRAY_LEN(tails); t4++) {
                    unsigned char seq[4] = {(unsigned char)lead, (unsigned char)second};
                    size_t n = 2;
                    if (t3 < KB_ARRAY_LEN(tails))
                        seq[n++] = tails[t3];
                    if (n == 3 && t4 < KB_ARRAY_LEN(tails))
                        seq[n++] = tails[t4];
                    char line[32] = "{\"text\":\"";
                    size_t len = strlen(line);
                    memcpy(line + len, seq, n);
                    memcpy(line + len + n, "x\"}", 3);
                    len += n + 3;
                    bool plain = kb_utf8_valid((const char *)seq, n);
                    for (size_t i = 0; i < n; i++)
                        plain &= seq[i] >= 0x20 && seq[i] != '"' && seq[i] != '\\';
                    struct kb_json_member m[2];
                    size_t k;
                    int r = kb_json_flat_parse(line, len, m, 2, &k, &strings);
                    if ((r == 1) != plain && !wrong++)
                        fprintf(stderr, "flat parse %s %02x %02x..\n", r == 1 ? "took" : "refused",
                                lead, second);
                }
    T_INT(wrong, 0, "json-6.5 the fast reader takes exactly the valid UTF-8");
    kb_buf_release(&strings);
}

/* Each kind of byte that ends a plain run, at every place of runs of up to
   40 bytes (the reader copies such runs 16 and 8 bytes at a time). */
static void test_flat_runs(void)
{
    static const struct {
        const char *raw, *decoded; /* decoded NULL: refused */
    } kinds[] = {
        {"\\n", "\n"}, {"\xc3\xa9", "\xc3\xa9"}, {"\\u00e9", "\xc3\xa9"}, {"\x01", NULL},
        {"\xff", NULL}, {"", ""},
    };
    struct kb_buf line, want, strings;
    kb_buf_init(&line);
    kb_buf_init(&want);
    kb_buf_init(&strings);
    int wrong = 0;
    for (size_t k = 0; k < KB_ARRAY_LEN(kinds); k++)
        for (int before = 0; before <= 40; before++)
            for (int after = 0; after <= 20; after++) {
                kb_buf_reset(&line);
                kb_buf_reset(&want);
                kb_buf_adds(&line, "{\"text\":\"");
                for (int i = 0; i < before; i++)
                    kb_buf_addc(&line, (char)('a' + i % 26)), kb_buf_addc(&want, (char)('a' + i % 26));
                kb_buf_adds(&line, kinds[k].raw);
                if (kinds[k].decoded)
                    kb_buf_adds(&want, kinds[k].decoded);
                for (int i = 0; i < after; i++)
                    kb_buf_addc(&line, 'z'), kb_buf_addc(&want, 'z');
                kb_buf_adds(&line, "\"}");
                struct kb_json_member m[2];
                size_t n;
                int r = kb_json_flat_parse(line.data, line.len, m, 2, &n, &strings);
                bool ok = kinds[k].decoded
                              ? r == 1 && m[0].str_len == want.len &&
                                    memcmp(strings.data + m[0].str, want.data, want.len) == 0
                              : r == 0;
                if (!ok && !wrong++)
                    fprintf(stderr, "flat parse wrong on: %s\n", line.data);
            }
    T_INT(wrong, 0, "json-6.6 runs ended at every place");
    kb_buf_release(&line);
    kb_buf_release(&want);
    kb_buf_release(&strings);
}

/* Jansson's default real (no JSON_REAL_PRECISION): what kb_json_real17 writes. */
static bool same_real17(double v)
{
    json_t *a = json_array();
    json_array_append_new(a, json_real(v));
    char *s = json_dumps(a, JSON_COMPACT);
    struct kb_buf b;
    kb_buf_init(&b);
    struct kb_json w;
    kb_json_init(&w, &b, 0);
    kb_json_real17(&w, v);
    bool ok = s && strlen(s) == b.len + 2 && strncmp(s + 1, b.data, b.len) == 0;
    if (!ok)
        fprintf(stderr, "real17 %.17g: got '%s', want %s\n", v, b.data, s ? s : "?");
    free(s);
    kb_buf_release(&b);
    json_decref(a);
    return ok;
}

static void test_stream(void)
{
    static const double fixed[] = {0, -0.0, 1, 48.0, 50.45466, -122.41942, 1e22, 1e-7, 0.1 + 0.2,
                                   123456789012.0, 5e-324, 1.7976931348623157e308};
    bool all = true;
    for (size_t i = 0; i < KB_ARRAY_LEN(fixed); i++)
        all &= same_real17(fixed[i]);
    uint64_t x = 88172645463325252ull;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double r;
        memcpy(&r, &x, sizeof r);
        if (isfinite(r))
            all &= same_real17(r);
        all &= same_real17((double)(x % 36000001) / 100000.0 - 180.0);
    }
    T_OK(all, "json-7.1 real17 as jansson's default");
    struct kb_buf b;
    kb_buf_init(&b);
    struct kb_json w;
    kb_json_init(&w, &b, 0);
    kb_json_real17(&w, NAN);
    T_STR(b.data, "null", "json-7.2 NaN is null");
    /* {"events": [E1, E2]} with E1 and E2 written on their own, at depth 2 */
    json_t *doc = json_pack("{s:[{s:i, s:[i, {s:s}]}, {s:n, s:{}}]}", "events", "a", 1, "b", 2,
                            "c", "d", "e", "f");
    char *want = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    kb_buf_reset(&b);
    kb_buf_adds(&b, "{\n  \"events\": [");
    for (int i = 0; i < 2; i++) {
        kb_json_init(&w, &b, KB_JSON_PRETTY);
        kb_json_nest(&w, 2, i == 0);
        kb_json_begin_object(&w);
        if (i == 0) {
            KB_JSON_KEY(&w, "a");
            kb_json_int(&w, 1);
            KB_JSON_KEY(&w, "b");
            kb_json_begin_array(&w);
            kb_json_int(&w, 2);
            kb_json_begin_object(&w);
            KB_JSON_KEY(&w, "c");
            kb_json_cstr(&w, "d");
            kb_json_end_object(&w);
            kb_json_end_array(&w);
        } else {
            KB_JSON_KEY(&w, "e");
            kb_json_null(&w);
            KB_JSON_KEY(&w, "f");
            kb_json_begin_object(&w);
            kb_json_end_object(&w);
        }
        kb_json_end_object(&w);
    }
    kb_buf_adds(&b, "\n  ]\n}");
    T_STR(b.data, want, "json-7.3 members written at depth 2 = jansson's indented document");
    free(want);
    json_decref(doc);
    kb_buf_release(&b);
}

/* The escape of s[0..n) one byte at a time: what kb_json_put_str must give. */
static void slow_escape(const char *s, size_t n, struct kb_buf *out)
{
    kb_buf_addc(out, '"');
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            kb_buf_addc(out, '\\');
            kb_buf_addc(out, (char)c);
        } else if (c == '\n') {
            kb_buf_adds(out, "\\n");
        } else if (c == '\t') {
            kb_buf_adds(out, "\\t");
        } else if (c < 0x20) {
            kb_buf_printf(out, "\\u%04X", c);
        } else if (c >= 0x80) {
            int32_t cp;
            int len = kb_utf8_decode(s + i, n - i, &cp);
            if (cp == 0xFFFD && len == 1)
                kb_buf_adds(out, "\xEF\xBF\xBD");
            else
                kb_buf_add(out, s + i, (size_t)len);
            i += (size_t)len;
            continue;
        } else {
            kb_buf_addc(out, (char)c);
        }
        i++;
    }
    kb_buf_addc(out, '"');
}

static void test_put_str(void)
{
    static const char *const special[] = {"\"", "\\", "\n", "\t", "\x01", "\x1f", "\xc3\xa9",
                                          "\xe2\x80\x94", "\xff", "\x80", "\x7f", " "};
    bool all = true;
    char in[64], out[64 * 6 + 2];
    for (size_t n = 0; n <= 40 && all; n++)
        for (size_t k = 0; k < KB_ARRAY_LEN(special); k++)
            for (size_t at = 0; at <= n; at++) {
                size_t sl = strlen(special[k]), len = 0;
                for (size_t i = 0; i < n; i++) {
                    if (i == at && len + sl <= n) {
                        memcpy(in + len, special[k], sl);
                        len += sl;
                    } else if (len < n) {
                        in[len++] = (char)('a' + (i % 26));
                    }
                }
                struct kb_buf want;
                kb_buf_init(&want);
                slow_escape(in, len, &want);
                char *end = kb_json_put_str(out, in, len);
                if ((size_t)(end - out) != want.len || memcmp(out, want.data, want.len) != 0) {
                    fprintf(stderr, "put_str %zu bytes, %s at %zu: got %.*s want %s\n", len,
                            special[k], at, (int)(end - out), out, want.data);
                    all = false;
                }
                kb_buf_release(&want);
            }
    T_OK(all, "json-8.1 put_str as the byte-by-byte escape, every length and place");
}

/* kb_json_real before its fast paths: "%.10g" up to "%.17g", in jansson's form. */
static void slow_real(double v, char *out, size_t size)
{
    char b[40];
    int n = 0;
    for (int prec = 10; prec <= 17; prec++) {
        n = snprintf(b, sizeof b, "%.*g", prec, v);
        if (prec == 17 || strtod(b, NULL) == v)
            break;
    }
    if (!strchr(b, '.') && !strchr(b, 'e'))
        memcpy(b + n, ".0", 3);
    char *e = strchr(b, 'e');
    if (e) { /* no '+', no leading zeros in the exponent */
        char *from = e + 1, *to = e + 1;
        if (*from == '+')
            from++;
        else if (*from == '-')
            from++, to++;
        while (*from == '0' && from[1])
            from++;
        memmove(to, from, strlen(from) + 1);
    }
    snprintf(out, size, "%s", b);
}

/* kb_json_float before its fast path: log10 and round, then the real. */
static void slow_float(float v, char *out, size_t size)
{
    double a = fabs((double)v);
    if (a >= 1e-4 && a < 1e9) {
        int e = (int)floor(log10(a));
        for (int p = 1; p <= 9; p++) {
            int k = p - 1 - e;
            if (k < 0)
                continue;
            double c = round(a * pow(10, k)) / pow(10, k);
            if ((float)c == (float)a) {
                slow_real(v < 0 ? -c : c, out, size);
                return;
            }
        }
    }
    char b[32];
    snprintf(b, sizeof b, "%.9g", (double)v);
    slow_real(strtod(b, NULL), out, size);
}

static void test_put_numbers(void)
{
    uint64_t x = 0x9E3779B97F4A7C15ull;
    bool all = true;
    char got[KB_JSON_NUM_MAX + 1], want[64];
    for (int i = 0; i < 100000 && all; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int decimals = (int)(x % 10);
        double scale = pow(10, decimals);
        double v = (double)(int64_t)(x >> 20 & 0xFFFFFFFFFull) / scale;
        v = fmod(v, 200000.0) - 100000.0; /* coordinates and beyond */
        if (i % 3 == 0)
            v = (double)(x % 100001) / 100000.0; /* confidences */
        *kb_json_put_real(got, v) = '\0';
        slow_real(v, want, sizeof want);
        if (strcmp(got, want) != 0) {
            fprintf(stderr, "put_real %.17g: got %s want %s\n", v, got, want);
            all = false;
        }
    }
    T_OK(all, "json-8.2 put_real as the printf loop");
    all = true;
    for (int i = 0; i < 100000 && all; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        uint32_t bits = (uint32_t)x;
        float f;
        memcpy(&f, &bits, sizeof f);
        if (i % 2 == 0)
            f = (float)(x % 1000001) / 1e6f; /* confidences */
        if (!isfinite(f))
            continue;
        *kb_json_put_float(got, f) = '\0';
        slow_float(f, want, sizeof want);
        if (strcmp(got, want) != 0) {
            fprintf(stderr, "put_float %.9g: got %s want %s\n", (double)f, got, want);
            all = false;
        }
    }
    T_OK(all, "json-8.3 put_float as the log10 search");
}

/* Compact random trees, indented by kb_json_indent, are jansson's JSON_INDENT(2). */
static void test_indent(void)
{
    uint64_t x = 777;
    int bad = 0;
    for (int i = 0; i < 2000; i++) {
        struct kb_buf b, ind;
        kb_buf_init(&b);
        kb_buf_init(&ind);
        struct kb_json w;
        kb_json_init(&w, &b, 0);
        json_t *t = tree(&w, &x, 0);
        char *want = json_dumps(t, JSON_ENCODE_ANY | JSON_PRESERVE_ORDER |
                                       JSON_REAL_PRECISION(10) | JSON_INDENT(2));
        if (kb_json_indent(b.data, b.len, &ind) != KB_OK || !want || strcmp(want, ind.data) != 0)
            if (!bad++)
                fprintf(stderr, "indent: got\n%s\nwant\n%s\n", ind.data, want ? want : "");
        free(want);
        json_decref(t);
        kb_buf_release(&b);
        kb_buf_release(&ind);
    }
    T_INT(bad, 0, "json-8.4 indented compact trees as jansson");
    struct kb_buf b;
    kb_buf_init(&b);
    struct kb_json w;
    kb_json_init(&w, &b, 0);
    kb_json_begin_object(&w);
    kb_json_key(&w, "a\"b");
    kb_json_int(&w, 1);
    kb_json_key(&w, "c");
    kb_json_int(&w, 2);
    kb_json_end_object(&w);
    T_STR(b.data, "{\"a\\\"b\":1,\"c\":2}", "json-8.5 a key that needs escaping");
    kb_buf_release(&b);
}

/* Every place's division and country objects name its own, copied or not. */
static void test_repeated_regions(void)
{
    struct kb_doc *d = t_extract("Troops left Kharkiv for Kyiv. Odesa and Lviv were calm; "
                                 "Kharkiv and Kyiv were not. Paris and Lyon, then Kyiv.",
                                 "2022-03-16");
    struct kb_buf b;
    kb_buf_init(&b);
    T_INT(kb_doc_write_json(d, NULL, 0, &b), KB_OK, "json-8.6 write");
    json_t *o = json_loadb(b.data, b.len, 0, NULL);
    json_t *places = json_object_get(o, "places");
    bool all = json_array_size(places) == d->places.n && d->places.n >= 6;
    size_t refs = 0;
    for (size_t i = 0; all && i < d->places.n; i++) {
        const struct kb_place *p = &d->places.v[i];
        const struct kb_place_ref *r[2] = {&p->in_admin1, &p->in_country};
        static const char *const key[2] = {"in_admin1", "in_country"};
        for (int k = 0; k < 2; k++) {
            json_t *j = json_object_get(json_array_get(places, i), key[k]);
            if (!r[k]->name) {
                all &= j == NULL;
                continue;
            }
            refs++;
            all &= j && strcmp(json_string_value(json_object_get(j, "name")), r[k]->name) == 0 &&
                   json_real_value(json_object_get(j, "lat")) == r[k]->lat &&
                   json_real_value(json_object_get(j, "lon")) == r[k]->lon;
        }
    }
    T_OK(all && refs >= 6, "json-8.7 repeated divisions and countries are each place's (%zu)",
         refs);
    json_decref(o);
    kb_buf_release(&b);
    kb_doc_free(d);
}

int main(void)
{
    t_setup();
    test_put_str();
    test_put_numbers();
    test_indent();
    test_repeated_regions();
    test_escape();
    test_reals();
    test_stream();
    test_trees();
    test_oom();
    test_roundtrip();
    test_flat();
    test_flat_utf8();
    test_flat_runs();
    kb_extractor_release(&t_ex);
    return t_done();
}
