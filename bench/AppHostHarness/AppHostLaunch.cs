using Aspire.Hosting;
using Aspire.Hosting.Testing;
using AspireAgents.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AspireAgents.AppHostHarness;

/// <summary>
/// The real AppHost under Aspire.Hosting.Testing with its emulator on a known port, a quiet console (warnings and
/// errors, executions' and the agent job's among them) and, when asked, every log line in a file.
/// </summary>
public sealed class AppHostLaunch : IDisposable
{
    private readonly FileLoggerProvider? _fileLog;

    private AppHostLaunch(IDistributedApplicationTestingBuilder builder, int emulatorPort, FileLoggerProvider? fileLog)
    {
        Builder = builder;
        EmulatorPort = emulatorPort;
        _fileLog = fileLog;
    }

    /// <summary>The AppHost's model, to change before it is built.</summary>
    public IDistributedApplicationTestingBuilder Builder { get; }

    public int EmulatorPort { get; }

    /// <param name="settings">AppHost configuration, <c>Key=Value</c> (for example <c>Agents:MaxExecutions=20</c>).</param>
    /// <param name="logPath">The file for every log line; none when null.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    public static async Task<AppHostLaunch> CreateAsync(IEnumerable<string> settings, string? logPath, CancellationToken cancellationToken)
    {
        // The AppHost is told its emulator's port before it starts: a fixed port, with FreePort's race.
        var port = FreePort.Next();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            .. settings,
            $"Agents:EmulatorPort={port}",
            "Logging:LogLevel:Default=Information",
            "Logging:Console:LogLevel:Default=Warning",
            "Logging:Console:LogLevel:AspireAgents.AppHost.Resources=None",
            "Logging:Console:LogLevel:AspireAgents.AppHost.Resources.agents=Warning",
            "Logging:Console:LogLevel:Aspire.Hosting.Dcp=Error",
            // The emulator's health check fails until it listens: expected at start.
            "Logging:Console:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks=None",
        ], cancellationToken).ConfigureAwait(false);
        var fileLog = logPath is null ? null : new FileLoggerProvider(logPath);
        builder.Services.AddLogging(logging =>
        {
            logging.ClearProviders().AddSimpleConsole(console => console.SingleLine = true);
            if (fileLog is not null)
            {
                logging.AddProvider(fileLog);
            }
        });
        return new AppHostLaunch(builder, port, fileLog);
    }

    public void Dispose()
    {
        Builder.Dispose();
        _fileLog?.Dispose();
    }
}
