import PlanCore

/// Resolves names and types in parsed statements and produces logical plans.
///
/// One `Binder` binds one statement. Errors carry the position of the offending SQL.
public struct Binder {
    let catalog: any CatalogLookup
    /// CTEs visible at each nesting level, innermost last.
    var ctes: [[String: LogicalPlan]] = []
    /// Enclosing queries' scopes for correlated subqueries, innermost last.
    var outer: [OuterScope] = []
    /// Views being expanded, to reject a view that reads itself.
    var expandingViews: [String] = []
    /// The WINDOW clause of the SELECT being bound (`OVER name` finds them here).
    var namedWindows: [String: WindowSpec] = [:]
    /// The select list's aliases while QUALIFY is bound (QUALIFY may read them).
    var selectAliases: [(name: String, expr: Expr)] = []
    /// The `GROUPING(…)` calls of the SELECT being bound, by placeholder number.
    var groupingCalls: [(args: [Expr], span: SourceSpan)] = []

    /// The session's time zone (`execution.time_zone`): `TIMESTAMPTZ` literals without an
    /// offset are read in it, and the plan's zone-dependent operations name it
    /// (``LogicalPlan/applyingTimeZone(_:)``).
    public var timeZone: SQLTimeZone = .utc

    public init(catalog: any CatalogLookup, timeZone: SQLTimeZone = .utc) {
        self.catalog = catalog
        self.timeZone = timeZone
    }

    /// Parses and binds every statement in `sql`.
    public static func plan(_ sql: String, catalog: any CatalogLookup) throws(PlanError) -> [LogicalPlan] {
        var plans: [LogicalPlan] = []
        for parsed in try Parser.parse(sql) {
            var binder = Binder(catalog: catalog)
            plans.append(try binder.bind(parsed.statement))
        }
        return plans
    }

    /// Binds one statement.
    public mutating func bind(_ statement: Statement) throws(PlanError) -> LogicalPlan {
        try bindStatement(statement).applyingTimeZone(timeZone)
    }

    private mutating func bindStatement(_ statement: Statement) throws(PlanError) -> LogicalPlan {
        switch statement {
        case .query(let q):
            return try bindQuery(q)
        case .explain(let verbose, let analyze, let format, let inner):
            return .explain(Explain(verbose: verbose, analyze: analyze, format: format, plan: try bind(inner)))
        case .createTable(let name, let columns, let keyConstraints, let ifNotExists, let asQuery):
            return try bindCreateTable(name, columns: columns, keyConstraints: keyConstraints, ifNotExists: ifNotExists, asQuery: asQuery)
        case .createIndex(let name, let table, let columns, let unique, let ifNotExists):
            return try bindCreateIndex(name, table: table, columns: columns, unique: unique, ifNotExists: ifNotExists)
        case .dropIndex(let name, let ifExists):
            return .ddl(.dropIndex(name: name.normalized, ifExists: ifExists))
        case .createView(let name, let columns, let query, let orReplace, let sql):
            return try bindCreateView(name, columns: columns, query: query, orReplace: orReplace, sql: sql)
        case .createExternalTable(let name, let columns, let format, let location, let options, let partitionedBy, let ifNotExists):
            return try bindCreateExternalTable(name, columns: columns, format: format, location: location, options: options, partitionedBy: partitionedBy, ifNotExists: ifNotExists)
        case .insert(let table, let columns, let source, let onConflict):
            return try withConflictAction(try bindInsert(table: table, columns: columns, source: source), onConflict)
        case .delete(let table, let whereClause):
            return try bindDelete(table: table, whereClause: whereClause)
        case .update(let table, let assignments, let whereClause):
            return try bindUpdate(table: table, assignments: assignments, whereClause: whereClause)
        case .drop(let isView, let name, let ifExists):
            return try bindDrop(isView: isView, name: name, ifExists: ifExists)
        case .set(let name, let value, _, _):
            return .statement(.setVariable(name: name, value: value))
        case .reset(let name, _, _):
            return .statement(.resetVariable(name: name))
        case .show(let name):
            return .statement(.showVariable(name: name))
        case .copy(let table, let query, let to, let path, let options, let span):
            return try bindCopy(table: table, query: query, to: to, path: path, options: options, span: span)
        }
    }

    // MARK: - DDL/DML helpers

    /// Throws if a relation of that name exists (unless `IF NOT EXISTS`).
    func checkAbsent(_ name: ObjectName, ifNotExists: Bool) throws(PlanError) {
        let n = name.normalized
        guard !ifNotExists, catalog.table(named: n) != nil || catalog.view(named: n) != nil else { return }
        throw PlanError(.catalog, "relation '\(n)' already exists", at: name.span)
    }

