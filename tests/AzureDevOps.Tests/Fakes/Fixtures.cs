namespace AspireAgents.AzureDevOps.Tests.Fakes;

internal static class Fixtures
{
    public static readonly Uri Organization = new("https://dev.azure.com/contoso");

    /// <summary>A jobrequests answer: one queued job with demands and matched agents, one running, one finished.</summary>
    public const string JobRequests = """
        {"count":3,"value":[
          {"requestId":101,"queueTime":"2026-01-01T10:00:00Z","demands":["docker","Agent.Version -gtVersion 3.220.0"],
           "matchedAgents":[{"id":1,"name":"linux-template","version":"4.260.0","enabled":true,"status":"offline","provisioningState":"Provisioned"}],
           "planType":"Build","poolId":7,"orchestrationId":"p.build.__default","data":{"ParallelismTag":"Private","IsScheduledKey":"False"}},
          {"requestId":102,"queueTime":"2026-01-01T10:00:01Z","assignTime":"2026-01-01T10:00:02Z","receiveTime":"2026-01-01T10:00:03Z",
           "lockedUntil":"2026-01-01T10:05:03Z","reservedAgent":{"id":9,"name":"agent-9","status":"online"},"poolId":7},
          {"requestId":103,"queueTime":"2026-01-01T09:00:00Z","receiveTime":"2026-01-01T09:00:03Z","finishTime":"2026-01-01T09:10:00Z","result":"succeeded","poolId":7}
        ]}
        """;

    public const string Pools = """{"count":1,"value":[{"id":7,"name":"linux pool","isHosted":false,"poolType":"automation","size":2}]}""";
}
