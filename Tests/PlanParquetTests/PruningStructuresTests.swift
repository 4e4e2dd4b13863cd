@testable import PlanParquet
import PlanCore
import PlanExec
import Testing

/// The pieces Parquet pruning stands on: xxHash64 against published values, the split-block
/// bloom filter's bit choice, row selections, and statistics read as values (or not read
/// when their order may differ from the column's).
@Suite struct PruningStructuresTests {
    @Test func xxHash64MatchesPublishedValues() {
        #expect(XXHash64.hash([UInt8]()) == 0xef46_db37_51d8_e999)
        #expect(XXHash64.hash(Array("abc".utf8)) == 0x44bc_2cf5_ad77_0999)
        // 39 bytes: the 32-byte stripes, then 8-, 4- and 1-byte lanes.
        #expect(XXHash64.hash(Array("Nobody inspects the spammish repetition".utf8)) == 0xfbce_a83c_8a37_8bf1)
    }

    /// Sets the eight bits a hash selects, as a writer does (the format's algorithm).
    static func insert(_ hash: UInt64, into words: inout [UInt32]) {
        let block = Int(((hash >> 32) &* UInt64(words.count / 8)) >> 32)
        let key = UInt32(truncatingIfNeeded: hash)
        for k in 0..<8 { words[block * 8 + k] |= 1 << ((key &* SplitBlockBloomFilter.salt[k]) >> 27) }
    }

    @Test func bloomFilterFindsWhatWasInsertedAndRulesOutMost() throws {
        var words = [UInt32](repeating: 0, count: 8 * 64)
        for i in 0..<100 { Self.insert(XXHash64.hash(Array("v\(i)".utf8)), into: &words) }
        let bytes = words.flatMap { w in (0..<4).map { UInt8(truncatingIfNeeded: w >> (8 * $0)) } }
        let filter = try #require(SplitBlockBloomFilter(bitset: bytes[...]))
        for i in 0..<100 { #expect(filter.mayContain(Array("v\(i)".utf8))) }
        let falsePositives = (100..<1100).filter { filter.mayContain(Array("v\($0)".utf8)) }.count
        #expect(falsePositives < 50)
        #expect(SplitBlockBloomFilter(bitset: bytes[0..<33]) == nil)
    }

    @Test func rowSelectionsMergeAndIntersect() {
        let a = RowSelection([10..<20, 0..<5, 4..<8, 30..<30])
        #expect(a.ranges == [0..<8, 10..<20])
        #expect(a.count == 18)
        #expect(a.intersection(RowSelection([6..<12, 19..<40])).ranges == [6..<8, 10..<12, 19..<20])
        #expect(a.intersection(RowSelection([8..<10])).isEmpty)
        #expect(a.overlaps(7..<9) && !a.overlaps(8..<10))
    }

    static func column(_ e: SchemaElement) -> ParquetColumn { ParquetColumn.flat(e, leaf: 0) }

    static func element(_ type: PhysicalType, logical: SchemaElement.LogicalType? = nil, converted: Int32? = nil) -> SchemaElement {
        var e = SchemaElement()
        e.name = "c"
        e.type = type
        e.logicalType = logical
        e.convertedType = converted
        return e
    }

    @Test func statisticsBecomeValuesOfTheColumnsType() {
        let u32 = Self.column(Self.element(.int32, logical: .integer(bitWidth: 32, signed: false)))
        // Unsigned: 0xffffffff is 4294967295, not -1.
        #expect(u32.statisticsValue([0xff, 0xff, 0xff, 0xff]) == .int64(4_294_967_295))
        var legacy = ColumnStatistics()
        legacy.legacyMin = [0, 0, 0, 0x80]
        legacy.legacyMax = [0xff, 0xff, 0xff, 0x7f]
        // The deprecated signed-order min/max are not used for unsigned columns…
        #expect(u32.bounds(legacy).min == nil)
        // …but are for signed ones.
        let i32 = Self.column(Self.element(.int32))
        #expect(i32.bounds(legacy).min == .int32(Int32.min) && i32.bounds(legacy).max == .int32(Int32.max))
        let text = Self.column(Self.element(.byteArray, logical: .string))
        #expect(text.statisticsValue(Array("ab".utf8)) == .string("ab"))
        // A maximum cut inside a character is not judged.
        #expect(text.statisticsValue([0x61, 0xc3]) == nil)
        var strings = ColumnStatistics()
        strings.legacyMin = Array("a".utf8)
        #expect(text.bounds(strings).min == nil)
        // A float's maximum is unknown (NaN sorts above it); NaN minimums are not used.
        let f64 = Self.column(Self.element(.double))
        var floats = ColumnStatistics()
        floats.minValue = withUnsafeBytes(of: Double.nan.bitPattern.littleEndian) { Array($0) }
        floats.maxValue = withUnsafeBytes(of: (2.5).bitPattern.littleEndian) { Array($0) }
        #expect(f64.bounds(floats).min == nil && f64.bounds(floats).max == nil)
        // A decimal in fixed-length bytes: big-endian two's complement.
        var e = Self.element(.fixedLenByteArray, logical: .decimal(scale: 2, precision: 10))
        e.typeLength = 5
        let dec = Self.column(e)
        #expect(dec.statisticsValue([0xff, 0xff, 0xff, 0xff, 0x85]) == .decimal(-123, precision: 10, scale: 2))
        #expect(dec.bloomBytes(.decimal(-123, precision: 10, scale: 2)) == [0xff, 0xff, 0xff, 0xff, 0x85])
    }

    @Test func bloomBytesOnlyForValuesTheColumnHoldsExactly() {
        let i32 = Self.column(Self.element(.int32))
        #expect(i32.bloomBytes(.int64(7)) == [7, 0, 0, 0])
        #expect(i32.bloomBytes(.int64(1 << 40)) == nil)
        #expect(i32.bloomBytes(.float64(2.5)) == nil)
        let f64 = Self.column(Self.element(.double))
        #expect(f64.bloomBytes(.float64(0)) == nil)  // +0 and -0 hash differently
        let text = Self.column(Self.element(.byteArray, logical: .string))
        #expect(text.bloomBytes(.string("é")) == [0xc3, 0xa9])
    }
}
