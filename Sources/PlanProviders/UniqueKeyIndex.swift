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
                    if !seen[k].insert(values).inserted { throw duplicate(key, values) }
                }
            }
        }
    }

    private func duplicate(_ key: UniqueKey, _ values: [ScalarValue]) -> PlanError {
        let names = key.columns.map { schema.fields[$0].name }.joined(separator: ", ")
        let shown = values.map(\.sqlText).joined(separator: ", ")
        return PlanError(.execution, "duplicate key value violates \(key.primary ? "PRIMARY KEY" : "UNIQUE") constraint on (\(names)): key (\(names))=(\(shown)) already exists")
    }

    /// INSERT … ON CONFLICT DO NOTHING: the rows whose keys are new, their keys added (so a
    /// later row repeating an earlier one's key is skipped too). A row repeating a key of
    /// `conflict.target` (any key when it is empty) is left out; one repeating another key
    /// fails as INSERT does. A target that is no key of the table is PostgreSQL's error.
    mutating func keptRows(_ batches: [RecordBatch], conflict: InsertConflict) throws -> [RecordBatch] {
        if !conflict.target.isEmpty, !keys.contains(where: { Set($0.columns) == Set(conflict.target) }) {
            throw PlanError(.invalidPlan, "there is no unique or exclusion constraint matching the ON CONFLICT specification")
        }
        var out: [RecordBatch] = []
        for batch in batches {
            var kept: [Int] = []
            for row in 0..<batch.rowCount {
                let values = keys.map { key in key.columns.map { batch.columns[$0].value(row) } }
                var skip = false
                for (k, key) in keys.enumerated() where !values[k].contains(where: \.isNull) && seen[k].contains(values[k]) {
                    guard conflict.target.isEmpty || Set(key.columns) == Set(conflict.target) else { throw duplicate(key, values[k]) }
                    skip = true
                }
                if skip { continue }
                for k in keys.indices where !values[k].contains(where: \.isNull) { seen[k].insert(values[k]) }
                kept.append(row)
            }
            out.append(kept.count == batch.rowCount ? batch : batch.gather(kept))
        }
        return out
    }
}
