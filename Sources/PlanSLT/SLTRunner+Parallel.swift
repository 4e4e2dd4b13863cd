import Foundation
import PlanCore
import PlanSupport

extension SLTRunner {
    /// A file to run, or one record of it (`FILE:LINE`).
    public struct Target: Sendable, Equatable {
        public var path: String
        public var line: Int?
        public init(path: String, line: Int? = nil) {
            self.path = path
            self.line = line
        }
    }

    /// Runs `targets` on `jobs` threads, each file in its own session, and hands each
    /// file's report to `report` in the order of `targets` as soon as it and every file
    /// before it are done — the same output whatever the number of jobs. With
    /// ``failFast`` no file starts after one has failed, and the reports end with the
    /// first failing file.
    public func runAll(_ targets: [Target], jobs: Int, report: (SLTReport.File) -> Void) -> SLTReport {
        let workers = max(1, min(jobs, targets.count))
        struct Shared {
            var next = 0
            var results: [SLTReport.File?]
            var stopped = false
            var running = 0
        }
        let shared = Locked(Shared(results: Array(repeating: nil, count: targets.count), running: workers))
        let ready = DispatchSemaphore(value: 0)
        let runner = self
        for _ in 0..<workers {
            DeepStack.start(.main) {
                while true {
                    let index: Int? = shared.withLock { s in
                        guard !s.stopped, s.next < targets.count else { return nil }
                        defer { s.next += 1 }
                        return s.next
                    }
                    guard let index else { break }
                    var r = runner
                    r.onlyLine = targets[index].line
                    let file = r.run(file: targets[index].path).files.first ?? SLTReport.File(path: targets[index].path)
                    shared.withLock { s in
                        s.results[index] = file
                        if runner.failFast, file.failed > 0 { s.stopped = true }
                    }
                    ready.signal()
                }
                shared.withLock { $0.running -= 1 }
                ready.signal()
            }
        }
        var out = SLTReport()
        var emitted = 0
        var done = false
        while !done {
            ready.wait()
            let (files, finished): ([SLTReport.File], Bool) = shared.withLock { s in
                var files: [SLTReport.File] = []
                while emitted + files.count < targets.count, let f = s.results[emitted + files.count] { files.append(f) }
                return (files, s.running == 0)
            }
            for f in files where !done {
                emitted += 1
                out.files.append(f)
                report(f)
                if failFast, f.failed > 0 { done = true }
            }
            if finished || emitted == targets.count { done = true }
        }
        // With fail-fast, wait for the files still running (they may be rewriting a file).
        while shared.withLock({ $0.running }) > 0 { ready.wait() }
        return out
    }
}
