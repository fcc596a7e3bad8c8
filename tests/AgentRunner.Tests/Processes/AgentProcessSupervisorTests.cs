using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using AspireAgents.AgentRunner.Processes;
using AspireAgents.AgentRunner.Tests.Infrastructure;

namespace AspireAgents.AgentRunner.Tests.Processes;

public sealed class AgentProcessSupervisorTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly AgentProcessSupervisor _supervisor = new(TimeProvider.System);
    private readonly ConcurrentQueue<(string Line, bool IsError)> _output = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ReturnsTheScriptsExitCodeAndItsOutput()
    {
        var script = Script("echo to-out\necho to-err >&2\nexit 3");

        var result = await _supervisor.RunAsync(Command(script), Never, TimeSpan.FromSeconds(5), Collect);

        Assert.Equal(3, result.ExitCode);
        Assert.Null(result.ForwardedSignal);
        Assert.False(result.Killed);
        Assert.Contains(("to-out", false), _output);
        Assert.Contains(("to-err", true), _output);
    }

    [Fact]
    public async Task ForwardsTheSignalToTheListenerTheScriptStartedNotJustToTheScript()
    {
        // Like run.sh: the script runs the listener as a child (no exec) and waits for it.
        var marker = _directory.Combine("listener-got-term");
        var script = Script($"bash -c 'trap \"echo term > {marker}; exit 0\" TERM; echo ready; while true; do sleep 0.05; done'\necho script-after");
        var stop = new TaskCompletionSource<PosixSignal>();

        var running = _supervisor.RunAsync(Command(script), stop.Task, TimeSpan.FromSeconds(10), Collect);
        await WaitForLineAsync("ready");
        stop.SetResult(PosixSignal.SIGTERM);
        var result = await running.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(PosixSignal.SIGTERM, result.ForwardedSignal);
        Assert.False(result.Killed);
        Assert.True(File.Exists(marker), "The listener did not receive SIGTERM.");
    }

    [Fact]
    public async Task KillsTheGroupWhenItIgnoresTheSignalPastTheStopTimeout()
    {
        var script = Script("trap '' TERM\nbash -c 'trap \"\" TERM; echo ready; while true; do sleep 0.05; done'");
        var stop = new TaskCompletionSource<PosixSignal>();

        var running = _supervisor.RunAsync(Command(script), stop.Task, TimeSpan.FromSeconds(1), Collect);
        await WaitForLineAsync("ready");
        var stopwatch = Stopwatch.StartNew();
        stop.SetResult(PosixSignal.SIGTERM);
        var result = await running.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(result.Killed);
        Assert.Equal(137, result.ExitCode);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task KillsTheGroupWhenTheTimeoutTokenFires()
    {
        var script = Script("echo ready\nsleep 30");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var result = await _supervisor.RunAsync(Command(script), Never, TimeSpan.FromSeconds(5), Collect, timeout.Token).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(result.Killed);
        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public void ScriptsGetNeitherTheRunnersTokenNorTheTokenFileAndMayNotPublishThem()
    {
        Environment.SetEnvironmentVariable("AZP_TOKEN", "runner-secret");
        Environment.SetEnvironmentVariable("AZP_TOKEN_FILE", "/run/secret");
        try
        {
            var startInfo = AgentProcessSupervisor.CreateStartInfo(new AgentCommand("/agent/run.sh", ["--once"], "/agent", new Dictionary<string, string?> { ["VSTS_AGENT_INPUT_URL"] = "https://x" }));

            Assert.False(startInfo.Environment.ContainsKey("AZP_TOKEN"));
            Assert.False(startInfo.Environment.ContainsKey("AZP_TOKEN_FILE"));
            Assert.Equal("https://x", startInfo.Environment["VSTS_AGENT_INPUT_URL"]);
            Assert.Contains("AZP_TOKEN", startInfo.Environment["VSO_AGENT_IGNORE"]!.Split(','));
            Assert.Contains("IDENTITY_HEADER", startInfo.Environment["VSO_AGENT_IGNORE"]!.Split(','));
            Assert.Equal(["/agent/run.sh", "--once"], startInfo.ArgumentList);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AZP_TOKEN", null);
            Environment.SetEnvironmentVariable("AZP_TOKEN_FILE", null);
        }
    }

    private static Task<PosixSignal> Never => new TaskCompletionSource<PosixSignal>().Task;

    private void Collect(string line, bool isError) => _output.Enqueue((line, isError));

    private async Task WaitForLineAsync(string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!_output.Any(o => o.Line == text))
        {
            Assert.True(DateTime.UtcNow < deadline, $"No line '{text}'.");
            await Task.Delay(20);
        }
    }

    private string Script(string body)
    {
        var path = _directory.Combine($"script-{Guid.NewGuid():N}.sh");
        File.WriteAllText(path, $"#!/bin/bash\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private AgentCommand Command(string script) => new(script, [], _directory.Path, new Dictionary<string, string?>());
}
