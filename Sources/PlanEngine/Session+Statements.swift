import Foundation
import PlanCore
import PlanExec
import PlanProviders
import PlanSQL

extension Session {
    func runDDL(_ ddl: DDLStatement) throws -> String {
        switch ddl {
        case .createTable(let name, let schema, let ifNotExists, let input):
            if catalog.exists(name) {
                if ifNotExists { return "CREATE TABLE" }
                throw PlanError(.catalog, "relation '\(name)' already exists")
            }
            let table = MemoryTable(schema: schema)
            if let input {
                let batches = try executeQuery(input).map { try conform($0, to: schema) }
                _ = try table.insert(batches)
            }
            catalog.register(table: name, table)
            logger.debug("create table", metadata: ["table": "\(name)"])
            return input == nil ? "CREATE TABLE" : "SELECT \(table.rowCount)"
        case .createView(let name, let input, let sql, let orReplace):
            if catalog.provider(named: name) != nil { throw PlanError(.catalog, "relation '\(name)' already exists and is a table") }
            if catalog.view(named: name) != nil && !orReplace { throw PlanError(.catalog, "view '\(name)' already exists") }
            // Column names from `CREATE VIEW v (a, b)` travel with the view.
            let columns = input.schema.names
            catalog.register(view: ViewDefinition(name: name, sql: sql, columns: columns))
            return "CREATE VIEW"
        case .createExternalTable(let e):
            if catalog.exists(e.name) {
                if e.ifNotExists { return "CREATE EXTERNAL TABLE" }
                throw PlanError(.catalog, "relation '\(e.name)' already exists")
            }
            guard e.format == "csv" else {
                throw PlanError(.unsupported, "file format '\(e.format)' is not supported (supported: csv)")
            }
            // `zone_maps 'on'` (and `chunk_rows 'N'`) wrap the table in per-chunk min/max statistics.
            var options = e.options
            let zoneMaps = options.removeValue(forKey: "zone_maps")
            let chunkRowsText = options.removeValue(forKey: "chunk_rows")
            var table: any TableProvider
            if e.partitionedBy.isEmpty {
                table = try CSVTable(path: resolve(e.location), schema: e.schema, options: options)
            } else {
                table = try PartitionedTable(root: resolve(e.location), schema: e.schema, partitionedBy: e.partitionedBy, options: options)
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
            catalog.register(table: e.name, table)
            logger.debug("create external table", metadata: ["table": "\(e.name)", "location": "\(e.location)"])
            return "CREATE EXTERNAL TABLE"
        case .dropTable(let name, let ifExists):
            if catalog.dropTable(name) { return "DROP TABLE" }
            if catalog.view(named: name) != nil { throw PlanError(.catalog, "'\(name)' is a view; use DROP VIEW") }
            if ifExists { return "DROP TABLE" }
            throw PlanError(.catalog, "table '\(name)' does not exist")
        case .dropView(let name, let ifExists):
            if catalog.dropView(name) { return "DROP VIEW" }
            if catalog.provider(named: name) != nil { throw PlanError(.catalog, "'\(name)' is a table; use DROP TABLE") }
            if ifExists { return "DROP VIEW" }
            throw PlanError(.catalog, "view '\(name)' does not exist")
        }
    }

    func runDML(_ dml: DMLStatement) throws -> String {
        guard let table = catalog.provider(named: dml.table) else {
            throw PlanError(.catalog, "table '\(dml.table)' does not exist")
        }
        switch dml.operation {
        case .insert:
            guard let input = dml.input else { throw PlanError(.invalidPlan, "INSERT without rows") }
            let batches = try executeQuery(input).map { try conform($0, to: table.schema) }
            let n = try table.insert(batches)
            return "INSERT 0 \(n)"
        case .delete(let predicate):
            let n = try table.deleteFrom(filters: (predicate?.conjuncts ?? []).map(\.unqualifiedColumns))
            return "DELETE \(n)"
        case .update(let assignments, let predicate):
            let n = try table.update(assignments: assignments.map { (column: $0.column, value: $0.value.unqualifiedColumns) },
                                     filters: (predicate?.conjuncts ?? []).map(\.unqualifiedColumns))
            return "UPDATE \(n)"
        }
    }


    /// Casts a batch's columns to a table's column types, checking VARCHAR(n)/CHAR(n)
    /// lengths as PostgreSQL does on assignment. CHAR(n) is stored like VARCHAR(n) (no
    /// blank padding), as DuckDB does.
    func conform(_ batch: RecordBatch, to schema: Schema) throws -> RecordBatch {
        var columns: [ColumnVector] = []
        for (i, f) in schema.fields.enumerated() {
            let c = batch.columns[i]
            var limit: Int?
            if case .varchar(let n?) = f.dataType { limit = n }
            if case .char(let n) = f.dataType { limit = n }
            if let n = limit {
                for r in 0..<c.count {
                    if case .string(let s) = c.value(r), s.count > n {
                        throw PlanError(.execution, "value too long for type \(f.dataType.sqlName) in column '\(f.name)'")
                    }
                }
            }
            if c.dataType == f.dataType || (c.dataType.isString && f.dataType.isString) {
                columns.append(ColumnVector(f.dataType, c.values, validity: c.validity))
                continue
            }
            var b = ColumnBuilder(f.dataType, capacity: c.count)
            for r in 0..<c.count {
                b.append(try ScalarOps.cast(c.value(r), to: f.dataType))
            }
            columns.append(b.finish())
        }
        return RecordBatch(schema: schema, columns: columns, rowCount: batch.rowCount)
    }

    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if path.hasPrefix("~/") { return FileManager.default.homeDirectoryForCurrentUser.path + path.dropFirst(1) }
        return (baseDirectory as NSString).appendingPathComponent(path)
    }

