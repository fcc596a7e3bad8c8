using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AspireAgents.Scaler.Hosting;
using AspireAgents.Scaler.Protocol;
using AspireAgents.Scaler.Tests.Fakes;
using Grpc.Core;
using Grpc.Net.Client;

namespace AspireAgents.Scaler.Tests.Services;

/// <summary>The server side of KEDA's enableTLS / caCert / tlsClientCert / tlsClientKey.</summary>
public sealed class TlsTests : IDisposable
{
    private static readonly StatusCode[] s_refused = [StatusCode.Unavailable, StatusCode.Internal];

    private readonly string _directory = Directory.CreateTempSubdirectory("scaler-tls-").FullName;
    private readonly X509Certificate2 _authority = CreateAuthority("CN=Scaler Test CA");
    private readonly X509Certificate2 _otherAuthority = CreateAuthority("CN=Someone Else's CA");

    public void Dispose()
    {
        _authority.Dispose();
        _otherAuthority.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task WithTlsAndAClientCaOnlyClientsWithACertificateFromThatCaAreServed()
    {
        var ado = new FakeAzureDevOps();
        ado.JobRequests[1] = [Jobs.Queued(1)];
        await using var host = await StartAsync(ado, requireClientCertificate: true);
        using var trusted = CreateLeaf(_authority, "CN=keda", server: false);
        using var untrusted = CreateLeaf(_otherAuthority, "CN=intruder", server: false);
        var request = new GetMetricsRequest { ScaledObjectRef = ScalerHost.ScaledJob("agents") };

        var response = await Client(host, trusted).GetMetricsAsync(request);
        var withoutCertificate = await Assert.ThrowsAsync<RpcException>(() => Client(host, null).GetMetricsAsync(request).ResponseAsync);
        var withForeignCertificate = await Assert.ThrowsAsync<RpcException>(() => Client(host, untrusted).GetMetricsAsync(request).ResponseAsync);

        Assert.Equal(1, response.MetricValues[0].MetricValue_);
        // Refused during or right after the TLS handshake: the client reports the broken connection as Unavailable or Internal.
        Assert.Contains(withoutCertificate.StatusCode, s_refused);
        Assert.Contains(withForeignCertificate.StatusCode, s_refused);
    }

    [Fact]
    public async Task ACertificateFromTheCaWithoutClientAuthenticationUsageIsRefused()
    {
        await using var host = await StartAsync(new FakeAzureDevOps(), requireClientCertificate: true);
        using var serverOnly = CreateLeaf(_authority, "CN=another-server", server: true);
        using var noUsage = CreateLeaf(_authority, "CN=no-usage", server: false, usage: null);
        var request = new GetMetricsRequest { ScaledObjectRef = ScalerHost.ScaledJob("agents") };

        var withServerCertificate = await Assert.ThrowsAsync<RpcException>(() => Client(host, serverOnly).GetMetricsAsync(request).ResponseAsync);
        var withoutUsage = await Assert.ThrowsAsync<RpcException>(() => Client(host, noUsage).GetMetricsAsync(request).ResponseAsync);

        Assert.Contains(withServerCertificate.StatusCode, s_refused);
        Assert.Contains(withoutUsage.StatusCode, s_refused);
    }

    [Fact]
    public void AClientCertificateMustChainToTheCaCarryClientAuthenticationAndBeCurrent()
    {
        using var good = CreateLeaf(_authority, "CN=keda", server: false);
        using var foreign = CreateLeaf(_otherAuthority, "CN=keda", server: false);
        using var serverOnly = CreateLeaf(_authority, "CN=keda", server: true);
        using var noUsage = CreateLeaf(_authority, "CN=keda", server: false, usage: null);
        using var expired = CreateLeaf(_authority, "CN=keda", server: false, notAfter: DateTimeOffset.UtcNow.AddMinutes(-1));

        Assert.True(ScalerCertificates.IsValidClientCertificate(good, _authority));
        Assert.False(ScalerCertificates.IsValidClientCertificate(foreign, _authority));
        Assert.False(ScalerCertificates.IsValidClientCertificate(serverOnly, _authority));
        Assert.False(ScalerCertificates.IsValidClientCertificate(noUsage, _authority));
        Assert.False(ScalerCertificates.IsValidClientCertificate(expired, _authority));
    }

    [Fact]
    public async Task WithTlsAloneAnyClientThatTrustsTheServerIsServed()
    {
        await using var host = await StartAsync(new FakeAzureDevOps(), requireClientCertificate: false);

        var response = await Client(host, null).IsActiveAsync(ScalerHost.ScaledJob("agents"));

        Assert.False(response.Result);
    }

    private async Task<ScalerHost> StartAsync(FakeAzureDevOps ado, bool requireClientCertificate)
    {
        using var server = CreateLeaf(_authority, "CN=127.0.0.1", server: true);
        var certificatePath = Path.Combine(_directory, "server.pem");
        var keyPath = Path.Combine(_directory, "server.key");
        var caPath = Path.Combine(_directory, "ca.pem");
        await File.WriteAllTextAsync(certificatePath, server.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, server.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        await File.WriteAllTextAsync(caPath, _authority.ExportCertificatePem());
        var settings = new Dictionary<string, string?>
        {
            ["Scaler:Tls:CertificatePath"] = certificatePath,
            ["Scaler:Tls:KeyPath"] = keyPath,
            ["Scaler:Tls:ClientCaPath"] = requireClientCertificate ? caPath : null,
        };
        return await ScalerHost.StartAsync(ado, settings, url: "https://127.0.0.1:0");
    }

    private ExternalScaler.ExternalScalerClient Client(ScalerHost host, X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && IssuedBy(new X509Certificate2(certificate), _authority);
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        var channel = GrpcChannel.ForAddress(host.Address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        return new ExternalScaler.ExternalScalerClient(channel);
    }

    private static bool IssuedBy(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private static X509Certificate2 CreateAuthority(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
    }

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    private static X509Certificate2 CreateLeaf(X509Certificate2 authority, string subject, bool server, string? usage = "", DateTimeOffset? notAfter = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        // usage "" means the usage that fits the role; null means no extended key usage extension at all.
        usage = usage == string.Empty ? (server ? ServerAuthentication : ScalerCertificates.ClientAuthenticationOid) : usage;
        if (usage is not null)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        }

        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(8);
        var until = notAfter ?? DateTimeOffset.UtcNow.AddDays(1);
        // Not before the CA itself, which CertificateRequest.Create insists on.
        var from = new DateTimeOffset(authority.NotBefore);
        using var issued = request.Create(authority, from, until, serial);
        return issued.CopyWithPrivateKey(key);
    }
}
