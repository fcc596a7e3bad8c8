using AspireAgents.DevOpsEmulator.Organization;

namespace AspireAgents.DevOpsEmulator.Tests.Organization;

public sealed class DemandTests
{
    private static readonly Dictionary<string, string> Agent = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Agent.OS"] = "Linux",
        ["Agent.Version"] = "4.260.0",
        ["docker"] = "/usr/bin/docker",
    };

    [Theory]
    [InlineData("docker", true)]
    [InlineData("DOCKER", true)]
    [InlineData("gpu", false)]
    [InlineData("Agent.OS -equals Linux", true)]
    [InlineData("Agent.OS -equals linux", true)]
    [InlineData("Agent.OS -equals Windows_NT", false)]
    [InlineData("Agent.Version -gtVersion 2.144.0", true)]
    [InlineData("Agent.Version -gtVersion 4.260.0", true)]
    [InlineData("Agent.Version -gtVersion 4.260.1", false)]
    [InlineData("Agent.Version -gtVersion 10.0", false)]
    [InlineData("Missing -gtVersion 1.0", false)]
    public void DemandIsSatisfiedAsTheServiceJudgesIt(string demand, bool satisfied)
    {
        Assert.Equal(satisfied, Demand.Parse(demand).IsSatisfiedBy(Agent));
    }

    [Theory]
    [InlineData("Agent.OS -like Linux")]
    [InlineData("Agent.OS -equals")]
    [InlineData("")]
    public void MalformedDemandIsRejected(string demand)
    {
        Assert.Throws<FormatException>(() => Demand.Parse(demand));
    }
}
