import Crypto
import Foundation
import PlanCore
import PlanEngine

/// Runs sqllogictest files, each in its own fresh ``Session``.
public struct SLTRunner {
    /// The name `skipif`/`onlyif` test against.
    public var engineName = "planscope"
    /// Rewrite expected results with the actual ones (for review in the diff).
    public var complete = false
    /// Only report this record (1-based header line); earlier records still run.
    public var onlyLine: Int?
    /// `SET name = value` applied to each file's session before its first record
    /// (e.g. `optimizer.rulepack` = `none`).
    public var settings: [(String, String)] = []

    public struct Failure: Sendable, CustomStringConvertible {
        public let file: String
        public let line: Int
        public let message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    public struct Summary: Sendable {
        public var passed = 0
        public var failed = 0
        public var skipped = 0
        public var failures: [Failure] = []

        public init() {}

        /// `N passed, N failed[, N skipped]`.
        public var line: String {
            "\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : "")
        }

        /// `{"schema_version": 1, "passed", "failed", "skipped", "failures": [{file, line, message}]}`.
        public var json: JSONValue {
            .object([
                ("schema_version", .int(1)), ("passed", .int(Int64(passed))), ("failed", .int(Int64(failed))),
                ("skipped", .int(Int64(skipped))),
                ("failures", .array(failures.map {
                    .object([("file", .string($0.file)), ("line", .int(Int64($0.line))), ("message", .string($0.message))])
                })),
            ])
        }

        public mutating func add(_ other: Summary) {
            passed += other.passed
            failed += other.failed
            skipped += other.skipped
            failures += other.failures
        }
    }

    public init() {}

    /// Runs one file. `report` is called with each failure as it happens.
    public func run(file path: String, report: (Failure) -> Void = { _ in }) -> Summary {
        var summary = Summary()
        let data: Data
        do { data = try TextFile.data(path) } catch {
            let f = Failure(file: path, line: 0, message: "cannot read file: \(error.reason)")
            report(f)
            summary.failed += 1
            summary.failures.append(f)
            return summary
        }
        let text = String(decoding: data, as: UTF8.self)
        let records: [SLTRecord]
        do { records = try SLTParser.parse(text, file: path) } catch {
            let f = Failure(file: path, line: error.line, message: error.message)
            report(f)
            summary.failed += 1
            summary.failures.append(f)
            return summary
        }
        let session = Session(baseDirectory: PathText.deletingLastComponent(path))
        for (k, v) in settings {
            do { try session.set(k, v) } catch {
                let f = Failure(file: path, line: 0, message: "bad setting \(k): \(error.description)")
                report(f)
                summary.failed += 1
                summary.failures.append(f)
                return summary
            }
        }
        var hashThreshold = 0
        var labels: [String: String] = [:]
        var completed: [Int: [String]] = [:]

        for record in records {
            if case .halt = record.kind, record.applies(to: engineName) { break }
            if case .hashThreshold(let n) = record.kind { hashThreshold = n; continue }
            let counted = onlyLine == nil || onlyLine == record.line
            guard record.applies(to: engineName) else { if counted { summary.skipped += 1 }; continue }
            if let onlyLine, record.line > onlyLine { break }
            var failure: String?
            switch record.kind {
            case .statement(let expectError, let fragment):
                do {
                    _ = try session.execute(record.sql)
                    if expectError { failure = "statement succeeded, but an error was expected" + (fragment.map { " (\($0))" } ?? "") }
                } catch {
                    if !expectError { failure = "statement failed: \(error.description)" }
                    else if let fragment, !error.description.contains(fragment) {
                        failure = "wrong error\n  expected: \(fragment)\n  actual:   \(error.description)"
                    }
                }
            case .queryError(let fragment):
                do {
                    _ = try session.execute(record.sql)
                    failure = "query succeeded, but an error was expected"
                } catch {
                    if let fragment, !error.description.contains(fragment) {
                        failure = "wrong error\n  expected: \(fragment)\n  actual:   \(error.description)"
                    }
                }
            case .query(let types, let sort, let label, let expected):
                do {
                    let result = try session.query(record.sql)
                    let columnTypes = complete ? SLTRunner.inferTypes(result) : types
                    var actual = SLTRunner.format(result, types: columnTypes, sort: sort, hashThreshold: hashThreshold)
                    // An expectation written as a hash is compared as a hash, whatever the
                    // threshold (as the reference runner and sqllogictest-rs do).
                    if !complete, let e = expected, e.count == 1, SLTRunner.isHashLine(e[0]), actual.count != 1 || !SLTRunner.isHashLine(actual[0]) {
                        actual = SLTRunner.format(result, types: columnTypes, sort: sort, hashThreshold: 0, alwaysHash: true)
                    }
                    if complete { completed[record.line] = [columnTypes] + actual }
                    if !complete, types.count != result.schema.count {
                        failure = "query returns \(result.schema.count) columns, but the record declares \(types.count) ('\(types)')"
                    }
                    if let label {
                        let key = SLTRunner.md5(actual.joined(separator: "\n"))
                        if let previous = labels[label], previous != key {
                            failure = "result differs from earlier query labelled '\(label)'"
                        }
                        labels[label] = key
                    }
                    // Compared by code point: Swift's `String` `==` would take a result that is
                    // only canonically equivalent to the expected one (é for e + U+0301).
                    if failure == nil, !complete, actual.map(SLTRunner.bytes) != (expected ?? []).map(SLTRunner.bytes) {
                        let flatExpected = (expected ?? []).flatMap(SLTRunner.words)
                        let flatActual = actual.flatMap(SLTRunner.words)
                        if flatExpected != flatActual {
                            failure = "query result mismatch\n" + SLTRunner.diff(expected ?? [], actual)
                        }
                    }
                } catch {
                    if complete { completed[record.line] = nil }
                    failure = "query failed: \(error.description)"
                }
            case .hashThreshold, .halt:
                break
            }
            guard counted else { continue }
            if let failure {
                let f = Failure(file: path, line: record.line, message: failure)
                report(f)
                summary.failed += 1
                summary.failures.append(f)
            } else {
                summary.passed += 1
            }
        }
        if complete { rewrite(path: path, text: text, records: records, results: completed) }
        return summary
    }

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// A result line's values, split at spaces, as bytes.
    static func words(_ line: String) -> [[UInt8]] { line.utf8.split(separator: UInt8(ascii: " ")).map(Array.init) }

