using System.Security.Cryptography.X509Certificates;
using AspireAgents.Scaler.Configuration;

namespace AspireAgents.Scaler.Hosting;

/// <summary>Loads the server certificate and checks client certificates against the configured CA.</summary>
internal static class ScalerCertificates
{
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

    /// <summary>Whether <paramref name="certificate"/> chains to <paramref name="authority"/> alone (the system store is not trusted).</summary>
    public static bool IsIssuedBy(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        return chain.Build(certificate);
    }
}
