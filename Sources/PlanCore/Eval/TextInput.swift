/// Reading text as a value of a type: the one definition that `CAST('text' AS type)`,
/// CSV fields (CSV tables, `FROM 'x.csv'`, `COPY … FROM`) and every other text input
/// share, so the same text reads the same way everywhere.
///
/// The fast forms (``int64(_:)``, ``double(_:)``, ``date(_:)``) read the common shapes
/// straight from bytes without building a String. They only ever answer what
/// ``parse(_:as:)`` would: nil means "not the common shape", never "invalid", and the
/// caller then asks ``parse(bytes:as:)``, which decides (and words the error). They are
/// inlinable: the CSV readers call them once per field.
public enum TextInput {
    /// `text` as a value of `type`, as `CAST(text AS type)` reads it: surrounding white
    /// space ignored (but kept in strings), booleans as PostgreSQL reads them (see
    /// ``boolean(_:)``), integers range-checked, floats finite unless spelled `nan` or
    /// `infinity`, decimals rounded half away from zero to the scale, dates and timestamps
    /// by PostgreSQL's rules (``DateTimeText``; a date also from a timestamp, its day).
    /// Failures, in PostgreSQL's words: `invalid input syntax for type integer: "x"` or an
    /// out of range error.
    public static func parse(_ text: String, as type: DataType) throws(PlanError) -> ScalarValue {
        func invalid() -> PlanError { PlanError(.execution, "invalid input syntax for type \(inputName(type)): \"\(text)\"") }
        switch type {
        case .null: return .null
        case .varchar, .char: return .string(text)
        case .boolean:
            guard let b = boolean(text) else { throw invalid() }
            return .boolean(b)
        case .int16, .int32, .int64:
            guard let i = Int64(text.trimmingSpaces()) else { throw invalid() }
            return try ScalarOps.integer(i, as: type)
        case .float32, .float64:
            let t = text.trimmingSpaces().lowercased()
            let d: Double
            switch t {
            case "nan": d = .nan
            case "infinity", "inf": d = .infinity
            case "-infinity", "-inf": d = -.infinity
            default:
                guard let x = Double(t) else { throw invalid() }
                guard x.isFinite else { throw PlanError(.execution, "'\(text)' is out of range for type \(type.sqlName)") }
                d = x
            }
            return type == .float32 ? .float32(Float(d)) : .float64(d)
        case .numeric:
            guard let n = try NumericValue.parse(text) else { throw invalid() }
            return .numeric(n)
        case .decimal(let p, let s):
            guard let u = DecimalMath.parse(text, precision: 38, scale: s) else { throw invalid() }
            guard DecimalMath.fits(u, precision: p) else { throw ScalarOps.overflow(type) }
            return .decimal(u, precision: p, scale: s)
        case .date:
            return .date(try DateTimeText.date(text))
        case .timestamp:
            return .timestamp(try DateTimeText.timestamp(text))
        case .timestampTZ:
            // Files and casts without a session read text with no zone as UTC.
            return .timestampTZ(try DateTimeText.timestampTZ(text, zone: .utc))
        case .interval:
            guard let i = try Interval.parse(text, unit: nil) else { throw invalid() }
            return .interval(i)
        case .binary:
            // Text becomes its UTF-8 bytes, or the bytes its `\x…` hex form spells.
            if text.hasPrefix("\\x") {
                guard let b = ScalarValue.bytes(hex: String(text.dropFirst(2))) else { throw invalid() }
                return .binary(b)
            }
            return .binary(Array(text.utf8))
        }
    }

    /// A boolean as PostgreSQL reads one: `true`, `yes`, `on`, `1` and `false`, `no`, `off`,
    /// `0` in any case with surrounding white space, and any unique prefix of the words
    /// (`t`, `tr`, `y`, `f`, `n`; `on` and `of`/`off` need two letters, so `o` is no
    /// boolean); nil for anything else.
    public static func boolean(_ text: String) -> Bool? {
        let t = text.trimmingSpaces().lowercased()
        guard let first = t.first else { return nil }
        func prefix(of word: String, atLeast n: Int = 1) -> Bool { t.count >= n && word.hasPrefix(t) }
        switch first {
        case "t": return prefix(of: "true") ? true : nil
        case "y": return prefix(of: "yes") ? true : nil
        case "f": return prefix(of: "false") ? false : nil
        case "n": return prefix(of: "no") ? false : nil
        case "o": return prefix(of: "on", atLeast: 2) ? true : prefix(of: "off", atLeast: 2) ? false : nil
        case "1": return t == "1" ? true : nil
        case "0": return t == "0" ? false : nil
        default: return nil
        }
    }

    /// The type's name in input errors, as PostgreSQL words them (`integer`, `timestamp`).
    static func inputName(_ type: DataType) -> String {
        type == .timestamp ? "timestamp" : type.postgresName
    }

    /// ``parse(_:as:)`` over UTF-8 bytes (a CSV field as read): the fast forms first, then
    /// the general reading.
    public static func parse(bytes b: UnsafeBufferPointer<UInt8>, as type: DataType) throws(PlanError) -> ScalarValue {
        switch type {
        case .int64: if let v = int64(b) { return .int64(v) }
        case .int32: if let v = int64(b).flatMap({ Int32(exactly: $0) }) { return .int32(v) }
        case .float64: if let v = double(b) { return .float64(v) }
        case .decimal(let p, let s):
            if let u = DecimalMath.parse(bytes: b, precision: p, scale: s) { return .decimal(u, precision: p, scale: s) }
        case .date: if let v = date(b) { return .date(v) }
        default: break
        }
        return try parse(String(decoding: b, as: UTF8.self), as: type)
    }

    /// An integer of digits with an optional sign and surrounding spaces; nil for any
    /// other shape or on overflow.
    @inlinable
    public static func int64(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0, n = b.count
        while i < n, b[i] == 32 { i += 1 }
        while n > i, b[n - 1] == 32 { n -= 1 }
        guard i < n else { return nil }
        var negative = false
        if b[i] == UInt8(ascii: "-") { negative = true; i += 1 } else if b[i] == UInt8(ascii: "+") { i += 1 }
        guard i < n else { return nil }
        var v: Int64 = 0
        while i < n {
            let d = b[i] &- 48
            guard d < 10 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = negative ? m.subtractingReportingOverflow(Int64(d)) : m.addingReportingOverflow(Int64(d))
            if o1 || o2 { return nil }
            v = a
            i += 1
        }
        return v
    }

    /// A finite double; nil for NaN, infinities and anything out of range (which
    /// ``parse(_:as:)`` spells or rejects).
    @inlinable
    public static func double(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let d = Double(String(decoding: b, as: UTF8.self).trimmingSpaces()), d.isFinite else { return nil }
        return d
    }

    /// `YYYY-MM-DD` exactly (ten bytes, a real date, year 1 or later) as days since the
    /// epoch; nil for any other shape (``DateTimeText`` reads those).
    @inlinable
    public static func date(_ b: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { let d = Int(b[i]) - 48; guard d >= 0 && d < 10 else { return nil }; v = v * 10 + d }
            return v
        }
        guard let y = num(0..<4), y >= 1, let m = num(5..<7), let d = num(8..<10), (1...12).contains(m),
              d >= 1, d <= CivilDate.daysInMonth(year: y, month: m) else { return nil }
        return Int32(CivilDate.days(year: y, month: m, day: d))
    }
}
