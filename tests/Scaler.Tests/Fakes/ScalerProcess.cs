using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AspireAgents.Scaler.Protocol;
using Grpc.Net.Client;

namespace AspireAgents.Scaler.Tests.Fakes;

/// <summary>The scaler as its own process, started the way the README says: <c>AspireAgents.Scaler --urls http://127.0.0.1:PORT</c>.</summary>
internal sealed class ScalerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ScalerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Channel = GrpcChannel.ForAddress(address);
        Client = new ExternalScaler.ExternalScalerClient(Channel);
    }

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    public ExternalScaler.ExternalScalerClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the scaler; with <paramref name="arguments"/> (named Kestrel endpoints) the gRPC endpoint is named <c>Grpc</c>, as <c>--urls</c> no longer applies.</summary>
    public static async Task<ScalerProcess> StartAsync(IDictionary<string, string> environment, string[]? arguments = null)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var url = address.ToString().TrimEnd('/');
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "AspireAgents.Scaler.dll") },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (arguments is null)
        {
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(url);
        }
        else
        {
            start.ArgumentList.Add($"--Kestrel:Endpoints:Grpc:Url={url}");
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the scaler process did not start");
        var scaler = new ScalerProcess(process, address);
        process.OutputDataReceived += (_, e) => scaler.Append(e.Data);
        process.ErrorDataReceived += (_, e) => scaler.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await scaler.WaitUntilHealthyAsync();
        return scaler;
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

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
