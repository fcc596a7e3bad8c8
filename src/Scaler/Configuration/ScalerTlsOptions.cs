namespace AspireAgents.Scaler.Configuration;

/// <summary>
/// TLS for the gRPC endpoint, the server side of KEDA's <c>enableTLS</c> / <c>caCert</c> / <c>tlsClientCert</c> /
/// <c>tlsClientKey</c>: KEDA verifies <see cref="CertificatePath"/> against its <c>caCert</c>, and presents
/// <c>tlsClientCert</c>, which this server verifies against <see cref="ClientCaPath"/>. Serve on an <c>https://</c> URL.
/// </summary>
public sealed class ScalerTlsOptions
{
    /// <summary>The server certificate: a PEM file (with <see cref="KeyPath"/>) or a PKCS#12 (<c>.pfx</c>/<c>.p12</c>) file.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of <see cref="CertificatePath"/>; omit for PKCS#12 or a PEM file that holds the key.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The PKCS#12 password, if any.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>A PEM CA certificate; when set, clients must present a certificate it issued (mutual TLS).</summary>
    public string? ClientCaPath { get; set; }

    /// <summary>Whether a server certificate is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);
}
