using System.Buffers;
using System.Net;

namespace AspireAgents.Scaler.Security;

/// <summary>
/// Decides which organisation URLs may receive the scaler's credential. Any gRPC caller names the URL, so without this
/// check the managed-identity token or PAT would go wherever a caller points it. Allowed: <c>https://dev.azure.com/{org}</c>,
/// <c>https://{org}.visualstudio.com</c>, https URLs on the hosts of <c>Scaler:AllowedOrganizationHosts</c>, and
/// loopback hosts (http or https), where the local emulator runs.
/// </summary>
public sealed class OrganizationUrlPolicy
{
    /// <summary>The setting that widens the allow-list.</summary>
    public const string Setting = "Scaler:AllowedOrganizationHosts";

    private const string DevAzureHost = "dev.azure.com";
    private const string VisualStudioSuffix = ".visualstudio.com";

    private readonly HashSet<string> _extraHosts;

    /// <summary>Creates a policy.</summary>
    /// <param name="extraHosts">Hosts (<c>name</c> or <c>name:port</c>) allowed in addition to Azure DevOps Services.</param>
    public OrganizationUrlPolicy(IEnumerable<string>? extraHosts = null)
    {
        _extraHosts = new HashSet<string>(
            (extraHosts ?? []).Select(h => h.Trim()).Where(h => h.Length > 0),
            StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Only Azure DevOps Services and loopback.</summary>
    public static OrganizationUrlPolicy Default { get; } = new();

    /// <summary>Why <paramref name="url"/> may not receive the credential, or <see langword="null"/> when it may.</summary>
    /// <param name="url">The organisation URL as given (absolute, http or https).</param>
    /// <returns>The reason, naming the setting to change; null when allowed.</returns>
    public string? Refusal(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var shown = $"organizationURL \"{url.OriginalString}\"";
        if (url.UserInfo.Length > 0 || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            // User info, a query or a fragment have no place in an organisation URL and are how look-alike URLs are built.
            return $"{shown} must not contain user info, a query or a fragment";
        }

        if (IsLoopback(url))
        {
            return null;
        }

        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return $"{shown} uses http: the scaler sends its credential over https only, to Azure DevOps or a host in {Setting}; " +
                "plain http is allowed for loopback hosts such as localhost only";
        }

        if (url.IsDefaultPort && IsAzureDevOpsServices(url))
        {
            return null;
        }

        if (_extraHosts.Contains(url.IdnHost) || _extraHosts.Contains($"{url.IdnHost}:{url.Port}"))
        {
            return null;
        }

        return $"{shown} is not an Azure DevOps organisation the scaler may send its credential to: use https://dev.azure.com/{{organization}} " +
            $"or https://{{organization}}.visualstudio.com, or add the host \"{url.Authority}\" to {Setting} (Azure DevOps Server or a proxy)";
    }

    /// <summary>Whether <paramref name="host"/> is a usable entry for <see cref="Setting"/>: a host name or <c>host:port</c>, no scheme or path.</summary>
    /// <param name="host">The entry.</param>
    /// <returns>True when it is.</returns>
    public static bool IsValidHostEntry(string host) =>
        !string.IsNullOrWhiteSpace(host)
        && Uri.TryCreate("https://" + host.Trim(), UriKind.Absolute, out var parsed)
        && parsed.UserInfo.Length == 0
        && parsed.AbsolutePath == "/"
        && parsed.Query.Length == 0
        && parsed.Fragment.Length == 0
        && string.Equals(parsed.Authority, host.Trim(), StringComparison.OrdinalIgnoreCase);

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static bool IsAzureDevOpsServices(Uri url)
    {
        var host = url.IdnHost;
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (host.Equals(DevAzureHost, StringComparison.OrdinalIgnoreCase))
        {
            return segments.Length == 1 && IsOrganizationName(segments[0]);
        }

        return host.EndsWith(VisualStudioSuffix, StringComparison.OrdinalIgnoreCase)
            && IsOrganizationName(host[..^VisualStudioSuffix.Length])
            && segments.Length == 0;
    }

    private static readonly SearchValues<char> s_organizationNameChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

    // Azure DevOps organisation names are letters, digits and hyphens; anything else (dots, escapes) is not one.
    private static bool IsOrganizationName(string name) =>
        name.Length is > 0 and <= 50
        && name[0] != '-'
        && !name.AsSpan().ContainsAnyExcept(s_organizationNameChars);
}
