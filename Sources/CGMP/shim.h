// GMP, imported into Swift as the module `CGMP`.
#include <gmp.h>

// Swift cannot import function-like macros, so the handful of GMP accessors that are
// macros get inline twins here. Everything else is called by its real symbol name
// (`__gmpq_add` for `mpq_add`, ...), which is what gmp.h's `#define`s expand to.

/// `mpq_numref`: the numerator of `q`, which `q` owns.
static inline mpz_ptr gougu_mpq_numref(mpq_ptr q) { return mpq_numref(q); }
/// `mpq_denref`: the denominator of `q`, which `q` owns.
static inline mpz_ptr gougu_mpq_denref(mpq_ptr q) { return mpq_denref(q); }
/// `mpq_numref` for a read-only rational.
static inline mpz_srcptr gougu_mpq_numref_const(mpq_srcptr q) { return mpq_numref(q); }
/// `mpq_denref` for a read-only rational.
static inline mpz_srcptr gougu_mpq_denref_const(mpq_srcptr q) { return mpq_denref(q); }
