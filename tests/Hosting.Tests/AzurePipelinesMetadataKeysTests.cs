using System.Reflection;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Publishing;
using AspireAgents.Hosting.Tests.Infrastructure;

namespace AspireAgents.Hosting.Tests;

public sealed partial class AzurePipelinesMetadataKeysTests
{
    /// <summary>
    /// KEDA's documented trigger metadata of the azure-pipelines scaler (keda-docs content/docs/2.20/scalers/azure-pipelines.md,
    /// the azurePipelinesMetadata struct of pkg/scalers/azure_pipelines_scaler.go), without organizationURL, which
    /// the job's module passes as an auth parameter or adds itself.
    /// </summary>
    private static readonly string[] KedaTriggerMetadata =
    [
        "poolName", "poolID", "targetPipelinesQueueLength", "activationTargetPipelinesQueueLength", "parent", "demands",
        "requireAllDemands", "requireAllDemandsAndIgnoreOthers", "caseInsensitiveDemandsProcessing", "jobsToFetch",
        "fetchUnfinishedJobsOnly",
    ];

    /// <summary>
    /// Ours: kedacore/keda#7905 (KEDA 2.21), which the Scaler implements ahead of the release, and the Scaler's standby
    /// keys, written only for the external rule (the built-in one refuses them).
    /// </summary>
    private static readonly string[] Ours = ["scaleOnInFlight", "standbyAgents", "standbySchedule"];

    [Fact]
    public void TheHostingAndTheScalerKnowTheSameKeys()
    {
        var scaler = File.ReadAllText(Repository.PathOf("src/Scaler/Metadata/MetadataKeys.cs"));
        var scalerKeys = Constant().Matches(scaler).Select(m => (Name: m.Groups["name"].Value, Value: m.Groups["value"].Value)).ToHashSet();

        Assert.NotEmpty(scalerKeys);
        Assert.Equal(scalerKeys.OrderBy(k => k.Name), HostingKeys().OrderBy(k => k.Name));
    }

    [Fact]
    public void ThePublisherWritesExactlyKedasDocumentedKeysAndOurs()
    {
        // jobsToFetch excludes both parent and fetchUnfinishedJobsOnly: two jobs write every key between them.
        var written = Written(m =>
        {
            Everything(m);
            m.JobsToFetch = 100;
        }).Union(Written(m =>
        {
            Everything(m);
            m.Parent = "template";
            m.FetchUnfinishedJobsOnly = true;
        })).Union(Written(m =>
        {
            Everything(m);
            m.StandbyAgents = "auto";
            m.StandbySchedule = "Mon-Fri 07:00-19:00 Europe/Berlin=3";
        }, external: true)).Where(key => key != "scalerAddress");

        Assert.Equal(KedaTriggerMetadata.Concat(Ours).Order(), written.Order());
        Assert.Subset(HostingKeys().Select(k => k.Value).ToHashSet(), written.ToHashSet());
    }

    private static void Everything(AzurePipelinesTriggerMetadata metadata)
    {
        metadata.PoolName = TestModel.Pool;
        metadata.PoolId = 7;
        metadata.TargetPipelinesQueueLength = 2;
        metadata.ActivationTargetPipelinesQueueLength = 1;
        metadata.Demands.Add("docker");
        metadata.RequireAllDemands = true;
        metadata.RequireAllDemandsAndIgnoreOthers = false;
        metadata.CaseInsensitiveDemandsProcessing = true;
        metadata.ScaleOnInFlight = true;
    }

    private static IEnumerable<string> Written(Action<AzurePipelinesTriggerMetadata> configure, bool external = false)
    {
        var builder = DistributedApplication.CreateBuilder(["--publisher", "manifest", "--output-path", Path.GetTempPath()]);
        TestModel.Compose(configureJob: m => _ = external ? m.WithExternalScaler(configure) : m.Agents.WithAzurePipelinesScaleRule(configure))(builder);
        var job = builder.Resources.OfType<ContainerAppJobResource>().Single(r => r.Name == "agents");

        var scale = Assert.IsType<OrderedDictionary<string, object?>>(ContainerAppJobPublisher.GetDeployment(job).Settings["scale"]);
        return Assert.IsType<List<KeyValuePair<string, object?>>>(scale["metadata"]).Select(m => m.Key).ToList();
    }

    private static IEnumerable<(string Name, string Value)> HostingKeys() =>
        typeof(AzurePipelinesMetadataKeys).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!));

    [GeneratedRegex("""public const string (?<name>\w+) = "(?<value>[^"]+)";""")]
    private static partial Regex Constant();
}
