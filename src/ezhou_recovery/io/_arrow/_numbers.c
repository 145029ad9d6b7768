/*
 * Plain decimal numbers in an Arrow text column, found and converted in one pass; the other
 * texts encoded as codes of their distinct texts in the same pass.
 *
 * Built into a plain shared library (no Python API) by hatch_build.py and called through ctypes,
 * which releases the GIL: the parts of a column run side by side on threads. Without it the
 * reader does the same with Arrow's compute functions (values.py), and gives the same results.
 */
#include <stdint.h>
#include <string.h>

/* Powers of ten, each exact in a double. */
static const double POWERS_OF_TEN[16] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                         1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

/*
 * Whether data[start:stop] is a plain decimal number, that is ^[0-9]+(\.[0-9]+)?$ in at most 15
 * bytes; if so its value in *number.
 *
 * The number is correctly rounded, as Python's float() and Arrow's cast round: at most 15 digits
 * make an integer below 2^53 and at most 13 of them follow the point, so the integer and the power
 * of ten are exact doubles and one IEEE division rounds their quotient once.
 */
static int read_plain(const uint8_t *data, int64_t start, int64_t stop, double *number)
{
    if (stop - start < 1 || stop - start > 15) {
        return 0;
    }
    const uint8_t *p = data + start, *end = data + stop;
    uint64_t digits = 0;
    unsigned digit;
    /* The whole part: at least one digit. */
    const uint8_t *whole = p;
    while (p < end && (digit = (unsigned)*p - (unsigned)'0') < 10) {
        digits = digits * 10 + digit;
        p++;
    }
    if (p == whole) {
        return 0;
    }
    if (p == end) {
        *number = (double)digits;
        return 1;
    }
    /* A point, then at least one digit, to the end. */
    if (*p != '.') {
        return 0;
    }
    const uint8_t *point = ++p;
    while (p < end && (digit = (unsigned)*p - (unsigned)'0') < 10) {
        digits = digits * 10 + digit;
        p++;
    }
    if (p != end || p == point) {
        return 0;
    }
    *number = (double)digits / POWERS_OF_TEN[end - point];
    return 1;
}

/*
 * For each row i of n (where want[i] is not 0): whether the text data[offsets[i]:offsets[i+1]]
 * is a plain decimal number. plain[i] says so (1 or 0; 0 where not wanted), and the number is
 * written to number[i] (elsewhere number is left as it is). Returns how many rows are plain.
 *
 * A text whose offsets are decreasing or lie outside [0, size] is not plain (a malformed array is
 * never read outside its data).
 */
int64_t ezr_plain_numbers(const int32_t *offsets, const uint8_t *data, int64_t size, int64_t n,
                          const uint8_t *want, uint8_t *plain, double *number)
{
    int64_t found = 0;
    for (int64_t i = 0; i < n; i++) {
        int64_t start = offsets[i], stop = offsets[i + 1];
        plain[i] = want[i] && start >= 0 && stop <= size && read_plain(data, start, stop, &number[i]);
        found += plain[i];
    }
    return found;
}

/* A seeded hash of n bytes, eight at a time (each word mixed in by a multiplication, the high
 * bits folded into the low ones the slot is taken from). */
static uint64_t hash_text(const uint8_t *text, int32_t n, uint64_t seed)
{
    uint64_t hash = seed ^ ((uint64_t)n * 0x9e3779b97f4a7c15ULL);
    uint64_t word;
    for (; n >= 8; n -= 8, text += 8) {
        memcpy(&word, text, 8);
        hash = (hash ^ word) * 0xbf58476d1ce4e5b9ULL;
        hash ^= hash >> 31;
    }
    word = 0;
    for (int32_t j = 0; j < n; j++) { /* the last bytes, fewer than eight */
        word |= (uint64_t)text[j] << (8 * j);
    }
    hash = (hash ^ word) * 0x94d049bb133111ebULL;
    hash ^= hash >> 29;
    hash *= 0xbf58476d1ce4e5b9ULL;
    return hash ^ (hash >> 32);
}

/* The longest run of slots looked at for one text before the encoding gives up (see below). */
#define LONGEST_PROBE 128

/*
 * One pass over n rows of a text column (one chunk; its rows are rows base.. of the whole):
 * where want[i] and the text is a plain decimal number (as ezr_plain_numbers), number[i] is set
 * and codes[i] = -1; every other row's text is encoded: codes[i] is the index of its text among
 * the distinct texts, numbered in order of first appearance, and first[k] is the row (base + i)
 * where text k first appears.
 *
 * The distinct texts are kept in an open-addressing table: slots (capacity a power of two, at
 * least twice the rows, each -1 at first), and per distinct text its bytes (start, length). The
 * table carries over from one chunk to the next; *distinct counts the texts. seed varies the hash
 * per process. Returns 0, or -1 when a text's run of occupied slots grows past LONGEST_PROBE or an
 * offset lies outside [0, size] (the caller then encodes with Arrow: no input makes the work grow
 * beyond LONGEST_PROBE comparisons a row).
 */
int64_t ezr_read_values(const int32_t *offsets, const uint8_t *data, int64_t size, int64_t n,
                        int64_t base, const uint8_t *want, double *number, int32_t *codes,
                        int32_t *slots, int64_t capacity, const uint8_t **starts,
                        int32_t *lengths, int64_t *first, int64_t *distinct, uint64_t seed)
{
    const uint64_t mask = (uint64_t)capacity - 1;
    for (int64_t i = 0; i < n; i++) {
        int64_t start = offsets[i], stop = offsets[i + 1];
        if (start < 0 || stop > size || stop < start) {
            return -1;
        }
        if (want[i] && read_plain(data, start, stop, &number[i])) {
            codes[i] = -1;
            continue;
        }
        const uint8_t *text = data + start;
        int32_t length = (int32_t)(stop - start);
        uint64_t slot = hash_text(text, length, seed) & mask;
        int probe = 0;
        for (;;) {
            int32_t k = slots[slot];
            if (k < 0) {
                k = (int32_t)(*distinct)++;
                slots[slot] = k;
                starts[k] = text;
                lengths[k] = length;
                first[k] = base + i;
                codes[i] = k;
                break;
            }
            if (lengths[k] == length && memcmp(starts[k], text, (size_t)length) == 0) {
                codes[i] = k;
                break;
            }
            if (++probe > LONGEST_PROBE) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }
    return 0;
}
