/// Parquet's split-block bloom filter: 32-byte blocks of eight 32-bit words. A value's
/// xxHash64 picks a block with its upper 32 bits and, with its lower 32 bits times eight
/// fixed odd constants, one bit in each word; the value may be present only if all eight
/// bits are set.
public struct SplitBlockBloomFilter: Sendable, Equatable {
    /// The blocks' words, little-endian in the file.
    let words: [UInt32]

    static let salt: [UInt32] = [0x47b6_137b, 0x4497_4d91, 0x8824_ad5b, 0xa2b7_289d,
                                 0x7054_95c7, 0x2df1_424b, 0x9efc_4947, 0x5c6b_fb31]

    /// The filter over `bitset` (a whole number of 32-byte blocks, at least one).
    public init?(bitset: ArraySlice<UInt8>) {
        guard bitset.count >= 32, bitset.count % 32 == 0 else { return nil }
        var words = [UInt32]()
        words.reserveCapacity(bitset.count / 4)
        var i = bitset.startIndex
        while i < bitset.endIndex {
            words.append(UInt32(bitset[i]) | UInt32(bitset[i + 1]) << 8 | UInt32(bitset[i + 2]) << 16 | UInt32(bitset[i + 3]) << 24)
            i += 4
        }
        self.words = words
    }

    /// Whether a value with this hash may be in the set (false: certainly not).
    public func mayContain(hash: UInt64) -> Bool {
        let blocks = UInt64(words.count / 8)
        let block = Int(((hash >> 32) &* blocks) >> 32)
        let key = UInt32(truncatingIfNeeded: hash)
        for k in 0..<8 {
            let bit = (key &* Self.salt[k]) >> 27
            if words[block * 8 + k] & (1 << bit) == 0 { return false }
        }
        return true
    }

    /// Whether a value whose PLAIN bytes are `bytes` may be in the set.
    public func mayContain<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        mayContain(hash: XXHash64.hash(bytes))
    }
}
