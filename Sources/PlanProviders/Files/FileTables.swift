import Foundation
import PlanCore
import PlanExec
import PlanSupport

/// The one place file tables are made: for `CREATE EXTERNAL TABLE`, pipeline inputs,
/// `FROM 'file'`, `read_csv`/`read_json` and `COPY … FROM`, through the table factory
/// registered for the format.
public enum FileTables {
    /// The factories a session starts with.
    public static let builtInFactories: [any TableFactory] = [CSVTableFactory(), JSONLinesTableFactory(), ParquetTableFactory()]

    /// The table for files of `format` at `location` (a file, a glob, or a hive-partitioned
    /// directory with `partitionedBy`). `zone_maps 'on'` (and `chunk_rows 'N'`) wrap the
    /// table in per-chunk min/max statistics.
    public static func open(format: String, location: String, schema: Schema?, options: [String: String],
                            partitionedBy: [String], factories: [any TableFactory]) throws -> any TableProvider {
        var options = options
        let zoneMaps = options.removeValue(forKey: "zone_maps")
        let chunkRowsText = options.removeValue(forKey: "chunk_rows")
        let name = format.lowercased()
        guard let factory = factories.first(where: { $0.format == name || $0.aliases.contains(name) }) else {
            throw PlanError(.unsupported, "file format '\(format)' is not supported (supported: \(factories.map(\.format).sorted().joined(separator: ", ")))")
        }
        func one(_ path: String) throws -> any TableProvider {
            // The file's own format (by its extension, else its first bytes): one no factory
            // reads is refused rather than read as the format asked for; a binary format
            // (one with magic bytes) is read by its own factory, never as text.
            let detected = FileFormats.detect(path)
            guard let own = factories.first(where: { $0.format == detected.name || $0.aliases.contains(detected.name) }) else {
                throw PlanError(.unsupported, "cannot read '\(path)': \(detected.title) files are not supported yet")
            }
            return try (detected.magic.isEmpty ? factory : own).open(path: path, schema: schema, options: options)
        }
        var table: any TableProvider
        let extensions = FileFormats.known.first { $0.name == factory.format }?.extensions ?? [factory.format]
        if !partitionedBy.isEmpty {
            let options = options
            table = try PartitionedTable(root: location, schema: schema, partitionedBy: partitionedBy, format: factory.format,
                                         extensions: extensions) { path, schema in
                try factory.open(path: path, schema: schema, options: options)
            }
        } else if location.contains("*") || location.contains("?") {
            let files = FileGlob.matches(location, entries: FileListing.entries(of:))
            table = try FileSetTable(parts: try files.map(one), pattern: location, paths: files)
        } else if let files = directoryFiles(location, extensions: extensions) {
            // A folder: every file of the format under it, in path order.
            guard !files.isEmpty else {
                throw PlanError(.io, "cannot read '\(location)': a folder with no .\(extensions.joined(separator: "/.")) files")
            }
            table = files.count == 1 ? try one(files[0]) : try FileSetTable(parts: try files.map(one), pattern: location + "/*." + (extensions.first ?? ""), paths: files)
        } else {
            table = try one(location)
        }
        switch zoneMaps?.lowercased() {
        case nil, "off", "false": break
        case "on", "true":
            guard let rows = Int(chunkRowsText ?? "4096"), rows > 0 else {
                throw PlanError(.config, "chunk_rows must be a positive integer, got '\(chunkRowsText ?? "")'")
            }
            table = try ZoneMapTable(wrapping: table, chunkRows: rows)
        case let other?:
            throw PlanError(.config, "zone_maps must be on or off, got '\(other)'")
        }
        return table
    }

    /// The files named with one of `extensions` under the folder `path`, sorted (nil when
    /// `path` is not a folder).
    static func directoryFiles(_ path: String, extensions: [String]) -> [String]? {
        FileListing.files(under: path)?.filter { relative in
            let name = PathText.lastComponent(relative)
            return !name.hasPrefix(".") && extensions.contains(where: { name.lowercased().hasSuffix("." + $0) })
        }.map { (path as NSString).appendingPathComponent($0) }
    }
}
