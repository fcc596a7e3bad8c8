using Aspire.Hosting.JobEmulation;
using AspireAgents.Observability.Tests.Infrastructure;

namespace AspireAgents.Observability.Tests;

/// <summary>
/// One trace per scaling decision, end to end: the decision with its inputs and outcome; the scaler's gRPC calls as
/// its children, joined by the Scaler's server spans down to the Azure DevOps request (or the cache hit that spared
/// it); each execution it started as its child, holding the runner's spans down to the job; the emulator's record of
/// each job's wait, linked to the execution that ran it; the metrics and logs that go with them.
/// </summary>
public sealed class DecisionTraceTests(DecisionTraceScenario scenario) : IClassFixture<DecisionTraceScenario>
{
    private TraceGraph Graph => scenario.Graph;

    private IEnumerable<SpanRecord> Decisions => Graph.All.Where(s => s is { Scope: JobEmulationTelemetryNames.Source, Name: JobEmulationTelemetryNames.DecisionSpan });

    private IEnumerable<SpanRecord> StartingDecisions => Decisions.Where(d => d.Long(JobEmulationAttributes.Started) > 0);

    private IEnumerable<SpanRecord> Executions => Graph.All.Where(s => s is { Scope: JobEmulationTelemetryNames.Source, Name: JobEmulationTelemetryNames.ExecutionSpan }
        && s[JobEmulationAttributes.StartedBy] as string == "decision");

    [Fact]
    public void TheDecisionsThatStartedExecutionsCarryTheirInputsAndOutcome()
    {
        var starting = StartingDecisions.ToList();
        Assert.NotEmpty(starting);
        // With the default strategy and scaleOnInFlight, each queued job gets exactly one execution.
        Assert.Equal(DecisionTraceScenario.Runs, starting.Sum(d => d.Long(JobEmulationAttributes.Started)));
        Assert.All(starting, decision =>
        {
            Assert.Null(decision.ParentSpanId);
            Assert.Equal("agents", decision[JobEmulationAttributes.JobName]);
            Assert.Equal(DecisionTraceScenario.Pool, decision["azp.pool.name"]);
            Assert.Equal("default", decision[JobEmulationAttributes.Strategy]);
            Assert.Equal(true, decision[JobEmulationAttributes.ScaleOnInFlight]);
            Assert.Equal(0, decision.Long(JobEmulationAttributes.MinExecutions));
            Assert.Equal(DecisionTraceScenario.MaxExecutions, decision.Long(JobEmulationAttributes.MaxExecutions));
            Assert.Equal(1, decision.Double(JobEmulationAttributes.Target));
            Assert.Equal(true, decision[JobEmulationAttributes.Active]);
            Assert.Equal("azure-pipelines-10", decision[JobEmulationAttributes.MetricName]);
            Assert.InRange(decision.Double(JobEmulationAttributes.QueueLength)!.Value, decision.Long(JobEmulationAttributes.Started)!.Value, DecisionTraceScenario.Runs);
            Assert.NotNull(decision.Long(JobEmulationAttributes.Running));
            Assert.NotNull(decision.Long(JobEmulationAttributes.Pending));
            Assert.Null(decision[JobEmulationAttributes.Reason]);
        });
    }

    [Fact]
    public void DecisionsThatStartedNothingSayWhy()
    {
        var idle = Decisions.Where(d => d.Long(JobEmulationAttributes.Started) == 0).ToList();

        // The first decisions came before any job was queued.
        Assert.NotEmpty(idle);
        Assert.All(idle, d => Assert.False(string.IsNullOrEmpty(d[JobEmulationAttributes.Reason] as string)));
        Assert.Contains(idle, d => d[JobEmulationAttributes.Reason] as string == "inactive: no job waits");
    }

