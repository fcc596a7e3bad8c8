namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A manifest expression azd resolves at deploy time from a compute entry, such as the image it has just built and
/// pushed (<c>{agents.containerImage}</c>).
/// </summary>
/// <param name="valueExpression">The expression.</param>
internal sealed class ResourceExpression(string valueExpression)
{
    /// <summary>Gets the expression.</summary>
    public string ValueExpression { get; } = valueExpression;

    /// <summary>The image azd builds and pushes for a compute entry.</summary>
    public static ResourceExpression ContainerImage(string resourceName) => new($"{{{resourceName}.containerImage}}");

    /// <inheritdoc />
    public override string ToString() => ValueExpression;
}
