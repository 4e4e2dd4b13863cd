import Foundation
import PlanCore
import PlanSupport

/// How many records a CSV file holds, as the planner sees it: counted exactly in a file of
/// up to ``sampleBytes`` bytes; in a larger one, the records in its first ``sampleBytes``
/// scaled by the file's size (an estimate). Counted once per file version: the count is
/// kept with the file's size and modification time, and a changed file is counted again.
final class CSVRowCount: Sendable {
    struct Count: Sendable, Equatable {
        let rows: Int
        let exact: Bool
    }

    /// The bytes read to count: a file up to this size is counted exactly.
    static let sampleBytes = 1 << 20

    private struct Version: Equatable {
        let size: Int
        let modified: Int
    }

    let path: String
    let delimiter: UInt8
    let hasHeader: Bool
    private let cached = Locked<(Version, Count?)?>(nil)

    init(path: String, delimiter: UInt8, hasHeader: Bool) {
        self.path = path
        self.delimiter = delimiter
        self.hasHeader = hasHeader
    }

    /// The count, or nil when the file cannot be read (the scan then says why).
    var count: Count? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let version = Version(size: Int(info.st_size), modified: Int(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(info.st_mtim.tv_nsec))
        if let seen = cached.withLock({ $0 }), seen.0 == version { return seen.1 }
        let count = try? measure(size: version.size)
        cached.withLock { $0 = (version, count) }
        return count
    }

    private func measure(size: Int) throws -> Count {
        let reader = try CSVReader(path: path, delimiter: delimiter, readSize: 1 << 16)
        var fields: [CSVReader.FieldRef] = []
        if hasHeader { _ = try reader.next(into: &fields) }
        let start = reader.fileOffset
        var rows = 0
        while reader.fileOffset < Self.sampleBytes {
            guard try reader.next(into: &fields) else { return Count(rows: rows, exact: true) }
            rows += 1
        }
        let sampled = max(1, reader.fileOffset - start)
        return Count(rows: Int((Double(rows) * Double(max(0, size - start)) / Double(sampled)).rounded()), exact: false)
    }
}
