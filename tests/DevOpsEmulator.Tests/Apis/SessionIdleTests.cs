using Microsoft.Extensions.Time.Testing;

namespace AspireAgents.DevOpsEmulator.Tests.Apis;

/// <summary>A killed listener stops polling; its agent goes offline, as the service shows it, and keeps its registration.</summary>
public sealed class SessionIdleTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Emulator:SessionIdleTimeout"] = "00:00:30",
        ["Emulator:MessageWaitTimeout"] = "00:01:00",
        ["Emulator:HousekeepingInterval"] = "00:00:05",
    };

    private static async Task<string> StatusAsync(EmulatorServer server, string name) =>
        (await server.GetJsonAsync($"{server.Pool()}/agents?agentName={name}")).GetProperty("value")[0].Str("status");

    [Fact]
    public async Task AnAgentWhoseListenerStopsPollingGoesOfflineAfterTheIdleTimeoutAndStaysRegistered()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
        await using var server = await EmulatorServer.StartAsync(Settings, time);
        await server.StartAgentAsync("agents-killed");

        time.Advance(TimeSpan.FromSeconds(25));
        await Task.Delay(200);
        Assert.Equal("online", await StatusAsync(server, "agents-killed"));

        time.Advance(TimeSpan.FromSeconds(10));
        await Json.EventuallyAsync(async () => await StatusAsync(server, "agents-killed") == "offline", "the agent goes offline");
        var agent = (await server.GetJsonAsync($"{server.Pool()}/agents?agentName=agents-killed")).GetProperty("value")[0];
        Assert.Equal(time.GetUtcNow(), agent.Time("statusChangedOn"), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AListenerWaitingInALongPollIsNeverIdle()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
        await using var server = await EmulatorServer.StartAsync(Settings, time);
        var (_, session) = await server.StartAgentAsync("agents-listening");
        var poll = server.GetMessageAsync(session);
        await Task.Delay(200);

        for (var i = 0; i < 10; i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
        }

        await Task.Delay(500);
        Assert.Equal("online", await StatusAsync(server, "agents-listening"));

        // The poll ends with nothing (204) after its minute; no new one comes: idle from then on.
        time.Advance(TimeSpan.FromSeconds(15));
        Assert.Null(await poll.WaitAsync(TimeSpan.FromSeconds(30)));
        for (var i = 0; i < 7; i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
        }

        await Json.EventuallyAsync(async () => await StatusAsync(server, "agents-listening") == "offline", "the agent goes offline");
    }
}
