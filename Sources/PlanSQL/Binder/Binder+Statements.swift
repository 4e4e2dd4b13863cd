import PlanCore

/// The binding of each DDL and DML statement ``Binder/bind(_:)`` dispatches to.
extension Binder {
    /// Binds CREATE TABLE: declared columns with their keys, or the columns of its AS query.
    mutating func bindCreateTable(_ name: ObjectName, columns: [ColumnDef], keyConstraints: [KeyConstraint], ifNotExists: Bool, asQuery: Query?) throws(PlanError) -> LogicalPlan {
        try checkAbsent(name, ifNotExists: ifNotExists)
        let input = try asQuery.map { (q: Query) throws(PlanError) -> LogicalPlan in try bindQuery(q) }
        var schema: Schema
        var keys: [UniqueKey] = []
        if !columns.isEmpty {
            schema = try tableSchema(columns)
            keys = try uniqueKeys(columns, keyConstraints, schema: &schema)
            if let input, input.schema.count != columns.count {
                throw PlanError(.invalidPlan, "CREATE TABLE lists \(columns.count) columns but the query returns \(input.schema.count)", at: name.span)
            }
        } else if let input {
            schema = Schema(input.schema.fields.map {
                Field(name: $0.displayName, dataType: $0.dataType == .null ? .text : $0.dataType, nullable: true)
            })
            let names = schema.names
            if let dup = names.first(where: { n in names.filter { $0 == n }.count > 1 }) {
                throw PlanError(.invalidPlan, "CREATE TABLE AS would have two columns named '\(dup)'; alias one of them", at: name.span)
            }
        } else {
            throw PlanError(.syntax, "CREATE TABLE needs columns or AS query", at: name.span)
        }
        return .ddl(.createTable(CreateTable(name: try catalogName(name), schema: schema, ifNotExists: ifNotExists, input: input, uniqueKeys: keys)))
    }

    /// Binds CREATE INDEX: the table and its columns must exist.
    mutating func bindCreateIndex(_ name: Ident, table: ObjectName, columns: [Ident], unique: Bool, ifNotExists: Bool) throws(PlanError) -> LogicalPlan {
        let tableName = try catalogName(table)
        guard let source = catalog.table(named: tableName) else {
            throw PlanError(.catalog, "table '\(tableName)' does not exist", at: table.span)
        }
        var positions: [Int] = []
        for c in columns {
            guard let i = try columnIndex(c, in: source.schema) else {
                throw PlanError(.unknownName, "column '\(c.value)' does not exist in table '\(tableName)'", at: c.span)
            }
            positions.append(i)
        }
        return .ddl(.createIndex(CreateIndex(name: name.normalized, table: tableName, columns: positions,
                                             unique: unique, ifNotExists: ifNotExists)))
    }

    /// Binds CREATE VIEW: the query bound now (a view over a missing table is an error), renamed to the listed columns.
    mutating func bindCreateView(_ name: ObjectName, columns: [Ident], query: Query, orReplace: Bool, sql: String) throws(PlanError) -> LogicalPlan {
        let viewName = try catalogName(name)
        if catalog.table(named: viewName) != nil {
            throw PlanError(.catalog, "relation '\(viewName)' already exists and is a table", at: name.span)
        }
        if !orReplace { try checkAbsent(name, ifNotExists: false) }
        var input = try bindQuery(query)
        if !columns.isEmpty { input = try rename(input, to: columns, at: name.span) }
        return .ddl(.createView(name: viewName, input: input, sql: sql, orReplace: orReplace))
    }

    /// Binds CREATE EXTERNAL TABLE (the file is opened when the statement runs).
    mutating func bindCreateExternalTable(_ name: ObjectName, columns: [ColumnDef], format: Ident, location: String, options: [(String, String)], partitionedBy: [Ident], ifNotExists: Bool) throws(PlanError) -> LogicalPlan {
        try checkAbsent(name, ifNotExists: ifNotExists)
        let schema = columns.isEmpty ? nil : try tableSchema(columns)
        var opts: [String: String] = [:]
        for (k, v) in options { opts[k.lowercased()] = v }
        return .ddl(.createExternalTable(CreateExternalTable(
            name: try catalogName(name), schema: schema, format: format.normalized.lowercased(), location: location,
            options: opts, partitionedBy: partitionedBy.map(\.normalized), ifNotExists: ifNotExists)))
    }

