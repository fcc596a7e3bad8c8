using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AspireAgents.StandInAgent;

/// <summary>
/// What configuration leaves in the agent's directory, under the agent's file names: <c>.agent</c> (where it is
/// registered), <c>.credentials</c> (its OAuth client) and <c>.credentials_rsaparams</c> (its private key, mode 0600).
/// None of them holds the registration token.
/// </summary>
internal sealed class AgentState(string root)
{
    public string Root { get; } = root;

    private string AgentFile => Path.Combine(Root, ".agent");

    private string CredentialsFile => Path.Combine(Root, ".credentials");

    /// <summary>The agent's name for its key file (azure-pipelines-agent src/Microsoft.VisualStudio.Services.Agent/HostContext.cs:384-387).</summary>
    private string KeyFile => Path.Combine(Root, ".credentials_rsaparams");

    public bool IsConfigured => File.Exists(AgentFile);

    public AgentSettings ReadSettings() =>
        JsonSerializer.Deserialize(File.ReadAllText(AgentFile), StandInJsonContext.Default.AgentSettings)
        ?? throw new InvalidDataException(".agent is empty.");

    public ListenerCredentialData ReadCredential()
    {
        var file = JsonSerializer.Deserialize(File.ReadAllText(CredentialsFile), StandInJsonContext.Default.CredentialFile)
            ?? throw new InvalidDataException(".credentials is empty.");
        if (!file.Scheme.Equals("OAuth", StringComparison.OrdinalIgnoreCase)
            || !file.Data.TryGetValue("clientId", out var clientId) || !file.Data.TryGetValue("authorizationUrl", out var authorizationUrl))
        {
            throw new AgentException($".credentials holds a '{file.Scheme}' credential; the stand-in listener authenticates with OAuth only. Configure the agent again.", 1);
        }

        return new ListenerCredentialData(clientId, authorizationUrl, file.Data.GetValueOrDefault("oauthEndpointUrl", authorizationUrl));
    }

    public RSA ReadKey()
    {
        var key = JsonSerializer.Deserialize(File.ReadAllText(KeyFile), StandInJsonContext.Default.RsaKeyFile)
            ?? throw new InvalidDataException(".credentials_rsaparams is empty.");
        return RSA.Create(key.ToParameters());
    }

    /// <summary>The key and OAuth client first, as the agent saves them before it tests the connection.</summary>
    public void SaveCredential(ListenerCredentialData credential, RSA key)
    {
        WritePrivate(KeyFile, JsonSerializer.Serialize(RsaKeyFile.From(key.ExportParameters(includePrivateParameters: true)), StandInJsonContext.Default.RsaKeyFile));
        var data = new Dictionary<string, string>
        {
            ["clientId"] = credential.ClientId,
            ["authorizationUrl"] = credential.AuthorizationUrl,
            ["oauthEndpointUrl"] = credential.OAuthEndpointUrl,
        };
        File.WriteAllText(CredentialsFile, JsonSerializer.Serialize(new CredentialFile("OAuth", data), StandInJsonContext.Default.CredentialFile));
    }

    /// <summary>The settings last: with them the agent counts as configured.</summary>
    public void SaveSettings(AgentSettings settings) =>
        File.WriteAllText(AgentFile, JsonSerializer.Serialize(settings, StandInJsonContext.Default.AgentSettings));

    public void Delete()
    {
        File.Delete(AgentFile);
        File.Delete(CredentialsFile);
        File.Delete(KeyFile);
    }

    /// <summary>Created owner-only from the start (the agent chmods 600 after writing: RSAFileKeyManager.cs:30-47).</summary>
    private static void WritePrivate(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }
}

/// <summary>The <c>.agent</c> file.</summary>
internal sealed record AgentSettings(int AgentId, string AgentName, int PoolId, string PoolName, string ServerUrl, string WorkFolder);

/// <summary>The listener's OAuth client, as the service gave it at registration.</summary>
/// <param name="ClientId">The client id: iss and sub of every assertion.</param>
/// <param name="AuthorizationUrl">The assertions' audience.</param>
/// <param name="OAuthEndpointUrl">Where assertions are posted.</param>
internal sealed record ListenerCredentialData(string ClientId, string AuthorizationUrl, string OAuthEndpointUrl);

/// <summary>
/// The <c>.credentials</c> file in the agent's <c>CredentialData</c> shape: a scheme and its data
/// (azure-pipelines-agent src/Microsoft.VisualStudio.Services.Agent/CredentialData.cs; the OAuth data,
/// src/Agent.Listener/Configuration/ConfigurationManager.cs:823-832).
/// </summary>
internal sealed record CredentialFile(string Scheme, Dictionary<string, string> Data);

/// <summary>
/// The <c>.credentials_rsaparams</c> file in the agent's <c>RSAParametersSerializable</c> shape: the RSA parameters
/// as base64 (azure-pipelines-agent src/Agent.Listener/Configuration/IRSAKeyManager.cs:170-182).
/// </summary>
internal sealed record RsaKeyFile(
    [property: JsonPropertyName("ContainerName")] string ContainerName,
    [property: JsonPropertyName("UseCng")] bool UseCng,
    byte[] D, byte[] DP, byte[] DQ, byte[] Exponent, byte[] InverseQ, byte[] Modulus, byte[] P, byte[] Q)
{
    public static RsaKeyFile From(RSAParameters p) => new("", false, p.D!, p.DP!, p.DQ!, p.Exponent!, p.InverseQ!, p.Modulus!, p.P!, p.Q!);

    public RSAParameters ToParameters() => new() { D = D, DP = DP, DQ = DQ, Exponent = Exponent, InverseQ = InverseQ, Modulus = Modulus, P = P, Q = Q };
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(AgentSettings))]
[JsonSerializable(typeof(CredentialFile))]
[JsonSerializable(typeof(RsaKeyFile))]
[JsonSerializable(typeof(OAuthTokenResponse))]
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string))]
internal sealed partial class StandInJsonContext : JsonSerializerContext;

/// <summary>An OAuth token endpoint's answer, a token or an error (RFC 6749 §5.1, §5.2).</summary>
internal sealed record OAuthTokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription);
