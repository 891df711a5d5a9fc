/*
 * test_core.c -- the core building blocks.
 *
 * Test plan:
 *   core-1.x  kb_buf: growth, printf, limit, detach
 *   core-2.x  arena and strmap: many keys, multi-values, prefixes, flags and
 *             values in one lookup
 *   core-3.x  UTF-8: validation, decoding, folding (accents, case, quotes), sanitising;
 *             the per-character fold agrees with utf8proc_map; the valid prefix
 *             ends at a bad byte wherever it is in a run of ASCII
 *   core-4.x  calendar: validity, day counts, weekdays, ISO weeks, month arithmetic
 *   core-5.x  SHA-256 test vectors (FIPS 180-2)
 *   core-6.x  kb_zip / kb_unzip: round trip (empty, large), appends; damaged or
 *             cut short data is KB_EPARSE; a size cap gives KB_ETOOBIG
 */
#include "core/core.h"
#include "t.h"

#include <stdlib.h>

static void test_buf(void)
{
    struct kb_buf b;
    kb_buf_init(&b);
    T_OK(b.data && b.data[0] == '\0', "core-1.1 empty buffer is a string");
    for (int i = 0; i < 1000; i++)
        kb_buf_addc(&b, 'x');
    T_INT(b.len, 1000, "core-1.2 growth");
    T_OK(b.data[1000] == '\0', "core-1.3 NUL-terminated");
    kb_buf_reset(&b);
    kb_buf_printf(&b, "%s-%d", "abc", 42);
    T_STR(b.data, "abc-42", "core-1.4 printf");
    kb_buf_reset(&b);
    char big[600];
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = 0;
    kb_buf_printf(&b, "%s", big);
    T_INT(b.len, 599, "core-1.5 long printf");
    kb_buf_release(&b);
    b.limit = 10;
    T_INT(kb_buf_add(&b, "0123456789", 10), KB_OK, "core-1.6 fill to the limit");
    T_INT(kb_buf_addc(&b, 'z'), KB_ETOOBIG, "core-1.7 past the limit");
    size_t len;
    char *d = kb_buf_detach(&b, &len);
    T_OK(d && len == 10 && strcmp(d, "0123456789") == 0, "core-1.8 detach");
    free(d);
    kb_buf_release(&b);
}

static void test_strmap(void)
{
    struct kb_strmap m;
    kb_strmap_init(&m);
    char key[32];
    for (uint32_t i = 0; i < 20000; i++) {
        snprintf(key, sizeof key, "key%u", i);
        kb_strmap_add(&m, key, strlen(key), i);
    }
    size_t n;
    const uint32_t *v = kb_strmap_get(&m, "key12345", 8, &n);
    T_OK(n == 1 && v[0] == 12345, "core-2.1 lookup among 20000 keys");
    kb_strmap_add(&m, "key7", 4, 99);
    kb_strmap_add(&m, "key7", 4, 7); /* duplicate pair kept once */
    v = kb_strmap_get(&m, "key7", 4, &n);
    T_OK(n == 2 && v[0] == 7 && v[1] == 99, "core-2.2 several values per key");
    T_OK(kb_strmap_get(&m, "nope", 4, &n) == NULL && n == 0, "core-2.3 absent key");
    kb_strmap_mark_prefix(&m, "new", 3);
    kb_strmap_add(&m, "new york", 8, 1);
    T_INT(kb_strmap_probe(&m, "new", 3), 2, "core-2.4 prefix without value");
    T_INT(kb_strmap_probe(&m, "new york", 8), 1, "core-2.5 value without prefix");
    kb_strmap_mark_prefix(&m, "key7", 4);
    T_INT(kb_strmap_lookup(&m, "key7", 4, &v, &n), 3, "core-2.6 lookup: flags");
    T_OK(n == 2 && v[0] == 7 && v[1] == 99, "core-2.6 lookup: the values with the flags");
    T_INT(kb_strmap_lookup(&m, "new", 3, &v, &n), 2, "core-2.7 lookup: a prefix only");
    T_OK(v == NULL && n == 0, "core-2.7 lookup: no values");
    T_INT(kb_strmap_lookup(&m, "nope", 4, &v, &n), 0, "core-2.8 lookup: absent");
    kb_strmap_release(&m);

    struct kb_arena a;
    kb_arena_init(&a);
    char *p = NULL;
    for (int i = 0; i < 100000; i++)
        p = kb_arena_strdup(&a, "arena string");
    T_STR(p, "arena string", "core-2.6 arena strdup");
    void *q = kb_arena_alloc(&a, 1 << 20);
    T_OK(q != NULL && ((uintptr_t)q & 7) == 0, "core-2.7 large aligned allocation");
    kb_arena_release(&a);
}

