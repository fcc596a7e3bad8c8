namespace AspireAgents.AgentRunner.Tests.Settings;

public sealed class AgentRunnerOptionsValidatorTests
{
    [Fact]
    public void TheDefaultsAreValid() =>
        Assert.True(new AgentRunnerOptionsValidator().Validate(null, new AgentRunnerOptions()).Succeeded);

    [Fact]
    public void ANonPositiveTimeoutIsRefusedNamingTheSetting()
    {
        var options = new AgentRunnerOptions { RemovalTimeout = TimeSpan.FromSeconds(-1) };

        var result = new AgentRunnerOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("AgentRunner:RemovalTimeout must be positive", result.FailureMessage, StringComparison.Ordinal);
    }
}
