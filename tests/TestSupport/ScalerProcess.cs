using System.Diagnostics;
using System.Net;
using Grpc.Net.Client;

namespace AspireAgents.TestSupport;

/// <summary>
/// The scaler as its own process, started the way the README says: <c>AspireAgents.Scaler --urls http://127.0.0.1:PORT</c>,
/// with port 0 so that it binds a free port itself and logs it.
/// </summary>
public sealed class ScalerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ProcessOutput _output;

    private ScalerProcess(Process process, ProcessOutput output, Uri address)
    {
        _process = process;
        _output = output;
        Address = address;
        Channel = GrpcChannel.ForAddress(address);
    }

    /// <summary>The gRPC endpoint's address.</summary>
    public Uri Address { get; }

    /// <summary>A channel to <see cref="Address"/> for the scaler's and the health service's clients.</summary>
    public GrpcChannel Channel { get; }

    public string Output => _output.Text;

    /// <summary>
    /// Starts the scaler; with <paramref name="arguments"/> (named Kestrel endpoints) the gRPC endpoint is named
    /// <c>Grpc</c>, as <c>--urls</c> no longer applies, and <see cref="Address"/> is the one listening address no
    /// argument names.
    /// </summary>
    public static async Task<ScalerProcess> StartAsync(IDictionary<string, string> environment, string[]? arguments = null)
    {
        var path = BuiltBinaries.Scaler;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { path },
            WorkingDirectory = Path.GetDirectoryName(path)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (arguments is null)
        {
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(ProcessOutput.AnyLoopbackPort);
        }
        else
        {
            start.ArgumentList.Add($"--Kestrel:Endpoints:Grpc:Url={ProcessOutput.AnyLoopbackPort}");
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in ProcessOutput.LogListeningAddresses)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the scaler process did not start");
        var output = new ProcessOutput(process);
        ScalerProcess? scaler = null;
        try
        {
            var addresses = await output.ListeningAddressesAsync(StartTimeout);
            var named = arguments ?? [];
            var address = addresses.Single(a => !named.Any(n => n.EndsWith($":{a.Port}", StringComparison.Ordinal) || n.Contains($":{a.Port}/", StringComparison.Ordinal)));
            scaler = new ScalerProcess(process, output, address);
            await scaler.WaitUntilHealthyAsync();
            return scaler;
        }
        catch
        {
            if (scaler is not null)
            {
                await scaler.DisposeAsync();
            }
            else
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                process.Dispose();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>Polls <c>/health</c> over HTTP/2 until it succeeds: the server listens already, its checks may not pass yet.</summary>
    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the scaler exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Address, "/health"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the scaler did not become healthy:\n{Output}");
    }
}
