using System.Text.Json;
using System.Text.Json.Serialization;

namespace AspireAgents.AzureDevOps.Wire;

/// <summary>
/// The one System.Text.Json contract for every Azure DevOps shape: camelCase names, enums as camelCase
/// strings, nulls omitted (as the service omits them), ISO-8601 times.
/// </summary>
/// <remarks>
/// Properties with a default the service may omit are <c>set</c>, not <c>init</c>: the source generator
/// assigns every init-only property in its object initializer, so a missing field would overwrite the
/// default with <c>default(T)</c>.
/// </remarks>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ListResponse<TaskAgentPool>))]
[JsonSerializable(typeof(ListResponse<TaskAgent>))]
[JsonSerializable(typeof(ListResponse<TaskAgentJobRequest>))]
[JsonSerializable(typeof(ListResponse<PackageMetadata>))]
[JsonSerializable(typeof(ListResponse<Pipeline>))]
[JsonSerializable(typeof(ListResponse<PipelineRun>))]
[JsonSerializable(typeof(ListResponse<BuildLog>))]
[JsonSerializable(typeof(TaskAgent))]
[JsonSerializable(typeof(TaskAgentJobRequest))]
[JsonSerializable(typeof(TaskAgentSession))]
[JsonSerializable(typeof(TaskAgentMessage))]
[JsonSerializable(typeof(AgentJobRequestMessage))]
[JsonSerializable(typeof(JobCancelMessage))]
[JsonSerializable(typeof(PipelineRun))]
[JsonSerializable(typeof(RunPipelineParameters))]
[JsonSerializable(typeof(ManagedIdentityToken))]
[JsonSerializable(typeof(ManagedIdentityError))]
[JsonSerializable(typeof(AzureDevOpsError))]
[JsonSerializable(typeof(ConnectionData))]
[JsonSerializable(typeof(TaskLog))]
public sealed partial class AzureDevOpsJsonContext : JsonSerializerContext;
