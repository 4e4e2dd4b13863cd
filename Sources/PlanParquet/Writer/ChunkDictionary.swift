import PlanExec

/// A column chunk's dictionary: its distinct values, each as its PLAIN bytes (a byte
/// array's bytes without the length; an integer's little-endian bytes), in order of first
/// appearance, and each value's code. Made for byte arrays, fixed-length byte arrays
/// (decimals) and INT32/INT64 (integers, decimals, dates, timestamps) when it pays: at most
/// half as many entries as values and at most `limit` bytes. A chunk whose values are
/// mostly distinct gives up after its first 1,024, so it costs little. Booleans and floats
/// are never dictionary-coded.
struct ChunkDictionary {
    let strings: StringArray
    let codes: [UInt32]

    init?(_ values: PhysicalValues, limit: Int) {
        guard values.count > 0 else { return nil }
        var interner = StringInterner()
        var codes: [UInt32] = []
        codes.reserveCapacity(values.count)
        let half = values.count / 2
        /// Codes one value; false once the dictionary no longer pays.
        func add(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            codes.append(UInt32(truncatingIfNeeded: interner.code(bytes)))
            let seen = codes.count
            return !(interner.count > half || (seen > 1024 && interner.count > seen / 2) || interner.strings.bytes.count > limit)
        }
        /// Fixed-width values: their PLAIN bytes made once, coded `width` bytes at a time.
        func all(_ plain: [UInt8], width: Int) -> Bool {
            plain.withUnsafeBufferPointer { p in
                stride(from: 0, to: p.count, by: width).allSatisfy { add(UnsafeBufferPointer(rebasing: p[$0..<($0 + width)])) }
            }
        }
        var plain: [UInt8] = []
        let fits: Bool
        switch values {
        case .bytes(let s):
            fits = s.withUnsafeLayout { layout in (0..<layout.count).allSatisfy { add(layout.string($0)) } }
        case .int32(let a):
            PlainEncoder.appendLittleEndian(a, into: &plain)
            fits = all(plain, width: 4)
        case .int64(let a):
            PlainEncoder.appendLittleEndian(a, into: &plain)
            fits = all(plain, width: 8)
        case .boolean, .float, .double: return nil
        }
        guard fits else { return nil }
        strings = interner.strings
        self.codes = codes
    }
}
