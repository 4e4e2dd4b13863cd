import PlanCore

/// Recursive-descent SQL parser producing ``Statement`` values with source spans.
public struct Parser {
    var tokens: [Token]
    var position = 0
    let source: String
    var depth = 0

    /// Nesting deeper than this (parentheses, subqueries, CASE) is rejected with an error
    /// rather than risking the stack.
    public static let maxDepth = 1000
    /// The most operands one chain of binary operators (`1 + 2 - 3 || …`) may have: such
    /// a chain is a tree as deep as it is long, and planning it takes time quadratic in its
    /// length. AND/OR chains and IN lists are flat and have no such limit.
    public static let maxChainTerms = 100_000

    /// Words that end an expression or FROM item, so they are never taken as aliases.
    static let reserved: Set<String> = [
        "SELECT", "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "UNION", "INTERSECT",
        "EXCEPT", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "ON", "USING", "AND", "OR",
        "NOT", "AS", "BY", "WITH", "CASE", "WHEN", "THEN", "ELSE", "END", "IS", "IN", "BETWEEN", "LIKE",
        "ILIKE", "NULL", "TRUE", "FALSE", "DISTINCT", "ALL", "VALUES", "INTO", "SET", "CREATE", "DROP",
        "INSERT", "DELETE", "UPDATE", "EXPLAIN", "OUTER", "ASC", "DESC", "NULLS", "FILTER", "WINDOW",
        "FETCH", "EXISTS", "CAST", "INTERVAL", "LATERAL", "QUALIFY",
    ]

    public init(_ source: String) throws(PlanError) {
        self.init(tokens: try Lexer.tokenize(source), source: source)
    }

    /// A parser over tokens already read from `source` by ``Lexer/tokenize(_:)`` (which
    /// end with `endOfInput`).
    init(tokens: [Token], source: String) {
        self.source = source
        self.tokens = tokens
    }

    /// Parses every `;`-separated statement in `source`.
    public static func parse(_ source: String) throws(PlanError) -> [ParsedStatement] {
        var parser = try Parser(source)
        return try parser.parseStatements()
    }

    /// Parses every statement of `source` from its tokens, for a caller that needs the
    /// tokens too (a pipeline's canonical form): the text is lexed once.
    public static func parse(tokens: [Token], source: String) throws(PlanError) -> [ParsedStatement] {
        guard tokens.last?.kind == .endOfInput else { return try parse(source) }
        var parser = Parser(tokens: tokens, source: source)
        return try parser.parseStatements()
    }

    /// Parses a type name alone (`DECIMAL(15, 2)`, `VARCHAR`), as a spec's column types
    /// are written.
    public static func dataType(_ text: String) throws(PlanError) -> DataType {
        var parser = try Parser(text)
        let t = try parser.parseTypeName()
        guard parser.current.kind == .endOfInput else { throw parser.unexpected("the end of the type name") }
        guard let type = DataType.named(t.name, arguments: t.arguments) else {
            throw PlanError(.typeMismatch, "unknown type \(t.name)", at: t.span)
        }
        return type
    }

    /// Parses exactly one statement (a trailing `;` is allowed).
    public static func parseOne(_ source: String) throws(PlanError) -> Statement {
        let all = try parse(source)
        guard let first = all.first else { throw PlanError(.syntax, "empty statement") }
        if all.count > 1 {
            throw PlanError(.syntax, "expected one statement, found \(all.count)", at: all[1].span)
        }
        return first.statement
    }

    // MARK: - Token helpers

    var current: Token { tokens[position] }
    func peek(_ n: Int = 1) -> Token { tokens[min(position + n, tokens.count - 1)] }

    @discardableResult
    mutating func advance() -> Token {
        let t = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return t
    }

    mutating func consumeKeyword(_ k: String) -> Bool {
        if current.isKeyword(k) { advance(); return true }
        return false
    }

    mutating func consumeKeywords(_ ks: String...) -> Bool {
        for (i, k) in ks.enumerated() where !peek(i).isKeyword(k) { return false }
        for _ in ks { advance() }
        return true
    }

    mutating func consumeSymbol(_ s: String) -> Bool {
        if current.isSymbol(s) { advance(); return true }
        return false
    }

    func unexpected(_ expected: String) -> PlanError {
        PlanError(.syntax, "expected \(expected), found \(current.display)", at: current.span)
    }

    mutating func expectKeyword(_ k: String) throws(PlanError) {
        guard consumeKeyword(k) else { throw unexpected(k) }
    }

    mutating func expectSymbol(_ s: String) throws(PlanError) {
        guard consumeSymbol(s) else { throw unexpected("'\(s)'") }
    }

