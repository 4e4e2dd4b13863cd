// libFuzzer driver for the parquet target (bench/fuzz.sh parquet SECONDS; docs/testing.md).
import CFuzzDriver
import Foundation
import PlanFuzz

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.parquet.run(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "--write-seeds" {
    for (name, text) in FuzzTarget.parquet.builtInSeeds {
        _ = FileManager.default.createFile(atPath: CommandLine.arguments[2] + "/" + name, contents: Data(text.utf8))
    }
    exit(0)
}
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { fuzzOne($0, $1) })
