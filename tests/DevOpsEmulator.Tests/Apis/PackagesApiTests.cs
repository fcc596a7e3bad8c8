using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace AspireAgents.DevOpsEmulator.Tests.Apis;

public sealed class PackagesApiTests
{
    [Fact]
    public async Task PackagesAnswerAnEmptyListWhenNoneIsConfigured()
    {
        await using var server = await EmulatorServer.StartAsync();

        var list = await server.GetJsonAsync("local/_apis/distributedtask/packages/agent?platform=linux-x64&top=1");

        Assert.Equal(0, list.Long("count"));
        Assert.Empty(list.GetProperty("value").EnumerateArray());
    }

    [Fact]
    public async Task ConfiguredDirectoryIsPackedAndServedWithItsSha256()
    {
        var folder = Directory.CreateTempSubdirectory("emulator-agent-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "run.sh"), "#!/bin/sh\necho agent\n");
            await using var server = await EmulatorServer.StartAsync(new Dictionary<string, string>
            {
                ["Emulator:AgentPackage:Directory"] = folder.FullName,
                ["Emulator:AgentPackage:Version"] = "4.261.1",
            });

            var list = await server.GetJsonAsync("local/_apis/distributedtask/packages/agent?platform=linux-x64&top=1");
            var package = Assert.Single(list.GetProperty("value").EnumerateArray());
            Assert.Equal("agent", package.Str("type"));
            Assert.Equal("linux-x64", package.Str("platform"));
            Assert.Equal("vsts-agent-linux-x64-4.261.1.tar.gz", package.Str("filename"));
            var version = package.Has("version", JsonValueKind.Object);
            Assert.Equal((4, 261, 1), ((int)version.Long("major"), (int)version.Long("minor"), (int)version.Long("patch")));
            var downloadUrl = package.Str("downloadUrl");
            Assert.Equal($"{server.BaseAddress}_download/agent/4.261.1/vsts-agent-linux-x64-4.261.1.tar.gz", downloadUrl);

            var archive = await server.Anonymous.GetByteArrayAsync(downloadUrl);
            Assert.Equal(package.Str("hashValue"), Convert.ToHexStringLower(SHA256.HashData(archive)));
            using var tar = new TarReader(new GZipStream(new MemoryStream(archive), CompressionMode.Decompress));
            var names = new List<string>();
            while (await tar.GetNextEntryAsync() is { } entry)
            {
                names.Add(entry.Name);
            }

            Assert.Contains(names, n => n.EndsWith("run.sh", StringComparison.Ordinal));
            Assert.Empty((await server.GetJsonAsync("local/_apis/distributedtask/packages/agent?platform=win-x64&top=1")).GetProperty("value").EnumerateArray());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ConfiguredArchiveIsServedAsIs()
    {
        var file = Path.Combine(Path.GetTempPath(), $"agent-{Guid.NewGuid():N}.tar.gz");
        var bytes = RandomNumberGenerator.GetBytes(2048);
        await File.WriteAllBytesAsync(file, bytes);
        try
        {
            await using var server = await EmulatorServer.StartAsync(new Dictionary<string, string> { ["Emulator:AgentPackage:Path"] = file });

            var package = (await server.GetJsonAsync("local/_apis/distributedtask/packages/agent?platform=linux-x64&top=1")).GetProperty("value")[0];
            var downloaded = await server.Anonymous.GetByteArrayAsync(package.Str("downloadUrl"));

            Assert.Equal(bytes, downloaded);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), package.Str("hashValue"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task UnknownDownloadAnswers404()
    {
        await using var server = await EmulatorServer.StartAsync();

        using var response = await server.Anonymous.GetAsync("_download/agent/1.0.0/vsts-agent-linux-x64-1.0.0.tar.gz");

        Assert.Equal(404, (int)response.StatusCode);
    }
}