    mutating func enter() throws(PlanError) {
        depth += 1
        if depth > Parser.maxDepth {
            throw PlanError(.syntax, "statement nested too deeply (limit \(Parser.maxDepth))", at: current.span)
        }
    }
    mutating func leave() { depth -= 1 }

    /// An identifier: an unreserved word or a quoted identifier.
    mutating func parseIdent(_ what: String = "identifier") throws(PlanError) -> Ident {
        let t = current
        switch t.kind {
        case .word(let w) where !Parser.reserved.contains(w.uppercased()):
            advance()
            return Ident(value: w, quoted: false, span: t.span)
        case .quotedIdentifier(let q):
            advance()
            return Ident(value: q, quoted: true, span: t.span)
        default:
            throw unexpected(what)
        }
    }

    /// Like ``parseIdent(_:)`` but also accepts reserved words (after a dot, say).
    mutating func parseAnyIdent(_ what: String = "identifier") throws(PlanError) -> Ident {
        let t = current
        switch t.kind {
        case .word(let w): advance(); return Ident(value: w, quoted: false, span: t.span)
        case .quotedIdentifier(let q): advance(); return Ident(value: q, quoted: true, span: t.span)
        default: throw unexpected(what)
        }
    }

    mutating func parseObjectName(_ what: String) throws(PlanError) -> ObjectName {
        var parts = [try parseIdent(what)]
        while current.isSymbol("."), case .word = peek().kind { advance(); parts.append(try parseAnyIdent(what)) }
        while current.isSymbol("."), case .quotedIdentifier = peek().kind { advance(); parts.append(try parseAnyIdent(what)) }
        return ObjectName(parts: parts)
    }

    mutating func parseIdentList() throws(PlanError) -> [Ident] {
        try expectSymbol("(")
        var out = [try parseIdent("column name")]
        while consumeSymbol(",") { out.append(try parseIdent("column name")) }
        try expectSymbol(")")
        return out
    }

    mutating func parseInteger(_ what: String) throws(PlanError) -> Int {
        guard case .number(let n) = current.kind, let v = Int(n) else { throw unexpected(what) }
        advance()
        return v
    }

    // MARK: - Statements

    mutating func parseStatements() throws(PlanError) -> [ParsedStatement] {
        var out: [ParsedStatement] = []
        while true {
            while consumeSymbol(";") {}
            if current.kind == .endOfInput { return out }
            let start = current.span
            let statement = try parseStatement()
            let endToken = tokens[max(0, position - 1)]
            let span = start.merged(with: endToken.span)
            let utf8 = Array(source.utf8)
            let text = String(decoding: utf8[span.offset..<min(utf8.count, span.offset + span.length)], as: UTF8.self)
            out.append(ParsedStatement(statement: statement, sql: text, span: span))
            if current.kind != .endOfInput && !current.isSymbol(";") {
                throw unexpected("';' or end of statement")
            }
        }
    }

    mutating func parseStatement() throws(PlanError) -> Statement {
        let t = current
        if t.isKeyword("SELECT") || t.isKeyword("WITH") || t.isKeyword("VALUES") || t.isSymbol("(") {
            return .query(try parseQuery())
        }
        if consumeKeyword("EXPLAIN") {
            let options = try parseExplainOptions()
            let inner = try parseStatement()
            if case .explain = inner { throw PlanError(.syntax, "EXPLAIN cannot be nested", at: t.span) }
            return .explain(verbose: options.verbose, analyze: options.analyze, format: options.format, inner)
        }
        if t.isKeyword("CREATE") { return try parseCreate() }
        if consumeKeyword("INSERT") {
            try expectKeyword("INTO")
            let table = try parseObjectName("table name")
            var columns: [Ident] = []
            if current.isSymbol("("), !peek().isKeyword("SELECT"), !peek().isKeyword("WITH"), !peek().isKeyword("VALUES") {
                columns = try parseIdentList()
            }
            guard current.isKeyword("SELECT") || current.isKeyword("VALUES") || current.isKeyword("WITH") || current.isSymbol("(") else {
                throw unexpected("VALUES or SELECT")
            }
            let source = try parseQuery()
            return .insert(table: table, columns: columns, source: source, onConflict: try parseOnConflict())
        }
        if consumeKeyword("DELETE") {
            try expectKeyword("FROM")
            let table = try parseObjectName("table name")
            if current.isKeyword("USING") { throw PlanError(.unsupported, "DELETE … USING is not supported", at: current.span) }
            let whereClause = consumeKeyword("WHERE") ? try parseExpr() : nil
            try rejectDMLOptions("DELETE")
            return .delete(table: table, whereClause: whereClause)
        }
        if consumeKeyword("UPDATE") { return try parseUpdate() }
        if consumeKeyword("DROP") {
            if consumeKeyword("INDEX") {
                let ifExists = consumeKeywords("IF", "EXISTS")
                return .dropIndex(name: try parseIdent("index name"), ifExists: ifExists)
            }
            let isView: Bool
            if consumeKeyword("TABLE") { isView = false }
            else if consumeKeyword("VIEW") { isView = true }
            else { throw unexpected("TABLE, VIEW or INDEX") }
            let ifExists = consumeKeywords("IF", "EXISTS")
            return .drop(isView: isView, name: try parseObjectName(isView ? "view name" : "table name"), ifExists: ifExists)
        }
        if current.isKeyword("COPY") { return try parseCopy() }
        if consumeKeyword("SET") { return try parseSet() }
        if current.isKeyword("RESET") { return try parseReset() }
        if consumeKeyword("SHOW") {
            if consumeKeyword("ALL") { return .show(name: nil) }
            if consumeKeywords("TIME", "ZONE") { return .show(name: "timezone") }  // PostgreSQL's spelling
            return .show(name: try parseSettingName())
        }
        throw unexpected("a statement (SELECT, WITH, VALUES, CREATE, INSERT, DELETE, UPDATE, DROP, EXPLAIN, SET, RESET, SHOW, COPY)")
    }

