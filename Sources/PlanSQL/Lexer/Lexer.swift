import PlanCore

/// Turns SQL text into tokens. Comments (`-- …`, `/* … */`, nested) and whitespace are
/// skipped; every token records line, column and UTF-8 offset.
public struct Lexer {
    private var bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    /// Set when the last error was input that ended inside a string, quoted identifier or
    /// comment: more input may complete it.
    public private(set) var endedInsideToken = false

    public init(_ source: String) { bytes = Array(source.utf8) }

    /// Where the lexer stands: the byte offset, line and the offset its line starts at.
    struct Position: Equatable {
        var index: Int
        var line: Int
        var lineStart: Int
    }

    var position: Position {
        get { Position(index: index, line: line, lineStart: lineStart) }
        set { index = newValue.index; line = newValue.line; lineStart = newValue.lineStart }
    }

    /// The input so far, as bytes.
    var input: ArraySlice<UInt8> { bytes[...] }

    /// Adds text at the end of the input (the lexer continues where it stands).
    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// All tokens, ending with `.endOfInput`.
    public static func tokenize(_ source: String) throws(PlanError) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let t = try lexer.next()
            tokens.append(t)
            if t.kind == .endOfInput { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        index + ahead < bytes.count ? bytes[index + ahead] : nil
    }

    /// The last column worked out (byte offset and its 1-based column), so that each
    /// token's column is counted from the previous token, not from the line's start:
    /// lexing stays linear on long lines.
    private var columnCache: (lineStart: Int, offset: Int, column: Int) = (0, 0, 1)

    private mutating func span(from start: Int, line startLine: Int, lineStart startLineStart: Int) -> SourceSpan {
        var (from, column) = (startLineStart, 1)
        if columnCache.lineStart == startLineStart, columnCache.offset <= start { (from, column) = (columnCache.offset, columnCache.column) }
        // Characters, counted as UTF-8 sequences (continuation bytes do not start one).
        var i = from
        while i < start {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        columnCache = (startLineStart, start, column)
        return SourceSpan(line: startLine, column: column, offset: start, length: index - start)
    }

    private mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }

    private mutating func skipTrivia() throws(PlanError) {
        while let c = peek() {
            if c == 32 || c == 9 || c == 10 || c == 13 {
                advance()
            } else if c == UInt8(ascii: "-"), peek(1) == UInt8(ascii: "-") {
                while let d = peek(), d != 10 { advance() }
            } else if c == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                let start = index, startLine = line, startLS = lineStart
                advance(); advance()
                var depth = 1
                while depth > 0 {
                    guard let d = peek() else {
                        index = start + 2
                        endedInsideToken = true
                        throw PlanError(.syntax, "unterminated /* comment", at: span(from: start, line: startLine, lineStart: startLS))
                    }
                    if d == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") { advance(); advance(); depth -= 1 }
                    else if d == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") { advance(); advance(); depth += 1 }
                    else { advance() }
                }
            } else {
                return
            }
        }
    }

    private static func isIdentStart(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c >= 0x80
    }
    private static func isIdentPart(_ c: UInt8) -> Bool { isIdentStart(c) || isDigit(c) || c == 36 }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// The next token.
    public mutating func next() throws(PlanError) -> Token {
        endedInsideToken = false
        try skipTrivia()
        let start = index, startLine = line, startLS = lineStart
        func make(_ kind: Token.Kind) -> Token {
            Token(kind: kind, span: span(from: start, line: startLine, lineStart: startLS))
        }
        guard let c = peek() else { return make(.endOfInput) }

        if c == UInt8(ascii: "x") || c == UInt8(ascii: "X"), peek(1) == UInt8(ascii: "'") {
            return try lexBlob(start: start, line: startLine, lineStart: startLS)
        }
        if Lexer.isIdentStart(c) {
            while let d = peek(), Lexer.isIdentPart(d) { advance() }
            return make(.word(String(decoding: bytes[start..<index], as: UTF8.self)))
        }
        if Lexer.isDigit(c) || (c == UInt8(ascii: ".") && peek(1).map(Lexer.isDigit) == true) {
            return try lexNumber(start: start, line: startLine, lineStart: startLS)
        }
        if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
            return try lexQuoted(c, start: start, line: startLine, lineStart: startLS)
        }
        if c == UInt8(ascii: "-"), peek(1) == UInt8(ascii: ">") {
            // `->` and `->>`: operators an expression planner gives meaning to.
            advance(); advance()
            if peek() == UInt8(ascii: ">") { advance(); return make(.symbol("->>")) }
            return make(.symbol("->"))
        }
        if let d = peek(1), let two = Lexer.twoByteSymbol(c, d) {
            advance(); advance()
            return make(.symbol(two))
        }
        if Lexer.singleByteSymbols.contains(c) {
            advance()
            return make(.symbol(String(UnicodeScalar(c))))
        }
        // Consume one whole (possibly multi-byte) character for the message.
        advance()
        while let d = peek(), d & 0xC0 == 0x80 { advance() }
        let ch = String(decoding: bytes[start..<index], as: UTF8.self)
        throw PlanError(.syntax, "unexpected character '\(ch)'", at: span(from: start, line: startLine, lineStart: startLS))
    }
}