    [Fact]
    public void TheScalerCallsAreClientSpansUnderTheDecisionThatTheScalersServerSpansJoin()
    {
        foreach (var decision in StartingDecisions)
        {
            var calls = Graph.Children(decision).Where(s => s.Kind == SpanRecord.Client).ToList();
            Assert.Equal(
                ["externalscaler.ExternalScaler/GetMetricSpec", "externalscaler.ExternalScaler/GetMetrics", "externalscaler.ExternalScaler/IsActive"],
                calls.Select(c => c.Name));
            Assert.All(calls, call =>
            {
                Assert.Equal("grpc", call["rpc.system"]);
                Assert.Equal("externalscaler.ExternalScaler", call["rpc.service"]);
                Assert.Equal(0, call.Long("rpc.grpc.status_code"));

                // The Scaler's server span is the call's child (traceparent in the call's metadata), its RPC span below.
                var server = Assert.Single(Graph.Children(call));
                Assert.Equal(SpanRecord.Server, server.Kind);
                Assert.Equal(decision.TraceId, server.TraceId);
                var rpc = Assert.Single(Graph.Descendants(server), s => s.Scope == "AspireAgents.Scaler");
                Assert.Equal("ExternalScaler/" + call["rpc.method"], rpc.Name);
                Assert.Equal("agents", rpc["keda.scaled_object.name"]);
            });
        }
    }

    [Fact]
    public void EachQueueReadEndsInAnAzureDevOpsRequestOrNamesTheCacheHitThatSparedIt()
    {
        // The emulator exports on its own schedule, and decisions go on while the scenario ends: judge the reads its
        // newest exported request span shows it has exported past.
        var emulatorHorizon = Graph.All.Where(s => s.Kind == SpanRecord.Server && s.Name.Contains("jobrequests", StringComparison.Ordinal))
            .Select(s => s.End).DefaultIfEmpty(DateTimeOffset.MaxValue).Max();
        var reads = Decisions
            .SelectMany(Graph.Descendants)
            .Where(s => s is { Scope: "AspireAgents.Scaler" } && s.Name is "ExternalScaler/GetMetrics" or "ExternalScaler/IsActive")
            .Where(s => s.End < emulatorHorizon)
            .ToList();
        Assert.NotEmpty(reads);
        Assert.All(reads, read =>
        {
            var outcome = read["azp.cache.result"] as string;
            if (outcome == "miss")
            {
                // Scaler → Azure DevOps client → HTTP → the emulator's server span, all in the decision's trace.
                var request = Assert.Single(Graph.Descendants(read), s => s is { Scope: "AspireAgents.AzureDevOps", Name: "azp GetJobRequests" });
                Assert.Contains(Graph.Descendants(request), s => s.Kind == SpanRecord.Server && s.Name.Contains("jobrequests", StringComparison.Ordinal));
            }
            else
            {
                Assert.Contains(outcome, new[] { "hit", "coalesced", "stale" });
                Assert.DoesNotContain(Graph.Descendants(read), s => s.Scope == "AspireAgents.AzureDevOps");
                Assert.NotNull(read.Double("azp.cache.age"));
                Assert.Single(read.Links);
            }
        });

        // Within one decision, GetMetrics reads the job list and IsActive, right after, is answered from it.
        Assert.Contains(reads, r => r["azp.cache.result"] as string == "miss");
        Assert.Contains(reads, r => r["azp.cache.result"] as string == "hit" && Graph.All.Any(s => s.SpanId == r.Links[0].SpanId && s.Name == "ExternalScaler/GetMetrics"));
    }

