using System.Globalization;
using System.Text.RegularExpressions;

namespace AspireAgents.AgentRunner.Tests.Boundary;

/// <summary>
/// What probe-credentials.sh printed, read from its output or from a step's log (where each line starts with its
/// time): one verdict per route, <c>PROBE &lt;route&gt; blocked|exposed &lt;detail&gt;</c>, and the end line
/// <c>PROBE-END tried=&lt;n&gt; exposed=&lt;n&gt;</c>.
/// </summary>
internal sealed partial class ProbeReport
{
    /// <summary>The routes tried wherever the probe runs next to a runner whose agent came from a package.</summary>
    public static readonly IReadOnlyList<string> AgentRoutes =
    [
        "env", "proc-1-environ", "runner-environ", "runner-mem", "runner-fd", "runner-diagnostics", "runner-signal", "proc-environ-scan",
        "identity-without-header", "identity-with-header", "imds",
        "write-config.sh", "replace-config.sh", "write-run.sh", "replace-run.sh", "write-env.sh", "replace-env.sh", "write-bin", "agent-files-scan",
    ];

    private ProbeReport(IReadOnlyList<(string Route, string Verdict, string Detail)> verdicts, IReadOnlyList<(int Tried, int Exposed)> ends)
    {
        Verdicts = verdicts;
        Ends = ends;
    }

    /// <summary>The probe as the build copies it next to the tests.</summary>
    public static string ScriptPath => Path.Combine(AppContext.BaseDirectory, "Boundary", "probe-credentials.sh");

    public IReadOnlyList<(string Route, string Verdict, string Detail)> Verdicts { get; }

    public IReadOnlyList<(int Tried, int Exposed)> Ends { get; }

    public static ProbeReport Parse(string text)
    {
        var verdicts = new List<(string, string, string)>();
        var ends = new List<(int, int)>();
        foreach (var line in text.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (VerdictLine().Match(line) is { Success: true } verdict)
            {
                verdicts.Add((verdict.Groups["route"].Value, verdict.Groups["verdict"].Value, verdict.Groups["detail"].Value));
            }
            else if (EndLine().Match(line) is { Success: true } end)
            {
                ends.Add((int.Parse(end.Groups["tried"].Value, CultureInfo.InvariantCulture), int.Parse(end.Groups["exposed"].Value, CultureInfo.InvariantCulture)));
            }
        }

        return new ProbeReport(verdicts, ends);
    }

    /// <summary>
    /// The probe ran to its end and every verdict it gave reached the text; each route said <c>blocked</c>, nothing
    /// else; and every one of <paramref name="expectedRoutes"/> was tried.
    /// </summary>
    public void AssertAllBlocked(IEnumerable<string> expectedRoutes, string context)
    {
        var end = Assert.Single(Ends);
        Assert.True(end.Tried == Verdicts.Count, $"The probe reported {end.Tried} routes; {Verdicts.Count} verdicts were read.{Environment.NewLine}{context}");
        Assert.All(Verdicts, v => Assert.True(v.Verdict == "blocked", $"Route {v.Route} is {v.Verdict}: {v.Detail}{Environment.NewLine}{context}"));
        Assert.True(end.Exposed == 0, context);
        Assert.All(expectedRoutes, route => Assert.True(Verdicts.Any(v => v.Route == route), $"Route {route} was not tried.{Environment.NewLine}{context}"));
    }

    // A line of the probe, after the log's time stamp if any.
    [GeneratedRegex(@"^(?:\S+ )?PROBE (?<route>\S+) (?<verdict>\S+)(?: (?<detail>.*))?$")]
    private static partial Regex VerdictLine();

    [GeneratedRegex(@"^(?:\S+ )?PROBE-END tried=(?<tried>\d+) exposed=(?<exposed>\d+)$")]
    private static partial Regex EndLine();
}
