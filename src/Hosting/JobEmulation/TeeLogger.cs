using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.JobEmulation;

/// <summary>
/// Writes every entry to two loggers: the resource's console in the dashboard and the exported structured log,
/// which carries the trace and span ids of the span current when the entry was written.
/// </summary>
internal sealed class TeeLogger(ILogger console, ILogger exported) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => new Scopes(console.BeginScope(state), exported.BeginScope(state));

    public bool IsEnabled(LogLevel logLevel) => console.IsEnabled(logLevel) || exported.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        console.Log(logLevel, eventId, state, exception, formatter);
        exported.Log(logLevel, eventId, state, exception, formatter);
    }

    private sealed class Scopes(IDisposable? first, IDisposable? second) : IDisposable
    {
        public void Dispose()
        {
            first?.Dispose();
            second?.Dispose();
        }
    }
}
