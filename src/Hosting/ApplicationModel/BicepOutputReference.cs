namespace Aspire.Hosting.ApplicationModel;

/// <summary>A reference to an output of an <see cref="AzureBicepModuleResource"/>'s module, resolved by azd.</summary>
/// <param name="resource">The resource whose module declares the output.</param>
/// <param name="name">The output name.</param>
public sealed class BicepOutputReference(AzureBicepModuleResource resource, string name) : IManifestExpressionProvider
{
    /// <summary>Gets the resource whose module declares the output.</summary>
    public AzureBicepModuleResource Resource { get; } = resource ?? throw new ArgumentNullException(nameof(resource));

    /// <summary>Gets the output name.</summary>
    public string Name { get; } = string.IsNullOrEmpty(name) ? throw new ArgumentException("An output name is required.", nameof(name)) : name;

    /// <summary>Gets the manifest expression azd resolves: <c>{resource.outputs.name}</c>.</summary>
    public string ValueExpression => $"{{{Resource.Name}.outputs.{Name}}}";

    /// <inheritdoc />
    public override string ToString() => ValueExpression;
}
