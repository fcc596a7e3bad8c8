using System.Runtime.InteropServices;
using System.Security.Cryptography;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.StandInAgent;

/// <summary><c>config.sh</c>: registers the agent (add, or replace with <c>--replace</c>) with a new RSA key.</summary>
internal static class ConfigureCommand
{
    public static async Task<int> RunAsync(CommandSettings settings, AgentState state, HttpClient http, CancellationToken cancellationToken)
    {
        if (state.IsConfigured)
        {
            throw new AgentException("Cannot configure the agent because it is already configured. To reconfigure the agent, run './config.sh remove' first.", 1);
        }

        if (!settings.Has("unattended"))
        {
            throw new AgentException("The stand-in agent configures unattended only: pass --unattended with --url, --auth and --token.", 1);
        }

        var url = settings.Require("url").TrimEnd('/');
        var token = RequireToken(settings);
        var poolName = settings.Get("pool") ?? "Default";
        var agentName = settings.Get("agent") ?? Environment.MachineName;
        var work = settings.Get("work") ?? "_work";

        // The agent makes a 2048-bit RSA key per registration (azure-pipelines-agent
        // src/Agent.Listener/Configuration/RSAFileKeyManager.cs:22-24) and sends its public half as base64 exponent and
        // modulus (ConfigurationManager.cs:908-920). Generating it takes a while (tens to hundreds of milliseconds): it runs while the server is asked.
        var keyGeneration = Task.Run(GenerateKey, cancellationToken);
        Output.Line($">> Connect: Connecting to server {url}");
        var client = new ServerClient(http, url, new TokenCredential(token));
        var pool = await client.FindPoolAsync(poolName, cancellationToken).ConfigureAwait(false)
            ?? throw new AgentException($"Agent pool not found: '{poolName}'", 1);
        var existing = await client.FindAgentAsync(pool.Id, agentName, cancellationToken).ConfigureAwait(false);

        using var key = await keyGeneration.ConfigureAwait(false);
        var parameters = key.ExportParameters(includePrivateParameters: false);
        var agent = new TaskAgent
        {
            Id = 0,
            Name = agentName,
            Version = AgentInfo.Version,
            OsDescription = RuntimeInformation.OSDescription,
            ProvisioningState = "Provisioned",
            MaxParallelism = 1,
            SystemCapabilities = AgentInfo.Capabilities(state.Root, agentName),
            Authorization = new TaskAgentAuthorization(null, null,
                new TaskAgentPublicKey(Convert.ToBase64String(parameters.Exponent!), Convert.ToBase64String(parameters.Modulus!))),
        };

        Output.Line($">> Register Agent: Registering agent '{agentName}' in pool '{pool.Name}'");
        TaskAgent registered;
        if (existing is null)
        {
            registered = await client.AddAgentAsync(pool.Id, agent, cancellationToken).ConfigureAwait(false);
            Output.Line("Successfully added the agent");
        }
        else if (settings.Has("replace"))
        {
            registered = await client.ReplaceAgentAsync(pool.Id, agent with { Id = existing.Id }, cancellationToken).ConfigureAwait(false);
            Output.Line("Successfully replaced the agent");
        }
        else
        {
            throw new AgentException($"Pool {pool.Name} already contains an agent with name {agentName}: pass --replace to replace it.", 1);
        }

        // The service answers with the OAuth client it made for the key; the listener authenticates with it and
        // nothing else (azure-pipelines-agent src/Agent.Listener/Configuration/ConfigurationManager.cs:803-835). The
        // agent would otherwise keep the registration token for the listener (…:837-845): the stand-in never does.
        if (registered.Authorization is not { AuthorizationUrl.Length: > 0, ClientId: { } clientId } authorization || clientId == Guid.Empty)
        {
            throw new AgentException("The service gave the agent no OAuth client (authorization.clientId, authorization.authorizationUrl): its listener could not authenticate.", 1);
        }

        var credential = new ListenerCredentialData(clientId.ToString("D"), authorization.AuthorizationUrl, authorization.AuthorizationUrl);
        state.SaveCredential(credential, key);

        // Test the agent's own connection before counting it configured, as the agent does (ConfigurationManager.cs:333-350):
        // a skewed clock or a key the service cannot verify shows here, not in the first job.
        Output.Line(">> Testing agent connection.");
        var listener = new ServerClient(http, url, new OAuthCredential(http, credential, key));
        await listener.GetConnectionDataAsync(cancellationToken).ConfigureAwait(false);

        var workFolder = Path.GetFullPath(work, state.Root);
        Directory.CreateDirectory(workFolder);
        state.SaveSettings(new AgentSettings(registered.Id, registered.Name, pool.Id, pool.Name, url, workFolder));
        Output.Line("Settings Saved.");
        return 0;
    }

    private static RSA GenerateKey()
    {
        var key = RSA.Create(2048);
        _ = key.ExportParameters(includePrivateParameters: false); // Key generation is lazy: make it happen here.
        return key;
    }

    /// <summary>The token of <c>--auth pat</c>, the one scheme the stand-in supports.</summary>
    public static string RequireToken(CommandSettings settings)
    {
        var auth = settings.Require("auth");
        if (!auth.Equals("pat", StringComparison.OrdinalIgnoreCase))
        {
            throw new AgentException($"The stand-in agent supports --auth pat (a PAT, or an Entra access token in its place), not '{auth}'.", 1);
        }

        return settings.Require("token");
    }
}
