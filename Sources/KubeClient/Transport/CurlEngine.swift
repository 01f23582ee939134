import CCurl
import CCurlShim

/// Runs libcurl transfers on one dedicated thread driving a `curl_multi` handle.
///
/// Why this shape: libcurl calls block, and Swift's cooperative pool (2 threads on a 2-core machine)
/// deadlocks when they block on it (swift-feasibility.md §a.7), so transfers run on their own OS
/// thread and `async` callers wait on continuations. A multi handle keeps one connection cache for
/// the client — all requests of a command reuse one TCP/TLS connection (multiplexed when HTTP/2 is
/// negotiated) — and runs concurrent requests in parallel without a thread each.
/// One engine serves one ``KubeAPIClient`` (one identity), so connections are never shared between
/// different credentials.
final class CurlEngine: @unchecked Sendable {
    private struct State {
        var pending: [CurlTransfer] = []
        var stopping = false
    }

    private let multi: UnsafeMutableRawPointer
    private let state = Locked(State())

    /// The name of engine threads (at most 15 bytes, Linux's limit).
    static let threadName = "guardrail-curl"

    /// Starts the engine thread; `nil` when libcurl cannot be initialised.
    init?() {
        guard gr_curl_load() == 0, let multi = gr_multi_init() else { return nil }
        self.multi = multi
        // Wait for an HTTP/2 connection's ALPN answer rather than open a second connection (see run()).
        _ = gr_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        startDetachedThread { [self] in
            // A name for debuggers and `top -H` (and for tests that check these threads end).
            gr_set_current_thread_name(CurlEngine.threadName)
            run()
        }
    }

    /// Performs one request; resumes when it completed or failed.
    func perform(_ request: PreparedRequest) async -> Result<RawResponse, TransportFailure> {
        await withCheckedContinuation { continuation in
            let transfer = CurlTransfer(request) { continuation.resume(returning: $0) }
            let accepted = state.withLock { state -> Bool in
                guard !state.stopping else { return false }
                state.pending.append(transfer)
                return true
            }
            if accepted {
                gr_multi_wakeup(multi)
            } else {
                continuation.resume(
                    returning: .failure(
                        TransportFailure(
                            code: 43, message: "the client was shut down", osErrno: 0, responseTooLarge: false)))
            }
        }
    }

    /// Lets running transfers finish, then closes all connections and ends the thread.
    func shutdown() {
        state.withLock { $0.stopping = true }
        gr_multi_wakeup(multi)
    }

    /// How long a request may hold the one HTTP/1.1 connection before the next request gets its own.
    static let headOfLineLimit = 0.25

    /// The engine thread's loop.
    ///
    /// All requests of a command share ONE connection (issues 2 and 4; client-go does the same on HTTP/2):
    /// the first request goes alone and its answer tells whether the server multiplexes. On HTTP/2 (every
    /// real kube-apiserver) the rest then run in parallel over that connection — CURLOPT_PIPEWAIT makes
    /// each wait for it instead of opening another. On HTTP/1.1 they queue and reuse the kept-alive
    /// connection one after the other: a TLS handshake costs more CPU (an RSA signature with a client
    /// certificate) than a local round trip. Only a request stuck behind one that has run for
    /// ``headOfLineLimit`` gets a connection of its own, so one slow answer never holds up the others.
    private func run() {
        var active: [UnsafeMutableRawPointer: (transfer: CurlTransfer, started: Double)] = [:]
        var waiting: [CurlTransfer] = []
        var waitingFrom = 0
        var multiplexed: Bool?
        while true {
            let (incoming, stopping) = state.withLock { state -> ([CurlTransfer], Bool) in
                defer { state.pending.removeAll() }
                return (state.pending, state.stopping)
            }
            waiting.append(contentsOf: incoming)
            let now = monotonicSeconds()
            while waitingFrom < waiting.count {
                let admit =
                    multiplexed == true || active.isEmpty
                    || active.values.allSatisfy { now - $0.started >= Self.headOfLineLimit }
                guard admit else { break }
                let transfer = waiting[waitingFrom]
                waitingFrom += 1
                guard let easy = transfer.setUp() else { continue }
                if gr_multi_add_handle(multi, easy) == CURLM_OK {
                    active[easy] = (transfer, now)
                } else {
                    transfer.finish(result: CURLE_FAILED_INIT)
                }
            }
            if waitingFrom == waiting.count {
                waiting.removeAll(keepingCapacity: true)
                waitingFrom = 0
            }
            if stopping && active.isEmpty && waiting.isEmpty { break }
            var running: Int32 = 0
            gr_multi_perform(multi, &running)
            var easy: UnsafeMutableRawPointer?
            var result = CURLE_OK
            var finishedAny = false
            while gr_multi_next_done(multi, &easy, &result) == 1 {
                guard let done = easy, let entry = active.removeValue(forKey: done) else { continue }
                if result == CURLE_OK {
                    var version = 0
                    gr_easy_getinfo_long(done, CURLINFO_HTTP_VERSION, &version)
                    multiplexed = version >= Int(CURL_HTTP_VERSION_2_0)
                }
                gr_multi_remove_handle(multi, done)
                entry.transfer.finish(result: result)
                finishedAny = true
            }
            // The connection just became free: hand it to the next waiting request without sleeping.
            if finishedAny && !waiting.isEmpty { continue }
            // Sleeps until socket activity, a timeout libcurl needs, or curl_multi_wakeup; at most 20 ms
            // while a request waits for the connection (to apply headOfLineLimit).
            let timeout: Int32 = waiting.isEmpty ? (active.isEmpty ? 5000 : 200) : 20
            gr_multi_poll(multi, timeout)
        }
        gr_multi_cleanup(multi)
    }
}
