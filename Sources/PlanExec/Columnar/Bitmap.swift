/// A packed bit per row; in a column's validity, a set bit means "not NULL".
public struct Bitmap: Hashable, Sendable {
    public private(set) var words: [UInt64]
    public private(set) var count: Int

    public init(count: Int, value: Bool) {
        self.count = count
        words = Array(repeating: value ? ~0 : 0, count: (count + 63) / 64)
    }

    /// A bitmap of `count` bits over `words` (as ``words`` gave them).
    init(words: [UInt64], count: Int) {
        self.words = words
        self.count = count
    }

    public init(_ bits: [Bool]) {
        self.init(count: bits.count, value: false)
        for (i, b) in bits.enumerated() where b { set(i, true) }
    }

    @inline(__always)
    public subscript(i: Int) -> Bool {
        words[i >> 6] & (1 << UInt64(i & 63)) != 0
    }

    @inline(__always)
    public mutating func set(_ i: Int, _ value: Bool) {
        if value { words[i >> 6] |= 1 << UInt64(i & 63) } else { words[i >> 6] &= ~(1 << UInt64(i & 63)) }
    }

    public mutating func append(_ value: Bool) {
        if count & 63 == 0 { words.append(0) }
        count += 1
        if value { set(count - 1, true) }
    }

    /// The bits at `rows`, in that order (each in range).
    public func gathered<Rows: Sequence>(_ rows: Rows, count: Int) -> Bitmap where Rows.Element == Int {
        var b = Bitmap(count: count, value: false)
        for (o, i) in rows.enumerated() where self[i] { b.set(o, true) }
        return b
    }

    /// Number of set bits.
    public var setCount: Int {
        var n = 0
        for (i, w) in words.enumerated() {
            if i == words.count - 1, count & 63 != 0 {
                n += (w & ((1 << UInt64(count & 63)) - 1)).nonzeroBitCount
            } else {
                n += w.nonzeroBitCount
            }
        }
        return n
    }

    /// Bitwise AND (both valid).
    public static func & (a: Bitmap, b: Bitmap) -> Bitmap {
        var out = a
        for i in out.words.indices { out.words[i] &= b.words[i] }
        return out
    }
}
