using Aspire.Hosting.Emulator;

namespace AspireAgents.Hosting.Tests.Emulator;

/// <summary>The "Inject fault" dialog's answers as the emulator's <c>POST /_emulator/faults</c> body.</summary>
public sealed class EmulatorCommandsTests
{
    [Fact]
    public void FaultBodyForAStatusCarriesItsRetryAfterAndNoDelay()
    {
        var body = EmulatorCommands.FaultBody("429", "*/jobrequests*", 3, 5, 0);

        Assert.Equal(429, body["status"]!.GetValue<int>());
        Assert.Equal(5, body["retryAfterSeconds"]!.GetValue<int>());
        Assert.Equal("*/jobrequests*", body["pathPattern"]!.GetValue<string>());
        Assert.Equal(3, body["count"]!.GetValue<int>());
        Assert.False(body.ContainsKey("delayMilliseconds"));
    }

    [Fact]
    public void FaultBodyForASlowAnswerHasNoStatusOnlyTheDelay()
    {
        var body = EmulatorCommands.FaultBody(EmulatorCommands.SlowAnswer, "*", 10, 5, 2000);

        Assert.False(body.ContainsKey("status"));
        Assert.False(body.ContainsKey("retryAfterSeconds"));
        Assert.Equal(2000, body["delayMilliseconds"]!.GetValue<int>());
        Assert.Equal(10, body["count"]!.GetValue<int>());
    }

    [Fact]
    public void FaultBodyForAStatusWithADelayHoldsTheRequestFirst()
    {
        var body = EmulatorCommands.FaultBody("503", "*", 1, 0, 1500);

        Assert.Equal(503, body["status"]!.GetValue<int>());
        Assert.Equal(1500, body["delayMilliseconds"]!.GetValue<int>());
    }
}
