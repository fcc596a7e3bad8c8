using AspireAgents.DevOpsEmulator.Configuration;

namespace AspireAgents.DevOpsEmulator.Tests.Configuration;

public sealed class EmulatorOptionsValidatorTests
{
    [Fact]
    public void TheDefaultsAreValid() =>
        Assert.True(new EmulatorOptionsValidator().Validate(null, new EmulatorOptions()).Succeeded);

    [Fact]
    public void ANonPositiveTimeoutIsRefusedNamingTheSetting()
    {
        var options = new EmulatorOptions { MessageWaitTimeout = TimeSpan.Zero, MaxListCount = -1 };

        var result = new EmulatorOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Emulator:MessageWaitTimeout must be positive", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Emulator:MaxListCount must be positive", result.FailureMessage, StringComparison.Ordinal);
    }
}
