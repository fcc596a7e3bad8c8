namespace AspireAgents.DevOpsEmulator.Faults;

/// <summary>The body of <c>POST /_emulator/faults</c>: what to answer, where, and how often.</summary>
/// <param name="Status">The status to answer with: 203 (sign-in page), 429, 500 or 503; none to only delay.</param>
/// <param name="RetryAfterSeconds">A <c>Retry-After</c> header to send with it.</param>
/// <param name="DelayMilliseconds">How long to hold the request first.</param>
/// <param name="PathPattern">Which paths: <c>*</c> matches any characters; default every path.</param>
/// <param name="Method">Which HTTP method; default every method.</param>
/// <param name="Count">For how many requests; default until the faults are cleared.</param>
public sealed record FaultRequest(
    int? Status = null,
    int? RetryAfterSeconds = null,
    int? DelayMilliseconds = null,
    string? PathPattern = null,
    string? Method = null,
    int? Count = null);
