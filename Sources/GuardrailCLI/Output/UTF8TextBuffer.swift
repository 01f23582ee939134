/// Text built by many small appends, as UTF-8 bytes: appending to a `[UInt8]` costs well under half of
/// appending to a `String` (measured with callgrind), which shows when `can-i` prints hundreds of rule
/// blocks of a dozen pieces each. ``text`` turns it into a `String` once at the end.
struct UTF8TextBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends `text`.
    mutating func append(_ text: String) {
        // Native strings are contiguous UTF-8, copied in one go; the fallback is for bridged strings.
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    /// Appends `text`.
    mutating func append(_ text: Substring) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    /// Appends UTF-8 bytes cut from a string at scalar boundaries (so the text stays valid UTF-8).
    mutating func append(utf8 text: Slice<UnsafeBufferPointer<UInt8>>) {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text))
    }

    /// Appends `count` spaces (nothing when `count` is not positive).
    mutating func appendSpaces(_ count: Int) {
        if count > 0 { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count)) }
    }

    /// Whether nothing has been appended.
    var isEmpty: Bool { bytes.isEmpty }

    /// The text (only whole strings are ever appended, so the bytes are valid UTF-8).
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
