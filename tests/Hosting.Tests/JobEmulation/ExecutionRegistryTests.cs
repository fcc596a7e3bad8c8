using Aspire.Hosting.JobEmulation;
using AspireAgents.Scaling;

namespace AspireAgents.Hosting.Tests.JobEmulation;

public sealed class ExecutionRegistryTests
{
    [Fact]
    public void UnfinishedCountsPendingExecutionsAmongTheRunningAndLeavesOutPlaceholders()
    {
        var registry = new ExecutionRegistry<FakeExecution>(historyLimit: 10);
        registry.Add(new FakeExecution { IsPending = true });
        registry.Add(new FakeExecution());
        registry.Add(new FakeExecution { IsPlaceholder = true });
        registry.Add(new FakeExecution { Outcome = ExecutionOutcome.Succeeded });

        Assert.Equal(new ExecutionCounts(Running: 2, Pending: 1), registry.Unfinished);
    }

    [Fact]
    public void TotalsCountStartedSucceededAndFailedExecutionsButNoPlaceholder()
    {
        var registry = new ExecutionRegistry<FakeExecution>(historyLimit: 10);
        var placeholder = new FakeExecution { IsPlaceholder = true };
        var succeeded = new FakeExecution();
        var timedOut = new FakeExecution();
        var running = new FakeExecution();
        foreach (var execution in new[] { placeholder, succeeded, timedOut, running })
        {
            registry.Add(execution);
        }

        placeholder.Outcome = ExecutionOutcome.Succeeded;
        registry.Finished(placeholder);
        succeeded.Outcome = ExecutionOutcome.Succeeded;
        registry.Finished(succeeded);
        timedOut.Outcome = ExecutionOutcome.TimedOut;
        registry.Finished(timedOut);

        Assert.Equal(new ExecutionTotals(Started: 3, Running: 1, Succeeded: 1, Failed: 1, MaxConcurrent: 3), registry.Totals);
    }

    [Fact]
    public void MaxConcurrentIsTheMostUnfinishedAtOnce()
    {
        var registry = new ExecutionRegistry<FakeExecution>(historyLimit: 10);
        var first = new FakeExecution();
        registry.Add(first);
        registry.Add(new FakeExecution());
        first.Outcome = ExecutionOutcome.Failed;
        registry.Finished(first);
        registry.Add(new FakeExecution());

        Assert.Equal(2, registry.Totals.MaxConcurrent);
        Assert.Equal(2, registry.Totals.Running);
    }

    [Fact]
    public void FinishedExecutionsBeyondTheHistoryLimitAreNoLongerListedOldestFirst()
    {
        var registry = new ExecutionRegistry<FakeExecution>(historyLimit: 2);
        var executions = Enumerable.Range(0, 4).Select(_ => new FakeExecution()).ToList();
        executions.ForEach(registry.Add);

        var hidden = new List<FakeExecution>();
        foreach (var execution in executions.Take(3))
        {
            execution.Outcome = ExecutionOutcome.Succeeded;
            hidden.AddRange(registry.Finished(execution));
        }

        Assert.Equal([executions[0]], hidden);
        Assert.Equal(executions.Skip(1), registry.Listed);
    }

    private sealed class FakeExecution : IExecutionState
    {
        public bool IsPlaceholder { get; init; }

        public bool IsPending { get; init; }

        public ExecutionOutcome Outcome { get; set; }

        public bool IsFinished => Outcome != ExecutionOutcome.None;
    }
}
