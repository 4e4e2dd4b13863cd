import Foundation
import PlanCore
import PlanSupport

/// Parses sqllogictest files as SQLite, DuckDB and sqllogictest-rs (DataFusion) write them.
///
/// Records are separated by blank lines; `#` starts a comment line. Lines may end in LF,
/// CRLF or CR, the file may start with a byte-order mark and end without a newline, and
/// directive words may be separated by spaces or tabs and followed by trailing space
/// (``TextLines``). The directives:
///
/// - `statement ok|error [regex]|count N` and `query <types> [sort] [label]` /
///   `query error [regex]`, each optionally ending in `retry N backoff D`; the SQL follows,
///   then `----` and the expected rows (or the expected error message);
/// - `hash-threshold N`, `skipif`/`onlyif <engine>`, `halt`, `require <name>`,
///   `mode skip|unskip`, `control resultmode valuewise|rowwise`, `control sortmode …`;
/// - `loop i A B` … `endloop` (A ≤ i < B) and `foreach name v1 v2 …` … `endforeach` (or
///   `endloop`, as DuckDB writes it): the lines between are read once per value with
///   `${name}` replaced;
/// - `include <file|glob>`: the records of other files (relative to this one), read in
///   place.
///
/// Anything else is an error naming file, line and the directive: never a silent skip.
public enum SLTParser {
    /// Reads an included file's text.
    public typealias Loader = @Sendable (String) throws(FileReadError) -> String

    /// Most loop iterations one loop may have (a typo such as `loop i 0 10000000000`
    /// stops here with an error instead of filling memory).
    public static let maxIterations = 100_000
    /// Most loop iterations a file may have in all (nested loops multiply).
    public static let maxTotalIterations = 1_000_000

    public static func parse(_ text: String, file: String,
                             load: @escaping Loader = { path throws(FileReadError) in try TextFile.read(path) })
        throws(SLTSyntaxError) -> [SLTRecord] {
        var parser = Parsing(load: load)
        try parser.parse(text, file: file)
        return parser.records
    }

    /// A line as numbered in its file (0-based) and its text after `${…}` substitution.
    struct Line {
        var index: Int
        var text: String
    }

    struct Parsing {
        let load: Loader
        var records: [SLTRecord] = []
        var skipIf: [String] = []
        var onlyIf: [String] = []
        var including: [String] = []
        /// Loop bodies read so far (at most ``maxTotalIterations``).
        var iterations = 0

        init(load: @escaping Loader) { self.load = load }

        mutating func parse(_ text: String, file: String) throws(SLTSyntaxError) {
            including.append(file)
            defer { including.removeLast() }
            let lines = TextLines.split(text).enumerated().map { Line(index: $0.offset, text: $0.element) }
            try parse(lines[...], file: file, bindings: [])
        }

        static func isBlank(_ s: String) -> Bool { s.allSatisfy { $0 == " " || $0 == "\t" } }
        static func words(_ s: String) -> [String] {
            s.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        }
        static func trimmedEnd(_ s: String) -> String {
            var t = Substring(s)
            while let last = t.last, last == " " || last == "\t" { t = t.dropLast() }
            return String(t)
        }
        static func isSeparator(_ s: String) -> Bool { trimmedEnd(s) == "----" }

        mutating func parse(_ lines: ArraySlice<Line>, file: String, bindings: [String]) throws(SLTSyntaxError) {
            var i = lines.startIndex
            func fail(_ line: Line, _ message: String) -> SLTSyntaxError {
                SLTSyntaxError(file: file, line: line.index + 1, message: message)
            }
            while i < lines.endIndex {
                let line = lines[i]
                let words = Self.words(line.text)
                if words.isEmpty || words[0].hasPrefix("#") { i += 1; continue }
                switch words[0] {
                case "skipif", "onlyif":
                    guard words.count >= 2 else { throw fail(line, "\(words[0]) needs an engine name") }
                    if words[0] == "skipif" { skipIf.append(words[1]) } else { onlyIf.append(words[1]) }
                    i += 1
                case "halt":
                    append(.halt, sql: "", file: file, at: line, range: line.index..<(line.index + 1), bindings: bindings)
                    i += 1
                case "hash-threshold":
                    guard words.count == 2, let n = Int(words[1]), n >= 0 else { throw fail(line, "hash-threshold needs a number") }
                    append(.hashThreshold(n), sql: "", file: file, at: line, range: line.index..<(line.index + 1), bindings: bindings)
                    i += 1
                case "require":
                    guard words.count >= 2 else { throw fail(line, "require needs a name (e.g. 'require json')") }
                    append(.require(words[1...].joined(separator: " ")), sql: "", file: file, at: line,
                           range: line.index..<(line.index + 1), bindings: bindings)
                    i += 1
                case "mode":
                    guard words.count == 2, words[1] == "skip" || words[1] == "unskip" else {
                        throw fail(line, "unknown mode '\(words.dropFirst().joined(separator: " "))' (skip, unskip)")
                    }
                    append(.skipMode(words[1] == "skip"), sql: "", file: file, at: line, range: line.index..<(line.index + 1), bindings: bindings)
                    i += 1
                case "control":
                    let kind: SLTRecord.Kind
                    if words.count == 3, words[1] == "resultmode", let m = SLTRecord.ResultMode(rawValue: words[2]) {
                        kind = .resultMode(m)
                    } else if words.count == 3, words[1] == "sortmode", let s = SLTRecord.SortMode(rawValue: words[2]) {
                        kind = .defaultSort(s)
                    } else {
                        throw fail(line, "unknown control '\(words.dropFirst().joined(separator: " "))' (resultmode valuewise|rowwise, sortmode nosort|rowsort|valuesort)")
                    }
                    append(kind, sql: "", file: file, at: line, range: line.index..<(line.index + 1), bindings: bindings)
                    i += 1
                case "loop", "concurrentloop", "foreach", "concurrentforeach":
                    i = try loop(lines, at: i, words: words, file: file, bindings: bindings)
                case "endloop", "endforeach":
                    throw fail(line, "'\(words[0])' without a loop")
                case "include":
                    guard words.count == 2 else { throw fail(line, "include needs one file name or glob") }
                    try include(words[1], from: file, at: line)
                    i += 1
                case "statement", "query":
                    i = try record(lines, at: i, words: words, file: file, bindings: bindings)
                default:
                    throw fail(line, "unknown directive '\(words[0])'")
                }
            }
        }

