import Foundation
import PlanEngine
import Synchronization

/// SIGINT, SIGTERM and SIGHUP during a script or a pipeline run: the running statement is
/// cancelled (so no output is started, and one being written is finished whole, by
/// rename), then the process exits with 128 + the signal's number, as a shell expects.
/// The REPL handles its own signals (Ctrl-C cancels and keeps the session).
enum SignalCancellation {
    private static let received = Atomic<Int32>(0)

    /// Installs the handlers and a watcher that cancels `session`'s running statements.
    static func install(for session: Session) {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signal in SignalCancellation.received.store(signal, ordering: .relaxed) }
            sigemptyset(&action.sa_mask)
            sigaction(sig, &action, nil)
        }
        let watcher = Thread {
            while received.load(ordering: .relaxed) == 0 { usleep(20_000) }
            session.cancelRunning()
        }
        watcher.start()
    }

    /// Ends the process if a signal arrived (call once the cancelled work has unwound).
    static func exitIfSignalled() {
        let sig = received.load(ordering: .relaxed)
        guard sig != 0 else { return }
        let name = [SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP"][sig] ?? "signal \(sig)"
        FileHandle.standardError.write(Data("planscope: stopped by \(name)\n".utf8))
        Foundation.exit(128 + sig)
    }
}
