#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SQL text as PostgreSQL sees it in a UTF-8 database with the C collation: a sequence of
/// code points (Unicode scalars), equal when their UTF-8 bytes are equal and ordered by
/// those bytes (UTF-8 byte order is code-point order).
///
/// The one home of text semantics. Swift's `String` `==`, `<` and hashing (canonical
/// equivalence: `"e\u{301}" == "é"`) and `Character` (grapheme clusters: `"\r\n"` is one)
/// are not SQL's and never decide a value: everything that compares, hashes, counts or
/// cuts text goes through here or through the string's `utf8` / `unicodeScalars` views.
public enum Text {
    // MARK: - Equality, order, hashing

    /// Whether two texts have the same code points (the same UTF-8 bytes).
    @inlinable
    public static func equal(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && compare(a, b) == 0
    }

    /// Orders two texts by their UTF-8 bytes: -1, 0 or 1.
    public static func compare(_ a: String, _ b: String) -> Int {
        var x = a, y = b
        return x.withUTF8 { p in y.withUTF8 { q in compare(p, q) } }
    }

    /// Orders two UTF-8 byte strings: -1, 0 or 1 (`memcmp`, then the shorter first).
    @inlinable
    public static func compare(_ p: UnsafeBufferPointer<UInt8>, _ q: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(p.count, q.count)
        if common > 0, let a = p.baseAddress, let b = q.baseAddress {
            let r = memcmp(a, b, common)
            if r != 0 { return r < 0 ? -1 : 1 }
        }
        return p.count == q.count ? 0 : (p.count < q.count ? -1 : 1)
    }

    /// Feeds the text's UTF-8 bytes and their count to `hasher`: texts ``equal(_:_:)``
    /// says are equal hash alike, and no others need to.
    public static func hash(_ s: String, into hasher: inout Hasher) {
        var x = s
        x.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(x.utf8.count)
    }

    // MARK: - Code points

    /// The number of code points (`length`, `char_length`).
    public static func length(_ s: String) -> Int { s.unicodeScalars.count }

    /// The text's code points.
    public static func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

