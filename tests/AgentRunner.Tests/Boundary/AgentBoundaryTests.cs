using AspireAgents.AgentRunner.Boundary;
using AspireAgents.AgentRunner.Processes;
using AspireAgents.AgentRunner.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace AspireAgents.AgentRunner.Tests.Boundary;

public sealed class AgentBoundaryTests : IDisposable
{
    private static readonly AgentUser App = new("app", 1654, 1654, "/home/app", "/bin/sh");

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void WithoutAgentUserTheAgentRunsAsTheRunnersUser()
    {
        var boundary = Create(new(), runnerUid: 0);

        Assert.Null(boundary.Switch);
    }

    [Fact]
    public void AgentUserSwitchesWithNoNewPrivilegesUnlessSudoIsOn()
    {
        Assert.Equal(
            ["/usr/bin/setpriv", "--reuid=1654", "--regid=1654", "--init-groups", "--no-new-privs", "--"],
            Create(new() { ["AZP_AGENT_USER"] = "app" }, runnerUid: 0).Switch!.Prefix());
        Assert.DoesNotContain("--no-new-privs", new UserSwitch(App, "/usr/bin/setpriv", AllowPrivilegeGain: true).Prefix());
    }

    [Theory]
    [InlineData("app", 1000u, "AZP_AGENT_USER=app needs the runner to start as root")]
    [InlineData("ghost", 0u, "AZP_AGENT_USER 'ghost' is no user of this system")]
    [InlineData("root", 0u, "AZP_AGENT_USER 'root' is root")]
    public void AgentUserThatCannotBeHonouredIsASettingError(string user, uint runnerUid, string message)
    {
        var error = Assert.Throws<RunnerSettingsException>(() => Create(new() { ["AZP_AGENT_USER"] = user }, runnerUid));

        Assert.Contains(message, Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void SudoWithoutAgentUserIsASettingError()
    {
        var error = Assert.Throws<RunnerSettingsException>(() => Create(new() { ["AZP_AGENT_SUDO"] = "true" }, runnerUid: 0));

        Assert.Contains("AZP_AGENT_USER is not set", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void TokenFileTheAgentUserCouldReadIsASettingError()
    {
        var file = _directory.Combine("token");
        File.WriteAllText(file, "pat");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Assert.Throws<RunnerSettingsException>(() => Create(new() { ["AZP_AGENT_USER"] = "app", ["AZP_TOKEN_FILE"] = file }, runnerUid: 0));

        Assert.Contains("can be read by the agent's user 'app'", Assert.Single(error.Errors), StringComparison.Ordinal);

        File.SetUnixFileMode(file, UnixFileMode.UserRead);
        Assert.NotNull(Create(new() { ["AZP_AGENT_USER"] = "app", ["AZP_TOKEN_FILE"] = file }, runnerUid: 0).Switch);
    }

    [Fact]
    public void ScriptsRunAsTheAgentUserGetNoCredentialVariableAndTheUsersHome()
    {
        var variables = new[] { "IDENTITY_ENDPOINT", "IDENTITY_HEADER", "MSI_SECRET", "AZURE_CLIENT_ID", "AZP_TOKEN", "VSTS_AGENT_INPUT_TOKEN", "OTEL_EXPORTER_OTLP_HEADERS" };
        foreach (var name in variables)
        {
            Environment.SetEnvironmentVariable(name, "secret");
        }

        try
        {
            var command = new AgentCommand("/agent/run.sh", ["--once"], "/agent", new Dictionary<string, string?> { ["VSTS_AGENT_INPUT_URL"] = "https://x" },
                new UserSwitch(App, "/usr/bin/setpriv", AllowPrivilegeGain: false));

            var startInfo = AgentProcessSupervisor.CreateStartInfo(command);

            Assert.Equal("setsid", startInfo.FileName);
            Assert.Equal(["/usr/bin/setpriv", "--reuid=1654", "--regid=1654", "--init-groups", "--no-new-privs", "--", "/agent/run.sh", "--once"], startInfo.ArgumentList);
            Assert.All(variables, name => Assert.False(startInfo.Environment.ContainsKey(name), name));
            Assert.Equal("https://x", startInfo.Environment["VSTS_AGENT_INPUT_URL"]);
            Assert.Equal("/home/app", startInfo.Environment["HOME"]);
            Assert.Equal("app", startInfo.Environment["USER"]);
        }
        finally
        {
            foreach (var name in variables)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    private static AgentBoundary Create(Dictionary<string, string?> values, uint runnerUid)
    {
        values.TryAdd("AZP_URL", "https://dev.azure.com/contoso");
        var settings = RunnerSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), "host");
        return AgentBoundary.Create(settings, runnerUid,
            name => name switch
            {
                "app" => App,
                "root" => new AgentUser("root", 0, 0, "/root", "/bin/bash"),
                _ => null,
            },
            _ => "/usr/bin/setpriv");
    }
}
