import Foundation

import PlanEngine
import PlanCore

/// Tab completion: backslash commands and their arguments, SQL keywords, tables and
/// views, columns of the tables the statement names, functions, settings after SET, and
/// file paths after `\i`, `\o` and `\trace load`.
public struct Completer {
    let context: CommandContext

    public init(context: CommandContext) { self.context = context }

    static let keywords = [
        "SELECT", "FROM", "WHERE", "GROUP BY", "ORDER BY", "HAVING", "LIMIT", "OFFSET", "JOIN", "LEFT JOIN", "RIGHT JOIN",
        "FULL JOIN", "CROSS JOIN", "INNER JOIN", "ON", "USING", "AND", "OR", "NOT", "IN", "EXISTS", "BETWEEN", "LIKE", "ILIKE",
        "IS NULL", "IS NOT NULL", "CASE", "WHEN", "THEN", "ELSE", "END", "AS", "DISTINCT", "UNION", "INTERSECT", "EXCEPT",
        "WITH", "VALUES", "INSERT INTO", "UPDATE", "DELETE FROM", "SET", "RESET", "CREATE TABLE", "CREATE VIEW", "CREATE EXTERNAL TABLE",
        "DROP TABLE", "DROP VIEW", "EXPLAIN", "ANALYZE", "VERBOSE", "SHOW", "CAST", "INTERVAL", "DATE", "TIMESTAMP", "NULL",
        "TRUE", "FALSE", "ASC", "DESC", "NULLS FIRST", "NULLS LAST", "STORED AS CSV", "LOCATION", "PARTITIONED BY", "OPTIONS",
        "OVER", "PARTITION BY", "WINDOW", "QUALIFY", "ROWS BETWEEN", "RANGE BETWEEN", "GROUPS BETWEEN", "UNBOUNDED PRECEDING",
        "UNBOUNDED FOLLOWING", "PRECEDING", "FOLLOWING", "CURRENT ROW", "EXCLUDE", "IGNORE NULLS",
    ]

    /// The word before the cursor and what it may become. `statement` holds earlier lines
    /// of a statement being typed (for column names).
    public func complete(line: String, statement: String = "") -> (word: String, candidates: [String]) {
        let word = String(line.reversed().prefix { !$0.isWhitespace && $0 != "(" && $0 != "," }.reversed())
        let before = String(line.dropLast(word.count))
        if line.hasPrefix("\\") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            if parts.count == 1 {
                let names = CommandRegistry.all.map { "\\" + $0.name }
                return (word, names.filter { $0.hasPrefix(word) }.sorted())
            }
            let name = String(parts[0].dropFirst())
            if name == "i" || name == "o" || name == "include" || name == "out" || (name == "trace" && parts.count > 2 && parts[1] == "load") {
                return (word, paths(word))
            }
            guard let command = CommandRegistry.command(named: name) else { return (word, []) }
            let args = Array(parts.dropFirst())
            return (word, command.completions(args, in: context).filter { $0.hasPrefix(word) }.sorted())
        }
        // SQL.
        let text = statement + " " + before
        let upperBefore = text.uppercased()
        if upperBefore.trimmingCharacters(in: .whitespaces).hasSuffix("SET") {  // SET and RESET
            return (word, Settings.names.filter { $0.hasPrefix(word.lowercased()) })
        }
        var candidates: [String] = []
        let catalog = context.session.catalog
        let lowerWord = word.lowercased()
        // Qualified: `t.col`.
        if let dot = word.lastIndex(of: ".") {
            let table = String(word[..<dot]).lowercased()
            let prefix = String(word[word.index(after: dot)...]).lowercased()
            let relation = aliases(in: statement + " " + line)[table] ?? table
            return (word, columns(of: relation).filter { $0.hasPrefix(prefix) }.map { String(word[...dot]) + $0 }.sorted())
        }
        // Right after FROM or JOIN (or a comma in a FROM list) only relations and table
        // functions make sense.
        if Self.expectsRelation(statement + " " + before) {
            let names = catalog.relationNames + catalog.relationPlannerNames
            return (word, names.filter { $0.hasPrefix(lowerWord) }.sorted())
        }
        candidates += catalog.relationNames
        // Columns of the tables the statement names (of every table while it names none).
        let mentioned = mentionedRelations(statement + " " + line)
        for table in mentioned.isEmpty ? catalog.tableNames : mentioned { candidates += columns(of: table) }
        candidates += ScalarFunction.allCases.map(\.rawValue) + AggregateFunction.allCases.map(\.rawValue)
        candidates += catalog.relationPlannerNames
        let keywordCase = word.first.map { $0.isUppercase } ?? true
        candidates += Self.keywords.map { keywordCase ? $0 : $0.lowercased() }
        let matches = Array(Set(candidates.filter { $0.lowercased().hasPrefix(lowerWord) && !lowerWord.isEmpty })).sorted()
        return (word, matches)
    }

    /// Whether the text before the word ends with FROM, JOIN, or a comma inside a FROM
    /// list (`FROM a, `), where a relation name is due.
    static func expectsRelation(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let last = trimmed.split { $0.isWhitespace }.last.map { $0.uppercased() } ?? ""
        if last == "FROM" || last == "JOIN" { return true }
        guard trimmed.hasSuffix(",") else { return false }
        // A comma continues a FROM list when FROM is the last clause keyword before it.
        let words = trimmed.uppercased().split { $0.isWhitespace || $0 == "," || $0 == "(" || $0 == ")" }
        let clauses: Set<Substring> = ["SELECT", "FROM", "WHERE", "GROUP", "ORDER", "HAVING", "ON", "LIMIT", "SET", "VALUES"]
        return words.last(where: { clauses.contains($0) }) == "FROM"
    }

    func columns(of relation: String) -> [String] {
        (try? context.session.logicalPlan("SELECT * FROM \(relation)"))?.schema.names ?? []
    }

    /// Relation names that appear as words of the statement.
    func mentionedRelations(_ text: String) -> [String] {
        let words = Set(text.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "_" }.map(String.init))
        return context.session.catalog.relationNames.filter { words.contains($0) }
    }

    /// `FROM lineitem l` → ["l": "lineitem"].
    func aliases(in text: String) -> [String: String] {
        let words = text.lowercased().split { $0.isWhitespace || $0 == "," }.map(String.init)
        var out: [String: String] = [:]
        let relations = Set(context.session.catalog.relationNames)
        for (i, w) in words.enumerated() where relations.contains(w) && i + 1 < words.count {
            var next = words[i + 1]
            if next == "as", i + 2 < words.count { next = words[i + 2] }
            if next.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { out[next] = w }
        }
        return out
    }

    func paths(_ word: String) -> [String] {
        let dir = word.contains("/") ? String(word[...(word.lastIndex(of: "/") ?? word.startIndex)]) : ""
        let base = dir.isEmpty ? "." : dir
        let prefix = String(word.dropFirst(dir.count))
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        return entries.filter { $0.hasPrefix(prefix) && !$0.hasPrefix(".") }.sorted().map { name in
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (base as NSString).appendingPathComponent(name), isDirectory: &isDir)
            return dir + name + (isDir.boolValue ? "/" : "")
        }
    }
}
