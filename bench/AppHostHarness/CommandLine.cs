using System.Globalization;

namespace AspireAgents.AppHostHarness;

/// <summary>What the runs' command lines share: parsing or explaining the options, option values, and Ctrl+C ending a run cleanly.</summary>
public static class CommandLine
{
    /// <summary>A positive whole number, or an <see cref="ArgumentException"/> naming the option.</summary>
    public static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"{name} '{value}' is not a positive whole number.");

    /// <summary>
    /// The run's options from its arguments; when they are wrong, the reason and the usage on standard error and
    /// <see langword="null"/>, for the run to exit with 2.
    /// </summary>
    public static TOptions? ParseOrExplain<TOptions>(string[] args, Func<string[], TOptions> parse, string usage) where TOptions : class
    {
        try
        {
            return parse(args);
        }
        catch (ArgumentException exception)
        {
            Console.Error.WriteLine(exception.Message);
            Console.Error.WriteLine(usage);
            return null;
        }
    }

    /// <summary>A token that Ctrl+C cancels, so that the AppHost stops and its processes with it.</summary>
    public static CancellationTokenSource CancelOnCtrlC()
    {
        var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        return cancellation;
    }
}
