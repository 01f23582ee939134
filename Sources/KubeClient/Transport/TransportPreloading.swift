import CCurlShim

/// Loading of libcurl, which the client opens at run time rather than links (see `CCurlShim.h`).
public enum TransportPreloading {
    /// Starts loading and initialising libcurl on a background thread and returns at once.
    ///
    /// Loading the system libcurl and its ~30 dependencies costs a few milliseconds; a command that will
    /// talk to the API server calls this first thing, so that cost overlaps argument parsing and kubeconfig
    /// loading on the main thread instead of preceding them. The first request waits for a load in
    /// progress; without a preload it loads libcurl itself. Harmless to call more than once.
    public static func start() {
        gr_curl_preload()
    }
}
