using AspireAgents.Scaler.Protocol;

namespace AspireAgents.Scaler.Tests.Fakes;

/// <summary>The scaler's own gRPC client for a <see cref="ScalerProcess"/> (TestSupport knows its channel, not its protocol).</summary>
internal static class ScalerProcessClient
{
    extension(ScalerProcess scaler)
    {
        /// <summary>A client of the external scaler service on the process's channel.</summary>
        public ExternalScaler.ExternalScalerClient Client => new(scaler.Channel);
    }
}
