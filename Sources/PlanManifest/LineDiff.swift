/// A line-oriented diff (longest common subsequence) between two texts, for showing what
/// an optimizer step changed in a plan's indent display.
public struct LineDiff: Sendable, Equatable {
    public enum Line: Sendable, Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }
    public let lines: [Line]

    public init(from old: String, to new: String) {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out: [Line] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] { out.append(.same(a[i])); i += 1; j += 1 }
            else if j < b.count, i == a.count || lcs[i][j + 1] >= lcs[i + 1][j] { out.append(.added(b[j])); j += 1 }
            else { out.append(.removed(a[i])); i += 1 }
        }
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
