using AspireAgents.Scaler.Configuration;

namespace AspireAgents.Scaler.Tests.Configuration;

public class ScalerOptionsValidatorTests
{
    [Fact]
    public void TheDefaultsAreValid() =>
        Assert.True(new ScalerOptionsValidator().Validate(null, new ScalerOptions()).Succeeded);

    [Fact]
    public void AnAllowedHostWithASchemeOrPathIsRefusedNamingTheSetting()
    {
        var options = new ScalerOptions();
        options.AllowedOrganizationHosts.Add("https://ado.contoso.com/tfs");

        var result = new ScalerOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Scaler:AllowedOrganizationHosts", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ALimitOfZeroIsRefusedNamingTheSetting()
    {
        var options = new ScalerOptions();
        options.Limits.MetricSeries = 0;
        options.Limits.MetadataCacheBytes = -1;

        var result = new ScalerOptionsValidator().Validate(null, options);

        Assert.Contains("Scaler:Limits:MetricSeries", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Scaler:Limits:MetadataCacheBytes", result.FailureMessage, StringComparison.Ordinal);
    }
}
