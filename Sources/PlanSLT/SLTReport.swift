import PlanCore

/// What running sqllogictest files found: each record's outcome, per file, and the
/// totals; shown as text, JSON or JUnit XML (``SLTJUnit``).
public struct SLTReport: Sendable {
    /// One record's outcome.
    public struct Case: Sendable {
        public enum Status: Sendable, Equatable {
            case passed
            case failed(String)
            /// Why it did not run: `skipif planscope`, `mode skip`, `require parquet`.
            case skipped(String)
        }
        public let file: String
        public let line: Int
        public let bindings: [String]
        public let status: Status
        public let seconds: Double

        /// `file:line` (with loop variables: `a.slt:12 [i=3]`).
        public var location: String {
            "\(file):\(line)" + (bindings.isEmpty ? "" : " [\(bindings.joined(separator: ", "))]")
        }
    }

    /// A failed record: where and why.
    public struct Failure: Sendable, CustomStringConvertible {
        public let file: String
        public let line: Int
        public let bindings: [String]
        public let message: String
        public var description: String {
            "\(file):\(line)" + (bindings.isEmpty ? "" : " [\(bindings.joined(separator: ", "))]") + ": \(message)"
        }
    }

    /// One file's records.
    public struct File: Sendable {
        public let path: String
        public var cases: [Case] = []
        public var seconds: Double = 0
        /// With the Substrait round trip: the query records run, and those of them the skip
        /// list ran the usual way.
        public var roundTripQueries = 0
        public var roundTripSkipped = 0

        public init(path: String) { self.path = path }

        public var passed: Int { cases.count { $0.status == .passed } }
        public var failed: Int { cases.count { if case .failed = $0.status { true } else { false } } }
        public var skipped: Int { cases.count { if case .skipped = $0.status { true } else { false } } }
        public var failures: [Failure] {
            cases.compactMap { c in
                if case .failed(let m) = c.status { Failure(file: c.file, line: c.line, bindings: c.bindings, message: m) } else { nil }
            }
        }

        /// `path: N passed, N failed[, N skipped]`.
        public var line: String { "\(path): " + SLTReport.counts(passed, failed, skipped) }
    }

    public var files: [File] = []

    public init(files: [File] = []) { self.files = files }

    public var passed: Int { files.reduce(0) { $0 + $1.passed } }
    public var failed: Int { files.reduce(0) { $0 + $1.failed } }
    public var skipped: Int { files.reduce(0) { $0 + $1.skipped } }
    public var failures: [Failure] { files.flatMap(\.failures) }
    public var seconds: Double { files.reduce(0) { $0 + $1.seconds } }

    /// `N passed, N failed[, N skipped]`: the closing line.
    public var line: String { Self.counts(passed, failed, skipped) }

    /// With the Substrait round trip: how many query records the skip list ran the usual
    /// way, of how many, as a percentage (`20 of 1001 query records (2.0%) …`).
    public var roundTripLine: String {
        let (skipped, queries) = roundTripCounts
        let percent = queries == 0 ? 0 : Double(skipped) * 100 / Double(queries)
        return "Substrait round trip: \(skipped) of \(queries) query records (\(String(format: "%.1f", percent))%) on the skip list, run without it"
    }

    /// The query records the skip list ran the usual way, and the query records run.
    public var roundTripCounts: (skipped: Int, queries: Int) {
        (files.reduce(0) { $0 + $1.roundTripSkipped }, files.reduce(0) { $0 + $1.roundTripQueries })
    }

    static func counts(_ passed: Int, _ failed: Int, _ skipped: Int) -> String {
        "\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : "")
    }

    public mutating func add(_ other: SLTReport) { files += other.files }

    /// `{"schema_version": 1, "passed", "failed", "skipped", "failures": [{file, line, message}],
    /// "files": [{file, passed, failed, skipped, seconds}]}`, and with the Substrait round trip
    /// `"substrait_round_trip": {"skipped", "queries"}`.
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("schema_version", .int(1)), ("passed", .int(Int64(passed))), ("failed", .int(Int64(failed))),
            ("skipped", .int(Int64(skipped))),
            ("failures", .array(failures.map { f in
                var fields: [(String, JSONValue)] = [("file", .string(f.file)), ("line", .int(Int64(f.line))), ("message", .string(f.message))]
                if !f.bindings.isEmpty { fields.append(("bindings", .array(f.bindings.map { .string($0) }))) }
                return .object(fields)
            })),
            ("files", .array(files.map { f in
                .object([("file", .string(f.path)), ("passed", .int(Int64(f.passed))), ("failed", .int(Int64(f.failed))),
                         ("skipped", .int(Int64(f.skipped))), ("seconds", .double(f.seconds))])
            })),
        ]
        let (roundTripSkipped, roundTripQueries) = roundTripCounts
        if roundTripQueries > 0 {
            fields.append(("substrait_round_trip", .object([("skipped", .int(Int64(roundTripSkipped))), ("queries", .int(Int64(roundTripQueries)))])))
        }
        return .object(fields)
    }
}
