using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Forecast.Server.Tests.Infrastructure;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Forecast.Server.Tests.Security;

/// <summary>TLS is plain Kestrel configuration; this proves the documented keys serve gRPC over TLS.</summary>
public sealed class TlsTests : IDisposable
{
    private readonly string _certificatePath = Path.Combine(Path.GetTempPath(), $"forecast-tls-{Guid.NewGuid():N}.pfx");

    [Fact]
    public async Task HealthCheck_KestrelEndpointWithCertificate_ServesOverTls()
    {
        using var certificate = SelfSignedLocalhost();
        await File.WriteAllBytesAsync(_certificatePath, certificate.Export(X509ContentType.Pfx, "test-password"));
        using var factory = new ForecastServerFactory(
            ("Kestrel:Endpoints:Grpc:Url", "https://127.0.0.1:0"),
            ("Kestrel:Endpoints:Grpc:Protocols", "Http2"),
            ("Kestrel:Endpoints:Grpc:Certificate:Path", _certificatePath),
            ("Kestrel:Endpoints:Grpc:Certificate:Password", "test-password"),
            ("Kestrel:Endpoints:Json:Url", "http://127.0.0.1:0"),
            ("Kestrel:Endpoints:Management:Url", "http://127.0.0.1:0"));
        factory.UseKestrel();
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal));
        string? presented = null;
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                // Trust exactly the generated certificate, and record what the server presented.
                RemoteCertificateValidationCallback = (_, remote, _, _) =>
                {
                    presented = remote?.GetCertHashString();
                    return presented == certificate.GetCertHashString();
                },
            },
        };
        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler });

        var response = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(certificate.GetCertHashString(), presented);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    public void Dispose() => File.Delete(_certificatePath);

    private static X509Certificate2 SelfSignedLocalhost()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
