import CEditLine
import Foundation

/// Shows long output through `$PAGER` (default `less -FRX`) when it does not fit the
/// terminal; short output, or output when paging is off, is printed directly.
public enum Pager {
    /// Columns of the terminal on stdout (nil when it is not a terminal).
    public static var terminalColumns: Int? {
        let columns = Int(ps_terminal_columns())
        return columns > 0 ? columns : nil
    }

    public static func show(_ text: String, enabled: Bool) {
        let rows = Int(ps_terminal_rows())
        let lines = text.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        guard enabled, rows > 0, lines >= rows - 1, isatty(1) != 0 else {
            print(text)
            fflush(nil)
            return
        }
        let command = ProcessInfo.processInfo.environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? "less -FRX"
        // popen keeps the pager in our session, so it can read keys from the terminal.
        fflush(nil)
        guard let pipe = popen(command, "w") else {
            print(text)
            return
        }
        _ = (text + "\n").withCString { fputs($0, pipe) }
        pclose(pipe)
        fflush(nil)
    }
}
