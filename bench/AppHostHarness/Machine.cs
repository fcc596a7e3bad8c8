using System.Globalization;
using System.Runtime.InteropServices;

namespace AspireAgents.AppHostHarness;

/// <summary>What the results were measured on.</summary>
public static class Machine
{
    public static string Description =>
        $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}";

    /// <summary>The first line of a run's results: what ran, when, on what, and how busy the machine was before.</summary>
    public static string ResultsHeader(string title) =>
        FormattableString.Invariant($"# {title}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC: {Description}; load average before: {LoadAverage():0.0}");

    /// <summary>The one-minute load average (Linux), or null elsewhere.</summary>
    public static double? LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
