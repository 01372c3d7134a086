#if canImport(Glibc)
import Glibc
private func systemClose(_ fd: Int32) -> Int32 { Glibc.close(fd) }
private func systemSend(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int, _ flags: Int32) -> Int { Glibc.send(fd, bytes, count, flags) }
private let noSignal = Int32(MSG_NOSIGNAL)
#elseif canImport(Darwin)
import Darwin
private func systemClose(_ fd: Int32) -> Int32 { Darwin.close(fd) }
private func systemSend(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int, _ flags: Int32) -> Int { Darwin.send(fd, bytes, count, flags) }
private let noSignal: Int32 = 0   // SO_NOSIGPIPE is set on the socket instead
#endif
import Foundation

/// HTTP/1.1 over a plain TCP socket to 127.0.0.1, for requests an HTTP client will not send as
/// they are: a chunked body, a request left half-sent.
///
/// The socket calls block (reads time out), so they run on a queue of the connection's own: on
/// Swift's cooperative threads they could hold up the very server they wait for.
final class RawHTTPConnection: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    struct Response: Sendable {
        var status: Int
        /// Header names lowercased.
        var headers: [String: String]
        var body: Data

        var text: String { String(decoding: body, as: UTF8.self) }
        var error: ServiceFixture.ErrorReply.Detail? { (try? JSONDecoder().decode(ServiceFixture.ErrorReply.self, from: body))?.error }
        var route: ServiceFixture.RouteReply? { try? JSONDecoder().decode(ServiceFixture.RouteReply.self, from: body) }
    }

    private let fd: Int32
    /// Every use of `fd` and `received` after `init`.
    private let queue = DispatchQueue(label: "books.tests.raw-http")
    private var received: [UInt8] = []

    private func onQueue<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Connects to 127.0.0.1:`port`.
    /// - Throws: ``Failure`` when nothing listens there.
    init(port: Int, timeoutSeconds: Int = 10) throws {
        #if canImport(Glibc)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            _ = systemClose(fd)
            throw Failure(description: "connect to port \(port): errno \(code)")
        }
    }

    deinit { closeSocket() }

    private var closed = false

    func close() { queue.sync { closeSocket() } }

    private func closeSocket() {
        guard !closed else { return }
        closed = true
        _ = systemClose(fd)
    }

    /// Writes `text` whole.
    /// - Throws: ``Failure`` when the server has closed the connection.
    func send(_ text: String) async throws {
        try await onQueue { try self.blockingSend(text) }
    }

    /// Sends `body` in chunks of `size` bytes (`Transfer-Encoding: chunked`), then the last chunk.
    func sendChunked(_ body: String, size: Int) async throws {
        try await onQueue {
            var rest = Substring(body)
            while !rest.isEmpty {
                let chunk = rest.prefix(size)
                rest = rest.dropFirst(chunk.count)
                try self.blockingSend(String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n")
            }
            try self.blockingSend("0\r\n\r\n")
        }
    }

    /// Reads one response (a `Content-Length` body, or up to the end of the connection).
    /// - Throws: ``Failure`` when the connection ends or times out before a whole response.
    func readResponse() async throws -> Response {
        try await onQueue { try self.blockingReadResponse() }
    }

    /// Whether the server has closed the connection: the next read finds its end.
    func isClosedByServer() async throws -> Bool {
        try await onQueue { self.received.isEmpty ? try !self.fill() : false }
    }

    private func blockingSend(_ text: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { systemSend(fd, $0.baseAddress, $0.count, noSignal) }
            guard sent > 0 else { throw Failure(description: "send: errno \(errno)") }
            offset += sent
        }
    }

    private func blockingReadResponse() throws -> Response {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while headEnd == nil {
            headEnd = received.indices.dropLast(3).first { Array(received[$0 ..< $0 + 4]) == separator }
            if headEnd == nil, try !fill() { throw Failure(description: "connection closed before a response head") }
        }
        let end = headEnd ?? 0
        let head = String(decoding: received[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        received.removeFirst(end + 4)
        let statusLine = head.first?.split(separator: " ") ?? []
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw Failure(description: "bad status line \(head)") }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if let length = headers["content-length"].flatMap(Int.init) {
            while received.count < length {
                if try !fill() { throw Failure(description: "connection closed inside a body of \(length) bytes") }
            }
            let body = Data(received.prefix(length))
            received.removeFirst(length)
            return Response(status: status, headers: headers, body: body)
        }
        while try fill() {}
        defer { received = [] }
        return Response(status: status, headers: headers, body: Data(received))
    }

    /// Reads what has arrived; false at the end of the connection.
    private func fill() throws -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count < 0 {
            if errno == ECONNRESET { return false }
            throw Failure(description: "recv: errno \(errno) (timed out?)")
        }
        received += buffer.prefix(count)
        return count > 0
    }
}
