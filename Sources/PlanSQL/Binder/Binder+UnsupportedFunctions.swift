import PlanCore

extension Binder {
    /// Functions users reach for that planscope knows it lacks, each with why: an error
    /// that says "not supported" by name, never "unknown function".
    static let unsupportedFunctions: [String: String] = [
        "array_agg": "planscope has no array (LIST) type yet",
        "regexp_match": "it returns an array, and planscope has no array (LIST) type yet; regexp_like tests a match",
        "regexp_matches": "it returns arrays, and planscope has no array (LIST) type yet; regexp_like tests a match",
        "regexp_split_to_array": "planscope has no array (LIST) type yet",
        "string_to_array": "planscope has no array (LIST) type yet",
        "unnest": "planscope has no array (LIST) type yet",
    ]

    /// The named "not supported" error for `name`, if it is one of those.
    func unsupportedFunction(_ name: String, at span: SourceSpan) -> PlanError? {
        Self.unsupportedFunctions[name].map { PlanError(.unsupported, "function \(name) is not supported: \($0)", at: span) }
    }
}
