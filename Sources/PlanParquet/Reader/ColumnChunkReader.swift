import PlanExec

/// Decodes one column chunk — its dictionary page and data pages (v1 and v2) — into a
/// column of the row group's rows. The chunk's bytes are read by the caller; positions in
/// errors are made file offsets with `base`.
struct ColumnChunkReader {
    let column: ParquetColumn
    let meta: ColumnMetaData
    /// The chunk's bytes, from its first page.
    let bytes: [UInt8]
    /// The file offset of `bytes[0]`.
    let base: Int

    /// Most values one page may claim (a corrupt count must not size a buffer).
    static let maxPageValues = 1 << 26

    /// The chunk's `rows` rows.
    func read(rows: Int) throws(DecodeError) -> ColumnVector {
        var builder = PhysicalValuesBuilder(meta.type, capacity: min(rows, 1 << 20))
        var defined: [Bool]? = column.maxDefinitionLevel > 0 ? [] : nil
        defined?.reserveCapacity(min(rows, 1 << 20))
        var dictionary: PhysicalValues?
        var levels = 0
        var position = 0
        while levels < rows, position < bytes.count {
            let pageStart = position
            do throws(DecodeError) {
                let (header, dataStart) = try PageHeader.decode(bytes, at: position)
                let size = Int(header.compressedSize)
                guard size <= bytes.count - dataStart else {
                    throw DecodeError("a page of \(size) bytes runs past the column chunk's end", at: dataStart)
                }
                let page = dataStart..<(dataStart + size)  // safe: size ≤ bytes.count − dataStart
                position = page.upperBound
                switch header.type {
                case .dictionaryPage:
                    guard let d = header.dictionaryPage else { throw DecodeError("a dictionary page without its header", at: pageStart) }
                    guard d.encoding == .plain || d.encoding == .plainDictionary else {
                        throw DecodeError("a dictionary page in encoding \(d.encoding)", at: pageStart)
                    }
                    guard Int(d.numValues) <= Self.maxPageValues else { throw DecodeError("a dictionary page of \(d.numValues) values", at: pageStart) }
                    let data = try PageDecompressor.decompress(bytes, page, codec: meta.codec, size: Int(header.uncompressedSize))
                    dictionary = try PlainDecoder.decode(data, 0..<data.count, type: meta.type, typeLength: column.typeLength,
                                                         count: Int(d.numValues)).0
                case .dataPage:
                    guard let h = header.dataPage else { throw DecodeError("a data page without its header", at: pageStart) }
                    let n = Int(h.numValues)
                    guard n <= Self.maxPageValues, n <= rows - levels else { throw DecodeError("a data page of \(n) values where \(rows - levels) rows remain", at: pageStart) }
                    let data = try PageDecompressor.decompress(bytes, page, codec: meta.codec, size: Int(header.uncompressedSize))
                    var valuesStart = 0
                    var nonNull = n
                    if column.maxDefinitionLevel > 0 {
                        let (defs, used) = try definitionLevelsV1(data, encoding: h.definitionLevelEncoding, count: n)
                        valuesStart = used
                        nonNull = try append(defs, to: &defined)
                    }
                    try decodeValues(data, valuesStart..<data.count, encoding: h.encoding, count: nonNull, dictionary: dictionary, into: &builder)
                    levels += n
                case .dataPageV2:
                    guard let h = header.dataPageV2 else { throw DecodeError("a data page (v2) without its header", at: pageStart) }
                    let n = Int(h.numValues)
                    guard n <= Self.maxPageValues, n <= rows - levels else { throw DecodeError("a data page of \(n) values where \(rows - levels) rows remain", at: pageStart) }
                    let repLength = Int(h.repetitionLevelsByteLength), defLength = Int(h.definitionLevelsByteLength)
                    guard repLength <= size, defLength <= size - repLength else { throw DecodeError("a data page's levels are longer than the page", at: pageStart) }
                    let levelsEnd = page.lowerBound + repLength + defLength  // safe: ≤ page.upperBound
                    var nonNull = n
                    if column.maxDefinitionLevel > 0 {
                        let defs = try RLEHybrid.decode(bytes, (page.lowerBound + repLength)..<levelsEnd, width: 1, count: n)
                        nonNull = try append(defs, to: &defined)
                    } else if h.numNulls > 0 {
                        throw DecodeError("a required column's page has \(h.numNulls) NULLs", at: pageStart)
                    }
                    let valueBytes = levelsEnd..<page.upperBound
                    let uncompressed = Int(header.uncompressedSize) - repLength - defLength  // safe: i32 values
                    let data = h.isCompressed
                        ? try PageDecompressor.decompress(bytes, valueBytes, codec: meta.codec, size: uncompressed)
                        : Array(bytes[valueBytes])
                    try decodeValues(data, 0..<data.count, encoding: h.encoding, count: nonNull, dictionary: dictionary, into: &builder)
                    levels += n
                default:
                    break  // index pages: nothing planscope reads
                }
            } catch {
                throw DecodeError(error.message, at: base + pageStart)
            }
        }
        guard levels == rows else {
            throw DecodeError("the column chunk holds \(levels) values, the row group \(rows) rows", at: base + position)
        }
        do throws(DecodeError) {
            return try column.makeVector(builder.values, defined: defined, rows: rows)
        } catch {
            throw DecodeError(error.message, at: base)
        }
    }

