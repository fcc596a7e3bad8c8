using System.Diagnostics;
using AspireAgents.AzureDevOps.Telemetry;

namespace AspireAgents.AzureDevOps.Wire.Reading;

/// <summary>
/// Where the tolerant reader reports what it read liberally: an event on the client call's span with the raw text
/// (once per distinct value and span, so a list of 250 alike jobs adds one event) and the <c>azp.client.odd_values</c>
/// counter. Nothing is logged here: the client has no logger, and the span is where an operator looks at a call.
/// </summary>
internal static class OddValues
{
    /// <summary>The span event's name.</summary>
    public const string EventName = "azp.odd_value";

    /// <summary>A value of an enum that this client does not know, mapped to its <c>Unknown</c> member.</summary>
    public const string UnknownMember = "unknown_member";

    /// <summary>A value of the wrong kind or format, read as absent or default.</summary>
    public const string Unreadable = "unreadable";

    /// <summary>A list element that could not be read at all and was left out.</summary>
    public const string SkippedElement = "skipped_element";

    // Raw text can be anything the service (or a proxy) sent; a span attribute need not carry all of it.
    private const int MaxRawChars = 200;

    /// <summary>Records one odd value.</summary>
    /// <param name="kind"><see cref="UnknownMember"/>, <see cref="Unreadable"/> or <see cref="SkippedElement"/>.</param>
    /// <param name="type">The .NET type that was expected, e.g. <c>TaskResult</c>.</param>
    /// <param name="raw">What was sent, as text.</param>
    public static void Record(string kind, string type, string raw)
    {
        AzureDevOpsTelemetry.OddValues.Add(1, new TagList { { "azp.wire.oddity", kind }, { "azp.wire.type", type } });
        if (Activity.Current is not { } activity)
        {
            return;
        }

        var text = raw.Length <= MaxRawChars ? raw : raw[..MaxRawChars] + "…";
        foreach (var existing in activity.Events)
        {
            if (existing.Name == EventName
                && Equals(Tag(existing, "azp.wire.type"), type)
                && Equals(Tag(existing, "azp.wire.value"), text))
            {
                return;
            }
        }

        activity.AddEvent(new ActivityEvent(EventName, tags: new ActivityTagsCollection
        {
            { "azp.wire.oddity", kind },
            { "azp.wire.type", type },
            { "azp.wire.value", text },
        }));
    }

    private static object? Tag(ActivityEvent activityEvent, string key)
    {
        foreach (var tag in activityEvent.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value;
            }
        }

        return null;
    }
}
