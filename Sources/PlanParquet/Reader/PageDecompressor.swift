import CParquetCompression

/// A page's bytes uncompressed with its column chunk's codec, through Debian's libraries
/// (`CParquetCompression`): Snappy, ZSTD, GZIP and LZ4_RAW. The output must be exactly the
/// size the page header gives.
enum PageDecompressor {
    static func decompress(_ bytes: [UInt8], _ range: Range<Int>, codec: CompressionCodec, size: Int) throws(DecodeError) -> [UInt8] {
        if codec == .uncompressed {
            guard range.count == size else { throw DecodeError("an uncompressed page of \(range.count) bytes says it has \(size)", at: range.lowerBound) }
            return Array(bytes[range])
        }
        guard size >= 0, size <= 1 << 30 else { throw DecodeError("a page of \(size) bytes uncompressed", at: range.lowerBound) }
        if size == 0 { return [] }
        let function: (UnsafePointer<UInt8>?, Int, UnsafeMutablePointer<UInt8>?, Int) -> Int32
        switch codec {
        case .snappy: function = ps_snappy_decompress
        case .zstd: function = ps_zstd_decompress
        case .gzip: function = ps_gzip_decompress
        case .lz4Raw: function = ps_lz4_raw_decompress
        default:
            throw DecodeError("compression \(codec) is not supported (supported: SNAPPY, ZSTD, GZIP, LZ4_RAW, none)", at: range.lowerBound)
        }
        var out = [UInt8](repeating: 0, count: size)
        let rc = bytes.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                function(input.baseAddress.map { $0 + range.lowerBound }, range.count, output.baseAddress, size)
            }
        }
        guard rc == 0 else {
            throw DecodeError(rc == -2 ? "a \(codec) page does not uncompress to the \(size) bytes its header gives"
                                       : "a \(codec) page is corrupt", at: range.lowerBound)
        }
        return out
    }
}
