using AspireAgents.StandInAgent;

// Agent.Listener configure|remove|run [--flags]: the verbs the agent's config.sh and run.sh call.
try
{
    var settings = CommandSettings.Parse(args);
    var state = new AgentState(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..")));
    using var http = new HttpClient(new TraceContextHandler()) { Timeout = TimeSpan.FromSeconds(100) };
    return settings.Verb switch
    {
        "configure" => await ConfigureCommand.RunAsync(settings, state, http, CancellationToken.None),
        "remove" => await RemoveCommand.RunAsync(settings, state, http, CancellationToken.None),
        "run" => await RunCommand.RunAsync(settings, state, http),
        "version" => Print(AgentInfo.Version),
        var verb => throw new AgentException($"Unknown command '{verb}': use configure, remove or run.", 1),
    };
}
catch (AgentException e)
{
    Output.Error(e.Message);
    return e.ExitCode;
}
catch (ArgumentException e)
{
    Output.Error(e.Message);
    return 1;
}
catch (ServerException e)
{
    Output.Error(e.Message);
    return 1;
}
catch (HttpRequestException e)
{
    Output.Error($"The server cannot be reached: {e.Message}");
    return 2;
}

static int Print(string text)
{
    Output.Line(text);
    return 0;
}
