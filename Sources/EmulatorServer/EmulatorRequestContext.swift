import Hummingbird
import NIOCore

/// Keeps the connection's channel so a dropped-response fault can close it without answering.
public struct EmulatorRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
