/// A bounds-checked reader of DER (ITU-T X.690) TLV elements: enough to walk an X.509 certificate.
///
/// Every read checks lengths against the remaining bytes and nesting is bounded, so garbage input ends
/// in `nil`, never in a trap. Only definite lengths (as DER requires) of up to four length bytes.
struct DERReader {
    /// One element: its tag byte and the range of its contents in the underlying buffer.
    struct Element {
        var tag: UInt8
        var contents: Range<Int>
    }

    let bytes: [UInt8]
    private(set) var position: Int
    let end: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        position = 0
        end = bytes.count
    }

    /// A reader over the contents of `element` (same buffer).
    init(bytes: [UInt8], within element: Element) {
        self.bytes = bytes
        position = element.contents.lowerBound
        end = element.contents.upperBound
    }

    var isAtEnd: Bool { position >= end }

    /// Reads the next element and moves past it.
    mutating func next() -> Element? {
        guard position < end else { return nil }
        let tag = bytes[position]
        // Multi-byte (high-tag-number) tags do not occur in certificates; refuse them.
        guard tag & 0x1F != 0x1F, position + 1 < end else { return nil }
        var cursor = position + 1
        let first = bytes[cursor]
        cursor += 1
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7F)
            guard count >= 1, count <= 4, cursor + count <= end else { return nil }
            for _ in 0..<count {
                length = length << 8 | Int(bytes[cursor])
                cursor += 1
            }
        }
        guard length >= 0, length <= end - cursor else { return nil }
        position = cursor + length
        return Element(tag: tag, contents: cursor..<(cursor + length))
    }

    /// Reads the next element when it has `tag`.
    mutating func next(tag: UInt8) -> Element? {
        let saved = position
        guard let element = next(), element.tag == tag else {
            position = saved
            return nil
        }
        return element
    }

    /// The bytes of an element's contents.
    func contents(of element: Element) -> ArraySlice<UInt8> {
        bytes[element.contents]
    }
}
