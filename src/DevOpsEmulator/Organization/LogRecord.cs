namespace AspireAgents.DevOpsEmulator.Organization;

/// <summary>A log of a job's plan: what the agent uploaded for one step, served back as a build log.</summary>
internal sealed class LogRecord(int id, string path, DateTimeOffset createdOn)
{
    private bool _openLine;

    public int Id { get; } = id;

    public string Path { get; } = path;

    public DateTimeOffset CreatedOn { get; } = createdOn;

    public DateTimeOffset LastChangedOn { get; set; } = createdOn;

    public List<string> Lines { get; } = [];

    /// <summary>Adds uploaded text; a line the upload leaves unfinished is finished by the next one.</summary>
    public void Append(string text, DateTimeOffset now)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var count = text.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        if (_openLine && count > 0)
        {
            Lines[^1] += lines[0];
            Lines.AddRange(lines[1..count]);
        }
        else
        {
            Lines.AddRange(lines[..count]);
        }

        _openLine = count > 0 && !text.EndsWith('\n');
        LastChangedOn = now;
    }
}
