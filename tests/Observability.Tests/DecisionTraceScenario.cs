using Aspire.Hosting.JobEmulation;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using AspireAgents.Observability.Tests.Infrastructure;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using AspireAgents.TestSupport;

namespace AspireAgents.Observability.Tests;

/// <summary>
/// The scripted scenario every test of <see cref="DecisionTraceTests"/> reads: the AppHost runs (dashboard off), its
/// resources export over OTLP to an in-test receiver standing in for the dashboard, and the AppHost's own spans and
/// metrics are also read in memory. Two runs are queued at once; a decision starts their executions; each execution
/// runs one job. Then one execution is started by hand while nothing waits, and stopped once its agent listens: it
/// gets no job. Once every process exported its part, the telemetry is kept for the tests.
/// </summary>
public sealed class DecisionTraceScenario : IAsyncLifetime
{
    public const int Runs = 2;
    public const int MaxExecutions = 4;
    public const string Pool = "aca-agents";

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private readonly List<Activity> _appHostSpans = [];
    private readonly List<MetricSnapshot> _appHostMetrics = [];
    private OtlpReceiver? _receiver;
    private TracerProvider? _tracing;
    private MeterProvider? _metering;
    private DistributedApplication? _app;

    /// <summary>Every span: the AppHost's from memory, the processes' (and the AppHost's again) from OTLP.</summary>
    public TraceGraph Graph { get; private set; } = new([]);

    /// <summary>The AppHost's spans as they arrived over OTLP.</summary>
    public IReadOnlyList<SpanRecord> AppHostSpansOverOtlp { get; private set; } = [];

    /// <summary>The ids of the queued runs.</summary>
    public IReadOnlyList<int> RunIds { get; private set; } = [];

    /// <summary>What the receiver got.</summary>
    public TelemetryStore Received => _receiver!.Store;

    /// <summary>The AppHost's metrics, from memory.</summary>
    public IReadOnlyList<MetricSnapshot> AppHostMetrics => _appHostMetrics;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        _receiver = await OtlpReceiver.StartAsync();
        _tracing = Sdk.CreateTracerProviderBuilder().AddSource(JobEmulationTelemetryNames.Source).AddInMemoryExporter(_appHostSpans).Build();
        _metering = Sdk.CreateMeterProviderBuilder().AddMeter(JobEmulationTelemetryNames.Source).AddInMemoryExporter(_appHostMetrics).Build();

