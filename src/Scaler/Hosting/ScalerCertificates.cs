using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AspireAgents.Scaler.Configuration;

namespace AspireAgents.Scaler.Hosting;

/// <summary>Loads the server certificate and checks client certificates against the configured CA and purpose.</summary>
internal static class ScalerCertificates
{
    /// <summary>The extended key usage OID for TLS client authentication.</summary>
    public const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

    public static X509Certificate2 LoadServerCertificate(ScalerTlsOptions tls)
    {
        var path = tls.CertificatePath ?? throw new InvalidOperationException("Scaler:Tls:CertificatePath is not set.");
        var extension = Path.GetExtension(path);
        if (extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, tls.CertificatePassword);
        }

        return string.IsNullOrWhiteSpace(tls.KeyPath)
            ? X509Certificate2.CreateFromPemFile(path)
            : X509Certificate2.CreateFromPemFile(path, tls.KeyPath);
    }

    public static X509Certificate2 LoadCertificateAuthority(string path) => X509Certificate2.CreateFromPem(File.ReadAllText(path));

    /// <summary>
    /// Whether <paramref name="certificate"/> may act as a client: it chains to <paramref name="authority"/> alone (the
    /// system store is not trusted), is within its validity period, and names client authentication in its extended key
    /// usage. A certificate without that usage (a server certificate from the same CA, or one with no EKU at all) is
    /// refused, so a certificate issued for something else cannot be replayed as KEDA's.
    /// </summary>
    public static bool IsValidClientCertificate(X509Certificate2 certificate, X509Certificate2 authority)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!HasClientAuthenticationUsage(certificate))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        // Also holds every CA in the chain to the client-authentication purpose, where a CA restricts its own usage.
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthenticationOid));
        return chain.Build(certificate);
    }

    // Stricter than the chain's policy check, which treats a leaf without the extension as fit for every purpose.
    private static bool HasClientAuthenticationUsage(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>()
            .Any(usage => usage.EnhancedKeyUsages.Cast<Oid>().Any(oid => oid.Value == ClientAuthenticationOid));
}
