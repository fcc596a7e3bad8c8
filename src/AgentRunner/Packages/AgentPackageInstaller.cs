using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.AgentRunner.Packages;

/// <summary>
/// Makes sure an agent is installed: a pre-installed one (the image's) is used as is; otherwise the package
/// Azure DevOps offers for this platform is downloaded, its SHA-256 checked against <c>hashValue</c>, and
/// extracted.
/// </summary>
internal sealed class AgentPackageInstaller(HttpClient download)
{
    /// <summary>The file whose presence marks an installed agent.</summary>
    public const string ConfigScript = "config.sh";

    /// <summary>Whether <paramref name="directory"/> holds an installed agent.</summary>
    public static bool IsInstalled(string directory) => File.Exists(Path.Combine(directory, ConfigScript));

    /// <summary>This process's platform as Azure DevOps names it: <c>linux-x64</c>, <c>linux-musl-arm64</c>, <c>osx-arm64</c>…</summary>
    public static string CurrentPlatform()
    {
        var os = OperatingSystem.IsLinux()
            ? RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.OrdinalIgnoreCase) ? "linux-musl" : "linux"
            : OperatingSystem.IsMacOS() ? "osx" : "win";
        var arch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.X86 => "x86",
            Architecture.Arm64 => "arm64",
            Architecture.Arm => "arm",
            var other => other.ToString().ToLowerInvariant(),
        };
        return $"{os}-{arch}";
    }

    /// <summary>
    /// Downloads <paramref name="package"/>, verifies it and extracts it into <paramref name="directory"/>
    /// (which must not exist or be empty).
    /// </summary>
    /// <exception cref="AgentPackageException">The package is unusable; the message says why.</exception>
    public async Task InstallAsync(PackageMetadata package, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        var expected = ParseSha256(package);
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new AgentPackageException(
                $"{EnvironmentNames.AgentDirectory} '{directory}' holds files but no {ConfigScript}: point it at an installed agent or at an empty directory.");
        }

        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(directory)) ?? directory;
        var staging = Path.Combine(parent, $".{Path.GetFileName(Path.TrimEndingDirectorySeparator(directory))}.{Guid.NewGuid():N}.partial");
        var archive = staging + ".tar.gz";
        try
        {
            Directory.CreateDirectory(parent);
            var actual = await DownloadAsync(package.DownloadUrl, archive, cancellationToken).ConfigureAwait(false);
            if (!CryptographicOperations.FixedTimeEquals(actual, expected))
            {
                throw new AgentPackageException(
                    $"The agent package {package.Filename} from {package.DownloadUrl} does not match its hashValue " +
                    $"(expected SHA-256 {Convert.ToHexStringLower(expected)}, got {Convert.ToHexStringLower(actual)}): refusing to run it. " +
                    "Fix: the download was corrupted or tampered with; retry, or install the agent in the image.");
            }

            Directory.CreateDirectory(staging);
            await using (var file = File.OpenRead(archive))
            await using (var gzip = new GZipStream(file, CompressionMode.Decompress))
            {
                await TarFile.ExtractToDirectoryAsync(gzip, staging, overwriteFiles: false, cancellationToken).ConfigureAwait(false);
            }

            if (!IsInstalled(staging))
            {
                throw new AgentPackageException($"The agent package {package.Filename} holds no {ConfigScript}: it is not an agent package.");
            }

            if (Directory.Exists(directory))
            {
                Directory.Delete(directory);
            }

            Directory.Move(staging, directory);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or HttpRequestException)
        {
            throw new AgentPackageException($"The agent package {package.Filename} could not be installed into '{directory}': {e.Message}", e);
        }
        finally
        {
            File.Delete(archive);
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private async Task<byte[]> DownloadAsync(string url, string path, CancellationToken cancellationToken)
    {
        // Packages come from a public CDN: the request carries no credential.
        using var response = await download.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new AgentPackageException($"Downloading the agent package from {url} failed with {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var buffer = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        return hash.GetHashAndReset();
    }

    private static byte[] ParseSha256(PackageMetadata package)
    {
        var value = package.HashValue?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            throw new AgentPackageException($"The agent package {package.Filename} has no hashValue: refusing to run an unverified download. Fix: install the agent in the image.");
        }

        if (value.Length != SHA256.HashSizeInBytes * 2 || !value.All(char.IsAsciiHexDigit))
        {
            throw new AgentPackageException($"The agent package {package.Filename} has a hashValue '{value}' that is not a SHA-256 in hex: refusing to run an unverified download.");
        }

        return Convert.FromHexString(value);
    }
}
