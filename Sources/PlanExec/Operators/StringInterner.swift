#if canImport(Glibc)
import Glibc
#endif
/// Dense codes for distinct byte strings: a hash of the bytes (eight at a time) in a
/// ``FlatHashMap``, strings with equal hashes chained and compared byte for byte.
public struct StringInterner {
    private var heads = FlatHashMap<Int64>()
    private var next: [Int] = []
    /// The distinct strings, code `c` at index `c`.
    public private(set) var strings = StringArray()

    public init() {}

    public var count: Int { next.count }

    /// The code of `bytes` (0, 1, 2 … in order of first appearance).
    public mutating func code(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let h = Int64(bitPattern: StringInterner.hash(bytes))
        var c = heads.value(h)
        while c >= 0 {
            if strings.equals(c, bytes) { return c }
            c = next[c]
        }
        let new = next.count
        next.append(heads.exchange(h, new))
        strings.append(bytes: bytes)
        return new
    }

    /// Sixteen bytes per step folded by one full-width multiply (as wyhash does), the
    /// length and the last partial word mixed in at the end.
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = UInt64(b.count) &* 0x9e37_79b9_7f4a_7c15
        guard let base = b.baseAddress else { return mix64(h) }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 16 <= b.count {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ 0xa076_1d64_78bd_642f
            let y = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self) ^ (h ^ 0xe703_7ed1_a0b4_28db)
            let p = x.multipliedFullWidth(by: y)
            h = p.high ^ p.low
            i += 16
        }
        if i + 8 <= b.count {
            h = mix64(h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        var tail: UInt64 = 0, shift: UInt64 = 0
        while i < b.count {
            tail |= UInt64(b[i]) << shift
            shift += 8
            i += 1
        }
        return mix64(h ^ tail)
    }
}

extension StringArray {
    /// Whether string `i` is `bytes`.
    func equals(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let r = range(i)
        guard r.count == bytes.count else { return false }
        guard let probe = bytes.baseAddress, !r.isEmpty else { return true }
        return withUnsafeLayout { layout in
            guard let stored = layout.bytes.baseAddress else { return false }
            return memcmp(stored + r.lowerBound, probe, r.count) == 0
        }
    }
}