        // The AppHost is told its emulator's port before it starts: a fixed port, with FreePort's race.
        var port = FreePort.Next();
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            $"Agents:MaxExecutions={MaxExecutions}",
            "Agents:PollingIntervalSeconds=2",
            "Agents:ReplicaTimeoutSeconds=60",
            $"Agents:EmulatorPort={port}",
            // Where Aspire sends its resources' telemetry (and the AppHost its own) when no dashboard runs.
            $"ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL={_receiver.Endpoint}",
        ], timeout.Token);
        _app = await appHost.BuildAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);
        await _app.ResourceNotifications.WaitForResourceAsync("agents", e => e.Snapshot.State?.Text == "Polling", timeout.Token);

        using var devops = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/local/") };
        devops.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(":local-dev-pat")));
        var runs = new List<int>();
        for (var i = 0; i < Runs; i++)
        {
            using var response = await devops.PostAsJsonAsync("demo/_apis/pipelines/1/runs?api-version=7.1",
                new { templateParameters = new Dictionary<string, string> { ["durationSeconds"] = "1" } }, timeout.Token);
            response.EnsureSuccessStatusCode();
            runs.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token)).RootElement.GetProperty("id").GetInt32());
        }

        RunIds = runs;
        foreach (var run in runs)
        {
            while (true)
            {
                using var state = JsonDocument.Parse(await devops.GetStringAsync($"demo/_apis/pipelines/1/runs/{run}?api-version=7.1", timeout.Token));
                if (state.RootElement.GetProperty("state").GetString() == "completed")
                {
                    Assert.Equal("succeeded", state.RootElement.GetProperty("result").GetString());
                    break;
                }

                await Task.Delay(500, timeout.Token);
            }
        }

        await _app.ResourceNotifications.WaitForResourceAsync("agents",
            e => Property(e.Snapshot, ContainerAppJobProperties.Succeeded) >= Runs && Property(e.Snapshot, ContainerAppJobProperties.Running) == 0,
            timeout.Token);

        // Each process exports on its own schedule: wait until every part of both jobs' traces has arrived.
        while (!Complete())
        {
            await Task.Delay(500, timeout.Token);
        }

        // An execution started by hand while nothing waits registers, listens, and gets no job until it is stopped.
        Assert.True((await _app.ResourceCommands.ExecuteCommandAsync("agents", "start-execution", timeout.Token)).Success);
        while (!await ListeningAgentAsync(devops, timeout.Token))
        {
            await Task.Delay(500, timeout.Token);
        }

        Assert.True((await _app.ResourceCommands.ExecuteCommandAsync("agents", "stop-executions", timeout.Token)).Success);
        while (!Complete() || !IdleExecutionReported())
        {
            await Task.Delay(500, timeout.Token);
        }

        _metering.ForceFlush();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _tracing?.Dispose();
        _metering?.Dispose();
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }

    private bool Complete()
    {
        var received = Received.Spans;
        // The exporter appends as spans end; ToArray copies without the enumerator's modification check.
        var inMemory = _appHostSpans.ToArray();

        Graph = new TraceGraph(inMemory.Select(a => SpanRecord.From(a, JobEmulationTelemetryNames.ServiceName)).Concat(received));
        AppHostSpansOverOtlp = [.. received.Where(s => s.Service == JobEmulationTelemetryNames.ServiceName)];
        return RunIds.All(run =>
                Graph.All.Any(s => s is { Scope: "AspireAgents.AgentRunner", Name: "job" } && s.Long("azp.run.id") == run)
                && Graph.All.Any(s => s is { Scope: "AspireAgents.DevOpsEmulator", Name: "job request" } && s.Long("azp.run.id") == run))
            && Graph.All.Count(s => s is { Scope: JobEmulationTelemetryNames.Source, Name: JobEmulationTelemetryNames.ExecutionSpan } && s[JobEmulationAttributes.StartedBy] as string == "decision") >= Runs
            && Graph.All.Where(s => s is { Scope: JobEmulationTelemetryNames.Source, Name: JobEmulationTelemetryNames.ExecutionSpan }).All(s => AppHostSpansOverOtlp.Any(o => o.SpanId == s.SpanId))
            && Graph.All.Where(s => s is { Scope: JobEmulationTelemetryNames.Source, Name: JobEmulationTelemetryNames.DecisionSpan } && s.Long(JobEmulationAttributes.Started) > 0)
                .All(s => AppHostSpansOverOtlp.Any(o => o.SpanId == s.SpanId))
            && Received.Logs.Any(l => l.Service == JobEmulationTelemetryNames.ServiceName && l.Message.StartsWith("Started", StringComparison.Ordinal))
            && Received.Metrics.Any(m => m.Name == "azp.runner.execution.duration");
    }

    private bool IdleExecutionReported() =>
        Graph.All.Any(s => s is { Scope: JobEmulationTelemetryNames.Source, Name: JobEmulationTelemetryNames.ExecutionSpan }
                && s[JobEmulationAttributes.StartedBy] as string == "manual" && s[JobEmulationAttributes.Outcome] is not null
                && Graph.Children(s).Any(c => c.Name == "agent execution"))
            && Received.Metrics.Any(m => m.Name == "azp.runner.executions.no_job");

    /// <summary>Whether an agent other than the placeholder holds a session: the manual execution listens.</summary>
    private static async Task<bool> ListeningAgentAsync(HttpClient devops, CancellationToken cancellationToken)
    {
        using var agents = JsonDocument.Parse(await devops.GetStringAsync("_apis/distributedtask/pools/10/agents", cancellationToken));
        return agents.RootElement.GetProperty("value").EnumerateArray()
            .Any(a => a.GetProperty("name").GetString() != "placeholder" && a.GetProperty("status").GetString() == "online");
    }

    private static long Property(CustomResourceSnapshot snapshot, string name) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == name)?.Value is { } value ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
}
