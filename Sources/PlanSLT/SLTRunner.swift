import Foundation
import PlanCore
import PlanEngine
import PlanSupport

/// Runs sqllogictest files, each in its own fresh ``Session`` (``runAll(_:jobs:report:)``
/// runs several at once).
public struct SLTRunner: Sendable {
    /// The name `skipif`/`onlyif` test against.
    public var engineName = "planscope"
    /// Rewrite expected results with the actual ones (for review in the diff).
    public var complete = false
    /// Stop a file at its first failure (and ``runAll(_:jobs:report:)`` after the first
    /// file that fails).
    public var failFast = false
    /// Only report this record (1-based header line); earlier records still run.
    public var onlyLine: Int?
    /// `SET name = value` applied to each file's session before its first record
    /// (e.g. `optimizer.rulepack` = `none`).
    public var settings: [(String, String)] = []
    /// Run every query record through Substrait (planned, exported, imported, run from
    /// the imported plan: ``PlanEngine/Session/queryThroughSubstrait(_:cancellation:)``).
    public var substraitRoundTrip = false
    /// Records that cannot round-trip, by `file.slt:LINE` (the file's name, not its
    /// folder), with the reason: run the usual way and counted as skipped by the round trip.
    public var substraitSkips: [String: String] = [:]

    /// Each file's session logs its stages into the process's logging system
    /// (``PlanEngine/Session/processLogger``); otherwise nowhere.
    public var logsStages = false

    public typealias Summary = SLTReport
    public typealias Failure = SLTReport.Failure

    public init() {}

    /// A record's key in ``substraitSkips``: its file's folder and name, and its line
    /// (`joins/outer.slt:42`).
    public static func recordKey(_ record: SLTRecord) -> String { fileKey(record.file) + ":\(record.line)" }

    /// A file's part of its records' keys: its folder and name (`joins/outer.slt`).
    static func fileKey(_ path: String) -> String { path.split(separator: "/").suffix(2).joined(separator: "/") }

