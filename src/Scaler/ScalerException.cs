using Grpc.Core;

namespace AspireAgents.Scaler;

/// <summary>A failure the scaler reports to its caller with a precise gRPC status and a message naming the cause.</summary>
public sealed class ScalerException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The gRPC status the RPC fails with.</param>
    /// <param name="message">What went wrong, naming the metadata key or the cause, and the fix where there is one.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ScalerException(StatusCode statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The gRPC status the RPC fails with.</summary>
    public StatusCode StatusCode { get; }
}
