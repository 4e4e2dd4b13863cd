/// Strings stored compactly: one byte buffer and `count + 1` offsets into it.
public struct StringArray: Hashable, Sendable {
    public private(set) var offsets: [Int32]
    public private(set) var bytes: [UInt8]

    public init() {
        offsets = [0]
        bytes = []
    }

    public init(_ strings: [String]) {
        self.init()
        reserve(strings.count, bytes: strings.reduce(0) { $0 + $1.utf8.count })
        for s in strings { append(s) }
    }

    public var count: Int { offsets.count - 1 }

    public mutating func reserve(_ n: Int, bytes b: Int) {
        offsets.reserveCapacity(n + 1)
        bytes.reserveCapacity(b)
    }

    public mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
        offsets.append(Int32(bytes.count))
    }

    public mutating func append<C: Collection>(utf8 c: C) where C.Element == UInt8 {
        bytes.append(contentsOf: c)
        offsets.append(Int32(bytes.count))
    }

    @inline(__always)
    public func range(_ i: Int) -> Range<Int> { Int(offsets[i])..<Int(offsets[i + 1]) }

    public subscript(i: Int) -> String {
        String(decoding: bytes[range(i)], as: UTF8.self)
    }

    /// Byte-wise comparison (UTF-8 byte order is code point order).
    @inline(__always)
    public func compare(_ i: Int, _ other: StringArray, _ j: Int) -> Int {
        let a = range(i), b = other.range(j)
        return bytes.withUnsafeBufferPointer { pa in
            other.bytes.withUnsafeBufferPointer { pb in
                let n = min(a.count, b.count)
                for k in 0..<n {
                    let x = pa[a.lowerBound + k], y = pb[b.lowerBound + k]
                    if x != y { return x < y ? -1 : 1 }
                }
                return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
            }
        }
    }

    @inline(__always)
    public func equals(_ i: Int, _ other: StringArray, _ j: Int) -> Bool {
        let a = range(i), b = other.range(j)
        guard a.count == b.count else { return false }
        return compare(i, other, j) == 0
    }

    /// The strings at `indices`, in that order.
    public func gather(_ indices: [Int]) -> StringArray {
        var out = StringArray()
        var total = 0
        for i in indices { total += range(i).count }
        out.reserve(indices.count, bytes: total)
        for i in indices { out.append(utf8: bytes[range(i)]) }
        return out
    }
}
