using System.Text.Json;
using System.Text.Json.Serialization;
using AspireAgents.DevOpsEmulator.Faults;

namespace AspireAgents.DevOpsEmulator.Controls;

/// <summary>JSON for the emulator's own controls (not Azure DevOps shapes).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EmulatorStats))]
[JsonSerializable(typeof(FaultRequest))]
[JsonSerializable(typeof(Fault))]
[JsonSerializable(typeof(IReadOnlyList<Fault>))]
internal sealed partial class EmulatorJsonContext : JsonSerializerContext;
