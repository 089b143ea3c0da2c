import Foundation
import GouguTestSupport

/// Runs the built `gougu` executable, as a user would, and captures what it prints.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CLI {
    /// `gougu` sits beside the test bundle in the build folder.
    static var executable: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = bundle.deletingLastPathComponent()
        // The xctest bundle may be a directory (GouguPackageTests.xctest/Contents/...).
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("gougu").path), folder.pathComponents.count > 1 {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("gougu")
    }

    /// Runs `gougu arguments...` from the repository root, with `input` written to a
    /// temporary file first when given (its path replaces `{input}` in the arguments).
    /// `environment`: variables set for the run, on top of this process's.
    static func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> CLIRun {
        var arguments = arguments
        var temporary: URL?
        if let input {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("gougu-\(UUID().uuidString).txt")
            try input.write(to: url, atomically: true, encoding: .utf8)
            arguments = arguments.map { $0 == "{input}" ? url.path : $0 }
            temporary = url
        }
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = SharedFiles.root
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIRun(status: process.terminationStatus,
                      stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// The expected output stored in Tests/GouguCLITests/Golden/.
    static func golden(_ name: String) -> String? {
        RepositoryFiles.text("Tests/GouguCLITests/Golden/\(name)")
    }
}
