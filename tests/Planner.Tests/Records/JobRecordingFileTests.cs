using AspireAgents.Planner.Records;

namespace AspireAgents.Planner.Tests.Records;

public sealed class JobRecordingFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("planner-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ASavedJobRequestsAnswerGivesItsFinishedJobsThatAnAgentRan()
    {
        var recording = await JobRecordingFile.ReadAsync(Path.Combine(AppContext.BaseDirectory, "Recordings", "jobrequests.json"));

        // 103 was cancelled before an agent received it, 104 still runs, 105 still waits: nothing to replay.
        Assert.Equal([101L, 102L], recording.Jobs.Select(j => j.RequestId));
        var first = recording.Jobs[0];
        Assert.Equal(TimeSpan.FromSeconds(60), first.Duration);
        Assert.Equal(21.377, first.Wait.TotalSeconds, 3);
        Assert.Equal(["Agent.Version -gtVersion 2.153.1", "java"], first.Demands);
        Assert.Empty(recording.Jobs[1].Demands);
    }

    [Fact]
    public async Task AJobRecordFileRoundTrips()
    {
        var path = Path.Combine(_directory, "nested", "jobs.json");
        var written = new JobRecording
        {
            Source = "test",
            Jobs = [Jobs.At(0, 10), Jobs.At(3, 20, 5, "java")],
            Run = new RecordedRun { PollingIntervalSeconds = 5, MaxExecutions = 3, IdleTimeoutSeconds = 60, WaitP50 = 4, WaitP95 = 9, Executions = 2, ExecutionStartSeconds = [4, 9] },
        };

        await JobRecordingFile.WriteAsync(path, written);
        var read = await JobRecordingFile.ReadAsync(path);

        Assert.Equal(written.Jobs.Select(j => (j.RequestId, j.QueueTime, j.ReceiveTime, j.FinishTime)), read.Jobs.Select(j => (j.RequestId, j.QueueTime, j.ReceiveTime, j.FinishTime)));
        Assert.Equal(["java"], read.Jobs[1].Demands);
        Assert.Equal(written.Run.ExecutionStartSeconds, read.Run!.ExecutionStartSeconds);
        Assert.Equal(AspireAgents.Scaling.KedaScalingStrategy.Default, read.Run.Strategy);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("{\"jobs\": []}")]
    [InlineData("{\"count\": 0, \"value\": []}")]
    public async Task AFileWithoutFinishedJobsIsRefusedWithAMessage(string content)
    {
        var path = Path.Combine(_directory, "bad.json");
        await File.WriteAllTextAsync(path, content);

        var exception = await Assert.ThrowsAsync<InvalidDataException>(() => JobRecordingFile.ReadAsync(path));

        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
    }
}
