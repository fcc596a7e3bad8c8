using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Names = Aspire.Hosting.JobEmulation.JobEmulationTelemetryNames;

namespace Aspire.Hosting.JobEmulation;

/// <summary>
/// The job emulation's metrics, from the AppHost's <see cref="IMeterFactory"/>: the queue length each decision read,
/// the running and pending executions, executions started and how long they lived.
/// </summary>
internal sealed class JobEmulationMetrics
{
    private readonly ConcurrentDictionary<ContainerAppJobEmulator, byte> _jobs = new();
    private readonly Counter<long> _started;
    private readonly Histogram<double> _duration;

    public JobEmulationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Names.Source);
        _started = meter.CreateCounter<long>(Names.ExecutionsStartedCounter, "{execution}",
            "Executions started, by job and by what started them (decision, manual, placeholder).");
        _duration = meter.CreateHistogram(Names.ExecutionDurationHistogram, "s",
            "How long executions lived, from creation (pending) until their last replica ended, by job and outcome.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600, 7200] });
        meter.CreateObservableGauge(Names.QueueLengthGauge, ObserveQueueLengths, "{job}",
            "The queue length the job's scaler reported at the last decision, by job and pool.");
        meter.CreateObservableGauge(Names.RunningExecutionsGauge, () => ObserveExecutions(pending: false), "{execution}",
            "Unfinished executions of the job (pending ones included), as KEDA counts them.");
        meter.CreateObservableGauge(Names.PendingExecutionsGauge, () => ObserveExecutions(pending: true), "{execution}",
            "Executions created whose replica has not started yet.");
    }

    /// <summary>Makes the job's counts visible to the gauges while it runs.</summary>
    public void Observe(ContainerAppJobEmulator job) => _jobs[job] = 0;

    /// <summary>Stops observing the job.</summary>
    public void Forget(ContainerAppJobEmulator job) => _jobs.TryRemove(job, out _);

    public void ExecutionStarted(string jobName, string startedBy) =>
        _started.Add(1, new(JobEmulationAttributes.JobName, jobName), new(JobEmulationAttributes.StartedBy, startedBy));

    public void ExecutionEnded(string jobName, ExecutionOutcome outcome, TimeSpan duration) =>
        _duration.Record(duration.TotalSeconds, new(JobEmulationAttributes.JobName, jobName), new(JobEmulationAttributes.Outcome, outcome.ToString()));

    private IEnumerable<Measurement<long>> ObserveExecutions(bool pending)
    {
        foreach (var job in _jobs.Keys)
        {
            var counts = job.Unfinished;
            yield return new Measurement<long>(pending ? counts.Pending : counts.Running, new KeyValuePair<string, object?>(JobEmulationAttributes.JobName, job.Job.Name));
        }
    }

    private IEnumerable<Measurement<double>> ObserveQueueLengths()
    {
        foreach (var job in _jobs.Keys)
        {
            if (job.LastQueueLength is { } queueLength)
            {
                yield return new Measurement<double>(queueLength,
                    new KeyValuePair<string, object?>(JobEmulationAttributes.JobName, job.Job.Name),
                    new KeyValuePair<string, object?>(JobEmulationAttributes.PoolName, job.PoolName));
            }
        }
    }
}
