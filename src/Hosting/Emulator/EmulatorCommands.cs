using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Aspire.Hosting.Emulator;

/// <summary>The emulator's dashboard commands: they call its public APIs, as a user with curl would.</summary>
internal static class EmulatorCommands
{
    public static async Task<ExecuteCommandResult> QueuePipelineRunAsync(ExecuteCommandContext context, ProjectResource emulatorResource)
    {
        var interaction = context.Services.GetRequiredService<IInteractionService>();
        var (emulator, client) = Connect(emulatorResource);
        using (client)
        {
            var pipelines = await client.GetFromJsonAsync<JsonObject>(
                $"{emulator.Project}/_apis/pipelines?api-version=7.1", context.CancellationToken).ConfigureAwait(false);
            var names = pipelines?["value"]?.AsArray()
                .Select(p => (Id: p!["id"]!.GetValue<int>(), Name: p["name"]!.GetValue<string>()))
                .ToList() ?? [];
            if (names.Count == 0)
            {
                return CommandResults.Failure("The emulator has no pipelines: add some under Emulator:Pipelines.");
            }

            var inputs = await interaction.PromptInputsAsync(
                "Queue pipeline run",
                "Queues runs through `POST {project}/_apis/pipelines/{id}/runs`, as Azure DevOps would.",
                [
                    new InteractionInput
                    {
                        Name = "pipeline", Label = "Pipeline", InputType = InputType.Choice, Required = true,
                        Options = [.. names.Select(p => KeyValuePair.Create(p.Id.ToString(CultureInfo.InvariantCulture), p.Name))],
                        Value = names[0].Id.ToString(CultureInfo.InvariantCulture),
                    },
                    new InteractionInput { Name = "count", Label = "Runs", InputType = InputType.Number, Required = true, Value = "5" },
                    new InteractionInput { Name = "durationSeconds", Label = "Duration (s)", InputType = InputType.Number, Value = "3" },
                    new InteractionInput { Name = "demands", Label = "Demands (comma-separated)", InputType = InputType.Text },
                ],
                cancellationToken: context.CancellationToken).ConfigureAwait(false);
            if (inputs.Canceled)
            {
                return CommandResults.Canceled();
            }

            var values = inputs.Data;
            var count = Math.Clamp(values.GetInt32("count"), 1, 1000);
            var parameters = new Dictionary<string, string>();
            if (values.GetString("durationSeconds") is { Length: > 0 } duration)
            {
                parameters["durationSeconds"] = duration;
            }

            if (values.GetString("demands") is { Length: > 0 } demands)
            {
                parameters["demands"] = demands;
            }

            for (var i = 0; i < count; i++)
            {
                using var response = await client.PostAsJsonAsync(
                    $"{emulator.Project}/_apis/pipelines/{values.GetString("pipeline")}/runs?api-version=7.1",
                    new { templateParameters = parameters }, context.CancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    return CommandResults.Failure($"Run {i + 1} of {count} was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(context.CancellationToken).ConfigureAwait(false)}");
                }
            }

            return CommandResults.Success();
        }
    }

    public static async Task<ExecuteCommandResult> InjectFaultAsync(ExecuteCommandContext context, ProjectResource emulatorResource)
    {
        var interaction = context.Services.GetRequiredService<IInteractionService>();
        var inputs = await interaction.PromptInputsAsync(
            "Inject fault",
            "The next matching requests fail as Azure DevOps fails (throttled, unavailable, or a 203 sign-in page), or answer slowly.",
            [
                new InteractionInput
                {
                    Name = "status", Label = "Answer", InputType = InputType.Choice, Required = true, Value = "429",
                    Options =
                    [
                        KeyValuePair.Create("429", "429 Too Many Requests (TF400733)"),
                        KeyValuePair.Create("503", "503 Service Unavailable"),
                        KeyValuePair.Create("500", "500 Internal Server Error"),
                        KeyValuePair.Create("203", "203 sign-in page (bad credentials)"),
                        KeyValuePair.Create(SlowAnswer, "Slow answer (only the delay)"),
                    ],
                },
                new InteractionInput { Name = "pathPattern", Label = "Path pattern", InputType = InputType.Text, Value = "*/jobrequests*" },
                new InteractionInput { Name = "count", Label = "Requests", InputType = InputType.Number, Value = "3" },
                new InteractionInput { Name = "retryAfterSeconds", Label = "Retry-After (s)", InputType = InputType.Number, Value = "5" },
                new InteractionInput { Name = "delayMilliseconds", Label = "Delay (ms)", InputType = InputType.Number, Value = "0" },
            ],
            cancellationToken: context.CancellationToken).ConfigureAwait(false);
        if (inputs.Canceled)
        {
            return CommandResults.Canceled();
        }

        var values = inputs.Data;
        var fault = FaultBody(values.GetString("status") ?? "429", values.GetString("pathPattern"), values.GetInt32("count"),
            values.GetInt32("retryAfterSeconds"), values.GetInt32("delayMilliseconds"));

        var (_, client) = Connect(emulatorResource);
        using (client)
        {
            using var response = await client.PostAsync(
                new Uri(client.BaseAddress!, "/_emulator/faults"),
                new StringContent(fault.ToJsonString(), Encoding.UTF8, "application/json"),
                context.CancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? CommandResults.Success()
                : CommandResults.Failure($"The emulator refused the fault: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(context.CancellationToken).ConfigureAwait(false)}");
        }
    }

    /// <summary>
    /// The body of <c>POST /_emulator/faults</c> for the dialog's answers: a status (with its <c>Retry-After</c>), or
    /// <see cref="SlowAnswer"/> for no status at all, so that matching requests are only held for the delay and then served.
    /// </summary>
    internal static JsonObject FaultBody(string answer, string? pathPattern, int count, int retryAfterSeconds, int delayMilliseconds)
    {
        var slow = answer == SlowAnswer;
        var fault = new JsonObject
        {
            ["pathPattern"] = pathPattern,
            ["count"] = count,
        };
        if (!slow)
        {
            fault["status"] = int.Parse(answer, CultureInfo.InvariantCulture);
            fault["retryAfterSeconds"] = retryAfterSeconds;
        }

        if (delayMilliseconds > 0 || slow)
        {
            fault["delayMilliseconds"] = delayMilliseconds;
        }

        return fault;
    }

    /// <summary>The dialog's answer that only delays.</summary>
    internal const string SlowAnswer = "delay";

    /// <summary>A client of the emulator's organisation, signed in with its well-known development PAT, as curl would be.</summary>
    internal static (AzureDevOpsEmulatorAnnotation Settings, HttpClient Client) Connect(ProjectResource emulator)
    {
        var reference = new AzureDevOpsEmulatorReferenceAnnotation(emulator);
        var client = new HttpClient { BaseAddress = new Uri($"{reference.OrganizationUrl}/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(":" + AzureDevOpsEmulatorAnnotation.DevelopmentPersonalAccessToken)));
        return (reference.Settings, client);
    }
}
