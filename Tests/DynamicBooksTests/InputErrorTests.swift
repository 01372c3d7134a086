import Foundation
import Testing
@testable import DynamicBooks

/// Each kind of bad input gives one line naming file, line, column, value and the rule broken.
@Suite("Bad input")
struct InputErrorTests {
    /// Loads a data directory with the fixture files, replaced by `files`, and returns the
    /// error message with the directory prefix removed.
    func message(_ files: [String: String], required: Set<InputFiles.Kind> = [.accounts, .reps]) throws -> String {
        let dir = try TestDirectory()
        defer { dir.remove() }
        var all = ["accounts.csv": Fixture.accounts, "reps.csv": Fixture.reps]
        for (name, text) in files { all[name] = text }
        for (name, text) in all { try dir.write(name, text) }
        let error = try #require(throws: InputError.self) {
            try DataSet.load(InputFiles(directory: dir.path), required: required)
        }
        #expect(!error.description.contains("\n"))
        return error.description.replacingOccurrences(of: dir.path + "/", with: "")
    }

    @Test func missingRequiredColumn() throws {
        #expect(try message(["reps.csv": "id,name\nR1,Ann\n"]) == #"reps.csv:1: missing required column "segment""#)
        #expect(try message(["reps.csv": "id,name,segmnt\nR1,Ann,SMB\n"])
            == #"reps.csv:1: missing required column "segment" (is "segmnt" meant to be it?)"#)
        #expect(try message(["accounts.csv": "name,country\nAcme,US\n"]) == #"accounts.csv:1: missing required column "id""#)
    }

    @Test func duplicateID() throws {
        #expect(try message(["accounts.csv": "id,name\nA1,One\nA2,Two\nA1,Again\n"])
            == #"accounts.csv:4:1 (id): "A1" is a duplicate id (first on line 2)"#)
        #expect(try message(["reps.csv": "id,segment\nR1,SMB\nR1,MM\n"])
            == #"reps.csv:3:1 (id): "R1" is a duplicate id (first on line 2)"#)
    }

    @Test func unparsableNumberDateBoolean() throws {
        #expect(try message(["accounts.csv": "id,name,employees\nA1,One,10\nA2,Two,12a\n"])
            == #"accounts.csv:3:3 (employees): "12a" is not a number"#)
        #expect(try message(["accounts.csv": "id,Owned Since\nA1,2026-13-01\n"])
            == #"accounts.csv:2:2 (Owned Since): "2026-13-01" is not a date (expected YYYY-MM-DD)"#)
        #expect(try message(["accounts.csv": "id,customer\nA1,maybe\n"])
            == #"accounts.csv:2:2 (customer): "maybe" is not a boolean (expected true/false/yes/no/1/0)"#)
        #expect(try message(["reps.csv": "id,segment,unavailable_until\nR1,SMB,soon\n"])
            == #"reps.csv:2:3 (unavailable_until): "soon" is not a date (expected YYYY-MM-DD)"#)
    }

    @Test func ownerThatIsNotARep() throws {
        #expect(try message(["accounts.csv": "id,owner\nA1,R1\nA2,R9\n"])
            == #"accounts.csv:3:2 (owner): "R9" is not a rep in reps.csv"#)
    }

    @Test func unknownSegment() throws {
        #expect(try message(["accounts.csv": "id,segment\nA1,smb\nA2,XL\n"])
            == #"accounts.csv:3:2 (segment): "XL" is not a segment of the policy (SMB, MM, ENT)"#)
        #expect(try message(["reps.csv": "id,segment\nR1,ENTT\n"])
            == #"reps.csv:2:2 (segment): "ENTT" is not a segment of the policy (SMB, MM, ENT) (did you mean "ENT"?)"#)
    }

    @Test func rampOutsideZeroToOne() throws {
        #expect(try message(["reps.csv": "id,segment,ramp\nR1,SMB,1.5\n"]) == #"reps.csv:2:3 (ramp): "1.5" is outside 0–1"#)
    }

    @Test func negativeCapacityOrWorkload() throws {
        #expect(try message(["reps.csv": "id,segment,capacity\nR1,SMB,-3\n"])
            == #"reps.csv:2:3 (capacity): "-3" must not be negative"#)
        #expect(try message(["accounts.csv": "id,workload\nA1,-1\n"])
            == #"accounts.csv:2:2 (workload): "-1" is outside 0.001–1000"#)
    }

    @Test func emptyOrHeaderOnlyFile() throws {
        #expect(try message(["accounts.csv": ""]) == "accounts.csv: is empty (expected a header row)")
        #expect(try message(["accounts.csv": "id,name\n"]) == "accounts.csv: has no accounts after the header")
        #expect(try message(["reps.csv": "id,segment\n\n"]) == "reps.csv: has no reps after the header")
    }

    @Test func missingFile() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let error = try #require(throws: InputError.self) { try DataSet.load(InputFiles(directory: dir.path)) }
        #expect(error.description == "\(dir.path)/accounts.csv: no such file")
        let explicit = try #require(throws: InputError.self) {
            try DataSet.load(InputFiles(accounts: dir.name("nope.csv")))
        }
        #expect(explicit.description == "\(dir.path)/nope.csv: no such file")
    }

    @Test func activityAndReturnsReferences() throws {
        #expect(try message(["activity.csv": "account_id,rep_id,date,type\nA1,R1,2026-11-02,call\nA9,R1,2026-11-03,call\n"])
            == #"activity.csv:3:1 (account_id): "A9" is not an account in accounts.csv"#)
        #expect(try message(["returns.csv": "account_id,rep_id,date,reason\nA1,R7,2026-11-02,poor_fit\n"])
            == #"returns.csv:2:2 (rep_id): "R7" is not a rep in reps.csv"#)
    }

    @Test func repTheaterUnknown() throws {
        #expect(try message(["reps.csv": "id,segment,theaters\nR1,SMB,NA;EMAE\n"])
            == #"reps.csv:2:3 (theaters): "EMAE" is not a theater of the policy or of the accounts (did you mean "EMEA"?)"#)
    }

    @Test func tooManyFields() throws {
        #expect(try message(["accounts.csv": "id,name\nA1,Acme, Inc.\n"])
            == #"accounts.csv:2:3: " Inc." is in column 3 but the header has 2 columns (quote fields that contain commas)"#)
    }

    @Test func invalidUTF8() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try dir.write("accounts.csv", bytes: Array("id,name\nA1,ok\nA2,".utf8) + [0xC3, 0x28] + [0x0A])
        let error = try #require(throws: InputError.self) { try DataSet.load(InputFiles(directory: dir.path)) }
        #expect(error.description == "\(dir.path)/accounts.csv:3: is not valid UTF-8 text")
    }

    @Test func scoringFieldNotAColumn() throws {
        let policy = "scoring:\n  rules:\n    - when: { intnt: { gte: 70 } }\n      points: 30\n"
        #expect(try message(["policy.yaml": policy, "accounts.csv": "id,intent\nA1,80\n"])
            == #"policy.yaml:3:15: scoring names the field "intnt", which is not a column of accounts.csv (did you mean "intent"?)"#)
    }
}
