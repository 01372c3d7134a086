/// A field of an account that scoring rules read, resolved once from its name in the policy.
///
/// Field names match like CSV headers (case, spaces and underscores ignored): first the
/// standard columns, then the attribute columns of the accounts file. `segment` and `theater`
/// read the derived values (the column, else the policy's thresholds or map).
enum FieldAccessor: Hashable, Sendable {
    case text(AccountColumn)
    case number(AccountColumn)
    case flag(AccountColumn)
    /// An attribute, by its exact header as written.
    case attribute(String)
    /// An attribute whose header is not known in advance: looked up by normalised name.
    case attributeNamed(String)

    init(field: String, attributeColumns: [String]) {
        let key = HeaderName.normalized(field)
        if let column = AccountColumn.byNormalizedName[key] {
            switch column {
            case .employees, .annualRevenue, .score, .workload: self = .number(column)
            case .customer, .locked: self = .flag(column)
            default: self = .text(column)
            }
        } else if let header = attributeColumns.first(where: { HeaderName.normalized($0) == key }) {
            self = .attribute(header)
        } else {
            self = .attributeNamed(key)
        }
    }

    /// The field's value for one account, as text, number and flag (each when it reads as one).
    func value(of account: Account, segment: String, theater: String?) -> FieldValue {
        switch self {
        case let .number(column):
            let number: Double? = switch column {
            case .employees: account.employees
            case .annualRevenue: account.annualRevenue
            case .score: account.score
            default: account.workload
            }
            return FieldValue(text: nil, number: number, flag: nil)
        case let .flag(column):
            return FieldValue(text: nil, number: nil, flag: column == .customer ? account.customer : account.locked)
        case let .text(column):
            let text: String? = switch column {
            case .id: account.id.rawValue
            case .name: account.name
            case .segment: segment
            case .theater: theater
            case .country: account.country
            case .state: account.state
            case .industry: account.industry
            case .owner: account.owner?.rawValue
            case .ownedSince: account.ownedSince?.description
            case .lastActivity: account.lastActivity?.description
            case .parentID: account.parentID?.rawValue
            default: nil
            }
            return FieldValue(text: text, number: nil, flag: nil)
        case let .attribute(header):
            return FieldValue(attribute: account.attributes[header])
        case let .attributeNamed(key):
            let text = account.attributes.first { HeaderName.normalized($0.key) == key }?.value
            return FieldValue(attribute: text)
        }
    }
}

/// One field's value for one account.
struct FieldValue {
    var text: String?
    var number: Double?
    var flag: Bool?

    init(text: String?, number: Double?, flag: Bool?) {
        self.text = text; self.number = number; self.flag = flag
    }

    /// An attribute's text, read also as a number and a boolean when it is one.
    init(attribute text: String?) {
        self.text = text
        guard let text, !text.isEmpty else { return }
        number = FieldReader.number(text)
        flag = number == nil ? FieldReader.bool(text) : (number == 1 ? true : number == 0 ? false : nil)
    }
}
