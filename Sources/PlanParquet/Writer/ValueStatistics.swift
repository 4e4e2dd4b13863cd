#if canImport(Glibc)
import Glibc
#endif
import PlanExec

/// Minima and maxima of physical values, as statistics and column indexes store them: the
/// PLAIN bytes of the value (byte arrays without their length), in the order of the
/// column's logical type — signed integers, IEEE floats with NaN left out (a zero minimum
/// written as -0.0 and a zero maximum as +0.0, as the format asks), byte arrays unsigned
/// byte by byte, and fixed-length decimals as signed big-endian integers.
struct ValueStatistics {
    let type: PhysicalType
    /// The order of ``type``, decided once (comparisons are per value).
    private let order: Order
    private enum Order { case boolean, int32, int64, float, double, signedBytes, unsignedBytes }

    init(type: PhysicalType) {
        self.type = type
        switch type {
        case .boolean: order = .boolean
        case .int32: order = .int32
        case .int64: order = .int64
        case .float: order = .float
        case .double: order = .double
        case .fixedLenByteArray: order = .signedBytes
        default: order = .unsignedBytes
        }
    }

    /// The smallest and largest of `values[range]`, nil when there is none (no values, or
    /// only NaNs).
    func bounds(_ values: PhysicalValues, _ range: Range<Int>) -> (min: [UInt8], max: [UInt8])? {
        func plain(_ v: PhysicalValues) -> [UInt8] {
            var out: [UInt8] = []
            PlainEncoder.encode(v, 0..<v.count, type: type == .byteArray ? .fixedLenByteArray : type, into: &out)
            return out
        }
        switch values {
        case .boolean(let a):
            guard !range.isEmpty else { return nil }
            let slice = a[range]
            return ([slice.contains(false) ? 0 : 1], [slice.contains(true) ? 1 : 0])
        case .int32(let a): return Self.extremes(a[range]).map { (plain(.int32([$0.0])), plain(.int32([$0.1]))) }
        case .int64(let a): return Self.extremes(a[range]).map { (plain(.int64([$0.0])), plain(.int64([$0.1]))) }
        case .float(let a):
            return Self.extremes(a[range].filter { !$0.isNaN }).map {
                (plain(.float([$0.0 == 0 ? -0.0 : $0.0])), plain(.float([$0.1 == 0 ? 0.0 : $0.1])))
            }
        case .double(let a):
            return Self.extremes(a[range].filter { !$0.isNaN }).map {
                (plain(.double([$0.0 == 0 ? -0.0 : $0.0])), plain(.double([$0.1 == 0 ? 0.0 : $0.1])))
            }
        case .bytes(let s):
            guard !range.isEmpty else { return nil }
            return s.withUnsafeLayout { layout in
                var lo = range.lowerBound, hi = range.lowerBound
                for i in range.dropFirst() {
                    let v = layout.string(i)
                    if compare(v, layout.string(lo)) < 0 { lo = i } else if compare(v, layout.string(hi)) > 0 { hi = i }
                }
                return (Array(layout.string(lo)), Array(layout.string(hi)))
            }
        }
    }

    /// The bounds of the dictionary entries `codes` use (each entry compared once).
    func bounds(_ dictionary: StringArray, codes: ArraySlice<UInt32>) -> (min: [UInt8], max: [UInt8])? {
        var used = [Bool](repeating: false, count: dictionary.count)
        for c in codes { used[Int(c)] = true }
        let entries = used.indices.filter { used[$0] }
        return bounds(.bytes(dictionary.gather(entries)), 0..<entries.count)
    }

    static func extremes<C: Collection>(_ values: C) -> (C.Element, C.Element)? where C.Element: Comparable {
        guard var lo = values.first else { return nil }
        var hi = lo
        for v in values {
            if v < lo { lo = v }
            if v > hi { hi = v }
        }
        return (lo, hi)
    }

    /// The order of two encoded values (negative, zero, positive).
    func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in compare(x, y) } }
    }

    func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        func order<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x > y ? 1 : 0) }
        func word(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var v: UInt64 = 0
            for (k, byte) in p.prefix(8).enumerated() { v |= UInt64(byte) << UInt64(8 * k) }
            return v
        }
        switch self.order {
        case .boolean: return order(a.first ?? 0, b.first ?? 0)
        case .int32: return order(Int32(truncatingIfNeeded: word(a)), Int32(truncatingIfNeeded: word(b)))
        case .int64: return order(Int64(bitPattern: word(a)), Int64(bitPattern: word(b)))
        case .float: return order(Float(bitPattern: UInt32(truncatingIfNeeded: word(a))), Float(bitPattern: UInt32(truncatingIfNeeded: word(b))))
        case .double: return order(Double(bitPattern: word(a)), Double(bitPattern: word(b)))
        case .signedBytes:
            // Two's complement of equal width: the sign bit flipped orders them as unsigned.
            if let x = a.first, let y = b.first, (x ^ y) & 0x80 != 0 { return x & 0x80 != 0 ? -1 : 1 }
            return Self.unsigned(a, b)
        case .unsignedBytes: return Self.unsigned(a, b)
        }
    }

    /// Byte-wise unsigned order, a shorter prefix first.
    static func unsigned(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(a.count, b.count)
        if n > 0, let x = a.baseAddress, let y = b.baseAddress {
            let c = memcmp(x, y, n)
            if c != 0 { return Int(c) }
        }
        return a.count < b.count ? -1 : (a.count > b.count ? 1 : 0)
    }
}
