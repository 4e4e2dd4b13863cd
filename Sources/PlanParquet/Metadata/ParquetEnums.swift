/// Parquet's enums as the footer stores them (i32 values). Each is a raw value rather than a
/// Swift enum, so a value written by a newer writer reads back and is refused only where
/// it is used, with its number named.

/// A column's physical (storage) type.
public struct PhysicalType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let boolean = Self(rawValue: 0), int32 = Self(rawValue: 1), int64 = Self(rawValue: 2)
    public static let int96 = Self(rawValue: 3), float = Self(rawValue: 4), double = Self(rawValue: 5)
    public static let byteArray = Self(rawValue: 6), fixedLenByteArray = Self(rawValue: 7)
    static let names = ["BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"]
    public var description: String { Self.names.indices.contains(Int(rawValue)) ? Self.names[Int(rawValue)] : "type \(rawValue)" }
}

/// How a page's values (or levels) are encoded.
public struct Encoding: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let plain = Self(rawValue: 0), plainDictionary = Self(rawValue: 2), rle = Self(rawValue: 3)
    public static let bitPacked = Self(rawValue: 4), deltaBinaryPacked = Self(rawValue: 5)
    public static let deltaLengthByteArray = Self(rawValue: 6), deltaByteArray = Self(rawValue: 7)
    public static let rleDictionary = Self(rawValue: 8), byteStreamSplit = Self(rawValue: 9)
    public var description: String {
        switch self {
        case .plain: "PLAIN"
        case .plainDictionary: "PLAIN_DICTIONARY"
        case .rle: "RLE"
        case .bitPacked: "BIT_PACKED"
        case .deltaBinaryPacked: "DELTA_BINARY_PACKED"
        case .deltaLengthByteArray: "DELTA_LENGTH_BYTE_ARRAY"
        case .deltaByteArray: "DELTA_BYTE_ARRAY"
        case .rleDictionary: "RLE_DICTIONARY"
        case .byteStreamSplit: "BYTE_STREAM_SPLIT"
        default: "encoding \(rawValue)"
        }
    }
}

/// How a column chunk's pages are compressed.
public struct CompressionCodec: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let uncompressed = Self(rawValue: 0), snappy = Self(rawValue: 1), gzip = Self(rawValue: 2)
    public static let lzo = Self(rawValue: 3), brotli = Self(rawValue: 4), lz4 = Self(rawValue: 5)
    public static let zstd = Self(rawValue: 6), lz4Raw = Self(rawValue: 7)
    public var description: String {
        switch self {
        case .uncompressed: "UNCOMPRESSED"
        case .snappy: "SNAPPY"
        case .gzip: "GZIP"
        case .lzo: "LZO"
        case .brotli: "BROTLI"
        case .lz4: "LZ4 (legacy)"
        case .zstd: "ZSTD"
        case .lz4Raw: "LZ4_RAW"
        default: "codec \(rawValue)"
        }
    }
}

/// A page's kind.
public struct PageType: RawRepresentable, Hashable, Sendable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let dataPage = Self(rawValue: 0), indexPage = Self(rawValue: 1)
    public static let dictionaryPage = Self(rawValue: 2), dataPageV2 = Self(rawValue: 3)
}

/// A schema element's repetition.
public enum Repetition: Int32, Sendable {
    case required = 0, optional = 1, repeated = 2
}
