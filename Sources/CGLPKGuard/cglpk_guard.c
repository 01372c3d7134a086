#include "cglpk_guard.h"

#include <float.h>
#include <limits.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glpk.h>

/* State shared by the guard, the terminal hook, the error hook and the branch-and-cut callback
   of one call. It lives on the caller's stack; GLPK only ever sees a pointer to it. */
typedef struct guard {
    jmp_buf jump;
    const cglpk_params *params;
    cglpk_result *result;
    int maximize;
    size_t message_length;
} guard;

double cglpk_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Milliseconds left before `deadline`, clamped to [1, INT_MAX] for GLPK's tm_lim. */
static int milliseconds_left(double deadline) {
    double ms = (deadline - cglpk_now()) * 1000.0;
    if (!(ms >= 1.0)) return 1;
    if (ms >= (double)INT_MAX) return INT_MAX;
    return (int)ms;
}

/* Terminal hook: keeps GLPK's text (only its error messages reach here, because terminal
   output is off and GLPK's error routine switches it back on just to print the error) and
   returns non-zero so nothing is written to the terminal. */
static int capture_output(void *info, const char *text) {
    guard *g = info;
    size_t room = sizeof g->result->message - 1 - g->message_length;
    size_t n = strlen(text);
    if (n > room) n = room;
    memcpy(g->result->message + g->message_length, text, n);
    g->message_length += n;
    g->result->message[g->message_length] = '\0';
    return 1;
}

/* Error hook: GLPK is about to abort; leave through the guard's setjmp instead. */
static void leave_on_error(void *info) {
    guard *g = info;
    longjmp(g->jump, 1);
}

/* Branch-and-cut callback: tracks the best bound, hands in the warm start once, and stops the
   search when it has created node_limit subproblems or the wall-clock deadline has passed. */
static void branch_and_cut_callback(glp_tree *tree, void *info) {
    guard *g = info;
    cglpk_result *r = g->result;
    int best = glp_ios_best_node(tree);
    if (best != 0) {
        double bound = glp_ios_node_bound(tree, best);
        if (!r->has_node_bound
            || (g->maximize && bound < r->node_bound)
            || (!g->maximize && bound > r->node_bound)) {
            r->node_bound = bound;
        }
        r->has_node_bound = 1;
    }
    r->last_gap = glp_ios_mip_gap(tree);
    int active = 0, alive = 0, created = 0;
    glp_ios_tree_size(tree, &active, &alive, &created);
    r->nodes = created;
    if (glp_ios_reason(tree) == GLP_IHEUR && g->params->warm_start != NULL && !g->params->mip_presolve
        && !r->warm_start_offered) {
        r->warm_start_offered = 1;
        r->warm_start_accepted = glp_ios_heur_sol(tree, g->params->warm_start) == 0;
    }
    if (g->params->node_limit > 0 && created >= g->params->node_limit) {
        r->node_limit_hit = 1;
        glp_ios_terminate(tree);
    } else if (cglpk_now() >= g->params->deadline) {
        r->deadline_hit = 1;
        glp_ios_terminate(tree);
    }
}

