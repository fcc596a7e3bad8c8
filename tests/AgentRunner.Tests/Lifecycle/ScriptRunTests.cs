using System.Net.Http.Json;
using System.Text.Json;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AgentRunner.Tests.Lifecycle;

/// <summary>A pipeline run with a script: the agent runs it as the job's step and its output is readable as a build log.</summary>
public sealed class ScriptRunTests : LifecycleTestBase
{
    [Fact]
    public async Task TheScriptRunsAsTheJobsStepAndItsOutputIsReadableThroughTheBuildLogsApi()
    {
        await RegisterPlaceholderAsync();
        var run = await QueueScriptAsync("""
            echo "hello from the step in $(pwd)"
            echo "to stderr" >&2
            for name in IDENTITY_ENDPOINT IDENTITY_HEADER AZP_TOKEN AZURE_CLIENT_ID; do
              if [ -n "${!name}" ]; then echo "leaked $name"; fi
            done
            echo "build $BUILD_BUILDID of $SYSTEM_DEFINITIONNAME"
            """);

        var (exitCode, runner) = await RunAsync(EnvironmentFor("agent-script"));
        await using var _ = runner;

        Assert.True(exitCode == 0, runner.Output);
        Assert.Equal(RunResult.Succeeded, (await Emulator.GetRunAsync(run.Id)).Result);
        var logs = await Emulator.Http.GetFromJsonAsync<JsonElement>($"/local/demo/_apis/build/builds/{run.Id}/logs?api-version=7.1");
        var log = Assert.Single(logs.GetProperty("value").EnumerateArray());
        var text = await Emulator.Http.GetStringAsync($"/local/demo/_apis/build/builds/{run.Id}/logs/{log.GetProperty("id").GetInt32()}?api-version=7.1");
        Assert.Contains("hello from the step in /", text, StringComparison.Ordinal);
        Assert.Contains("to stderr", text, StringComparison.Ordinal);
        Assert.Contains($"build {run.Id} of hello", text, StringComparison.Ordinal);
        Assert.DoesNotContain("leaked", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScriptThatExitsNonZeroFailsTheJobAndItsLogSaysSo()
    {
        await RegisterPlaceholderAsync();
        var run = await QueueScriptAsync("echo before; exit 3");

        var (exitCode, runner) = await RunAsync(EnvironmentFor("agent-failing-script"));
        await using var _ = runner;

        Assert.True(exitCode == 0, runner.Output);
        Assert.Equal(TaskResult.Failed, Assert.Single(await Emulator.GetJobRequestsAsync()).Result);
        Assert.Equal(RunResult.Failed, (await Emulator.GetRunAsync(run.Id)).Result);
        var text = await Emulator.Http.GetStringAsync($"/local/demo/_apis/build/builds/{run.Id}/logs/1");
        Assert.Contains("before", text, StringComparison.Ordinal);
        Assert.Contains("Bash exited with code '3'", text, StringComparison.Ordinal);
    }

    private async Task<PipelineRun> QueueScriptAsync(string script)
    {
        var body = new RunPipelineParameters(new Dictionary<string, string> { ["script"] = script });
        using var response = await Emulator.Http.PostAsJsonAsync("/local/demo/_apis/pipelines/1/runs?api-version=7.1", body, AzureDevOpsJsonContext.Default.RunPipelineParameters);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(AzureDevOpsJsonContext.Default.PipelineRun))!;
    }
}
