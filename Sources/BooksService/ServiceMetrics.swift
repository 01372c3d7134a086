import BooksStore
import DynamicBooks
import Prometheus

/// The service's Prometheus metrics, in a registry of its own (no global metrics system), so two
/// servers in one process — as in the tests — never mix their numbers.
///
/// - `books_http_requests_total{method, path, status}`
/// - `books_http_request_duration_seconds{method, path}` (histogram)
/// - `books_routing_decisions_total{reason}`
/// - `books_book_load_units{rep}`, `books_book_capacity_units{rep}`, `books_book_utilisation_ratio{rep}`
public final class ServiceMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()

    static let latencyBuckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .seconds(5),
    ]

    public init() {
        // Declare every decision reason, so a dashboard sees zeros rather than missing series.
        for reason in RoutingReason.allCases { _ = decisions(reason) }
    }

    /// Counts one answered request and its latency. `path` is the route's template, never the raw path.
    func recordRequest(method: String, path: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "books", subsystem: "http", metricName: "requests", unitName: "total",
                                             helpText: "HTTP requests answered, by method, route and status."),
            labels: [("method", method), ("path", path), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(namespace: "books", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                                             helpText: "Time from request to response, by method and route."),
            labels: [("method", method), ("path", path)], buckets: Self.latencyBuckets
        ).record(duration)
    }

    private func decisions(_ reason: RoutingReason) -> Counter {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "books", subsystem: "routing", metricName: "decisions", unitName: "total",
                                             helpText: "Inbound routing decisions, by reason."),
            labels: [("reason", reason.rawValue)])
    }

    /// Counts a decision and updates the chosen rep's book.
    func recordDecision(_ decision: RoutingDecision) {
        decisions(decision.reason).increment()
        if let rep = decision.rep, let load = decision.load, let capacity = decision.capacity {
            recordBook(RepUtilisation(rep: rep, load: load, capacity: capacity))
        }
    }

    /// Sets one rep's book gauges.
    func recordBook(_ book: RepUtilisation) {
        let labels = [("rep", book.rep.rawValue)]
        registry.makeGauge(
            descriptor: MetricNameDescriptor(namespace: "books", subsystem: "book", metricName: "load", unitName: "units",
                                             helpText: "Workload units in the rep's book."),
            labels: labels).set(book.load)
        registry.makeGauge(
            descriptor: MetricNameDescriptor(namespace: "books", subsystem: "book", metricName: "capacity", unitName: "units",
                                             helpText: "The rep's capacity × ramp, in workload units."),
            labels: labels).set(book.capacity)
        registry.makeGauge(
            descriptor: MetricNameDescriptor(namespace: "books", subsystem: "book", metricName: "utilisation", unitName: "ratio",
                                             helpText: "Load ÷ capacity of the rep's book (0 when it has no capacity)."),
            labels: labels).set(book.capacity > 0 ? book.load / book.capacity : 0)
    }

    /// The exposition text.
    func text() -> String { registry.emitToString() }
}
