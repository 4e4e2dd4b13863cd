import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which files a run or an `include` names.
public enum SLTFiles {
    /// The file names a sqllogictest suite uses: `.slt` (SQLite, sqllogictest-rs,
    /// DataFusion) and `.test` (DuckDB).
    public static let extensions = [".slt", ".test"]

    /// Test files under the given paths (folders searched recursively for ``extensions``,
    /// sorted), in the order given; a file named directly is taken whatever its name.
    public static func expand(_ paths: [String]) -> [String] {
        var out: [String] = []
        for p in paths {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: p, isDirectory: &isDir), isDir.boolValue {
                let e = FileManager.default.enumerator(atPath: p)
                var found: [String] = []
                while let f = e?.nextObject() as? String {
                    if extensions.contains(where: { f.hasSuffix($0) }) { found.append((p as NSString).appendingPathComponent(f)) }
                }
                out.append(contentsOf: found.sorted())
            } else {
                out.append(p)
            }
        }
        return out
    }

    /// The paths a glob pattern matches, sorted; a pattern without wildcards names itself
    /// if the file exists.
    public static func glob(_ pattern: String) -> [String] {
        var g = glob_t()
        defer { globfree(&g) }
        #if canImport(Glibc)
        guard Glibc.glob(pattern, 0, nil, &g) == 0 else { return [] }
        #else
        guard Darwin.glob(pattern, 0, nil, &g) == 0 else { return [] }
        #endif
        return (0..<Int(g.gl_pathc)).compactMap { g.gl_pathv[$0].map { String(cString: $0) } }.sorted()
    }
}
