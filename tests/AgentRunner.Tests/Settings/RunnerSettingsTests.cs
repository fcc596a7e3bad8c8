using Microsoft.Extensions.Configuration;

namespace AspireAgents.AgentRunner.Tests.Settings;

public sealed class RunnerSettingsTests
{
    private const string Url = "https://dev.azure.com/contoso";

    [Fact]
    public void DefaultsFollowMicrosoftsAgentImage()
    {
        var settings = Load(new() { ["AZP_URL"] = Url }, hostName: "host-1");

        Assert.Equal(new Uri(Url), settings.OrganizationUrl);
        Assert.Equal("Default", settings.Pool);
        Assert.Equal("host-1", settings.AgentName);
        Assert.Null(settings.WorkFolder);
        Assert.False(settings.Placeholder);
        Assert.Equal("/azp/agent", settings.AgentDirectory);
        Assert.True(settings.Credential.IsManagedIdentity);
        Assert.Null(settings.Credential.ManagedIdentityClientId);
    }

    [Fact]
    public void AgentNameDefaultsToTheContainerAppsReplicaNameBeforeTheHostName()
    {
        var settings = Load(new() { ["AZP_URL"] = Url, ["CONTAINER_APP_REPLICA_NAME"] = "aca-agents-job-x1y2z" }, hostName: "host-1");

        Assert.Equal("aca-agents-job-x1y2z", settings.AgentName);
    }

    [Fact]
    public void ExplicitSettingsWinOverDefaults()
    {
        var settings = Load(new()
        {
            ["AZP_URL"] = Url,
            ["AZP_POOL"] = "aca-agents",
            ["AZP_AGENT_NAME"] = "agent-7",
            ["CONTAINER_APP_REPLICA_NAME"] = "replica",
            ["AZP_WORK"] = "/mnt/work",
            ["AZP_PLACEHOLDER"] = "1",
            ["AZP_AGENT_DIR"] = "/opt/agent",
            ["AZURE_CLIENT_ID"] = "5a0b1c2d-0000-4000-8000-000000000002",
        });

        Assert.Equal("aca-agents", settings.Pool);
        Assert.Equal("agent-7", settings.AgentName);
        Assert.Equal("/mnt/work", settings.WorkFolder);
        Assert.True(settings.Placeholder);
        Assert.Equal("/opt/agent", settings.AgentDirectory);
        Assert.Equal("5a0b1c2d-0000-4000-8000-000000000002", settings.Credential.ManagedIdentityClientId);
    }

    [Fact]
    public void MissingAzpUrlIsNamedWithItsFix()
    {
        var error = Assert.Single(Fail(new()).Errors);

        Assert.Contains("AZP_URL is not set", error, StringComparison.Ordinal);
        Assert.Contains("https://dev.azure.com/contoso", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://dev.azure.com/contoso/", "ends with '/'")]
    [InlineData("dev.azure.com/contoso", "is not an absolute http(s) URL")]
    [InlineData("ftp://dev.azure.com/contoso", "is not an absolute http(s) URL")]
    [InlineData("https://dev.azure.com/contoso?x=1", "has a query or fragment")]
    public void MalformedAzpUrlIsRefused(string url, string expected)
    {
        var error = Assert.Single(Fail(new() { ["AZP_URL"] = url }).Errors);

        Assert.StartsWith("AZP_URL", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryWrongSettingIsReportedAtOnce()
    {
        var errors = Fail(new() { ["AZP_URL"] = "https://x/", ["AZP_TOKEN_FILE"] = "/no/such/file" }).Errors;

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("AZP_URL", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("AZP_TOKEN_FILE", StringComparison.Ordinal));
    }

    [Fact]
    public void AzpTokenIsUsedWhenSet()
    {
        var settings = Load(new() { ["AZP_URL"] = Url, ["AZP_TOKEN"] = "pat-value" });

        Assert.False(settings.Credential.IsManagedIdentity);
        Assert.Equal("pat-value", settings.Credential.Token);
        Assert.Equal("token from AZP_TOKEN", settings.Credential.ToString());
    }

    [Fact]
    public void AzpTokenFileWinsOverAzpTokenAndIsTrimmed()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "file-token\n");
            var settings = Load(new() { ["AZP_URL"] = Url, ["AZP_TOKEN"] = "pat-value", ["AZP_TOKEN_FILE"] = file });

            Assert.Equal("file-token", settings.Credential.Token);
            Assert.Equal("token from AZP_TOKEN_FILE", settings.Credential.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void EmptyTokenFileIsRefused()
    {
        var file = Path.GetTempFileName();
        try
        {
            var error = Assert.Single(Fail(new() { ["AZP_URL"] = Url, ["AZP_TOKEN_FILE"] = file }).Errors);

            Assert.Contains("is empty", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void CredentialDescriptionNeverShowsTheToken()
    {
        var settings = Load(new() { ["AZP_URL"] = Url, ["AZP_TOKEN"] = "secret-value" });

        Assert.DoesNotContain("secret-value", settings.Credential.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AgentNameWithControlCharactersIsRefused()
    {
        var error = Assert.Single(Fail(new() { ["AZP_URL"] = Url, ["AZP_AGENT_NAME"] = "bad\tname" }).Errors);

        Assert.StartsWith("AZP_AGENT_NAME", error, StringComparison.Ordinal);
    }

    private static RunnerSettings Load(Dictionary<string, string?> values, string hostName = "host") =>
        RunnerSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), hostName);

    private static RunnerSettingsException Fail(Dictionary<string, string?> values) =>
        Assert.Throws<RunnerSettingsException>(() => Load(values));
}
