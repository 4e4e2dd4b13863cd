// swift-tools-version: 6.2
import Foundation
import PackageDescription

var package = Package(
    name: "planscope",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "planscope", targets: ["planscope"]),
        .library(name: "PlanEngine", targets: ["PlanEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // Below L0: locks (Locked, Monitor), path text and file globs; Foundation only.
        .target(name: "PlanSupport"),
        // L0: the vocabulary. Types, schema, values, expressions, logical plans, display.
        .target(name: "PlanCore", dependencies: ["PlanSupport"]),
        // L1: SQL text -> bound LogicalPlan.
        .target(name: "PlanSQL", dependencies: ["PlanCore"]),
        // L1: canonical JSON fingerprints, line diffs (manifests grow here).
        .target(name: "PlanManifest", dependencies: ["PlanCore", .product(name: "Crypto", package: "swift-crypto")]),
        // L2: pipeline specs, their validation, the task graph, the determinism contract, run reports.
        .target(name: "PlanPipeline", dependencies: ["PlanCore", "PlanSupport", "PlanSQL", "PlanManifest",
                                                     .product(name: "HeapModule", package: "swift-collections")]),
        // L2: the optimizer harness, its rules, traces and rulepacks.
        .target(name: "PlanOptimizer", dependencies: ["PlanCore", "PlanSupport", "PlanManifest"]),
        // L2: other engines' traces (DataFusion EXPLAIN VERBOSE, Spark's plan change log) read into plan trees and the trace model.
        .target(name: "PlanForeignTrace", dependencies: ["PlanCore", "PlanOptimizer"]),
        // L1: columnar batches and the scan protocol (the executor grows here).
        .target(name: "PlanExec", dependencies: ["PlanCore", "PlanSupport", "CPrefetch"]),
        // A cache prefetch hint (a compiler builtin Swift does not expose), for hash probes.
        .target(name: "CPrefetch", path: "Sources/CPrefetch"),
        // L2: the Parquet reader: footer (Thrift compact protocol), pages, encodings, codecs.
        .target(name: "PlanParquet", dependencies: ["PlanCore", "PlanExec", "CParquetCompression"]),
        // Snappy, ZSTD, zlib and LZ4 through a small C shim; needs libsnappy-dev, libzstd-dev, zlib1g-dev, liblz4-dev.
        .systemLibrary(name: "CParquetCompression", path: "Sources/CParquetCompression"),
        // L2: Substrait plans: producer, consumer, their JSON form.
        .target(name: "PlanSubstrait", dependencies: ["PlanCore"]),
        // L2: concrete tables: memory, CSV, JSON lines, Parquet.
        .target(name: "PlanProviders", dependencies: ["PlanCore", "PlanSupport", "PlanExec", "PlanSQL", "PlanParquet", "PlanSubstrait", .product(name: "Logging", package: "swift-log")]),
        // L3: the Session facade every front end calls.
        .target(name: "PlanEngine", dependencies: [
            "PlanCore", "PlanSupport", "PlanSQL", "PlanExec", "PlanProviders", "PlanOptimizer", "PlanManifest", "PlanPipeline", "PlanForeignTrace",
            "PlanSubstrait",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // L4: the command language and output formats shared by the CLI, REPL and TUI.
        .target(name: "PlanscopeCommands", dependencies: ["PlanEngine", "PlanCore", "PlanSupport", "PlanExec", "PlanOptimizer", "PlanManifest", "PlanProviders", "PlanPipeline"]),
        // libedit (BSD editline) through a small C layer; needs libedit-dev.
        .target(name: "CEditLine", path: "Sources/CEditLine", linkerSettings: [.linkedLibrary("edit")]),
        // L5: the interactive loop: line editing, history, completion.
        .target(name: "PlanscopeREPL", dependencies: ["PlanscopeCommands", "PlanEngine", "CEditLine"]),
        // ncursesw (wide characters) through a shim for macros and globals; needs libncurses-dev.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // The terminal handed back from C signal handlers (crash signals, Ctrl-Z) and mouse modes.
        .target(name: "CTerminal", path: "Sources/CTerminal"),
        // L5: the TUI as values: cell grid, themes, state and update, panes, screen (no terminal).
        .target(name: "PlanscopeTUI", dependencies: ["PlanscopeCommands", "PlanEngine", "PlanCore", "PlanSupport", "PlanExec", "PlanManifest",
                                                     "PlanOptimizer", "PlanPipeline", "PlanProviders"]),
        // L6: the TUI on a terminal: the curses backend and the event loop.
        .target(name: "PlanscopeCurses", dependencies: ["PlanscopeTUI", "PlanscopeCommands", "PlanEngine", "PlanCore", "PlanSupport", "CNcursesw", "CTerminal"]),
        // L4: the sqllogictest runner behind `planscope slt`.
        .target(name: "PlanSLT", dependencies: [
            "PlanEngine", "PlanCore", "PlanManifest", "PlanSupport",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // L6: the command line.
        .executableTarget(name: "planscope", dependencies: [
            "PlanEngine", "PlanCore", "PlanscopeCommands", "PlanscopeREPL", "PlanSLT", "PlanPipeline", "PlanManifest",
            "PlanscopeCurses", "PlanscopeTUI", "PlanSupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Benchmarks (not run by tests): `swift run -c release planscope-bench`.
        .executableTarget(name: "PlanBench", dependencies: ["PlanEngine", "PlanCore", "PlanSupport", "PlanProviders", "PlanManifest", "PlanscopeTUI",
                                                           "PlanOptimizer", "PlanExec", "PlanPipeline"],
                          path: "Sources/PlanBench"),
        // The fuzz targets' entry points (docs/testing.md); the regression test replays through them.
        .target(name: "PlanFuzz", dependencies: ["PlanEngine", "PlanCore", "PlanManifest", "PlanPipeline", "PlanSLT", "PlanscopeTUI", "PlanForeignTrace"]),
        // Tests only: the one golden-text helper (line diffs, fixture files, update mode).
        .target(name: "PlanTesting", dependencies: ["PlanManifest"]),
        .testTarget(name: "PlanSupportTests", dependencies: ["PlanSupport"]),
        .testTarget(name: "PlanCoreTests", dependencies: ["PlanCore"]),
        .testTarget(name: "PlanSLTTests", dependencies: ["PlanSLT", "PlanCore", "PlanSupport"]),
        .testTarget(name: "PlanscopeCommandsTests", dependencies: ["PlanscopeCommands", "PlanEngine", "PlanCore"]),
        .testTarget(name: "PlanOptimizerTests", dependencies: ["PlanOptimizer", "PlanCore", "PlanEngine", "PlanManifest", "PlanExec", "PlanTesting"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "PlanSQLTests", dependencies: ["PlanCore", "PlanSQL", "PlanEngine", "PlanTesting"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "PlanExecTests", dependencies: ["PlanExec", "PlanCore", "PlanSupport", "PlanEngine",
                                                          .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "PlanProvidersTests", dependencies: ["PlanProviders", "PlanExec", "PlanCore"]),
        .testTarget(name: "PlanParquetTests", dependencies: ["PlanParquet", "PlanExec", "PlanCore"]),
        .testTarget(name: "PlanForeignTraceTests", dependencies: ["PlanForeignTrace", "PlanCore", "PlanOptimizer", "PlanManifest"]),
        .testTarget(name: "PlanManifestTests", dependencies: ["PlanManifest", "PlanCore"]),
        .testTarget(name: "PlanPipelineTests", dependencies: ["PlanPipeline", "PlanCore"]),
        .testTarget(name: "PlanscopeTUITests", dependencies: ["PlanscopeTUI", "PlanscopeCommands", "PlanEngine", "PlanCore", "PlanSupport", "PlanManifest", "PlanPipeline",
                                                             "PlanOptimizer", "PlanExec", "PlanTesting"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "PlanEngineTests", dependencies: ["PlanEngine", "PlanCore", "PlanSupport", "PlanProviders", "PlanExec", "PlanscopeCommands", "PlanFuzz",
                                                            "PlanManifest", "PlanPipeline", "PlanOptimizer", .product(name: "Logging", package: "swift-log")]),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer drivers, one executable per target, only with PLANSCOPE_FUZZ=1 (bench/fuzz.sh):
// they link with -sanitize=fuzzer, which a normal build cannot.
if ProcessInfo.processInfo.environment["PLANSCOPE_FUZZ"] != nil {
    package.targets.append(.target(name: "CFuzzDriver", path: "Sources/Fuzz/CFuzzDriver"))
    for name in ["SQL", "SQLExec", "CSV", "JSONL", "Parquet", "Pipeline", "Manifest", "Theme", "SLT", "DataFusionTrace", "SparkTrace", "Substrait"] {
        package.targets.append(.executableTarget(name: "Fuzz\(name)", dependencies: ["PlanFuzz", "CFuzzDriver"],
                                                 path: "Sources/Fuzz/Fuzz\(name)"))
        package.products.append(.executable(name: "Fuzz\(name)", targets: ["Fuzz\(name)"]))
    }
}

// The project's own Swift targets build with every warning as an error; dependencies keep
// their warnings (a compiler flag would fail on theirs too). C targets have no Swift settings.
let warningsAsErrors: [SwiftSetting] = [.treatAllWarnings(as: .error)]
for target in package.targets where target.type != .system && !target.name.hasPrefix("C") {
    target.swiftSettings = (target.swiftSettings ?? []) + warningsAsErrors
}
