import Foundation
import PlanSupport
import Testing

/// `PathText` replaces `NSString.lastPathComponent`/`deletingLastPathComponent`, which trap
/// on `'///x//'` (found by the SQL fuzz target: `SELECT*FROM'///\n//'`).
@Suite struct PathTextTests {
    /// (path, last component, path without it).
    static let cases: [(String, String, String)] = [
        ("", "", ""), ("/", "/", "/"), ("///", "/", "/"), ("a", "a", ""), ("a/", "a", ""),
        ("/a", "a", "/"), ("/a/b.csv", "b.csv", "/a"), ("/a/b.csv/", "b.csv", "/a"), ("a/b", "b", "a"),
        ("a//b", "b", "a"), ("///x//", "x", "/"), ("////x//", "x", "/"), ("///\n//", "\n", "/"),
        ("///x///y//", "y", "///x"), ("data/part-*.csv", "part-*.csv", "data"), ("/\u{301}a/b", "b", "/\u{301}a"),
    ]

    @Test func components() {
        for (path, last, head) in Self.cases {
            #expect(PathText.lastComponent(path) == last, "last of \(path.debugDescription)")
            #expect(PathText.deletingLastComponent(path) == head, "head of \(path.debugDescription)")
        }
    }

    /// Where Foundation does not trap, the two agree with it. (Foundation 6.3 on Linux also
    /// traps on `deletingLastPathComponent` of a path with no slash before its last
    /// component: `"a"`, `"a/"`, `"x//"` — a bare file name given to `planscope slt`.)
    @Test func agreesWithFoundation() {
        for path in ["", "/", "/a", "/a/b.csv", "/a/b.csv/", "a/b", "a//b", "//x//", "/x//", "/tmp/a.b/c"] {
            #expect(PathText.lastComponent(path) == (path as NSString).lastPathComponent, "\(path.debugDescription)")
            #expect(PathText.deletingLastComponent(path) == (path as NSString).deletingLastPathComponent, "\(path.debugDescription)")
        }
    }
}
