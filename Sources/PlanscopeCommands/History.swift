import Foundation
import PlanCore
import PlanSupport

/// The REPL's history file: `$XDG_STATE_HOME/planscope/history` (default
/// `~/.local/state/planscope/history`), one entry a line (newlines inside an entry
/// escaped as `\n`), at most ``limit`` entries.
///
/// Every entry is added by re-reading the file under an exclusive lock, appending, and
/// writing a temporary file that is renamed over the old one: concurrent planscope
/// processes share one history and a kill mid-write never leaves a torn file.
public final class History {
    public let path: String
    public let limit: Int
    public private(set) var entries: [String] = []

    public init(path: String? = nil, limit: Int = 2000) {
        self.path = path ?? History.defaultPath()
        self.limit = limit
        entries = History.read(self.path)
    }

    public static func defaultPath() -> String {
        let env = ProcessInfo.processInfo.environment
        let state = env["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (env["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return state + "/planscope/history"
    }

    static func read(_ path: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map { unescape(String($0)) }
    }

    /// One entry on one line: backslash and newline escaped.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        var out = ""
        var escaping = false
        for c in s {
            if escaping {
                out.append(c == "n" ? "\n" : c)
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// Appends an entry (skipping an exact repeat of the last one) and saves.
    public func add(_ entry: String) {
        let trimmed = entry.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return }
        let dir = PathText.deletingLastComponent(path)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let lockPath = path + ".lock"
        let fd = open(lockPath, O_CREAT | O_RDWR, 0o600)
        if fd >= 0 { flock(fd, LOCK_EX) }
        defer { if fd >= 0 { flock(fd, LOCK_UN); close(fd) } }
        var all = History.read(path)
        if all.last != trimmed { all.append(trimmed) }
        if all.count > limit { all.removeFirst(all.count - limit) }
        let text = all.map(History.escape).joined(separator: "\n") + "\n"
        let temp = path + ".tmp-\(getpid())"
        if FileManager.default.createFile(atPath: temp, contents: Data(text.utf8)) {
            if rename(temp, path) != 0 { unlink(temp) }
        }
        entries = all
    }
}
