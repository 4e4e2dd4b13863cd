@testable import PlanParquet
import Testing

/// The Thrift compact protocol reader: fields by delta and by long id, lists, skipping
/// unknown fields, and corrupt or truncated input as errors (never a trap).
@Suite struct CompactReaderTests {
    /// struct { 1: i32 = -3, 2: string = "ab", 4: list<i32> = [1, 2], 20: bool = true,
    ///          21: struct { 1: i64 = 300 } (unknown here, skipped) }
    static let sample: [UInt8] = [
        0x15, 0x05,                   // field 1 (delta 1), i32, zigzag(-3) = 5
        0x18, 0x02, 0x61, 0x62,       // field 2 (delta 1), binary, length 2, "ab"
        0x29, 0x25, 0x02, 0x04,       // field 4 (delta 2), list, 2 × i32: 1, 2
        0x01, 0x28,                   // field 20 by long id (zigzag 40), bool true
        0x1c, 0x16, 0xd8, 0x04, 0x00, // field 21 (delta 1), struct { 1: i64 = 300 }
        0x00,                         // stop
    ]

    @Test func readsFieldsListsAndSkipsUnknownOnes() throws {
        var r = CompactReader(Self.sample)
        var seen: [String] = []
        try r.readStruct { (r: inout CompactReader, id: Int16, t: CompactReader.WireType) throws(DecodeError) in
            switch id {
            case 1: seen.append("i32 \(try r.readI32(t))")
            case 2: seen.append("string \(try r.readString(t))")
            case 4: seen.append("list \(try r.readList(t) { (r: inout CompactReader, t: CompactReader.WireType) throws(DecodeError) in try r.readI32(t) })")
            case 20: seen.append("bool \(try r.readBool(t))")
            default: seen.append("skip \(id)"); try r.skip(t)
            }
        }
        #expect(seen == ["i32 -3", "string ab", "list [1, 2]", "bool true", "skip 21"])
        #expect(r.position == Self.sample.count)
    }

    @Test func everyTruncationIsAnErrorNotACrash() {
        for n in 0..<(Self.sample.count - 1) {
            var r = CompactReader(Array(Self.sample[0..<n]))
            #expect(throws: DecodeError.self) {
                try r.readStruct { (r: inout CompactReader, _: Int16, t: CompactReader.WireType) throws(DecodeError) in try r.skip(t) }
            }
        }
    }

    @Test func corruptLengthsAndNestingAreErrors() {
        // A string claiming 1,000 bytes in a 4-byte buffer.
        var r = CompactReader([0x18, 0xe8, 0x07, 0x61])
        #expect(throws: DecodeError.self) {
            try r.readStruct { (r: inout CompactReader, _: Int16, t: CompactReader.WireType) throws(DecodeError) in try r.skip(t) }
        }
        // A list claiming 2^32 elements.
        var l = CompactReader([0x19, 0xf5, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00])
        #expect(throws: DecodeError.self) {
            try l.readStruct { (r: inout CompactReader, _: Int16, t: CompactReader.WireType) throws(DecodeError) in try r.skip(t) }
        }
        // Structs nested 10,000 deep.
        var deep = CompactReader([UInt8](repeating: 0x1c, count: 10_000))
        #expect(throws: DecodeError.self) {
            try deep.readStruct { (r: inout CompactReader, _: Int16, t: CompactReader.WireType) throws(DecodeError) in try r.skip(t) }
        }
        // A field of the wrong wire type for what the reader expects.
        var wrong = CompactReader([0x18, 0x01, 0x61, 0x00])
        #expect(throws: DecodeError.self) {
            try wrong.readStruct { (r: inout CompactReader, _: Int16, t: CompactReader.WireType) throws(DecodeError) in _ = try r.readI32(t) }
        }
    }

    @Test func footerWithoutSchemaNameIsAnError() {
        // FileMetaData { 2: list<SchemaElement> = [ {} ] }: an element without its required name.
        #expect(throws: DecodeError.self) { try FileMetaData.decode([0x29, 0x1c, 0x00, 0x00]) }
    }
}
