using System.Diagnostics;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AgentRunner.Tests.Lifecycle;

public sealed class ShutdownTests : LifecycleTestBase
{
    [Fact]
    public async Task SigtermMidJobCancelsTheJobRemovesTheAgentAndExitsWithin25Seconds()
    {
        await RegisterPlaceholderAsync();
        await Emulator.QueueRunAsync(durationSeconds: 121);
        await using var runner = RunnerProcess.Start(EnvironmentFor("agent-sigterm"));
        await Emulator.WaitForJobRequestsAsync(r => r.Any(j => j.ReceiveTime is not null), TimeSpan.FromSeconds(60));
        await runner.WaitForLineAsync("Starting: ", TimeSpan.FromSeconds(30));

        var stopwatch = Stopwatch.StartNew();
        runner.Signal("TERM");
        var exitCode = await runner.WaitForExitAsync(TimeSpan.FromSeconds(60));
        stopwatch.Stop();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(25), $"The runner took {stopwatch.Elapsed} to exit after SIGTERM.{Environment.NewLine}{runner.Output}");
        Assert.True(exitCode == 143, runner.Output);
        var request = Assert.Single(await Emulator.GetJobRequestsAsync());
        Assert.Contains(request.Result, new TaskResult?[] { TaskResult.Canceled, TaskResult.Abandoned });
        Assert.Equal(["placeholder"], (await Emulator.GetAgentsAsync()).Select(a => a.Name));
        Assert.False(ProcessesRunning("sleep 121"), "The job's step outlived the runner.");
    }

    internal static bool ProcessesRunning(string commandLine) =>
        System.IO.Directory.EnumerateDirectories("/proc").Any(directory =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Contains(commandLine, StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        });
}
