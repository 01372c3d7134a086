import Foundation
import CGLPK
import CGLPKGuard

/// Everything the C guard passes to GLPK besides the model.
struct GLPKSettings: Sendable {
    /// Absolute deadline on the `cglpk_now()` clock.
    var deadline: Double
    /// Subproblems branch and cut may create (the deterministic stop).
    var nodeLimit: Int
    var relativeGap: Double
    var lpPresolve: Bool
    var primalSimplex: Bool
    var cuts: Bool
    var pseudocostBranching: Bool
    var feasibilityPump: Bool
    var mipPresolve: Bool
    var injectDuplicateEntry: Bool
}

/// GLPK's raw answer: the guard's code, GLPK's status codes and the column values (1-based).
struct GLPKRawResult: @unchecked Sendable {
    // `cglpk_result` is a plain C struct of numbers and a fixed char array: safe to send.
    var code: Int32
    var result: cglpk_result
    var columnValues: [Double]

    /// The LP relaxation's objective, an upper bound, when the LP was solved to optimality.
    var relaxationBound: Double? {
        result.lp_ran != 0 && result.lp_return == 0 && result.lp_status == GLP_OPT ? result.lp_objective : nil
    }

    /// The tightest proven upper bound: the LP relaxation's, tightened by the best node bound
    /// that branch and cut reported.
    var bound: Double? {
        let node = result.has_node_bound != 0 ? result.node_bound : nil
        switch (relaxationBound, node) {
        case let (lp?, node?): return min(lp, node)
        case let (lp?, nil): return lp
        case let (nil, node?): return node
        case (nil, nil): return nil
        }
    }

    /// GLPK's error text, on one line.
    var message: String {
        let text = withUnsafeBytes(of: result.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "; ")
    }
}

/// What GLPK's codes mean for the caller: GLPK's status constants stop here.
enum GLPKOutcome: Equatable, Sendable {
    /// Why branch and cut stopped with an incumbent but no optimality proof.
    enum Stop: Equatable, Sendable {
        case gapReached
        /// The node budget ran out (deterministic).
        case nodeLimit
        /// The deadline passed (the safety cap).
        case timeUp
        case otherwise(String)
    }

    /// Branch and cut proved the incumbent optimal.
    case optimal
    /// An incumbent exists; the search stopped early.
    case feasible(Stop)
    /// The LP relaxation has no feasible point.
    case relaxationInfeasible
    /// Branch and cut proved there is no integer solution.
    case integerInfeasible
    /// The node budget or the time (in the LP or in the search) ran out before any integer
    /// solution was found; `timeUp` when it was the time.
    case noIncumbent(timeUp: Bool)
    /// GLPK raised an internal error or returned a code this model cannot produce.
    case failure(String)

    /// Maps the guard's code, `glp_simplex`'s return code and `glp_get_status`, and
    /// `glp_intopt`'s return code and `glp_mip_status`, in one switch. Cases are in order:
    /// the guard, then the LP relaxation (when `glp_simplex` ran), then branch and cut. The MIP
    /// status is read before the return code: `GLP_ETMLIM` or `GLP_EMIPGAP` with `GLP_FEAS`
    /// still leave a usable incumbent.
    init(_ raw: GLPKRawResult) {
        let r = raw.result
        switch (raw.code, r.lp_ran, r.lp_return, r.lp_status, r.mip_return, r.mip_status) {
        case (CGLPK_GLPK_ERROR, _, _, _, _, _):
            self = .failure("GLPK internal error: \(raw.message)")
        case (CGLPK_OUT_OF_MEMORY, _, _, _, _, _):
            self = .failure("out of memory while preparing the GLPK call")
        // The LP relaxation, solved by glp_simplex or inside glp_intopt (with its presolver).
        case (CGLPK_DONE, 1, 0, GLP_NOFEAS, _, _), (CGLPK_DONE, 1, GLP_ENOPFS, _, _, _),
             (CGLPK_DONE, 0, _, _, GLP_ENOPFS, _):
            self = .relaxationInfeasible
        case (CGLPK_DONE, 1, 0, GLP_UNBND, _, _), (CGLPK_DONE, 1, GLP_ENODFS, _, _, _),
             (CGLPK_DONE, 0, _, _, GLP_ENODFS, _):
            self = .failure("the LP relaxation is unbounded (a side row or value is malformed)")
        case (CGLPK_DONE, 1, GLP_ETMLIM, _, _, _):
            self = .noIncumbent(timeUp: true)
        case (CGLPK_DONE, 1, let code, let status, _, _) where code != 0 || status != GLP_OPT:
            self = .failure("glp_simplex returned \(Self.describe(returnCode: code)), status \(status)")
        // Branch and cut.
        case (CGLPK_DONE, _, _, _, _, GLP_OPT):
            self = .optimal
        case (CGLPK_DONE, _, _, _, GLP_EMIPGAP, GLP_FEAS):
            self = .feasible(.gapReached)
        case (CGLPK_DONE, _, _, _, GLP_ESTOP, GLP_FEAS) where r.node_limit_hit != 0:
            self = .feasible(.nodeLimit)
        case (CGLPK_DONE, _, _, _, GLP_ETMLIM, GLP_FEAS), (CGLPK_DONE, _, _, _, GLP_ESTOP, GLP_FEAS):
            self = .feasible(.timeUp)
        case (CGLPK_DONE, _, _, _, let code, GLP_FEAS):
            self = .feasible(.otherwise("glp_intopt stopped with \(Self.describe(returnCode: code))"))
        case (CGLPK_DONE, _, _, _, _, GLP_NOFEAS):
            self = .integerInfeasible
        case (CGLPK_DONE, _, _, _, GLP_ETMLIM, _), (CGLPK_DONE, _, _, _, GLP_ESTOP, _):
            self = .noIncumbent(timeUp: r.node_limit_hit == 0)
        case (let guardCode, _, _, _, let code, let status):
            self = .failure("glp_intopt returned \(Self.describe(returnCode: code)), status \(status)"
                            + (guardCode == CGLPK_DONE ? "" : ", guard code \(guardCode)"))
        }
    }

    /// GLPK's name for a return code, for messages.
    static func describe(returnCode code: Int32) -> String {
        let names: [Int32: String] = [
            0: "0", GLP_EBADB: "GLP_EBADB", GLP_ESING: "GLP_ESING", GLP_ECOND: "GLP_ECOND",
            GLP_EBOUND: "GLP_EBOUND", GLP_EFAIL: "GLP_EFAIL", GLP_EOBJLL: "GLP_EOBJLL",
            GLP_EOBJUL: "GLP_EOBJUL", GLP_EITLIM: "GLP_EITLIM", GLP_ETMLIM: "GLP_ETMLIM",
            GLP_ENOPFS: "GLP_ENOPFS", GLP_ENODFS: "GLP_ENODFS", GLP_EROOT: "GLP_EROOT",
            GLP_ESTOP: "GLP_ESTOP", GLP_EMIPGAP: "GLP_EMIPGAP", GLP_ENOFEAS: "GLP_ENOFEAS",
            GLP_ENOCVG: "GLP_ENOCVG", GLP_EINSTAB: "GLP_EINSTAB", GLP_EDATA: "GLP_EDATA",
            GLP_ERANGE: "GLP_ERANGE",
        ]
        return names[code] ?? "code \(code)"
    }
}
