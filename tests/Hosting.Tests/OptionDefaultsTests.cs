using System.Globalization;
using Aspire.Hosting;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Publishing;
using AspireAgents.Hosting.Tests.Infrastructure;
using AspireAgents.Scaling;

namespace AspireAgents.Hosting.Tests;

/// <summary>
/// The annotations hold every default. appsettings.json and the Bicep module's sample settings restate some to
/// document them: they must say what the annotations say.
/// </summary>
public sealed partial class OptionDefaultsTests
{
    private static readonly ContainerAppJobEventTriggerAnnotation Trigger = new();
    private static readonly ContainerAppJobReplicaAnnotation Replica = new();
    private static readonly AzurePipelinesTriggerMetadata Metadata = new();
    private static readonly KedaScalingStrategyAnnotation Strategy = new();

    [Fact]
    public void AppSettingsDocumentTheAnnotationsDefaults()
    {
        var agents = JsonNode.Parse(File.ReadAllText(Repository.PathOf("src/AppHost/appsettings.json")))!["Agents"]!;

        Assert.Equal(Trigger.PollingInterval.TotalSeconds, (int)agents["PollingIntervalSeconds"]!);
        Assert.Equal(Trigger.MinExecutions, (int)agents["MinExecutions"]!);
        Assert.Equal(Trigger.MaxExecutions, (int)agents["MaxExecutions"]!);
        Assert.Equal(Trigger.Parallelism, (int)agents["Parallelism"]!);
        Assert.Equal(Trigger.ReplicaCompletionCount, (int)agents["ReplicaCompletionCount"]!);
        Assert.Equal(Replica.ReplicaTimeout.TotalSeconds, (int)agents["ReplicaTimeoutSeconds"]!);
        Assert.Equal(Replica.ReplicaRetryLimit, (int)agents["ReplicaRetryLimit"]!);
        Assert.Equal(Replica.Cpu, (double)agents["Cpu"]!);
        Assert.Equal(Replica.Memory, (string)agents["Memory"]!);
        Assert.Equal(Metadata.TargetPipelinesQueueLength, (long)agents["TargetPipelinesQueueLength"]!);
        Assert.Empty(agents["Demands"]!.AsArray());
        Assert.Equal(Strategy.Strategy.ToString(), (string)agents["ScalingStrategy"]!);
        Assert.Equal(Metadata.EffectiveScaleOnInFlight, (bool)agents["ScaleOnInFlight"]!);
        Assert.Equal(AzureDevOpsEmulatorBuilderExtensions.DefaultPort, (int)agents["EmulatorPort"]!);
    }

    [Fact]
    public void TheModulesSampleSettingsAreTheAnnotationsDefaults()
    {
        var template = BicepModuleWriter.ReadTemplate(ContainerAppJobPublisher.TemplateFileName);
        var sample = template[template.IndexOf("// <settings>", StringComparison.Ordinal)..template.IndexOf("// </settings>", StringComparison.Ordinal)];

        Assert.Equal(Replica.ReplicaTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture), Value(sample, "replicaTimeout"));
        Assert.Equal(Replica.ReplicaRetryLimit.ToString(CultureInfo.InvariantCulture), Value(sample, "replicaRetryLimit"));
        Assert.Equal(Trigger.Parallelism.ToString(CultureInfo.InvariantCulture), Value(sample, "parallelism"));
        Assert.Equal(Trigger.ReplicaCompletionCount.ToString(CultureInfo.InvariantCulture), Value(sample, "replicaCompletionCount"));
        Assert.Equal($"'{Replica.Cpu.ToString("0.0##", CultureInfo.InvariantCulture)}'", Value(sample, "cpu"));
        Assert.Equal($"'{Replica.Memory}'", Value(sample, "memory"));
        Assert.Equal(Trigger.MinExecutions.ToString(CultureInfo.InvariantCulture), Value(sample, "minExecutions"));
        Assert.Equal(Trigger.MaxExecutions.ToString(CultureInfo.InvariantCulture), Value(sample, "maxExecutions"));
        Assert.Equal(Trigger.PollingInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture), Value(sample, "pollingInterval"));
        Assert.Equal($"'{Metadata.TargetPipelinesQueueLength}'", Value(sample, AzurePipelinesMetadataKeys.TargetPipelinesQueueLength));
    }

    private static string Value(string settings, string key) =>
        Regex.Match(settings, $@"^\s*{key}: (?<value>.+)$", RegexOptions.Multiline) is { Success: true } match
            ? match.Groups["value"].Value.Trim()
            : throw new Xunit.Sdk.XunitException($"The sample settings have no '{key}'.");
}
