/// Every backslash command, in `\help` order. New features add one line here and one file
/// in `Commands/`.
public enum CommandRegistry {
    public static let all: [any Command.Type] = [
        HelpCommand.self,
        DescribeCommand.self, DescribeTablesCommand.self, DescribeViewsCommand.self, DescribeFunctionsCommand.self,
        ExplainCommand.self, CompareCommand.self, TraceCommand.self, SubstraitCommand.self, StepCommand.self, NextCommand.self, PrevCommand.self,
        PushdownCommand.self, RulesCommand.self, PipelineCommand.self, ManifestCommand.self,
        SetCommand.self, ShowCommand.self, FormatCommand.self, ExpandedCommand.self, TimingCommand.self, PsetCommand.self,
        ReportCommand.self, OutputCommand.self, IncludeCommand.self, ResetCommand.self, CopyCommand.self, CacheCommand.self, HistoryCommand.self, QuitCommand.self, TUICommand.self,
    ]

    /// The command a name (or alias) denotes.
    public static func command(named name: String) -> (any Command.Type)? {
        all.first { $0.name == name || $0.aliases.contains(name) }
    }

    public static var names: [String] { all.flatMap { [$0.name] + $0.aliases } }
}
