/// The word lists and shares the generator draws from.
enum Vocabulary {
    static let attributeColumns = ["intent", "web_visits_30d"]

    /// Theaters in the order they are added, with their countries and each country's share.
    static let theaters: [(name: String, share: Double, countries: [(code: String, share: Double)])] = [
        ("NA", 0.46, [("US", 0.86), ("CA", 0.14)]),
        ("EMEA", 0.33, [("GB", 0.28), ("DE", 0.24), ("FR", 0.17), ("NL", 0.10), ("SE", 0.07),
                        ("IE", 0.05), ("ES", 0.05), ("IT", 0.04)]),
        ("APAC", 0.15, [("AU", 0.35), ("JP", 0.25), ("SG", 0.20), ("IN", 0.20)]),
        ("LATAM", 0.06, [("BR", 0.50), ("MX", 0.30), ("AR", 0.10), ("CL", 0.10)]),
    ]

    /// US states by share of accounts.
    static let usStates: [(code: String, share: Double)] = [
        ("CA", 0.14), ("TX", 0.10), ("NY", 0.11), ("FL", 0.07), ("IL", 0.06), ("PA", 0.06),
        ("NJ", 0.06), ("MA", 0.05), ("WA", 0.05), ("GA", 0.04), ("OH", 0.04), ("NC", 0.04),
        ("CT", 0.03), ("MI", 0.03), ("CO", 0.03), ("VA", 0.03), ("MN", 0.02),
    ]
    static let canadianProvinces: [(code: String, share: Double)] = [
        ("ON", 0.45), ("QC", 0.22), ("BC", 0.18), ("AB", 0.15),
    ]
    /// The states a regulated seller is licensed in, in the order theaters are added.
    static let licensedStates = ["NY", "NJ", "PA", "CT", "MA", "IL", "TX", "CA"]

    /// Industries, their share of accounts and revenue per employee (USD, median).
    static let industries: [(name: String, share: Double, revenuePerEmployee: Double)] = [
        ("Software", 0.16, 260_000), ("Fintech", 0.07, 330_000), ("Healthcare", 0.11, 150_000),
        ("Manufacturing", 0.13, 210_000), ("Retail", 0.10, 180_000), ("Logistics", 0.07, 200_000),
        ("Professional Services", 0.11, 140_000), ("Education", 0.06, 90_000),
        ("Media", 0.05, 170_000), ("Energy", 0.04, 520_000), ("Hospitality", 0.06, 70_000),
        ("Government", 0.04, 110_000),
    ]

    static let namePrefixes = [
        "Northwind", "Bluebird", "Summit", "Ironwood", "Cobalt", "Harbor", "Silverline", "Redwood",
        "Brightpath", "Keystone", "Lumen", "Granite", "Evergreen", "Pioneer", "Meridian", "Atlas",
        "Beacon", "Cascade", "Crescent", "Falcon", "Horizon", "Juniper", "Maple", "Orchard",
        "Quantum", "Riverbend", "Sterling", "Tidewater", "Vanguard", "Willow", "Zenith", "Aurora",
    ]
    static let nameCores = [
        "Analytics", "Systems", "Labs", "Health", "Logistics", "Foods", "Energy", "Partners",
        "Robotics", "Media", "Capital", "Networks", "Software", "Devices", "Learning", "Supply",
        "Clinics", "Motors", "Studios", "Materials",
    ]
    static let nameSuffixes = ["", "", "", "", " Group", " Co", ", Inc.", " Ltd", " GmbH", " & Sons"]

    static let firstNames = [
        "Ava", "Ben", "Chloe", "Daniel", "Elena", "Farid", "Grace", "Hiro", "Isla", "Jonas",
        "Keira", "Liam", "Maya", "Noah", "Olivia", "Priya", "Quinn", "Rafael", "Sofia", "Tomas",
        "Uma", "Victor", "Wen", "Yara", "Zoe",
    ]
    static let lastNames = [
        "Adams", "Brennan", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Hughes",
        "Ito", "Jensen", "Kowalski", "Larsen", "Moreau", "Nakamura", "O'Neill", "Patel",
        "Rossi", "Schmidt", "Tanaka", "Novak", "Walsh", "Young",
    ]

    static let activityTypes: [(type: String, share: Double)] = [
        ("email", 0.45), ("call", 0.30), ("meeting", 0.15), ("note", 0.10),
    ]

    static let returnNotes = [
        "no budget this year", "contact left the company", "duplicate of another record",
        "not our buyer", "asked to reconnect next quarter", "closed, nothing more to do",
    ]
}
