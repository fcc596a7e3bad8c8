using System.Text.Json;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.DevOpsEmulator.Tests.Wire;

public sealed class WireDefaultsTests
{
    [Fact]
    public void FieldsTheServiceOmitsKeepTheirDefaultsWhenRead()
    {
        var pool = JsonSerializer.Deserialize("""{"count":1,"value":[{"id":1,"name":"x"}]}""", AzureDevOpsJsonContext.Default.ListResponseTaskAgentPool)!.Value[0];
        var agent = JsonSerializer.Deserialize("""{"id":1,"name":"a"}""", AzureDevOpsJsonContext.Default.TaskAgent)!;

        Assert.Equal("automation", pool.PoolType);
        Assert.Equal("none", pool.Options);
        Assert.True(pool.AutoUpdate);
        Assert.True(agent.Enabled);
        Assert.Equal(1, agent.MaxParallelism);
    }
}
