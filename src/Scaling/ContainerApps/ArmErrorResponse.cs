namespace AspireAgents.Scaling.ContainerApps;

/// <summary>ARM's error body, <c>{"error":{"code":…,"message":…}}</c> (common-types ErrorResponse).</summary>
/// <param name="Error">The error.</param>
public sealed record ArmErrorResponse(ArmError? Error);

/// <summary>An ARM error's code and message.</summary>
/// <param name="Code">E.g. <c>AuthorizationFailed</c>, <c>InvalidAuthenticationToken</c>, <c>ResourceNotFound</c>.</param>
/// <param name="Message">What went wrong, for people.</param>
public sealed record ArmError(string? Code, string? Message);
