namespace AspireAgents.AppHostHarness;

/// <summary>Polls a condition a few times a second until it holds or time runs out.</summary>
public static class Waiting
{
    /// <summary>True when <paramref name="condition"/> held before <paramref name="timeout"/>.</summary>
    public static async Task<bool> TryUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Waits until <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> naming <paramref name="what"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        if (!await TryUntilAsync(() => Task.FromResult(condition()), timeout, cancellationToken).ConfigureAwait(false))
        {
            throw new TimeoutException($"Waited {timeout} for {what}.");
        }
    }
}
