import ArgumentParser
import PlanscopeCommands

/// A subcommand's `--format` values, as an enum ArgumentParser checks (an unknown value
/// is a usage error listing the ones there are, exit status 64). JSON formats also make
/// errors one JSON object a line on stderr.
protocol CLIFormat: RawRepresentable, CaseIterable, ExpressibleByArgument, Sendable where RawValue == String {}

extension CLIFormat {
    /// Whether errors go out as JSON objects (`json`, `jsonl`).
    var errorsAsJSON: Bool { rawValue == "json" || rawValue == "jsonl" }
}

/// `text` (for people) or `json` (for scripts).
enum TextOrJSON: String, CLIFormat {
    case text, json
}

/// `table` (for people) or `json`.
enum TableOrJSON: String, CLIFormat {
    case table, json
}

/// A manifest: `json` only.
enum ManifestFormat: String, CLIFormat {
    case json
}

/// A manifest diff: `human`, `brief` (one line a change) or `json`.
enum ManifestDiffFormat: String, CLIFormat {
    case human, brief, json
}

/// `planscope explain`: the indent text, the tree, JSON, or the Substrait plan.
enum ExplainOutput: String, CLIFormat {
    case text, tree, json, substrait
}

/// `pipeline graph`: text, JSON or Graphviz dot.
enum GraphFormat: String, CLIFormat {
    case text, json, dot
}

/// `substrait import`: the rows as `run` prints them, or `text` (the default with
/// `--against`: the diff) and `json`.
enum SubstraitRunFormat: String, CLIFormat {
    case table, csv, json, jsonl, text

    /// How rows are printed.
    var rows: OutputFormat { OutputFormat(rawValue: rawValue) ?? .table }
}

extension OutputFormat: CLIFormat {}
