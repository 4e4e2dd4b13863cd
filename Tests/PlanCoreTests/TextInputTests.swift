import PlanCore
import Testing

/// TextInput is the one reader of text as a value: CAST from text and every CSV field.
/// Its fast byte forms (which the CSV readers use per field) may only ever answer what
/// the general reading answers.
@Suite struct TextInputTests {
    static let corpus = [
        "12", " 12", "12 ", "\t7", "+5", "-0", "007", "-", "+", "", " ", "1_000", "١٢", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "2147483648", "1.5", " 1.5\t", ".5", "5.", "1e3", "1E400", "-1e400",
        "1e-400", "0x1p3", "nan", "NaN", "inf", "-Infinity", "2024-01-05", "2024-02-29", "2023-02-29", "2024-02-30",
        "2024-1-05", " 2024-01-05", "2024-01-05 10:00:00", "2024-01-05T23:59:59", "0000-01-01", "12.345", "99999.995",
        "on", "OFF", "y", "t", "true", "no", "x", "tr", "of", "o", " YES ", "20240102", "0044-03-15 BC",
        "2024-01-01 24:00:00", "2024-01-02 10:00:00.0000015", "infinity", "epoch",
    ]

    func read(_ s: String, _ type: DataType) -> ScalarValue? { try? TextInput.parse(s, as: type) }

    /// Equal values (NaN counts as equal to NaN of the same type).
    func same(_ a: ScalarValue?, _ b: ScalarValue?) -> Bool {
        a == b || (a?.dataType == b?.dataType && a?.doubleValue?.isNaN == true && b?.doubleValue?.isNaN == true)
    }

    @Test(arguments: corpus) func fastFormsAnswerWhatTheGeneralReadingAnswers(_ s: String) {
        var text = s
        text.withUTF8 { b in
            if let v = TextInput.int64(b) { #expect(read(s, .int64) == .int64(v), "int64 '\(s)'") }
            if let v = TextInput.double(b) { #expect(same(read(s, .float64), .float64(v)), "double '\(s)'") }
            if let v = TextInput.date(b) { #expect(read(s, .date) == .date(v), "date '\(s)'") }
            if let u = DecimalMath.parse(bytes: b, precision: 7, scale: 2) {
                #expect(read(s, .decimal(precision: 7, scale: 2)) == .decimal(u, precision: 7, scale: 2), "decimal '\(s)'")
            }
            for type in [DataType.int16, .int32, .int64, .float64, .decimal(precision: 7, scale: 2), .date, .timestamp, .boolean] {
                #expect(same(try? TextInput.parse(bytes: b, as: type), read(s, type)), "\(type.sqlName) '\(s)'")
            }
        }
    }

    @Test func castFromTextIsTextInput() throws {
        for s in Self.corpus {
            for type in [DataType.int32, .float64, .date, .boolean, .decimal(precision: 7, scale: 2)] {
                #expect(same(try? ScalarOps.cast(.string(s), to: type), read(s, type)), "\(type.sqlName) '\(s)'")
            }
        }
        #expect(read("1E400", .float64) == nil)
        #expect(read("on", .boolean) == .boolean(true))
        #expect(read("2024-01-05 10:00:00", .date) == read("2024-01-05", .date))
    }
}
