/// The error a `statement error` or `query error` record expects, as its dialect writes it.
///
/// - On the header (`statement error <regex>`, sqllogictest-rs and DataFusion): a regular
///   expression searched for in the message. planscope's own suite writes plain message
///   fragments there, so a pattern also matches when the message contains it literally
///   (a fragment such as `round(double precision,` is not a valid expression at all).
/// - In a `----` block under the SQL (DuckDB): the message contains the text; a block
///   written `<REGEX>:pattern` is searched as an expression, `<!REGEX>:pattern` must not
///   be found.
public struct SLTErrorPattern: Sendable, Equatable {
    public enum Form: Sendable, Equatable {
        /// On the header: a regular expression (or a literal fragment).
        case inline
        /// In a `----` block: a substring.
        case block
        /// `<REGEX>:` in a block.
        case regex
        /// `<!REGEX>:` in a block.
        case notRegex
    }

    public var text: String
    public var form: Form

    public init(text: String, form: Form) {
        self.text = text
        self.form = form
    }

    /// A `----` block's lines as a pattern.
    public init(block lines: [String]) {
        let joined = lines.joined(separator: "\n")
        if joined.hasPrefix("<REGEX>:") {
            self.init(text: String(joined.dropFirst(8)), form: .regex)
        } else if joined.hasPrefix("<!REGEX>:") {
            self.init(text: String(joined.dropFirst(9)), form: .notRegex)
        } else {
            self.init(text: joined, form: .block)
        }
    }

    /// Nil when `message` is what the record expects; otherwise why not, for the report.
    public func mismatch(_ message: String) -> String? {
        switch form {
        case .block:
            return message.contains(text) ? nil : "wrong error\n  expected: \(text)\n  actual:   \(message)"
        case .inline, .regex, .notRegex:
            let found: Bool
            var invalid: String?
            do {
                let regex = try Regex(text)
                found = message.contains(regex) || (form == .inline && message.contains(text))
            } catch {
                invalid = "\(error)"
                found = form == .inline && message.contains(text)
            }
            if form == .notRegex {
                if let invalid { return "not a valid regular expression: /\(text)/ (\(invalid))" }
                return found ? "wrong error\n  expected no match for /\(text)/\n  actual:   \(message)" : nil
            }
            if found { return nil }
            if let invalid, form == .regex { return "not a valid regular expression: /\(text)/ (\(invalid))" }
            return "wrong error\n  expected: /\(text)/\n  actual:   \(message)"
        }
    }
}
