namespace AspireAgents.DevOpsEmulator.Faults;

/// <summary>An injected fault as <c>/_emulator/faults</c> lists it.</summary>
/// <param name="Id">The fault's id.</param>
/// <param name="Status">The status it answers with, if any.</param>
/// <param name="RetryAfterSeconds">Its <c>Retry-After</c>.</param>
/// <param name="DelayMilliseconds">Its delay.</param>
/// <param name="PathPattern">The paths it applies to.</param>
/// <param name="Method">The method it applies to, if only one.</param>
/// <param name="Remaining">How many more requests it applies to; none means until cleared.</param>
/// <param name="Applied">How many requests it has answered.</param>
public sealed record Fault(int Id, int? Status, int? RetryAfterSeconds, int? DelayMilliseconds, string PathPattern, string? Method, int? Remaining, int Applied);
