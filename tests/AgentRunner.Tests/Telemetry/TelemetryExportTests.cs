using System.Collections.Concurrent;
using System.Net;
using System.Text;
using AspireAgents.AgentRunner.Tests.Lifecycle;

namespace AspireAgents.AgentRunner.Tests.Telemetry;

/// <summary>
/// The runner process, as built or as published (a Native AOT publish through <c>ASPIREAGENTS_AGENT_RUNNER</c>), sends
/// its spans to the OTLP endpoint it is given: the exporter and its serialisation survive trimming.
/// </summary>
public sealed class TelemetryExportTests : LifecycleTestBase
{
    [Fact]
    public async Task RunnerExportsItsExecutionAndStepSpansOverOtlp()
    {
        using var collector = OtlpCollector.Start();
        var environment = EnvironmentFor("placeholder");
        environment["AZP_PLACEHOLDER"] = "1";
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url;
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";

        var (exitCode, runner) = await RunAsync(environment);
        await using (runner)
        {
            Assert.True(exitCode == 0, runner.Output);
        }

        // Span names travel as UTF-8 strings in the protobuf body.
        var traces = collector.Received("/v1/traces");
        Assert.Contains(traces, body => body.Contains("agent execution", StringComparison.Ordinal));
        Assert.Contains(traces, body => body.Contains("register", StringComparison.Ordinal));
    }

    /// <summary>An OTLP/HTTP endpoint on loopback that keeps what it is sent and answers every request with 200.</summary>
    private sealed class OtlpCollector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<(string Path, string Body)> _requests = new();

        private OtlpCollector(int port)
        {
            Url = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Url + "/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public static OtlpCollector Start() => new(FreePort.Next());

        public IReadOnlyList<string> Received(string path) => [.. _requests.Where(r => r.Path == path).Select(r => r.Body)];

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                _requests.Enqueue((context.Request.Url!.AbsolutePath, Encoding.UTF8.GetString(body.ToArray())));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}
