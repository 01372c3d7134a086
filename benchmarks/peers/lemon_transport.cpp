// LEMON's network simplex on an exported transportation instance (the neutral CSV format of
// README.md); prints one JSON line with the columns of solve.py.
//
//   lemon_transport INSTANCE_DIR
//
// Only transportation instances: no side rows, no aggregates, one weight w on every arc. The
// network is the one solve.py gives OR-Tools' min-cost flow: every item supplies one unit to a
// sink; item -> bin (capacity 1, cost -value x scale), item -> sink (capacity 1, cost 0) for
// optional items only, bin -> sink (capacity floor(capacity / w)). An item with a fixed arc keeps
// only that arc. Costs are integers: values x the smallest power of ten (up to 10^6) that makes
// them whole. The answer is checked (every item placed at most once, must-assign items placed,
// fixed arcs used, capacities kept) and its objective recomputed in floating point.
//
// LEMON: Dezső, Jüttner & Kovács, "LEMON - an Open Source C++ Graph Template Library",
// Electronic Notes in Theoretical Computer Science 264(5), 2011; NetworkSimplex with its
// default block-search pivot rule.
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Peak resident memory of this process in MB (VmHWM), as solve.py reports it.
double peak_mb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
    }
    return 0;
}

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

[[noreturn]] void finish(const std::string& status, const std::string& error) {
    std::printf("{\"solver\": \"lemon-ns\", \"status\": %s, \"objective\": null, \"bound\": null, \"seconds\": 0, "
                "\"load_seconds\": 0, \"solve_seconds\": 0, \"peakMB\": %.1f, \"verified\": false, \"error\": %s, \"note\": null}\n",
                quoted(status).c_str(), peak_mb(), quoted(error).c_str());
    std::exit(status == "failed" ? 1 : 0);
}

// The data lines of a CSV file of numbers (header skipped), each split at commas.
std::vector<std::vector<double>> read_numbers(const std::string& path, size_t columns) {
    std::ifstream in(path);
    if (!in) finish("failed", "cannot read " + path);
    std::string line;
    std::getline(in, line);
    std::vector<std::vector<double>> rows;
    size_t number = 1;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty()) continue;
        std::vector<double> row;
        std::stringstream fields(line);
        std::string field;
        while (row.size() < columns && std::getline(fields, field, ',')) {
            char* end = nullptr;
            double value = std::strtod(field.c_str(), &end);
            if (field.empty() || *end != '\0' || !std::isfinite(value)) {
                finish("failed", path + ":" + std::to_string(number) + ": '" + field + "' is not a finite number");
            }
            row.push_back(value);
        }
        if (row.size() != columns) finish("failed", path + ":" + std::to_string(number) + ": expected " + std::to_string(columns) + " numbers");
        rows.push_back(row);
    }
    return rows;
}

