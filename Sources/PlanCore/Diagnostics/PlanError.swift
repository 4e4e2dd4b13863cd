/// Every error planscope reports about a statement: what went wrong and, when known,
/// where in the SQL text.
///
/// Users see one line (``description``), and ``render(source:)`` adds the offending SQL
/// line with a caret under the span.
public struct PlanError: Error, Hashable, Sendable {
    /// The family of failure; stable, for tests and JSON.
    public enum Kind: String, Sendable, Codable {
        case syntax
        case unknownName
        case ambiguousName
        case typeMismatch
        case arity
        case invalidPlan
        case catalog
        case io
        case csv
        case unsupported
        case execution
        case config
        /// The statement was cancelled (Ctrl-C, a UI's cancel, a timeout).
        case cancelled
    }

    public var kind: Kind
    public var message: String
    public var span: SourceSpan
    /// The operator or component that already put its name into ``message`` (so callers
    /// up the stack do not wrap it again).
    public var origin: String?
    /// For "not found" errors about a relation: its name (so callers can tell which one
    /// without reading the message).
    public var missingRelation: String?

    public init(_ kind: Kind, _ message: String, at span: SourceSpan = .none, origin: String? = nil) {
        self.kind = kind
        self.message = message
        self.span = span
        self.origin = origin
    }

    /// The error every cancelled statement ends with.
    public static let cancelled = PlanError(.cancelled, "query cancelled")

    /// The span, if none is set yet (binders fill in positions found later).
    public func located(at span: SourceSpan) -> PlanError {
        guard !self.span.isKnown else { return self }
        var copy = self
        copy.span = span
        return copy
    }

    /// The one line with the source line and caret below it, when a position is known.
    public func render(source: String?) -> String {
        guard let source, let caret = span.caret(in: source) else { return description }
        return description + "\n" + caret
    }
}

extension PlanError: CustomStringConvertible {
    /// `line 3, column 17: unknown column 'l_shipdat' (did you mean 'l_shipdate'?)`
    public var description: String {
        span.isKnown ? "\(span.location): \(shownMessage)" : shownMessage
    }

    /// The message as a person sees it: control characters escaped (`\x00`), long
    /// quoted names cut with `…` (``ReadableText/message(_:)``). JSON keeps ``message``.
    public var shownMessage: String { ReadableText.message(message) }
}

/// The suggestion among `candidates` closest to `name` (edit distance at most 2 or a
/// third of the name), for "did you mean" hints.
public func closestName(to name: String, in candidates: [String]) -> String? {
    let target = Array(name.lowercased())
    var best: (String, Int)?
    for candidate in candidates {
        let d = editDistance(target, Array(candidate.lowercased()))
        if d <= max(2, target.count / 3), d < (best?.1 ?? Int.max) { best = (candidate, d) }
    }
    return best?.0
}

func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
