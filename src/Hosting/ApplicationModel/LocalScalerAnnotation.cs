namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The scaler that answers for a job's built-in <c>azure-pipelines</c> rule under <c>dotnet run</c>, where
/// KEDA's own scaler does not run: the Scaler takes the same metadata and gives the same answers.
/// </summary>
/// <param name="scaler">The scaler.</param>
public sealed class LocalScalerAnnotation(IResourceWithEndpoints scaler) : IResourceAnnotation
{
    /// <summary>The scaler.</summary>
    public IResourceWithEndpoints Scaler { get; } = scaler ?? throw new ArgumentNullException(nameof(scaler));
}
