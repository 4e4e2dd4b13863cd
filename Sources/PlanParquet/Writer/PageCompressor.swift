import CParquetCompression
import PlanCore

/// A page's bytes compressed with the column chunk's codec through Debian's libraries
/// (`CParquetCompression`): the inverse of ``PageDecompressor``.
enum PageCompressor {
    static func compress(_ bytes: [UInt8], codec: CompressionCodec) throws(PlanError) -> [UInt8] {
        if codec == .uncompressed { return bytes }
        let bound = ps_compress_bound(codec.rawValue, bytes.count)
        guard bound > 0 else { throw PlanError(.execution, "cannot compress a Parquet page of \(bytes.count) bytes with \(codec)") }
        var out = [UInt8](repeating: 0, count: bound)
        let n = bytes.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                ps_compress(codec.rawValue, input.baseAddress, input.count, output.baseAddress, output.count)
            }
        }
        guard n >= 0, n <= bound else { throw PlanError(.execution, "\(codec) failed to compress a Parquet page of \(bytes.count) bytes") }
        out.removeLast(bound - n)
        return out
    }
}
