import PlanCore
import PlanForeignTrace

/// A trace file as `planscope trace import` and `\trace load` read it: planscope's own
/// trace JSON (or a report that embeds one), or another engine's optimizer trace —
/// DataFusion's `EXPLAIN VERBOSE` output or Spark's plan change log — whose plans are read
/// into plan trees so that it steps like planscope's own (``ForeignTrace/optimizerTrace``).
public enum TraceFile: Sendable {
    case planscope(SavedTrace)
    case foreign(ForeignTrace)

    /// Reads and recognizes `path`; an error names the file and, for another engine's
    /// trace, the line.
    public static func read(_ path: String) throws(PlanError) -> TraceFile {
        let text: String
        do { text = try TextFile.read(path) } catch { throw PlanError(.io, error.description) }
        return try parse(text, source: path)
    }

    /// The trace in `text`, read from `source` (a file name, for errors).
    public static func parse(_ text: String, source: String) throws(PlanError) -> TraceFile {
        do {
            if SavedTrace.recognizes(text) { return .planscope(try SavedTrace(text: text, source: source)) }
            if DataFusionVerboseTrace.recognizes(text) { return .foreign(try DataFusionVerboseTrace.read(text)) }
            if SparkPlanChangeLog.recognizes(text) { return .foreign(try SparkPlanChangeLog.read(text)) }
        } catch let error as ForeignTraceError {
            throw PlanError(.syntax, "\(source): \(error)")
        } catch let error as PlanError {
            throw error
        } catch {
            throw PlanError(.syntax, "\(source): \(error)")
        }
        throw PlanError(.syntax, "\(source): not a trace planscope reads (its trace JSON or a report, DataFusion's EXPLAIN VERBOSE output, "
                        + "or Spark's plan change log)")
    }
}
