namespace AspireAgents.Scaler.Tests.Integration;

/// <summary>One emulator for a test class; tokens it issues live 6 s so that expiry happens during a test.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public const string TokenLifetime = "00:00:06";

    public EmulatorProcess Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await EmulatorProcess.StartAsync($"--Emulator:TokenLifetime={TokenLifetime}", "--Logging:LogLevel:Default=Warning");

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}
