import Foundation
import Gougu

/// `gougu bench --html DIR`: the index page, the report's table with each proved problem
/// linked to its proof page.
enum BenchPages {
    static func index(of report: BenchReport, pages: [Int: String], folder: String) -> String {
        var rows = ""
        for record in report.problems {
            let page = pages[record.index]
            let exists = page.map { FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent($0)) } ?? false
            let name = exists ? "<a href=\"\(escape(page!))\">\(escape(record.problem))</a>" : escape(record.problem)
            let how = record.byCoordinates == true ? "coordinates" : (record.auxiliary?.isEmpty == false ? "auxiliary points" : (record.proved ? "deduction" : ""))
            rows += "<tr class=\"\(record.proved ? "proved" : "unproved")\"><td>\(name)</td><td>\(escape(record.status))</td><td>\(how)</td>"
                + "<td class=\"n\">\(String(format: "%.2f", record.seconds))</td><td class=\"n\">\(record.steps.map(String.init) ?? "")</td>"
                + "<td>\(escape(record.auxiliary?.joined(separator: "; ") ?? ""))</td></tr>\n"
        }
        let totals = report.totals
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Gougu bench: \(totals.proved) of \(totals.problems) proved</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 20px; color: #222; }
        table { border-collapse: collapse; }
        th, td { padding: 3px 10px; border-bottom: 1px solid #ddd; text-align: left; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        tr.unproved td { color: #888; }
        </style></head>
        <body>
        <h1>\(totals.proved) of \(totals.problems) proved</h1>
        <p>\(escape(report.run.inputs.map { $0.file }.joined(separator: ", "))), \(String(format: "%g", report.run.timeout)) s a problem. Each proved problem links to its proof page.</p>
        <table>
        <thead><tr><th>problem</th><th>status</th><th>proved by</th><th>seconds</th><th>steps</th><th>auxiliary constructions</th></tr></thead>
        <tbody>
        \(rows)</tbody>
        </table>
        </body>
        </html>

        """
    }
}
