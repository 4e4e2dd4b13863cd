/// A problem in a pipeline spec, with the JSON path it is at
/// (`view_definitions[3].sql: …`).
public struct SpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let message: String

    public init(_ path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// Every problem found in a spec, in document order.
public struct SpecErrors: Error, Sendable, Equatable, CustomStringConvertible {
    public let errors: [SpecError]

    public init(_ errors: [SpecError]) { self.errors = errors }

    /// One line per problem.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
