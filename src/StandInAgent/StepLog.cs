using System.Text;

namespace AspireAgents.StandInAgent;

/// <summary>
/// A step's output: each line goes to the listener's output at once (the runner logs it) and is kept, stamped
/// with its UTC time as the service's logs are, for the upload when the step ends.
/// </summary>
internal sealed class StepLog
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>Adds a line (stdout and stderr alike); <see langword="null"/> is the end of a stream and adds nothing.</summary>
    public void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        Output.Line(line);
        lock (_gate)
        {
            _text.Append(DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture)).Append(' ').Append(line).Append('\n');
        }
    }
}
