// GMP, imported into Swift as the module `CGMP`.
#include <gmp.h>
