import Foundation
import PlanCore
import PlanExec

/// A JSON lines file (one object per line) as a table. The file is read when the table is
/// created; columns are the keys in the order first seen, typed from every line's values
/// (all integers: BIGINT; numbers: DOUBLE; booleans: BOOLEAN; anything else TEXT, nested
/// arrays and objects as their JSON text). A key missing from a line is NULL there. Filters
/// are applied by the table (Exact), as for memory tables.
public final class JSONLinesTable: TableProvider {
    public let schema: Schema
    public var kind: String { "jsonl" }
    public let path: String
    /// Every key of the file's objects, in the order first seen.
    public let keys: [String]
    let rows: MemoryTable

    public var estimatedRowCount: Int? { rows.estimatedRowCount }
    public var rowCountIsExact: Bool { true }

    public init(path: String, schema declared: Schema? = nil) throws {
        self.path = path
        let data: Data
        do { data = try TextFile.data(path) } catch { throw PlanError(.io, error.description) }
        var text = String(decoding: data, as: UTF8.self)
        if text.unicodeScalars.first == "\u{feff}" { text.unicodeScalars.removeFirst() }  // a byte order mark
        var objects: [[(String, JSONValue)]] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let value: JSONValue
            do { value = try JSONValue.parse(trimmed) } catch {
                throw PlanError(.io, "\(path) line \(i + 1): \(error.message) (column \(error.column))")
            }
            guard let fields = value.objectValue else {
                throw PlanError(.io, "\(path) line \(i + 1): expected a JSON object, got \(value.kindName)")
            }
            objects.append(fields)
        }
        let inferred = JSONLinesTable.infer(objects)
        let keys = inferred.names
        self.keys = keys
        let schema = declared ?? inferred
        self.schema = schema
        // A declared column reads the key of its name, else one differing only in case.
        let keyOf = schema.fields.map { f in keys.contains(f.name) ? f.name : keys.first { $0.lowercased() == f.name.lowercased() } ?? f.name }
        var builders = schema.fields.map { ColumnBuilder($0.dataType, capacity: objects.count) }
        for (r, fields) in objects.enumerated() {
            for (c, field) in schema.fields.enumerated() {
                guard let v = fields.last(where: { $0.0 == keyOf[c] })?.1, !v.isNull else { builders[c].appendNull(); continue }
                do { builders[c].append(try ScalarOps.cast(v.scalar, to: field.dataType)) } catch {
                    throw PlanError(.io, "\(path) line \(r + 1), key '\(field.name)': \(error.message)")
                }
            }
        }
        let batch = RecordBatch(schema: schema, columns: builders.map { $0.finish() }, rowCount: objects.count)
        rows = MemoryTable(schema: schema, batches: [batch])
    }

    /// Column types from the values every line holds.
    static func infer(_ objects: [[(String, JSONValue)]]) -> Schema {
        var order: [String] = []
        var kinds: [String: Set<String>] = [:]
        for fields in objects {
            for (k, v) in fields {
                if kinds[k] == nil { order.append(k); kinds[k] = [] }
                switch v {
                case .null: break
                case .int: kinds[k]?.insert("int")
                case .double, .number: kinds[k]?.insert("float")
                case .bool: kinds[k]?.insert("bool")
                default: kinds[k]?.insert("text")
                }
            }
        }
        return Schema(order.map { name in
            let seen = kinds[name] ?? []
            let type: DataType
            if seen == ["int"] { type = .int64 }
            else if !seen.isEmpty, seen.isSubset(of: ["int", "float"]) { type = .float64 }
            else if seen == ["bool"] { type = .boolean }
            else { type = .text }
            return Field(name: name, dataType: type, nullable: true)
        })
    }

    public func supportsFiltersPushdown(_ filters: [Expr]) -> [FilterPushdown] { rows.supportsFiltersPushdown(filters) }

    public func scan(projection: [Int]?, filters: [Expr], limit: Int?) throws -> any BatchStream {
        try rows.scan(projection: projection, filters: filters, limit: limit)
    }

    public func scan(projection: [Int]?, filters: [Expr], limit: Int?, statistics: ScanStatistics) throws -> any BatchStream {
        try rows.scan(projection: projection, filters: filters, limit: limit, statistics: statistics)
    }
}
