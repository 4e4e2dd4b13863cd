import PlanCore
import PlanEngine
import PlanPipeline
import PlanscopeCommands

/// One error a subcommand ends with: the text it prints (one line, or a line with the SQL
/// line and caret under it) and the same error's fields for `--format json`, where it is
/// the one error object every front end writes (``CommandRunner/jsonError(message:kind:file:line:column:)``).
struct Failure {
    var text: String
    var message: String
    var kind: String
    var file: String?
    var line: Int?
    var column: Int?

    /// The error object on one line.
    var json: String { CommandRunner.jsonError(message: message, kind: kind, file: file, line: line, column: column) }

    /// The JSON object or the text.
    func shown(json asJSON: Bool) -> String { asJSON ? json : text }

    /// `error: message` (or the text given, when it is worded otherwise).
    init(_ message: String, kind: String = "error", file: String? = nil, text: String? = nil) {
        self.text = text ?? "error: \(message)"
        self.message = message
        self.kind = kind
        self.file = file
    }

    /// A statement that failed: `error: ` and its message, SQL line and caret (`FILE: error: …`
    /// for a statement of a set-up file); in JSON its kind and position.
    init(_ error: StatementError, file: String? = nil) {
        let e = error.error
        self.init(e.message, kind: e.kind.rawValue, file: file, text: (file.map { "\($0): " } ?? "") + "error: \(error.rendered)")
        if e.span.isKnown { (line, column) = (e.span.line, e.span.column) }
    }

    /// An engine error without its SQL at hand: `error: ` and its description.
    init(_ error: PlanError, file: String? = nil) {
        self.init(error.message, kind: error.kind.rawValue, file: file, text: "error: \(error.description)")
        if error.span.isKnown { (line, column) = (error.span.line, error.span.column) }
    }

    /// A file that cannot be read: `error: cannot read 'x': no such file`.
    init(_ error: FileReadError) {
        self.init(error.description, kind: "io", file: error.path)
    }

    /// A pipeline's problems, one each, prefixed with the spec's file name (a file that
    /// cannot be read is named by its message already).
    static func pipeline(_ path: String, _ error: PipelineError) -> [Failure] {
        switch error {
        case .spec(let errors): errors.errors.map { Failure("\($0)", kind: "spec", file: path, text: "\(path): \($0)") }
        case .io(let message): [Failure(message, kind: "io", file: path)]
        case .graph(let e): [Failure(e.description, kind: "cycle", file: path, text: "\(path): \(error)")]
        case .statement(_, let e): [Failure("\(error)", kind: e.kind.rawValue, file: path, text: "\(path): \(error)")]
        case .report: [Failure("\(error)", kind: "report", file: path, text: "\(path): \(error)")]
        }
    }
}