    static func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// Values as the format prints them: NULL, `(empty)`, integers, R with three decimals.
    public static func format(_ result: StatementResult, types: String, sort: SLTRecord.SortMode, hashThreshold: Int,
                              alwaysHash: Bool = false) -> [String] {
        let letters = Array(types)
        var rows: [[String]] = result.rows.map { row in
            row.enumerated().map { i, v in value(v, type: i < letters.count ? letters[i] : "T") }
        }
        switch sort {
        case .nosort: break
        // By code point (UTF-8 bytes), as other runners sort: Swift's `String` `<` orders
        // canonically equivalent texts (e + U+0301, é) as one.
        case .rowsort: rows.sort { $0.lexicographicallyPrecedes($1, by: SLTRunner.precedes) }
        case .valuesort:
            let values = rows.flatMap { $0 }.sorted(by: SLTRunner.precedes)
            rows = values.map { [$0] }
        }
        let count = rows.reduce(0) { $0 + $1.count }
        if alwaysHash || (hashThreshold > 0 && count > hashThreshold) {
            let joined = rows.flatMap { $0 }.map { $0 + "\n" }.joined()
            return ["\(count) values hashing to \(md5(joined))"]
        }
        return rows.map { $0.joined(separator: " ") }
    }

    static func value(_ v: ScalarValue, type: Character) -> String {
        if v.isNull { return "NULL" }
        switch type {
        case "R":
            guard let d = v.doubleValue else { return v.sqlText }
            return String(format: "%.3f", d)
        case "I":
            if let i = v.int64Value { return String(i) }
            if case .boolean(let b) = v { return b ? "1" : "0" }
            if let d = v.doubleValue, d.isFinite { return String(Int64(d.rounded(.towardZero))) }
            return v.sqlText
        default:
            let s = v.sqlText
            return s.isEmpty ? "(empty)" : s
        }
    }

    /// Column type letters for completion: I integers, R floats, T everything else
    /// (decimals stay exact as text).
    static func inferTypes(_ result: StatementResult) -> String {
        String(result.schema.fields.map { f -> Character in
            if f.dataType.isInteger { return "I" }
            if f.dataType.isFloat { return "R" }
            return "T"
        })
    }

    /// `N values hashing to <32 hex digits>`.
    static func isHashLine(_ line: String) -> Bool {
        let parts = line.split(separator: " ")
        guard parts.count == 5, Int(parts[0]) != nil, parts[1] == "values", parts[2] == "hashing", parts[3] == "to" else { return false }
        return parts[4].count == 32 && parts[4].allSatisfy(\.isHexDigit)
    }

    static func md5(_ s: String) -> String {
        Insecure.MD5.hash(data: Data(s.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func diff(_ expected: [String], _ actual: [String]) -> String {
        var out: [String] = []
        for i in 0..<max(expected.count, actual.count) {
            let e = i < expected.count ? expected[i] : "<missing>"
            let a = i < actual.count ? actual[i] : "<missing>"
            if !e.utf8.elementsEqual(a.utf8) { out.append("  row \(i + 1): expected \(e)\n          actual   \(a)") }
            if out.count >= 5 { out.append("  …"); break }
        }
        return out.joined(separator: "\n")
    }

    /// Writes `results` into the query records' result blocks.
    func rewrite(path: String, text: String, records: [SLTRecord], results: [Int: [String]]) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for record in records.reversed() {
            guard case .query = record.kind, let actual = results[record.line] else { continue }
            var block = Array(lines[record.lineRange])
            if let sep = block.firstIndex(of: "----") { block = Array(block[..<sep]) }
            var header = block[0].split(separator: " ").map(String.init)
            if header.count >= 2, let types = actual.first { header[1] = types; block[0] = header.joined(separator: " ") }
            block.append("----")
            block.append(contentsOf: actual.dropFirst())
            lines.replaceSubrange(record.lineRange, with: block)
        }
        try? lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// `.slt` files under the given paths (directories are searched recursively), sorted.
    public static func expand(_ paths: [String]) -> [String] {
        var out: [String] = []
        for p in paths {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: p, isDirectory: &isDir), isDir.boolValue {
                let e = FileManager.default.enumerator(atPath: p)
                var found: [String] = []
                while let f = e?.nextObject() as? String { if f.hasSuffix(".slt") { found.append((p as NSString).appendingPathComponent(f)) } }
                out.append(contentsOf: found.sorted())
            } else {
                out.append(p)
            }
        }
        return out
    }
}
