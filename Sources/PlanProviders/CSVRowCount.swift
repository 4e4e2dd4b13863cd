import Foundation
import PlanCore
import PlanSupport

/// How many records a CSV file holds, as the planner sees it: counted exactly in a file of
/// up to ``sampleBytes`` bytes; in a larger one, the records in its first ``sampleBytes``
/// scaled by the file's size (an estimate). Counted once per file version, in the
/// process's statistics cache (``CacheManager/fileStatistics``): a changed file is
/// counted again.
struct CSVRowCount: Sendable {
    /// The bytes read to count: a file up to this size is counted exactly.
    static let sampleBytes = 1 << 20

    let path: String
    let delimiter: UInt8
    let hasHeader: Bool

    /// The count, or nil when the file cannot be read (the scan then says why).
    var count: RowCount? {
        try? CacheManager.shared.fileStatistics.value(for: path, variant: "csv rows \(delimiter) \(hasHeader)") {
            var info = stat()
            guard stat(path, &info) == 0 else { throw PlanError(.io, "cannot read '\(path)'") }
            return (try measure(size: Int(info.st_size)), bytes: 64)
        }
    }

    private func measure(size: Int) throws -> RowCount {
        let reader = try CSVReader(path: path, delimiter: delimiter, readSize: 1 << 16)
        var fields: [CSVReader.FieldRef] = []
        if hasHeader { _ = try reader.next(into: &fields) }
        let start = reader.fileOffset
        var rows = 0
        while reader.fileOffset < Self.sampleBytes {
            guard try reader.next(into: &fields) else { return RowCount(rows: rows, exact: true) }
            rows += 1
        }
        let sampled = max(1, reader.fileOffset - start)
        return RowCount(rows: Int((Double(rows) * Double(max(0, size - start)) / Double(sampled)).rounded()), exact: false)
    }
}