int cglpk_solve_mip(const cglpk_model *model, const cglpk_params *params,
                    double *x, cglpk_result *result) {
    guard g;
    memset(result, 0, sizeof *result);
    result->mip_status = GLP_UNDEF;
    result->lp_status = GLP_UNDEF;
    result->last_gap = DBL_MAX;
    memset(&g, 0, sizeof g);
    g.params = params;
    g.result = result;
    g.maximize = model->maximize;

    /* Scratch copies for the fault-injection test hook; volatile so the recovery path sees them. */
    int *volatile scratch_ia = NULL;
    int *volatile scratch_ja = NULL;
    double *volatile scratch_ar = NULL;

    if (setjmp(g.jump) != 0) {
        /* GLPK's state on this thread is unusable after an error: free all of it. */
        glp_free_env();
        free(scratch_ia);
        free(scratch_ja);
        free(scratch_ar);
        return CGLPK_GLPK_ERROR;
    }

    glp_term_hook(capture_output, &g);
    glp_error_hook(leave_on_error, &g);
    glp_term_out(GLP_OFF);

    glp_prob *problem = glp_create_prob();
    glp_set_obj_dir(problem, model->maximize ? GLP_MAX : GLP_MIN);
    if (model->rows > 0) glp_add_rows(problem, model->rows);
    if (model->cols > 0) glp_add_cols(problem, model->cols);
    for (int i = 1; i <= model->rows; i++) {
        glp_set_row_bnds(problem, i, model->row_type[i], model->row_lb[i], model->row_ub[i]);
    }
    for (int j = 1; j <= model->cols; j++) {
        /* Setting GLP_BV resets the bounds to [0, 1], so the kind goes first. */
        glp_set_col_kind(problem, j, model->col_kind[j]);
        glp_set_col_bnds(problem, j, model->col_type[j], model->col_lb[j], model->col_ub[j]);
        glp_set_obj_coef(problem, j, model->objective[j]);
    }

    const int *ia = model->ia;
    const int *ja = model->ja;
    const double *ar = model->ar;
    int nonzeros = model->nonzeros;
    if (params->inject_duplicate_entry && nonzeros > 0) {
        scratch_ia = malloc(sizeof(int) * (size_t)(nonzeros + 2));
        scratch_ja = malloc(sizeof(int) * (size_t)(nonzeros + 2));
        scratch_ar = malloc(sizeof(double) * (size_t)(nonzeros + 2));
        if (scratch_ia == NULL || scratch_ja == NULL || scratch_ar == NULL) {
            glp_free_env();
            free(scratch_ia);
            free(scratch_ja);
            free(scratch_ar);
            return CGLPK_OUT_OF_MEMORY;
        }
        memcpy(scratch_ia, ia, sizeof(int) * (size_t)(nonzeros + 1));
        memcpy(scratch_ja, ja, sizeof(int) * (size_t)(nonzeros + 1));
        memcpy(scratch_ar, ar, sizeof(double) * (size_t)(nonzeros + 1));
        scratch_ia[nonzeros + 1] = ia[1];
        scratch_ja[nonzeros + 1] = ja[1];
        scratch_ar[nonzeros + 1] = ar[1];
        ia = scratch_ia;
        ja = scratch_ja;
        ar = scratch_ar;
        nonzeros += 1;
    }
    glp_load_matrix(problem, nonzeros, ia, ja, ar);

    /* LP relaxation, unless glp_intopt is to presolve and solve it. */
    if (!params->mip_presolve) {
        glp_smcp simplex;
        glp_init_smcp(&simplex);
        simplex.msg_lev = GLP_MSG_OFF;
        simplex.meth = params->primal_simplex ? GLP_PRIMAL : GLP_DUALP;
        simplex.presolve = params->lp_presolve ? GLP_ON : GLP_OFF;
        simplex.tm_lim = milliseconds_left(params->deadline);
        double started = cglpk_now();
        result->lp_ran = 1;
        result->lp_return = glp_simplex(problem, &simplex);
        result->lp_status = glp_get_status(problem);
        result->lp_seconds = cglpk_now() - started;
        if (result->lp_return == 0 && result->lp_status == GLP_OPT) {
            result->lp_objective = glp_get_obj_val(problem);
        }
    }
    if (params->mip_presolve || (result->lp_return == 0 && result->lp_status == GLP_OPT)) {
        /* Branch and cut; without its own presolver glp_intopt starts from the optimal basis. */
        glp_iocp mip;
        glp_init_iocp(&mip);
        mip.msg_lev = GLP_MSG_OFF;
        mip.br_tech = params->pseudocost_branching ? GLP_BR_PCH : GLP_BR_DTH;
        mip.bt_tech = GLP_BT_BLB;
        mip.presolve = params->mip_presolve ? GLP_ON : GLP_OFF;
        mip.mip_gap = params->mip_gap;
        mip.gmi_cuts = params->cuts ? GLP_ON : GLP_OFF;
        mip.mir_cuts = params->cuts ? GLP_ON : GLP_OFF;
        mip.cov_cuts = params->cuts ? GLP_ON : GLP_OFF;
        mip.clq_cuts = params->cuts ? GLP_ON : GLP_OFF;
        mip.fp_heur = params->feasibility_pump ? GLP_ON : GLP_OFF;
        mip.cb_func = branch_and_cut_callback;
        mip.cb_info = &g;
        mip.tm_lim = milliseconds_left(params->deadline);
        double started = cglpk_now();
        result->mip_ran = 1;
        result->mip_return = glp_intopt(problem, &mip);
        result->mip_status = glp_mip_status(problem);
        result->mip_seconds = cglpk_now() - started;
        if (result->mip_status == GLP_OPT || result->mip_status == GLP_FEAS) {
            result->mip_objective = glp_mip_obj_val(problem);
            for (int j = 1; j <= model->cols; j++) x[j] = glp_mip_col_val(problem, j);
        }
    }

    glp_delete_prob(problem);
    glp_free_env();
    free(scratch_ia);
    free(scratch_ja);
    free(scratch_ar);
    return CGLPK_DONE;
}
