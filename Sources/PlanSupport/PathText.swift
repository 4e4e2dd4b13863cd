/// Path text split at `/`, in Swift, for paths users write.
///
/// Foundation's `NSString.lastPathComponent` and `deletingLastPathComponent` trap on some
/// paths (three or more leading slashes and two or more trailing ones: `'///x//'`, swift
/// Foundation 6.3 on Linux; found by fuzzing `SELECT * FROM '///x//'`), so nothing that
/// takes a path from a query, a spec or the command line calls them. These work on
/// Unicode scalars, so a `/` followed by a combining mark still separates components.
public enum PathText {
    /// The last component (`/a/b.csv/` → `b.csv`); `/` for a path of only slashes, empty
    /// for an empty path. As `NSString.lastPathComponent`.
    public static func lastComponent(_ path: String) -> String {
        let scalars = path.unicodeScalars
        guard let end = scalars.lastIndex(where: { $0 != "/" }) else { return path.isEmpty ? "" : "/" }
        let trimmed = scalars[...end]
        guard let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// The path without its last component (`/a/b.csv` → `/a`, `b.csv` → empty, `/b` → `/`).
    /// As `NSString.deletingLastPathComponent`.
    public static func deletingLastComponent(_ path: String) -> String {
        let scalars = path.unicodeScalars
        guard let end = scalars.lastIndex(where: { $0 != "/" }) else { return path.isEmpty ? "" : "/" }
        guard let slash = scalars[...end].lastIndex(of: "/") else { return "" }
        let head = scalars[..<slash]
        guard let headEnd = head.lastIndex(where: { $0 != "/" }) else { return "/" }
        return String(head[...headEnd])
    }
}