    /// Binds DELETE: its WHERE over the table's columns.
    mutating func bindDelete(table: ObjectName, whereClause: SQLExpr?) throws(PlanError) -> LogicalPlan {
        let (name, source) = try lookupTable(table)
        let schema = source.schema.qualified(by: name)
        let predicate = try whereClause.map { (w: SQLExpr) throws(PlanError) -> Expr in
            try bindPredicate(w, scope: Scope(schema: schema), clause: "WHERE")
        }
        return .dml(DMLStatement(table: name, tableSchema: source.schema, operation: .delete(predicate: predicate), input: nil))
    }

    /// Binds UPDATE: each assigned value must convert to its column's type.
    mutating func bindUpdate(table: ObjectName, assignments: [(Ident, SQLExpr)], whereClause: SQLExpr?) throws(PlanError) -> LogicalPlan {
        let (name, source) = try lookupTable(table)
        let scope = Scope(schema: source.schema.qualified(by: name))
        var bound: [DMLStatement.Assignment] = []
        for (column, value) in assignments {
            guard let field = try columnIndex(column, in: source.schema).map({ source.schema.fields[$0] }) else {
                throw unknownColumn(column.value, in: source.schema, at: column.span)
            }
            var e = try bindExpr(value, scope: scope, allowAggregates: false, clause: "UPDATE")
            try checkAssignable(e, in: scope.schema, to: field, at: value.span)
            // A TIMESTAMPTZ column takes text, timestamps and dates in the session's zone:
            // the cast is made explicit so the zone is written into it.
            if field.dataType == .timestampTZ, let t = try? e.dataType(in: scope.schema), t != .timestampTZ, t != .null {
                e = .cast(e, .timestampTZ)
            }
            bound.append(.init(column: field.name, value: e))
        }
        let predicate = try whereClause.map { (w: SQLExpr) throws(PlanError) -> Expr in
            try bindPredicate(w, scope: scope, clause: "WHERE")
        }
        return .dml(DMLStatement(table: name, tableSchema: source.schema,
                                 operation: .update(assignments: bound, predicate: predicate), input: nil))
    }

    /// Binds DROP TABLE/VIEW: the relation must be of that kind (and exist, without IF EXISTS).
    mutating func bindDrop(isView: Bool, name: ObjectName, ifExists: Bool) throws(PlanError) -> LogicalPlan {
        let n = try catalogName(name)
        let isTable = catalog.table(named: n) != nil, isAView = catalog.view(named: n) != nil
        if isView && isTable { throw PlanError(.catalog, "'\(n)' is a table; use DROP TABLE", at: name.span) }
        if !isView && isAView { throw PlanError(.catalog, "'\(n)' is a view; use DROP VIEW", at: name.span) }
        if !ifExists && !(isView ? isAView : isTable) {
            var message = "\(isView ? "view" : "table") '\(n)' does not exist"
            let names = isView ? catalog.relationNames.filter { catalog.view(named: $0) != nil } : catalog.relationNames.filter { catalog.table(named: $0) != nil }
            if let hint = closestName(to: n, in: names) { message += " (did you mean '\(hint)'?)" }
            throw PlanError(.catalog, message, at: name.span)
        }
        return .ddl(isView ? .dropView(name: n, ifExists: ifExists)
                           : .dropTable(name: n, ifExists: ifExists))
    }

