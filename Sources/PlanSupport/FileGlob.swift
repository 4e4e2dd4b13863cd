import Foundation

/// Files matching a glob in the last path component (`data/part-*.csv`), sorted: `*` is
/// any run of characters, `?` one character (a Unicode scalar); every other character
/// stands for itself, case and all.
public enum FileGlob {
    /// `entries` lists a folder's names (by default, read from the disk now; file tables
    /// pass the process's listing cache).
    public static func matches(_ pattern: String,
                               entries: (String) -> [String]? = { try? FileManager.default.contentsOfDirectory(atPath: $0) }) -> [String] {
        let directory = PathText.deletingLastComponent(pattern)
        let name = Array(PathText.lastComponent(pattern).unicodeScalars)
        guard let listed = entries(directory.isEmpty ? "." : directory) else { return [] }
        return listed.filter { matches(Array($0.unicodeScalars), name) }.sorted()
            .map { (directory as NSString).appendingPathComponent($0) }
    }

    /// Whether `text` matches `glob` whole: the usual linear scan that returns to the
    /// last `*` on a mismatch.
    public static func matches(_ text: [Unicode.Scalar], _ glob: [Unicode.Scalar]) -> Bool {
        var t = 0, g = 0
        var star: Int?, resume = 0
        while t < text.count {
            if g < glob.count, glob[g] == "?" || (glob[g] != "*" && glob[g] == text[t]) {
                t += 1; g += 1
            } else if g < glob.count, glob[g] == "*" {
                star = g; resume = t; g += 1
            } else if let s = star {
                g = s + 1; resume += 1; t = resume
            } else {
                return false
            }
        }
        while g < glob.count, glob[g] == "*" { g += 1 }
        return g == glob.count
    }
}
