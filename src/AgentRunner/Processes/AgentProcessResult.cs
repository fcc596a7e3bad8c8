using System.Runtime.InteropServices;

namespace AspireAgents.AgentRunner.Processes;

/// <summary>How an agent script ended.</summary>
/// <param name="ExitCode">The script's exit code (128 + n when signal n ended it).</param>
/// <param name="ForwardedSignal">The signal forwarded to it, if any.</param>
/// <param name="Killed">It did not stop in time and was killed.</param>
internal sealed record AgentProcessResult(int ExitCode, PosixSignal? ForwardedSignal, bool Killed);
