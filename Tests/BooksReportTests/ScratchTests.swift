import BooksReport
import Foundation
import Testing

@Test func scratchWrite() throws {
    let (directory, _) = try ReportFixture.planFolder()
    let data = try ReportData(planFolder: directory)
    try ReportWriter.write(data: data, to: URL(fileURLWithPath: "/tmp/report-plan.html"))
    let (_, workspace) = try ReportFixture.workspace()
    let w = try ReportData(workspace: workspace)
    try ReportWriter.write(data: w, to: URL(fileURLWithPath: "/tmp/report-ws.html"))
}
