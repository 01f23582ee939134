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

    /// Starts the engine thread; `nil` when libcurl cannot be initialised.
    init?() {
        guard gr_curl_global_init_once() == CURLE_OK, let multi = curl_multi_init() else { return nil }
        self.multi = multi
        // One connection per host for the whole command (kubectl's client-go does the same): against
        // HTTP/2 (every real kube-apiserver) parallel requests multiplex over it — each easy handle sets
        // CURLOPT_PIPEWAIT so it waits for the connection's ALPN answer instead of opening another —
        // and against HTTP/1.1 they queue on the one kept-alive connection. Extra TLS handshakes cost
        // more CPU than the queueing on a local or nearby server.
        _ = gr_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, 1)
        _ = gr_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        startDetachedThread { [self] in run() }
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
                curl_multi_wakeup(multi)
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
        curl_multi_wakeup(multi)
    }

    private func run() {
        var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        while true {
            let (incoming, stopping) = state.withLock { state -> ([CurlTransfer], Bool) in
                defer { state.pending.removeAll() }
                return (state.pending, state.stopping)
            }
            for transfer in incoming {
                guard let easy = transfer.setUp() else { continue }
                if curl_multi_add_handle(multi, easy) == CURLM_OK {
                    active[easy] = transfer
                } else {
                    transfer.finish(result: CURLE_FAILED_INIT)
                }
            }
            if stopping && active.isEmpty { break }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var easy: UnsafeMutableRawPointer?
            var result = CURLE_OK
            while gr_multi_next_done(multi, &easy, &result) == 1 {
                guard let done = easy, let transfer = active.removeValue(forKey: done) else { continue }
                curl_multi_remove_handle(multi, done)
                transfer.finish(result: result)
            }
            // Sleeps until socket activity, a timeout libcurl needs, or curl_multi_wakeup.
            curl_multi_poll(multi, nil, 0, active.isEmpty ? 5000 : 200, nil)
        }
        curl_multi_cleanup(multi)
    }
}
