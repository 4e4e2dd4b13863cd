import Foundation
import PlanCore

/// `--complete`: writes actual query results into a file's result blocks, in the file's
/// own dialect — its line endings and byte-order mark, tabs between columns if its
/// results use them (DuckDB), one value a line after `control resultmode valuewise`, its
/// declared column types when they fit. Records from `include`d files and loop bodies
/// are left as written.
enum SLTCompletion {
    static func rewrite(path: String, text: String, records: [SLTRecord], results: [Int: [String]]) {
        let layout = TextLines(text)
        var lines = layout.lines
        for record in records.reversed() {
            guard record.file == path, record.bindings.isEmpty, case .query = record.kind,
                  let actual = results[record.line], record.lineRange.upperBound <= lines.count else { continue }
            var block = Array(lines[record.lineRange])
            var separator = "----"
            if let sep = block.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "----" }) {
                separator = block[sep]
                block = Array(block[..<sep])
            }
            if let types = actual.first, let range = typesRange(block[0]) {
                block[0].replaceSubrange(range, with: types)
            }
            block.append(separator)
            // A value's own line breaks become the file's.
            block.append(contentsOf: actual.dropFirst().flatMap { $0.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init) })
            lines.replaceSubrange(record.lineRange, with: block)
        }
        try? layout.text(lines).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Where the type letters are in a `query <types> …` header (its spacing kept).
    static func typesRange(_ header: String) -> Range<String.Index>? {
        var i = header.startIndex
        func skip(_ space: Bool) { while i < header.endIndex, (header[i] == " " || header[i] == "\t") == space { i = header.index(after: i) } }
        skip(true); skip(false); skip(true)
        let start = i
        skip(false)
        return start < i ? start..<i : nil
    }
}
