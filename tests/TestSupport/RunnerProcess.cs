using System.Diagnostics;

namespace AspireAgents.TestSupport;

/// <summary>The agent runner as a process, with exactly the environment a test gives it.</summary>
public sealed class RunnerProcess : IAsyncDisposable
{
    private static readonly string[] InheritedPrefixes = ["AZP_", "IDENTITY_", "MSI_", "AZURE_", "OTEL_", "VSTS_", "TRACE", "CONTAINER_APP_", "AgentRunner__"];

    private readonly Process _process;
    private readonly ProcessOutput _output;

    private RunnerProcess(Process process, Stopwatch clock)
    {
        _process = process;
        _output = new ProcessOutput(process, clock);
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Every line the runner wrote, standard output and error.</summary>
    public IReadOnlyList<string> Lines => _output.Lines;

    public string Output => _output.Text;

    /// <summary>When, after starting the process, the first line containing <paramref name="text"/> arrived.</summary>
    public TimeSpan? TimeOf(string text) => _output.TimeOf(text);

    /// <summary>
    /// Starts the runner with <paramref name="environment"/> on top of a clean copy of the test's own, through
    /// <paramref name="launcher"/> when given (for example as another user). <paramref name="build"/> names the
    /// runner's main assembly or native executable; default <see cref="BuiltBinaries.AgentRunner"/>.
    /// </summary>
    public static RunnerProcess Start(IReadOnlyDictionary<string, string> environment, IReadOnlyList<string>? launcher = null, string? build = null)
    {
        // The executable, as the image starts it (a Native AOT publish has nothing else); the assembly through
        // dotnet where the build made none.
        build ??= BuiltBinaries.AgentRunner;
        var executable = build.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? Path.ChangeExtension(build, null) : build;
        string[] command = File.Exists(executable) ? [executable] : ["dotnet", build];
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
        return new RunnerProcess(Process.Start(startInfo)!, clock);
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

    /// <summary>Waits until the runner writes a line containing <paramref name="text"/>; fails when it exits first.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        try
        {
            await _output.WaitForLineAsync(text, timeout);
        }
        catch (InvalidOperationException e)
        {
            throw new TimeoutException($"The runner wrote no line with '{text}':{Environment.NewLine}{Output}", e);
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
}
