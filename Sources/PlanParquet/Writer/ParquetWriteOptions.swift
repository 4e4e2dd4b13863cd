import PlanCore

/// How a Parquet file is written: the codec, rows per row group, and the limits of a data
/// page (bytes of values before compression, and rows: small pages let page indexes
/// prune finely) and of a string column's dictionary.
public struct ParquetWriteOptions: Sendable, Equatable {
    public var codec: CompressionCodec
    public var rowGroupSize: Int
    public var pageSize: Int
    public var pageRowLimit: Int
    /// A string column chunk is dictionary-coded when its distinct values take at most
    /// this many bytes and are at most half its values; PLAIN otherwise.
    public var dictionaryPageSize: Int

    /// DuckDB's defaults: Snappy, 122,880 rows a row group; pages of at most 1 MiB and
    /// 20,000 rows (arrow-rs's page row limit).
    public init(codec: CompressionCodec = .snappy, rowGroupSize: Int = 122_880, pageSize: Int = 1 << 20,
                pageRowLimit: Int = 20_000, dictionaryPageSize: Int = 1 << 20) {
        self.codec = codec
        // Counts the format stores as i32 stay within it.
        self.rowGroupSize = min(max(1, rowGroupSize), Int(Int32.max))
        self.pageSize = min(max(1, pageSize), 1 << 30)
        self.pageRowLimit = min(max(1, pageRowLimit), Int(Int32.max))
        self.dictionaryPageSize = dictionaryPageSize
    }

    /// The options `COPY … TO` gives (FORMAT parquet, COMPRESSION, ROW_GROUP_SIZE).
    public init(_ copy: CopyOptions) {
        let codec: CompressionCodec
        switch copy.compression {
        case .snappy: codec = .snappy
        case .zstd: codec = .zstd
        case .gzip: codec = .gzip
        case .lz4Raw: codec = .lz4Raw
        case .uncompressed: codec = .uncompressed
        }
        self.init(codec: codec, rowGroupSize: copy.rowGroupSize)
    }
}
