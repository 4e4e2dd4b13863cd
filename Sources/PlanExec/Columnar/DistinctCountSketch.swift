import Foundation
import PlanCore

/// An estimate of how many distinct non-NULL values columns hold (HyperLogLog with 2^12
/// registers: 1.04/√4096 ≈ 1.6% standard error, one hash per value; linear counting below
/// 2.5 · 4096 values). The one HyperLogLog of the engine: table statistics for join-size
/// estimates, and `approx_distinct`'s state (one sketch per group, merged across workers).
///
/// A sketch starts sparse — the few registers set, by slot — and becomes the 4 KiB array
/// once more than ``sparseLimit`` are set; both give the same estimate for the same values.
public struct DistinctCountSketch: Sendable {
    private static let bits = 12
    static let sparseLimit = 256
    private var registers: [UInt8] = []
    private var sparse: [UInt16: UInt8] = [:]

    public init() {}

    /// Bytes the sketch holds.
    var byteSize: Int { registers.isEmpty ? sparse.count * 8 : registers.count }

    private mutating func densify() {
        registers = [UInt8](repeating: 0, count: 1 << Self.bits)
        for (slot, rank) in sparse { registers[Int(slot)] = rank }
        sparse = [:]
    }

    /// Sets the register a hash falls in.
    @inline(__always) private mutating func insert(_ h: UInt64) {
        let slot = Int(h >> UInt64(64 - Self.bits))
        let rank = UInt8(min(64 - Self.bits, (h << UInt64(Self.bits)).leadingZeroBitCount) + 1)
        if registers.isEmpty {
            if rank > sparse[UInt16(slot), default: 0] { sparse[UInt16(slot)] = rank }
            if sparse.count > Self.sparseLimit { densify() }
        } else if rank > registers[slot] {
            registers[slot] = rank
        }
    }

    /// Adds one value (NULL is not counted); equal values (as SQL compares them: `-0` and
    /// `0`, a string whatever its column's layout) hash alike, as ``add(_:)`` hashes them.
    public mutating func add(value v: ScalarValue) {
        let h: UInt64
        switch v {
        case .null: return
        case .boolean(let b): h = mix64(b ? 1 : 2)
        case .int16(let i): h = mix64(UInt64(bitPattern: Int64(i)))
        case .int32(let i): h = mix64(UInt64(bitPattern: Int64(i)))
        case .int64(let i): h = mix64(UInt64(bitPattern: i))
        case .date(let d): h = mix64(UInt64(bitPattern: Int64(d)))
        case .timestamp(let t), .timestampTZ(let t): h = mix64(UInt64(bitPattern: t))
        case .float32(let f): h = mix64(UInt64((f == 0 ? 0 : f).bitPattern))
        case .float64(let f): h = mix64((f == 0 ? 0 : f).bitPattern)
        case .decimal(let u, _, _): h = mix64(UInt64(truncatingIfNeeded: u) ^ mix64(UInt64(truncatingIfNeeded: u >> 64)))
        case .numeric(let n): h = mix64(n.doubleValue.bitPattern)
        case .interval(let i):
            h = mix64(UInt64(UInt32(bitPattern: i.months)) << 32 | UInt64(UInt32(bitPattern: i.days)) ^ mix64(UInt64(bitPattern: i.micros)))
        case .string(let s): h = Self.bytesHash(s.utf8)
        case .binary(let b): h = Self.bytesHash(b)
        }
        insert(h)
    }

    /// FNV-1a over the bytes, then mixed.
    private static func bytesHash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0100_0000_01b3 }
        return mix64(h)
    }

    /// Takes in another sketch's values (a register-wise maximum).
    public mutating func merge(_ other: DistinctCountSketch) {
        if other.registers.isEmpty {
            for (slot, rank) in other.sparse {
                if registers.isEmpty {
                    if rank > sparse[slot, default: 0] { sparse[slot] = rank }
                } else if rank > registers[Int(slot)] {
                    registers[Int(slot)] = rank
                }
            }
            if registers.isEmpty, sparse.count > Self.sparseLimit { densify() }
            return
        }
        if registers.isEmpty { densify() }
        for i in registers.indices where other.registers[i] > registers[i] { registers[i] = other.registers[i] }
    }

    /// Adds every non-NULL value of `column`.
    public mutating func add(_ column: ColumnVector) {
        func each(_ hash: (Int) -> UInt64) {
            if registers.isEmpty { densify() }
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
        let m = Double(1 << Self.bits)
        var sum = 0.0, zeros = 0
        if registers.isEmpty {
            zeros = (1 << Self.bits) - sparse.count
            sum = Double(zeros)
            // In slot order, so the sum (and the estimate) is the dense one's exactly.
            for slot in sparse.keys.sorted() { sum += 1 / Double(UInt64(1) << UInt64(sparse[slot] ?? 0)) }
        }
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
