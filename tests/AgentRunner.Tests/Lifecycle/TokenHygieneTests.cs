using System.Text;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AgentRunner.Tests.Lifecycle;

public sealed class TokenHygieneTests : LifecycleTestBase
{
    private static readonly string KnownToken = $"hygiene-{Guid.NewGuid():N}";

    protected override IReadOnlyDictionary<string, string> EmulatorSettings { get; } = new Dictionary<string, string>
    {
        ["PersonalAccessTokens:0"] = EmulatorProcess.Pat,
        ["PersonalAccessTokens:1"] = KnownToken,
    };

    [Fact]
    public async Task AzpTokenNeverAppearsInACommandLineAFileLeftBehindOrALogLine()
    {
        await RegisterPlaceholderAsync();
        await Emulator.QueueRunAsync(durationSeconds: 2);
        var environment = EnvironmentFor("agent-hygiene");
        environment["AZP_TOKEN"] = KnownToken;

        await using var runner = RunnerProcess.Start(environment);
        var commandLines = new HashSet<string>();
        var watching = Task.Run(async () =>
        {
            // Every process's command line, sampled until the runner exits: the runner, config.sh, run.sh, the
            // listener, the job's steps and anything else running now.
            while (!runner.HasExited)
            {
                foreach (var commandLine in AllCommandLines())
                {
                    commandLines.Add(commandLine);
                }

                await Task.Delay(20);
            }
        });
        var exitCode = await runner.WaitForExitAsync(RunnerTimeout);
        await watching;

        Assert.True(exitCode == 0, runner.Output);
        Assert.Equal(TaskResult.Succeeded, Assert.Single(await Emulator.GetJobRequestsAsync()).Result);
        Assert.Contains(commandLines, c => c.Contains("config.sh", StringComparison.Ordinal));
        Assert.Contains(commandLines, c => c.Contains("Agent.Listener.dll run", StringComparison.Ordinal));
        Assert.DoesNotContain(commandLines, c => c.Contains(KnownToken, StringComparison.Ordinal));
        Assert.Empty(FilesContaining(Directory.Path, KnownToken));
        Assert.DoesNotContain(runner.Lines, l => l.Contains(KnownToken, StringComparison.Ordinal));
        Assert.Contains(runner.Lines, l => l.Contains("credential: token from AZP_TOKEN", StringComparison.Ordinal));
    }

    private static IEnumerable<string> AllCommandLines()
    {
        foreach (var directory in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            string? commandLine = null;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }

            if (!string.IsNullOrEmpty(commandLine))
            {
                yield return commandLine;
            }
        }
    }

    private static List<string> FilesContaining(string root, string secret)
    {
        var needle = Encoding.UTF8.GetBytes(secret);
        return System.IO.Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(file => File.ReadAllBytes(file).AsSpan().IndexOf(needle) >= 0)
            .ToList();
    }
}
