import Foundation
import PlanCore

/// An estimate of how many distinct non-NULL values columns hold (HyperLogLog with 2^12
/// registers: about 1.6% standard error, 4 KiB, one hash per value). Table statistics for
/// join-size estimates; never part of a query's answer.
public struct DistinctCountSketch: Sendable {
    private static let bits = 12
    private var registers = [UInt8](repeating: 0, count: 1 << bits)

    public init() {}

    /// Adds every non-NULL value of `column`.
    public mutating func add(_ column: ColumnVector) {
        func each(_ hash: (Int) -> UInt64) {
            registers.withUnsafeMutableBufferPointer { r in
                for i in 0..<column.count where !column.isNull(i) {
                    let h = hash(i)
                    let slot = Int(h >> UInt64(64 - Self.bits))
                    let rank = UInt8(min(64 - Self.bits, (h << UInt64(Self.bits)).leadingZeroBitCount) + 1)
                    if rank > r[slot] { r[slot] = rank }
                }
            }
        }
        switch column.values {
        case .null: return
        case .boolean(let a): each { mix64(a[$0] ? 1 : 2) }
        case .int16(let a): each { mix64(UInt64(bitPattern: Int64(a[$0]))) }
        case .int32(let a): each { mix64(UInt64(bitPattern: Int64(a[$0]))) }
        case .int64(let a): each { mix64(UInt64(bitPattern: a[$0])) }
        case .date(let a): each { mix64(UInt64(bitPattern: Int64(a[$0]))) }
        case .timestamp(let a): each { mix64(UInt64(bitPattern: a[$0])) }
        case .float32(let a): each { mix64(UInt64(a[$0].bitPattern)) }
        case .float64(let a): each { mix64(a[$0].bitPattern) }
        case .decimal(let a): each { mix64(UInt64(truncatingIfNeeded: a[$0]) ^ mix64(UInt64(truncatingIfNeeded: a[$0] >> 64))) }
        case .interval(let a):
            each { mix64(UInt64(UInt32(bitPattern: a[$0].months)) << 32 | UInt64(UInt32(bitPattern: a[$0].days)) ^ mix64(UInt64(bitPattern: a[$0].micros))) }
        case .string(let s):
            s.withUnsafeLayout { layout in
                each { i in
                    // FNV-1a over the bytes, then mixed.
                    var h: UInt64 = 0xcbf2_9ce4_8422_2325
                    for byte in layout.string(i) { h = (h ^ UInt64(byte)) &* 0x0100_0000_01b3 }
                    return mix64(h)
                }
            }
        }
    }

    /// The estimated number of distinct values added.
    public var estimate: Int {
        let m = Double(registers.count)
        var sum = 0.0, zeros = 0
        for r in registers {
            sum += 1 / Double(UInt64(1) << UInt64(r))
            if r == 0 { zeros += 1 }
        }
        let raw = 0.7213 / (1 + 1.079 / m) * m * m / sum
        // Few values: count the empty registers instead (linear counting).
        if raw <= 2.5 * m, zeros > 0 { return Int((m * log(m / Double(zeros))).rounded()) }
        return Int(raw.rounded())
    }
}