size_t data_lines(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    size_t count = 0;
    std::getline(in, line);
    while (std::getline(in, line)) count += !line.empty();
    return count;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: lemon_transport INSTANCE_DIR\n");
        return 2;
    }
    const std::string dir = argv[1];
    auto load_start = Clock::now();
    auto bins = read_numbers(dir + "/bins.csv", 2);
    auto items = read_numbers(dir + "/items.csv", 2);
    auto arcs = read_numbers(dir + "/arcs.csv", 5);
    double load_seconds = since(load_start);
    if (data_lines(dir + "/rows.csv") > 0 || data_lines(dir + "/aggregates.csv") > 0) {
        finish("not_applicable", "side rows: not a transportation instance");
    }
    const size_t B = bins.size(), N = items.size(), K = arcs.size();
    for (size_t b = 0; b < B; ++b) {
        if (bins[b][0] != double(b) || bins[b][1] < 0) finish("failed", "bins.csv: bins must be 0..B-1 in order with capacity >= 0");
    }
    for (size_t i = 0; i < N; ++i) {
        if (items[i][0] != double(i)) finish("failed", "items.csv: items must be 0..N-1 in order");
    }
    double weight = K > 0 ? arcs[0][3] : 1;
    if (!(weight > 0)) finish("not_applicable", "arc weights must be positive");
    std::vector<int> fixed_arc(N, -1);
    for (size_t k = 0; k < K; ++k) {
        const auto& a = arcs[k];
        if (a[0] < 0 || a[0] >= double(N) || a[1] < 0 || a[1] >= double(B)) finish("failed", "arcs.csv: item or bin out of range");
        if (a[3] != weight) finish("not_applicable", "arcs of different weights: not a transportation instance");
        if (a[4] == 1) fixed_arc[size_t(a[0])] = int(k);
    }
    // The smallest power of ten that makes every value whole.
    long long scale = 1000000;
    for (long long s = 1; s <= 1000000; s *= 10) {
        bool whole = true;
        for (size_t k = 0; k < K && whole; ++k) {
            double v = arcs[k][2] * double(s);
            whole = std::fabs(v - std::round(v)) <= 1e-9 * std::max(1.0, std::fabs(v));
        }
        if (whole) { scale = s; break; }
    }

    auto start = Clock::now();
    lemon::SmartDigraph graph;
    graph.reserveNode(int(N + B + 1));
    graph.reserveArc(int(K + N + B));
    std::vector<lemon::SmartDigraph::Node> item_node(N), bin_node(B);
    for (size_t i = 0; i < N; ++i) item_node[i] = graph.addNode();
    for (size_t b = 0; b < B; ++b) bin_node[b] = graph.addNode();
    auto sink = graph.addNode();
    lemon::SmartDigraph::ArcMap<long long> capacity(graph), cost(graph);
    lemon::SmartDigraph::NodeMap<long long> supply(graph, 0);
    std::vector<lemon::SmartDigraph::Arc> arc_of(K, lemon::INVALID);
    for (size_t k = 0; k < K; ++k) {
        size_t i = size_t(arcs[k][0]);
        if (fixed_arc[i] >= 0 && fixed_arc[i] != int(k)) continue;
        auto a = graph.addArc(item_node[i], bin_node[size_t(arcs[k][1])]);
        capacity[a] = 1;
        cost[a] = -std::llround(arcs[k][2] * double(scale));
        arc_of[k] = a;
    }
    for (size_t i = 0; i < N; ++i) {
        supply[item_node[i]] = 1;
        if (items[i][1] == 0 && fixed_arc[i] < 0) {
            auto a = graph.addArc(item_node[i], sink);
            capacity[a] = 1;
            cost[a] = 0;
        }
    }
    for (size_t b = 0; b < B; ++b) {
        auto a = graph.addArc(bin_node[b], sink);
        capacity[a] = (long long)std::floor(bins[b][1] / weight + 1e-9);
        cost[a] = 0;
    }
    supply[sink] = -(long long)N;
    lemon::NetworkSimplex<lemon::SmartDigraph, long long, long long> simplex(graph);
    simplex.upperMap(capacity).costMap(cost).supplyMap(supply);
    auto solve_start = Clock::now();
    auto outcome = simplex.run();
    double solve_seconds = since(solve_start);
    double seconds = since(start);
    if (outcome != lemon::NetworkSimplex<lemon::SmartDigraph, long long, long long>::OPTIMAL) {
        std::printf("{\"solver\": \"lemon-ns\", \"status\": \"%s\", \"objective\": null, \"bound\": null, \"seconds\": %.6f, "
                    "\"load_seconds\": %.6f, \"solve_seconds\": %.6f, \"peakMB\": %.1f, \"verified\": false, \"error\": null, \"note\": null}\n",
                    outcome == lemon::NetworkSimplex<lemon::SmartDigraph, long long, long long>::INFEASIBLE ? "infeasible" : "failed",
                    seconds, load_seconds, solve_seconds, peak_mb());
        return 0;
    }
    // Check the answer and recompute its objective.
    std::vector<int> placed(N, 0);
    std::vector<double> load(B, 0);
    double objective = 0;
    for (size_t k = 0; k < K; ++k) {
        if (arc_of[k] == lemon::INVALID || simplex.flow(arc_of[k]) == 0) continue;
        size_t i = size_t(arcs[k][0]), b = size_t(arcs[k][1]);
        placed[i] += 1;
        load[b] += arcs[k][3];
        objective += arcs[k][2];
    }
    std::string problem;
    for (size_t i = 0; i < N && problem.empty(); ++i) {
        if (placed[i] > 1) problem = "item " + std::to_string(i) + " placed twice";
        if (placed[i] == 0 && (items[i][1] == 1 || fixed_arc[i] >= 0)) problem = "item " + std::to_string(i) + " must be placed";
    }
    for (size_t b = 0; b < B && problem.empty(); ++b) {
        if (load[b] > bins[b][1] + 1e-7 * std::max(1.0, bins[b][1])) problem = "bin " + std::to_string(b) + " over capacity";
    }
    std::printf("{\"solver\": \"lemon-ns\", \"status\": \"%s\", \"objective\": %.17g, \"bound\": %.17g, \"seconds\": %.6f, "
                "\"load_seconds\": %.6f, \"solve_seconds\": %.6f, \"peakMB\": %.1f, \"verified\": %s, \"error\": %s, "
                "\"note\": \"LEMON 1.3 NetworkSimplex (block search), %zu nodes, %zu arcs, cost scale %lld\"}\n",
                problem.empty() ? "optimal" : "invalid", objective, objective, seconds, load_seconds, solve_seconds, peak_mb(),
                problem.empty() ? "true" : "false", problem.empty() ? "null" : quoted(problem).c_str(),
                size_t(graph.nodeNum()), size_t(graph.arcNum()), scale);
    return 0;
}
