using Microsoft.Extensions.Time.Testing;

namespace AspireAgents.AzureDevOps.Tests.Fakes;

internal static class Time
{
    /// <summary>Advances fake time in steps until <paramref name="task"/> completes (or a generous real-time limit passes).</summary>
    public static async Task<T> RunAsync<T>(this FakeTimeProvider time, Task<T> task, TimeSpan? step = null)
    {
        var increment = step ?? TimeSpan.FromMilliseconds(100);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!task.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(2);
            time.Advance(increment);
        }

        return await task;
    }

    public static async Task RunAsync(this FakeTimeProvider time, Task task, TimeSpan? step = null) =>
        await time.RunAsync(task.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default), step);
}
