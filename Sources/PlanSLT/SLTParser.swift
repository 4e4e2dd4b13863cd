/// Parses the sqllogictest format: records separated by blank lines, `#` comments,
/// `statement ok|error`, `query <types> [nosort|rowsort|valuesort] [label]` with a `----`
/// result block, `hash-threshold N`, `skipif`/`onlyif <engine>`, `halt`.
public enum SLTParser {
    public static func parse(_ text: String, file: String) throws(SLTSyntaxError) -> [SLTRecord] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        var records: [SLTRecord] = []
        var i = 0
        var skipIf: [String] = [], onlyIf: [String] = []
        func isBlank(_ s: String) -> Bool { s.allSatisfy { $0 == " " || $0 == "\t" } }
        while i < lines.count {
            let line = lines[i]
            let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if isBlank(line) || line.hasPrefix("#") { i += 1; continue }
            let start = i
            switch words[0] {
            case "skipif", "onlyif":
                guard words.count >= 2 else { throw SLTSyntaxError(file: file, line: i + 1, message: "\(words[0]) needs an engine name") }
                if words[0] == "skipif" { skipIf.append(words[1]) } else { onlyIf.append(words[1]) }
                i += 1
                continue
            case "halt":
                records.append(SLTRecord(kind: .halt, sql: "", line: i + 1, skipIf: skipIf, onlyIf: onlyIf, lineRange: i..<(i + 1)))
                skipIf = []; onlyIf = []
                i += 1
                continue
            case "hash-threshold":
                guard words.count == 2, let n = Int(words[1]) else {
                    throw SLTSyntaxError(file: file, line: i + 1, message: "hash-threshold needs a number")
                }
                records.append(SLTRecord(kind: .hashThreshold(n), sql: "", line: i + 1, skipIf: [], onlyIf: [], lineRange: i..<(i + 1)))
                i += 1
                continue
            case "statement", "query":
                break
            default:
                throw SLTSyntaxError(file: file, line: i + 1, message: "unknown record type '\(words[0])'")
            }
            i += 1
            var sqlLines: [String] = []
            while i < lines.count, !isBlank(lines[i]), lines[i] != "----" { sqlLines.append(lines[i]); i += 1 }
            var result: [String]?
            if i < lines.count, lines[i] == "----" {
                i += 1
                var out: [String] = []
                while i < lines.count, !isBlank(lines[i]) { out.append(lines[i]); i += 1 }
                result = out
            }
            guard !sqlLines.isEmpty else { throw SLTSyntaxError(file: file, line: start + 1, message: "record has no SQL") }
            let sql = sqlLines.joined(separator: "\n")
            let kind: SLTRecord.Kind
            if words[0] == "statement" {
                guard words.count >= 2, words[1] == "ok" || words[1] == "error" || words[1] == "count" else {
                    throw SLTSyntaxError(file: file, line: start + 1, message: "expected 'statement ok' or 'statement error'")
                }
                let fragment = words.count > 2 ? words[2...].joined(separator: " ") : result?.joined(separator: "\n")
                kind = .statement(expectError: words[1] == "error", errorFragment: words[1] == "error" ? fragment : nil)
            } else if words.count >= 2, words[1] == "error" {
                let fragment = words.count > 2 ? words[2...].joined(separator: " ") : result?.joined(separator: "\n")
                kind = .queryError(errorFragment: fragment)
            } else {
                guard words.count >= 2 else { throw SLTSyntaxError(file: file, line: start + 1, message: "query needs column types (e.g. 'query IT')") }
                var sort = SLTRecord.SortMode.nosort
                var label: String?
                if words.count >= 3 {
                    guard let s = SLTRecord.SortMode(rawValue: words[2]) else {
                        throw SLTSyntaxError(file: file, line: start + 1, message: "unknown sort mode '\(words[2])' (nosort, rowsort, valuesort)")
                    }
                    sort = s
                }
                if words.count >= 4 { label = words[3] }
                kind = .query(types: words[1], sort: sort, label: label, expected: result)
            }
            records.append(SLTRecord(kind: kind, sql: sql, line: start + 1, skipIf: skipIf, onlyIf: onlyIf, lineRange: start..<i))
            skipIf = []; onlyIf = []
        }
        return records
    }
}
