using AspireAgents.DevOpsEmulator.Identity;

namespace AspireAgents.DevOpsEmulator.Auth;

/// <summary>Who an authenticated request comes from, kept on the request for handlers (<see cref="Of"/>).</summary>
/// <param name="Id">The identity's id.</param>
/// <param name="Name">Its display name.</param>
/// <param name="Descriptor">Its identity descriptor, as <c>connectionData</c> shows it.</param>
/// <param name="Agent">Set when the caller is an agent with its own access token.</param>
internal sealed record Caller(Guid Id, string Name, string Descriptor, AgentPrincipal? Agent = null)
{
    private static readonly object Key = new();

    public void AttachTo(HttpContext context) => context.Items[Key] = this;

    /// <summary>The caller of an authenticated request.</summary>
    public static Caller? Of(HttpContext context) => context.Items.TryGetValue(Key, out var caller) ? caller as Caller : null;
}
