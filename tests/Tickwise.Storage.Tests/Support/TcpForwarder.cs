using System.Net;
using System.Net.Sockets;

namespace Tickwise.Storage.Tests.Support;

/// <summary>
/// Forwards connections from a port of 127.0.0.1 to a target port, so a test can decide when a server is "up" and
/// cut every connection at once, as a network failure would.
/// </summary>
public sealed class TcpForwarder : IDisposable
{
    private readonly int _targetPort;
    private readonly List<TcpClient> _clients = [];
    private readonly Lock _lock = new();
    private TcpListener? _listener;

    public TcpForwarder(int targetPort)
    {
        _targetPort = targetPort;
        Port = FreePort();
    }

    /// <summary>The port clients connect to; nothing listens there until <see cref="Start"/>.</summary>
    public int Port { get; }

    /// <summary>Returns a port of 127.0.0.1 that nothing listened on a moment ago.</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>Starts accepting and forwarding connections.</summary>
    public void Start()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _ = AcceptLoop(_listener);
    }

    /// <summary>Closes every forwarded connection (both ends) but keeps accepting new ones.</summary>
    public void CutAll()
    {
        lock (_lock)
        {
            foreach (TcpClient client in _clients) client.Dispose();
            _clients.Clear();
        }
    }

    public void Dispose()
    {
        _listener?.Stop();
        CutAll();
    }

    private async Task AcceptLoop(TcpListener listener)
    {
        while (true)
        {
            TcpClient inbound;
            try { inbound = await listener.AcceptTcpClientAsync(); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { return; }
            var outbound = new TcpClient();
            try { await outbound.ConnectAsync(IPAddress.Loopback, _targetPort); }
            catch (SocketException)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }
            lock (_lock)
            {
                _clients.Add(inbound);
                _clients.Add(outbound);
            }
            _ = Pump(inbound, outbound);
            _ = Pump(outbound, inbound);
        }
    }

    private static async Task Pump(TcpClient from, TcpClient to)
    {
        try { await from.GetStream().CopyToAsync(to.GetStream()); }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or InvalidOperationException) { }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
