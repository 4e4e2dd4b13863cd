import PlanCore

/// Splits SQL text into statements at top-level semicolons, using the SQL ``Lexer`` (so
/// quotes, quoted identifiers and nested comments are understood exactly as the parser
/// understands them), without parsing.
///
/// Text can arrive in pieces (``append(_:)``, a line at a time from a REPL or a script):
/// the lexer resumes where it stopped, so splitting a whole script is linear in its
/// length. Completed statements come back padded with the newlines and spaces that
/// preceded them, so positions in errors match the text as a whole.
public struct StatementSplitter {
    /// One statement's text, padded so that positions match the whole input.
    public struct Piece: Sendable, Equatable {
        public var text: String
        /// True if the statement holds no token but its `;` (only comments or nothing).
        public var isBlank: Bool
    }

    private var lexer = Lexer("")
    /// Where the statement being gathered starts: its first token (until one is seen,
    /// just after the previous `;`).
    private var start = Lexer.Position(index: 0, line: 1, lineStart: 0)
    /// Whether the statement being gathered has a token yet.
    private var hasTokens = false
    /// Whether the input so far ends inside a string, quoted identifier or comment.
    public private(set) var insideToken = false

    public init() {}

    /// Adds text and returns the statements it completed.
    public mutating func append(_ text: String) -> [Piece] {
        lexer.append(text)
        var pieces: [Piece] = []
        insideToken = false
        while true {
            let before = lexer.position
            let token: Token
            do {
                token = try lexer.next()
            } catch {
                if lexer.endedInsideToken {
                    // More input may close the string or comment: look again next time.
                    lexer.position = before
                    insideToken = true
                    return pieces
                }
                // Other lexical errors are the parser's to report; the statement goes on.
                hasTokens = true
                continue
            }
            if token.kind == .endOfInput {
                // Trivia up to the end is consumed; a later append continues after it.
                return pieces
            }
            if token.span.offset + token.span.length == lexer.input.count, token.kind != .symbol(";") {
                // The token touches the end of the input: the next piece may extend it.
                lexer.position = before
                return pieces
            }
            guard token.kind == .symbol(";") else {
                if !hasTokens { start = position(of: token) }
                hasTokens = true
                continue
            }
            pieces.append(Piece(text: padded(from: start, to: lexer.position.index), isBlank: !hasTokens))
            start = lexer.position
            hasTokens = false
        }
    }

    /// The text gathered since the last complete statement, padded (empty when it holds
    /// only whitespace and comments).
    public var remainder: String {
        isPending ? padded(from: start, to: lexer.input.count) : ""
    }

    /// True when the text since the last complete statement holds a token (or an open
    /// string or comment): a REPL shows its continuation prompt.
    public var isPending: Bool {
        if hasTokens || insideToken { return true }
        // Text appended since the lexer last stopped (a token touching the end) counts too.
        let rest = lexer.input[lexer.position.index...]
        return rest.contains { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }
    }

    /// The lexer position of a token's first byte.
    private func position(of token: Token) -> Lexer.Position {
        let input = lexer.input
        var lineStart = token.span.offset
        while lineStart > 0, input[lineStart - 1] != 10 { lineStart -= 1 }
        return Lexer.Position(index: token.span.offset, line: token.span.line, lineStart: lineStart)
    }

    /// The statement text from `from` to byte `end`, with the newlines and spaces that put
    /// its first character where it was in the whole input.
    private func padded(from: Lexer.Position, to end: Int) -> String {
        let input = lexer.input
        let column = String(decoding: input[from.lineStart..<from.index], as: UTF8.self).count
        return String(repeating: "\n", count: from.line - 1) + String(repeating: " ", count: column)
            + String(decoding: input[from.index..<end], as: UTF8.self)
    }

    /// Complete statements of `source` (blank ones included, marked) and the
    /// unterminated rest, padded.
    public static func split(_ source: String) -> (complete: [Piece], remainder: String) {
        var splitter = StatementSplitter()
        var pieces = splitter.append(source)
        // At the end of the whole input nothing can extend the last token.
        pieces += splitter.append("\n")
        let rest = splitter.remainder
        return (pieces, rest.hasSuffix("\n") ? String(rest.dropLast()) : rest)
    }
}
