/// One record of a sqllogictest file, in any of the dialects ``SLTParser`` reads.
public struct SLTRecord: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `statement ok` / `statement error [expected message]`.
        case statement(expectError: Bool, error: SLTErrorPattern?)
        /// `statement count N`: the statement succeeds and affects (or returns) N rows.
        case statementCount(Int)
        /// `query <types> [sortmode] [label]` with its expected lines (`sort` nil: the file's
        /// `control sortmode`, else `nosort`).
        case query(types: String, sort: SortMode?, label: String?, expected: [String]?)
        /// `query error [expected message]`.
        case queryError(error: SLTErrorPattern?)
        /// `hash-threshold N`.
        case hashThreshold(Int)
        case halt
        /// `require NAME`: the records after it run only if planscope has NAME.
        case require(String)
        /// `mode skip` (true) / `mode unskip` (false).
        case skipMode(Bool)
        /// `control resultmode valuewise|rowwise`.
        case resultMode(ResultMode)
        /// `control sortmode nosort|rowsort|valuesort`: the default for queries without one.
        case defaultSort(SortMode)
    }

    public enum SortMode: String, Sendable, Equatable, CaseIterable {
        case nosort, rowsort, valuesort
    }

    /// How expected values are laid out: one row a line, or one value a line.
    public enum ResultMode: String, Sendable, Equatable, CaseIterable {
        case rowwise, valuewise
    }

    /// `retry N backoff D` on a `statement` or `query` header.
    public struct Retry: Sendable, Equatable {
        public var attempts: Int
        public var backoffSeconds: Double
        public init(attempts: Int, backoffSeconds: Double) {
            self.attempts = attempts
            self.backoffSeconds = backoffSeconds
        }
    }

    public var kind: Kind
    public var sql: String
    /// The file the record is written in (an `include`d file's own path).
    public var file: String
    /// 1-based line of the record's header in ``file``.
    public var line: Int
    /// `skipif X` / `onlyif X` conditions before the record.
    public var skipIf: [String]
    public var onlyIf: [String]
    /// The record's lines in ``file`` (0-based, header to last result line), for --complete.
    public var lineRange: Range<Int>
    public var retry: Retry?
    /// The loop variables the record was expanded with (`i=3`), empty outside loops.
    public var bindings: [String]

    public init(kind: Kind, sql: String, file: String, line: Int, skipIf: [String] = [], onlyIf: [String] = [],
                lineRange: Range<Int>, retry: Retry? = nil, bindings: [String] = []) {
        self.kind = kind
        self.sql = sql
        self.file = file
        self.line = line
        self.skipIf = skipIf
        self.onlyIf = onlyIf
        self.lineRange = lineRange
        self.retry = retry
        self.bindings = bindings
    }

    /// Whether the record runs on the engine named `engine`.
    public func applies(to engine: String) -> Bool {
        if skipIf.contains(engine) { return false }
        if !onlyIf.isEmpty && !onlyIf.contains(engine) { return false }
        return true
    }

    /// `file:line`, with the loop variables when there are any: `a.slt:12 [i=3]`.
    public var location: String {
        "\(file):\(line)" + (bindings.isEmpty ? "" : " [\(bindings.joined(separator: ", "))]")
    }
}

/// A problem in the file itself (not in the engine's answers).
public struct SLTSyntaxError: Error, CustomStringConvertible, Sendable, Equatable {
    public let file: String
    public let line: Int
    public let message: String
    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }
    public var description: String { "\(file):\(line): \(message)" }
}
