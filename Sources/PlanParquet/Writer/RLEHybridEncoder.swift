/// The RLE/bit-packed hybrid encoding, written: the inverse of ``RLEHybrid/decode``, for
/// definition levels and dictionary indices. A value repeated eight times or more becomes
/// an RLE run; the rest go into bit-packed runs of whole groups of eight (the last group
/// of the data padded with zeros, which readers drop by the value count they know).
enum RLEHybridEncoder {
    /// `values` (each below 2^`width`, `width` 0…32) encoded.
    static func encode(_ values: [UInt32], width: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(values.count * width / 8 + 16)
        let n = values.count
        var i = 0
        while i < n {
            let run = runLength(values, from: i)
            if run >= 8 {
                CompactWriter.appendVarint(UInt64(run) << 1, to: &out)
                let v = values[i]
                for k in 0..<((width + 7) / 8) { out.append(UInt8(truncatingIfNeeded: v >> UInt32(8 * k))) }
                i += run
                continue
            }
            // Literal groups of eight until a run of eight starts at a group's boundary.
            var end = i
            repeat { end += 8 } while end < n && runLength(values, from: end) < 8
            let groups = (end - i) / 8
            CompactWriter.appendVarint(UInt64(groups) << 1 | 1, to: &out)
            pack(values, from: i, count: end - i, width: width, into: &out)
            i = end
        }
        return out
    }

    /// How many times `values[start]` repeats from `start` (at least 1).
    static func runLength(_ values: [UInt32], from start: Int) -> Int {
        let v = values[start]
        var j = start + 1
        while j < values.count && values[j] == v { j += 1 }
        return j - start
    }

    /// `count` values from `start` (zeros past the end) packed least significant bit first.
    static func pack(_ values: [UInt32], from start: Int, count: Int, width: Int, into out: inout [UInt8]) {
        guard width > 0 else { return }
        var buffer: UInt64 = 0
        var bits = 0
        for k in start..<(start + count) {
            let v = k < values.count ? UInt64(values[k]) : 0
            buffer |= v << UInt64(bits)
            bits += width
            while bits >= 8 {
                out.append(UInt8(truncatingIfNeeded: buffer))
                buffer >>= 8
                bits -= 8
            }
        }
        if bits > 0 { out.append(UInt8(truncatingIfNeeded: buffer)) }
    }
}
