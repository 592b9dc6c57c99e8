import Crypto

/// The secret behind `hash` and `tokenize` (the plan's `masking.hashKey`, usually
/// `${env:...}`). Same key, same output: joins survive masking; another key, unrelated output.
public struct MaskingKey: Sendable {
    let key: SymmetricKey

    public init(secret: String) {
        key = SymmetricKey(data: Array(secret.utf8))
    }

    public init(bytes: [UInt8]) {
        key = SymmetricKey(data: bytes)
    }

    func mac(_ parts: [String]) -> [UInt8] {
        var message: [UInt8] = []
        for part in parts {
            message += part.utf8
            message.append(0)
        }
        return Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
    }

    /// An endless keyed digit stream for `tokenize`: HMAC blocks over (domain, value, counter).
    func digits(_ domain: String, _ value: String, count: Int) -> [UInt8] {
        var out: [UInt8] = []
        var block = 0
        while out.count < count {
            for byte in mac([domain, value, String(block)]) where byte < 250 && out.count < count {
                out.append(byte % 10)
            }
            block += 1
        }
        return out
    }
}
