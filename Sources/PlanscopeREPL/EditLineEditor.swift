import CEditLine
import Foundation
import PlanscopeCommands

/// The terminal line editor: libedit (emacs keys, Ctrl-R, history recall) with Tab
/// completion from a ``Completer``.
public final class EditLineEditor: LineEditor {
    private let el: OpaquePointer
    let completer: Completer
    /// Earlier lines of the statement being typed (for column completion).
    public var statement = ""

    public init?(completer: Completer, vi: Bool = false) {
        setlocale(LC_ALL, "")
        if String(cString: setlocale(LC_CTYPE, nil)) == "C" { setlocale(LC_CTYPE, "C.UTF-8") }
        guard let el = ps_el_open("planscope") else { return nil }
        self.el = el
        self.completer = completer
        if vi { _ = ps_el_use_emacs(el, 0) }
        ps_install_sigint()
        ps_install_exit_restore()
        _ = ps_el_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        _ = ps_el_add_fn(el, "ps-complete", "complete the word before the cursor") { el, _ in
            guard let el, let data = ps_el_get_clientdata(el) else { return UInt8(CC_ERROR) }
            let editor = Unmanaged<EditLineEditor>.fromOpaque(data).takeUnretainedValue()
            return editor.completeAtCursor()
        }
        _ = ps_el_bind(el, "^I", "ps-complete")
    }

    deinit { ps_el_close(el) }

    public func readLine(prompt: String) throws -> String? {
        ps_el_set_prompt_text(prompt)
        _ = ps_take_interrupt()
        var count: Int32 = 0
        guard let p = ps_el_gets(el, &count), count > 0 else {
            if ps_take_interrupt() != 0 { throw LineEditorInterrupt() }
            return nil
        }
        var line = String(cString: p)
        if line.hasSuffix("\n") { line.removeLast() }
        return line
    }

    public func remember(_ line: String) { _ = ps_el_history_add(el, line) }

    func completeAtCursor() -> UInt8 {
        guard let info = el_line(el)?.pointee, let start = info.buffer else { return UInt8(CC_ERROR) }
        let length = info.cursor - start
        let raw = UnsafeRawBufferPointer(start: start, count: length)
        let line = String(decoding: raw, as: UTF8.self)
        let (word, candidates) = completer.complete(line: line, statement: statement)
        guard !candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        if candidates.count == 1, let only = candidates.first {
            let suffix = String(only.dropFirst(word.count)) + (only.hasSuffix("/") ? "" : " ")
            _ = el_insertstr(el, suffix)
            return UInt8(CC_REFRESH)
        }
        // Extend to the longest common prefix, else list the choices.
        var common = candidates[0]
        for c in candidates.dropFirst() { while !c.hasPrefix(common) { common.removeLast() } }
        if common.count > word.count {
            _ = el_insertstr(el, String(common.dropFirst(word.count)))
            return UInt8(CC_REFRESH)
        }
        let width = (candidates.map(\.count).max() ?? 0) + 2
        let perLine = max(1, 100 / width)
        var text = "\n"
        for (i, c) in candidates.enumerated() {
            text += c.padding(toLength: width, withPad: " ", startingAt: 0)
            if (i + 1) % perLine == 0 { text += "\n" }
        }
        if !text.hasSuffix("\n") { text += "\n" }
        FileHandle.standardOutput.write(Data(text.utf8))
        return UInt8(CC_REDISPLAY)
    }

    /// True if Ctrl-C arrived (and clears it): for cancelling a running statement.
    public static func takeInterrupt() -> Bool { ps_take_interrupt() != 0 }
    public static var interruptPending: Bool { ps_interrupt_pending() != 0 }
}