    [Fact]
    public void EachExecutionIsAChildOfItsDecisionAndHoldsTheRunnersSpansDownToTheJob()
    {
        var executions = Executions.ToList();
        Assert.Equal(DecisionTraceScenario.Runs, executions.Count);
        var jobs = new List<SpanRecord>();
        foreach (var execution in executions)
        {
            var decision = Graph.Parent(execution);
            Assert.NotNull(decision);
            Assert.Equal("scaling decision", decision.Name);
            Assert.Equal("Succeeded", execution[JobEmulationAttributes.Outcome]);
            Assert.Equal(0, execution.Long("process.exit.code"));
            Assert.Contains("replica started", execution.Events);

            // The runner's execution span took TRACEPARENT: it is the AppHost execution's child, in its trace.
            var runner = Assert.Single(Graph.Children(execution), s => s.Scope == "AspireAgents.AgentRunner");
            Assert.Equal("agent execution", runner.Name);
            Assert.Equal("agents", runner.Service);
            Assert.Equal(decision.TraceId, runner.TraceId);
            Assert.Equal("Success", runner["azp.execution.result"]);

            // The execution's name reaches the runner as in Azure (CONTAINER_APP_JOB_EXECUTION_NAME), on its span.
            Assert.Equal(execution[JobEmulationAttributes.ExecutionName], runner[JobEmulationAttributes.ExecutionName]);
            var steps = Graph.Children(runner).Where(s => s.Scope == "AspireAgents.AgentRunner").Select(s => s.Name).ToList();
            Assert.Equal(["token", "pool", "install", "register", "job", "remove"], steps);

            var job = Assert.Single(Graph.Children(runner), s => s.Name == "job");
            Assert.Equal(execution["azp.agent.name"], job["azp.agent.name"]);
            Assert.Equal(execution[JobEmulationAttributes.ExecutionName], job["azp.agent.name"]);
            Assert.Equal(DecisionTraceScenario.Pool, job["azp.pool.name"]);
            Assert.NotNull(job.Long("azp.job_request.id"));
            Assert.Contains(job.Long("azp.run.id")!.Value, scenario.RunIds.Select(id => (long)id));
            Assert.Equal("succeeded", job["azp.job.result"]);
            Assert.Equal(true, job["azp.job.received"]);
            Assert.InRange(job.Double("azp.job.wait.duration")!.Value, 0, 60);
            Assert.Equal(job.Long("azp.job_request.id"), runner.Long("azp.job_request.id"));

            // The agent's calls carry the runner's context: the emulator's delivery of this job is inside the job span.
            var received = Assert.Single(Graph.Descendants(job), s => s is { Scope: "AspireAgents.DevOpsEmulator", Name: "job received" });
            Assert.Equal(job.Long("azp.job_request.id"), received.Long("azp.job_request.id"));
            jobs.Add(job);
        }

        Assert.Equal(scenario.RunIds.Order(), jobs.Select(j => (int)j.Long("azp.run.id")!.Value).Order());
    }

    [Fact]
    public void TheEmulatorRecordsEachJobsWaitAndLinksItToTheExecutionThatRanIt()
    {
        foreach (var run in scenario.RunIds)
        {
            var life = Assert.Single(Graph.All, s => s is { Scope: "AspireAgents.DevOpsEmulator", Name: "job request" } && s.Long("azp.run.id") == run);
            var job = Assert.Single(Graph.All, s => s is { Scope: "AspireAgents.AgentRunner", Name: "job" } && s.Long("azp.run.id") == run);
            Assert.Equal(job.Long("azp.job_request.id"), life.Long("azp.job_request.id"));
            Assert.Equal(job["azp.agent.name"], life["azp.agent.name"]);
            Assert.Equal("succeeded", life["azp.job.result"]);
            Assert.Equal(["assigned", "received"], life.Events);

            var waiting = Assert.Single(Graph.Children(life), s => s.Name == "waiting for an agent");
            var running = Assert.Single(Graph.Children(life), s => s.Name == "running on an agent");
            Assert.Equal((waiting.End - waiting.Start).TotalSeconds, life.Double("azp.job.wait.duration")!.Value, 3);
            Assert.True(waiting.End <= running.Start);

            // The run links to the runner's job span: from the job, the dashboard goes to the execution's trace.
            var link = Assert.Single(running.Links);
            Assert.Equal(job.TraceId, link.TraceId);
            Assert.Equal(job.SpanId, link.SpanId);
        }
    }

    [Fact]
    public void AnExecutionThatGotNoJobIsATraceOfItsOwnAndIsCounted()
    {
        var execution = Assert.Single(Graph.All, s => s is { Scope: JobEmulationTelemetryNames.Source, Name: JobEmulationTelemetryNames.ExecutionSpan }
            && s[JobEmulationAttributes.StartedBy] as string == "manual");
        Assert.Null(execution.ParentSpanId);
        Assert.Equal("Stopped", execution[JobEmulationAttributes.Outcome]);

        var runner = Assert.Single(Graph.Children(execution), s => s.Name == "agent execution");
        Assert.Equal(false, runner["azp.job.received"]);
        Assert.Equal("Terminated", runner["azp.execution.result"]);
        var job = Assert.Single(Graph.Children(runner), s => s.Name == "job");
        Assert.Null(job["azp.job_request.id"]);

        Assert.Contains(scenario.Received.Metrics, m => m is { Name: "azp.runner.executions.no_job", Service: "agents" } && m.Points.Sum(p => p.Value) >= 1);
    }

