import Foundation

/// Files beside the repository (`../shared/`): the benchmark sets and the reference data.
/// CI clones the repository with `shared/` beside it.
enum SharedFiles {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")

    static func text(_ relative: String) -> String? {
        try? String(contentsOf: shared.appendingPathComponent(relative), encoding: .utf8)
    }

    static var available: Bool { text("benchmarks/imo_ag_30.txt") != nil }
    static let benchmarkFiles = ["benchmarks/imo_ag_30.txt", "benchmarks/ag_examples.txt"]
}