    /// `(plan_type, plan)` rows for `EXPLAIN [ANALYZE] sql`, in the format set by
    /// `explain.format` (indent, tree or json).
    public func explain(_ sql: String, analyze: Bool = false, verbose: Bool = false) throws(StatementError) -> [(planType: String, plan: String)] {
        let plan = try logicalPlan(sql)
        do {
            return try explainRows(Explain(verbose: verbose, analyze: analyze, plan: plan)).map { (planType: $0.0, plan: $0.1) }
        } catch let error as PlanError {
            throw StatementError(error, source: sql)
        } catch {
            throw StatementError(PlanError(.execution, "\(error)"), source: sql)
        }
    }

    /// `(plan_type, plan)` rows for EXPLAIN.
    func explainRows(_ explain: Explain) throws -> [(String, String)] {
        let format = config.value("explain.format") ?? "indent"
        func render(_ p: LogicalPlan) -> String {
            switch format {
            case "tree": TreeRenderer.render(p)
            case "json": PlanJSON.document(p).pretty
            default: IndentRenderer.render(p)
            }
        }
        switch explain.plan {
        case .ddl, .dml, .statement, .explain:
            return [("logical_plan", render(explain.plan))]
        default: break
        }
        let trace = try optimize(explain.plan)
        var rows: [(String, String)] = explain.verbose ? trace.verboseRows : [("logical_plan", render(trace.final))]
        if explain.verbose {
            rows.append(("optimizer", "rulepack \(trace.rulepack) \(trace.rulepackFingerprint), \(trace.passes) pass\(trace.passes == 1 ? "" : "es")"
                         + (trace.reachedFixpoint ? " (fixpoint)" : " (max passes)") + String(format: ", %.3f ms", Double(trace.totalNanos) / 1e6)))
        }
        let optimized = trace.final
        if explain.analyze {
            let physical = try PhysicalPlanner().plan(optimized)
            let start = DispatchTime.now().uptimeNanoseconds
            let batches = try withContext { context in try physical.collect(context) }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if format == "json" {
                let doc = JSONValue.object([
                    ("schema_version", .int(1)),
                    ("elapsed_ms", .double((seconds * 1e6).rounded() / 1e3)),
                    ("output_rows", .int(Int64(batches.reduce(0) { $0 + $1.rowCount }))),
                    ("plan", PhysicalPlanRenderer.json(physical)),
                ])
                rows.append(("physical_plan", doc.pretty))
            } else {
                rows.append(("physical_plan", PhysicalPlanRenderer.render(physical, metrics: true)))
                rows.append(("elapsed", String(format: "%.3f ms", seconds * 1000)))
            }
        } else if config.bool("explain.physical") {
            let physical = try PhysicalPlanner().plan(optimized)
            rows.append(("physical_plan", format == "json" ? PhysicalPlanRenderer.json(physical, metrics: false).pretty
                                                           : PhysicalPlanRenderer.render(physical, metrics: false)))
        }
        return rows
    }
}
