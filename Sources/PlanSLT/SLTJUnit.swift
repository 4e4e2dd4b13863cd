import Foundation

/// A report as JUnit XML, the format CI systems read (Jenkins, GitLab, GitHub actions):
/// `<testsuites>` with one `<testsuite>` a file and one `<testcase>` a record, named
/// `file:line`; a failed record has a `<failure>` whose message is the report's first
/// line, a skipped one `<skipped message="why"/>`.
public enum SLTJUnit {
    public static func xml(_ report: SLTReport) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"planscope slt\" tests=\"\(report.files.reduce(0) { $0 + $1.cases.count })\""
            + " failures=\"\(report.failed)\" skipped=\"\(report.skipped)\" errors=\"0\" time=\"\(seconds(report.seconds))\">\n"
        for file in report.files {
            out += "  <testsuite name=\"\(escape(file.path))\" tests=\"\(file.cases.count)\" failures=\"\(file.failed)\""
                + " skipped=\"\(file.skipped)\" errors=\"0\" time=\"\(seconds(file.seconds))\">\n"
            for c in file.cases {
                out += "    <testcase classname=\"\(escape(className(file.path)))\" name=\"\(escape(c.location))\" time=\"\(seconds(c.seconds))\""
                switch c.status {
                case .passed:
                    out += "/>\n"
                case .skipped(let why):
                    out += ">\n      <skipped message=\"\(escape(why))\"/>\n    </testcase>\n"
                case .failed(let message):
                    let first = message.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? message
                    out += ">\n      <failure message=\"\(escape(first))\" type=\"slt\">\(escape(message))</failure>\n    </testcase>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    /// `Tests/SLT/basic/x.slt` → `Tests.SLT.basic.x` (how JUnit viewers group classes).
    static func className(_ path: String) -> String {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        if let dot = p.lastIndex(of: "."), !p[dot...].contains("/") { p = p[..<dot] }
        return p.replacingOccurrences(of: "/", with: ".")
    }

    static func seconds(_ s: Double) -> String { String(format: "%.3f", s) }

    /// Text as an XML attribute or element: the five entities escaped, characters XML 1.0
    /// cannot hold (controls other than tab and newline) written as `\u{…}`.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n": out.unicodeScalars.append(u)
            case "\r": out += "&#13;"
            default:
                if u.value < 0x20 || (0xFFFE...0xFFFF).contains(u.value) {
                    out += "\\u{\(String(u.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }
}
