using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AspireAgents.StandInAgent;

/// <summary>
/// What configuration leaves in the agent's directory, as the agent does: <c>.agent</c> (where it is
/// registered), <c>.credentials</c> (how the listener authenticates) and <c>.credentials_rsaparams</c> (its
/// private key, readable by the owner only). None of them holds the registration token.
/// </summary>
internal sealed class AgentState(string root)
{
    public string Root { get; } = root;

    private string AgentFile => Path.Combine(Root, ".agent");

    private string CredentialsFile => Path.Combine(Root, ".credentials");

    private string KeyFile => Path.Combine(Root, ".credentials_rsaparams");

    public bool IsConfigured => File.Exists(AgentFile);

    public AgentSettings ReadSettings() =>
        JsonSerializer.Deserialize(File.ReadAllText(AgentFile), StandInJsonContext.Default.AgentSettings)
        ?? throw new InvalidDataException(".agent is empty.");

    public ListenerCredentialData ReadCredential() =>
        JsonSerializer.Deserialize(File.ReadAllText(CredentialsFile), StandInJsonContext.Default.ListenerCredentialData)
        ?? throw new InvalidDataException(".credentials is empty.");

    public RSA ReadKey()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(KeyFile));
        return rsa;
    }

    public void Save(AgentSettings settings, ListenerCredentialData credential, RSA key)
    {
        WritePrivate(KeyFile, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(CredentialsFile, JsonSerializer.Serialize(credential, StandInJsonContext.Default.ListenerCredentialData));
        File.WriteAllText(AgentFile, JsonSerializer.Serialize(settings, StandInJsonContext.Default.AgentSettings));
    }

    public void Delete()
    {
        File.Delete(AgentFile);
        File.Delete(CredentialsFile);
        File.Delete(KeyFile);
    }

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

/// <summary>
/// The <c>.credentials</c> file: <c>OAuth</c> (a client assertion signed with the agent's key, exchanged at
/// <see cref="AuthorizationUrl"/>) when the service gave the agent an OAuth client, else <c>ManagedIdentity</c>
/// (the listener asks the environment's managed-identity endpoint).
/// </summary>
internal sealed record ListenerCredentialData(string Scheme, Guid? ClientId, string? AuthorizationUrl);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(AgentSettings))]
[JsonSerializable(typeof(ListenerCredentialData))]
[JsonSerializable(typeof(OAuthTokenResponse))]
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string))]
internal sealed partial class StandInJsonContext : JsonSerializerContext;

/// <summary>An OAuth token endpoint's answer.</summary>
internal sealed record OAuthTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);
