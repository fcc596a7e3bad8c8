using AspireAgents.AgentRunner.Tests.Infrastructure;

namespace AspireAgents.AgentRunner.Tests.Lifecycle;

/// <summary>
/// Each test gets its own emulator (settings per test) and temporary directory, and starts the runner as a
/// process against it. The tests of this collection run one at a time: they measure exits against deadlines.
/// </summary>
[Collection(ProcessCollection.Name)]
public abstract class LifecycleTestBase : IAsyncLifetime
{
    protected static readonly TimeSpan RunnerTimeout = TimeSpan.FromSeconds(90);

    internal TempDirectory Directory { get; } = new();

    internal EmulatorProcess Emulator { get; private set; } = null!;

    /// <summary><c>Emulator:*</c> settings for this test's emulator.</summary>
    protected virtual IReadOnlyDictionary<string, string> EmulatorSettings { get; } = new Dictionary<string, string>();

    public async Task InitializeAsync() => Emulator = await EmulatorProcess.StartAsync(Directory, EmulatorSettings);

    public async Task DisposeAsync()
    {
        await Emulator.DisposeAsync();
        Directory.Dispose();
    }

    internal Dictionary<string, string> EnvironmentFor(string agentName) => RunnerProcess.EnvironmentFor(Emulator, Directory, agentName);

    /// <summary>Registers the placeholder agent, as the manual placeholder job does, so that runs can be queued.</summary>
    internal async Task RegisterPlaceholderAsync()
    {
        var environment = EnvironmentFor("placeholder");
        environment["AZP_PLACEHOLDER"] = "1";
        await using var placeholder = RunnerProcess.Start(environment);
        var exitCode = await placeholder.WaitForExitAsync(RunnerTimeout);
        Assert.True(exitCode == 0, placeholder.Output);
    }

    /// <summary>Runs the runner to its end with <paramref name="environment"/>.</summary>
    internal static async Task<(int ExitCode, RunnerProcess Runner)> RunAsync(Dictionary<string, string> environment)
    {
        var runner = RunnerProcess.Start(environment);
        var exitCode = await runner.WaitForExitAsync(RunnerTimeout);
        return (exitCode, runner);
    }
}

/// <summary>The tests that start emulator and runner processes.</summary>
[CollectionDefinition(Name)]
public sealed class ProcessCollection
{
    public const string Name = "Runner processes against the emulator";
}
