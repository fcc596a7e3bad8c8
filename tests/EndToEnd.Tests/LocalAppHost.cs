using System.Net.Http.Headers;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using AspireAgents.TestSupport;

namespace AspireAgents.EndToEnd.Tests;

/// <summary>The real AppHost started under <c>Aspire.Hosting.Testing</c>, with a client for its emulated organisation.</summary>
internal sealed class LocalAppHost : IAsyncDisposable
{
    private LocalAppHost(DistributedApplication app, HttpClient devops, int port)
    {
        App = app;
        DevOps = devops;
        Port = port;
    }

    public DistributedApplication App { get; }

    /// <summary>The emulator's organisation (<c>…/local/</c>), signed in with its well-known PAT.</summary>
    public HttpClient DevOps { get; }

    public int Port { get; }

    /// <summary>Starts the AppHost with <paramref name="settings"/> (<c>Agents:…=…</c>) and its emulator on a free port.</summary>
    public static async Task<LocalAppHost> StartAsync(IEnumerable<string> settings, CancellationToken cancellationToken)
    {
        // The AppHost is told its emulator's port before it starts: a fixed port, with FreePort's race.
        var port = FreePort.Next();
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([.. settings, $"Agents:EmulatorPort={port}"], cancellationToken);
        var app = await appHost.BuildAsync(cancellationToken);
        await app.StartAsync(cancellationToken);

        var devops = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/local/") };
        devops.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(":local-dev-pat")));
        return new LocalAppHost(app, devops, port);
    }

    public async ValueTask DisposeAsync()
    {
        DevOps.Dispose();
        await App.DisposeAsync();
    }
}
