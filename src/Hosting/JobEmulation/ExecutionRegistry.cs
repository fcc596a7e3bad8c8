using AspireAgents.Scaling;

namespace Aspire.Hosting.JobEmulation;

/// <summary>
/// A job's executions: those listed in the dashboard (finished ones up to a history limit, like KEDA's job history
/// limits), what KEDA counts of them, and the job's counters. Safe to use from the poll loop and the executions at once.
/// </summary>
internal sealed class ExecutionRegistry<TExecution>(int historyLimit) where TExecution : class, IExecutionState
{
    private readonly List<TExecution> _listed = [];
    private readonly object _gate = new();
    private int _started;
    private int _succeeded;
    private int _failed;
    private int _maxConcurrent;

    /// <summary>The executions still listed, oldest first.</summary>
    public IReadOnlyList<TExecution> Listed
    {
        get
        {
            lock (_gate)
            {
                return [.. _listed];
            }
        }
    }

    /// <summary>Unfinished executions and those among them not started yet.</summary>
    public ExecutionCounts Unfinished
    {
        get
        {
            lock (_gate)
            {
                return CountUnfinished();
            }
        }
    }

    public ExecutionTotals Totals
    {
        get
        {
            lock (_gate)
            {
                return new ExecutionTotals(_started, (int)CountUnfinished().Running, _succeeded, _failed, _maxConcurrent);
            }
        }
    }

    /// <summary>Lists a new execution.</summary>
    public void Add(TExecution execution)
    {
        lock (_gate)
        {
            _listed.Add(execution);
            if (!execution.IsPlaceholder)
            {
                _started++;
                _maxConcurrent = Math.Max(_maxConcurrent, (int)CountUnfinished().Running);
            }
        }
    }

    /// <summary>Counts a finished execution.</summary>
    /// <returns>The finished executions that no longer fit the history, no longer listed.</returns>
    public IReadOnlyList<TExecution> Finished(TExecution execution)
    {
        lock (_gate)
        {
            if (!execution.IsPlaceholder)
            {
                // Timed out and stopped executions failed, as ACA counts them.
                _ = execution.Outcome == ExecutionOutcome.Succeeded ? _succeeded++ : _failed++;
            }

            var finished = _listed.Where(e => e.IsFinished).ToList();
            var hidden = finished.Take(Math.Max(0, finished.Count - historyLimit)).ToList();
            hidden.ForEach(e => _listed.Remove(e));
            return hidden;
        }
    }

    private ExecutionCounts CountUnfinished()
    {
        var unfinished = _listed.Where(e => !e.IsFinished && !e.IsPlaceholder).ToList();
        return new ExecutionCounts(unfinished.Count, unfinished.Count(e => e.IsPending));
    }
}
