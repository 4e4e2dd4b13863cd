/// Row masks (`[Bool]`: one byte, 0 or 1, a row) read as bytes, and the selection vectors
/// made from them: the one place filters turn a mask into row numbers.
enum Selection {
    /// The rows whose mask byte is set — or `rows[i]` for each such `i`, when given —
    /// without branches: every row is written, the count moves only past kept ones.
    static func indices(of mask: [Bool], through rows: [Int]? = nil) -> [Int] {
        [Int].uninitialized(capacity: mask.count) { out, n in
            var at = 0
            bytes(mask) { k in
                if let rows {
                    rows.withUnsafeBufferPointer { rs in
                        for i in 0..<k.count { out[at] = rs[i]; at &+= Int(k[i]) }
                    }
                } else {
                    for i in 0..<k.count { out[at] = i; at &+= Int(k[i]) }
                }
            }
            n = at
        }
    }

    /// A Bool array's storage as bytes, for loops that combine masks without branching.
    @inline(__always)
    static func bytes<R>(_ a: [Bool], _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        a.withUnsafeBufferPointer { b in b.withMemoryRebound(to: UInt8.self, body) }
    }

    @inline(__always)
    static func mutableBytes<R>(_ a: inout [Bool], _ body: (UnsafeMutableBufferPointer<UInt8>) -> R) -> R {
        a.withUnsafeMutableBufferPointer { b in b.withMemoryRebound(to: UInt8.self, body) }
    }
}
