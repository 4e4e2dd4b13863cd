/// A line-oriented diff (longest common subsequence) between two texts, for showing what
/// an optimizer step changed in a plan's indent display, a golden text in a test, or an
/// slt result against the expected one. Lines are equal when their bytes are (not merely
/// canonically equivalent). Inputs too large for the quadratic table keep their common
/// first and last lines and show the rest as removed, then added.
public struct LineDiff: Sendable, Equatable {
    public enum Line: Sendable, Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }
    public let lines: [Line]

    /// Cells of the LCS table above which only the common first and last lines are matched.
    public static let tableLimit = 4_000_000

    public init(from old: String, to new: String) {
        self.init(lines: old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                  new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    public init(lines a: [String], _ b: [String]) {
        // Each distinct line (by its bytes) as a number, so the table compares integers.
        var ids: [[UInt8]: Int] = [:]
        func id(_ s: String) -> Int {
            let key = Array(s.utf8)
            if let known = ids[key] { return known }
            ids[key] = ids.count
            return ids[key] ?? 0
        }
        let x = a.map(id), y = b.map(id)
        var out: [Line] = []
        var lo = 0, hiA = x.count, hiB = y.count
        if x.count * y.count > LineDiff.tableLimit {
            while lo < hiA, lo < hiB, x[lo] == y[lo] { lo += 1 }
            while hiA > lo, hiB > lo, x[hiA - 1] == y[hiB - 1] { hiA -= 1; hiB -= 1 }
        }
        out += a[..<lo].map(Line.same)
        let n = hiA - lo, m = hiB - lo
        if n * m > LineDiff.tableLimit {
            out += a[lo..<hiA].map(Line.removed) + b[lo..<hiB].map(Line.added)
        } else {
            var lcs = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lcs[i][j] = x[lo + i] == y[lo + j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
                }
            }
            var i = 0, j = 0
            while i < n || j < m {
                if i < n, j < m, x[lo + i] == y[lo + j] { out.append(.same(a[lo + i])); i += 1; j += 1 }
                else if j < m, i == n || lcs[i][j + 1] >= lcs[i + 1][j] { out.append(.added(b[lo + j])); j += 1 }
                else { out.append(.removed(a[lo + i])); i += 1 }
            }
        }
        out += a[hiA...].map(Line.same)
        lines = out
    }

    public var hasChanges: Bool { lines.contains { if case .same = $0 { false } else { true } } }

    /// Unified-style text: `  ` unchanged, `- ` removed, `+ ` added.
    public var text: String {
        lines.map {
            switch $0 {
            case .same(let s): "  " + s
            case .removed(let s): "- " + s
            case .added(let s): "+ " + s
            }
        }.joined(separator: "\n")
    }
}
