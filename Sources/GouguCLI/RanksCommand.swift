import ArgumentParser
import Foundation
import Gougu

/// `gougu proposer ranks`: where the proposer ranks the auxiliary constructions problem
/// authors give (Newclid's clauses after `|`).
struct RanksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ranks",
        abstract: "Rank the authors' auxiliary constructions (after '|') among the proposer's proposals.",
        discussion: """
            For each problem with auxiliary clauses written after '|', and each of those clauses: \
            the statement plus the earlier author clauses is a proof state; deduction runs on it, \
            the proposer lists its first --limit proposals, and the rank is that of the first \
            proposal whose new point lands on the author's point. The author's clauses are ground \
            truth, not input: a benchmark run never sees them. Problems without '|' are skipped.
            """
    )

    @ArgumentParser.Argument(help: "Problem files.") var files: [String]
    @Option(help: "Proposals examined per state.") var limit = 200
    @Option(help: "Seconds of deduction per state.") var timeout = 30.0
    @Option(help: "Write the table as Markdown to this file too.") var report: String?
    @OptionGroup var proposerOptions: ProposerOptions

    func validate() throws {
        try requireLimit(timeout, "--timeout")
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let (proposer, _) = try proposerOptions.make()
        var rows: [String] = []
        var ranks: [Int?] = []
        var measured = 0
        for file in files {
            let read = readProblemFile(file)
            for diagnostic in read.diagnostics { warn(diagnostic.description) }
            for problem in read.problems where problem.authorAuxiliaryStart != nil {
                do {
                    let found = try AuthorConstructionRanks.measure(problem, proposer: proposer, limit: limit, seconds: timeout)
                    measured += 1
                    for rank in found {
                        let shown = rank.provedBefore ? "proved before it" : rank.rank.map(String.init) ?? "not in \(rank.proposals)"
                        rows.append("| \(problem.name) | \(rank.depth) | `\(rank.clause)` | \(shown) | \(rank.matchedBy.map { "`\($0)`" } ?? "") |")
                        print("\(problem.name)\t\(rank.depth)\t\(rank.clause)\t\(shown)\t\(rank.matchedBy ?? "")")
                        if !rank.provedBefore { ranks.append(rank.rank) }
                    }
                } catch {
                    warn("\(problem.name): not measured: \(error)")
                }
            }
        }
        let found = ranks.compactMap { $0 }.sorted()
        func within(_ k: Int) -> Int { found.filter { $0 <= k }.count }
        let summary = "\(measured) problems, \(ranks.count) author clauses asked: \(within(1)) ranked first, \(within(10)) in the first 10, "
            + "\(within(50)) in the first 50, \(found.count) in the first \(limit); median rank of those found: "
            + (found.isEmpty ? "none" : "\(found[found.count / 2])")
        print(summary)
        if let report {
            let text = (["| problem | depth | author's clause | rank | proposal that lands on it |", "| --- | ---: | --- | ---: | --- |"]
                        + rows + ["", summary]).joined(separator: "\n") + "\n"
            FileAccess.writeOrFail(Data(text.utf8), to: report, what: "report")
        }
    }
}
