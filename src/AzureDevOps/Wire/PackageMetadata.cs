namespace AspireAgents.AzureDevOps.Wire;

/// <summary>An agent package (<c>PackageMetadata</c>) from <c>_apis/distributedtask/packages/agent</c>.</summary>
public sealed record PackageMetadata
{
    /// <summary>Always <c>agent</c>.</summary>
    public string Type { get; set; } = "agent";

    /// <summary>The runtime id, e.g. <c>linux-x64</c>.</summary>
    public required string Platform { get; init; }

    /// <summary>When the package was published.</summary>
    public DateTimeOffset CreatedOn { get; init; }

    /// <summary>The package version.</summary>
    public required PackageVersion Version { get; init; }

    /// <summary>Where to download the archive.</summary>
    public required string DownloadUrl { get; init; }

    /// <summary>The archive's file name.</summary>
    public required string Filename { get; init; }

    /// <summary>The archive's hash, for the downloader to verify.</summary>
    public string? HashValue { get; init; }

    /// <summary>Release notes.</summary>
    public string? InfoUrl { get; init; }
}

/// <summary>A package version.</summary>
/// <param name="Major">Major version.</param>
/// <param name="Minor">Minor version.</param>
/// <param name="Patch">Patch version.</param>
public sealed record PackageVersion(int Major, int Minor, int Patch)
{
    /// <inheritdoc />
    public override string ToString() => $"{Major}.{Minor}.{Patch}";
}
