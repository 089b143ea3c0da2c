import Foundation
import Testing

/// The neural proposer's maintenance commands live under `gougu proposer`; their former
/// top-level spellings still run, with a note naming the new one.
struct ProposerCommandTests {
    @Test func theMaintenanceCommandsAreGroupedUnderProposer() throws {
        let run = try CLI.run(["proposer", "--help"])
        #expect(run.status == 0)
        for command in ["corpus", "train", "evaluate", "export", "synth-corpus"] {
            #expect(run.stdout.contains("  \(command) "), "\(command) is listed: \(run.stdout)")
        }
        let top = try CLI.run(["--help"])
        #expect(top.stdout.contains("proposer"))
        #expect(!top.stdout.contains("train-eval") && !top.stdout.contains("export-model"))
    }

    @Test func aFormerSpellingRunsTheNewCommandWithANote() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gougu-synth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = folder.appendingPathComponent("old.txt").path, new = folder.appendingPathComponent("new.txt").path
        let former = try CLI.run(["synth-corpus", "--count", "20", "--seed", "3", "--out", old])
        #expect(former.status == 0, "\(former.stderr)")
        #expect(former.stderr.contains("note: 'gougu synth-corpus' is now 'gougu proposer synth-corpus'"))
        let current = try CLI.run(["proposer", "synth-corpus", "--count", "20", "--seed", "3", "--out", new])
        #expect(current.status == 0, "\(current.stderr)")
        #expect(!current.stderr.contains("note:"))
        #expect(try String(contentsOfFile: old, encoding: .utf8) == String(contentsOfFile: new, encoding: .utf8))
    }

    @Test func anUnknownProposerCommandIsBadInput() throws {
        let run = try CLI.run(["proposer", "fly"])
        #expect(run.status == 2, "\(run.stderr)")
    }
}
