using Aspire.Hosting.ApplicationModel;
using AspireAgents.Scaling;

namespace Aspire.Hosting.JobEmulation;

/// <summary>
/// Whether a job's KEDA strategy fits what its scaler counts (<c>scaleOnInFlight</c>); see docs/scaling.md.
/// </summary>
internal static class ScalingPairing
{
    /// <summary>A warning for a pairing that over- or under-scales, or <see langword="null"/> when it fits.</summary>
    public static string? Warning(KedaScalingStrategy strategy, bool scaleOnInFlight) => (strategy, scaleOnInFlight) switch
    {
        (KedaScalingStrategy.Default, false) =>
            "strategy 'default' with scaleOnInFlight=false under-scales: running executions are subtracted from jobs that still wait (KEDA #7878). Set scaleOnInFlight=true, or use 'accurate'.",
        (KedaScalingStrategy.Accurate, true) =>
            "strategy 'accurate' with scaleOnInFlight=true over-scales: jobs already running get a second execution that finds no job (KEDA #7747). Set scaleOnInFlight=false, or use 'default'.",
        (KedaScalingStrategy.Eager, true) =>
            "strategy 'eager' with scaleOnInFlight=true over-scales: jobs already running keep free slots filled with executions that find no job. Set scaleOnInFlight=false.",
        _ => null,
    };
}
