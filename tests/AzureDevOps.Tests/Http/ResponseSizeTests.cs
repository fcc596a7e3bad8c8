using System.Net;
using System.Text;
using AspireAgents.AzureDevOps.Auth;
using AspireAgents.AzureDevOps.Client;
using AspireAgents.AzureDevOps.Http;
using AspireAgents.AzureDevOps.Tests.Fakes;

namespace AspireAgents.AzureDevOps.Tests.Http;

public class ResponseSizeTests
{
    private static AzureDevOpsClient Client(Func<HttpResponseMessage> respond, long maxResponseBytes) =>
        AzureDevOpsClient.Create(Fixtures.Organization, new PersonalAccessTokenAuthentication("pat"),
            new AzureDevOpsHttpOptions { MaxAttempts = 1, MaxResponseBytes = maxResponseBytes }, innerHandler: new StubHandler((_, _) => respond()));

    [Fact]
    public void TheDefaultHoldsALargeJobList() => Assert.Equal(16L * 1024 * 1024, new AzureDevOpsHttpOptions().MaxResponseBytes);

    [Fact]
    public async Task AnAnswerWithinTheLimitIsRead()
    {
        var jobs = await Client(() => StubHandler.Json(Fixtures.JobRequests), Encoding.UTF8.GetByteCount(Fixtures.JobRequests)).GetJobRequestsAsync(7);

        Assert.Equal(3, jobs.Value.Count);
    }

    [Fact]
    public async Task AnAnswerThatDeclaresMoreThanTheLimitFailsBeforeItIsRead()
    {
        var body = new EndlessJobList();
        var error = await Assert.ThrowsAsync<AzureDevOpsException>(() => Client(() => Streamed(body, contentLength: 10_000_000), 1_000_000).GetJobRequestsAsync(7));

        Assert.Equal(AzureDevOpsFailure.ResponseTooLarge, error.Failure);
        Assert.Contains("AzureDevOps:Http:MaxResponseBytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("1000000 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, body.BytesRead);
    }

    [Fact]
    public async Task AnAnswerWithoutALengthIsCutOffAtTheLimitNotBuffered()
    {
        var body = new EndlessJobList();

        var error = await Assert.ThrowsAsync<AzureDevOpsException>(() => Client(() => Streamed(body, contentLength: null), 1_000_000).GetJobRequestsAsync(7));

        Assert.Equal(AzureDevOpsFailure.ResponseTooLarge, error.Failure);
        Assert.Contains("jobrequests", error.Message, StringComparison.Ordinal);
        Assert.InRange(body.BytesRead, 1_000_000, 1_000_000 + (64 * 1024));
    }

    [Fact]
    public async Task AHugeErrorBodyStillReportsTheFailureWithTheStartOfItsText()
    {
        var error = await Assert.ThrowsAsync<AzureDevOpsException>(() => Client(
            () => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StreamContent(new EndlessJobList()) }, 1_000_000).GetJobRequestsAsync(7));

        Assert.Equal(AzureDevOpsFailure.NotFound, error.Failure);
        Assert.StartsWith("{\"count\":", error.ServiceMessage, StringComparison.Ordinal);
        Assert.True(error.ServiceMessage!.Length < 3000);
    }

    private static HttpResponseMessage Streamed(Stream body, long? contentLength)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentLength = contentLength;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    /// <summary>A job list that never ends, counting what was read of it.</summary>
    private sealed class EndlessJobList : Stream
    {
        private static readonly byte[] s_start = Encoding.UTF8.GetBytes("""{"count":1,"value":[""");
        private static readonly byte[] s_job = Encoding.UTF8.GetBytes("""{"requestId":1,"demands":["docker","Agent.Version -gtVersion 3.220.0"]},""");

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var written = 0;
            while (written < count)
            {
                var source = BytesRead < s_start.Length ? s_start : s_job;
                var at = BytesRead < s_start.Length ? (int)BytesRead : (int)((BytesRead - s_start.Length) % s_job.Length);
                var n = Math.Min(count - written, source.Length - at);
                Array.Copy(source, at, buffer, offset + written, n);
                written += n;
                BytesRead += n;
            }

            return written;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
