import Foundation

/// A regular expression as PostgreSQL's `regexp_like` and `regexp_replace` take it: the
/// pattern with its flags, compiled once (ICU's engine through `NSRegularExpression`,
/// immutable and safe to share between threads).
///
/// Flags, as PostgreSQL reads them: `g` every match (only `regexp_replace`), `i` case
/// insensitive, `c` case sensitive (the default), `n`/`m` newline-sensitive (`.` and
/// bracket expressions do not match a newline, `^`/`$` match at lines), `s` the
/// default (`.` matches a newline, `^`/`$` only at the ends), `p` partial (`.` does not
/// match a newline, anchors at the ends), `w` inverse partial, `x` expanded syntax,
/// `q` the pattern is a literal string. Anything else is an error naming the flag.
public struct SQLRegex: Sendable {
    public let pattern: String
    /// `g`: replace every match, not only the first.
    public let global: Bool
    private let regex: NSRegularExpression

    /// Compiles `pattern` with `flags` for `function` (named in errors).
    public init(pattern: String, flags: String = "", function: ScalarFunction) throws(PlanError) {
        self.pattern = pattern
        var options: NSRegularExpression.Options = [.dotMatchesLineSeparators]
        var global = false
        for flag in flags {
            switch flag {
            case "g":
                guard function != .regexpLike else {
                    throw PlanError(.execution, "\(function.rawValue)() does not support the \"global\" option")
                }
                global = true
            case "i": options.insert(.caseInsensitive)
            case "c": options.remove(.caseInsensitive)
            case "n", "m": options.remove(.dotMatchesLineSeparators); options.insert(.anchorsMatchLines)
            case "s": options.insert(.dotMatchesLineSeparators); options.remove(.anchorsMatchLines)
            case "p": options.remove(.dotMatchesLineSeparators); options.remove(.anchorsMatchLines)
            case "w": options.insert(.dotMatchesLineSeparators); options.insert(.anchorsMatchLines)
            case "x": options.insert(.allowCommentsAndWhitespace)
            case "q": options.insert(.ignoreMetacharacters)
            default: throw PlanError(.execution, "invalid regular expression option: \"\(flag)\"")
            }
        }
        self.global = global
        do {
            // ICU refuses an empty pattern; PostgreSQL's matches the empty string.
            regex = try NSRegularExpression(pattern: pattern.isEmpty ? "(?:)" : pattern, options: options)
        } catch {
            throw PlanError(.execution, "invalid regular expression '\(pattern)'\(Self.reason(pattern))")
        }
    }

    /// Why `pattern` does not parse, as Swift's regex parser says it (ICU says only that
    /// it is invalid), with a leading ": "; empty when that parser accepts it.
    private static func reason(_ pattern: String) -> String {
        do { _ = try Regex(pattern); return "" } catch { return ": \(error)" }
    }

    /// Whether the pattern matches somewhere in `text`.
    public func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// `text` with the first match (every match with `g`) replaced by `replacement`, in
    /// which `\1`…`\9` stand for the parenthesized groups and `\&` for the whole match.
    public func replacing(in text: String, with replacement: String) -> String {
        let template = Self.template(replacement)
        let whole = NSRange(text.startIndex..., in: text)
        if global { return regex.stringByReplacingMatches(in: text, range: whole, withTemplate: template) }
        guard let first = regex.firstMatch(in: text, range: whole) else { return text }
        let ns = text as NSString
        let replaced = regex.replacementString(for: first, in: text, offset: 0, template: template)
        return ns.replacingCharacters(in: first.range, with: replaced)
    }

    /// PostgreSQL's replacement text as an ICU template: `\N` → `$N`, `\&` → `$0`, `\\` a
    /// backslash, a backslash before anything else kept with it, `$` literal.
    static func template(_ replacement: String) -> String {
        var out = ""
        var chars = replacement.makeIterator()
        while let c = chars.next() {
            switch c {
            case "$": out += "\\$"
            case "\\":
                guard let next = chars.next() else { out += "\\\\"; break }
                if next.isASCII, next.isNumber { out += "$\(next)" }
                else if next == "&" { out += "$0" }
                else if next == "\\" { out += "\\\\" }
                else { out += "\\\\" + (next == "$" ? "\\$" : String(next)) }
            default: out.append(c)
            }
        }
        return out
    }
}
