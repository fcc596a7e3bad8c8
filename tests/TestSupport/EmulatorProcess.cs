using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.TestSupport;

/// <summary>
/// The DevOpsEmulator as its own process on a loopback port it picks itself, with an admin client that uses its
/// well-known PAT, helpers to queue runs and read the organisation's state, and (when started with a directory) a copy
/// of the stand-in agent package it serves.
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    public const string Pat = "local-dev-pat";
    public const string IdentityHeader = "local-identity-header";
    public const string Pool = "aca-agents";
    public const int PoolId = 10;
    public const int HelloPipelineId = 1;

    /// <summary>A user-assigned identity the emulator knows but that was not added to the organisation.</summary>
    public const string NotInOrganizationClientId = "5a0b1c2d-0000-4000-8000-000000000003";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ProcessOutput _output;
    private readonly string? _packagePath;

    private EmulatorProcess(Process process, ProcessOutput output, Uri root, string? packagePath)
    {
        _process = process;
        _output = output;
        Root = root;
        _packagePath = packagePath;
        Http = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($":{Pat}")));
    }

    /// <summary>The server root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Root { get; }

    /// <summary>The server root without its trailing slash, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl => Root.ToString().TrimEnd('/');

    /// <summary>The organisation URL the scaler and the runner are given.</summary>
    public string OrganizationUrl => $"{BaseUrl}/local";

    /// <summary>The managed-identity endpoint, for <c>IDENTITY_ENDPOINT</c>.</summary>
    public string IdentityEndpoint => $"{BaseUrl}/msi/token";

    /// <summary>The package file the emulator serves (a copy the test may alter), when started with a directory.</summary>
    public string PackagePath => _packagePath ?? throw new InvalidOperationException("This emulator serves its configured package: start it with a directory for a copy.");

    public HttpClient Http { get; }

    public string Output => _output.Text;

    /// <summary>Starts an emulator with its own configuration and <paramref name="arguments"/> (e.g. <c>--Emulator:TokenLifetime=00:00:06</c>); ready once <c>/health</c> answers.</summary>
    public static Task<EmulatorProcess> StartAsync(params string[] arguments) =>
        StartCoreAsync(arguments, new Dictionary<string, string>(), packagePath: null, readiness: "health");

    /// <summary>
    /// Starts an emulator serving a copy of the stand-in agent package in <paramref name="directory"/>, logging
    /// warnings only and exporting no telemetry; <paramref name="settings"/> are <c>Emulator:*</c> keys (e.g.
    /// <c>TokenLifetime</c>). Ready once <c>/_emulator/stats</c> answers.
    /// </summary>
    public static Task<EmulatorProcess> StartAsync(TempDirectory directory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var package = directory.Combine(Path.GetFileName(BuiltBinaries.StandInAgentPackage));
        File.Copy(BuiltBinaries.StandInAgentPackage, package);
        var environment = new Dictionary<string, string>
        {
            ["Emulator__AgentPackage__Path"] = package,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[$"Emulator__{key.Replace(":", "__", StringComparison.Ordinal)}"] = value;
        }

        return StartCoreAsync([], environment, package, readiness: "_emulator/stats", removeOtlpEndpoint: true);
    }

    private static async Task<EmulatorProcess> StartCoreAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string? packagePath, string readiness, bool removeOtlpEndpoint = false)
    {
        var path = BuiltBinaries.DevOpsEmulator;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(path)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Port 0: the emulator binds a free port itself and logs it, so no other process can take it first.
        foreach (var argument in (string[])[path, "--urls", ProcessOutput.AnyLoopbackPort, .. ProcessOutput.LogListeningAddresses, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        if (removeOtlpEndpoint)
        {
            start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the emulator did not start");
        var output = new ProcessOutput(process);
        Uri root;
        try
        {
            root = new Uri(await output.ListeningAddressAsync(StartTimeout), "/");
        }
        catch
        {
            await StopAsync(process);
            throw;
        }

        var emulator = new EmulatorProcess(process, output, root, packagePath);
        try
        {
            await emulator.WaitUntilReadyAsync(readiness);
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }

        return emulator;
    }

    public async Task ResetAsync() => (await Http.PostAsync("_emulator/reset", null)).EnsureSuccessStatusCode();

    /// <summary>Registers an offline agent (a placeholder or template) with the given capabilities.</summary>
    public async Task RegisterAgentAsync(string name, IReadOnlyDictionary<string, string> systemCapabilities, IReadOnlyDictionary<string, string>? userCapabilities = null)
    {
        var body = new { name, version = "4.260.0", osDescription = "Linux", provisioningState = "Provisioned", systemCapabilities, userCapabilities = userCapabilities ?? new Dictionary<string, string>() };
        (await Http.PostAsJsonAsync($"local/_apis/distributedtask/pools/{PoolId}/agents", body)).EnsureSuccessStatusCode();
    }

    /// <summary>Queues a run of a pipeline (1 hello, 2 hello-linux…), optionally with extra demands, and checks it is in progress.</summary>
    public async Task QueueRunWithDemandsAsync(int pipelineId, string? demands = null)
    {
        var parameters = demands is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["demands"] = demands };
        var run = await QueueRunAsync(parameters, pipelineId);
        if (run.State != RunState.InProgress)
        {
            throw new InvalidOperationException($"the run {run.Id} did not queue: it is {run.State}");
        }
    }

    public Task<PipelineRun> QueueRunAsync(int durationSeconds, int pipelineId = HelloPipelineId) =>
        QueueRunAsync(new Dictionary<string, string> { ["durationSeconds"] = durationSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) }, pipelineId);

    /// <summary>Queues a run with <paramref name="templateParameters"/> (<c>script</c>: the job's one step).</summary>
    public async Task<PipelineRun> QueueRunAsync(IReadOnlyDictionary<string, string> templateParameters, int pipelineId = HelloPipelineId)
    {
        var body = new RunPipelineParameters(templateParameters);
        using var response = await Http.PostAsJsonAsync($"/local/demo/_apis/pipelines/{pipelineId}/runs?api-version=7.1", body, AzureDevOpsJsonContext.Default.RunPipelineParameters);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(AzureDevOpsJsonContext.Default.PipelineRun))!;
    }

    public async Task<PipelineRun> GetRunAsync(int runId, int pipelineId = HelloPipelineId) =>
        (await Http.GetFromJsonAsync($"/local/demo/_apis/pipelines/{pipelineId}/runs/{runId}", AzureDevOpsJsonContext.Default.PipelineRun))!;

    /// <summary>Waits until the run has completed and returns it.</summary>
    public async Task<PipelineRun> WaitForRunAsync(int runId, TimeSpan timeout, int pipelineId = HelloPipelineId)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var run = await GetRunAsync(runId, pipelineId);
            if (run.State == RunState.Completed)
            {
                return run;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Run {runId} did not complete within {timeout}: it is {run.State}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The run's logs, one per step the agent ran, through the build logs API.</summary>
    public async Task<IReadOnlyList<BuildLog>> GetBuildLogsAsync(int runId) =>
        (await Http.GetFromJsonAsync($"/local/demo/_apis/build/builds/{runId}/logs?api-version=7.1", AzureDevOpsJsonContext.Default.ListResponseBuildLog))!.Value;

    /// <summary>One log of the run as text, each line starting with its time.</summary>
    public Task<string> GetBuildLogAsync(int runId, int logId) =>
        Http.GetStringAsync($"/local/demo/_apis/build/builds/{runId}/logs/{logId}?api-version=7.1");

    public async Task<IReadOnlyList<TaskAgent>> GetAgentsAsync(bool includeCapabilities = false) =>
        (await Http.GetFromJsonAsync($"/local/_apis/distributedtask/pools/{PoolId}/agents?includeAssignedRequest=true&includeCapabilities={(includeCapabilities ? "true" : "false")}", AzureDevOpsJsonContext.Default.ListResponseTaskAgent))!.Value;

    /// <summary>Deletes an agent, as an administrator does in Organization settings → Agent pools.</summary>
    public async Task DeleteAgentAsync(int agentId) =>
        (await Http.DeleteAsync($"/local/_apis/distributedtask/pools/{PoolId}/agents/{agentId}")).EnsureSuccessStatusCode();

    /// <summary>Every job request of the pool, finished ones included (<c>$top</c>).</summary>
    public async Task<IReadOnlyList<TaskAgentJobRequest>> GetJobRequestsAsync() =>
        (await Http.GetFromJsonAsync($"/local/_apis/distributedtask/pools/{PoolId}/jobrequests?$top=100", AzureDevOpsJsonContext.Default.ListResponseTaskAgentJobRequest))!.Value;

    /// <summary>The pool's unfinished job requests, with <c>matchedAgents</c> (absent with <c>$top</c>).</summary>
    public async Task<IReadOnlyList<TaskAgentJobRequest>> GetUnfinishedJobRequestsAsync() =>
        (await Http.GetFromJsonAsync($"/local/_apis/distributedtask/pools/{PoolId}/jobrequests?completedRequestCount=0", AzureDevOpsJsonContext.Default.ListResponseTaskAgentJobRequest))!.Value;

    /// <summary>Waits until <paramref name="condition"/> holds for the pool's job requests.</summary>
    public async Task<IReadOnlyList<TaskAgentJobRequest>> WaitForJobRequestsAsync(Func<IReadOnlyList<TaskAgentJobRequest>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var requests = await GetJobRequestsAsync();
            if (condition(requests))
            {
                return requests;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The job requests did not reach the expected state within {timeout}: {JsonSerializer.Serialize(requests, AzureDevOpsJsonContext.Default.ListResponseTaskAgentJobRequest.Options)}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>How often the emulator was asked "METHOD route-template" (e.g. <c>GET /{org}/_apis/distributedtask/pools/{poolId}/jobrequests</c>).</summary>
    public async Task<int> RequestsAsync(string methodAndRoute)
    {
        using var stats = JsonDocument.Parse(await Http.GetStringAsync("_emulator/stats"));
        return stats.RootElement.GetProperty("requestsByRoute").TryGetProperty(methodAndRoute, out var count) ? count.GetInt32() : 0;
    }

    /// <summary>Injects a fault (see docs/emulator.md).</summary>
    public async Task InjectFaultAsync(int status, string pathPattern, int? count = null, int? retryAfterSeconds = null) =>
        (await Http.PostAsJsonAsync("_emulator/faults", new { status, pathPattern, count, retryAfterSeconds })).EnsureSuccessStatusCode();

    public async Task ClearFaultsAsync() => (await Http.DeleteAsync("_emulator/faults")).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StopAsync(_process);
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    /// <summary>Polls <paramref name="path"/> until it answers 200: the server listens already, the app may still be starting.</summary>
    private async Task WaitUntilReadyAsync(string path)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The emulator exited with {_process.ExitCode}:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await Http.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The emulator did not become ready:{Environment.NewLine}{Output}");
    }
}
