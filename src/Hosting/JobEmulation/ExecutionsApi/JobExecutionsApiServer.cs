using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.JobEmulation.ExecutionsApi;

/// <summary>
/// Serves <see cref="JobExecutionsApi"/> from inside the AppHost, on loopback only and a port of its own choosing: the
/// local observer gets the address as its management endpoint, and nothing outside this machine can reach it.
/// </summary>
internal sealed class JobExecutionsApiServer : IAsyncDisposable
{
    /// <summary>Executions per page: small, so that a few dozen executions already exercise nextLink.</summary>
    public const int DefaultPageSize = 20;

    private readonly WebApplication _app;

    private JobExecutionsApiServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public Uri Address { get; }

    public static async Task<JobExecutionsApiServer> StartAsync(
        IJobExecutionsSource source, TokenIntrospector introspector, Func<Uri?> issuer, int pageSize, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapJobExecutionsApi(source, introspector, issuer, pageSize);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new JobExecutionsApiServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
