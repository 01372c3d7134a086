#ifndef CGLPK_GUARD_H
#define CGLPK_GUARD_H

/*
 * One guarded entry point that builds, solves and frees a GLPK mixed-integer program.
 *
 * GLPK reports internal errors (invalid arguments, broken invariants) by printing a message
 * and calling abort(). Its error hook may not return either; the only way back is a longjmp
 * out of the hook (GLPK reference manual, glp_error_hook). That jump must land in C: it may
 * never unwind Swift frames. So the whole GLPK conversation of one solve lives in
 * cglpk_solve_mip, whose setjmp catches the error, frees the thread's GLPK environment and
 * returns a failure code with GLPK's message.
 *
 * Conventions are GLPK's own: every array is 1-based (slot 0 is ignored, so an array for n
 * things has n + 1 slots), bound types are GLP_FR/LO/UP/DB/FX, column kinds GLP_CV/GLP_BV.
 *
 * Threads: GLPK keeps one environment per OS thread, hooks included ("glp_error_hook stores
 * an information about registered function in a thread local storage", A. Makhorin, help-glpk,
 * https://www.mail-archive.com/help-glpk@gnu.org/msg08131.html). Call cglpk_solve_mip from a
 * thread that runs nothing else in GLPK at the same time; it frees that thread's environment on
 * return (glp_free_env), so every call starts clean and leaks nothing, even after an error.
 */

#ifdef __cplusplus
extern "C" {
#endif

/* The problem, in GLPK's terms. All arrays are 1-based. */
typedef struct cglpk_model {
    int rows;                    /* number of rows (constraints) */
    int cols;                    /* number of columns (variables) */
    int maximize;                /* 1: maximise, 0: minimise */
    const int *row_type;         /* [1..rows] GLP_FR, GLP_LO, GLP_UP, GLP_DB or GLP_FX */
    const double *row_lb;        /* [1..rows] */
    const double *row_ub;        /* [1..rows] */
    const int *col_kind;         /* [1..cols] GLP_CV or GLP_BV */
    const int *col_type;         /* [1..cols] bound type, applied after the kind */
    const double *col_lb;        /* [1..cols] */
    const double *col_ub;        /* [1..cols] */
    const double *objective;     /* [1..cols] */
    int nonzeros;                /* number of matrix entries */
    const int *ia;               /* [1..nonzeros] row of each entry */
    const int *ja;               /* [1..nonzeros] column of each entry */
    const double *ar;            /* [1..nonzeros] value of each entry */
} cglpk_model;

/* How to solve it. */
typedef struct cglpk_params {
    /* [1..cols] an integer-feasible solution handed to branch and cut once, at the first
       GLP_IHEUR request; NULL for none. GLPK does not check it: the caller must. Ignored with
       mip_presolve, because the search then runs on the presolved problem, whose columns are
       not the caller's. */
    const double *warm_start;
    /* Absolute wall-clock deadline on the cglpk_now() clock. GLPK's time limits are set to the
       time left; the branch-and-cut callback also calls glp_ios_terminate once it has passed.
       The LP relaxation has no callback, so the deadline is soft there. */
    double deadline;
    /* Branch and cut stops once it has created this many subproblems (0: no limit). Unlike the
       deadline, the count makes the outcome a function of the problem alone. */
    int node_limit;
    double mip_gap;              /* relative gap at which branch and cut may stop */
    int lp_presolve;             /* 1: use the LP presolver in glp_simplex */
    int primal_simplex;          /* 1: primal simplex for the relaxation, 0: dual */
    int cuts;                    /* 1: Gomory, MIR, cover and clique cuts */
    int pseudocost_branching;    /* 1: hybrid pseudo-cost branching (GLP_BR_PCH), 0: Driebeck-Tomlin */
    int feasibility_pump;        /* 1: run the feasibility pump heuristic at the root */
    /* 1: skip glp_simplex and let glp_intopt presolve the MIP and solve the relaxation itself
       (with the dual simplex); lp_ran is then 0 and warm_start is not used. */
    int mip_presolve;
    /* Test hook: 1 loads the matrix with its first entry duplicated, which GLPK treats as an
       internal error, to prove the guard. Always 0 in production. */
    int inject_duplicate_entry;
} cglpk_params;

/* Outcome codes of cglpk_solve_mip. */
#define CGLPK_DONE 0             /* GLPK ran; read the codes in cglpk_result */
#define CGLPK_GLPK_ERROR 1       /* GLPK raised an internal error; message holds its text */
#define CGLPK_OUT_OF_MEMORY 2    /* the wrapper could not allocate its own scratch space */

/* What happened. Codes are GLPK's, mapped to meaning by the caller. */
typedef struct cglpk_result {
    int lp_ran;                  /* 1 when glp_simplex was called */
    int lp_return;               /* glp_simplex return code */
    int lp_status;               /* glp_get_status after glp_simplex (GLP_OPT, GLP_NOFEAS…) */
    double lp_objective;         /* objective of the LP relaxation, when lp_status is GLP_OPT */
    double lp_seconds;
    int mip_ran;                 /* 1 when glp_intopt was called */
    int mip_return;              /* glp_intopt return code */
    int mip_status;              /* glp_mip_status (GLP_OPT, GLP_FEAS, GLP_NOFEAS, GLP_UNDEF) */
    double mip_objective;        /* incumbent objective, when mip_status is GLP_OPT or GLP_FEAS */
    double mip_seconds;
    int has_node_bound;          /* 1 when the callback saw an active node */
    double node_bound;           /* tightest bound over the best active nodes seen by the callback */
    double last_gap;             /* glp_ios_mip_gap at the last callback call (DBL_MAX if none) */
    int nodes;                   /* subproblems created in the search tree */
    int warm_start_offered;      /* 1 when the warm start was passed to glp_ios_heur_sol */
    int warm_start_accepted;     /* 1 when GLPK took it as its incumbent */
    int deadline_hit;            /* 1 when the callback terminated the search at the deadline */
    int node_limit_hit;          /* 1 when the callback terminated the search at node_limit */
    char message[512];           /* GLPK's error text (CGLPK_GLPK_ERROR) */
} cglpk_result;

/* Builds the problem with one glp_load_matrix call; solves its LP relaxation with glp_simplex
   and runs glp_intopt (branch and cut) from that basis, or, with mip_presolve, runs glp_intopt
   with its own presolver directly; and copies the incumbent's column values into x[1..cols]
   (left untouched when there is no incumbent). x needs cols + 1 slots.
   Returns CGLPK_DONE, CGLPK_GLPK_ERROR or CGLPK_OUT_OF_MEMORY. Never aborts on a GLPK error. */
int cglpk_solve_mip(const cglpk_model *model, const cglpk_params *params,
                    double *x, cglpk_result *result);

/* Seconds on a monotonic clock, for cglpk_params.deadline. */
double cglpk_now(void);

#ifdef __cplusplus
}
#endif

#endif
