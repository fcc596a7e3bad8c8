using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AspireAgents.DevOpsEmulator.Tests.Hosting;

public sealed class StartupTests
{
    [Fact]
    public async Task StartupLogsTheOrganizationUrlAndTheIdentityEndpoint()
    {
        var lines = new ConcurrentQueue<string>();
        await using var server = await EmulatorServer.StartAsync(
            new Dictionary<string, string> { ["Logging:LogLevel:AspireAgents"] = "Information" },
            services: s => s.AddLogging(logging => logging.AddProvider(new CollectingLoggerProvider(lines))));

        var root = server.BaseAddress.ToString().TrimEnd('/');
        Assert.Contains(lines, l => l.Contains($"{root}/local", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"IDENTITY_ENDPOINT={root}/msi/token", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Emulator:AgentPackage:Path", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HealthEndpointsAreServed()
    {
        await using var server = await EmulatorServer.StartAsync();

        using var health = await server.Anonymous.GetAsync("health");
        using var alive = await server.Anonymous.GetAsync("alive");

        Assert.Equal(200, (int)health.StatusCode);
        Assert.Equal(200, (int)alive.StatusCode);
    }

    private sealed class CollectingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CollectingLogger(lines);

        public void Dispose()
        {
        }
    }

    private sealed class CollectingLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));
    }
}
