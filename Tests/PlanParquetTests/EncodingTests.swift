@testable import PlanParquet
import PlanExec
import Testing

/// Each value encoding on hand-made bytes (from the format's Encodings.md), and truncated
/// or corrupt inputs as errors.
@Suite struct EncodingTests {
    @Test func rleHybridRunsAndBitPackedGroups() throws {
        // A run of 3 × 5 (width 3: one byte), then one bit-packed group of 8 values 0…7.
        let bytes: [UInt8] = [0x06, 0x05, 0x03, 0x88, 0xc6, 0xfa]
        #expect(try RLEHybrid.decode(bytes, 0..<bytes.count, width: 3, count: 11) == [5, 5, 5, 0, 1, 2, 3, 4, 5, 6, 7])
        #expect(throws: DecodeError.self) { try RLEHybrid.decode(bytes, 0..<4, width: 3, count: 11) }
        // A run value wider than the bit width.
        #expect(throws: DecodeError.self) { try RLEHybrid.decode([0x02, 0x09], 0..<2, width: 3, count: 1) }
    }

    @Test func plainNumbersBooleansAndByteArrays() throws {
        let ints: [UInt8] = [0x01, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]
        #expect(try PlainDecoder.decode(ints, 0..<8, type: .int32, typeLength: 0, count: 2).0 == .int32([1, -1]))
        #expect(try PlainDecoder.decode([0b0000_0101], 0..<1, type: .boolean, typeLength: 0, count: 3).0 == .boolean([true, false, true]))
        let strings: [UInt8] = [2, 0, 0, 0, 0x68, 0x69, 0, 0, 0, 0]
        #expect(try PlainDecoder.decode(strings, 0..<10, type: .byteArray, typeLength: 0, count: 2).0 == .bytes(StringArray(["hi", ""])))
        // Truncated: 8 bytes of int64 missing, a length past the end.
        #expect(throws: DecodeError.self) { try PlainDecoder.decode(ints, 0..<8, type: .int64, typeLength: 0, count: 2) }
        #expect(throws: DecodeError.self) { try PlainDecoder.decode([9, 0, 0, 0, 0x68], 0..<5, type: .byteArray, typeLength: 0, count: 1) }
        #expect(throws: DecodeError.self) { try PlainDecoder.decode([0xff, 0xff, 0xff, 0xff], 0..<4, type: .byteArray, typeLength: 0, count: 1) }
    }

    /// 1, 2, 3, 4, 5: block 128, 4 miniblocks, 5 values, first 1; min delta 1, widths 0.
    static let deltaOneToFive: [UInt8] = [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0, 0, 0, 0]

    @Test func deltaBinaryPacked() throws {
        var c = ByteCursor(Self.deltaOneToFive, 0..<Self.deltaOneToFive.count)
        #expect(try DeltaBinaryPacked.decode(&c, limit: 5) == [1, 2, 3, 4, 5])
        #expect(c.position == Self.deltaOneToFive.count)
        // 7, 5, 3, 1, 2, 3, 4, 5: deltas -2 -2 -2 1 1 1 1, min delta -2, first miniblock width 2,
        // stored 0 0 0 3 3 3 3 (+ padding).
        var packed: [UInt8] = [0x80, 0x01, 0x04, 0x08, 0x0e, 0x03, 0x02, 0, 0, 0]
        packed += [0b1100_0000, 0b0011_1111] + [UInt8](repeating: 0, count: 6)
        var p = ByteCursor(packed, 0..<packed.count)
        #expect(try DeltaBinaryPacked.decode(&p, limit: 8) == [7, 5, 3, 1, 2, 3, 4, 5])
        // More values than the page holds; a block size that is not a multiple of 128; truncated.
        var tooMany = ByteCursor(Self.deltaOneToFive, 0..<Self.deltaOneToFive.count)
        #expect(throws: DecodeError.self) { try DeltaBinaryPacked.decode(&tooMany, limit: 4) }
        var badBlock = ByteCursor([0x07, 0x01, 0x01, 0x00], 0..<4)
        #expect(throws: DecodeError.self) { try DeltaBinaryPacked.decode(&badBlock, limit: 4) }
        var short = ByteCursor(packed, 0..<12)
        #expect(throws: DecodeError.self) { try DeltaBinaryPacked.decode(&short, limit: 8) }
    }

