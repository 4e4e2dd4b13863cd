// The one function is static inline in include/cprefetch.h; a C target needs a source.
#include "cprefetch.h"
