#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Musl)
private let systemWrite = Musl.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

/// Somewhere text goes: the process's stdout/stderr, or a buffer in tests.
public protocol TextSink: AnyObject, Sendable {
    /// Writes `text` as is (callers add newlines).
    func write(_ text: String)
}

/// A file descriptor (1 or 2), written unbuffered so stdout and stderr interleave in order.
public final class FileDescriptorSink: TextSink {
    public let descriptor: Int32

    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return  // EPIPE (`| head`) and friends: nothing sensible left to do
                }
                offset += n
            }
        }
    }

    /// Whether the descriptor is a terminal.
    public var isTerminal: Bool { isatty(descriptor) == 1 }
}

/// Collects everything written, for in-process CLI tests.
public final class CapturingSink: TextSink, @unchecked Sendable {
    private var buffer = ""
    private var lock = pthread_mutex_t()

    public init() {
        pthread_mutex_init(&lock, nil)
    }

    deinit {
        pthread_mutex_destroy(&lock)
    }

    public func write(_ text: String) {
        pthread_mutex_lock(&lock)
        buffer += text
        pthread_mutex_unlock(&lock)
    }

    /// Everything written so far.
    public var text: String {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        return buffer
    }
}
