using System.Text.RegularExpressions;
using AspireAgents.Hosting.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace AspireAgents.Hosting.Tests;

/// <summary>azure.yaml against the rules of azd's schema (schemas/v1.0/azure.yaml.json in Azure/azure-dev).</summary>
public partial class AzureYamlTests
{
    private static readonly string[] TopLevelKeys =
        ["name", "resourceGroup", "metadata", "infra", "services", "resources", "pipeline", "hooks", "requiredVersions", "state", "platform", "workflows", "cloud"];

    private static readonly string[] ServiceKeys =
        ["apiVersion", "resourceGroup", "resourceName", "project", "image", "host", "language", "module", "dist", "remoteBuild", "docker", "k8s", "config", "uses", "env", "hooks"];

    private static readonly string[] CommandHooks =
        ["preprovision", "postprovision", "preinfracreate", "postinfracreate", "preinfradelete", "postinfradelete", "predown", "postdown",
         "preup", "postup", "prepackage", "postpackage", "prepublish", "postpublish", "predeploy", "postdeploy", "prerestore", "postrestore"];

    private static readonly string[] HookKeys = ["shell", "kind", "dir", "run", "continueOnError", "interactive", "windows", "posix", "secrets"];

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex ApplicationName();

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Repository.PathOf("azure.yaml"));
        stream.Load(reader);
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)]).Value!;

    private static IEnumerable<string> Keys(YamlNode node) => ((YamlMappingNode)node).Children.Keys.Select(k => ((YamlScalarNode)k).Value!);

    [Fact]
    public void NameFollowsTheAzdNamePattern()
    {
        var name = Scalar(Load(), "name");
        Assert.True(name.Length >= 2, "azd requires a name of 2 characters or more");
        Assert.Matches(ApplicationName(), name);
    }

    [Fact]
    public void TopLevelHasOnlyKeysTheSchemaKnows()
    {
        Assert.All(Keys(Load()), key => Assert.Contains(key, TopLevelKeys));
    }

    [Fact]
    public void AppHostIsTheSingleContainerAppServiceInDotnet()
    {
        var services = (YamlMappingNode)Load()["services"];
        var (name, service) = Assert.Single(services.Children);
        Assert.Equal("app", ((YamlScalarNode)name).Value);
        Assert.All(Keys(service), key => Assert.Contains(key, ServiceKeys));
        Assert.Equal("containerapp", Scalar(service, "host"));
        Assert.Equal("dotnet", Scalar(service, "language"));

        // host containerapp: exactly one of project and image.
        Assert.Contains("project", Keys(service));
        Assert.DoesNotContain("image", Keys(service));
        var project = Repository.PathOf(Scalar(service, "project"));
        Assert.Equal(Repository.PathOf("src/AppHost/AppHost.csproj"), project);
        Assert.Contains("Aspire.AppHost.Sdk", File.ReadAllText(project), StringComparison.Ordinal);
    }

    [Fact]
    public void PostdeployHookStartsThePlaceholderWithScriptsThatExist()
    {
        var hooks = (YamlMappingNode)Load()["hooks"];
        Assert.All(Keys(hooks), key => Assert.Contains(key, CommandHooks));
        var postdeploy = hooks[new YamlScalarNode("postdeploy")];
        Assert.All(Keys(postdeploy), key => Assert.Contains(key, HookKeys));

        foreach (var (platform, shell) in new[] { ("posix", "sh"), ("windows", "pwsh") })
        {
            var hook = ((YamlMappingNode)postdeploy)[platform];
            Assert.All(Keys(hook), key => Assert.Contains(key, HookKeys));
            Assert.Equal(shell, Scalar(hook, "shell"));
            var script = Repository.PathOf(Scalar(hook, "run"));
            Assert.True(File.Exists(script), $"{platform} hook script {script} is missing");
            var text = File.ReadAllText(script);
            Assert.Contains("containerapp job start", text, StringComparison.Ordinal);
            Assert.Contains("aspireagentsRole=='placeholder'", text, StringComparison.Ordinal);
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(Repository.PathOf("scripts/start-placeholder.sh"));
            Assert.True(mode.HasFlag(UnixFileMode.UserExecute), "the posix hook script must be executable");
        }
    }

    [Fact]
    public void PostprovisionHookGrantsAzureDevOpsAccessWithScriptsThatExist()
    {
        var postprovision = ((YamlMappingNode)Load()["hooks"])[new YamlScalarNode("postprovision")];
        Assert.All(Keys(postprovision), key => Assert.Contains(key, HookKeys));

        foreach (var (platform, shell, grant) in new[] { ("posix", "sh", "grant-azure-devops-access.sh"), ("windows", "pwsh", "grant-azure-devops-access.ps1") })
        {
            var hook = ((YamlMappingNode)postprovision)[platform];
            Assert.All(Keys(hook), key => Assert.Contains(key, HookKeys));
            Assert.Equal(shell, Scalar(hook, "shell"));
            var script = Repository.PathOf(Scalar(hook, "run"));
            Assert.True(File.Exists(script), $"{platform} hook script {script} is missing");
            Assert.Contains(grant, File.ReadAllText(script), StringComparison.Ordinal);
            Assert.True(File.Exists(Repository.PathOf($"scripts/{grant}")), $"{grant} is missing");
        }

        if (!OperatingSystem.IsWindows())
        {
            foreach (var script in new[] { "scripts/postprovision.sh", "scripts/grant-azure-devops-access.sh" })
            {
                Assert.True(File.GetUnixFileMode(Repository.PathOf(script)).HasFlag(UnixFileMode.UserExecute), $"{script} must be executable");
            }
        }
    }

    [Fact]
    public void RequiresAnAzdThatDeploysContainerAppJobsFromTheManifest()
    {
        var versions = (YamlMappingNode)Load()["requiredVersions"];
        Assert.Equal(">= 1.20.0", Scalar(versions, "azd"));
    }
}