extension Lexer {
    /// Operators of two characters (`<>` read as `!=`), without making a string of every
    /// pair of punctuation characters looked at.
    static func twoByteSymbol(_ a: UInt8, _ b: UInt8) -> String? {
        switch (a, b) {
        case (UInt8(ascii: "<"), UInt8(ascii: "=")): "<="
        case (UInt8(ascii: ">"), UInt8(ascii: "=")): ">="
        case (UInt8(ascii: "<"), UInt8(ascii: ">")), (UInt8(ascii: "!"), UInt8(ascii: "=")): "!="
        case (UInt8(ascii: "|"), UInt8(ascii: "|")): "||"
        case (UInt8(ascii: ":"), UInt8(ascii: ":")): "::"
        case (UInt8(ascii: "="), UInt8(ascii: ">")): "=>"
        default: nil
        }
    }

    /// Punctuation that is a token on its own.
    static let singleByteSymbols: Set<UInt8> = Set("()+-*/%,.;=<>[]:".utf8)

    /// `X'0aff'`: a blob literal (an even number of hex digits).
    mutating func lexBlob(start: Int, line startLine: Int, lineStart startLS: Int) throws(PlanError) -> Token {
        func make(_ kind: Token.Kind) -> Token {
            Token(kind: kind, span: span(from: start, line: startLine, lineStart: startLS))
        }
        // X'0aff': a blob literal.
        advance(); advance()
        var digits: [UInt8] = []
        while true {
            guard let d = peek() else {
                endedInsideToken = true
                throw PlanError(.syntax, "unterminated blob literal", at: SourceSpan(line: startLine, column: span(from: start, line: startLine, lineStart: startLS).column, offset: start, length: 1))
            }
            advance()
            if d == UInt8(ascii: "'") { break }
            digits.append(d)
        }
        guard let bytes = ScalarValue.bytes(hex: String(decoding: digits, as: UTF8.self)) else {
            throw PlanError(.syntax, "malformed blob literal: X'…' needs an even number of hex digits",
                            at: span(from: start, line: startLine, lineStart: startLS))
        }
        return make(.blob(bytes))
    }

    /// `12`, `1.5`, `.5`, `1e-3`; digits run into letters are a malformed number.
    mutating func lexNumber(start: Int, line startLine: Int, lineStart startLS: Int) throws(PlanError) -> Token {
        func make(_ kind: Token.Kind) -> Token {
            Token(kind: kind, span: span(from: start, line: startLine, lineStart: startLS))
        }
        while let d = peek(), Lexer.isDigit(d) { advance() }
        if peek() == UInt8(ascii: "."), peek(1) != UInt8(ascii: ".") {
            advance()
            while let d = peek(), Lexer.isDigit(d) { advance() }
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            let sign = peek(1)
            let hasSign = sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-")
            if let d = peek(hasSign ? 2 : 1), Lexer.isDigit(d) {
                advance()
                if hasSign { advance() }
                while let d = peek(), Lexer.isDigit(d) { advance() }
            }
        }
        if let d = peek(), Lexer.isIdentStart(d) {
            while let d = peek(), Lexer.isIdentPart(d) { advance() }
            throw PlanError(.syntax, "malformed number '\(String(decoding: bytes[start..<index], as: UTF8.self))'",
                            at: span(from: start, line: startLine, lineStart: startLS))
        }
        return make(.number(String(decoding: bytes[start..<index], as: UTF8.self)))
    }

    /// `'text'` (a string) or `"name"` (a quoted identifier); a doubled quote is one.
    mutating func lexQuoted(_ c: UInt8, start: Int, line startLine: Int, lineStart startLS: Int) throws(PlanError) -> Token {
        func make(_ kind: Token.Kind) -> Token {
            Token(kind: kind, span: span(from: start, line: startLine, lineStart: startLS))
        }
        let quote = c
        advance()
        var content: [UInt8] = []
        while true {
            guard let d = peek() else {
                let what = quote == UInt8(ascii: "'") ? "string literal" : "quoted identifier"
                endedInsideToken = true
                let s = SourceSpan(line: startLine, column: span(from: start, line: startLine, lineStart: startLS).column,
                                   offset: start, length: 1)
                throw PlanError(.syntax, "unterminated \(what)", at: s)
            }
            advance()
            if d == quote {
                if peek() == quote { advance(); content.append(quote); continue }
                break
            }
            content.append(d)
        }
        let text = String(decoding: content, as: UTF8.self)
        if quote == UInt8(ascii: "\"") {
            if text.isEmpty { throw PlanError(.syntax, "zero-length quoted identifier", at: make(.endOfInput).span) }
            return make(.quotedIdentifier(text))
        }
        return make(.string(text))
    }
}
