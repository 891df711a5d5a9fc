/*
 * wordsig.h -- the signature of a folded word, for the word table that the
 * event stage looks every token of a sentence up in (events_dict.c).
 *
 * A signature packs a word's first four and last four bytes (all of them
 * for a word of up to three bytes) into 64 bits: it costs the same for any
 * length, two words of the same length up to eight bytes are equal exactly
 * when their signatures are, and a table slot whose signature differs is
 * passed over without reading its key.  The slot index is the signature and
 * the length hashed.
 */
#ifndef KB_WORDSIG_H
#define KB_WORDSIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Signature of the word s[0..n). */
static inline uint64_t kbp_word_sig(const char *s, size_t n)
{
    if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        return (uint64_t)a | (uint64_t)b << 32;
    }
    const unsigned char *u = (const unsigned char *)s;
    return n ? (uint64_t)u[0] | (uint64_t)u[n / 2] << 8 | (uint64_t)u[n - 1] << 16 : 0;
}

/* Does the signature decide equality between words of length n? */
static inline bool kbp_word_sig_exact(size_t n)
{
    return n <= 8;
}

/* The table index of a word of length n and signature sig in a table of
   2^bits slots (bits 1..32). */
static inline size_t kbp_word_sig_slot(uint64_t sig, size_t n, unsigned bits)
{
    return (size_t)(((sig ^ n) * 0x9E3779B97F4A7C15ull) >> (64 - bits));
}

#endif