        mutating func append(_ kind: SLTRecord.Kind, sql: String, file: String, at line: Line, range: Range<Int>,
                             retry: SLTRecord.Retry? = nil, bindings: [String]) {
            records.append(SLTRecord(kind: kind, sql: sql, file: file, line: line.index + 1, skipIf: skipIf, onlyIf: onlyIf,
                                     lineRange: range, retry: retry, bindings: bindings))
            skipIf = []
            onlyIf = []
        }

        /// `loop NAME FROM TO` or `foreach NAME V…`: reads the body once per value.
        /// Returns the index after the loop's end line.
        mutating func loop(_ lines: ArraySlice<Line>, at start: Int, words: [String], file: String,
                           bindings: [String]) throws(SLTSyntaxError) -> Int {
            let header = lines[start]
            func fail(_ message: String) -> SLTSyntaxError { SLTSyntaxError(file: file, line: header.index + 1, message: message) }
            let isForeach = words[0].hasSuffix("foreach")
            let values: [String]
            if isForeach {
                guard words.count >= 3 else { throw fail("foreach needs a name and at least one value (foreach t int bigint)") }
                values = Array(words[2...])
            } else {
                guard words.count == 4, let from = Int(words[2]), let to = Int(words[3]) else {
                    throw fail("loop needs a name and two numbers (loop i 0 10), got '\(words.joined(separator: " "))'")
                }
                let (span, overflow) = to.subtractingReportingOverflow(from)
                guard to <= from || (!overflow && span <= SLTParser.maxIterations) else {
                    throw fail("loop of \(overflow ? "\(to) - \(from)" : "\(span)") iterations (at most \(SLTParser.maxIterations))")
                }
                values = from < to ? (from..<to).map(String.init) : []
            }
            let name = words[1]
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw fail("loop variable '\(name)' must be letters, digits and _")
            }
            // The matching end: loops and foreach nest.
            var depth = 0
            var end = start + 1
            while end < lines.endIndex {
                let first = Self.words(lines[end].text).first ?? ""
                if ["loop", "concurrentloop", "foreach", "concurrentforeach"].contains(first) { depth += 1 }
                if first == "endloop" || first == "endforeach" {
                    if depth == 0 {
                        if first == "endforeach", !isForeach {
                            throw SLTSyntaxError(file: file, line: lines[end].index + 1,
                                                 message: "'endforeach' closes the 'loop' at line \(header.index + 1) (use 'endloop')")
                        }
                        break
                    }
                    depth -= 1
                }
                end += 1
            }
            guard end < lines.endIndex else { throw fail("'\(words[0])' has no '\(isForeach ? "endforeach" : "endloop")'") }
            let body = lines[(start + 1)..<end]
            for value in values {
                iterations += 1
                guard iterations <= SLTParser.maxTotalIterations else {
                    throw fail("loops run more than \(SLTParser.maxTotalIterations) times in all")
                }
                let substituted = body.map { Line(index: $0.index, text: $0.text.replacingOccurrences(of: "${\(name)}", with: value)) }
                try parse(substituted[...], file: file, bindings: bindings + ["\(name)=\(value)"])
            }
            return end + 1
        }

