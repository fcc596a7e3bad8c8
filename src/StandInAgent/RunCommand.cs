using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.StandInAgent;

/// <summary>
/// <c>run.sh</c>: opens a session (the agent goes online), long-polls for messages, runs the jobs it is given
/// (one with <c>--once</c>), and closes the session (offline). SIGTERM/SIGINT stop it: a running job is
/// cancelled and finished as <c>canceled</c> before the session closes.
/// </summary>
internal static class RunCommand
{
    private static readonly TimeSpan SessionConflictTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(CommandSettings settings, AgentState state, HttpClient http)
    {
        if (!state.IsConfigured)
        {
            throw new AgentException("Not configured. Run config.sh to configure the agent.", 1);
        }

        using var stop = new CancellationTokenSource();
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

        var agent = state.ReadSettings();
        var data = state.ReadCredential();
        using var key = state.ReadKey();
        // The listener runs on the agent's own OAuth credential alone: never the registration token, never the
        // environment's managed identity.
        var client = new ServerClient(http, agent.ServerUrl, new OAuthCredential(http, data, key));

        // A connection starts with connectionData, as the agent's VssConnection.ConnectAsync does
        // (azure-pipelines-agent src/Microsoft.VisualStudio.Services.Agent/AgentServer.cs:220-232).
        ConnectionData connection;
        try
        {
            connection = await client.GetConnectionDataAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }

        Output.Timestamped($"Connected to {agent.ServerUrl} as {connection.AuthenticatedUser.ProviderDisplayName}");

        var session = await CreateSessionAsync(client, agent, stop.Token).ConfigureAwait(false);
        if (session is null)
        {
            return 0;
        }

        Output.Timestamped("Listening for Jobs");
        try
        {
            var once = settings.Has("once");
            long? last = null;
            while (!stop.IsCancellationRequested)
            {
                TaskAgentMessage? message;
                try
                {
                    message = await client.GetMessageAsync(agent.PoolId, session.SessionId, last, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (ServerException e) when (e.StatusCode == HttpStatusCode.NotFound)
                {
                    // The service dropped the session (it expired): open a new one, as the agent does.
                    Output.Error($"The session expired; opening a new one. {e.Message}");
                    session = await CreateSessionAsync(client, agent, stop.Token).ConfigureAwait(false);
                    if (session is null)
                    {
                        break;
                    }

                    last = null;
                    continue;
                }
                catch (Exception e) when (e is HttpRequestException or ServerException { StatusCode: >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests })
                {
                    Output.Error($"Getting the next message failed, retrying: {e.Message}");
                    await Task.Delay(TimeSpan.FromSeconds(1), stop.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                    continue;
                }

                if (message is null)
                {
                    continue;
                }

                last = message.MessageId;
                await client.DeleteMessageAsync(agent.PoolId, session.SessionId, message.MessageId, CancellationToken.None).ConfigureAwait(false);
                if (message.MessageType != AgentMessageTypes.JobRequest)
                {
                    continue;
                }

                var job = JsonSerializer.Deserialize(message.Body, AzureDevOpsJsonContext.Default.AgentJobRequestMessage)
                    ?? throw new AgentException("The job message has no body.", 1);
                last = await new JobRunner(client, agent, session.SessionId, job, last).RunAsync(stop.Token).ConfigureAwait(false);
                if (once)
                {
                    break;
                }
            }
        }
        finally
        {
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                if (session is not null)
                {
                    await client.DeleteSessionAsync(agent.PoolId, session.SessionId, closing.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is HttpRequestException or ServerException or OperationCanceledException)
            {
                Output.Error($"Closing the session failed: {e.Message}");
            }
        }

        Output.Timestamped("Agent stopped");
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            Output.Timestamped($"Received {context.Signal}: stopping");
            stop.Cancel();
        }
    }

    private static async Task<TaskAgentSession?> CreateSessionAsync(ServerClient client, AgentSettings agent, CancellationToken stop)
    {
        var request = new TaskAgentSession
        {
            OwnerName = $"{Environment.MachineName} (PID: {Environment.ProcessId})",
            Agent = new TaskAgentReference { Id = agent.AgentId, Name = agent.AgentName, Version = AgentInfo.Version },
        };
        var giveUp = DateTimeOffset.UtcNow + SessionConflictTimeout;
        while (true)
        {
            try
            {
                return await client.CreateSessionAsync(agent.PoolId, request, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return null;
            }
            catch (ServerException e) when (e.StatusCode == HttpStatusCode.Conflict && DateTimeOffset.UtcNow < giveUp)
            {
                Output.Error($"A session for this agent already exists; retrying. {e.Message}");
            }
            catch (ServerException e) when (e.StatusCode == HttpStatusCode.Conflict)
            {
                throw new AgentException($"A session for this agent already exists: {e.Message}", 2);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), stop).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }
}
