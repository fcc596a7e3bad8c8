namespace Aspire.Hosting.ApplicationModel;

/// <summary>Makes a container apps environment zone redundant. It needs a custom virtual network.</summary>
public sealed class ContainerAppsZoneRedundancyAnnotation : IResourceAnnotation
{
}
