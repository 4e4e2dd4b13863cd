#if canImport(Glibc)
import Glibc
#endif

/// A compiled LIKE pattern: `%` matches any run of code points, `_` exactly one, and the
/// escape character makes the next one literal. Matching works on UTF-8 bytes; ILIKE
/// lowers pattern and text one code point at a time (``Text/lower(_:)-(String)``).
public struct LikeMatcher: Sendable {
    enum Piece: Sendable, Equatable {
        case literal([UInt8])
        case one
        case any
    }
    let pieces: [Piece]
    let caseInsensitive: Bool
    /// No `_` in the pattern: then the leftmost occurrence of each literal after a `%` is
    /// the one to take (a later one leaves less room for the rest), so no backtracking.
    let greedy: Bool
    /// The pattern ends with the escape character. It then matches no text, and (as in
    /// PostgreSQL) it is an error when matching reaches that character with text left:
    /// when the text matches the pattern before it followed by `_%` (the one matcher here).
    let danglingEscape: [LikeMatcher]

    public init(pattern: String, escape: Character? = nil, caseInsensitive: Bool = false) throws(PlanError) {
        var pieces: [Piece] = []
        var literal: [UInt8] = []
        var escaping = false
        // Code point by code point: `_` followed by a combining mark is one `Character`
        // but still a wildcard and a mark.
        let source = caseInsensitive ? Text.lower(pattern) : pattern
        let escapeScalar = escape.flatMap { $0.unicodeScalars.count == 1 ? $0.unicodeScalars.first : nil }
        for ch in source.unicodeScalars {
            if escaping {
                literal.append(contentsOf: String(ch).utf8)
                escaping = false
                continue
            }
            if let escapeScalar, ch == escapeScalar { escaping = true; continue }
            if ch == "%" || ch == "_" {
                if !literal.isEmpty { pieces.append(.literal(literal)); literal = [] }
                if ch == "%" { if pieces.last != .any { pieces.append(.any) } } else { pieces.append(.one) }
            } else {
                literal.append(contentsOf: String(ch).utf8)
            }
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        self.init(pieces: pieces, caseInsensitive: caseInsensitive,
                  danglingEscape: escaping ? [LikeMatcher(pieces: pieces + [.one, .any], caseInsensitive: caseInsensitive, danglingEscape: [])] : [])
    }

    private init(pieces: [Piece], caseInsensitive: Bool, danglingEscape: [LikeMatcher]) {
        self.pieces = pieces
        self.caseInsensitive = caseInsensitive
        self.danglingEscape = danglingEscape
        greedy = !pieces.contains(.one)
    }

    static let danglingEscapeError = PlanError(.execution, "LIKE pattern must not end with escape character")

    /// Whether the text matches, or the error PostgreSQL raises when matching reaches an
    /// escape character that ends the pattern.
    public func evaluate(_ s: String) throws(PlanError) -> Bool {
        let bytes = Array((caseInsensitive ? Text.lower(s) : s).utf8)
        return try bytes.withUnsafeBufferPointer { (b) throws(PlanError) -> Bool in try evaluate(b) }
    }

    /// ``evaluate(_:)-(String)`` on raw UTF-8 bytes (already lower-cased for ILIKE by the caller).
    public func evaluate(_ b: UnsafeBufferPointer<UInt8>) throws(PlanError) -> Bool {
        if let prefix = danglingEscape.first {
            if prefix.matches(b) { throw Self.danglingEscapeError }
            return false
        }
        return matches(b)
    }

    /// Where `lit` first occurs in `b` at or after `from` (`memchr` for its first byte, then
    /// `memcmp`), or nil.
    private static func find(_ lit: [UInt8], in b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = b.baseAddress, !lit.isEmpty else { return lit.isEmpty ? from : nil }
        return lit.withUnsafeBufferPointer { l -> Int? in
            guard let lb = l.baseAddress else { return nil }
            var j = from
            let last = b.count - l.count
            while j <= last {
                guard let hit = memchr(base + j, Int32(l[0]), last - j + 1) else { return nil }
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + at, lb, l.count) == 0 { return at }
                j = at + 1
            }
            return nil
        }
    }

    public func matches(_ s: String) -> Bool {
        let bytes = Array((caseInsensitive ? Text.lower(s) : s).utf8)
        return bytes.withUnsafeBufferPointer { matches($0) }
    }

    /// Matches raw UTF-8 bytes (already lower-cased for ILIKE by the caller).
    /// (A pattern ending with the escape character matches nothing here; ``evaluate(_:)``
    /// also tells when it is an error.)
    public func matches(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        danglingEscape.isEmpty && match(b, 0, 0)
    }

    private func match(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ pieceIndex: Int) -> Bool {
        var i = start
        var p = pieceIndex
        while p < pieces.count {
            switch pieces[p] {
            case .literal(let lit):
                guard i + lit.count <= b.count else { return false }
                for k in 0..<lit.count where b[i + k] != lit[k] { return false }
                i += lit.count
            case .one:
                guard i < b.count else { return false }
                i += 1
                while i < b.count, b[i] & 0xC0 == 0x80 { i += 1 }
            case .any:
                if p == pieces.count - 1 { return true }
                // Next literal: search each occurrence.
                if case .literal(let lit) = pieces[p + 1] {
                    if greedy {
                        // The last literal must end the string; any other: its leftmost occurrence.
                        if p + 2 == pieces.count {
                            guard b.count - lit.count >= i else { return false }
                            return LikeMatcher.find(lit, in: b, from: b.count - lit.count) != nil
                        }
                        guard let at = LikeMatcher.find(lit, in: b, from: i) else { return false }
                        i = at + lit.count
                        p += 2
                        continue
                    }
                    var j = i
                    while j + lit.count <= b.count {
                        var ok = true
                        for k in 0..<lit.count where b[j + k] != lit[k] { ok = false; break }
                        if ok, match(b, j + lit.count, p + 2) { return true }
                        j += 1
                    }
                    return false
                }
                var j = i
                while j <= b.count {
                    if match(b, j, p + 1) { return true }
                    j += 1
                }
                return false
            }
            p += 1
        }
        return i == b.count
    }
}
