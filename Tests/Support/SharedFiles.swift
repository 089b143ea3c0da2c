import Foundation

/// Files beside the repository (`../shared/`): the benchmark sets and the reference data.
/// CI clones the repository with `shared/` beside it.
public enum SharedFiles {
    /// The repository root.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `../shared/` beside the repository.
    public static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")

    /// The text of a file under `../shared/`, or nil when it is not there.
    public static func text(_ relative: String) -> String? {
        try? String(contentsOf: shared.appendingPathComponent(relative), encoding: .utf8)
    }

    /// Whether `../shared/` is present.
    public static var available: Bool { text("benchmarks/imo_ag_30.txt") != nil }
    /// The benchmark problem files every test of the language and diagrams loads.
    public static let benchmarkFiles = ["benchmarks/imo_ag_30.txt", "benchmarks/ag_examples.txt"]
}

/// Files of the repository itself.
public enum RepositoryFiles {
    /// The text of a file relative to the repository root.
    public static func text(_ relative: String) -> String? {
        try? String(contentsOf: SharedFiles.root.appendingPathComponent(relative), encoding: .utf8)
    }
}
