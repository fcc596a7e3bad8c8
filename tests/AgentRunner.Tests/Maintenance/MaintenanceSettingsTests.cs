using AspireAgents.AgentRunner.Maintenance;
using Microsoft.Extensions.Configuration;

namespace AspireAgents.AgentRunner.Tests.Maintenance;

public sealed class MaintenanceSettingsTests
{
    /// <summary>Loads from <paramref name="variables"/>; a later one overrides an earlier one of the same name.</summary>
    private static MaintenanceSettings? Load(params (string Name, string Value)[] variables) =>
        MaintenanceSettings.Load(new ConfigurationBuilder()
            .AddInMemoryCollection(variables.GroupBy(v => v.Name).Select(g => new KeyValuePair<string, string?>(g.Key, g.Last().Value)))
            .Build());

    private static readonly (string, string)[] Placeholder = [("AZP_AGENT_NAME", "placeholder"), ("AZP_PLACEHOLDER", "1")];

    [Fact]
    public void WithoutTheSwitchTheRunnerRunsAnAgent() => Assert.Null(Load(Placeholder));

    [Fact]
    public void ThePatternMatchesWholeNamesAndTheGracePeriodDefaultsToThirtyMinutes()
    {
        var settings = Load([.. Placeholder, ("AZP_MAINTENANCE", "true"), ("AZP_MAINTENANCE_AGENT_PATTERN", "agents-[a-z0-9]+")])!;

        Assert.Matches(settings.AgentNamePattern, "agents-abc");
        Assert.DoesNotMatch(settings.AgentNamePattern, "agents-abc-def");
        Assert.DoesNotMatch(settings.AgentNamePattern, "my-agents-abc");
        Assert.Equal(TimeSpan.FromMinutes(30), settings.GracePeriod);
    }

    [Theory]
    [InlineData("AZP_MAINTENANCE_AGENT_PATTERN", "agents-(", "AZP_MAINTENANCE_AGENT_PATTERN 'agents-(' is not a regular expression")]
    [InlineData("AZP_MAINTENANCE_GRACE_SECONDS", "-5", "AZP_MAINTENANCE_GRACE_SECONDS '-5' is not a whole number of seconds")]
    [InlineData("AZP_MAINTENANCE_AGENT_PATTERN", "", "AZP_MAINTENANCE_AGENT_PATTERN is not set")]
    public void ABadSettingIsRefusedNamingIt(string name, string value, string message)
    {
        (string, string)[] variables = [.. Placeholder, ("AZP_MAINTENANCE", "true"), ("AZP_MAINTENANCE_AGENT_PATTERN", "agents-.*"), (name, value)];

        var error = Assert.Throws<RunnerSettingsException>(() => Load(variables));

        Assert.Contains(error.Errors, e => e.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void MaintenanceWithoutThePlaceholdersNameIsRefused()
    {
        var error = Assert.Throws<RunnerSettingsException>(() => Load(("AZP_MAINTENANCE", "true"), ("AZP_MAINTENANCE_AGENT_PATTERN", "agents-.*")));

        Assert.Contains(error.Errors, e => e.StartsWith("AZP_MAINTENANCE needs AZP_AGENT_NAME", StringComparison.Ordinal));
    }
}
