using System.Text.Json.Serialization;

namespace AspireAgents.AzureDevOps.Wire;

/// <summary>
/// The managed-identity endpoint's answer (App Service / Container Apps protocol, api-version 2019-08-01).
/// </summary>
/// <param name="AccessToken">The bearer token.</param>
/// <param name="ExpiresOn">Expiry as Unix seconds, sent as a string.</param>
/// <param name="Resource">The resource (audience) the token is for.</param>
/// <param name="TokenType">Always <c>Bearer</c>.</param>
/// <param name="ClientId">The identity's client id.</param>
public sealed record ManagedIdentityToken(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_on")] string ExpiresOn,
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("client_id")] string ClientId);

/// <summary>An OAuth-style error from the managed-identity endpoint.</summary>
/// <param name="Error">The error code, e.g. <c>invalid_resource</c>.</param>
/// <param name="ErrorDescription">What went wrong and how to fix it.</param>
public sealed record ManagedIdentityError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);
