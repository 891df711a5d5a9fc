/*
 * gazc.c -- compile a gazetteer TSV (kb/data/gazetteer.tsv) into the table
 * the kb binary embeds: places, sorted name keys and postings, the key index
 * and what place resolution needs of each place (struct kb_gaz_extra), read
 * in place at start-up (see kb/extract/gazetteer.c).  The name keys are made by the
 * library's own kb_phrase_key, so they match text exactly as kb folds it.
 *
 * Usage: gazc IN.tsv OUT.bin    Build-time tool only; not part of libkb.
 */
#include "extract/gazetteer.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gazc IN.tsv OUT.bin\n");
        return 2;
    }
    struct kb_buf text;
    struct kb_error err;
    struct kb_gazetteer *gaz = NULL;
    kb_buf_init(&text);
    kb_error_clear(&err);
    FILE *in = fopen(argv[1], "rb");
    if (!in || kb_buf_read_stream(&text, in) != KB_OK) {
        perror(argv[1]);
        return 1;
    }
    fclose(in);
    if (kb_gazetteer_load_tsv(&gaz, text.data, text.len, argv[1], &err) != KB_OK) {
        fprintf(stderr, "gazc: %s:%ld: %s\n", argv[1], err.line, err.msg);
        return 1;
    }
    FILE *out = fopen(argv[2], "wb");
    int rc = out ? kb_gazetteer_write_table(gaz, out, &err) : KB_EIO;
    if (out && fclose(out) != 0)
        rc = KB_EIO;
    if (rc) {
        fprintf(stderr, "gazc: cannot write '%s'\n", argv[2]);
        remove(argv[2]);
        return 1;
    }
    fprintf(stderr, "gazc: %zu places, %zu name keys\n", gaz->places.n, gaz->nkeys);
    kb_gazetteer_free(gaz);
    kb_buf_release(&text);
    return 0;
}
