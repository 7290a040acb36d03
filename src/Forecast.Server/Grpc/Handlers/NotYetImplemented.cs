using Grpc.Core;

namespace Forecast.Server.Grpc.Handlers;

/// <summary>The status of an RPC that is in the contract but whose engine has not landed yet.</summary>
internal static class NotYetImplemented
{
    public static RpcException For(string rpc) =>
        new(new Status(StatusCode.Unimplemented, $"{rpc} is part of the v1 contract but not implemented by this server version yet."));
}
