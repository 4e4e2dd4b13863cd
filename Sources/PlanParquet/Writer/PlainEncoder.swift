import PlanExec

/// PLAIN, written: the inverse of ``PlainDecoder`` — little-endian numbers, booleans one bit
/// each (least significant first), byte arrays each after its 4-byte length, fixed-length
/// byte arrays back to back.
enum PlainEncoder {
    /// Appends the values at `range` of `values` (a column of physical `type`) to `out`.
    static func encode(_ values: PhysicalValues, _ range: Range<Int>, type: PhysicalType, into out: inout [UInt8]) {
        switch values {
        case .boolean(let a):
            var byte: UInt8 = 0
            var bit = 0
            for v in a[range] {
                if v { byte |= 1 << UInt8(bit) }
                bit += 1
                if bit == 8 {
                    out.append(byte)
                    byte = 0
                    bit = 0
                }
            }
            if bit > 0 { out.append(byte) }
        case .int32(let a): appendLittleEndian(a[range], into: &out)
        case .int64(let a): appendLittleEndian(a[range], into: &out)
        case .float(let a): appendLittleEndian(a[range].map(\.bitPattern), into: &out)
        case .double(let a): appendLittleEndian(a[range].map(\.bitPattern), into: &out)
        case .bytes(let s):
            let lengths = type == .byteArray
            s.withUnsafeLayout { layout in
                for i in range {
                    let r = layout.range(i)
                    if lengths { appendLittleEndian(CollectionOfOne(UInt32(r.count)), into: &out) }
                    out.append(contentsOf: layout.bytes[r])
                }
            }
        }
    }

    /// Fixed-width integers in little-endian byte order.
    static func appendLittleEndian<C: Collection>(_ values: C, into out: inout [UInt8]) where C.Element: FixedWidthInteger {
        #if _endian(little)
        if let done: Void = values.withContiguousStorageIfAvailable({ out.append(contentsOf: UnsafeRawBufferPointer($0)) }) {
            return done
        }
        #endif
        for v in values { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
    }
}
