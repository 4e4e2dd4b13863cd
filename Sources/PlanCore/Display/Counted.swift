/// `1 row`, `3 rows`, `0 views`: a count with its noun, singular only for exactly one.
public func counted(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

/// `1,234,567`: digits grouped by thousands.
public func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.reversed().enumerated() {
        if i > 0 && i % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + String(out.reversed())
}

/// `512 B`, `4.0 KiB`, `3.1 MiB`, `1.2 GiB`: a byte count in binary units.
public func bytesText(_ n: Int) -> String {
    let units = ["KiB", "MiB", "GiB", "TiB"]
    guard n.magnitude >= 1024 else { return "\(n) B" }
    var value = Double(n) / 1024
    var unit = 0
    while value.magnitude >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(abs(tenths % 10)) \(units[unit])"
}