    /// UNIQUE / PRIMARY KEY constraints of columns and of the table, as positions; a
    /// primary key's columns become NOT NULL. At most one primary key.
    func uniqueKeys(_ columns: [ColumnDef], _ constraints: [KeyConstraint], schema: inout Schema) throws(PlanError) -> [UniqueKey] {
        var keys: [UniqueKey] = []
        var primarySpan: SourceSpan?
        for (i, c) in columns.enumerated() where c.unique || c.primaryKey {
            if c.primaryKey {
                if primarySpan != nil { throw PlanError(.invalidPlan, "multiple primary keys are not allowed", at: c.name.span) }
                primarySpan = c.name.span
            }
            keys.append(UniqueKey(columns: [i], primary: c.primaryKey))
        }
        for k in constraints {
            var positions: [Int] = []
            for c in k.columns {
                guard let i = try columnIndex(c, in: schema) else {
                    throw PlanError(.unknownName, "column '\(c.value)' named in key does not exist", at: c.span)
                }
                positions.append(i)
            }
            if k.primary {
                if primarySpan != nil { throw PlanError(.invalidPlan, "multiple primary keys are not allowed", at: k.span) }
                primarySpan = k.span
                for i in positions { schema.fields[i].nullable = false }
            }
            keys.append(UniqueKey(columns: positions, primary: k.primary))
        }
        return keys
    }

    func tableSchema(_ columns: [ColumnDef]) throws(PlanError) -> Schema {
        var fields: [Field] = []
        for c in columns {
            if fields.contains(where: { c.name.reference.matches($0.name) }) {
                throw PlanError(.invalidPlan, "column '\(c.name.value)' specified more than once", at: c.name.span)
            }
            fields.append(Field(name: c.name.value, dataType: try resolveType(c.type), nullable: !c.notNull))
        }
        return Schema(fields)
    }

    /// The data type a parsed type name denotes.
    func resolveType(_ t: TypeName) throws(PlanError) -> DataType {
        guard let type = DataType.named(t.name, arguments: t.arguments) else {
            let surface = catalog.surface
            if let planner = surface.typePlanner(typeName: t.name) {
                return try located(t.span) { () throws(PlanError) in try planner.plan(t) }
            }
            if DataType.named(t.name, arguments: []) != nil || DataType.named(t.name, arguments: [1]) != nil {
                throw PlanError(.typeMismatch, "type \(t.name) does not take \(t.arguments.count) argument\(t.arguments.count == 1 ? "" : "s")", at: t.span)
            }
            throw PlanError(.unknownName, "unknown type '\(t.name.lowercased())'" + surface.switchedOffHint(.type, provides: t.name), at: t.span)
        }
        if let problem = type.argumentProblem { throw PlanError(.typeMismatch, problem, at: t.span) }
        return type
    }

    func lookupTable(_ name: ObjectName) throws(PlanError) -> (String, any TableSource) {
        let n = try catalogName(name)
        if let source = catalog.table(named: n) { return (n, source) }
        if catalog.view(named: n) != nil {
            throw PlanError(.catalog, "'\(n)' is a view; only tables can be changed", at: name.span)
        }
        throw unknownRelation(n, at: name.span)
    }

    func unknownRelation(_ name: String, at span: SourceSpan) -> PlanError {
        let candidates = catalog.relationNames + ctes.flatMap(\.keys)
        var message = "table '\(name)' not found"
        if let hint = closestName(to: name, in: candidates) { message += " (did you mean '\(hint)'?)" }
        var error = PlanError(.unknownName, message, at: span)
        error.missingRelation = name
        return error
    }

    func unknownColumn(_ name: String, in schema: Schema, at span: SourceSpan) -> PlanError {
        var message = "unknown column '\(name)'"
        let bare = name.split(separator: ".").last.map(String.init) ?? name
        if let hint = closestName(to: bare, in: schema.names) { message += " (did you mean '\(hint)'?)" }
        return PlanError(.unknownName, message, at: span)
    }

    func checkAssignable(_ e: Expr, in schema: Schema, to field: Field, at span: SourceSpan) throws(PlanError) {
        let t = try e.dataType(in: schema)
        guard DataType.commonType(t, field.dataType) != nil || (t.isString && Expr.canCast(t, to: field.dataType)) else {
            throw PlanError(.typeMismatch, "column '\(field.name)' is of type \(field.dataType.sqlName) but the value is of type \(t.sqlName)", at: span)
        }
    }

