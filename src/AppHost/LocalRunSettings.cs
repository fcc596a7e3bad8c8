using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace AspireAgents.AppHost;

/// <summary>
/// <c>appsettings.Local.json</c>: overrides for <c>dotnet run</c> only. azd publishes the AppHost through its launch
/// profile, which says <c>Development</c>, so an environment-named file would reach Azure; this one is read in run mode
/// alone, below environment variables and the command line.
/// </summary>
internal static class LocalRunSettings
{
    public const string FileName = "appsettings.Local.json";

    public static IDistributedApplicationBuilder AddLocalRunSettings(this IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsRunMode)
        {
            return builder;
        }

        var sources = builder.Configuration.Sources;
        var appSettings = sources.OfType<JsonConfigurationSource>().LastOrDefault(s => s.Path == "appsettings.json");
        var local = new JsonConfigurationSource
        {
            Path = FileName,
            Optional = true,
            FileProvider = new PhysicalFileProvider(builder.AppHostDirectory),
        };
        sources.Insert(appSettings is null ? 0 : sources.IndexOf(appSettings) + 1, local);
        return builder;
    }
}
