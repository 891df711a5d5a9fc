/*
 * test_lines.c -- the block line reader of core/lines.c.
 *
 * Test plan:
 *   lines-1.x  fixed cases: no final newline, empty lines, an empty input, a
 *              line of exactly the limit and one byte more (dropped, reading
 *              goes on), NUL bytes kept, a line longer than the limit at the
 *              end of the input; after the end, 0 again
 *   lines-2.x  random inputs (lines of 0 to 200,000 bytes, so they cross the
 *              64 KiB blocks, with NUL bytes and CRs) under random limits:
 *              kb_lines_next gives the same lines and statuses as
 *              a byte-at-a-time stdio reader on the same bytes, and holds no more than about
 *              the limit while skipping a long line
 *   lines-3.x  a pipe: lines written in pieces arrive whole; kb_lines_fill
 *              hands over the bytes after the lines read
 */
#include "core/core.h"
#include "t.h"

#include <stdlib.h>
#include <unistd.h>

/* A temporary file holding s[0..n), rewound. */
static FILE *file_of(const char *s, size_t n)
{
    FILE *f = tmpfile();
    if (!f || fwrite(s, 1, n, f) != n || fflush(f) || fseek(f, 0, SEEK_SET)) {
        fprintf(stderr, "cannot write a temporary file\n");
        exit(1);
    }
    return f;
}

/* One record of a reader's answer: L (and the line), E for the end, B for a
   line above the limit, else the status. */
static void record(struct kb_buf *out, int st, const char *line, size_t len)
{
    if (st == 1)
        kb_buf_addc(out, 'L'), kb_buf_add(out, line, len);
    else if (st == 0 || st == -KB_ETOOBIG)
        kb_buf_addc(out, st ? 'B' : 'E');
    else
        kb_buf_printf(out, "%d", st);
    kb_buf_addc(out, '|');
}

/* The lines of s[0..n) under limit, as records. */
static void lines_of(const char *s, size_t n, size_t limit, struct kb_buf *out)
{
    FILE *f = file_of(s, n);
    struct kb_lines r;
    kb_lines_init(&r, fileno(f));
    kb_buf_reset(out);
    for (int i = 0; i < 100; i++) {
        const char *line;
        size_t len;
        int st = kb_lines_next(&r, limit, &line, &len);
        record(out, st, line, len);
        if (st == 0)
            break;
    }
    kb_lines_release(&r);
    fclose(f);
}

static void test_fixed(void)
{
    static const struct {
        const char *in;
        size_t n, limit;
        const char *want;
    } cases[] = {
        {"a\nbc\n", 5, 0, "La|Lbc|E|"},
        {"a\nbc", 4, 0, "La|Lbc|E|"},
        {"\n\n", 2, 0, "L|L|E|"},
        {"", 0, 0, "E|"},
        {"abc\nabcd\nab\n", 12, 3, "Labc|B|Lab|E|"},
        {"ab\nabcdef", 9, 3, "Lab|B|E|"},
        {"x\r\n", 3, 0, "Lx\r|E|"},
    };
    struct kb_buf got;
    kb_buf_init(&got);
    for (size_t i = 0; i < KB_ARRAY_LEN(cases); i++) {
        lines_of(cases[i].in, cases[i].n, cases[i].limit, &got);
        char id[32];
        snprintf(id, sizeof id, "lines-1.%zu", i + 1);
        T_STR(got.data, cases[i].want, id);
    }
    /* a NUL byte stays in the line */
    lines_of("a\0b\n", 4, 0, &got);
    T_OK(got.len == 7 && memcmp(got.data, "La\0b|E|", 7) == 0, "lines-1.8 NUL kept");
    kb_buf_release(&got);
}

/*
 * The reference: one line of f into b, a byte at a time through stdio (the
 * reader kb load used before kb_lines): 1 for a line, 0 at the end,
 * -KB_ETOOBIG for a line longer than limit (read to its end and dropped).
 */
static int ref_getline(struct kb_buf *b, FILE *f, size_t limit)
{
    kb_buf_reset(b);
    bool any = false, toobig = false;
    int c;
    while ((c = getc_unlocked(f)) != EOF) {
        any = true;
        if (c == '\n')
            break;
        if (toobig)
            continue;
        if (limit && b->len >= limit) {
            toobig = true; /* skip to the end of the line */
            continue;
        }
        if (b->len + 1 >= b->cap && kb_buf_grow(b, b->len < 4096 ? 4096 : b->len))
            return -KB_ENOMEM;
        b->data[b->len++] = (char)c;
    }
    if (b->cap)
        b->data[b->len] = '\0';
    if (ferror(f))
        return -KB_EIO;
    if (!any)
        return 0;
    return toobig ? -KB_ETOOBIG : 1;
}

