/// An optional field a response always carries: `null` when absent.
///
/// Synthesized `Encodable` leaves a nil optional's key out; the service's bodies spell some
/// fields `null` instead (a pooled account's `rep_id`, an available rep's `unavailable_until`),
/// so a client always finds them.
@propertyWrapper
struct ExplicitNull<Value: Encodable & Sendable>: Encodable, Sendable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
