namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A dedicated workload profile in a container apps environment, next to the Consumption profile every environment has.
/// </summary>
public sealed class ContainerAppsWorkloadProfileAnnotation : IResourceAnnotation
{
    /// <summary>Gets or sets the profile type, for example <c>D4</c>, <c>D8</c> or <c>E4</c>.</summary>
    public required string WorkloadProfileType { get; set; }

    /// <summary>Gets or sets the profile name apps and jobs refer to. Defaults to <c>dedicated</c>.</summary>
    public string Name { get; set; } = "dedicated";

    /// <summary>Gets or sets the minimum node count.</summary>
    public int MinimumCount { get; set; }

    /// <summary>Gets or sets the maximum node count.</summary>
    public int MaximumCount { get; set; } = 3;

    internal void Validate(string environmentName)
    {
        if (string.IsNullOrWhiteSpace(WorkloadProfileType) ||
            string.Equals(WorkloadProfileType, "Consumption", StringComparison.OrdinalIgnoreCase))
        {
            throw new DistributedApplicationException(
                $"Container apps environment '{environmentName}': a dedicated workload profile needs a type such as D4; " +
                "leave the profile out for a Consumption-only environment.");
        }

        if (string.IsNullOrWhiteSpace(Name) || string.Equals(Name, "Consumption", StringComparison.OrdinalIgnoreCase))
        {
            throw new DistributedApplicationException(
                $"Container apps environment '{environmentName}': the dedicated workload profile needs a name other than 'Consumption'.");
        }

        if (MinimumCount < 0 || MaximumCount < 1 || MinimumCount > MaximumCount)
        {
            throw new DistributedApplicationException(
                $"Container apps environment '{environmentName}': workload profile '{Name}' has minimum count {MinimumCount} " +
                $"and maximum count {MaximumCount}; the minimum must be 0 or more and not above the maximum, which must be 1 or more.");
        }
    }
}
