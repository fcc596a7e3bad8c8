namespace AspireAgents.DevOpsEmulator.Tests.Auth;

public sealed class RateLimitTests
{
    private static readonly Dictionary<string, string> Budget3 = new()
    {
        ["Emulator:RateLimit:Enabled"] = "true",
        ["Emulator:RateLimit:Limit"] = "3",
        ["Emulator:RateLimit:Window"] = "00:05:00",
    };

    [Fact]
    public async Task RateLimitIsOffByDefault()
    {
        await using var server = await EmulatorServer.StartAsync();

        for (var i = 0; i < 5; i++)
        {
            using var response = await server.Client.GetAsync(server.Pools);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
        }
    }

    [Fact]
    public async Task RequestsWithinTheBudgetCarryRateLimitHeaders()
    {
        await using var server = await EmulatorServer.StartAsync(Budget3);

        using var response = await server.Client.GetAsync(server.Pools);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("Core", response.Headers.GetValues("X-RateLimit-Resource").Single());
        Assert.Equal("3", response.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("2", response.Headers.GetValues("X-RateLimit-Remaining").Single());
        var reset = DateTimeOffset.FromUnixTimeSeconds(long.Parse(response.Headers.GetValues("X-RateLimit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(reset - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(6));
    }

    [Fact]
    public async Task RequestBeyondTheBudgetAnswers429WithRetryAfter()
    {
        await using var server = await EmulatorServer.StartAsync(Budget3);
        var statuses = new List<int>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await server.Client.GetAsync(server.Pools);
            statuses.Add((int)last.StatusCode);
        }

        using (last)
        {
            Assert.Equal([200, 200, 200, 429], statuses);
            Assert.NotNull(last!.Headers.RetryAfter?.Delta);
            Assert.True(last.Headers.RetryAfter!.Delta > TimeSpan.Zero);
            Assert.Equal("0", last.Headers.GetValues("X-RateLimit-Remaining").Single());
            Assert.StartsWith("TF400733", (await Json.ReadAsync(last, 429)).Str("message"));
        }
    }

    [Fact]
    public async Task TheLastRequestOfTheBudgetAlreadyCarriesRetryAfter()
    {
        await using var server = await EmulatorServer.StartAsync(Budget3);
        for (var i = 0; i < 2; i++)
        {
            using var early = await server.Client.GetAsync(server.Pools);
            Assert.Null(early.Headers.RetryAfter);
        }

        using var third = await server.Client.GetAsync(server.Pools);

        Assert.Equal(200, (int)third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
    }

    [Fact]
    public async Task TheBudgetIsPerIdentity()
    {
        await using var server = await EmulatorServer.StartAsync(Budget3);
        for (var i = 0; i < 3; i++)
        {
            using var spent = await server.Client.GetAsync(server.Pools);
        }

        using var client = server.BearerClient(await server.TokenAsync());
        using var other = await client.GetAsync(server.Pools);
        using var patAgain = await server.Client.GetAsync(server.Pools);

        Assert.Equal(200, (int)other.StatusCode);
        Assert.Equal(429, (int)patAgain.StatusCode);
    }
}
