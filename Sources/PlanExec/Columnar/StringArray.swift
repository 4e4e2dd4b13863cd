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

    /// Strings from buffers already laid out: `offsets` starts at 0, never decreases and
    /// ends at `bytes.count` (the caller's promise; readers that build both at once).
    /// Debug builds check the promise, as swift-collections checks its hash tables.
    public init(offsets: [Int32], bytes: [UInt8]) {
        self.offsets = offsets
        self.bytes = bytes
        assert(Self.isLayout(offsets: offsets, bytes: bytes), "StringArray offsets must run from 0 up to bytes.count")
    }

    /// Whether `offsets` lay out `bytes`: at least one offset, the first 0, none smaller
    /// than the one before, the last `bytes.count`.
    static func isLayout(offsets: [Int32], bytes: [UInt8]) -> Bool {
        guard offsets.first == 0, offsets.last.map({ Int($0) == bytes.count }) == true else { return false }
        // A plain loop over the buffer: this runs on every array a reader makes, in
        // debug builds, whose unoptimized closures would cost more than the reading.
        return offsets.withUnsafeBufferPointer { o in
            var i = 1
            while i < o.count {
                if o[i] < o[i - 1] { return false }
                i += 1
            }
            return true
        }
    }

    /// The strings' layout, readable through pointers for the length of `body`: the one
    /// way code outside this type reads the raw offsets and bytes.
    public func withUnsafeLayout<R>(_ body: (StringLayout) throws -> R) rethrows -> R {
        try offsets.withUnsafeBufferPointer { o in
            try bytes.withUnsafeBufferPointer { b in try body(StringLayout(offsets: o, bytes: b)) }
        }
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

    /// Appends a string from a slice of UTF-8 bytes (not generic: readers in other modules
    /// call this in their inner loops, where an unspecialized generic call costs more than
    /// the copy).
    public mutating func append(utf8 slice: ArraySlice<UInt8>) {
        bytes.append(contentsOf: slice)
        offsets.append(Int32(bytes.count))
    }

    /// Appends the empty string (a NULL row's place).
    public mutating func appendEmpty() {
        offsets.append(Int32(bytes.count))
    }

    /// Appends a string from raw UTF-8 bytes.
    public mutating func append(bytes b: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: b)
        offsets.append(Int32(bytes.count))
    }

    /// Appends every string of `other`.
    public mutating func append(contentsOf other: StringArray) {
        let base = Int32(bytes.count)
        bytes.append(contentsOf: other.bytes)
        offsets.append(contentsOf: other.offsets.dropFirst().lazy.map { $0 + base })
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

    /// The strings at `indices`, in that order: offsets first, then every string's bytes
    /// copied into a buffer allocated once.
    public func gather(_ indices: [Int]) -> StringArray {
        var out = StringArray()
        out.offsets = [Int32].uninitialized(capacity: indices.count + 1) { o, initialized in
            offsets.withUnsafeBufferPointer { src in
                var total: Int32 = 0
                o[0] = 0
                for (k, i) in indices.enumerated() {
                    total += src[i + 1] - src[i]
                    o[k + 1] = total
                }
            }
            initialized = indices.count + 1
        }
        let total = Int(out.offsets[indices.count])
        out.bytes = [UInt8].uninitialized(capacity: total) { b, initialized in
            guard let dst = b.baseAddress else { initialized = 0; return }
            bytes.withUnsafeBufferPointer { src in
                offsets.withUnsafeBufferPointer { off in
                    guard let base = src.baseAddress else { return }
                    var at = 0
                    for i in indices {
                        let start = Int(off[i]), n = Int(off[i + 1]) - start
                        if n == 1 { dst[at] = base[start] } else if n > 0 { (dst + at).update(from: base + start, count: n) }
                        at += n
                    }
                }
            }
            initialized = total
        }
        return out
    }

    /// Strings `range`, copied in one piece.
    public func slice(_ range: Range<Int>) -> StringArray {
        var out = StringArray()
        let first = offsets[range.lowerBound]
        out.offsets = offsets[range.lowerBound...range.upperBound].map { $0 - first }
        out.bytes = Array(bytes[Int(first)..<Int(offsets[range.upperBound])])
        return out
    }
}

/// A ``StringArray``'s buffers, valid only inside ``StringArray/withUnsafeLayout(_:)``:
/// string `i` is `bytes[offsets[i]..<offsets[i + 1]]`.
public struct StringLayout {
    public let offsets: UnsafeBufferPointer<Int32>
    public let bytes: UnsafeBufferPointer<UInt8>

    public var count: Int { offsets.count - 1 }

    /// Where string `i`'s bytes are.
    @inline(__always)
    public func range(_ i: Int) -> Range<Int> { Int(offsets[i])..<Int(offsets[i + 1]) }

    /// String `i`'s UTF-8 bytes.
    @inline(__always)
    public func string(_ i: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[range(i)]) }
}
