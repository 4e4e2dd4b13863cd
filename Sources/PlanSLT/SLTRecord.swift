/// One record of a sqllogictest file.
public struct SLTRecord: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `statement ok` / `statement error [expected fragment]`.
        case statement(expectError: Bool, errorFragment: String?)
        /// `query <types> [sortmode] [label]` with its expected lines; or `query error …`.
        case query(types: String, sort: SortMode, label: String?, expected: [String]?)
        case queryError(errorFragment: String?)
        /// `hash-threshold N`.
        case hashThreshold(Int)
        case halt
    }

    public enum SortMode: String, Sendable, Equatable {
        case nosort, rowsort, valuesort
    }

    public var kind: Kind
    public var sql: String
    /// 1-based line of the record's header.
    public var line: Int
    /// `skipif X` / `onlyif X` conditions before the record.
    public var skipIf: [String]
    public var onlyIf: [String]
    /// The record's text as written (for --complete), from header to its last line.
    public var lineRange: Range<Int>

    /// Whether the record runs on the engine named `engine`.
    public func applies(to engine: String) -> Bool {
        if skipIf.contains(engine) { return false }
        if !onlyIf.isEmpty && !onlyIf.contains(engine) { return false }
        return true
    }
}

/// A problem in the file itself (not in the engine's answers).
public struct SLTSyntaxError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int
    public let message: String
    public var description: String { "\(file):\(line): \(message)" }
}