    /// Binds COPY … TO/FROM: the format by the file's extension unless FORMAT says otherwise, and its options checked.
    mutating func bindCopy(table: ObjectName?, query: Query?, to: Bool, path: String, options: [(Ident, SQLExpr?)], span: SourceSpan) throws(PlanError) -> LogicalPlan {
        // The format by the file's extension unless FORMAT says otherwise.
        let named = FileFormats.byExtension(path)
        var o = CopyOptions(format: named == FileFormats.jsonl ? .jsonl : (named == FileFormats.parquet ? .parquet : .csv))
        for (name, value) in options {
            func text() throws(PlanError) -> String {
                guard let value else { throw PlanError(.syntax, "COPY option \(name.normalized.uppercased()) needs a value", at: name.span) }
                switch value.kind {
                case .string(let s), .number(let s): return s
                case .identifier(let parts): return parts.map(\.value).joined(separator: ".")
                case .boolean(let b): return b ? "true" : "false"
                default: throw PlanError(.syntax, "COPY option \(name.normalized.uppercased()) takes a word, a string or a number", at: value.span)
                }
            }
            switch name.normalized {
            case "format":
                switch try text().lowercased() {
                case "csv": o.format = .csv
                case "json", "jsonl", "ndjson": o.format = .jsonl
                case "parquet": o.format = .parquet
                case let other: throw PlanError(.unsupported, "COPY format '\(other)' is not supported (csv, json, parquet)", at: value?.span ?? name.span)
                }
            case "compression", "codec":
                let codec = try text().lowercased()
                guard let c = CopyOptions.Compression(rawValue: codec) else {
                    let names = CopyOptions.Compression.allCases.map(\.rawValue).joined(separator: ", ")
                    throw PlanError(.unsupported, "COPY COMPRESSION '\(codec)' is not supported (\(names))", at: value?.span ?? name.span)
                }
                o.compression = c
            case "row_group_size":
                guard let n = Int(try text()), n >= 1, n <= Int(Int32.max) else {
                    throw PlanError(.invalidPlan, "COPY ROW_GROUP_SIZE takes a number of rows from 1 to \(Int32.max)", at: value?.span ?? name.span)
                }
                o.rowGroupSize = n
            case "header":
                guard let value else { o.header = true; continue }
                switch value.kind {
                case .boolean(let b): o.header = b
                default:
                    switch try text().lowercased() {
                    case "true", "on", "1": o.header = true
                    case "false", "off", "0": o.header = false
                    default: throw PlanError(.typeMismatch, "COPY option HEADER takes true or false", at: value.span)
                    }
                }
            case "delimiter", "delim", "sep":
                let d = try text()
                guard d.utf8.count == 1 else { throw PlanError(.invalidPlan, "COPY DELIMITER must be one character", at: value?.span ?? name.span) }
                o.delimiter = d
            case "null":
                o.null = try text()
            default:
                throw PlanError(.unsupported, "unknown COPY option '\(name.normalized)' (FORMAT, HEADER, DELIMITER, NULL, COMPRESSION, ROW_GROUP_SIZE)", at: name.span)
            }
        }
        if let null = o.null, null.contains(o.delimiter) || null.contains("\"") || null.contains("\n") || null.contains("\r"),
           let option = options.first(where: { $0.0.normalized == "null" }) {
            throw PlanError(.invalidPlan, "COPY NULL text must not hold the delimiter, a quote or a line break", at: option.1?.span ?? option.0.span)
        }
        if o.format != .csv, let null = options.first(where: { $0.0.normalized == "null" }) {
            throw PlanError(.unsupported, "COPY option NULL applies to CSV files only (\(o.format == .jsonl ? "JSON lines" : "Parquet") files have null)", at: null.0.span)
        }
        let csvOnly = ["header", "delimiter", "delim", "sep", "null"], parquetOnly = ["compression", "codec", "row_group_size"]
        for (name, value) in options where (o.format == .parquet && csvOnly.contains(name.normalized) && name.normalized != "null")
            || (o.format != .parquet && parquetOnly.contains(name.normalized)) || (!to && parquetOnly.contains(name.normalized)) {
            let applies = parquetOnly.contains(name.normalized) ? "Parquet files written (COPY … TO)" : "CSV files"
            throw PlanError(.unsupported, "COPY option \(name.normalized.uppercased()) applies to \(applies) only", at: value?.span ?? name.span)
        }
        if to {
            let input: LogicalPlan
            if let query { input = try bindQuery(query) } else if let table {
                input = try bindRelation(table)
            } else {
                throw PlanError(.syntax, "COPY needs a table or a query", at: span)
            }
            return .statement(.copyTo(input: input, path: path, options: o))
        }
        guard let table, catalog.table(named: table.normalized) != nil else {
            throw unknownRelation(table?.normalized ?? "", at: table?.span ?? span)
        }
        return .statement(.copyFrom(table: try catalogName(table), path: path, options: o))
    }
}
