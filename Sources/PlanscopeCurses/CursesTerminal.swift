import CNcursesw
import CTerminal
import Foundation
import PlanscopeTUI
import Synchronization

/// Why the terminal could not be used.
public struct TerminalError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// The one place that touches the terminal: puts frames on screen through ncursesw
/// (rows that changed since the last frame; curses sends only the changed cells), reads
/// keys and mouse reports, and restores the terminal — on quit, on errors, on SIGINT,
/// SIGTERM and SIGHUP (the loop exits), on a crash signal (a C handler restores the saved
/// mode, then chains to the Swift runtime's backtracer) and while stopped by Ctrl-Z.
final class CursesTerminal {
    /// Set by the signal handler; the event loop restores the terminal and exits.
    static let signalReceived = Atomic<Int32>(0)
    /// SIGTSTP from outside (`kill -TSTP`): the loop suspends as for Ctrl-Z.
    static let stopRequested = Atomic<Bool>(false)
    /// SIGCONT: the process was stopped and continued; the loop draws everything again.
    static let continued = Atomic<Bool>(false)

    private var previous: CellGrid?
    private var theme: Theme
    private var pairs: [PairKey: Int16] = [:]
    private(set) var colors = 0
    private var started = false
    /// The curses screen of this session (one per `start`, deleted by `stop`).
    private var screen: OpaquePointer?
    let ascii: Bool

    private struct PairKey: Hashable {
        let fg: Int
        let bg: Int
    }

    init(theme: Theme) {
        self.theme = theme
        ascii = ps_setlocale_utf8() == 0
    }

    /// Enters full-screen mode: raw keys (Ctrl-C arrives as a key), no echo, keypad
    /// decoding, a 50 ms read timeout, colours when the terminal has them and `NO_COLOR`
    /// is not set.
    func start(monochrome: Bool) throws(TerminalError) {
        guard !started else { return }
        // The mode a crash puts back, and the handlers `stop` puts back (before curses
        // installs its own).
        _ = ps_term_save()
        Self.saveSignalHandlers()
        guard let screen = ps_newterm() else {
            Self.restoreSignalHandlers()
            throw TerminalError("cannot use terminal type '\(ProcessInfo.processInfo.environment["TERM"] ?? "")' (no terminfo entry); try TERM=xterm-256color")
        }
        self.screen = screen
        started = true
        raw()
        noecho()
        nonl()
        keypad(ps_stdscr(), true)
        set_escdelay(25)
        timeout = 50
        wtimeout(ps_stdscr(), timeout)
        curs_set(0)
        colors = 0
        if !monochrome, has_colors() {
            start_color()
            use_default_colors()
            colors = Int(ps_colors())
        }
        pairs = [:]
        previous = nil
        Self.installSignalHandlers()
        ps_term_install_crash_handlers()
        ps_term_mouse(1)
    }

    /// Leaves full-screen mode; the terminal is as it was.
    func stop() {
        guard started else { return }
        ps_term_mouse(0)
        curs_set(1)
        endwin()
        ps_term_remove_crash_handlers()
        if let screen { delscreen(screen) }
        screen = nil
        started = false
        Self.restoreSignalHandlers()
    }

    /// Ctrl-Z: hands the terminal back as it was (mouse off, the shell's modes, the main
    /// screen), stops the process group as a shell job, and when continued (`fg`) takes the
    /// terminal again; the next frame is drawn whole.
    func suspend() {
        guard started else { return }
        ps_term_mouse(0)
        curs_set(1)
        endwin()
        ps_term_stop_self()
        Self.continued.store(false, ordering: .relaxed)
        resume()
    }

    /// Takes the terminal again after a stop: curses' modes, the mouse, a whole redraw.
    func resume() {
        guard started else { return }
        ps_term_mouse(1)
        clearok(ps_stdscr(), true)
        previous = nil
        wnoutrefresh(ps_stdscr())
        doupdate()
    }

    func use(_ theme: Theme) {
        self.theme = theme
        pairs = [:]
        previous = nil
    }

    var size: (width: Int, height: Int) { (Int(ps_cols()), Int(ps_lines())) }

    /// Draws a frame: rows that differ from the last frame are rewritten run by run.
    func draw(_ frame: Frame) {
        let grid = frame.grid
        let full = previous.map { $0.width != grid.width || $0.height != grid.height } ?? true
        if full { werase(ps_stdscr()) }
        for y in 0..<grid.height {
            if !full, let previous, (0..<grid.width).allSatisfy({ previous[$0, y] == grid[$0, y] }) { continue }
            for run in grid.runs(row: y) {
                let (attributes, pair) = style(run.role)
                wattr_set(ps_stdscr(), attributes, pair, nil)
                mvwaddstr(ps_stdscr(), Int32(y), Int32(run.x), run.text)
            }
        }
        wattr_set(ps_stdscr(), PS_A_NORMAL, 0, nil)
        if let c = frame.cursor {
            curs_set(1)
            wmove(ps_stdscr(), Int32(c.y), Int32(c.x))
        } else {
            curs_set(0)
        }
        wnoutrefresh(ps_stdscr())
        doupdate()
        previous = grid
    }

