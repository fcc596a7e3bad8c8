using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using AspireAgents.AgentRunner.Packages;
using AspireAgents.AgentRunner.Tests.Infrastructure;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AgentRunner.Tests.Packages;

public sealed class AgentPackageInstallerTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task InstallsAVerifiedPackageKeepingExecutableScripts()
    {
        var archive = Archive();
        var target = _directory.Combine("agent");

        await Installer(archive).InstallAsync(Package(Sha256(archive)), target, CancellationToken.None);

        Assert.True(AgentPackageInstaller.IsInstalled(target));
        Assert.True(File.GetUnixFileMode(Path.Combine(target, "config.sh")).HasFlag(UnixFileMode.UserExecute));
        Assert.Equal("listener", File.ReadAllText(Path.Combine(target, "bin", "Agent.Listener")));
        Assert.Equal(["agent"], Directory.EnumerateFileSystemEntries(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task AcceptsTheHashInUpperCase()
    {
        var archive = Archive();

        await Installer(archive).InstallAsync(Package(Sha256(archive).ToUpperInvariant()), _directory.Combine("agent"), CancellationToken.None);

        Assert.True(AgentPackageInstaller.IsInstalled(_directory.Combine("agent")));
    }

    [Fact]
    public async Task RefusesADownloadWhoseHashDiffersAndLeavesNothingBehind()
    {
        var archive = Archive();
        var wrong = Convert.ToHexStringLower(SHA256.HashData("something else"u8));

        var error = await Assert.ThrowsAsync<AgentPackageException>(() => Installer(archive).InstallAsync(Package(wrong), _directory.Combine("agent"), CancellationToken.None));

        Assert.Contains("does not match its hashValue", error.Message, StringComparison.Ordinal);
        Assert.Contains(wrong, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory.Path));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1B2M2Y8AsgTpgAmY7PhCfg==")]
    public async Task RefusesAPackageWithoutASha256(string? hashValue)
    {
        var error = await Assert.ThrowsAsync<AgentPackageException>(() => Installer(Archive()).InstallAsync(Package(hashValue), _directory.Combine("agent"), CancellationToken.None));

        Assert.Contains("refusing to run an unverified download", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesADirectoryThatHoldsSomethingElse()
    {
        var target = _directory.Combine("agent");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "notes.txt"), "mine");
        var archive = Archive();

        var error = await Assert.ThrowsAsync<AgentPackageException>(() => Installer(archive).InstallAsync(Package(Sha256(archive)), target, CancellationToken.None));

        Assert.StartsWith("AZP_AGENT_DIR", error.Message, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(target, "notes.txt")));
    }

    [Fact]
    public async Task RefusesAnArchiveWithoutConfigSh()
    {
        var archive = Archive(withConfig: false);

        var error = await Assert.ThrowsAsync<AgentPackageException>(() => Installer(archive).InstallAsync(Package(Sha256(archive)), _directory.Combine("agent"), CancellationToken.None));

        Assert.Contains("holds no config.sh", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_directory.Combine("agent")));
    }

    [Fact]
    public async Task ReportsAFailedDownload()
    {
        var installer = new AgentPackageInstaller(new HttpClient(new StubHandler(HttpStatusCode.NotFound, [])));

        var error = await Assert.ThrowsAsync<AgentPackageException>(() => installer.InstallAsync(Package(new string('a', 64)), _directory.Combine("agent"), CancellationToken.None));

        Assert.Contains("failed with 404", error.Message, StringComparison.Ordinal);
    }

    private static PackageMetadata Package(string? hash) => new()
    {
        Platform = "linux-x64",
        Version = new PackageVersion(4, 260, 0),
        DownloadUrl = "http://packages.test/agent/4.260.0/vsts-agent-linux-x64-4.260.0.tar.gz",
        Filename = "vsts-agent-linux-x64-4.260.0.tar.gz",
        HashValue = hash,
    };

    private static AgentPackageInstaller Installer(byte[] archive) => new(new HttpClient(new StubHandler(HttpStatusCode.OK, archive)));

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] Archive(bool withConfig = true)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            if (withConfig)
            {
                tar.WriteEntry(Entry("config.sh", "#!/bin/bash\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
            }

            tar.WriteEntry(Entry("bin/Agent.Listener", "listener", UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }

        return buffer.ToArray();
    }

    private static PaxTarEntry Entry(string name, string content, UnixFileMode mode) => new(TarEntryType.RegularFile, name)
    {
        DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)),
        Mode = mode,
    };

    private sealed class StubHandler(HttpStatusCode status, byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Null(request.Headers.Authorization);
            return Task.FromResult(new HttpResponseMessage(status) { Content = new ByteArrayContent(body) });
        }
    }
}
