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
    /// INSERT's `ON CONFLICT … DO NOTHING`: the rows that would repeat a key are skipped.
    public var onConflict: InsertConflict? = nil
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

/// `ON CONFLICT [(columns)] DO NOTHING`: an inserted row that repeats a key the table (or
/// an earlier row of the same INSERT) holds is skipped instead of failing the statement.
public struct InsertConflict: Hashable, Sendable {
    /// Column positions of the one key whose conflicts are skipped (a conflict on another
    /// key still fails); empty: any key.
    public var target: [Int]
    public init(target: [Int]) { self.target = target }
}

/// Catalog changes.
public enum DDLStatement: Hashable, Sendable {
    /// `CREATE TABLE name (cols)` or `CREATE TABLE name AS query` (input set).
    case createTable(CreateTable)
    case createView(name: String, input: LogicalPlan, sql: String, orReplace: Bool)
    case createExternalTable(CreateExternalTable)
    /// `CREATE [UNIQUE] INDEX name ON table (cols)`.
    case createIndex(CreateIndex)
    case dropTable(name: String, ifExists: Bool)
    case dropView(name: String, ifExists: Bool)
    case dropIndex(name: String, ifExists: Bool)

    public var input: LogicalPlan? {
        switch self {
        case .createTable(let c): c.input
        case .createView(_, let input, _, _): input
        default: nil
        }
    }
}

/// A set of columns whose values no two rows may share (NULLs never clash).
public struct UniqueKey: Hashable, Sendable {
    /// Column positions in the table's schema.
    public var columns: [Int]
    /// PRIMARY KEY (its columns are also NOT NULL).
    public var primary: Bool

    public init(columns: [Int], primary: Bool) {
        self.columns = columns
        self.primary = primary
    }
}

/// `CREATE TABLE name (cols [constraints]) [AS query]`.
public struct CreateTable: Hashable, Sendable {
    public var name: String
    public var schema: Schema
    public var ifNotExists: Bool
    /// `CREATE TABLE … AS query`: the rows to fill it with.
    public var input: LogicalPlan?
    /// UNIQUE and PRIMARY KEY constraints, enforced on INSERT and UPDATE.
    public var uniqueKeys: [UniqueKey]

    public init(name: String, schema: Schema, ifNotExists: Bool, input: LogicalPlan?, uniqueKeys: [UniqueKey] = []) {
        self.name = name
        self.schema = schema
        self.ifNotExists = ifNotExists
        self.input = input
        self.uniqueKeys = uniqueKeys
    }
}

/// `CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (cols)`: a UNIQUE index adds a
/// unique key to the table; otherwise an index is recorded but scans do not use it.
public struct CreateIndex: Hashable, Sendable {
    public var name: String
    public var table: String
    public var columns: [Int]
    public var unique: Bool
    public var ifNotExists: Bool

    public init(name: String, table: String, columns: [Int], unique: Bool, ifNotExists: Bool) {
        self.name = name
        self.table = table
        self.columns = columns
        self.unique = unique
        self.ifNotExists = ifNotExists
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
    /// A setting back to its declared default; every setting when `name` is nil (`RESET ALL`).
    case resetVariable(name: String?)
    case showVariable(name: String?)
    /// `COPY table|(query) TO 'file' [(FORMAT csv|json, HEADER, DELIMITER ',')]`.
    case copyTo(input: LogicalPlan, path: String, options: CopyOptions)
    /// `COPY table FROM 'file' [(…)]`.
    case copyFrom(table: String, path: String, options: CopyOptions)
}

/// The options of COPY: the file's format (`json` means JSON lines, as in DuckDB),
/// whether a CSV file has a header line, its delimiter and the text that means NULL; for
/// Parquet files written, the compression and the rows in a row group (DuckDB's defaults).
public struct CopyOptions: Hashable, Sendable {
    public enum Format: String, Hashable, Sendable { case csv, jsonl, parquet }
    /// The codecs `COMPRESSION` names, as DuckDB spells them.
    public enum Compression: String, Hashable, Sendable, CaseIterable {
        case snappy, zstd, gzip, lz4Raw = "lz4_raw", uncompressed
    }
    public var format: Format
    public var header: Bool
    public var delimiter: String
    public var null: String?
    public var compression: Compression
    public var rowGroupSize: Int
    public static let defaultRowGroupSize = 122_880

    public init(format: Format = .csv, header: Bool = true, delimiter: String = ",", null: String? = nil,
                compression: Compression = .snappy, rowGroupSize: Int = CopyOptions.defaultRowGroupSize) {
        self.format = format
        self.header = header
        self.delimiter = delimiter
        self.null = null
        self.compression = compression
        self.rowGroupSize = rowGroupSize
    }
}

/// `EXPLAIN [ANALYZE] [VERBOSE] statement`, `EXPLAIN (FORMAT JSON, …) statement`. Output:
/// `plan_type`, `plan`.
public struct Explain: Hashable, Sendable {
    /// The plan display the statement asks for (`FORMAT …`); nil: the session's
    /// `explain.format`.
    public enum Format: String, Hashable, Sendable, CaseIterable {
        case indent, tree, json
    }
    public let verbose: Bool
    public let analyze: Bool
    public let format: Format?
    public let plan: LogicalPlan
    public var schema: Schema { Explain.outputSchema }
    /// `(plan_type, plan)`, as DataFusion's EXPLAIN returns.
    public static let outputSchema = Schema([Field(name: "plan_type", dataType: .text, nullable: false),
                                             Field(name: "plan", dataType: .text, nullable: false)])
    public init(verbose: Bool, analyze: Bool, format: Format? = nil, plan: LogicalPlan) {
        self.verbose = verbose
        self.analyze = analyze
        self.format = format
        self.plan = plan
    }
}
