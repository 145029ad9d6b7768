/*
 * Plain decimal numbers in an Arrow text column, found and converted in one pass.
 *
 * Built into a plain shared library (no Python API) by hatch_build.py and called through ctypes,
 * which releases the GIL: the parts of a column run side by side on threads. Without it the
 * reader does the same with Arrow's compute functions (values.py), and gives the same results.
 */
#include <stdint.h>

/* Powers of ten, each exact in a double. */
static const double POWERS_OF_TEN[16] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                         1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

/*
 * For each row i of n (where want[i] is not 0): whether the text data[offsets[i]:offsets[i+1]]
 * is a plain decimal number, that is ^[0-9]+(\.[0-9]+)?$ in at most 15 bytes. plain[i] says so
 * (1 or 0; 0 where not wanted), and the number is written to number[i] (elsewhere number is left
 * as it is). Returns how many rows are plain.
 *
 * The number is correctly rounded, as Python's float() and Arrow's cast round: at most 15 digits
 * make an integer below 2^53 and at most 13 of them follow the point, so the integer and the power
 * of ten are exact doubles and one IEEE division rounds their quotient once.
 *
 * A text whose offsets are decreasing or lie outside [0, size] is not plain (a malformed array is
 * never read outside its data).
 */
int64_t ezr_plain_numbers(const int32_t *offsets, const uint8_t *data, int64_t size, int64_t n,
                          const uint8_t *want, uint8_t *plain, double *number)
{
    int64_t found = 0;
    for (int64_t i = 0; i < n; i++) {
        plain[i] = 0;
        if (!want[i]) {
            continue;
        }
        int64_t start = offsets[i], stop = offsets[i + 1];
        if (start < 0 || stop > size || stop - start < 1 || stop - start > 15) {
            continue;
        }
        const uint8_t *first = data + start, *end = data + stop;
        uint64_t digits = 0;
        int fraction = -1; /* digits after the point; -1 before a point */
        int ok = 1;
        for (const uint8_t *p = first; p < end; p++) {
            unsigned digit = (unsigned)*p - (unsigned)'0';
            if (digit < 10) {
                digits = digits * 10 + digit;
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (*p == '.' && fraction < 0 && p != first && p + 1 != end) {
                fraction = 0;
            } else {
                ok = 0;
                break;
            }
        }
        if (!ok) {
            continue;
        }
        plain[i] = 1;
        number[i] = fraction > 0 ? (double)digits / POWERS_OF_TEN[fraction] : (double)digits;
        found++;
    }
    return found;
}
