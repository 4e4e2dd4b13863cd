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
        do {
            _ = try JSONValue.parse(text)
        } catch {
            throw PlanError(.syntax, "\(source): \(error.description)")
        }
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
