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

    /// The source line this span starts on, and a caret line under the span: control
    /// characters escaped, and a long line shown as a window around the span
    /// (``ReadableText/caret(line:start:count:width:)``).
    public func caret(in source: String) -> String? {
        guard isKnown else { return nil }
        let utf8 = source.utf8
        var lineStart = utf8.startIndex
        for _ in 1..<line {
            guard let newline = utf8[lineStart...].firstIndex(of: 0x0A) else { return nil }
            lineStart = utf8.index(after: newline)
        }
        let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
        let text = Substring(source[lineStart..<lineEnd])
        // The span's length is in UTF-8 bytes: counted in scalars when it starts on this line.
        var count = length
        let first = utf8.distance(from: utf8.startIndex, to: lineStart)
        let last = first + utf8.distance(from: lineStart, to: lineEnd)
        if offset >= first, offset <= last {
            let end = min(last, offset + length)
            count = utf8.dropFirst(offset).prefix(end - offset).reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
        }
        return ReadableText.caret(line: text, start: column - 1, count: count)
    }
}