    @Test func deltaLengthAndDeltaByteArrays() throws {
        // Lengths 5, 5 (first 5, min delta 0), then "HelloWorld".
        let lengths: [UInt8] = [0x80, 0x01, 0x04, 0x02, 0x0a, 0x00, 0, 0, 0, 0]
        let dlba = lengths + Array("HelloWorld".utf8)
        var c = ByteCursor(dlba, 0..<dlba.count)
        #expect(try DeltaByteArrays.decodeLengths(&c, count: 2) == StringArray(["Hello", "World"]))
        var short = ByteCursor(dlba, 0..<(dlba.count - 1))
        #expect(throws: DecodeError.self) { try DeltaByteArrays.decodeLengths(&short, count: 2) }
        // "axis", "axle", "babble": prefixes 0, 2, 0; suffixes "axis", "le", "babble".
        // Deltas 2, -2, min delta -2, width 3: stored 4, 0 (a miniblock of 32 values is 12 bytes).
        let prefixes: [UInt8] = [0x80, 0x01, 0x04, 0x03, 0x00, 0x03, 0x03, 0, 0, 0, 0b0000_0100] + [UInt8](repeating: 0, count: 11)
        // suffix lengths 4, 2, 6: first 4, deltas -2, 4, min delta -2, width 3: stored 0, 6.
        let suffixLengths: [UInt8] = [0x80, 0x01, 0x04, 0x03, 0x08, 0x03, 0x03, 0, 0, 0, 0b0011_0000, 0] + [UInt8](repeating: 0, count: 10)
        let dba = prefixes + suffixLengths + Array("axislebabble".utf8)
        var d = ByteCursor(dba, 0..<dba.count)
        #expect(try DeltaByteArrays.decode(&d, count: 3) == StringArray(["axis", "axle", "babble"]))
        // A prefix longer than the value before it.
        let badPrefixes: [UInt8] = [0x80, 0x01, 0x04, 0x01, 0x0a, 0x00, 0, 0, 0, 0]
        let bad = badPrefixes + [0x80, 0x01, 0x04, 0x01, 0x02, 0x00, 0, 0, 0, 0] + Array("a".utf8)
        var b = ByteCursor(bad, 0..<bad.count)
        #expect(throws: DecodeError.self) { try DeltaByteArrays.decode(&b, count: 1) }
    }

    @Test func byteStreamSplit() throws {
        // Two floats 1.0 (0x3f800000) and -2.0 (0xc0000000), streams of byte 0, 1, 2, 3.
        let bytes: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x3f, 0xc0]
        #expect(try ByteStreamSplit.decode(bytes, 0..<8, type: .float, typeLength: 0, count: 2) == .float([1.0, -2.0]))
        #expect(throws: DecodeError.self) { try ByteStreamSplit.decode(bytes, 0..<7, type: .float, typeLength: 0, count: 2) }
    }

    @Test func corruptCompressedPagesAreErrors() {
        let garbage: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        for codec in [CompressionCodec.snappy, .zstd, .gzip, .lz4Raw] {
            #expect(throws: DecodeError.self) { try PageDecompressor.decompress(garbage, 0..<8, codec: codec, size: 100) }
        }
        #expect(throws: DecodeError.self) { try PageDecompressor.decompress(garbage, 0..<8, codec: .brotli, size: 8) }
    }

    @Test func bigEndianDecimals() throws {
        #expect(try ParquetColumn.bigEndianInteger([0x01, 0x00]) == 256)
        #expect(try ParquetColumn.bigEndianInteger([0xff, 0xfe]) == -2)
        #expect(try ParquetColumn.bigEndianInteger(ArraySlice([UInt8](repeating: 0xff, count: 20))) == -1)
        #expect(throws: DecodeError.self) { try ParquetColumn.bigEndianInteger(ArraySlice([0x01] + [UInt8](repeating: 0, count: 16))) }
    }
}
