using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;

namespace AspireAgents.Hosting.Tests.Infrastructure;

/// <summary>
/// The real bicep compiler from the Azure.Bicep.CommandLine.linux-x64 package. Its answers are remembered by the
/// content of what it was given: many tests compile the same module text, and each run of the compiler costs a second.
/// </summary>
internal static class BicepCompiler
{
    private static readonly ConcurrentDictionary<string, Lazy<(int ExitCode, string Stdout, string Stderr, string? Snapshot)>> s_answers = new();

    private static readonly Lazy<string> s_path = new(() =>
    {
        var packagePath = typeof(BicepCompiler).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepCompilerPackagePath").Value;
        var path = Path.Combine(packagePath!, "tools", OperatingSystem.IsWindows() ? "bicep.exe" : "bicep");
        Assert.True(File.Exists(path), $"The bicep compiler is missing at {path}; restore the test project.");
        return path;
    });

    /// <summary>Compiles a module to an ARM template.</summary>
    public static BicepBuildResult Build(string bicepPath)
    {
        var (exitCode, stdout, stderr, _) = Remembered(Key("build", bicepPath), () => Run("build", bicepPath, "--stdout"));
        var diagnostics = Diagnostics(stderr);
        return new BicepBuildResult(exitCode, exitCode == 0 ? JsonNode.Parse(stdout)!.AsObject() : null, diagnostics);
    }

    /// <summary>
    /// Evaluates a module with parameter values, as ARM would, and returns the resources it would deploy with every
    /// parameter, condition and expression that does not need Azure resolved.
    /// </summary>
    public static JsonArray PredictResources(string bicepPath, IReadOnlyDictionary<string, JsonNode?> parameters)
    {
        var directory = Path.GetDirectoryName(bicepPath)!;
        var name = Path.GetFileNameWithoutExtension(bicepPath) + "-" + Guid.NewGuid().ToString("N")[..8];
        var parametersPath = Path.Combine(directory, name + ".bicepparam");
        var text = new StringBuilder($"using './{Path.GetFileName(bicepPath)}'\n");
        foreach (var (key, value) in parameters)
        {
            text.Append(CultureInfo.InvariantCulture, $"param {key} = {ToBicepLiteral(value)}\n");
        }

        File.WriteAllText(parametersPath, text.ToString());
        return Snapshot(parametersPath);
    }

    /// <summary>Compiles a <c>.bicepparam</c> file against the module it uses, as azd does before it deploys (<c>bicep build-params</c>).</summary>
    public static BicepBuildResult BuildParams(string bicepParamPath)
    {
        var (exitCode, stdout, stderr, _) = Remembered(Key("build-params", bicepParamPath), () => Run("build-params", bicepParamPath, "--stdout"));
        return new BicepBuildResult(exitCode, exitCode == 0 ? JsonNode.Parse(stdout)!.AsObject() : null, Diagnostics(stderr).Concat(exitCode == 0 ? [] : [stderr]).ToList());
    }

    /// <summary>Evaluates a <c>.bicepparam</c> file with ARM's template engine and returns the resources it would deploy.</summary>
    public static JsonArray Snapshot(string bicepParamPath)
    {
        var (exitCode, stdout, stderr, snapshot) = Remembered(Key("snapshot", bicepParamPath), () =>
        {
            var (code, output, error) = Run("snapshot", bicepParamPath, "--mode", "overwrite");
            var snapshotPath = Path.ChangeExtension(bicepParamPath, ".snapshot.json");
            return (code, output, error, code == 0 ? File.ReadAllText(snapshotPath) : null);
        });
        Assert.True(exitCode == 0, $"bicep snapshot failed ({exitCode}):\n{stdout}\n{stderr}\n{File.ReadAllText(bicepParamPath)}");
        return JsonNode.Parse(snapshot!)!["predictedResources"]!.AsArray();
    }

    private static (int ExitCode, string Stdout, string Stderr, string? Snapshot) Remembered(
        string key, Func<(int, string, string, string?)> run) =>
        s_answers.GetOrAdd(key, _ => new Lazy<(int, string, string, string?)>(run)).Value;

    private static (int ExitCode, string Stdout, string Stderr, string? Snapshot) Remembered(
        string key, Func<(int, string, string)> run) =>
        Remembered(key, () => { var (code, output, error) = run(); return (code, output, error, null); });

    /// <summary>The command and the text it reads: the file, and for a <c>.bicepparam</c> also the module it uses.</summary>
    private static string Key(string command, string path)
    {
        var text = new StringBuilder(command).Append('\0').Append(File.ReadAllText(path));
        if (path.EndsWith(".bicepparam", StringComparison.Ordinal))
        {
            var usingLine = File.ReadLines(path).First(l => l.StartsWith("using ", StringComparison.Ordinal));
            var module = usingLine["using ".Length..].Trim().Trim('\'');
            text.Append('\0').Append(File.ReadAllText(Path.Combine(Path.GetDirectoryName(path)!, module)));
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string ToBicepLiteral(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal).Replace("${", "\\${", StringComparison.Ordinal) + "'",
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        JsonValue v => v.ToJsonString(),
        _ => throw new NotSupportedException($"Parameter value {value.ToJsonString()} is not a scalar."),
    };

    private static IReadOnlyList<string> Diagnostics(string stderr) =>
        stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains(" : Warning ", StringComparison.Ordinal) || line.Contains(" : Error ", StringComparison.Ordinal) || line.Contains(" : Info ", StringComparison.Ordinal))
            .ToList();

    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(s_path.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Offline: no telemetry, no module registry look-ups.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "bicep did not finish within 2 minutes");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

internal sealed record BicepBuildResult(int ExitCode, JsonObject? Template, IReadOnlyList<string> Diagnostics);