    /// The skip list's text: `folder/file.slt:LINE reason` a line; `#` starts a comment.
    /// A line without a reason is an error naming it.
    public static func substraitSkips(_ text: String, file: String) throws(PlanError) -> [String: String] {
        var out: [String: String] = [:]
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0].contains(".slt:") else {
                throw PlanError(.syntax, "\(file):\(i + 1): expected 'folder/file.slt:LINE reason'")
            }
            out[parts[0]] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        return out
    }

    /// What a file's records set for the ones after them.
    struct FileState {
        var hashThreshold = 0
        var labels: [String: String] = [:]
        var skipping = false
        var missing: String?
        var resultMode = SLTRecord.ResultMode.rowwise
        var defaultSort = SLTRecord.SortMode.nosort
        /// Query results completed, by header line (``complete``).
        var completed: [Int: [String]] = [:]
        /// Columns are separated by tabs in this file's results (DuckDB's dialect).
        var tabs = false
    }

    /// Runs one file. `report` is called with each failure as it happens.
    public func run(file path: String, report: (Failure) -> Void = { _ in }) -> SLTReport {
        let start = Date()
        var result = SLTReport.File(path: path)
        func fileFailure(line: Int, _ message: String) -> SLTReport {
            let f = Failure(file: path, line: line, bindings: [], message: message)
            report(f)
            result.cases.append(.init(file: path, line: line, bindings: [], status: .failed(message), seconds: Date().timeIntervalSince(start)))
            result.seconds = Date().timeIntervalSince(start)
            return SLTReport(files: [result])
        }
        let text: String
        do { text = try TextFile.read(path) } catch { return fileFailure(line: 0, "cannot read file: \(error.reason)") }
        let records: [SLTRecord]
        do { records = try SLTParser.parse(text, file: path) } catch { return fileFailure(line: error.line, error.message) }
        let session = Session(baseDirectory: PathText.deletingLastComponent(path), logger: logsStages ? Session.processLogger : Session.silentLogger)
        for (k, v) in settings {
            do { try session.set(k, v) } catch { return fileFailure(line: 0, "bad setting \(k): \(error.description)") }
        }
        var state = FileState()
        // DuckDB's dialect separates columns by tabs: results written so, or a `.test` file.
        state.tabs = path.hasSuffix(".test") || records.contains { r in
            if case .query(_, _, _, let e?) = r.kind { return e.contains { $0.contains("\t") } }
            return false
        }
        for record in records {
            let applies = record.applies(to: engineName)
            switch record.kind {
            case .halt: if applies { break } else { continue }
            case .hashThreshold(let n): state.hashThreshold = n; continue
            case .skipMode(let on): state.skipping = on; continue
            case .resultMode(let m): state.resultMode = m; continue
            case .defaultSort(let s): state.defaultSort = s; continue
            case .require(let name):
                if applies, state.missing == nil, !Self.has(name, session) { state.missing = name }
                continue
            case .statement, .statementCount, .query, .queryError: break
            }
            if case .halt = record.kind { break }
            let inFile = record.file == path
            if let onlyLine, inFile, record.line > onlyLine { break }
            let counted = onlyLine == nil || (inFile && onlyLine == record.line)
            let why: String? = !applies ? (record.skipIf.contains(engineName) ? "skipif \(engineName)" : "onlyif \(record.onlyIf.joined(separator: " "))")
                : state.skipping ? "mode skip"
                : state.missing.map { "require \($0)" }
            if let why {
                if counted { result.cases.append(.init(file: record.file, line: record.line, bindings: record.bindings, status: .skipped(why), seconds: 0)) }
                continue
            }
            if substraitRoundTrip, counted, case .query = record.kind {
                result.roundTripQueries += 1
                if substraitSkips[SLTRunner.recordKey(record)] != nil { result.roundTripSkipped += 1 }
            }
            let began = Date()
            var failure = check(record, session, &state)
            var attempts = record.retry?.attempts ?? 0
            while failure != nil, attempts > 0 {
                attempts -= 1
                if let backoff = record.retry?.backoffSeconds, backoff > 0 { Thread.sleep(forTimeInterval: backoff) }
                failure = check(record, session, &state)
            }
            guard counted else { continue }
            let seconds = Date().timeIntervalSince(began)
            if let failure {
                report(Failure(file: record.file, line: record.line, bindings: record.bindings, message: failure))
                result.cases.append(.init(file: record.file, line: record.line, bindings: record.bindings, status: .failed(failure), seconds: seconds))
                if failFast { break }
            } else {
                result.cases.append(.init(file: record.file, line: record.line, bindings: record.bindings, status: .passed, seconds: seconds))
            }
        }
        if substraitRoundTrip, onlyLine == nil {
            // A skip line naming no query record of this file (its line moved, the record
            // went) would otherwise let another record skip the round trip unnoticed.
            let queries = Set(records.compactMap { r -> String? in if case .query = r.kind { SLTRunner.recordKey(r) } else { nil } })
            let prefix = SLTRunner.fileKey(path) + ":"
            for key in substraitSkips.keys.sorted() where key.hasPrefix(prefix) && !queries.contains(key) {
                let message = "the Substrait skip list names \(key), which is not a query record of this file"
                report(Failure(file: path, line: 0, bindings: [], message: message))
                result.cases.append(.init(file: path, line: 0, bindings: [], status: .failed(message), seconds: 0))
            }
        }
        if complete { SLTCompletion.rewrite(path: path, text: text, records: records, results: state.completed) }
        result.seconds = Date().timeIntervalSince(start)
        return SLTReport(files: [result])
    }

    /// Whether this planscope has `name` for `require`: an enabled capability (a planner,
    /// a table factory's format, a function) of that name, derived from what the session
    /// registered.
    static func has(_ name: String, _ session: Session) -> Bool {
        session.capabilities.capabilities.contains { $0.enabled && $0.name.lowercased() == name.lowercased() }
    }

    /// Runs one record; nil when it did what it says, else why not.
    func check(_ record: SLTRecord, _ session: Session, _ state: inout FileState) -> String? {
        switch record.kind {
        case .statement(let expectError, let pattern):
            do {
                _ = try session.execute(record.sql)
                if expectError { return "statement succeeded, but an error was expected" + (pattern.map { " (\($0.text))" } ?? "") }
            } catch {
                if !expectError { return "statement failed: \(error.description)" }
                return pattern?.mismatch(error.description)
            }
            return nil
        case .statementCount(let n):
            do {
                let results = try session.execute(record.sql)
                guard let last = results.last else { return "statement returned nothing, but \(n) rows were expected" }
                let count = Self.affectedRows(last)
                return count == n ? nil : "statement count \(count.map(String.init) ?? "unknown (\(last.commandTag ?? "no tag"))"), expected \(n)"
            } catch {
                return "statement failed: \(error.description)"
            }
        case .queryError(let pattern):
            do {
                _ = try session.execute(record.sql)
                return "query succeeded, but an error was expected"
            } catch {
                return pattern?.mismatch(error.description)
            }
        case .query(let types, let sort, let label, let expected):
            return checkQuery(record, types: types, sort: sort ?? state.defaultSort, label: label, expected: expected, session, &state)
        case .hashThreshold, .halt, .require, .skipMode, .resultMode, .defaultSort:
            return nil
        }
    }

    func checkQuery(_ record: SLTRecord, types: String, sort: SLTRecord.SortMode, label: String?, expected: [String]?,
                    _ session: Session, _ state: inout FileState) -> String? {
        let result: StatementResult
        do {
            result = substraitRoundTrip && substraitSkips[SLTRunner.recordKey(record)] == nil
                ? try session.queryThroughSubstrait(record.sql) : try session.query(record.sql)
        } catch {
            return "query failed: \(error.description)"
        }
        var failure: String?
        let completing = complete && record.bindings.isEmpty
        let keepTypes = types.count == result.schema.count && types.allSatisfy { SLTRunner.typeLetters.contains($0) }
        let columnTypes = completing && !keepTypes ? SLTRunner.inferTypes(result) : types
        let valuewise = state.resultMode == .valuewise
        let separator = state.tabs ? "\t" : " "
        var actual = SLTRunner.format(result, types: columnTypes, sort: sort, hashThreshold: state.hashThreshold,
                                      separator: separator, valuewise: valuewise)
        // An expectation written as a hash is compared as a hash, whatever the threshold
        // (as the reference runner and sqllogictest-rs do).
        if !complete, let e = expected, e.count == 1, SLTRunner.isHashLine(e[0]), actual.count != 1 || !SLTRunner.isHashLine(actual[0]) {
            actual = SLTRunner.format(result, types: columnTypes, sort: sort, hashThreshold: 0, alwaysHash: true)
        }
        if completing { state.completed[record.line] = [columnTypes] + actual }
        if !complete, types.count != result.schema.count {
            failure = "query returns \(result.schema.count) columns, but the record declares \(types.count) ('\(types)')"
        }
        if let label {
            let key = SLTRunner.md5(actual.joined(separator: "\n"))
            if let previous = state.labels[label], previous != key {
                failure = "result differs from earlier query labelled '\(label)'"
            }
            state.labels[label] = key
        }
        // Compared by code point (UTF-8 bytes): Swift's `String` `==` would take a result that
        // is only canonically equivalent to the expected one (é for e + U+0301).
        if failure == nil, !complete, actual.map(SLTRunner.bytes) != (expected ?? []).map(SLTRunner.bytes) {
            // Rows or values, spaces or tabs, a value's line breaks: the same words in the
            // same order match.
            func values(_ lines: [String]) -> [[UInt8]] {
                lines.flatMap { $0.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }).map(Array.init) }
            }
            if values(expected ?? []) != values(actual) {
                failure = "query result mismatch\n" + SLTRunner.diff(expected ?? [], actual)
            }
        }
        return failure
    }

    /// The rows a statement affected (`INSERT 0 3`, `DELETE 2`) or returned.
    static func affectedRows(_ result: StatementResult) -> Int? {
        result.isQuery ? result.rowCount : result.affectedRows
    }

    /// Column type letters a record may declare: SQLite's I, R, T; DataFusion's B
    /// (boolean), D (date and time), P (timestamp) and ? (any), which read as text.
    public static let typeLetters: Set<Character> = ["I", "R", "T", "B", "D", "P", "?"]

    /// `.slt` and `.test` files under the given paths (directories are searched
    /// recursively), sorted.
    public static func expand(_ paths: [String]) -> [String] { SLTFiles.expand(paths) }
}
