using System.Text.Json.Serialization;

namespace AspireAgents.Scaling.ContainerApps;

/// <summary>
/// The executions API's JSON, one definition for the observer that reads it and the job emulation that serves it:
/// camel case as ARM writes it, nulls left out, unknown members ignored.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(JobExecutionList))]
[JsonSerializable(typeof(ArmErrorResponse))]
public sealed partial class ContainerAppsJsonContext : JsonSerializerContext;
