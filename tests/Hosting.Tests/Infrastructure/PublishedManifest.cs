using System.Text.Json;
using System.Text.Json.Nodes;
using System.Collections.Concurrent;
using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AspireAgents.Hosting.Tests.Infrastructure;

/// <summary>
/// Builds an AppHost model in publish mode (<c>--publisher manifest</c>, as azd runs it), publishes it and exposes the
/// manifest and the module files written next to it.
/// </summary>
internal sealed class PublishedManifest : IDisposable
{
    private PublishedManifest(DirectoryInfo directory, string manifestPath)
    {
        Directory = directory;
        ManifestPath = manifestPath;
        Resources = JsonNode.Parse(File.ReadAllText(manifestPath))!["resources"]!.AsObject();
    }

    public DirectoryInfo Directory { get; }

    public string ManifestPath { get; }

    public JsonObject Resources { get; }

    public JsonObject this[string name] => Resources[name]?.AsObject()
        ?? throw new Xunit.Sdk.XunitException($"The manifest has no entry '{name}'. Entries: {string.Join(", ", Resources.Select(r => r.Key))}");

    /// <summary>Reads a manifest some other process published, with the module files next to it.</summary>
    public static PublishedManifest Open(DirectoryInfo directory, string manifestPath) => new(directory, manifestPath);

    /// <summary>Publishes the model <paramref name="compose"/> builds.</summary>
    public static async Task<PublishedManifest> PublishAsync(Action<IDistributedApplicationBuilder> compose)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("aspireagents-publish-");
        var manifestPath = Path.Combine(directory.FullName, "aspire-manifest.json");
        try
        {
            await PublishToAsync(manifestPath, compose);
            return new PublishedManifest(directory, manifestPath);
        }
        catch
        {
            directory.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>Publishes and returns the exception publishing failed with (or fails the test).</summary>
    public static async Task<Exception> PublishFailureAsync(Action<IDistributedApplicationBuilder> compose)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("aspireagents-publish-");
        try
        {
            var exception = await Record.ExceptionAsync(() => PublishToAsync(Path.Combine(directory.FullName, "aspire-manifest.json"), compose));
            Assert.NotNull(exception);

            // The AppHost process would exit with a failure code, so azd stops instead of reading a truncated manifest.
            Assert.Equal(1, Environment.ExitCode);
            return exception;
        }
        finally
        {
            Environment.ExitCode = 0;
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Reads a module file referenced by the manifest.</summary>
    public string ModulePath(string relativePath) => Path.GetFullPath(Path.Combine(Directory.FullName, relativePath));

    public void Dispose() => Directory.Delete(recursive: true);

    private static async Task PublishToAsync(string manifestPath, Action<IDistributedApplicationBuilder> compose)
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = ["--publisher", "manifest", "--output-path", manifestPath],
            DisableDashboard = true,
            AssemblyName = typeof(PublishedManifest).Assembly.GetName().Name,
        });
        var errors = new ErrorRecorder();
        builder.Services.AddLogging(logging => logging.AddProvider(errors));
        compose(builder);
        using var app = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await app.RunAsync(timeout.Token);

        // A failing publish step is logged and stops the host; surface it as the exception it was.
        if (!errors.Exceptions.IsEmpty)
        {
            throw new AggregateException(errors.Exceptions);
        }

        if (!File.Exists(manifestPath))
        {
            throw new InvalidOperationException($"Publishing wrote no manifest at {manifestPath}.");
        }
    }

    private sealed class ErrorRecorder : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<Exception> Exceptions { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                Exceptions.Enqueue(exception ?? new InvalidOperationException(formatter(state, exception)));
            }
        }

        public void Dispose()
        {
        }
    }

    public override string ToString() => Resources.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
