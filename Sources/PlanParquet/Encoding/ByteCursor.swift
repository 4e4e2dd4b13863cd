/// Bounds-checked reads from one region of a byte buffer: every decoder reads through it,
/// so a value that claims more bytes than the region holds is a ``DecodeError`` at the
/// position where it was found.
struct ByteCursor {
    let bytes: [UInt8]
    private(set) var position: Int
    let end: Int

    init(_ bytes: [UInt8], _ range: Range<Int>) {
        self.bytes = bytes
        position = max(0, min(range.lowerBound, bytes.count))
        end = max(position, min(range.upperBound, bytes.count))
    }

    var remaining: Int { end - position }

    func fail(_ message: String) -> DecodeError { DecodeError(message, at: position) }

    mutating func byte() throws(DecodeError) -> UInt8 {
        guard position < end else { throw fail("the page's data ends early") }
        defer { position += 1 }  // safe: position < end
        return bytes[position]
    }

    /// The next `n` bytes' range, skipped over.
    mutating func take(_ n: Int) throws(DecodeError) -> Range<Int> {
        guard n >= 0, n <= remaining else { throw fail("\(n) bytes needed, \(remaining) left in the page") }
        defer { position += n }  // safe: n ≤ remaining
        return position..<(position + n)
    }

    mutating func uint32LE() throws(DecodeError) -> UInt32 {
        let r = try take(4)
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[r.lowerBound + i]) << UInt32(8 * i) }
        return v
    }

    mutating func varint() throws(DecodeError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw fail("a varint is longer than 10 bytes") }
            result |= UInt64(b & 0x7f) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
        }
    }

    mutating func zigzag() throws(DecodeError) -> Int64 {
        let v = try varint()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    /// `count` values of `width` bits (0…64) packed least significant bit first, from the
    /// byte at the cursor; `consume` bytes are skipped afterwards (the packed run's full size).
    mutating func unpack(count: Int, width: Int, consume: Int, into out: inout [UInt64]) throws(DecodeError) {
        guard consume <= remaining else { throw fail("packed values need \(consume) bytes, \(remaining) left in the page") }
        guard width > 0 else {
            out.append(contentsOf: repeatElement(0, count: count))
            position += consume  // safe: consume ≤ remaining
            return
        }
        let start = position
        let limit = start + consume  // safe: ≤ end
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
        bytes.withUnsafeBufferPointer { p in
            var bit = 0
            for _ in 0..<count {
                let byteIndex = start + (bit >> 3)
                let shift = bit & 7
                var v: UInt64 = 0
                if width <= 56, byteIndex + 8 <= limit {
                    for k in 0..<8 { v |= UInt64(p[byteIndex + k]) << UInt64(8 * k) }
                    v = (v >> UInt64(shift)) & mask
                } else {
                    var got = 0
                    var at = bit
                    while got < width {
                        let bi = start + (at >> 3)
                        let s = at & 7
                        let take = min(8 - s, width - got)
                        let byte = bi < limit ? UInt64(p[bi]) : 0
                        v |= ((byte >> UInt64(s)) & ((1 << UInt64(take)) - 1)) << UInt64(got)
                        got += take
                        at += take
                    }
                }
                out.append(v)
                bit += width
            }
        }
        position = limit
    }
}
