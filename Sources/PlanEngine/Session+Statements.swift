import Foundation
import PlanCore
import PlanExec
import PlanProviders
import PlanSQL

extension Session {
    func runDDL(_ ddl: DDLStatement, cancellation: Cancellation) throws -> CommandTag {
        switch ddl {
        case .createTable(let create):
            let (name, schema, input) = (create.name, create.schema, create.input)
            if catalog.exists(name) {
                if create.ifNotExists { return CommandTag("CREATE TABLE") }
                throw PlanError(.catalog, "relation '\(name)' already exists")
            }
            let table = try MemoryTable(schema: schema, uniqueKeys: create.uniqueKeys)
            if let input {
                _ = try insert(rowsOf: input, into: table, cancellation: cancellation)
            }
            catalog.register(table: name, table)
            logger.debug("create table", metadata: ["table": "\(name)"])
            return input == nil ? CommandTag("CREATE TABLE") : CommandTag("SELECT", affectedRows: table.rowCount)
        case .createView(let name, let input, let sql, let orReplace):
            if catalog.provider(named: name) != nil { throw PlanError(.catalog, "relation '\(name)' already exists and is a table") }
            if catalog.view(named: name) != nil && !orReplace { throw PlanError(.catalog, "view '\(name)' already exists") }
            // Column names from `CREATE VIEW v (a, b)` travel with the view.
            let columns = input.schema.names
            catalog.register(view: ViewDefinition(name: name, sql: sql, columns: columns))
            return CommandTag("CREATE VIEW")
        case .createExternalTable(let e):
            if catalog.exists(e.name) {
                if e.ifNotExists { return CommandTag("CREATE EXTERNAL TABLE") }
                throw PlanError(.catalog, "relation '\(e.name)' already exists")
            }
            let table = try fileTable(format: e.format, location: resolve(e.location), schema: e.schema,
                                      options: e.options, partitionedBy: e.partitionedBy)
            catalog.register(table: e.name, table)
            logger.debug("create external table", metadata: ["table": "\(e.name)", "location": "\(e.location)"])
            return CommandTag("CREATE EXTERNAL TABLE")
        case .createIndex(let index):
            if catalog.index(named: index.name) != nil {
                if index.ifNotExists { return CommandTag("CREATE INDEX") }
                throw PlanError(.catalog, "index '\(index.name)' already exists")
            }
            if index.unique {
                guard let table = catalog.provider(named: index.table) as? MemoryTable else {
                    throw PlanError(.unsupported, "UNIQUE indexes are supported on memory tables only ('\(index.table)' is not one)")
                }
                try table.addUniqueKey(UniqueKey(columns: index.columns, primary: false))
            }
            catalog.register(index: index)
            return CommandTag("CREATE INDEX")
        case .dropIndex(let name, let ifExists):
            if catalog.dropIndex(name) || ifExists { return CommandTag("DROP INDEX") }
            throw PlanError(.catalog, "index '\(name)' does not exist")
        case .dropTable(let name, let ifExists):
            if catalog.dropTable(name) { return CommandTag("DROP TABLE") }
            if catalog.view(named: name) != nil { throw PlanError(.catalog, "'\(name)' is a view; use DROP VIEW") }
            if ifExists { return CommandTag("DROP TABLE") }
            throw PlanError(.catalog, "table '\(name)' does not exist")
        case .dropView(let name, let ifExists):
            if catalog.dropView(name) { return CommandTag("DROP VIEW") }
            if catalog.provider(named: name) != nil { throw PlanError(.catalog, "'\(name)' is a table; use DROP TABLE") }
            if ifExists { return CommandTag("DROP VIEW") }
            throw PlanError(.catalog, "view '\(name)' does not exist")
        }
    }

    func runDML(_ dml: DMLStatement, cancellation: Cancellation) throws -> CommandTag {
        guard let table = catalog.provider(named: dml.table) else {
            throw PlanError(.catalog, "table '\(dml.table)' does not exist")
        }
        switch dml.operation {
        case .insert:
            guard let input = dml.input else { throw PlanError(.invalidPlan, "INSERT without rows") }
            let n = try insert(rowsOf: input, into: table, cancellation: cancellation)
            return CommandTag("INSERT", affectedRows: n)
        case .delete(let predicate):
            let n = try table.deleteFrom(filters: (predicate?.conjuncts ?? []).map(\.unqualifiedColumns))
            return CommandTag("DELETE", affectedRows: n)
        case .update(let assignments, let predicate):
            let n = try table.update(assignments: assignments.map { (column: $0.column, value: $0.value.unqualifiedColumns) },
                                     filters: (predicate?.conjuncts ?? []).map(\.unqualifiedColumns))
            return CommandTag("UPDATE", affectedRows: n)
        }
    }


    /// A file's rows for `COPY … FROM`: columns matched by position (a JSON lines file's by
    /// name), each cast to the table's type.
    func copyRows(_ batch: RecordBatch, into schema: Schema, path: String) throws -> RecordBatch {
        var columns: [ColumnVector] = []
        for (i, f) in schema.fields.enumerated() {
            let source: ColumnVector?
            if let j = batch.schema.fields.firstIndex(where: { $0.name == f.name }) ?? batch.schema.fields.firstIndex(where: { $0.name.lowercased() == f.name.lowercased() }),
               batch.schema.count != schema.count || j == i {
                source = batch.columns[j]
            } else {
                source = i < batch.columns.count ? batch.columns[i] : nil
            }
            guard let source else {
                throw PlanError(.io, "\(path) has \(batch.schema.count) columns, table has \(schema.count)")
            }
            columns.append(source)
        }
        return try conform(RecordBatch(schema: Schema(columns.enumerated().map { Field(name: schema.fields[$0.offset].name, dataType: $0.element.dataType) }),
                                       columns: columns, rowCount: batch.rowCount), to: schema)
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
    /// The table for files of `format` at `location` (see ``FileTables/open(format:location:schema:options:partitionedBy:)``).
    func fileTable(format: String, location: String, schema: Schema?, options: [String: String],
                   partitionedBy: [String]) throws -> any TableProvider {
        try FileTables.open(format: format, location: location, schema: schema, options: options, partitionedBy: partitionedBy,
                            factories: catalog.tableFactories)
    }
}
