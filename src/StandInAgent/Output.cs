namespace AspireAgents.StandInAgent;

/// <summary>Console output in the agent's style: <c>2024-05-01 10:00:00Z: Listening for Jobs</c>.</summary>
internal static class Output
{
    public static void Line(string text) => Console.Out.WriteLine(text);

    public static void Timestamped(string text) => Console.Out.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}Z: {text}");

    public static void Error(string text) => Console.Error.WriteLine(text);
}
