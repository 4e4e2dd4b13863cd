import PlanCore
import PlanExec

/// Converts the bytes of one text field to a typed value without building a String for
/// the common numeric and date cases.
enum FieldParser {
    static func parse(_ b: UnsafeBufferPointer<UInt8>, as type: DataType) -> ScalarValue? {
        switch type {
        case .int16: return parseInt(b).flatMap { Int16(exactly: $0) }.map { .int16($0) }
        case .int32: return parseInt(b).flatMap { Int32(exactly: $0) }.map { .int32($0) }
        case .int64: return parseInt(b).map { .int64($0) }
        case .float32: return parseDouble(b).map { .float32(Float($0)) }
        case .float64: return parseDouble(b).map { .float64($0) }
        case .decimal(let p, let s):
            return DecimalMath.parse(bytes: b, precision: p, scale: s).map { .decimal($0, precision: p, scale: s) }
        case .date: return parseDate(b).map { .date($0) }
        case .timestamp: return CivilDate.parseTimestamp(String(decoding: b, as: UTF8.self)).map { .timestamp($0) }
        case .boolean:
            switch String(decoding: b, as: UTF8.self).lowercased() {
            case "true", "t", "1", "yes": return .boolean(true)
            case "false", "f", "0", "no": return .boolean(false)
            default: return nil
            }
        case .interval: return Interval.parse(String(decoding: b, as: UTF8.self), unit: nil).map { .interval($0) }
        case .binary: return (try? ScalarOps.cast(.string(String(decoding: b, as: UTF8.self)), to: .binary)) ?? nil
        case .null, .varchar, .char: return nil
        }
    }

    static func parseInt(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
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

    static func parseDouble(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        Double(String(decoding: b, as: UTF8.self).trimmingSpaces())
    }

    static func parseDate(_ b: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else {
            return CivilDate.parse(String(decoding: b, as: UTF8.self)).map { Int32($0) }
        }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { let d = Int(b[i]) - 48; guard d >= 0 && d < 10 else { return nil }; v = v * 10 + d }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10), (1...12).contains(m),
              d >= 1, d <= CivilDate.daysInMonth(year: y, month: m) else { return nil }
        return Int32(CivilDate.days(year: y, month: m, day: d))
    }
}
