using System.CommandLine;
using System.Xml.Linq;
using AspireAgents.Planner.Cli;
using AspireAgents.Planner.Records;

namespace AspireAgents.Planner.Tests.Cli;

public sealed class PlannerCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("planner-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<(int ExitCode, string Output, string Error)> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await new PlannerCommand().Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    private async Task<string> JobsFileAsync(RecordedRun? run = null)
    {
        var path = Path.Combine(_directory, "jobs.json");
        var jobs = Enumerable.Range(0, 12).Select(i => Jobs.At(i * 4, 30)).ToList();
        await JobRecordingFile.WriteAsync(path, new JobRecording { Source = "test", Jobs = jobs, Run = run });
        return path;
    }

    [Theory]
    [InlineData(new string[0], "Give the jobs with either --jobs FILE or --organization URL --pool NAME.")]
    [InlineData(new[] { "--organization", "https://dev.azure.com/contoso" }, "--organization needs --pool NAME")]
    [InlineData(new[] { "--organization", "ftp://contoso", "--pool", "p" }, "--organization 'ftp://contoso' is not an http(s) URL")]
    [InlineData(new[] { "--jobs", "/nonexistent/jobs.json" }, "--jobs '/nonexistent/jobs.json' does not exist.")]
    public async Task AMissingOrWrongSourceIsNamed(string[] args, string message)
    {
        var (exitCode, _, error) = await InvokeAsync(args);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--max", "0", "--max '0' is not a whole number of at least 1")]
    [InlineData("--max", "5,x", "--max 'x' is not a whole number of at least 1")]
    [InlineData("--standby", "1.5", "--standby '1.5' is not a whole number of at least 0")]
    [InlineData("--polling", "0.5", "--polling '0.5' is not a number of at least 1")]
    [InlineData("--start-percentiles", "50-12", "--start-percentiles '50-12' is not percentile:seconds")]
    [InlineData("--target-p95", "0", "--target-p95 must be positive.")]
    [InlineData("--replications", "0", "--replications must be 1 to 1000.")]
    public async Task AWrongValueIsNamedWithWhatWouldBeRight(string option, string value, string message)
    {
        var jobs = await JobsFileAsync();

        var (exitCode, _, error) = await InvokeAsync("--jobs", jobs, option, value);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoStartTimeModelsAreRefused()
    {
        var jobs = await JobsFileAsync();

        var (exitCode, _, error) = await InvokeAsync("--jobs", jobs, "--start-seconds", "10", "--start-times", "5,9");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Give one start-time model, not --start-seconds and --start-times.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGridThatIsTooLargeIsRefused()
    {
        var jobs = await JobsFileAsync();
        var many = string.Join(',', Enumerable.Range(1, 11));

        var (exitCode, _, error) = await InvokeAsync("--jobs", jobs, "--polling", many, "--max", many, "--standby", many);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("The grid has 1331 settings", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayRunNeedsARecordedRun()
    {
        var jobs = await JobsFileAsync();

        var (exitCode, _, error) = await InvokeAsync("--jobs", jobs, "--replay-run");

        Assert.Equal(2, exitCode);
        Assert.Contains("--replay-run needs a recording of a scenario run", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheGridIsPrintedAndChartedWithTheRecommendation()
    {
        var jobs = await JobsFileAsync();
        var chart = Path.Combine(_directory, "out", "plan.svg");

        var (exitCode, output, error) = await InvokeAsync(
            "--jobs", jobs, "--polling", "5,30", "--max", "2,10", "--standby", "0,1", "--start-seconds", "10",
            "--idle-timeout", "120", "--replications", "2", "--target-p95", "45", "--chart", chart);

        Assert.True(exitCode == 0, error);
        Assert.Contains("| polling (s) | max | standby | wait p50 (s) | wait p95 (s) |", output, StringComparison.Ordinal);
        Assert.Equal(8, output.Split('\n').Count(line => line.StartsWith("| 5 |", StringComparison.Ordinal) || line.StartsWith("| 30 |", StringComparison.Ordinal)));
        Assert.Single(output.Split('\n'), line => line.Contains("**recommended**", StringComparison.Ordinal));
        Assert.Contains("Recommended: polling 5 s, max 10, standby ", output, StringComparison.Ordinal);

        var svg = XDocument.Load(chart);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Equal(8, svg.Descendants(ns + "circle").Count(c => (string?)c.Attribute("class") == "p95"));
        Assert.Equal(8, svg.Descendants(ns + "circle").Count(c => (string?)c.Attribute("class") == "p50"));
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value.StartsWith("recommended: polling 5 s, max 10", StringComparison.Ordinal));
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "target p95 45 s");

        // Self-contained: no script and no reference to anything outside the file.
        Assert.Empty(svg.Descendants(ns + "script"));
        Assert.DoesNotContain(svg.Descendants().Attributes(), a => a.Name.LocalName == "href");
    }

    [Fact]
    public async Task ReplayRunComparesThePredictionWithTheMeasurement()
    {
        var run = new RecordedRun { PollingIntervalSeconds = 5, MaxExecutions = 20, IdleTimeoutSeconds = 60, WaitP50 = 10, WaitP95 = 20, Executions = 12, ExecutionStartSeconds = [6, 8] };
        var jobs = await JobsFileAsync(run);

        var (exitCode, output, error) = await InvokeAsync("--jobs", jobs, "--replay-run");

        Assert.True(exitCode == 0, error);
        Assert.Contains("| executions | 12.0 | 12.0 | 0% |", output, StringComparison.Ordinal);
        Assert.Contains("| job wait p50 (s) | 10.0 |", output, StringComparison.Ordinal);
    }
}
