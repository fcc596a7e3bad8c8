using System.Diagnostics;
using System.Text;

namespace AspireAgents.Hosting.Tests.Infrastructure;

/// <summary>What the fake Azure CLI prints and returns for one call.</summary>
internal sealed record AzReply(string Output = "", int ExitCode = 0, string Error = "")
{
    public static AzReply Fails(string error) => new(Error: error, ExitCode: 1);
}

/// <summary>The outcome of running a hook script.</summary>
internal sealed record ScriptRun(int ExitCode, string Output, string Error, IReadOnlyList<string> Calls);

/// <summary>
/// A fake <c>az</c> on the front of PATH: it logs the arguments of each call, one line per call, and answers from
/// the first rule whose text occurs in them. A rule with several replies gives them in turn and then repeats its
/// last, the way a polled execution goes from Running to Succeeded. A call that no rule matches fails, so a test
/// sees any call it did not expect.
/// </summary>
internal sealed class FakeAz : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fake-az-").FullName;
    private readonly List<(string Contains, AzReply[] Replies)> _rules = [];
    private readonly Dictionary<string, string?> _environment = new()
    {
        ["AZURE_ENV_NAME"] = "dev",
        ["AZURE_RESOURCE_GROUP"] = null,
        ["AZURE_SUBSCRIPTION_ID"] = null,
        // No test waits for real: polls are immediate and a status that never settles gives up at once.
        ["PLACEHOLDER_POLL_SECONDS"] = "0",
        ["PLACEHOLDER_TIMEOUT_SECONDS"] = "5",
        ["PLACEHOLDER_ATTEMPTS"] = null,
    };

    private string LogPath => Path.Combine(_directory, "calls.log");

    /// <summary>Answers calls whose arguments contain <paramref name="contains"/>; rules added first win.</summary>
    public FakeAz On(string contains, AzReply reply)
    {
        _rules.Add((contains, [reply]));
        return this;
    }

    /// <summary>Prints the outputs in turn (then the last again), with exit code 0.</summary>
    public FakeAz On(string contains, params string[] outputs)
    {
        _rules.Add((contains, outputs.Length == 0 ? [new AzReply()] : outputs.Select(o => new AzReply(o)).ToArray()));
        return this;
    }

    public FakeAz WithEnvironment(string name, string? value)
    {
        _environment[name] = value;
        return this;
    }

    public async Task<ScriptRun> RunAsync(string script, params string[] arguments)
    {
        WriteFake();
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(Repository.PathOf(script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = $"{_directory}:{Environment.GetEnvironmentVariable("PATH")}";
        foreach (var (name, value) in _environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish within 60 s");
        }

        var calls = File.Exists(LogPath) ? File.ReadAllLines(LogPath) : [];
        return new ScriptRun(process.ExitCode, await output, await error, calls);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Quoted(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private void WriteFake()
    {
        var script = new StringBuilder();
        script.Append("#!/bin/sh\n");
        script.Append($"printf '%s\\n' \"$*\" >> {Quoted(LogPath)}\n");
        // reply RULE COUNT: the rule's next reply, or its last once all were given.
        script.Append("reply() {\n");
        script.Append($"  prefix={Quoted(_directory)}/rule$1\n");
        script.Append("  n=$(cat \"$prefix.count\" 2>/dev/null || echo 0)\n");
        script.Append("  if [ \"$n\" -lt \"$2\" ]; then n=$((n + 1)); fi\n");
        script.Append("  echo \"$n\" > \"$prefix.count\"\n");
        script.Append("  cat \"$prefix.$n.out\"\n");
        script.Append("  cat \"$prefix.$n.err\" >&2\n");
        script.Append("  exit \"$(cat \"$prefix.$n.code\")\"\n");
        script.Append("}\n");
        script.Append("case \"$*\" in\n");
        for (var rule = 0; rule < _rules.Count; rule++)
        {
            var (contains, replies) = _rules[rule];
            for (var i = 0; i < replies.Length; i++)
            {
                var prefix = Path.Combine(_directory, $"rule{rule}.{i + 1}");
                var output = replies[i].Output;
                File.WriteAllText(prefix + ".out", output.Length == 0 || output.EndsWith('\n') ? output : output + "\n");
                File.WriteAllText(prefix + ".err", replies[i].Error);
                File.WriteAllText(prefix + ".code", replies[i].ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            script.Append($"  *{Quoted(contains)}*) reply {rule} {replies.Length} ;;\n");
        }

        script.Append("  *) echo \"fake az: no reply for: $*\" >&2; exit 127 ;;\n");
        script.Append("esac\n");

        var path = Path.Combine(_directory, "az");
        File.WriteAllText(path, script.ToString());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