    /// Options other engines accept on DELETE/UPDATE that planscope does not: rejected
    /// explicitly rather than ignored.
    mutating func rejectDMLOptions(_ statement: String) throws(PlanError) {
        for word in ["RETURNING", "LIMIT", "ORDER", "ON"] where current.isKeyword(word) {
            throw PlanError(.unsupported, "\(statement) … \(word) is not supported", at: current.span)
        }
    }

    /// `optimizer.max_passes` — dotted words, any case, folded to lower case.
    mutating func parseSettingName() throws(PlanError) -> String {
        var parts = [try parseAnyIdent("setting name").normalized]
        while consumeSymbol(".") { parts.append(try parseAnyIdent("setting name").normalized) }
        return parts.joined(separator: ".")
    }

    mutating func parseCreate() throws(PlanError) -> Statement {
        let createToken = advance()
        let orReplace = consumeKeywords("OR", "REPLACE")
        if consumeKeyword("VIEW") {
            let name = try parseObjectName("view name")
            var columns: [Ident] = []
            if current.isSymbol("(") { columns = try parseIdentList() }
            try expectKeyword("AS")
            let start = current.span.offset
            let query = try parseQuery()
            let end = tokens[max(0, position - 1)].span
            let utf8 = Array(source.utf8)
            let sql = String(decoding: utf8[start..<min(utf8.count, end.offset + end.length)], as: UTF8.self)
            return .createView(name: name, columns: columns, query: query, orReplace: orReplace, sql: sql)
        }
        if orReplace { throw PlanError(.syntax, "OR REPLACE is only supported for views", at: createToken.span) }
        let unique = consumeKeyword("UNIQUE")
        if unique || current.isKeyword("INDEX") {
            try expectKeyword("INDEX")
            let ifNotExists = consumeKeywords("IF", "NOT", "EXISTS")
            let name = try parseIdent("index name")
            try expectKeyword("ON")
            let table = try parseObjectName("table name")
            try expectSymbol("(")
            var columns: [Ident] = []
            repeat {
                columns.append(try parseIdent("column name"))
                _ = consumeKeyword("ASC") || consumeKeyword("DESC")
            } while consumeSymbol(",")
            try expectSymbol(")")
            return .createIndex(name: name, table: table, columns: columns, unique: unique, ifNotExists: ifNotExists)
        }
        if consumeKeyword("EXTERNAL") {
            try expectKeyword("TABLE")
            let ifNotExists = consumeKeywords("IF", "NOT", "EXISTS")
            let name = try parseObjectName("table name")
            var columns: [ColumnDef] = []
            if current.isSymbol("(") { columns = try parseColumnDefs() }
            try expectKeyword("STORED")
            try expectKeyword("AS")
            let format = try parseAnyIdent("file format")
            var partitionedBy: [Ident] = []
            var location: String?
            var options: [(String, String)] = []
            while true {
                if consumeKeyword("LOCATION") {
                    guard case .string(let s) = current.kind else { throw unexpected("a quoted path after LOCATION") }
                    advance()
                    location = s
                } else if consumeKeywords("PARTITIONED", "BY") {
                    partitionedBy = try parseIdentList()
                } else if consumeKeyword("OPTIONS") {
                    try expectSymbol("(")
                    repeat {
                        let key: String
                        switch current.kind {
                        case .string(let s): key = s; advance()
                        default: key = try parseAnyIdent("option name").normalized
                        }
                        _ = consumeSymbol("=")
                        let value: String
                        switch current.kind {
                        case .string(let s), .number(let s): value = s; advance()
                        case .word(let w): value = w; advance()
                        default: throw unexpected("an option value")
                        }
                        options.append((key, value))
                    } while consumeSymbol(",")
                    try expectSymbol(")")
                } else {
                    break
                }
            }
            guard let location else { throw unexpected("LOCATION 'path'") }
            return .createExternalTable(name: name, columns: columns, format: format, location: location,
                                        options: options, partitionedBy: partitionedBy, ifNotExists: ifNotExists)
        }
        try expectKeyword("TABLE")
        let ifNotExists = consumeKeywords("IF", "NOT", "EXISTS")
        let name = try parseObjectName("table name")
        if consumeKeyword("AS") {
            return .createTable(name: name, columns: [], keys: [], ifNotExists: ifNotExists, asQuery: try parseQuery())
        }
        var keys: [KeyConstraint] = []
        let columns = try parseColumnDefs(keys: &keys)
        var asQuery: Query?
        if consumeKeyword("AS") { asQuery = try parseQuery() }
        return .createTable(name: name, columns: columns, keys: keys, ifNotExists: ifNotExists, asQuery: asQuery)
    }

