using AspireAgents.AzureDevOps.DependencyInjection;

namespace AspireAgents.AzureDevOps.Tests.DependencyInjection;

public sealed class AzureDevOpsClientOptionsValidatorTests
{
    [Fact]
    public void TheDefaultsAreValid() =>
        Assert.True(new AzureDevOpsClientOptionsValidator().Validate(null, new AzureDevOpsClientOptions()).Succeeded);

    [Fact]
    public void BadHttpSettingsAreRefusedNamingEachSetting()
    {
        var options = new AzureDevOpsClientOptions();
        options.Http.MaxAttempts = 0;
        options.Http.AttemptTimeout = TimeSpan.Zero;
        options.Http.MaxResponseBytes = 0;

        var result = new AzureDevOpsClientOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("AzureDevOps:Http:MaxAttempts must be at least 1", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("AzureDevOps:Http:AttemptTimeout must be positive", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("AzureDevOps:Http:MaxResponseBytes must be positive", result.FailureMessage, StringComparison.Ordinal);
    }
}
