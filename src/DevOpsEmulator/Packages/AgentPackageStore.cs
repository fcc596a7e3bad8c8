using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using AspireAgents.DevOpsEmulator.Configuration;
using AspireAgents.DevOpsEmulator.Telemetry;
using Microsoft.Extensions.Options;

namespace AspireAgents.DevOpsEmulator.Packages;

/// <summary>
/// Prepares the agent package once: takes <c>Emulator:AgentPackage:Path</c> as is, or packs
/// <c>Emulator:AgentPackage:Directory</c> into a <c>.tar.gz</c>; with neither there is no package.
/// </summary>
internal sealed class AgentPackageStore
{
    private readonly Lazy<AgentPackage?> _package;

    public AgentPackageStore(IOptions<EmulatorOptions> options, ILogger<AgentPackageStore> logger)
    {
        _package = new Lazy<AgentPackage?>(() => Prepare(options.Value.AgentPackage, logger), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The package, or <see langword="null"/> when none is configured or it could not be prepared.</summary>
    public AgentPackage? Package => _package.Value;

    private static AgentPackage? Prepare(AgentPackageOptions options, ILogger logger)
    {
        var fileName = $"vsts-agent-{options.Platform}-{options.Version}.tar.gz";
        var source = !string.IsNullOrWhiteSpace(options.Path) ? options.Path : options.Directory;
        if (string.IsNullOrWhiteSpace(source))
        {
            logger.AgentPackageNotConfigured();
            return null;
        }

        try
        {
            string archive;
            if (!string.IsNullOrWhiteSpace(options.Path))
            {
                archive = Path.GetFullPath(options.Path);
                if (!File.Exists(archive))
                {
                    throw new FileNotFoundException($"Emulator:AgentPackage:Path names no file: {archive}", archive);
                }
            }
            else
            {
                var directory = Path.GetFullPath(options.Directory!);
                if (!Directory.Exists(directory))
                {
                    throw new DirectoryNotFoundException($"Emulator:AgentPackage:Directory names no folder: {directory}");
                }

                var output = Path.Combine(Path.GetTempPath(), "aspireagents-devopsemulator", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Directory.CreateDirectory(output);
                archive = Path.Combine(output, fileName);
                using var file = File.Create(archive);
                using var gzip = new GZipStream(file, CompressionLevel.Fastest);
                TarFile.CreateFromDirectory(directory, gzip, includeBaseDirectory: false);
            }

            string hash;
            using (var stream = File.OpenRead(archive))
            {
                hash = Convert.ToHexStringLower(SHA256.HashData(stream));
            }

            var package = new AgentPackage(archive, fileName, options.Platform, options.Version, hash, File.GetLastWriteTimeUtc(archive));
            logger.AgentPackageReady(fileName, options.Version, options.Platform, hash);
            return package;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.AgentPackageFailed(ex, source);
            return null;
        }
    }
}