    [Fact]
    public void TheAppHostExportsItsOwnSpansOverOtlpAsTheServiceApphost()
    {
        var exported = scenario.AppHostSpansOverOtlp.Select(s => s.SpanId).ToHashSet();

        Assert.All(StartingDecisions, d => Assert.Contains(d.SpanId, exported));
        Assert.All(Executions, e => Assert.Contains(e.SpanId, exported));
        Assert.All(scenario.AppHostSpansOverOtlp, s => Assert.Equal("AspireAgents.JobEmulation", s.Scope));
    }

    [Fact]
    public void LogsCarryTheTraceAndSpanOfTheirDecisionAndJob()
    {
        var logs = scenario.Received.Logs;
        foreach (var decision in StartingDecisions)
        {
            Assert.Contains(logs, l => l.Service == JobEmulationTelemetryNames.ServiceName && l.Message.StartsWith("Started", StringComparison.Ordinal)
                && l.TraceId == decision.TraceId && l.SpanId == decision.SpanId);
        }

        foreach (var job in Graph.All.Where(s => s is { Scope: "AspireAgents.AgentRunner", Name: "job" } && Equals(s["azp.job.received"], true)))
        {
            // The agent's own output, logged by the runner while the job step ran.
            Assert.Contains(logs, l => l.Service == "agents" && l.Message.Contains("completed with result", StringComparison.Ordinal)
                && l.TraceId == job.TraceId && l.SpanId == job.SpanId);
        }

        // The AppHost mirrors the runner's output on the execution's console, but exports only its own messages.
        Assert.DoesNotContain(logs, l => l.Service == JobEmulationTelemetryNames.ServiceName && l.Message.Contains("completed with result", StringComparison.Ordinal));
    }

    [Fact]
    public void MetricsCoverQueueLengthExecutionsJobWaitAndAzureDevOpsRequests()
    {
        var appHost = scenario.AppHostMetrics.Select(m => m.Name).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            JobEmulationTelemetryNames.QueueLengthGauge,
            JobEmulationTelemetryNames.RunningExecutionsGauge,
            JobEmulationTelemetryNames.PendingExecutionsGauge,
            JobEmulationTelemetryNames.ExecutionsStartedCounter,
            JobEmulationTelemetryNames.ExecutionDurationHistogram,
        }, appHost);
        var durations = scenario.AppHostMetrics.Last(m => m.Name == JobEmulationTelemetryNames.ExecutionDurationHistogram);
        Assert.Equal(DecisionTraceScenario.Runs, durations.MetricPoints
            .Where(p => Tags(p).Contains(new(JobEmulationAttributes.JobName, "agents")) && Tags(p).Contains(new(JobEmulationAttributes.Outcome, "Succeeded")))
            .Sum(p => p.GetHistogramCount()));

        var received = scenario.Received.Metrics;
        Assert.Contains(received, m => m.Name == "azp.scaler.queue_length" && m.Meter == "AspireAgents.Scaler");
        Assert.Contains(received, m => m.Name == "azp.client.requests" && m.Points.Any(p => p.Attributes.ContainsKey("http.response.status_code")));
        Assert.Contains(received, m => m is { Name: "azp.job.wait.duration", Meter: "AspireAgents.DevOpsEmulator" } && m.Points.Sum(p => p.Value) >= DecisionTraceScenario.Runs);
        Assert.Contains(received, m => m is { Name: "azp.job.wait.duration", Meter: "AspireAgents.AgentRunner", Service: "agents" });
        Assert.Contains(received, m => m is { Name: "azp.runner.execution.duration", Service: "agents" }
            && m.Points.Any(p => Equals(p.Attributes.GetValueOrDefault("azp.job.received"), true)));
    }

    private static List<KeyValuePair<string, object?>> Tags(OpenTelemetry.Metrics.MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            tags.Add(tag);
        }

        return tags;
    }
}
