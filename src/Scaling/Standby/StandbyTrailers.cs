namespace AspireAgents.Scaling.Standby;

/// <summary>
/// The trailers the Scaler adds to its <c>GetMetrics</c> answer, so that the job emulation shows the standby count the
/// Scaler computed instead of computing it again. KEDA reads neither: its external scaler calls
/// <c>grpcClient.GetMetrics(ctx, request)</c> with no <c>grpc.Header</c> or <c>grpc.Trailer</c> option
/// (kedacore/keda <c>pkg/scalers/external_scaler.go</c>, GetMetricsAndActivity), so gRPC-Go drops them.
/// </summary>
public static class StandbyTrailers
{
    /// <summary>The standby count included in the metric value.</summary>
    public const string Agents = "standby-agents";

    /// <summary>Where the count came from (<see cref="StandbyTarget.Source"/>).</summary>
    public const string Source = "standby-source";
}
