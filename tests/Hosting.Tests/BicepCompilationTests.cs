using Aspire.Hosting;
using AspireAgents.Hosting.Tests.Infrastructure;

namespace AspireAgents.Hosting.Tests;

public class BicepCompilationTests
{
    public static TheoryData<string> Models => ["default", "dedicated-vnet-zones", "external-scaler-pat"];

    [Theory]
    [MemberData(nameof(Models))]
    public async Task EveryEmittedModuleCompilesWithoutErrorsOrWarnings(string model)
    {
        using var manifest = await PublishedManifest.PublishAsync(model switch
        {
            "default" => TestModel.Compose(maintenance: true),
            "dedicated-vnet-zones" => TestModel.Compose(configureEnvironment: m => m.Environment
                .WithDedicatedWorkloadProfile("D4", 1, 5)
                .WithVirtualNetwork(EnvironmentOptionsTests.SubnetId, @internal: true)
                .WithZoneRedundancy(), maintenance: true),
            _ => TestModel.Compose(configureJob: m => m.WithExternalScaler()
                .WithPersonalAccessToken(m.Runner.ApplicationBuilder.AddParameter("azp-pat", secret: true)), maintenance: true),
        });

        var modules = DeployedModules.All(manifest).ToList();
        Assert.True(modules.Count >= 6, $"expected every module, got {string.Join(", ", modules.Select(m => m.Name))}");
        foreach (var (name, module) in modules)
        {
            var result = BicepCompiler.Build(manifest.ModulePath((string)module["path"]!));
            Assert.True(result.ExitCode == 0, $"{name}: bicep build failed: {string.Join('\n', result.Diagnostics)}");
            Assert.True(result.Diagnostics.Count == 0, $"{name}: {string.Join('\n', result.Diagnostics)}");
            Assert.NotNull(result.Template);

            // Every parameter azd passes is one the module declares (ARM rejects unknown parameters).
            var declared = result.Template["parameters"]!.AsObject();
            Assert.All(module["params"]!.AsObject(), p => Assert.True(declared.ContainsKey(p.Key), $"{name}: parameter {p.Key} is not declared"));

            // And the module evaluates with them.
            Assert.NotEmpty(DeployedModules.Predict(manifest, name));
        }
    }
}
