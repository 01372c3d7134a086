import Foundation
import Testing
@testable import DynamicBooks

/// Reps over time: start and end dates, leave, departure, ramp by weeks, who counts as new, and
/// the reps.csv columns and policy keys that say so.
@Suite("Reps over time")
struct RepCalendarTests {
    static let d = Day(year: 2026, month: 10, day: 1)

    @Test("availability, employment and being away follow status, dates and leave")
    func availability() {
        let active = Rep(id: "R1", segment: "SMB")
        #expect(active.isAvailable(on: Self.d) && active.isEmployed(on: Self.d) && !active.isAway(on: Self.d))

        let starting = Rep(id: "R2", segment: "SMB", startDate: Self.d + 7)
        #expect(!starting.isAvailable(on: Self.d) && !starting.isEmployed(on: Self.d) && !starting.isAway(on: Self.d))
        #expect(starting.isAvailable(on: Self.d + 7))

        let ending = Rep(id: "R3", segment: "SMB", endDate: Self.d + 10)
        #expect(ending.isAvailable(on: Self.d + 9) && !ending.isAway(on: Self.d + 9))
        #expect(!ending.isAvailable(on: Self.d + 10) && !ending.isEmployed(on: Self.d + 10) && ending.isAway(on: Self.d + 10))

        let leave = Rep(id: "R4", segment: "SMB", unavailableUntil: Self.d + 14, status: .leave)
        #expect(!leave.isAvailable(on: Self.d) && leave.isEmployed(on: Self.d) && leave.isAway(on: Self.d))
        #expect(leave.isAvailable(on: Self.d + 14) && !leave.isAway(on: Self.d + 14))

        let openLeave = Rep(id: "R5", segment: "SMB", status: .leave)
        #expect(!openLeave.isAvailable(on: Self.d + 1000) && openLeave.isAway(on: Self.d + 1000))

        let departed = Rep(id: "R6", segment: "SMB", status: .departed)
        #expect(!departed.isAvailable(on: Self.d) && !departed.isEmployed(on: Self.d) && departed.isAway(on: Self.d))

        // PTO (unavailable_until without a leave) keeps the book: not away.
        let pto = Rep(id: "R7", segment: "SMB", unavailableUntil: Self.d + 5)
        #expect(!pto.isAvailable(on: Self.d) && !pto.isAway(on: Self.d))
    }

    @Test("a new rep ramps k/N in week k of its stint and counts as new for new_rep_days")
    func rampAndNew() {
        var policy = AssignmentPolicy()
        policy.rampWeeks = 4
        policy.newRepDays = 28
        let rep = Rep(id: "R1", segment: "SMB", ramp: 0.9, startDate: Self.d)
        let ramps = [0, 6, 7, 13, 14, 21, 27, 28, 60].map { rep.ramped(on: Self.d + $0, policy: policy).ramp }
        #expect(ramps == [0.25, 0.25, 0.5, 0.5, 0.75, 0.9, 0.9, 0.9, 0.9])
        #expect(rep.ramped(on: Self.d - 1, policy: policy).ramp == 0.9)
        #expect(rep.isNew(on: Self.d, policy: policy) && rep.isNew(on: Self.d + 27, policy: policy))
        #expect(!rep.isNew(on: Self.d + 28, policy: policy) && !rep.isNew(on: Self.d - 1, policy: policy))
        // Back from leave: the stint starts when the leave ends.
        let back = Rep(id: "R2", segment: "SMB", unavailableUntil: Self.d + 14, startDate: Self.d - 400, status: .leave)
        #expect(!back.isNew(on: Self.d + 13, policy: policy))
        #expect(back.isNew(on: Self.d + 14, policy: policy))
        #expect(back.ramped(on: Self.d + 14, policy: policy).ramp == 0.25)
        policy.rampWeeks = 0
        #expect(rep.ramped(on: Self.d, policy: policy).ramp == 0.9)
    }

    @Test("reps.csv reads start_date, end_date and status, and refuses bad ones with file, line, column")
    func repsColumns() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("accounts.csv", Fixture.accounts)
        try dir.write("reps.csv", """
            id,segment,start_date,end_date,status
            R1,SMB,2026-10-01,,
            R2,SMB,,2026-12-31,Leave
            R3,SMB,,,departed

            """)
        let reps = try DataSet.load(InputFiles(directory: dir.path), required: [.accounts, .reps]).reps
        #expect(reps.map(\.status) == [.active, .leave, .departed])
        #expect(reps[0].startDate == Day(year: 2026, month: 10, day: 1) && reps[1].endDate == Day(year: 2026, month: 12, day: 31))
        #expect(String(decoding: DataSet(reps: reps).repsCSV().bytes, as: UTF8.self).hasPrefix(
            "id,name,segment,theaters,capacity,ramp,specialties,unavailable_until,routing_weight,start_date,end_date,status\n"))

        for (row, expected) in [("R1,SMB,,,gone", #"reps.csv:2:5 (status): "gone" is not a rep status (active, leave, departed)"#),
                                ("R1,SMB,2026-10-01,2026-09-01,", #"reps.csv:2:4 (end_date): "2026-09-01" is not after start_date 2026-10-01"#),
                                ("R1,SMB,soon,,", #"reps.csv:2:3 (start_date): "soon" is not a date (expected YYYY-MM-DD)"#)] {
            try dir.write("reps.csv", "id,segment,start_date,end_date,status\n\(row)\n")
            let error = try #require(throws: InputError.self) {
                try DataSet.load(InputFiles(directory: dir.path), required: [.accounts, .reps])
            }
            #expect(error.description.replacingOccurrences(of: dir.path + "/", with: "") == expected)
        }
    }

    @Test("a reps file without the day-two columns is written as before")
    func repsWrittenAsBefore() {
        let csv = String(decoding: DataSet(reps: [Rep(id: "R1", segment: "SMB")]).repsCSV().bytes, as: UTF8.self)
        #expect(csv.hasPrefix("id,name,segment,theaters,capacity,ramp,specialties,unavailable_until,routing_weight\n"))
    }

    @Test("assignment.topoff keys are read, checked and written back")
    func policyKeys() throws {
        let policy = try PolicyLoader.parse("assignment:\n  topoff: { fill_new_reps: true, new_rep_days: 14, ramp_weeks: 6 }\n")
        #expect(policy.assignment.fillNewReps && policy.assignment.newRepDays == 14 && policy.assignment.rampWeeks == 6)
        #expect(try PolicyLoader.parse(policy.yaml) == policy)
        #expect(Policy().yaml.contains("topoff: { fill_new_reps") == false)
        let error = try #require(throws: InputError.self) { try PolicyLoader.parse("assignment:\n  topoff: { fill_new_rep: true }\n") }
        #expect(error.description.contains(#"unknown key "fill_new_rep""#) && error.description.contains("fill_new_reps"))
    }
}