    /// The attributes and colour pair of a role in the theme, for this terminal's colours.
    private func style(_ role: Role) -> (attr_t, Int16) {
        let s = theme.style(role)
        var a = PS_A_NORMAL
        if s.bold { a |= PS_A_BOLD }
        if s.dim { a |= PS_A_DIM }
        if s.reverse { a |= PS_A_REVERSE }
        if s.underline { a |= PS_A_UNDERLINE }
        guard colors >= 8 else { return (a, 0) }
        var fg = s.foreground.on(colors: colors), bg = s.background.on(colors: colors)
        if colors < 16 {
            // Eight colours: bright ones as bold.
            if fg >= 8 { fg -= 8; a |= PS_A_BOLD }
            if bg >= 8 { bg -= 8 }
        }
        if fg < 0 && bg < 0 { return (a, 0) }
        let key = PairKey(fg: fg, bg: bg)
        if let pair = pairs[key] { return (a, pair) }
        let next = Int16(pairs.count + 1)
        guard Int(next) < Int(ps_color_pairs()) else { return (a, 0) }
        init_pair(next, Int16(fg), Int16(bg))
        pairs[key] = next
        return (a, next)
    }

    enum Input {
        case key(Key)
        case mouse(MouseEvent)
        case resize
    }

    private var timeout: Int32 = 50

    /// The next key, or nil when none came within `timeoutMillis` (0: only what is
    /// already waiting).
    func read(timeoutMillis: Int) -> Input? {
        if Int32(timeoutMillis) != timeout {
            timeout = Int32(timeoutMillis)
            wtimeout(ps_stdscr(), timeout)
        }
        var ch: wint_t = 0
        let status = wget_wch(ps_stdscr(), &ch)
        if status == ERR { return nil }
        let code = Int32(bitPattern: ch)
        if status == KEY_CODE_YES {
            switch code {
            case KEY_RESIZE: return .resize
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_BTAB: return .key(.backTab)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_DC: return .key(.delete)
            case KEY_ENTER: return .key(.enter)
            default: return nil
            }
        }
        switch code {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return escape()
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.ctrl(Character(UnicodeScalar(UInt8(96 + code)))))
        default:
            guard let scalar = UnicodeScalar(UInt32(ch)) else { return nil }
            return .key(.char(Character(scalar)))
        }
    }

    /// Esc alone, or an SGR 1006 mouse report `ESC [ < b ; x ; y M|m` (curses' keypad does
    /// not know it, so its bytes arrive one by one, all at once). Anything else after Esc
    /// is given back to be read as keys.
    private func escape() -> Input? {
        var taken: [wint_t] = []
        func next() -> wint_t? {
            wtimeout(ps_stdscr(), 0)
            defer { wtimeout(ps_stdscr(), timeout) }
            var ch: wint_t = 0
            guard wget_wch(ps_stdscr(), &ch) == OK else { return nil }
            taken.append(ch)
            return ch
        }
        func giveBack() -> Input? {
            for ch in taken.reversed() { unget_wch(wchar_t(bitPattern: ch)) }
            return .key(.escape)
        }
        guard next() == 91, next() == 60 else { return giveBack() }  // [ <
        var fields: [Int] = [0], end: wint_t = 0
        while taken.count < 24, let ch = next() {
            if ch >= 48 && ch <= 57 {
                fields[fields.count - 1] = fields[fields.count - 1] * 10 + Int(ch - 48)
            } else if ch == 59 {
                fields.append(0)
            } else {
                end = ch
                break
            }
        }
        guard end == 77 || end == 109, fields.count == 3 else { return giveBack() }  // M m
        guard let event = MouseEvent.sgr(button: fields[0], x: fields[1], y: fields[2], release: end == 109) else { return nil }
        return .mouse(event)
    }

    // MARK: - Signals

    /// `nonisolated(unsafe)`: written and read only by the TUI's event-loop thread (save
    /// before the handlers go in, restore after), never from a signal handler.
    private nonisolated(unsafe) static var saved: [Int32: sigaction] = [:]
    private static let handled = [SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT]

    /// The dispositions ``restoreSignalHandlers()`` puts back.
    static func saveSignalHandlers() {
        for sig in handled {
            var old = sigaction()
            sigaction(sig, nil, &old)
            saved[sig] = old
        }
    }

    /// SIGINT, SIGTERM and SIGHUP set ``signalReceived`` (the loop then restores the
    /// terminal and exits with 128 + the signal); SIGTSTP asks the loop to suspend, SIGCONT
    /// to redraw; no SA_RESTART, so a blocked read returns.
    static func installSignalHandlers() {
        for sig in handled {
            var action = sigaction()
            switch sig {
            case SIGTSTP: action.__sigaction_handler.sa_handler = { _ in CursesTerminal.stopRequested.store(true, ordering: .relaxed) }
            case SIGCONT: action.__sigaction_handler.sa_handler = { _ in CursesTerminal.continued.store(true, ordering: .relaxed) }
            default: action.__sigaction_handler.sa_handler = { signal in CursesTerminal.signalReceived.store(signal, ordering: .relaxed) }
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(sig, &action, nil)
        }
    }

    static func restoreSignalHandlers() {
        for (sig, old) in saved {
            var previous = old
            sigaction(sig, &previous, nil)
        }
        saved = [:]
    }
}
