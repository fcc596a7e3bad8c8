using System.Diagnostics.Metrics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.JobEmulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace AspireAgents.Hosting.Tests.JobEmulation;

public sealed class JobExecutionTests
{
    [Fact]
    public async Task AnExecutionStoppedBeforeItsProcessStartsEndsAsStopped()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { DisableDashboard = true });
        await using var app = builder.Build();
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        var job = new ContainerAppJobResource("agents", "agent:1");
        var setup = new ExecutionSetup(
            new RunnerCommand("/bin/sleep", "30"),
            new ContainerAppJobReplicaAnnotation(),
            (_, _) => [],
            notifications,
            TimeProvider.System,
            new JobEmulationMetrics(app.Services.GetRequiredService<IMeterFactory>()));
        var execution = new JobExecution(new ContainerAppJobExecutionResource("agents-abc123", job), placeholder: false, setup, NullLogger.Instance, NullLogger.Instance);

        execution.Stop();
        await execution.RunAsync(default, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExecutionOutcome.Stopped, execution.Outcome);
        Assert.False(execution.IsPending);
    }
}
