using System.Text.Json;
using System.Text.Json.Serialization;
using AspireAgents.DevOpsEmulator.Faults;
using AspireAgents.DevOpsEmulator.Identity;

namespace AspireAgents.DevOpsEmulator.Controls;

/// <summary>JSON for the emulator's own controls and the agents' OAuth and token introspection endpoints (not Azure DevOps wire shapes).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EmulatorStats))]
[JsonSerializable(typeof(FaultRequest))]
[JsonSerializable(typeof(Fault))]
[JsonSerializable(typeof(IReadOnlyList<Fault>))]
[JsonSerializable(typeof(AgentTokenResponse))]
[JsonSerializable(typeof(OAuthError))]
[JsonSerializable(typeof(TokenIntrospection))]
internal sealed partial class EmulatorJsonContext : JsonSerializerContext;
