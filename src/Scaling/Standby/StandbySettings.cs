namespace AspireAgents.Scaling.Standby;

/// <summary>
/// A trigger's standby settings: a fixed count, the automatic count learnt from past jobs, a schedule, or several of
/// them, in which case the largest count at the moment wins.
/// </summary>
/// <param name="Fixed">A fixed count (<c>standbyAgents: 3</c>); 0 for none.</param>
/// <param name="Auto">Whether the count is learnt from the pool's finished jobs (<c>standbyAgents: auto</c>).</param>
/// <param name="Schedule">The schedule (<c>standbySchedule</c>), if any.</param>
public sealed record StandbySettings(int Fixed, bool Auto, StandbySchedule? Schedule)
{
    /// <summary>No standby.</summary>
    public static StandbySettings None { get; } = new(0, Auto: false, Schedule: null);

    /// <summary>Whether any standby is configured.</summary>
    public bool IsEnabled => Fixed > 0 || Auto || Schedule is not null;

    /// <summary>The standby target at <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="auto">What the profile learnt for this hour; asked only when <see cref="Auto"/> is set.</param>
    /// <returns>The largest of the configured counts, with its source.</returns>
    public StandbyTarget Resolve(DateTimeOffset now, Func<StandbyEstimate>? auto = null)
    {
        var target = Fixed > 0 ? new StandbyTarget(Fixed, StandbyTarget.FixedSource) : StandbyTarget.None;
        if (Schedule?.Evaluate(now) is { Window: { } window } open)
        {
            target = StandbyTarget.Max(target, new StandbyTarget(open.Count, "schedule: " + window.Text));
        }

        if (Auto && auto is not null)
        {
            var estimate = auto();
            var learnt = new StandbyTarget(estimate.Count, estimate.Describe());

            // With nothing else configured, say what auto found even when it found 0.
            target = target.Count == 0 && estimate.Count == 0 && target.Source == StandbyTarget.NoneSource ? learnt : StandbyTarget.Max(target, learnt);
        }

        return target;
    }
}
