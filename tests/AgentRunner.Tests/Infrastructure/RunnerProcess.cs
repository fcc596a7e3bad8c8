using System.Collections.Concurrent;
using System.Diagnostics;

namespace AspireAgents.AgentRunner.Tests.Infrastructure;

/// <summary>The agent runner as a process, with exactly the environment a test gives it.</summary>
internal sealed class RunnerProcess : IAsyncDisposable
{
    private static readonly string[] InheritedPrefixes = ["AZP_", "IDENTITY_", "MSI_", "AZURE_", "OTEL_", "VSTS_", "TRACE", "CONTAINER_APP_", "AgentRunner__"];

    private readonly Process _process;
    private readonly ConcurrentQueue<(TimeSpan At, string Line)> _lines = new();
    private readonly Stopwatch _clock;

    private RunnerProcess(Process process, Stopwatch clock)
    {
        _process = process;
        _clock = clock;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Every line the runner wrote, standard output and error.</summary>
    public IReadOnlyList<string> Lines => [.. _lines.Select(l => l.Line)];

    public string Output => string.Join(Environment.NewLine, Lines);

    /// <summary>When, after starting the process, the first line containing <paramref name="text"/> arrived.</summary>
    public TimeSpan? TimeOf(string text) => _lines.FirstOrDefault(l => l.Line.Contains(text, StringComparison.Ordinal)) is { Line: not null } found ? found.At : null;

    /// <summary>
    /// Starts the runner with <paramref name="environment"/> on top of a clean copy of the test's own, through
    /// <paramref name="launcher"/> when given (for example as another user).
    /// </summary>
    public static RunnerProcess Start(IReadOnlyDictionary<string, string> environment, IReadOnlyList<string>? launcher = null)
    {
        // The executable, as the image starts it; the assembly through dotnet where the build made none.
        var executable = Path.ChangeExtension(TestPaths.AgentRunner, null);
        string[] command = File.Exists(executable) ? [executable] : ["dotnet", TestPaths.AgentRunner];
        command = [.. launcher ?? [], .. command];

        var startInfo = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var name in startInfo.Environment.Keys.Where(k => InheritedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        // The tests run as root; agents refuse that unless told (the Dockerfile runs them as a normal user).
        startInfo.Environment["AGENT_ALLOW_RUNASROOT"] = "1";
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        var runner = new RunnerProcess(Process.Start(startInfo)!, clock);
        runner._process.OutputDataReceived += (_, e) => runner.Record(e.Data);
        runner._process.ErrorDataReceived += (_, e) => runner.Record(e.Data);
        runner._process.BeginOutputReadLine();
        runner._process.BeginErrorReadLine();
        return runner;
    }

    /// <summary>The environment a runner needs against <paramref name="emulator"/>, with its managed identity.</summary>
    public static Dictionary<string, string> EnvironmentFor(EmulatorProcess emulator, TempDirectory directory, string agentName) => new()
    {
        ["AZP_URL"] = emulator.OrganizationUrl,
        ["AZP_POOL"] = EmulatorProcess.Pool,
        ["AZP_AGENT_NAME"] = agentName,
        ["AZP_AGENT_DIR"] = directory.Combine("agents", agentName),
        ["AZP_WORK"] = directory.Combine("work", agentName),
        ["IDENTITY_ENDPOINT"] = emulator.IdentityEndpoint,
        ["IDENTITY_HEADER"] = EmulatorProcess.IdentityHeader,
        ["AgentRunner__RemovalRetryInterval"] = "00:00:00.500",
    };

    /// <summary>Waits for the runner to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The runner did not exit within {timeout}:{Environment.NewLine}{Output}");
        }

        // The exit event can come before the last output lines.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Waits until the runner writes a line containing <paramref name="text"/>.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (TimeOf(text) is null)
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The runner wrote no line with '{text}':{Environment.NewLine}{Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Sends a signal, as Azure Container Apps does when it stops a replica.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue((_clock.Elapsed, line));
        }
    }
}
