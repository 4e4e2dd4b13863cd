import Foundation
import PlanSupport
import Testing

/// `FileGlob`: `*` and `?` in a path's last component, every other character itself.
@Suite struct FileGlobTests {
    @Test func matchesStarsAndQuestionMarksInTheLastComponentSorted() throws {
        let directory = NSTemporaryDirectory() + "fileglob-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for name in ["part-2.csv", "part-10.csv", "part-1.csv", "part_%.csv", "Part-3.csv", "part-1.json", "é-1.csv", "e\u{301}-2.csv"] {
            #expect(FileManager.default.createFile(atPath: directory + "/" + name, contents: Data()))
        }
        func names(_ glob: String) -> [String] { FileGlob.matches(directory + "/" + glob).map { PathText.lastComponent($0) } }
        #expect(names("part-*.csv") == ["part-1.csv", "part-10.csv", "part-2.csv"])
        #expect(names("part-?.csv") == ["part-1.csv", "part-2.csv"])
        #expect(names("part_%.csv") == ["part_%.csv"], "% and _ are themselves, not LIKE's wildcards")
        #expect(names("*.json") == ["part-1.json"])
        #expect(names("*") .count == 8)
        #expect(names("part-1.csv") == ["part-1.csv"])
        #expect(names("?-*.csv") == ["é-1.csv"], "? is one character (a Unicode scalar): e + U+0301 is two")
        #expect(names("??-*.csv") == ["e\u{301}-2.csv"])
        #expect(names("nothing-*").isEmpty)
        #expect(FileGlob.matches(directory + "/missing/*.csv").isEmpty)
    }

    @Test func aStarMatchesAnyRunIncludingNone() {
        func m(_ text: String, _ glob: String) -> Bool { FileGlob.matches(Array(text.unicodeScalars), Array(glob.unicodeScalars)) }
        #expect(m("", "*") && m("abc", "a*c") && m("ac", "a*c") && m("abcbc", "a*bc") && m("aXbYc", "a*b*c"))
        #expect(!m("abcb", "a*c") && !m("", "?") && !m("ab", "a") && !m("a", "ab"))
    }
}
