import Crypto
import Foundation
import PlanCore
import PlanEngine
import PlanManifest

/// How query results are written down: values as the format prints them, sort modes,
/// hashes of long results, and the diff shown for a mismatch.
extension SLTRunner {
    /// Values as the format prints them: NULL, `(empty)`, integers, R with three decimals.
    /// Rows are joined with `separator` (DuckDB writes tabs) or, `valuewise`, one value a line.
    public static func format(_ result: StatementResult, types: String, sort: SLTRecord.SortMode, hashThreshold: Int,
                              alwaysHash: Bool = false, separator: String = " ", valuewise: Bool = false) -> [String] {
        let letters = Array(types)
        var rows: [[String]] = result.rows.map { row in
            row.enumerated().map { i, v in value(v, type: i < letters.count ? letters[i] : "T", zone: result.timeZone) }
        }
        switch sort {
        case .nosort: break
        // By code point (UTF-8 bytes), as other runners sort: Swift's `String` `<` orders
        // canonically equivalent texts (e + U+0301, é) as one.
        case .rowsort: rows.sort { $0.lexicographicallyPrecedes($1, by: SLTRunner.precedes) }
        case .valuesort:
            let values = rows.flatMap { $0 }.sorted(by: SLTRunner.precedes)
            rows = values.map { [$0] }
        }
        let count = rows.reduce(0) { $0 + $1.count }
        if alwaysHash || (hashThreshold > 0 && count > hashThreshold) {
            let joined = rows.flatMap { $0 }.map { $0 + "\n" }.joined()
            return ["\(count) values hashing to \(md5(joined))"]
        }
        return valuewise ? rows.flatMap { $0 } : rows.map { $0.joined(separator: separator) }
    }

    static func value(_ v: ScalarValue, type: Character, zone: SQLTimeZone = .utc) -> String {
        if v.isNull { return "NULL" }
        switch type {
        case "R":
            guard let d = v.doubleValue else { return v.sqlText }
            return String(format: "%.3f", d)
        case "I":
            if let i = v.int64Value { return String(i) }
            if case .boolean(let b) = v { return b ? "1" : "0" }
            // Beyond 64 bits (a DECIMAL(38,0)): the value as SQL prints it.
            if let d = v.doubleValue, d.isFinite, let i = Int64(exactly: d.rounded(.towardZero)) { return String(i) }
            return v.sqlText
        default:
            let s = v.sqlText(in: zone)
            return s.isEmpty ? "(empty)" : s
        }
    }

    /// Column type letters for completion: I integers, R floats, T everything else
    /// (decimals stay exact as text).
    static func inferTypes(_ result: StatementResult) -> String {
        String(result.schema.fields.map { f -> Character in
            if f.dataType.isInteger { return "I" }
            if f.dataType.isFloat { return "R" }
            return "T"
        })
    }

    /// `N values hashing to <32 hex digits>`.
    static func isHashLine(_ line: String) -> Bool {
        let parts = line.split(separator: " ")
        guard parts.count == 5, Int(parts[0]) != nil, parts[1] == "values", parts[2] == "hashing", parts[3] == "to" else { return false }
        return parts[4].count == 32 && parts[4].allSatisfy(\.isHexDigit)
    }

    static func md5(_ s: String) -> String {
        Insecure.MD5.hash(data: Data(s.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    static func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// The lines that differ, by PlanManifest's `LineDiff` (a missing or extra row shows as
    /// that row, not as every row after it): `- row N: …` expected, `+ row N: …` actual,
    /// the first 12, then how many more.
    static func diff(_ expected: [String], _ actual: [String]) -> String {
        var out: [String] = []
        var e = 0, a = 0, more = 0
        for line in LineDiff(lines: expected, actual).lines {
            let text: String
            switch line {
            case .same: e += 1; a += 1; continue
            case .removed(let s): e += 1; text = "- row \(e): \(s)"
            case .added(let s): a += 1; text = "+ row \(a): \(s)"
            }
            if out.count < 12 { out.append(text) } else { more += 1 }
        }
        if more > 0 { out.append("  … \(more) more") }
        return out.joined(separator: "\n")
    }
}
