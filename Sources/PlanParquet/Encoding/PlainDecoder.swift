import PlanExec

/// PLAIN: values one after another — little-endian numbers, booleans one bit each (least
/// significant first), byte arrays as a 4-byte length then the bytes, fixed-length byte
/// arrays (and INT96's 12 bytes) back to back.
enum PlainDecoder {
    /// `count` values of `type` from `range`; returns them and the position after them.
    static func decode(_ bytes: [UInt8], _ range: Range<Int>, type: PhysicalType, typeLength: Int,
                       count: Int) throws(DecodeError) -> (PhysicalValues, Int) {
        var c = ByteCursor(bytes, range)
        switch type {
        case .boolean:
            let r = try c.take((count + 7) / 8)
            var out = [Bool]()
            out.reserveCapacity(count)
            for i in 0..<count { out.append(bytes[r.lowerBound + i >> 3] >> UInt8(i & 7) & 1 == 1) }
            return (.boolean(out), c.position)
        case .int32: return (.int32(try fixed(&c, count, 4) { UInt32(truncatingIfNeeded: $0) }.map { Int32(bitPattern: $0) }), c.position)
        case .int64: return (.int64(try fixed(&c, count, 8) { $0 }.map { Int64(bitPattern: $0) }), c.position)
        case .float: return (.float(try fixed(&c, count, 4) { UInt32(truncatingIfNeeded: $0) }.map { Float(bitPattern: $0) }), c.position)
        case .double: return (.double(try fixed(&c, count, 8) { $0 }.map { Double(bitPattern: $0) }), c.position)
        case .byteArray:
            var out = StringArray()
            out.reserve(count, bytes: max(0, c.remaining - 4 * count))
            for _ in 0..<count {
                let n = try c.uint32LE()
                guard n <= UInt32(c.remaining) else { throw c.fail("a value of \(n) bytes runs past the page") }
                let r = try c.take(Int(n))
                out.append(utf8: bytes[r])
            }
            return (.bytes(out), c.position)
        case .int96, .fixedLenByteArray:
            let width = type == .int96 ? 12 : typeLength
            guard width > 0 else { throw c.fail("a fixed-length byte array of length \(width)") }
            let (total, o) = width.multipliedReportingOverflow(by: count)
            guard !o else { throw c.fail("too many values") }
            let r = try c.take(total)
            let offsets = (0...count).map { Int32(truncatingIfNeeded: $0 * width) }  // safe: ≤ total, a page's size
            guard total <= Int(Int32.max) else { throw c.fail("a page of more than 2 GiB") }
            return (.bytes(StringArray(offsets: offsets, bytes: Array(bytes[r]))), c.position)
        default:
            throw c.fail("unknown physical type \(type.rawValue)")
        }
    }

    /// `count` little-endian values of `width` bytes (4 or 8).
    static func fixed<T>(_ c: inout ByteCursor, _ count: Int, _ width: Int, _ make: (UInt64) -> T) throws(DecodeError) -> [T] {
        let (total, o) = count.multipliedReportingOverflow(by: width)
        guard !o else { throw c.fail("too many values") }
        let r = try c.take(total)
        return c.bytes.withUnsafeBufferPointer { p in
            var out = [T]()
            out.reserveCapacity(count)
            var at = r.lowerBound
            for _ in 0..<count {
                var v: UInt64 = 0
                for k in 0..<width { v |= UInt64(p[at + k]) << UInt64(8 * k) }
                out.append(make(v))
                at += width
            }
            return out
        }
    }
}