    /// Text made of code points.
    public static func string<S: Sequence>(_ scalars: S) -> String where S.Element == Unicode.Scalar {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// The first `n` code points (all of them when there are fewer).
    public static func prefix(_ s: String, _ n: Int) -> String {
        let view = s.unicodeScalars
        guard let end = view.index(view.startIndex, offsetBy: max(0, n), limitedBy: view.endIndex) else { return s }
        return String(view[..<end])
    }

    /// Where `needle`'s bytes first occur in `hay`'s, as a byte offset; nil when they do
    /// not. (Both are valid UTF-8, so a match starts and ends on code-point boundaries.)
    public static func firstByteOffset(of needle: String, in hay: String) -> Int? {
        let h = Array(hay.utf8), n = Array(needle.utf8)
        if n.isEmpty { return 0 }
        guard n.count <= h.count else { return nil }
        return h.withUnsafeBufferPointer { hb in
            n.withUnsafeBufferPointer { nb in
                guard let hp = hb.baseAddress, let np = nb.baseAddress else { return nil }
                var i = 0
                let last = hb.count - nb.count  // safe: nb.count ≤ hb.count
                while i <= last {
                    if hb[i] == nb[0], memcmp(hp + i, np, nb.count) == 0 { return i }  // safe: i ≤ last, within the buffer
                    i += 1
                }
                return nil
            }
        }
    }

    /// Every occurrence of `target`'s bytes in `s` (left to right, not overlapping)
    /// replaced by `replacement` (`replace`; an empty target leaves `s` as it is).
    public static func replacing(_ target: String, with replacement: String, in s: String) -> String {
        let h = Array(s.utf8), t = Array(target.utf8), r = Array(replacement.utf8)
        guard !t.isEmpty, t.count <= h.count else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(h.count)
        var i = 0
        while i < h.count {
            if i + t.count <= h.count, h[i] == t[0], h[i..<(i + t.count)].elementsEqual(t) {  // safe: indexes within the byte count
                out.append(contentsOf: r)
                i += t.count  // safe: an index within the byte count
            } else {
                out.append(h[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `s` starts with the code points of `prefix`.
    public static func hasPrefix(_ s: String, _ prefix: String) -> Bool {
        s.utf8.starts(with: prefix.utf8)
    }

    // MARK: - Case

    /// `upper(s)`: each code point mapped on its own by Unicode's simple uppercase mapping
    /// (UnicodeData.txt), never to several code points: `upper('ß')` is `ß`, `upper('ﬁ')`
    /// is `ﬁ`. This is what PostgreSQL does with a `C.UTF-8` ctype (glibc's `towupper`
    /// per character).
    public static func upper(_ s: String) -> String { mapped(s, ascii: 0x61...0x7A, upper) }

    /// `lower(s)`: each code point by Unicode's simple lowercase mapping (`lower('İ')` is
    /// `i`, one code point).
    public static func lower(_ s: String) -> String { mapped(s, ascii: 0x41...0x5A, lower) }

    /// The simple uppercase mapping of one code point. Swift gives the full mapping
    /// (SpecialCasing.txt); where that is one code point it is also the simple one, and
    /// where it is several, the simple mapping is the code point itself except for the
    /// Greek letters with ypogegrammeni, which map to their prosgegrammeni forms.
    public static func upper(_ c: Unicode.Scalar) -> Unicode.Scalar {
        if c.isASCII { return c.value >= 0x61 && c.value <= 0x7A ? Unicode.Scalar(UInt8(c.value - 32)) : c }  // safe: 0x61...0x7A
        let full = c.properties.uppercaseMapping.unicodeScalars
        if full.count == 1, let only = full.first { return only }
        switch c.value {
        case 0x1F80...0x1F87, 0x1F90...0x1F97, 0x1FA0...0x1FA7: return Unicode.Scalar(c.value + 8) ?? c  // safe: at most 0x1FAF
        case 0x1FB3, 0x1FC3, 0x1FF3: return Unicode.Scalar(c.value + 9) ?? c  // safe: at most 0x1FFC
        default: return c
        }
    }

    /// The simple lowercase mapping of one code point: the full one when that is one code
    /// point; `İ` (whose full mapping is `i` + U+0307) is `i`; any other, itself.
    public static func lower(_ c: Unicode.Scalar) -> Unicode.Scalar {
        if c.isASCII { return c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(UInt8(c.value + 32)) : c }  // safe: 0x41...0x5A
        let full = c.properties.lowercaseMapping.unicodeScalars
        if full.count == 1, let only = full.first { return only }
        return c.value == 0x130 ? "i" : c
    }

    /// `initcap(s)`: a letter or digit that follows one is lowered, any other code point
    /// raised (PostgreSQL's rule: `upper` at the start of each run of alphanumerics, so
    /// `initcap('ǆa')` is `Ǆa`, not the titlecase `ǅa`). Alphanumeric: Unicode's
    /// Alphabetic property or a decimal digit, as glibc's `iswalnum`.
    public static func initcap(_ s: String) -> String {
        var afterAlnum = false
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            out.append(afterAlnum ? lower(c) : upper(c))
            afterAlnum = isAlphanumeric(c)
        }
        return String(out)
    }

    /// A letter or digit for ``initcap(_:)``: Alphabetic, or a decimal digit.
    public static func isAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII {
            let v = c.value
            return (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
        }
        return c.properties.isAlphabetic || c.properties.generalCategory == .decimalNumber
    }

    /// `split_part(s, delimiter, n)`: the `n`th field of `s` cut at each occurrence of
    /// `delimiter`'s bytes (negative `n`: counted from the end); empty past the last field;
    /// an empty delimiter makes `s` the only field. `n` = 0 is an error, as in PostgreSQL.
    public static func splitPart(_ s: String, _ delimiter: String, _ n: Int64) throws(PlanError) -> String {
        guard n != 0 else { throw PlanError(.execution, "field position must not be zero") }
        let fields: [String]
        if delimiter.isEmpty {
            fields = s.isEmpty ? [] : [s]
        } else {
            var parts: [String] = []
            var rest = Substring(s)
            while let at = firstByteOffset(of: delimiter, in: String(rest)) {
                let bytes = Array(rest.utf8)
                parts.append(String(decoding: bytes[..<at], as: UTF8.self))
                rest = Substring(String(decoding: bytes[(at + delimiter.utf8.count)...], as: UTF8.self))  // safe: a match within the bytes
            }
            parts.append(String(rest))
            fields = s.isEmpty ? [] : parts
        }
        let index = n > 0 ? n - 1 : Int64(fields.count) + n  // safe: n > 0 decremented; a count plus a negative n
        guard index >= 0, index < Int64(fields.count) else { return "" }  // safe: a count fits 64 bits
        return fields[Int(index)]  // safe: 0 ≤ index < count
    }

    private static func mapped(_ s: String, ascii letters: ClosedRange<UInt8>, _ map: (Unicode.Scalar) -> Unicode.Scalar) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: s.utf8.map { letters.contains($0) ? $0 ^ 0x20 : $0 }, as: UTF8.self)
        }
        return string(s.unicodeScalars.lazy.map(map))
    }
}