    mutating func bindInsert(table: ObjectName, columns: [Ident], source: Query) throws(PlanError) -> LogicalPlan {
        let (name, target) = try lookupTable(table)
        let input = try bindQuery(source)
        var targetIndex: [Int] = []
        if columns.isEmpty {
            targetIndex = Array(target.schema.fields.indices)
        } else {
            for c in columns {
                guard let i = try columnIndex(c, in: target.schema) else {
                    throw unknownColumn(c.value, in: target.schema, at: c.span)
                }
                if targetIndex.contains(i) {
                    throw PlanError(.invalidPlan, "column '\(c.value)' specified more than once", at: c.span)
                }
                targetIndex.append(i)
            }
        }
        if columns.isEmpty, input.schema.count < targetIndex.count {
            // Without a column list, fewer values fill the first columns and the rest get
            // their default, NULL (PostgreSQL).
            targetIndex = Array(targetIndex.prefix(input.schema.count))
        }
        guard input.schema.count == targetIndex.count else {
            let more = input.schema.count > targetIndex.count
            throw PlanError(.invalidPlan, "INSERT has \(more ? "more" : "fewer") expressions (\(input.schema.count)) than target columns (\(targetIndex.count))", at: source.span)
        }
        // Literal values that cannot be stored are reported where they are written.
        if case .values(let rows, _) = source.body, case .values(let bound) = input {
            for (r, row) in rows.enumerated() {
                for (c, e) in row.enumerated() where c < targetIndex.count {
                    var cell = bound.rows[r][c]
                    if case .cast(let inner, _) = cell { cell = inner }  // cast to the VALUES column's type
                    guard case .literal(let v) = cell else { continue }
                    let field = target.schema.fields[targetIndex[c]]
                    do { _ = try ScalarOps.cast(v, to: field.dataType) } catch {
                        throw PlanError(.typeMismatch, "\(error.message) (column '\(field.name)')", at: e.span)
                    }
                }
            }
        }
        // Reorder to the table's column order; unlisted columns get NULL.
        var exprs: [Expr] = []
        for (i, field) in target.schema.fields.enumerated() {
            if let pos = targetIndex.firstIndex(of: i) {
                let sourceField = input.schema.fields[pos]
                let value = Expr.column(sourceField.column)
                try checkAssignable(value, in: input.schema, to: field, at: source.span)
                if !field.nullable, case .values(let v) = input, v.rows.contains(where: { $0[pos] == .literal(.null) }) {
                    throw PlanError(.invalidPlan, "NULL value in column '\(field.name)' violates NOT NULL", at: source.span)
                }
                // Strings are stored as they are: the table checks VARCHAR(n)/CHAR(n) lengths on
                // assignment (an explicit CAST would silently truncate).
                let keep = sourceField.dataType == field.dataType || (sourceField.dataType.isString && field.dataType.isString)
                exprs.append(keep ? value.alias(field.name) : Expr.cast(value, field.dataType).alias(field.name))
            } else {
                if !field.nullable {
                    throw PlanError(.invalidPlan, "column '\(field.name)' is NOT NULL and has no value", at: source.span)
                }
                exprs.append(Expr.cast(.literal(.null), field.dataType).alias(field.name))
            }
        }
        let projected = try LogicalPlan.projection(Projection(exprs, input: input))
        return .dml(DMLStatement(table: name, tableSchema: target.schema, operation: .insert, input: projected))
    }

    /// Renames the output columns of `plan` (`AS t(a, b)`, `CREATE VIEW v(a, b)`).
    func rename(_ plan: LogicalPlan, to names: [Ident], at span: SourceSpan) throws(PlanError) -> LogicalPlan {
        let fields = plan.schema.fields
        guard names.count <= fields.count else {
            throw PlanError(.invalidPlan, "\(names.count) column aliases given for \(fields.count) columns", at: span)
        }
        var exprs: [Expr] = []
        for (i, f) in fields.enumerated() {
            exprs.append(i < names.count ? Expr.column(f.column).alias(names[i].value) : .column(f.column))
        }
        return .projection(try Projection(exprs, input: plan))
    }

    /// The position of the column `c` names in a table's schema (an unquoted name in any
    /// case, a quoted one exactly); two columns it could name are an error listing both.
    func columnIndex(_ c: Ident, in schema: Schema) throws(PlanError) -> Int? {
        switch schema.lookup(c.reference, relation: nil) {
        case .found(let i): return i
        case .notFound: return nil
        case .ambiguous(let names):
            throw PlanError(.ambiguousName, "column reference '\(c.value)' is ambiguous (could be \(names.joined(separator: " or ")))", at: c.span)
        }
    }
}

/// Runs `body`, giving any error without a position the span `span`.
func located<T>(_ span: SourceSpan, _ body: () throws(PlanError) -> T) throws(PlanError) -> T {
    do { return try body() } catch { throw error.located(at: span) }
}
