using System.Reflection;

namespace AspireAgents.Hosting.Tests.Infrastructure;

/// <summary>Paths in this repository.</summary>
internal static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string PathOf(string relativePath) => Path.GetFullPath(Path.Combine(Root, relativePath));
}