    /// Appends definition levels (0 or 1) as defined flags; returns how many are defined.
    func append(_ defs: [UInt32], to defined: inout [Bool]?) throws(DecodeError) -> Int {
        var count = 0
        for d in defs {
            guard d <= 1 else { throw DecodeError("a definition level \(d) in a flat column", at: 0) }
            count += Int(d)
            defined?.append(d == 1)
        }
        return count
    }

    /// A v1 page's definition levels (RLE with a 4-byte length, or the old BIT_PACKED) and
    /// the bytes they take.
    func definitionLevelsV1(_ data: [UInt8], encoding: Encoding, count: Int) throws(DecodeError) -> ([UInt32], Int) {
        switch encoding {
        case .rle:
            var c = ByteCursor(data, 0..<data.count)
            let length = try c.uint32LE()
            guard length <= UInt32(c.remaining) else { throw c.fail("definition levels of \(length) bytes run past the page") }
            let defs = try RLEHybrid.decode(data, 4..<(4 + Int(length)), width: 1, count: count)
            return (defs, 4 + Int(length))
        case .bitPacked:
            return try RLEHybrid.decodeBitPackedMSB(data, 0..<data.count, width: 1, count: count)
        default:
            throw DecodeError("definition levels in encoding \(encoding)", at: 0)
        }
    }

    /// `count` values in `encoding` from `range`, appended to `builder`.
    func decodeValues(_ data: [UInt8], _ range: Range<Int>, encoding: Encoding, count: Int, dictionary: PhysicalValues?,
                      into builder: inout PhysicalValuesBuilder) throws(DecodeError) {
        let type = meta.type
        switch encoding {
        case .plain:
            try builder.append(try PlainDecoder.decode(data, range, type: type, typeLength: column.typeLength, count: count).0)
        case .plainDictionary, .rleDictionary:
            guard count > 0 else { return }
            guard let dictionary else { throw DecodeError("a dictionary-coded page without a dictionary page", at: range.lowerBound) }
            var c = ByteCursor(data, range)
            let width = Int(try c.byte())
            let raw = try RLEHybrid.decode(data, c.position..<range.upperBound, width: width, count: count)
            var indices = [Int32]()
            indices.reserveCapacity(raw.count)
            let size = dictionary.count
            for i in raw {
                guard i < size else { throw DecodeError("dictionary index \(i) is past the dictionary's \(size) entries", at: range.lowerBound) }
                indices.append(Int32(i))
            }
            try builder.append(dictionary: dictionary, indices: indices)
        case .rle:
            guard type == .boolean else { throw DecodeError("RLE values of type \(type)", at: range.lowerBound) }
            var c = ByteCursor(data, range)
            let length = try c.uint32LE()
            guard length <= UInt32(c.remaining) else { throw c.fail("RLE booleans of \(length) bytes run past the page") }
            let bits = try RLEHybrid.decode(data, c.position..<(c.position + Int(length)), width: 1, count: count)
            try builder.append(.boolean(bits.map { $0 == 1 }))
        case .deltaBinaryPacked:
            var c = ByteCursor(data, range)
            let values = try DeltaBinaryPacked.decode(&c, limit: count)
            guard values.count == count else { throw c.fail("\(values.count) delta-coded values where the page holds \(count)") }
            switch type {
            case .int32: try builder.append(.int32(values.map { Int32(truncatingIfNeeded: $0) }))
            case .int64: try builder.append(.int64(values))
            default: throw DecodeError("DELTA_BINARY_PACKED values of type \(type)", at: range.lowerBound)
            }
        case .deltaLengthByteArray:
            guard type == .byteArray else { throw DecodeError("DELTA_LENGTH_BYTE_ARRAY values of type \(type)", at: range.lowerBound) }
            var c = ByteCursor(data, range)
            try builder.append(.bytes(try DeltaByteArrays.decodeLengths(&c, count: count)))
        case .deltaByteArray:
            guard type == .byteArray || type == .fixedLenByteArray else { throw DecodeError("DELTA_BYTE_ARRAY values of type \(type)", at: range.lowerBound) }
            var c = ByteCursor(data, range)
            try builder.append(.bytes(try DeltaByteArrays.decode(&c, count: count)))
        case .byteStreamSplit:
            try builder.append(try ByteStreamSplit.decode(data, range, type: type, typeLength: column.typeLength, count: count))
        default:
            throw DecodeError("encoding \(encoding) is not supported", at: range.lowerBound)
        }
    }
}
