namespace AspireAgents.DevOpsEmulator.Identity;

/// <summary>What a validated token says.</summary>
/// <param name="Audience">The resource the token is for.</param>
/// <param name="ObjectId">The identity's principal (object) id.</param>
/// <param name="AppId">The identity's client id.</param>
/// <param name="ExpiresOn">When the token expires.</param>
internal sealed record TokenClaims(string Audience, Guid ObjectId, Guid AppId, DateTimeOffset ExpiresOn);
