import Foundation
import PlanCore

/// Substrait plans as JSON text: the one writer (keys sorted, so the text is canonical)
/// and the one reader (syntax and nesting checked first, then every field's shape, each
/// error naming its place).
public enum SubstraitJSON {
    public static func text(_ plan: SubstraitPlan, pretty: Bool = true) throws(PlanError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(plan), as: UTF8.self)
        } catch {
            throw PlanError(.execution, "Substrait export: \(error)")
        }
    }

    /// Reads a plan; `source` names the file in errors.
    public static func plan(_ text: String, source: String = "plan") throws(PlanError) -> SubstraitPlan {
        let document: JSONValue
        do {
            document = try JSONValue.parse(text)
        } catch {
            throw PlanError(.syntax, "\(source): \(error.description)")
        }
        let plan = try decode(text, source: source)
        // A field planscope does not read is an error, never a dropped option: every key of
        // the document must come back when the plan read is written again.
        if let written = try? JSONValue.parse(self.text(plan, pretty: false)), let place = unread(document, written, at: "") {
            throw PlanError(.unsupported, "\(source): \(place): this field is not read by planscope")
        }
        return plan
    }

    /// The place of the first key of `original` (not null) that `written` lacks.
    static func unread(_ original: JSONValue, _ written: JSONValue, at path: String) -> String? {
        switch (original, written) {
        case (.object(let fields), .object(let known)):
            for (key, value) in fields where !value.isNull {
                let place = path.isEmpty ? key : path + "." + key
                guard let other = known.last(where: { $0.0 == key })?.1 else { return place }
                if let deeper = unread(value, other, at: place) { return deeper }
            }
            return nil
        case (.array(let items), .array(let known)):
            for (i, (a, b)) in zip(items, known).enumerated() {
                if let deeper = unread(a, b, at: path + "[\(i)]") { return deeper }
            }
            return nil
        default:
            return nil
        }
    }

    static func decode(_ text: String, source: String) throws(PlanError) -> SubstraitPlan {
        do {
            return try JSONDecoder().decode(SubstraitPlan.self, from: Data(text.utf8))
        } catch let DecodingError.dataCorrupted(context) {
            throw PlanError(.invalidPlan, "\(source): \(place(context.codingPath)): \(context.debugDescription)")
        } catch let DecodingError.keyNotFound(key, context) {
            throw PlanError(.invalidPlan, "\(source): \(place(context.codingPath + [key])): missing")
        } catch let DecodingError.typeMismatch(type, context) {
            throw PlanError(.invalidPlan, "\(source): \(place(context.codingPath)): expected \(describe(type))")
        } catch let DecodingError.valueNotFound(type, context) {
            throw PlanError(.invalidPlan, "\(source): \(place(context.codingPath)): expected \(describe(type)), got null")
        } catch {
            throw PlanError(.invalidPlan, "\(source): \(error)")
        }
    }

    /// `relations[0].root.input.project` from a decoder's coding path.
    static func place(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let i = key.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
        }
        return out.isEmpty ? "the document" : out
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}
