import PlanCore
import PlanExec

/// The one implementation of DELETE and UPDATE over batches, shared by every provider
/// that rewrites its data (memory tables in place, CSV files by rewriting the file).
enum RowRewrite {
    /// Rows to keep after deleting those matching every filter, and how many went.
    static func delete(_ batches: [RecordBatch], schema: Schema, filters: [Expr]) throws -> ([RecordBatch], Int) {
        let context = PhysicalPlanner.makeContext()
        let predicate = try Expr.conjunction(filters).map { (p: Expr) throws(PlanError) -> PhysicalExpr in
            try PhysicalExpr.compile(p, schema: schema, context: context)
        }
        var kept: [RecordBatch] = []
        var deleted = 0
        var cache = SubqueryCache()
        for b in batches {
            guard let predicate else { deleted += b.rowCount; continue }
            let matching = Set(FilterExec.selection(try predicate.evaluate(b, cache: &cache, reportingAs: "DELETE")))
            deleted += matching.count
            let keep = (0..<b.rowCount).filter { !matching.contains($0) }
            if !keep.isEmpty { kept.append(keep.count == b.rowCount ? b : b.gather(keep)) }
        }
        return (kept, deleted)
    }

    /// Batches with the assignments applied to matching rows, and how many rows changed.
    static func update(_ batches: [RecordBatch], schema: Schema, assignments: [(column: String, value: Expr)],
                       filters: [Expr]) throws -> ([RecordBatch], Int) {
        let context = PhysicalPlanner.makeContext()
        let predicate = try Expr.conjunction(filters).map { (p: Expr) throws(PlanError) -> PhysicalExpr in
            try PhysicalExpr.compile(p, schema: schema, context: context)
        }
        var targets: [(Int, PhysicalExpr)] = []
        for a in assignments {
            guard let i = schema.fields.firstIndex(where: { $0.name == a.column }) else {
                throw PlanError(.unknownName, "unknown column '\(a.column)'")
            }
            targets.append((i, try PhysicalExpr.compile(a.value, schema: schema, context: context)))
        }
        var out: [RecordBatch] = []
        var changed = 0
        var cache = SubqueryCache()
        for b in batches {
            let matching: [Int]
            if let predicate { matching = FilterExec.selection(try predicate.evaluate(b, cache: &cache, reportingAs: "UPDATE")) } else { matching = Array(0..<b.rowCount) }
            if matching.isEmpty { out.append(b); continue }
            changed += matching.count
            let subset = b.gather(matching)
            var columns = b.columns
            for (i, expr) in targets {
                let newValues = try expr.evaluate(subset, cache: &cache, reportingAs: "UPDATE")
                let field = schema.fields[i]
                var builder = ColumnBuilder(field.dataType, capacity: b.rowCount)
                var k = 0
                for r in 0..<b.rowCount {
                    if k < matching.count, matching[k] == r {
                        let v = try ScalarOps.cast(newValues.value(k), to: field.dataType)
                        if v.isNull && !field.nullable {
                            throw PlanError(.execution, "NULL value in column '\(field.name)' violates NOT NULL")
                        }
                        builder.append(v)
                        k += 1
                    } else {
                        builder.append(b.columns[i].value(r))
                    }
                }
                columns[i] = builder.finish()
            }
            out.append(RecordBatch(schema: b.schema, columns: columns, rowCount: b.rowCount))
        }
        return (out, changed)
    }
}
