import Foundation

/// Files matching a glob in the last path component (`data/part-*.csv`), sorted.
public enum FileGlob {
    public static func matches(_ pattern: String) -> [String] {
        let directory = PathText.deletingLastComponent(pattern)
        let name = PathText.lastComponent(pattern)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory) else { return [] }
        var like = ""
        for c in name {
            switch c {
            case "*": like += "%"
            case "?": like += "_"
            case "%", "_", "\\": like += "\\" + String(c)
            default: like.append(c)
            }
        }
        guard let matcher = try? LikeMatcher(pattern: like, escape: "\\") else { return [] }
        return entries.filter { matcher.matches($0) }.sorted().map { (directory as NSString).appendingPathComponent($0) }
    }
}
