using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AspireAgents.AzureDevOps.Wire.Reading;

/// <summary>
/// How the client reads Azure DevOps's answers: the strict contract (<see cref="AzureDevOpsJsonContext"/>, one
/// definition of each shape, which is also what is sent and what the emulator reads) read liberally, so that one odd
/// value never makes a whole answer unreadable. Enum values this client does not know are the enum's <c>Unknown</c>
/// member; enums sent as numbers are read in the service's numbering; ids and numbers sent as strings (or strings
/// as numbers), GUIDs in any form, <c>null</c> or a value of the wrong kind where a value type was expected (its
/// default; <see langword="null"/> for a nullable one), missing required fields, <c>null</c> list elements and
/// elements that cannot be read at all (left out) are all read. Every such value is recorded on the call's span
/// (event <c>azp.odd_value</c> with the raw text) and counted (<c>azp.client.odd_values</c>). What each of the
/// fields the scaler and the runner use means when odd is documented on the field and in docs/scaler.md.
/// </summary>
public static class TolerantReader
{
    /// <summary>The reading options: the strict contract with lenient converters. Never used to write.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The tolerant type info for a type of the strict contract.</summary>
    /// <typeparam name="T">A type of <see cref="AzureDevOpsJsonContext"/>.</typeparam>
    /// <param name="strict">Its strict type info, e.g. <c>AzureDevOpsJsonContext.Default.TaskAgent</c>.</param>
    /// <returns>The type info to read answers of that type with.</returns>
    public static JsonTypeInfo<T> For<T>(JsonTypeInfo<T> strict)
    {
        ArgumentNullException.ThrowIfNull(strict);
        return (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var strict = AzureDevOpsJsonContext.Default;
        var options = new JsonSerializerOptions(strict.Options)
        {
            TypeInfoResolver = strict.WithAddedModifier(NothingIsRequired),
        };

        options.Converters.Add(new LenientEnumConverter<TaskResult>(strict.TaskResult, TaskResult.Unknown, LenientEnumConverter<TaskResult>.Declared(TaskResult.Unknown)));
        options.Converters.Add(new LenientEnumConverter<TaskAgentStatus>(strict.TaskAgentStatus, TaskAgentStatus.Unknown, new Dictionary<long, TaskAgentStatus>
        {
            [1] = TaskAgentStatus.Offline,
            [2] = TaskAgentStatus.Online,
        }));
        options.Converters.Add(new LenientEnumConverter<RunState>(strict.RunState, RunState.Unknown, new Dictionary<long, RunState>
        {
            [0] = RunState.Unknown,
            [1] = RunState.InProgress,
            [2] = RunState.Canceling,
            [4] = RunState.Completed,
        }));
        options.Converters.Add(new LenientEnumConverter<RunResult>(strict.RunResult, RunResult.Unknown, new Dictionary<long, RunResult>
        {
            [0] = RunResult.Unknown,
            [1] = RunResult.Succeeded,
            [2] = RunResult.Failed,
            [4] = RunResult.Canceled,
        }));

        Add(options, new LenientIntegerConverter<int>());
        Add(options, new LenientIntegerConverter<long>());
        Add(options, new LenientBooleanConverter());
        Add(options, new LenientGuidConverter());
        Add(options, new LenientDateTimeOffsetConverter());
        options.Converters.Add(new LenientStringConverter());
        options.Converters.Add(new LenientDemandsConverter());

        options.Converters.Add(new LenientListConverter<TaskAgentJobRequest>());
        options.Converters.Add(new LenientListConverter<TaskAgentReference>());
        options.Converters.Add(new LenientListConverter<TaskAgentPool>());
        options.Converters.Add(new LenientListConverter<TaskAgent>());
        options.Converters.Add(new LenientListConverter<PackageMetadata>());
        options.Converters.Add(new LenientListConverter<Pipeline>());
        options.Converters.Add(new LenientListConverter<PipelineRun>());
        options.Converters.Add(new LenientListConverter<JobStep>());

        options.MakeReadOnly();
        return options;
    }

    private static void Add<T>(JsonSerializerOptions options, LenientValueConverter<T> converter)
        where T : struct
    {
        options.Converters.Add(converter);
        options.Converters.Add(new LenientNullableConverter<T>(converter));
    }

    // A missing "name" on one matched agent must not make the job list unreadable: the C# `required` stays for
    // code that builds these shapes, reading fills what is missing with defaults.
    private static void NothingIsRequired(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            property.IsRequired = false;
        }
    }
}
