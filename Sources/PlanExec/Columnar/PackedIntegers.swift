/// Integer-like values (integers, dates, timestamps, decimals) stored in the fewest bytes
/// that hold every one of them, as ``CompactColumn`` keeps them: TPC-H's order keys fit
/// 32 bits, its dates and quantities 16, its discounts and line numbers 8. ``widened(_:)``
/// gives the values back in the width operators read (sign-extended, so exact).
public enum PackedIntegers: Sendable {
    case int8([Int8])
    case int16([Int16])
    case int32([Int32])
    case int64([Int64])

    /// The values in the narrowest of the four widths that holds them all, when that is
    /// narrower than `Wide` (nil otherwise, and for no values).
    static func packing<Wide: FixedWidthInteger>(_ values: [Wide]) -> PackedIntegers? {
        guard !values.isEmpty else { return nil }
        let (lo, hi) = values.withUnsafeBufferPointer { src -> (Wide, Wide) in
            var lo = src[0], hi = src[0]
            for v in src {
                lo = Swift.min(lo, v)
                hi = Swift.max(hi, v)
            }
            return (lo, hi)
        }
        func fits<Narrow: FixedWidthInteger>(_: Narrow.Type) -> Bool {
            Narrow.bitWidth < Wide.bitWidth && lo >= Wide(Narrow.min) && hi <= Wide(Narrow.max)
        }
        if fits(Int8.self) { return .int8(narrowed(values)) }
        if fits(Int16.self) { return .int16(narrowed(values)) }
        if fits(Int32.self) { return .int32(narrowed(values)) }
        if fits(Int64.self) { return .int64(narrowed(values)) }
        return nil
    }

    private static func narrowed<Wide: FixedWidthInteger, Narrow: FixedWidthInteger>(_ values: [Wide]) -> [Narrow] {
        values.withUnsafeBufferPointer { src in
            [Narrow].uninitialized(capacity: src.count) { out, n in
                for k in 0..<src.count { out[k] = Narrow(truncatingIfNeeded: src[k]) }
                n = src.count
            }
        }
    }

    public var count: Int {
        switch self {
        case .int8(let a): a.count
        case .int16(let a): a.count
        case .int32(let a): a.count
        case .int64(let a): a.count
        }
    }

    /// Bytes the values take.
    public var byteSize: Int {
        switch self {
        case .int8(let a): a.count
        case .int16(let a): a.count * 2
        case .int32(let a): a.count * 4
        case .int64(let a): a.count * 8
        }
    }

    /// Rows `range` in the width `Wide`.
    func widened<Wide: FixedWidthInteger>(_ range: Range<Int>) -> [Wide] {
        switch self {
        case .int8(let a): Self.widened(a, range)
        case .int16(let a): Self.widened(a, range)
        case .int32(let a): Self.widened(a, range)
        case .int64(let a): Self.widened(a, range)
        }
    }

    /// The rows at `indices` (each in range), in that order, in the width `Wide`.
    func widened<Wide: FixedWidthInteger>(at indices: [Int]) -> [Wide] {
        switch self {
        case .int8(let a): Self.widened(a, at: indices)
        case .int16(let a): Self.widened(a, at: indices)
        case .int32(let a): Self.widened(a, at: indices)
        case .int64(let a): Self.widened(a, at: indices)
        }
    }

    private static func widened<Narrow: FixedWidthInteger, Wide: FixedWidthInteger>(_ a: [Narrow], _ range: Range<Int>) -> [Wide] {
        a.withUnsafeBufferPointer { src in
            [Wide].uninitialized(capacity: range.count) { out, n in
                let start = range.lowerBound
                for k in 0..<range.count { out[k] = Wide(truncatingIfNeeded: src[start + k]) }
                n = range.count
            }
        }
    }

    private static func widened<Narrow: FixedWidthInteger, Wide: FixedWidthInteger>(_ a: [Narrow], at indices: [Int]) -> [Wide] {
        a.withUnsafeBufferPointer { src in
            indices.withUnsafeBufferPointer { idx in
                [Wide].uninitialized(capacity: idx.count) { out, n in
                    for k in 0..<idx.count { out[k] = Wide(truncatingIfNeeded: src[idx[k]]) }
                    n = idx.count
                }
            }
        }
    }
}
