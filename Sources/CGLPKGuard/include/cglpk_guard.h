#ifndef CGLPK_GUARD_H
#define CGLPK_GUARD_H
/* Guarded GLPK calls. Implemented in cglpk_guard.c. */
#endif