        /// `include PATH` (a glob), relative to the including file's folder.
        mutating func include(_ pattern: String, from file: String, at line: Line) throws(SLTSyntaxError) {
            let base = PathText.deletingLastComponent(file)
            let full = pattern.hasPrefix("/") || base.isEmpty ? pattern : base + "/" + pattern
            let paths = SLTFiles.glob(full)
            guard !paths.isEmpty else {
                throw SLTSyntaxError(file: file, line: line.index + 1, message: "include '\(pattern)' matches no file")
            }
            for path in paths {
                guard !including.contains(path) else {
                    throw SLTSyntaxError(file: file, line: line.index + 1, message: "include '\(pattern)' includes '\(path)' again (a cycle)")
                }
                let text: String
                do throws(FileReadError) { text = try load(path) } catch {
                    throw SLTSyntaxError(file: file, line: line.index + 1, message: "include: \(error.description)")
                }
                try parse(text, file: path)
            }
        }

        /// A `statement` or `query` record: header, SQL, optional `----` block.
        mutating func record(_ lines: ArraySlice<Line>, at start: Int, words allWords: [String], file: String,
                             bindings: [String]) throws(SLTSyntaxError) -> Int {
            let header = lines[start]
            func fail(_ message: String) -> SLTSyntaxError { SLTSyntaxError(file: file, line: header.index + 1, message: message) }
            var words = allWords
            var headerText = Self.trimmedEnd(header.text)
            var retry: SLTRecord.Retry?
            if words.count >= 4, words[words.count - 4] == "retry", words[words.count - 2] == "backoff" {
                guard let n = Int(words[words.count - 3]), n >= 0, let d = SLTParser.duration(words[words.count - 1]) else {
                    throw fail("retry needs a count and a duration (retry 3 backoff 500ms)")
                }
                retry = SLTRecord.Retry(attempts: n, backoffSeconds: d)
                words.removeLast(4)
                if let r = headerText.range(of: "retry", options: .backwards) { headerText = Self.trimmedEnd(String(headerText[..<r.lowerBound])) }
            }
            var i = start + 1
            var sqlLines: [String] = []
            while i < lines.endIndex, !Self.isBlank(lines[i].text), !Self.isSeparator(lines[i].text) {
                sqlLines.append(lines[i].text)
                i += 1
            }
            var result: [String]?
            if i < lines.endIndex, Self.isSeparator(lines[i].text) {
                i += 1
                var out: [String] = []
                while i < lines.endIndex, !Self.isBlank(lines[i].text) { out.append(lines[i].text); i += 1 }
                result = out
            }
            guard !sqlLines.isEmpty else { throw fail("record has no SQL") }
            let sql = sqlLines.joined(separator: "\n")
            let range = header.index..<(i > start + 1 ? lines[i - 1].index + 1 : header.index + 1)
            /// The text after the first `n` words of the header (a regex keeps its spacing).
            func rest(after n: Int) -> String? {
                var t = Substring(headerText)
                for _ in 0..<n {
                    t = t.drop(while: { $0 == " " || $0 == "\t" })
                    t = t.drop(while: { $0 != " " && $0 != "\t" })
                }
                let r = t.drop(while: { $0 == " " || $0 == "\t" })
                return r.isEmpty ? nil : String(r)
            }
            func expectedError() -> SLTErrorPattern? {
                if let inline = rest(after: 2) { return SLTErrorPattern(text: inline, form: .inline) }
                return result.map { SLTErrorPattern(block: $0) }
            }
            let kind: SLTRecord.Kind
            if words[0] == "statement" {
                switch words.count >= 2 ? words[1] : "" {
                case "ok":
                    guard words.count == 2 else { throw fail("unexpected '\(words[2...].joined(separator: " "))' after 'statement ok'") }
                    kind = .statement(expectError: false, error: nil)
                case "error":
                    kind = .statement(expectError: true, error: expectedError())
                case "count":
                    guard words.count == 3, let n = Int(words[2]), n >= 0 else { throw fail("statement count needs a number of rows") }
                    kind = .statementCount(n)
                default:
                    throw fail("expected 'statement ok', 'statement error' or 'statement count N'")
                }
            } else if words.count >= 2, words[1] == "error" {
                kind = .queryError(error: expectedError())
            } else {
                guard words.count >= 2 else { throw fail("query needs column types (e.g. 'query IT')") }
                var sort: SLTRecord.SortMode?
                var label: String?
                if words.count >= 3 {
                    if let s = SLTRecord.SortMode(rawValue: words[2]) { sort = s }
                    else if words.count == 3 { label = words[2] }
                    else { throw fail("unknown sort mode '\(words[2])' (nosort, rowsort, valuesort)") }
                }
                if words.count >= 4 { label = words[3] }
                guard words.count <= 4 else { throw fail("unexpected '\(words[4...].joined(separator: " "))' after the query's label") }
                kind = .query(types: words[1], sort: sort, label: label, expected: result)
            }
            append(kind, sql: sql, file: file, at: header, range: range, retry: retry, bindings: bindings)
            return i
        }
    }

    /// `500ms`, `5s`, `1m`, or plain seconds.
    static func duration(_ text: String) -> Double? {
        for (suffix, scale) in [("ms", 0.001), ("s", 1.0), ("m", 60.0)] where text.hasSuffix(suffix) {
            return Double(text.dropLast(suffix.count)).map { $0 * scale }
        }
        return Double(text)
    }
}
