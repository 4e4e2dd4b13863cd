/// The RLE/bit-packed hybrid encoding: definition levels, dictionary indices and RLE
/// booleans. Runs are either a value repeated (`header` even: count = header >> 1, the
/// value in ⌈width/8⌉ bytes) or groups of eight bit-packed values (`header` odd).
enum RLEHybrid {
    /// `count` values of `width` bits (0…32) from `range`.
    static func decode(_ bytes: [UInt8], _ range: Range<Int>, width: Int, count: Int) throws(DecodeError) -> [UInt32] {
        var c = ByteCursor(bytes, range)
        guard (0...32).contains(width) else { throw c.fail("bit width \(width) is over 32") }
        var out: [UInt32] = []
        out.reserveCapacity(count)
        var packed: [UInt64] = []
        while out.count < count {
            let header = try c.varint()
            let left = count - out.count  // safe: out.count < count
            if header & 1 == 0 {
                let run = header >> 1
                var value: UInt32 = 0
                for i in 0..<((width + 7) / 8) { value |= UInt32(try c.byte()) << UInt32(8 * i) }
                if width < 32, value >> UInt32(width) != 0 { throw c.fail("a run's value \(value) does not fit in \(width) bits") }
                guard run > 0 else { throw c.fail("an RLE run of length 0") }
                out.append(contentsOf: repeatElement(value, count: Int(min(run, UInt64(left)))))
            } else {
                let groups = header >> 1
                guard groups > 0, groups <= UInt64(c.remaining) + 1 else { throw c.fail("a bit-packed run of \(groups) groups runs past the page") }
                let values = Int(groups) * 8  // safe: groups ≤ the page's size
                let byteCount = Int(groups) * width  // safe: as above, width ≤ 32
                let available = min(byteCount, c.remaining)
                let usable = min(values, available * 8 / max(width, 1), left)
                packed.removeAll(keepingCapacity: true)
                try c.unpack(count: width == 0 ? min(values, left) : usable, width: width, consume: available, into: &packed)
                for v in packed { out.append(UInt32(truncatingIfNeeded: v)) }
                if packed.count < min(values, left), available < byteCount { throw c.fail("a bit-packed run ends early") }
            }
        }
        return out
    }

    /// The bit width levels up to `maxLevel` take.
    static func width(for maxLevel: Int) -> Int {
        maxLevel <= 0 ? 0 : Int.bitWidth - maxLevel.leadingZeroBitCount
    }

    /// The deprecated BIT_PACKED level encoding: `count` values packed most significant bit
    /// first, ⌈count·width/8⌉ bytes; returns the values and the bytes used.
    static func decodeBitPackedMSB(_ bytes: [UInt8], _ range: Range<Int>, width: Int, count: Int) throws(DecodeError) -> ([UInt32], Int) {
        var c = ByteCursor(bytes, range)
        let (bits, o) = count.multipliedReportingOverflow(by: width)
        guard !o else { throw c.fail("too many levels") }
        let n = (bits + 7) / 8
        let r = try c.take(n)
        var out: [UInt32] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            var v: UInt32 = 0
            for k in 0..<width {
                let bit = i * width + k  // safe: < bits
                let byte = bytes[r.lowerBound + bit / 8]
                v = (v << 1) | UInt32((byte >> UInt8(7 - bit % 8)) & 1)
            }
            out.append(v)
        }
        return (out, n)
    }
}
