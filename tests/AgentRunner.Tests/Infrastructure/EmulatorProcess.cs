using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AgentRunner.Tests.Infrastructure;

/// <summary>
/// The DevOpsEmulator as a process on a free loopback port, serving a copy of the stand-in agent package, with
/// helpers to queue runs and read the organisation's state.
/// </summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    public const string Pat = "local-dev-pat";
    public const string IdentityHeader = "local-identity-header";
    public const string Pool = "aca-agents";
    public const int PoolId = 10;
    public const int HelloPipelineId = 1;

    /// <summary>A user-assigned identity the emulator knows but that was not added to the organisation.</summary>
    public const string NotInOrganizationClientId = "5a0b1c2d-0000-4000-8000-000000000003";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private EmulatorProcess(Process process, int port, string packagePath)
    {
        _process = process;
        BaseUrl = $"http://127.0.0.1:{port}";
        PackagePath = packagePath;
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($":{Pat}")));
    }

    public string BaseUrl { get; }

    public string OrganizationUrl => $"{BaseUrl}/local";

    public string IdentityEndpoint => $"{BaseUrl}/msi/token";

    /// <summary>The package file the emulator serves (a copy the test may alter).</summary>
    public string PackagePath { get; }

    public HttpClient Http { get; }

    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>Starts an emulator; <paramref name="settings"/> are <c>Emulator:*</c> keys (e.g. <c>TokenLifetime</c>).</summary>
    public static async Task<EmulatorProcess> StartAsync(TempDirectory directory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var package = directory.Combine(Path.GetFileName(TestPaths.StandInAgentPackage));
        File.Copy(TestPaths.StandInAgentPackage, package);
        var port = FreePort();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(TestPaths.DevOpsEmulator)!,
        };
        startInfo.ArgumentList.Add(TestPaths.DevOpsEmulator);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add($"http://127.0.0.1:{port}");
        startInfo.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        startInfo.Environment["Emulator__AgentPackage__Path"] = package;
        startInfo.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            startInfo.Environment[$"Emulator__{key.Replace(":", "__", StringComparison.Ordinal)}"] = value;
        }

        var emulator = new EmulatorProcess(Process.Start(startInfo)!, port, package);
        emulator._process.OutputDataReceived += (_, e) => emulator.Record(e.Data);
        emulator._process.ErrorDataReceived += (_, e) => emulator.Record(e.Data);
        emulator._process.BeginOutputReadLine();
        emulator._process.BeginErrorReadLine();
        await emulator.WaitUntilReadyAsync();
        return emulator;
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

    public async Task<IReadOnlyList<TaskAgent>> GetAgentsAsync() =>
        (await Http.GetFromJsonAsync($"/local/_apis/distributedtask/pools/{PoolId}/agents?includeAssignedRequest=true", AzureDevOpsJsonContext.Default.ListResponseTaskAgent))!.Value;

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

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
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
            _output.Enqueue(line);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The emulator exited with {_process.ExitCode}:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await Http.GetAsync("/_emulator/stats");
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

        throw new TimeoutException($"The emulator did not start:{Environment.NewLine}{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
