import PlanCore
import PlanExec

/// The key values a table's UNIQUE / PRIMARY KEY constraints have seen, to refuse a row
/// that repeats one. Keys with a NULL never clash (SQL's rule).
struct UniqueKeyIndex {
    let keys: [UniqueKey]
    let schema: Schema
    private var seen: [Set<[ScalarValue]>]

    init(keys: [UniqueKey], schema: Schema) {
        self.keys = keys
        self.schema = schema
        seen = keys.map { _ in [] }
    }

    /// Adds the rows' keys; throws at the first key already present (the index is then
    /// partly updated: callers work on a copy).
    mutating func insert(_ batches: [RecordBatch]) throws {
        guard !keys.isEmpty else { return }
        for batch in batches {
            for (k, key) in keys.enumerated() {
                let columns = key.columns.map { batch.columns[$0] }
                for row in 0..<batch.rowCount {
                    let values = columns.map { $0.value(row) }
                    if values.contains(where: \.isNull) { continue }
                    if !seen[k].insert(values).inserted {
                        let names = key.columns.map { schema.fields[$0].name }.joined(separator: ", ")
                        let shown = values.map(\.sqlText).joined(separator: ", ")
                        throw PlanError(.execution, "duplicate key value violates \(key.primary ? "PRIMARY KEY" : "UNIQUE") constraint on (\(names)): key (\(names))=(\(shown)) already exists")
                    }
                }
            }
        }
    }
}
