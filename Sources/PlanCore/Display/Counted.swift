/// `1 row`, `3 rows`, `0 views`: a count with its noun, singular only for exactly one.
public func counted(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }
