using AspireAgents.AzureDevOps.Wire;

namespace AspireAgents.DevOpsEmulator.Apis;

/// <summary>
/// An error the service would answer with: an HTTP status and an <see cref="AzureDevOpsError"/> body.
/// Thrown by the organisation state and turned into a response in one place.
/// </summary>
internal sealed class ServiceException(int statusCode, string message, string typeKey, string typeName) : Exception(message)
{
    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>The exception's short type key, e.g. <c>TaskAgentPoolNotFoundException</c>.</summary>
    public string TypeKey { get; } = typeKey;

    /// <summary>The exception's full type name on the service.</summary>
    public string TypeName { get; } = typeName;

    /// <summary>The response body.</summary>
    public AzureDevOpsError ToError() => new(Message, TypeName, TypeKey);
}