    mutating func parseColumnDefs() throws(PlanError) -> [ColumnDef] {
        var keys: [KeyConstraint] = []
        let columns = try parseColumnDefs(keys: &keys)
        if let key = keys.first {
            throw PlanError(.unsupported, "\(key.primary ? "PRIMARY KEY" : "UNIQUE") constraints are only supported on CREATE TABLE", at: key.span)
        }
        return columns
    }

    /// Column definitions with their constraints (NOT NULL, NULL, UNIQUE, PRIMARY KEY,
    /// DEFAULT is rejected), and table constraints `[CONSTRAINT name] PRIMARY KEY (…)` /
    /// `UNIQUE (…)` among them.
    mutating func parseColumnDefs(keys: inout [KeyConstraint]) throws(PlanError) -> [ColumnDef] {
        try expectSymbol("(")
        var out: [ColumnDef] = []
        repeat {
            let start = current.span
            if consumeKeyword("CONSTRAINT") { _ = try parseIdent("constraint name") }
            let primary = current.isKeyword("PRIMARY")
            if consumeKeywords("PRIMARY", "KEY") || consumeKeyword("UNIQUE") {
                let columns = try parseIdentList()
                keys.append(KeyConstraint(columns: columns, primary: primary, span: start.merged(with: tokens[position - 1].span)))
                continue
            }
            let name = try parseIdent("column name")
            let type = try parseTypeName()
            var column = ColumnDef(name: name, type: type, notNull: false)
            while true {
                if consumeKeyword("CONSTRAINT") { _ = try parseIdent("constraint name"); continue }
                if consumeKeywords("NOT", "NULL") { column.notNull = true; continue }
                if consumeKeyword("NULL") { continue }
                if consumeKeywords("PRIMARY", "KEY") {
                    column.notNull = true
                    column.primaryKey = true
                    _ = consumeKeyword("ASC") || consumeKeyword("DESC")
                    continue
                }
                if consumeKeyword("UNIQUE") { column.unique = true; continue }
                break
            }
            out.append(column)
        } while consumeSymbol(",")
        try expectSymbol(")")
        return out
    }

    /// `INTEGER`, `DECIMAL(15, 2)`, `DOUBLE PRECISION`, `CHARACTER VARYING(10)`.
    mutating func parseTypeName() throws(PlanError) -> TypeName {
        let t = current
        guard case .word(let w) = t.kind else { throw unexpected("a type name") }
        advance()
        var name = w.uppercased()
        if name == "DOUBLE", consumeKeyword("PRECISION") { name = "DOUBLE" }
        if name == "CHARACTER", consumeKeyword("VARYING") { name = "VARCHAR" }
        var args: [Int] = []
        if consumeSymbol("(") {
            repeat { args.append(try parseInteger("a type length")) } while consumeSymbol(",")
            try expectSymbol(")")
        }
        var span = t.span.merged(with: tokens[position - 1].span)
        if name == "TIMESTAMP", consumeKeywords("WITHOUT", "TIME", "ZONE") {
            span = span.merged(with: tokens[position - 1].span)
        } else if name == "TIMESTAMP", consumeKeywords("WITH", "TIME", "ZONE") {
            name = "TIMESTAMPTZ"
            span = span.merged(with: tokens[position - 1].span)
        }
        return TypeName(name: name, arguments: args, span: span)
    }
}
