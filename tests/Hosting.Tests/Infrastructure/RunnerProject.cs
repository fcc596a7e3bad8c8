namespace AspireAgents.Hosting.Tests.Infrastructure;

/// <summary>A stand-in for the agent runner project: a project file the model can point at.</summary>
internal static class RunnerProject
{
    private static readonly Lazy<string> s_path = new(() =>
    {
        var directory = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "aspireagents-tests", "AgentRunner"));
        var path = System.IO.Path.Combine(directory.FullName, "AgentRunner.csproj");
        File.WriteAllText(path, """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType></PropertyGroup></Project>""");
        return path;
    });

    public static string Path => s_path.Value;
}
