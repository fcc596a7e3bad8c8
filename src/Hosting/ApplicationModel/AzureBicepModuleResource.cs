namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// An Azure resource provisioned by azd from one of this library's Bicep modules. At publish time the module is
/// written next to the manifest and described by an <c>azure.bicep.v0</c> entry whose parameters may reference
/// the outputs of other modules (<c>{name.outputs.output}</c>).
/// </summary>
/// <remarks>These resources exist only when the AppHost publishes; under <c>dotnet run</c> they are not part of the model.</remarks>
public abstract class AzureBicepModuleResource : Resource
{
    /// <summary>Initializes a new instance of the <see cref="AzureBicepModuleResource"/> class.</summary>
    /// <param name="name">The resource name.</param>
    /// <param name="templateFileName">The file name of the embedded Bicep module, for example <c>container-registry.bicep</c>.</param>
    protected AzureBicepModuleResource(string name, string templateFileName) : base(name)
    {
        ArgumentException.ThrowIfNullOrEmpty(templateFileName);
        TemplateFileName = templateFileName;
    }

    /// <summary>Gets the file name of the embedded Bicep module.</summary>
    public string TemplateFileName { get; }

    /// <summary>Gets a reference to an output of this resource's module.</summary>
    /// <param name="name">The output name as declared in the module.</param>
    /// <returns>The output reference.</returns>
    public BicepOutputReference GetOutput(string name) => new(this, name);

    /// <summary>
    /// Collects the module parameters from the model. Throws <see cref="DistributedApplicationException"/> when the
    /// configuration cannot be deployed.
    /// </summary>
    /// <param name="parameters">The parameters to fill; values are strings, numbers, booleans or <see cref="BicepOutputReference"/>s.</param>
    internal abstract void AddParameters(IDictionary<string, object> parameters);
}
