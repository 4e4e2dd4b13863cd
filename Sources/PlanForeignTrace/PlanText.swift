import Foundation
import PlanCore

/// Splitting plan text the way both engines write expressions: at separators outside
/// parentheses, brackets, braces and quotes.
enum PlanText {
    /// Each character's nesting level: 0 outside every bracket and quote; a bracket counts
    /// as inside the pair it opens or closes, a quote as inside its quoted text.
    static func levels(_ chars: [Character]) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(chars.count)
        var depth = 0, quote: Character?
        for c in chars {
            if let q = quote {
                out.append(depth + 1)
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
                out.append(depth + 1)
            } else if "([{".contains(c) {
                depth += 1
                out.append(depth)
            } else if ")]}".contains(c) {
                out.append(depth)
                depth = max(0, depth - 1)
            } else {
                out.append(depth)
            }
        }
        return out
    }

    /// `text` split at each `separator` that is outside brackets and quotes, parts trimmed,
    /// empty parts left out.
    static func split(_ text: Substring, at separator: String) -> [String] {
        let chars = Array(text), sep = Array(separator), level = levels(chars)
        var parts: [String] = [], start = 0, i = 0
        while i < chars.count {
            if level[i] == 0, chars[i...].starts(with: sep) {
                parts.append(String(chars[start..<i]))
                i += sep.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(chars[start...]))
        return parts.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
    }

    /// The text inside the brackets that open right after `key` (`partial_filters=[…]`),
    /// or nil.
    static func bracketed(after key: String, in text: Substring) -> Substring? {
        guard let start = text.range(of: key), start.upperBound < text.endIndex,
              let close = closing(text, from: start.upperBound) else { return nil }
        return text[text.index(after: start.upperBound)..<close]
    }

    /// The index of the bracket closing the one at `open`, skipping nested brackets and
    /// quotes; nil when `open` is not a bracket or it is not closed.
    static func closing(_ text: Substring, from open: Substring.Index) -> Substring.Index? {
        guard "([{".contains(text[open]) else { return nil }
        let chars = Array(text[open...]), level = levels(chars)
        guard let k = chars.indices.dropFirst().first(where: { ")]}".contains(chars[$0]) && level[$0] == 1 }) else { return nil }
        return text.index(open, offsetBy: k)
    }

    /// `text` without one pair of parentheses around all of it.
    static func unwrapped(_ text: String) -> String {
        let s = Substring(text)
        guard s.first == "(", let close = closing(s, from: s.startIndex), s.index(after: close) == s.endIndex else { return text }
        return String(s[s.index(after: s.startIndex)..<close])
    }
}
