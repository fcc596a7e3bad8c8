using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace AspireAgents.Scaler.Tests.Integration;

/// <summary>The DevOpsEmulator as its own process on a loopback port, with an admin client that uses its well-known PAT.</summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    public const string Pat = "local-dev-pat";
    public const string IdentityHeader = "local-identity-header";
    public const int AcaPool = 10;

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private EmulatorProcess(Process process, Uri root)
    {
        _process = process;
        Root = root;
        Client = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + Pat)));
    }

    /// <summary>The server root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Root { get; }

    /// <summary>The organisation URL the scaler is given.</summary>
    public string OrganizationUrl => new Uri(Root, "local").ToString();

    /// <summary>The managed-identity endpoint, for <c>IDENTITY_ENDPOINT</c>.</summary>
    public string IdentityEndpoint => new Uri(Root, "msi/token").ToString();

    public HttpClient Client { get; }

    public static async Task<EmulatorProcess> StartAsync(params string[] settings)
    {
        var path = typeof(EmulatorProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "DevOpsEmulatorPath").Value!;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The DevOpsEmulator was not built at {path}; build the solution first.", path);
        }

        var root = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(path)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(path);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(root.ToString().TrimEnd('/'));
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the emulator did not start");
        var emulator = new EmulatorProcess(process, root);
        process.OutputDataReceived += (_, e) => emulator.Append(e.Data);
        process.ErrorDataReceived += (_, e) => emulator.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await emulator.WaitUntilHealthyAsync();
        return emulator;
    }

    public async Task ResetAsync() => (await Client.PostAsync("_emulator/reset", null)).EnsureSuccessStatusCode();

    /// <summary>Registers an offline agent (a placeholder or template) with the given capabilities.</summary>
    public async Task RegisterAgentAsync(string name, IReadOnlyDictionary<string, string> systemCapabilities, IReadOnlyDictionary<string, string>? userCapabilities = null)
    {
        var body = new { name, version = "4.260.0", osDescription = "Linux", provisioningState = "Provisioned", systemCapabilities, userCapabilities = userCapabilities ?? new Dictionary<string, string>() };
        (await Client.PostAsJsonAsync($"local/_apis/distributedtask/pools/{AcaPool}/agents", body)).EnsureSuccessStatusCode();
    }

    /// <summary>Queues a run of a pipeline (1 hello, 2 hello-linux…), optionally with extra demands.</summary>
    public async Task QueueRunAsync(int pipelineId, string? demands = null)
    {
        var parameters = demands is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["demands"] = demands };
        using var response = await Client.PostAsJsonAsync($"local/demo/_apis/pipelines/{pipelineId}/runs?api-version=7.1", new { templateParameters = parameters });
        response.EnsureSuccessStatusCode();
        using var run = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (run.RootElement.GetProperty("state").GetString() != "inProgress")
        {
            throw new InvalidOperationException($"the run did not queue: {run.RootElement}");
        }
    }

    /// <summary>How often the emulator was asked "METHOD route-template" (e.g. <c>GET /{org}/_apis/distributedtask/pools/{poolId}/jobrequests</c>).</summary>
    public async Task<int> RequestsAsync(string methodAndRoute)
    {
        using var stats = JsonDocument.Parse(await Client.GetStringAsync("_emulator/stats"));
        return stats.RootElement.GetProperty("requestsByRoute").TryGetProperty(methodAndRoute, out var count) ? count.GetInt32() : 0;
    }

    /// <summary>Injects a fault (see docs/emulator.md).</summary>
    public async Task InjectFaultAsync(int status, string pathPattern, int? count = null, int? retryAfterSeconds = null) =>
        (await Client.PostAsJsonAsync("_emulator/faults", new { status, pathPattern, count, retryAfterSeconds })).EnsureSuccessStatusCode();

    public async Task ClearFaultsAsync() => (await Client.DeleteAsync("_emulator/faults")).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the emulator exited with {_process.ExitCode}:\n{_output}");
            }

            try
            {
                using var response = await Client.GetAsync("health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the emulator did not become healthy:\n{_output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One emulator for a test class; tokens it issues live 6 s so that expiry happens during a test.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public const string TokenLifetime = "00:00:06";

    public EmulatorProcess Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await EmulatorProcess.StartAsync($"--Emulator:TokenLifetime={TokenLifetime}", "--Logging:LogLevel:Default=Warning");

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}