/* ref_getline's records, as lines_of() writes them. */
static void getlines_of(const char *s, size_t n, size_t limit, struct kb_buf *out)
{
    FILE *f = file_of(s, n);
    struct kb_buf line;
    kb_buf_init(&line);
    kb_buf_reset(out);
    for (int i = 0; i < 100; i++) {
        int st = ref_getline(&line, f, limit);
        record(out, st, line.data, line.len);
        if (st == 0)
            break;
    }
    kb_buf_release(&line);
    fclose(f);
}

static uint64_t next_rand(uint64_t *x)
{
    *x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17;
    return *x;
}

static void test_random(void)
{
    struct kb_buf in, a, b;
    kb_buf_init(&in);
    kb_buf_init(&a);
    kb_buf_init(&b);
    uint64_t x = 88172645463325252ULL;
    int differ = 0;
    for (int round = 0; round < 60; round++) {
        kb_buf_reset(&in);
        int nlines = (int)(next_rand(&x) % 8);
        for (int i = 0; i < nlines; i++) {
            size_t len = next_rand(&x) % 3 == 0 ? next_rand(&x) % 200000 : next_rand(&x) % 80;
            for (size_t k = 0; k < len; k++) {
                uint64_t r = next_rand(&x) % 64;
                kb_buf_addc(&in, r == 0 ? '\0' : r == 1 ? '\r' : (char)('a' + r % 26));
            }
            if (i + 1 < nlines || next_rand(&x) % 2)
                kb_buf_addc(&in, '\n');
        }
        static const size_t limits[] = {0, 1, 79, 80, 65535, 65536, 100000, 1 << 20};
        size_t limit = limits[next_rand(&x) % KB_ARRAY_LEN(limits)];
        lines_of(in.data, in.len, limit, &a);
        getlines_of(in.data, in.len, limit, &b);
        if ((a.len != b.len || memcmp(a.data, b.data, a.len) != 0) && !differ++)
            fprintf(stderr, "round %d (limit %zu): the readers differ\n", round, limit);
    }
    T_INT(differ, 0, "lines-2.1 the same lines as the stdio reader");

    /* a 1 MB line under a 1000-byte limit: skipped without holding it */
    kb_buf_reset(&in);
    for (size_t k = 0; k < (1 << 20); k++)
        kb_buf_addc(&in, 'x');
    kb_buf_adds(&in, "\nok\n");
    FILE *f = file_of(in.data, in.len);
    struct kb_lines r;
    kb_lines_init(&r, fileno(f));
    const char *line;
    size_t len;
    T_INT(kb_lines_next(&r, 1000, &line, &len), -KB_ETOOBIG, "lines-2.2 long line refused");
    T_OK(r.cap <= 4 * 65536, "lines-2.3 held %zu bytes for it", r.cap);
    T_OK(kb_lines_next(&r, 1000, &line, &len) == 1 && len == 2 && memcmp(line, "ok", 2) == 0,
         "lines-2.4 the next line follows");
    kb_lines_release(&r);
    fclose(f);
    kb_buf_release(&in);
    kb_buf_release(&a);
    kb_buf_release(&b);
}

static void test_pipe(void)
{
    int fd[2];
    if (pipe(fd)) {
        T_OK(0, "lines-3.0 cannot make a pipe");
        return;
    }
    struct kb_lines r;
    kb_lines_init(&r, fd[0]);
    const char *line;
    size_t len;
    T_OK(write(fd[1], "one\ntw", 6) == 6, "lines-3.0 write");
    T_OK(kb_lines_next(&r, 0, &line, &len) == 1 && len == 3 && memcmp(line, "one", 3) == 0,
         "lines-3.1 a line is handed out while the writer still writes");
    T_OK(write(fd[1], "o\nrest", 6) == 6, "lines-3.0 write");
    T_OK(kb_lines_next(&r, 0, &line, &len) == 1 && len == 3 && memcmp(line, "two", 3) == 0,
         "lines-3.2 a line written in two pieces arrives whole");
    close(fd[1]);
    T_OK(kb_lines_fill(&r) >= 0 && r.end - r.start == 4 &&
             memcmp(r.blk + r.start, "rest", 4) == 0,
         "lines-3.3 the unread bytes stay in the block");
    T_OK(kb_lines_next(&r, 0, &line, &len) == 1 && len == 4, "lines-3.4 last line");
    T_INT(kb_lines_next(&r, 0, &line, &len), 0, "lines-3.5 then the end");
    T_INT(kb_lines_next(&r, 0, &line, &len), 0, "lines-3.6 and the end again");
    kb_lines_release(&r);
    close(fd[0]);
}

int main(void)
{
    test_fixed();
    test_random();
    test_pipe();
    return t_done();
}
