using System.Globalization;

namespace AspireAgents.Scaler.Services;

/// <summary>Metric names as KEDA's <c>azure-pipelines</c> scaler forms them (KEDA adds the <c>sN-</c> prefix itself).</summary>
public static class MetricNames
{
    /// <summary>The metric name for a pool: <c>azure-pipelines-{poolId}</c>, normalised as KEDA normalises names.</summary>
    /// <param name="poolId">The pool id.</param>
    /// <returns>The metric name.</returns>
    public static string ForPool(int poolId) => Normalize("azure-pipelines-" + poolId.ToString(CultureInfo.InvariantCulture));

    /// <summary>Replaces <c>/ . : % ( )</c> with <c>-</c>, which metric names may not contain.</summary>
    /// <param name="name">A name.</param>
    /// <returns>The normalised name.</returns>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Create(name.Length, name, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is '/' or '.' or ':' or '%' or '(' or ')' ? '-' : source[i];
            }
        });
    }
}
