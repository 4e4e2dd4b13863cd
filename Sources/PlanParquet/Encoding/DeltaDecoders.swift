import PlanExec

/// DELTA_BINARY_PACKED: a header (block size, miniblocks per block, value count, first
/// value), then blocks of a minimum delta and miniblocks of deltas bit-packed at each
/// one's width. Arithmetic wraps, as the format defines it (32-bit columns wrap at 32 bits).
enum DeltaBinaryPacked {
    /// The values at the cursor (at most `limit` of them); the cursor ends after the last
    /// miniblock that holds values.
    static func decode(_ c: inout ByteCursor, limit: Int) throws(DecodeError) -> [Int64] {
        let blockSize = try c.varint()
        let miniblocks = try c.varint()
        let total = try c.varint()
        var last = try c.zigzag()
        guard blockSize > 0, blockSize % 128 == 0, blockSize <= 1 << 20, miniblocks > 0, blockSize % miniblocks == 0,
              (blockSize / miniblocks) % 32 == 0 else {
            throw c.fail("a delta header with block size \(blockSize) and \(miniblocks) miniblocks")
        }
        guard total <= UInt64(limit) else { throw c.fail("a delta run of \(total) values where the page holds \(limit)") }
        let count = Int(total)  // safe: ≤ limit
        let perMini = Int(blockSize / miniblocks)  // safe: ≤ 2^20
        var out = [Int64]()
        out.reserveCapacity(count)
        if count == 0 { return out }
        out.append(last)
        var deltas: [UInt64] = []
        deltas.reserveCapacity(perMini)
        var widths = [Int](repeating: 0, count: Int(miniblocks))
        while out.count < count {
            let minDelta = try c.zigzag()
            for i in widths.indices {
                let w = Int(try c.byte())
                guard w <= 64 else { throw c.fail("a miniblock bit width of \(w)") }
                widths[i] = w
            }
            for w in widths {
                if out.count >= count { break }
                deltas.removeAll(keepingCapacity: true)
                try c.unpack(count: perMini, width: w, consume: perMini * w / 8, into: &deltas)  // safe: perMini·64 ≤ 2^26
                for d in deltas {
                    if out.count >= count { break }
                    last = last &+ minDelta &+ Int64(bitPattern: d)
                    out.append(last)
                }
            }
        }
        return out
    }
}

/// DELTA_LENGTH_BYTE_ARRAY (lengths delta-coded, then the bytes back to back) and
/// DELTA_BYTE_ARRAY (prefix lengths shared with the previous value, then the suffixes as
/// DELTA_LENGTH_BYTE_ARRAY).
enum DeltaByteArrays {
    static func decodeLengths(_ c: inout ByteCursor, count: Int) throws(DecodeError) -> StringArray {
        let lengths = try DeltaBinaryPacked.decode(&c, limit: count)
        guard lengths.count == count else { throw c.fail("\(lengths.count) lengths where the page holds \(count) values") }
        var out = StringArray()
        out.reserve(count, bytes: c.remaining)
        for n in lengths {
            guard n >= 0, n <= Int64(c.remaining) else { throw c.fail("a value of \(n) bytes runs past the page") }
            let r = try c.take(Int(n))
            out.append(utf8: c.bytes[r])
        }
        return out
    }

    static func decode(_ c: inout ByteCursor, count: Int) throws(DecodeError) -> StringArray {
        let prefixes = try DeltaBinaryPacked.decode(&c, limit: count)
        guard prefixes.count == count else { throw c.fail("\(prefixes.count) prefix lengths where the page holds \(count) values") }
        let suffixes = try decodeLengths(&c, count: count)
        var out = StringArray()
        out.reserve(count, bytes: suffixes.bytes.count)
        var previous: [UInt8] = []
        for i in 0..<count {
            let p = prefixes[i]
            guard p >= 0, p <= Int64(previous.count) else { throw c.fail("a prefix of \(p) bytes is longer than the value before it") }
            var value = Array(previous[0..<Int(p)])
            value.append(contentsOf: suffixes.bytes[suffixes.range(i)])
            guard out.bytes.count + value.count <= Int(Int32.max) else { throw c.fail("a page of more than 2 GiB of strings") }  // safe: sizes of arrays
            out.append(utf8: value)
            previous = value
        }
        return out
    }
}

/// BYTE_STREAM_SPLIT: byte `k` of value `i` is at `k·count + i`.
enum ByteStreamSplit {
    static func decode(_ bytes: [UInt8], _ range: Range<Int>, type: PhysicalType, typeLength: Int, count: Int) throws(DecodeError) -> PhysicalValues {
        var c = ByteCursor(bytes, range)
        let width: Int
        switch type {
        case .int32, .float: width = 4
        case .int64, .double: width = 8
        case .fixedLenByteArray: width = typeLength
        default: throw c.fail("BYTE_STREAM_SPLIT is not defined for \(type)")
        }
        guard width > 0 else { throw c.fail("a fixed-length byte array of length \(width)") }
        let (total, o) = width.multipliedReportingOverflow(by: count)
        guard !o else { throw c.fail("too many values") }
        let r = try c.take(total)
        var joined = [UInt8](repeating: 0, count: total)
        for i in 0..<count {
            for k in 0..<width { joined[i * width + k] = bytes[r.lowerBound + k * count + i] }  // safe: < total
        }
        return try PlainDecoder.decode(joined, 0..<total, type: type, typeLength: typeLength, count: count).0
    }
}
