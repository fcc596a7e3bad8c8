using System.Text.RegularExpressions;

namespace AspireAgents.DevOpsEmulator.Faults;

/// <summary>The injected faults, matched in the order they were added.</summary>
internal sealed class FaultStore
{
    /// <summary>The statuses a fault may answer with.</summary>
    public static readonly IReadOnlySet<int> SupportedStatuses = new HashSet<int> { 203, 429, 500, 503 };

    private readonly Lock _gate = new();
    private readonly List<(Fault Fault, Regex Pattern)> _faults = [];
    private int _nextId = 1;

    /// <summary>Validates and adds a fault; returns an error message when the request is not valid.</summary>
    public (Fault? Fault, string? Error) Add(FaultRequest request)
    {
        if (request.Status is { } status && !SupportedStatuses.Contains(status))
        {
            return (null, $"status {status} is not supported; use one of {string.Join(", ", SupportedStatuses)}.");
        }

        if (request.Status is null && request.DelayMilliseconds is null or <= 0)
        {
            return (null, "give a status (203, 429, 500 or 503), a delayMilliseconds, or both.");
        }

        if (request.Count is <= 0 || request.DelayMilliseconds is < 0 || request.RetryAfterSeconds is < 0)
        {
            return (null, "count must be positive; delayMilliseconds and retryAfterSeconds must not be negative.");
        }

        var pattern = string.IsNullOrWhiteSpace(request.PathPattern) ? "*" : request.PathPattern.Trim();
        var regex = new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        lock (_gate)
        {
            var fault = new Fault(_nextId++, request.Status, request.RetryAfterSeconds, request.DelayMilliseconds, pattern, request.Method?.ToUpperInvariant(), request.Count, 0);
            _faults.Add((fault, regex));
            return (fault, null);
        }
    }

    /// <summary>The first fault that applies to the request, counted as applied.</summary>
    public Fault? Take(string method, string path)
    {
        lock (_gate)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                var (fault, pattern) = _faults[i];
                if ((fault.Method is null || fault.Method.Equals(method, StringComparison.OrdinalIgnoreCase)) && pattern.IsMatch(path))
                {
                    var updated = fault with { Remaining = fault.Remaining - 1, Applied = fault.Applied + 1 };
                    if (updated.Remaining is <= 0)
                    {
                        _faults.RemoveAt(i);
                    }
                    else
                    {
                        _faults[i] = (updated, pattern);
                    }

                    return updated;
                }
            }

            return null;
        }
    }

    public IReadOnlyList<Fault> List()
    {
        lock (_gate)
        {
            return [.. _faults.Select(f => f.Fault)];
        }
    }

    public bool Remove(int id)
    {
        lock (_gate)
        {
            return _faults.RemoveAll(f => f.Fault.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }
}
