import BooksStore
import Hummingbird
import NIOCore

extension APIError {
    /// The answer to any error a handler throws: the service's own errors keep their status and
    /// code, the workspace's are mapped to what the client can do about them, anything else is a 500.
    /// - Parameter bodyLimit: the configured body limit, for the 413 message.
    static func from(_ error: any Error, bodyLimit: Int) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as RouteError:
            switch error.problem {
            case .unknownAccount: return APIError(.notFound, code: "unknown_account", message: error.description)
            case .accountExists: return APIError(.conflict, code: "account_exists", message: error.description)
            case .missingID: return APIError(.badRequest, code: "missing_field", message: error.description)
            case .unscorable: return APIError(.unprocessableContent, code: "unscorable", message: error.description)
            case .invalidField: return APIError(.badRequest, code: "invalid_field", message: error.description)
            }
        case let error as ReturnRequestError:
            switch error.problem {
            case .unknownAccount: return APIError(.notFound, code: "unknown_account", message: error.description)
            case .unknownRep: return APIError(.notFound, code: "unknown_rep", message: error.description)
            case .notOwner: return APIError(.conflict, code: "not_owner", message: error.description)
            case .duplicate: return APIError(.conflict, code: "duplicate", message: error.description)
            case .future, .beforeAssigned: return APIError(.unprocessableContent, code: "invalid_date", message: error.description)
            }
        case let error as WorkspaceError:
            switch error {
            case .notImported, .busy: return APIError(.serviceUnavailable, code: "unavailable", message: error.description)
            case .unknownAccount: return APIError(.notFound, code: "unknown_account", message: error.description)
            case .unknownRep: return APIError(.notFound, code: "unknown_rep", message: error.description)
            case .readOnly: return APIError(.serviceUnavailable, code: "read_only", message: error.description)
            case .diskFull: return APIError(.serviceUnavailable, code: "disk_full", message: error.description)
            case .backDated: return APIError(.conflict, code: "back_dated", message: error.description)
            case .refused: return APIError(.conflict, code: "refused", message: error.description)
            default: return APIError(.internalServerError, code: "workspace", message: error.description)
            }
        case is NIOTooManyBytesError:
            return .tooLarge(limit: bodyLimit)
        case let error as HTTPError:
            let message = error.body ?? error.status.reasonPhrase
            switch error.status {
            case .notFound: return APIError(.notFound, code: "not_found", message: message)
            case .contentTooLarge: return .tooLarge(limit: bodyLimit)
            case .badRequest: return APIError(.badRequest, code: "bad_request", message: message)
            default: return APIError(error.status, code: "http_\(error.status.code)", message: message)
            }
        default:
            return .internalError("\(error)")
        }
    }
}
