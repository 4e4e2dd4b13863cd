/// Where something sits in the SQL text: 1-based line and column, UTF-8 offset and length.
public struct SourceSpan: Hashable, Sendable, Codable {
    public var line: Int
    public var column: Int
    public var offset: Int
    public var length: Int

    public init(line: Int, column: Int, offset: Int, length: Int) {
        self.line = line
        self.column = column
        self.offset = offset
        self.length = length
    }

    /// A span for things that have no source (plans built by code).
    public static let none = SourceSpan(line: 0, column: 0, offset: 0, length: 0)
    public var isKnown: Bool { line > 0 }

    /// The smallest span covering both.
    public func merged(with other: SourceSpan) -> SourceSpan {
        guard isKnown else { return other }
        guard other.isKnown else { return self }
        let first = offset <= other.offset ? self : other
        let end = max(offset + length, other.offset + other.length)
        return SourceSpan(line: first.line, column: first.column, offset: first.offset, length: end - first.offset)
    }

    /// `line 3, column 17`.
    public var location: String { "line \(line), column \(column)" }

    /// The source line this span starts on, and a caret line under the span.
    public func caret(in source: String) -> String? {
        guard isKnown else { return nil }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard line - 1 < lines.count else { return nil }
        let text = String(lines[line - 1]).replacingAll("\t", with: " ")
        let width = max(1, min(length, max(1, text.count - (column - 1))))
        let marker = String(repeating: " ", count: max(0, column - 1)) + String(repeating: "^", count: width)
        return text + "\n" + marker
    }
}
