using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using AspireAgents.TestSupport;

namespace AspireAgents.Dashboard.Tests;

/// <summary>
/// The AppHost started as a user starts it, <c>dotnet run --project src/AppHost</c>, with the dashboard over plain http:
/// the launch profile's settings given as environment variables on free ports, so that it can run beside other tests.
/// </summary>
internal sealed partial class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private ProcessOutput? _output;

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
        // The dashboard's ports must be known before it starts (the login link and the resources' OTLP endpoint are
        // built from them): fixed ports, with FreePort's race.
        start.Environment["ASPNETCORE_URLS"] = $"http://localhost:{FreePort.Next()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{FreePort.Next()}";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{FreePort.Next()}";
        start.Environment["ASPIRE_DASHBOARD_MCP_ENDPOINT_URL"] = $"http://localhost:{FreePort.Next()}";
        // The Scaler's own endpoint has a fixed port; another AppHost in the same test run must not collide with it.
        start.Environment["DcpPublisher__RandomizePorts"] = "true";

        _process = new Process { StartInfo = start };
    }

    public int EmulatorPort { get; }

    public string Output => _output?.Text ?? string.Empty;

    /// <summary>The dashboard's login link, as the console prints it; fails if the AppHost exits first.</summary>
    public Task<Uri> LoginUrl { get; private set; } = null!;

    public static AppHostProcess Start()
    {
        var appHost = new AppHostProcess(FreePort.Next());
        appHost._process.Start();
        appHost._output = new ProcessOutput(appHost._process);
        appHost.LoginUrl = appHost.WaitForLoginUrlAsync();
        return appHost;
    }

    private async Task<Uri> WaitForLoginUrlAsync()
    {
        var line = await _output!.WaitForLineAsync(l => LoginLine().IsMatch(l), Timeout.InfiniteTimeSpan, "the dashboard's login link");
        return new Uri(LoginLine().Match(line).Groups[1].Value);
    }

    [GeneratedRegex(@"Login to the dashboard at (\S+)")]
    private static partial Regex LoginLine();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private static string RepositoryRoot => BuiltBinaries.RepositoryRoot;
}
