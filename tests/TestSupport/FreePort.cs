using System.Net;
using System.Net.Sockets;

namespace AspireAgents.TestSupport;

/// <summary>
/// A loopback port for a process that must be told its port before it starts (an AppHost's emulator port, a second
/// Kestrel endpoint). Prefer <c>--urls http://127.0.0.1:0</c> and <see cref="ProcessOutput.ListeningAddressAsync"/>:
/// the child binds port 0 itself and nothing can race it.
/// </summary>
public static class FreePort
{
    /// <summary>
    /// A port that was free a moment ago. The race: the port is released before the child binds it, so another
    /// process may take it in between; start through <see cref="RetryAsync{T}"/> to try again with another port.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs <paramref name="start"/> again (with new ports it takes itself) while it fails because an address was in use.</summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> start, int attempts = 3)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start();
            }
            catch (Exception e) when (attempt < attempts && IsAddressInUse(e))
            {
            }
        }
    }

    private static bool IsAddressInUse(Exception e) =>
        e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
        || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
        || (e.InnerException is { } inner && IsAddressInUse(inner));
}
