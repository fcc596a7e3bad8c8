using System.Net;

namespace AspireAgents.StandInAgent;

/// <summary><c>config.sh remove</c>: deletes the agent from its pool and forgets its configuration. Fails while it runs a job.</summary>
internal static class RemoveCommand
{
    public static async Task<int> RunAsync(CommandSettings settings, AgentState state, HttpClient http, CancellationToken cancellationToken)
    {
        if (!state.IsConfigured)
        {
            throw new AgentException("The agent is not configured: there is nothing to remove.", 1);
        }

        var token = ConfigureCommand.RequireToken(settings);
        var agent = state.ReadSettings();
        var client = new ServerClient(http, agent.ServerUrl, new TokenCredential(token));
        Output.Line($">> Remove Agent: Removing agent '{agent.AgentName}' from pool '{agent.PoolName}'");
        try
        {
            await client.DeleteAgentAsync(agent.PoolId, agent.AgentId, cancellationToken).ConfigureAwait(false);
        }
        catch (ServerException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            Output.Line("The agent was already removed from the server.");
        }
        catch (ServerException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            throw new AgentException($"Failed to remove the agent: it is running a job. {e.Message}", 1);
        }

        state.Delete();
        Output.Line("Succeeded: removed the agent.");
        return 0;
    }
}
