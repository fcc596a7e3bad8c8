using AspireAgents.Hosting.Tests.Infrastructure;

namespace AspireAgents.Hosting.Tests;

public class SmokeTests
{
    [Fact]
    public async Task PublishWritesAManifest()
    {
        using var manifest = await PublishedManifest.PublishAsync(TestModel.Compose());
        File.WriteAllText("/tmp/manifest-smoke.json", manifest.ToString());
        Assert.NotEmpty(manifest.Resources);
    }
}
