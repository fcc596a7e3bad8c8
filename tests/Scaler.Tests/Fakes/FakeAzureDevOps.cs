using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.Scaler.Tests.Fakes;

/// <summary>
/// An in-process stand-in for an organisation's pools and jobrequests routes: counts requests by route, records the
/// query and Authorization header of each, and can be told to fail.
/// </summary>
internal sealed class FakeAzureDevOps : HttpMessageHandler
{
    public const string OrganizationUrl = "https://dev.azure.com/contoso";

    public ConcurrentDictionary<int, TaskAgentPool> Pools { get; } = new() { [1] = new TaskAgentPool { Id = 1, Name = "linux" } };

    public ConcurrentDictionary<int, TaskAgentJobRequest[]> JobRequests { get; } = new() { [1] = [] };

    public ConcurrentDictionary<string, int> RequestsByRoute { get; } = new();

    public ConcurrentQueue<(Uri Uri, string? Authorization)> Requests { get; } = new();

    /// <summary>Answers instead of the organisation when it returns a response.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage?>? Fault { get; set; }

    /// <summary>How long jobrequests takes to answer, so concurrent callers overlap.</summary>
    public TimeSpan JobRequestsDelay { get; set; }

    public int Count(string route) => RequestsByRoute.GetValueOrDefault(route);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var path = uri.AbsolutePath;
        var route = path.EndsWith("/jobrequests", StringComparison.Ordinal) ? "jobrequests" : path.EndsWith("/pools", StringComparison.Ordinal) ? "pools" : path;
        RequestsByRoute.AddOrUpdate(route, 1, (_, n) => n + 1);
        Requests.Enqueue((uri, request.Headers.Authorization?.ToString()));

        if (Fault?.Invoke(request) is { } fault)
        {
            return fault;
        }

        if (route == "pools")
        {
            var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
            IEnumerable<TaskAgentPool> pools = Pools.Values;
            if (query["poolName"] is { } name)
            {
                pools = pools.Where(p => p.Name == name);
            }

            if (query["poolID"] is { } id)
            {
                pools = pools.Where(p => p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == id);
            }

            return Json(JsonSerializer.Serialize(ListResponse<TaskAgentPool>.Of(pools.ToArray()), AzureDevOpsJsonContext.Default.ListResponseTaskAgentPool));
        }

        if (route == "jobrequests")
        {
            if (JobRequestsDelay > TimeSpan.Zero)
            {
                await Task.Delay(JobRequestsDelay, cancellationToken);
            }

            var poolId = int.Parse(path.Split('/')[^2], System.Globalization.CultureInfo.InvariantCulture);
            return JobRequests.TryGetValue(poolId, out var jobs)
                ? Json(JsonSerializer.Serialize(ListResponse<TaskAgentJobRequest>.Of(jobs), AzureDevOpsJsonContext.Default.ListResponseTaskAgentJobRequest))
                : Json($$"""{"message":"Agent pool {{poolId}} could not be found."}""", HttpStatusCode.NotFound);
        }

        return Json("""{"message":"no such route"}""", HttpStatusCode.NotFound);
    }

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage SignInPage() =>
        new(HttpStatusCode.NonAuthoritativeInformation) { Content = new StringContent("<html><title>Azure DevOps Services | Sign In</title></html>", Encoding.UTF8, "text/html") };
}
