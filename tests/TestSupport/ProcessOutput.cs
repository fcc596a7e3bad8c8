using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace AspireAgents.TestSupport;

/// <summary>
/// The lines a child process writes (standard output and error), each with when it arrived, and waits for a line:
/// an event to await instead of a sleep.
/// </summary>
public sealed partial class ProcessOutput
{
    private readonly Process _process;
    private readonly Stopwatch _clock;
    private readonly ConcurrentQueue<(TimeSpan At, string Line)> _lines = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Reads <paramref name="process"/>'s redirected output from now on (the process must have started); line times
    /// are on <paramref name="clock"/>, started now when not given.
    /// </summary>
    public ProcessOutput(Process process, Stopwatch? clock = null)
    {
        _process = process;
        _clock = clock ?? Stopwatch.StartNew();
        process.EnableRaisingEvents = true;
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.Exited += (_, _) => _exited.TrySetResult();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (process.HasExited)
        {
            _exited.TrySetResult();
        }
    }

    /// <summary>The <c>--urls</c> value for a Kestrel server that picks its own loopback port.</summary>
    public const string AnyLoopbackPort = "http://127.0.0.1:0";

    /// <summary>
    /// The command line arguments that make an ASP.NET Core process log the addresses it listens on even when its
    /// default level is Warning (see <see cref="ListeningAddressesAsync"/>).
    /// </summary>
    public static IReadOnlyList<string> LogListeningAddresses { get; } = ["--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information"];

    /// <summary>Every line so far.</summary>
    public IReadOnlyList<string> Lines => [.. _lines.Select(l => l.Line)];

    /// <summary>Every line so far, one per line.</summary>
    public string Text => string.Join(Environment.NewLine, Lines);

    /// <summary>When, after this began reading, the first line containing <paramref name="text"/> arrived.</summary>
    public TimeSpan? TimeOf(string text) => _lines.FirstOrDefault(l => l.Line.Contains(text, StringComparison.Ordinal)) is { Line: not null } found ? found.At : null;

    /// <summary>
    /// The first line (written or to come) that <paramref name="match"/> accepts; fails when the process exits without
    /// writing one or after <paramref name="timeout"/>.
    /// </summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string? what = null)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (_lines.FirstOrDefault(l => match(l.Line)).Line is { } line)
            {
                return line;
            }

            _waiters.Add((match, found));
        }

        var finished = await Task.WhenAny(found.Task, _exited.Task, Task.Delay(timeout));
        if (finished == found.Task)
        {
            return await found.Task;
        }

        if (finished == _exited.Task)
        {
            // The exit event can come before the last lines: read them all, then look once more.
            _process.WaitForExit();
            if (found.Task.IsCompleted || _lines.FirstOrDefault(l => match(l.Line)).Line is not null)
            {
                return found.Task.IsCompleted ? await found.Task : _lines.First(l => match(l.Line)).Line;
            }

            throw new InvalidOperationException($"The process exited with {_process.ExitCode} before writing {what ?? "the line awaited"}:{Environment.NewLine}{Text}");
        }

        throw new TimeoutException($"The process wrote no {what ?? "line awaited"} within {timeout}:{Environment.NewLine}{Text}");
    }

    /// <summary>Waits until a line containing <paramref name="text"/> arrives.</summary>
    public Task<string> WaitForLineAsync(string text, TimeSpan timeout) =>
        WaitForLineAsync(line => line.Contains(text, StringComparison.Ordinal), timeout, $"line with '{text}'");

    /// <summary>
    /// The addresses an ASP.NET Core process listens on, from its "Now listening on:" lines up to "Application started"
    /// (logged by <c>Microsoft.Hosting.Lifetime</c> at Information; see <see cref="LogListeningAddresses"/>).
    /// </summary>
    public async Task<IReadOnlyList<Uri>> ListeningAddressesAsync(TimeSpan timeout)
    {
        await WaitForLineAsync(line => line.Contains("Application started", StringComparison.Ordinal), timeout, "the 'Application started' line");
        return [.. Lines.Select(l => ListeningLine().Match(l)).Where(m => m.Success).Select(m => new Uri(m.Groups[1].Value))];
    }

    /// <summary>The one address an ASP.NET Core process started with <c>--urls http://127.0.0.1:0</c> listens on.</summary>
    public async Task<Uri> ListeningAddressAsync(TimeSpan timeout)
    {
        var line = await WaitForLineAsync(l => ListeningLine().IsMatch(l), timeout, "a 'Now listening on:' line");
        return new Uri(ListeningLine().Match(line).Groups[1].Value);
    }

    [GeneratedRegex(@"Now listening on: (https?://[^\s""]+)")]
    private static partial Regex ListeningLine();

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_waiters)
        {
            _lines.Enqueue((_clock.Elapsed, line));
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                waiter.Found.TrySetResult(line);
                _waiters.Remove(waiter);
            }
        }
    }
}
