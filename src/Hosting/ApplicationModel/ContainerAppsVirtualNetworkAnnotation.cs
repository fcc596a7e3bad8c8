namespace Aspire.Hosting.ApplicationModel;

/// <summary>Places a container apps environment in a custom virtual network.</summary>
public sealed class ContainerAppsVirtualNetworkAnnotation : IResourceAnnotation
{
    /// <summary>
    /// Gets or sets the resource id of the infrastructure subnet, which must be delegated to <c>Microsoft.App/environments</c>.
    /// </summary>
    public string? InfrastructureSubnetId { get; set; }

    /// <summary>Gets or sets whether the environment has only an internal load balancer (no public endpoint).</summary>
    public bool Internal { get; set; }

    internal void Validate(string environmentName)
    {
        if (string.IsNullOrWhiteSpace(InfrastructureSubnetId))
        {
            throw new DistributedApplicationException(
                Internal
                    ? $"Container apps environment '{environmentName}' is internal but has no infrastructure subnet id: " +
                      "an internal environment lives in your virtual network. Set the subnet id (a subnet delegated to Microsoft.App/environments)."
                    : $"Container apps environment '{environmentName}' has a virtual network without an infrastructure subnet id.");
        }

        if (!InfrastructureSubnetId.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase) ||
            !InfrastructureSubnetId.Contains("/providers/Microsoft.Network/virtualNetworks/", StringComparison.OrdinalIgnoreCase) ||
            !InfrastructureSubnetId.Contains("/subnets/", StringComparison.OrdinalIgnoreCase))
        {
            throw new DistributedApplicationException(
                $"Container apps environment '{environmentName}': '{InfrastructureSubnetId}' is not a subnet resource id " +
                "(/subscriptions/…/providers/Microsoft.Network/virtualNetworks/…/subnets/…).");
        }
    }
}
