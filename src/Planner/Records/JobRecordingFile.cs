using System.Text.Json;
using System.Text.Json.Serialization;
using AspireAgents.AzureDevOps.Wire;
using AspireAgents.AzureDevOps.Wire.Reading;

namespace AspireAgents.Planner.Records;

/// <summary>
/// Reads and writes job-record files. Besides its own shape, it reads a saved answer of the service's
/// <c>pools/{poolId}/jobrequests</c> (an object with <c>value</c>), read as tolerantly as the client reads it.
/// </summary>
public static class JobRecordingFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads a job-record file or a saved <c>jobrequests</c> answer.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The recording.</returns>
    /// <exception cref="InvalidDataException">The file is neither shape, or holds no finished job.</exception>
    public static async Task<JobRecording> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path} is not JSON: {exception.Message}", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            JobRecording? recording;
            try
            {
                recording = root.ValueKind != JsonValueKind.Object ? null
                    : root.TryGetProperty("value", out _) ? FromServiceAnswer(root, path)
                    : root.Deserialize<JobRecording>(Options);
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"{path} is not a job-record file: {exception.Message}", exception);
            }

            if (recording?.Jobs is not { Count: > 0 })
            {
                throw new InvalidDataException(
                    $"{path} holds no finished job: write a job-record file ({{\"jobs\": [...]}}) or save the answer of pools/{{poolId}}/jobrequests.");
            }

            return recording.Source is null ? recording with { Source = path } : recording;
        }
    }

    /// <summary>Writes a job-record file (indented, camel case).</summary>
    /// <param name="path">The file; its folder is created.</param>
    /// <param name="recording">The recording.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is written.</returns>
    public static async Task WriteAsync(string path, JobRecording recording, CancellationToken cancellationToken = default)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, recording, Options, cancellationToken).ConfigureAwait(false);
    }

    private static JobRecording FromServiceAnswer(JsonElement root, string path)
    {
        // Read as the client reads the live answer: one odd value never makes the whole list unreadable.
        var answer = root.Deserialize(TolerantReader.For(AzureDevOpsJsonContext.Default.ListResponseTaskAgentJobRequest));
        var (jobs, _) = JobRecords.FromRequests(answer?.Value ?? []);
        return new JobRecording { Source = path, Jobs = jobs };
    }
}