static void fold_is(const char *in, const char *want, const char *id)
{
    struct kb_buf b;
    kb_buf_init(&b);
    kb_fold(in, strlen(in), &b);
    T_STR(b.data, want, id);
    kb_buf_release(&b);
}

static void test_fold_ways(void);

static void test_utf8(void)
{
    T_OK(kb_utf8_valid("Liège", strlen("Liège")), "core-3.1 valid UTF-8");
    T_OK(!kb_utf8_valid("\xC3\x28", 2), "core-3.2 invalid continuation");
    T_OK(!kb_utf8_valid("\xED\xA0\x80", 3), "core-3.3 surrogate rejected");
    T_OK(!kb_utf8_valid("\xC0\xAF", 2), "core-3.4 overlong rejected");
    int32_t cp;
    T_INT(kb_utf8_decode("\xE2\x80\x99", 3, &cp), 3, "core-3.5 decode length");
    T_INT(cp, 0x2019, "core-3.5 decode value");
    fold_is("Liège", "liege", "core-3.6 accents folded");
    fold_is("KYIV", "kyiv", "core-3.7 case folded");
    fold_is("Lukashenko\xE2\x80\x99s", "lukashenko's", "core-3.8 curly apostrophe");
    fold_is("Straße", "strasse", "core-3.9 sharp s");
    fold_is("Zaporizhzhia \xE2\x80\x94", "zaporizhzhia -", "core-3.10 em dash");
    struct kb_buf b;
    kb_buf_init(&b);
    kb_utf8_sanitize("a\xFF" "b\x01" "c", 5, &b);
    T_STR(b.data, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c", "core-3.11 sanitize");
    kb_buf_release(&b);
    test_fold_ways();
    /* ASCII is skipped eight bytes at a time: a bad byte at every place */
    int wrong = 0;
    for (size_t at = 0; at < 40; at++)
        for (size_t len = at + 1; len <= 41; len++) {
            char s[48];
            memset(s, 'a', sizeof s);
            memcpy(s + at, "\xC3\xA9", 2); /* valid where it fits */
            size_t want = at + 2 <= len ? len : at;
            wrong += kb_utf8_valid_prefix(s, len) != want;
            s[at] = '\xFF';
            wrong += kb_utf8_valid_prefix(s, len) != at;
        }
    T_INT(wrong, 0, "core-3.13 valid prefix with a bad byte at every place");
}

/* Encode cp as UTF-8 into s; its length. */
static size_t enc(int32_t cp, char *s)
{
    if (cp < 0x80) {
        s[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        s[0] = (char)(0xC0 | (cp >> 6));
        s[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    s[0] = (char)(0xE0 | (cp >> 12));
    s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    s[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

/* kb_fold folds most text character by character; the whole-string way
   (utf8proc_map) must give the same for every such character, alone and
   after a letter, and for letters followed by marks. */
static void test_fold_ways(void)
{
    struct kb_buf a, b;
    kb_buf_init(&a);
    kb_buf_init(&b);
    int bad = 0;
    for (int32_t cp = 0x80; cp < 0x2070; cp++) {
        if (cp >= 0x800 && cp < 0x2000)
            cp = 0x2000;
        char s[8] = "A";
        size_t n = 1 + enc(cp, s + 1);
        for (int lead = 0; lead < 2; lead++) {
            kb_buf_reset(&a);
            kb_buf_reset(&b);
            kb_fold(s + 1 - lead, n - 1 + lead, &a);
            kbp_fold_string(s + 1 - lead, n - 1 + lead, &b);
            if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
                if (!bad++)
                    fprintf(stderr, "fold of U+%04X: '%s' vs '%s'\n", (unsigned)cp, a.data,
                            b.data);
        }
    }
    static const char *const words[] = {"Ha\xcc\x81no\xcc\x88", "\xd0\xb8\xcc\x86",
                                        "\xce\x91\xcc\x81\xce\xb8\xce\xae\xce\xbd\xce\xb1",
                                        "\xc3\x86\xc3\x98\xc5\x81\xc4\x90",
                                        "\xe2\x80\x9cQuote\xe2\x80\x9d\xe2\x80\xa6"};
    for (size_t i = 0; i < KB_ARRAY_LEN(words); i++) {
        kb_buf_reset(&a);
        kb_buf_reset(&b);
        kb_fold(words[i], strlen(words[i]), &a);
        kbp_fold_string(words[i], strlen(words[i]), &b);
        bad += strcmp(a.data, b.data) != 0;
    }
    char ascii[160];
    for (int c = 1; c < 0x80; c++)
        ascii[c - 1] = (char)c;
    memcpy(ascii + 0x7F, "Li\xc3\xa8ge", 7); /* every ASCII byte before an accent */
    kb_buf_reset(&a);
    kb_buf_reset(&b);
    kb_fold(ascii, 0x7F + 6, &a);
    kbp_fold_string(ascii, 0x7F + 6, &b);
    bad += a.len != b.len || memcmp(a.data, b.data, a.len) != 0;
    T_INT(bad, 0, "core-3.12 folding by character agrees with utf8proc_map");
    kb_buf_release(&a);
    kb_buf_release(&b);
}

static void test_dates(void)
{
    T_OK(kb_date_valid(2024, 2, 29), "core-4.1 leap day 2024");
    T_OK(!kb_date_valid(2022, 2, 29), "core-4.2 no 2022-02-29");
    T_OK(!kb_date_valid(1900, 2, 29), "core-4.3 no 1900-02-29");
    T_OK(kb_date_valid(2000, 2, 29), "core-4.4 2000-02-29");
    struct kb_date d = {2022, 3, 16};
    T_INT(kb_date_weekday(d), 3, "core-4.5 2022-03-16 is a Wednesday");
    struct kb_date e = kb_date_add_days(d, -1);
    T_OK(e.y == 2022 && e.m == 3 && e.d == 15, "core-4.6 day before");
    struct kb_date j = kb_date_add_months((struct kb_date){2022, 1, 31}, 1);
    T_OK(j.m == 2 && j.d == 28, "core-4.7 month arithmetic clamps the day");
    int wy, wk;
    kb_date_isoweek((struct kb_date){2021, 1, 3}, &wy, &wk);
    T_OK(wy == 2020 && wk == 53, "core-4.8 2021-01-03 is in 2020-W53");
    kb_date_isoweek(d, &wy, &wk);
    T_OK(wy == 2022 && wk == 11, "core-4.9 2022-03-16 is in 2022-W11");
    for (long k = -800000; k < 800000; k += 997) {
        struct kb_date x = kb_date_from_days(k);
        if (kb_date_to_days(x) != k) {
            T_OK(0, "core-4.10 day count round trip at %ld", k);
            break;
        }
    }
    T_OK(1, "core-4.10 day count round trip");
    struct kb_date p;
    T_INT(kb_date_parse("2022-02-30", &p), KB_EPARSE, "core-4.11 2022-02-30 refused");
    T_INT(kb_date_parse("99999-01-01", &p), KB_EPARSE, "core-4.12 year 99999 refused");
    T_INT(kb_date_parse("2022-03-16", &p), KB_OK, "core-4.13 parse");
    char buf[11];
    kb_date_format(p, buf);
    T_STR(buf, "2022-03-16", "core-4.14 format");
}

static void test_sha256(void)
{
    char hex[65];
    kb_sha256_hex("", 0, hex);
    T_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "core-5.1");
    kb_sha256_hex("abc", 3, hex);
    T_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "core-5.2");
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    kb_sha256_hex(m, strlen(m), hex);
    T_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "core-5.3");
}

static void test_zip(void)
{
    struct kb_buf in, z, back;
    kb_buf_init(&in);
    kb_buf_init(&z);
    kb_buf_init(&back);
    for (int i = 0; i < 20000; i++)
        kb_buf_printf(&in, "{\"n\":%d}", i * 7919 % 1000);
    T_INT(kb_zip(in.data, in.len, &z), KB_OK, "core-6.1 zip");
    T_OK(z.len > 0 && z.len < in.len / 4, "core-6.1 smaller (%zu of %zu)", z.len, in.len);
    kb_buf_adds(&back, "prefix:");
    T_INT(kb_unzip(z.data, z.len, &back), KB_OK, "core-6.2 unzip");
    T_OK(back.len == in.len + 7 && memcmp(back.data + 7, in.data, in.len) == 0,
         "core-6.2 same bytes, appended");
    kb_buf_reset(&z);
    kb_buf_reset(&back);
    T_OK(kb_zip("", 0, &z) == KB_OK && kb_unzip(z.data, z.len, &back) == KB_OK && back.len == 0,
         "core-6.3 empty round trip");
    kb_buf_reset(&back);
    T_INT(kb_unzip("not zlib at all", 15, &back), KB_EPARSE, "core-6.4 damaged");
    kb_buf_reset(&z);
    kb_buf_reset(&back);
    kb_zip(in.data, in.len, &z);
    T_INT(kb_unzip(z.data, z.len / 2, &back), KB_EPARSE, "core-6.5 cut short");
    struct kb_buf small;
    kb_buf_init(&small);
    small.limit = 64;
    T_INT(kb_unzip(z.data, z.len, &small), KB_ETOOBIG, "core-6.6 over the buffer's cap");
    kb_buf_release(&small);
    kb_buf_release(&in);
    kb_buf_release(&z);
    kb_buf_release(&back);
}

int main(void)
{
    test_buf();
    test_strmap();
    test_utf8();
    test_dates();
    test_sha256();
    test_zip();
    return t_done();
}
