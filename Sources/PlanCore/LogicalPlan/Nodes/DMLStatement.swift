/// INSERT, DELETE or UPDATE against a catalog table. Output: one `count` column.
public struct DMLStatement: Hashable, Sendable {
    public enum Operation: Hashable, Sendable {
        /// `input` produces rows in the table's column order.
        case insert
        case delete(predicate: Expr?)
        case update(assignments: [Assignment], predicate: Expr?)
    }
    public struct Assignment: Hashable, Sendable {
        public var column: String
        public var value: Expr
        public init(column: String, value: Expr) { self.column = column; self.value = value }
    }

    public let table: String
    public let tableSchema: Schema
    public let operation: Operation
    public let input: LogicalPlan?
    public var schema: Schema { Schema([Field(name: "count", dataType: .int64, nullable: false)]) }

    public init(table: String, tableSchema: Schema, operation: Operation, input: LogicalPlan?) {
        self.table = table
        self.tableSchema = tableSchema
        self.operation = operation
        self.input = input
    }

    var expressions: [Expr] {
        switch operation {
        case .insert: []
        case .delete(let p): p.map { [$0] } ?? []
        case .update(let a, let p): a.map(\.value) + (p.map { [$0] } ?? [])
        }
    }
}

/// Catalog changes.
public enum DDLStatement: Hashable, Sendable {
    /// `CREATE TABLE name (cols)` or `CREATE TABLE name AS query` (input set).
    case createTable(name: String, schema: Schema, ifNotExists: Bool, input: LogicalPlan?)
    case createView(name: String, input: LogicalPlan, sql: String, orReplace: Bool)
    case createExternalTable(CreateExternalTable)
    case dropTable(name: String, ifExists: Bool)
    case dropView(name: String, ifExists: Bool)

    public var input: LogicalPlan? {
        switch self {
        case .createTable(_, _, _, let input): input
        case .createView(_, let input, _, _): input
        default: nil
        }
    }
}

/// `CREATE EXTERNAL TABLE name [(cols)] STORED AS fmt LOCATION 'path' [OPTIONS (…)]`.
public struct CreateExternalTable: Hashable, Sendable {
    public var name: String
    /// `nil` when the columns are to be inferred from the file.
    public var schema: Schema?
    public var format: String
    public var location: String
    public var options: [String: String]
    public var partitionedBy: [String]
    public var ifNotExists: Bool

    public init(name: String, schema: Schema?, format: String, location: String,
                options: [String: String], partitionedBy: [String] = [], ifNotExists: Bool = false) {
        self.name = name
        self.schema = schema
        self.format = format
        self.location = location
        self.options = options
        self.partitionedBy = partitionedBy
        self.ifNotExists = ifNotExists
    }
}

/// Session-level statements that change or read configuration.
public enum SessionStatement: Hashable, Sendable {
    case setVariable(name: String, value: String)
    case showVariable(name: String?)
}

/// `EXPLAIN [ANALYZE] [VERBOSE] statement`. Output: `plan_type`, `plan`.
public struct Explain: Hashable, Sendable {
    public let verbose: Bool
    public let analyze: Bool
    public let plan: LogicalPlan
    public var schema: Schema { Explain.outputSchema }
    /// `(plan_type, plan)`, as DataFusion's EXPLAIN returns.
    public static let outputSchema = Schema([Field(name: "plan_type", dataType: .text, nullable: false),
                                             Field(name: "plan", dataType: .text, nullable: false)])
    public init(verbose: Bool, analyze: Bool, plan: LogicalPlan) {
        self.verbose = verbose
        self.analyze = analyze
        self.plan = plan
    }
}
