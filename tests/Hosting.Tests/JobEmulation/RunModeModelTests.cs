using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using AspireAgents.Hosting.Tests.Infrastructure;

namespace AspireAgents.Hosting.Tests.JobEmulation;

public sealed class RunModeModelTests
{
    [Fact]
    public void RunModeKeepsTheJobsAndLeavesOutTheRunnerAndTheAzureResources()
    {
        var builder = RunModeBuilder();
        TestModel.Compose()(builder);

        var names = builder.Resources.Select(r => r.Name).ToHashSet();

        Assert.Contains("agents", names);
        Assert.Contains("agents-placeholder", names);
        // The runner is the job's template: the emulation starts it once per execution.
        Assert.DoesNotContain("agent-runner", names);
        Assert.DoesNotContain("registry", names);
        Assert.DoesNotContain("aca", names);
    }

    [Fact]
    public void JobsGetStartAndStopCommandsInRunMode()
    {
        var builder = RunModeBuilder();
        TestModel.Compose()(builder);

        var job = builder.Resources.OfType<ContainerAppJobResource>().Single(r => r.Name == "agents");
        var commands = job.Annotations.OfType<ResourceCommandAnnotation>().Select(c => c.Name).ToList();

        Assert.Contains("start-execution", commands);
        Assert.Contains("stop-executions", commands);
    }

    [Fact]
    public async Task TheEmulatorGivesItsConsumersTheIdentityEndpointAndThisRunsHeader()
    {
        var builder = RunModeBuilder();
        var emulator = builder.AddAzureDevOpsEmulator<EmulatorProject>("devops");
        var scaler = builder.AddProject("scaler", RunnerProject.Path).WithAzureDevOpsEmulator(emulator);

        var environment = await EnvironmentOf(scaler.Resource);
        var header = emulator.Resource.Annotations.OfType<AzureDevOpsEmulatorAnnotation>().Single().IdentityHeader;

        Assert.Equal(header, environment["IDENTITY_HEADER"]);
        Assert.Equal(32, header.Length);
        var endpoint = Assert.IsType<ReferenceExpression>(environment["IDENTITY_ENDPOINT"]);
        Assert.EndsWith("/msi/token", endpoint.ValueExpression);
        Assert.Contains(scaler.Resource.Annotations, a => a is WaitAnnotation wait && wait.Resource == emulator.Resource);
    }

    [Fact]
    public void EachRunGetsItsOwnIdentityHeader()
    {
        var first = RunModeBuilder().AddAzureDevOpsEmulator<EmulatorProject>("devops");
        var second = RunModeBuilder().AddAzureDevOpsEmulator<EmulatorProject>("devops");

        Assert.NotEqual(
            first.Resource.Annotations.OfType<AzureDevOpsEmulatorAnnotation>().Single().IdentityHeader,
            second.Resource.Annotations.OfType<AzureDevOpsEmulatorAnnotation>().Single().IdentityHeader);
    }

    [Fact]
    public async Task TheEmulatorAndItsReferencesNeverReachThePublishedModel()
    {
        var builder = DistributedApplication.CreateBuilder(["--publisher", "manifest", "--output-path", Path.GetTempPath()]);
        var emulator = builder.AddAzureDevOpsEmulator<EmulatorProject>("devops");
        var scaler = builder.AddProject("scaler", RunnerProject.Path).WithAzureDevOpsEmulator(emulator);
        TestModel.Compose(configureJob: m => m.Agents.WithAzureDevOpsEmulator(emulator).WithLocalScaler(scaler))(builder);

        Assert.Contains(emulator.Resource.Annotations, a => a == ManifestPublishingCallbackAnnotation.Ignore);
        var environment = await EnvironmentOf(scaler.Resource, DistributedApplicationOperation.Publish);
        Assert.DoesNotContain("IDENTITY_ENDPOINT", environment.Keys);
        Assert.DoesNotContain("IDENTITY_HEADER", environment.Keys);
        var job = builder.Resources.OfType<ContainerAppJobResource>().Single(r => r.Name == "agents");
        Assert.False(job.HasAnnotationOfType<AzureDevOpsEmulatorReferenceAnnotation>());
        Assert.False(job.HasAnnotationOfType<LocalScalerAnnotation>());
    }

    private static IDistributedApplicationBuilder RunModeBuilder() =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = [], DisableDashboard = true });

    private static async Task<Dictionary<string, object>> EnvironmentOf(IResource resource, DistributedApplicationOperation operation = DistributedApplicationOperation.Run)
    {
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(operation));
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return context.EnvironmentVariables;
    }

    private sealed class EmulatorProject : IProjectMetadata
    {
        public string ProjectPath => RunnerProject.Path;
    }
}
