namespace Aspire.Hosting.JobEmulation;

/// <summary>A job's execution counters since the AppHost started, placeholders left out.</summary>
internal readonly record struct ExecutionTotals(int Started, int Running, int Succeeded, int Failed, int MaxConcurrent);
