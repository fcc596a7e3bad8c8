using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.RegularExpressions;

namespace AspireAgents.Dashboard.Tests;

/// <summary>
/// The AppHost started as a user starts it, <c>dotnet run --project src/AppHost</c>, with the dashboard over plain http:
/// the launch profile's settings given as environment variables on free ports, so that it can run beside other tests.
/// </summary>
internal sealed partial class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _login = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppHostProcess(int emulatorPort)
    {
        EmulatorPort = emulatorPort;
        var configuration = typeof(AppHostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.Combine(RepositoryRoot, "src", "AppHost"),
        };
        foreach (var argument in new[] { "run", "--no-launch-profile", "--no-build", "-c", configuration, "--", $"--Agents:EmulatorPort={emulatorPort}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["ASPNETCORE_URLS"] = $"http://localhost:{FreePort()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{FreePort()}";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{FreePort()}";
        start.Environment["ASPIRE_DASHBOARD_MCP_ENDPOINT_URL"] = $"http://localhost:{FreePort()}";
        // The Scaler's own endpoint has a fixed port; another AppHost in the same test run must not collide with it.
        start.Environment["DcpPublisher__RandomizePorts"] = "true";

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, line) => Observe(line.Data);
        _process.ErrorDataReceived += (_, line) => Observe(line.Data);
        _process.Exited += (_, _) => _login.TrySetException(new InvalidOperationException($"The AppHost exited ({_process.ExitCode}) before the dashboard was up:\n{Output}"));
    }

    public int EmulatorPort { get; }

    public string Output => string.Join('\n', _output);

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    /// <summary>The dashboard's login link, as the console prints it.</summary>
    public Task<Uri> LoginUrl => _login.Task;

    public static AppHostProcess Start()
    {
        var appHost = new AppHostProcess(FreePort());
        appHost._process.Start();
        appHost._process.BeginOutputReadLine();
        appHost._process.BeginErrorReadLine();
        return appHost;
    }

    [GeneratedRegex(@"Login to the dashboard at (\S+)")]
    private static partial Regex LoginLine();

    private void Observe(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (LoginLine().Match(line) is { Success: true } match)
        {
            _login.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private static string RepositoryRoot { get; } = typeof(AppHostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
