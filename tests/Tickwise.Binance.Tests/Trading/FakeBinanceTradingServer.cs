using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Tickwise.Binance.Tests.Trading;

/// <summary>
/// A Binance spot REST server on 127.0.0.1 for tests (System.Net.HttpListener: this project has no Kestrel). It
/// checks SIGNED requests as Binance documents: the API key header, the HMAC-SHA256 of the query string followed by
/// the body, keyed by the secret (-1022 when wrong), and <c>timestamp &lt; serverTime + 1000 &amp;&amp;
/// serverTime - timestamp &lt;= recvWindow</c> on its own clock (-1021 otherwise). It keeps orders, fills market
/// orders at <see cref="MarketPrice"/>, leaves limit orders open, and answers scripted faults (429, 418, any error).
/// </summary>
/// <remarks>The signature check is written here from the documentation with <see cref="HMACSHA256"/>, not with the
/// client's signer, so that a mistake in the signer cannot hide behind the same mistake in the check.</remarks>
internal sealed partial class FakeBinanceTradingServer : IDisposable
{
    public const string ApiKey = "fakeKey0123456789ABCDEFabcdefKEYKEYKEY0123456789xyzw";
    public const string Secret = "fakeSecretS3cr3tSECRETsecret0123456789ABCDEFGHIJKLmn";

    private readonly HttpListener _listener;
    private readonly Task _loop;
    private readonly object _gate = new();
    private readonly List<FakeOrder> _orders = [];
    private readonly ConcurrentQueue<Fault> _faults = new();
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _received = new();
    private long _nextOrderId = 1000;
    private long _nextTradeId = 5000;
    private int _requests;

    private FakeBinanceTradingServer(HttpListener listener, Uri baseUri)
    {
        _listener = listener;
        BaseUri = baseUri;
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The origin to give the client, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The server clock minus the real clock, in ms; change it to make the client's timestamps wrong.</summary>
    public long ClockOffsetMs { get; set; }

    /// <summary>The price market orders fill at.</summary>
    public string MarketPrice { get; set; } = "60000.00";

    /// <summary>Last prices <c>/api/v3/ticker/price</c> answers, by symbol; another symbol is -1121 Invalid symbol.</summary>
    public ConcurrentDictionary<string, string> LastPrices { get; } = new(StringComparer.Ordinal);

    /// <summary>How long the server waits before it answers a request (a slow exchange).</summary>
    public TimeSpan AnswerDelay { get; set; }

    /// <summary>Every request, answered or not.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Every request line, header and body received, for checks that a secret never left the client.</summary>
    public IReadOnlyCollection<string> Received => _received;

    public static FakeBinanceTradingServer Start()
    {
        // HttpListener cannot pick a free port itself: borrow one from the OS, and try again if someone takes it first.
        for (int attempt = 0; ; attempt++)
        {
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }
            var listener = new HttpListener();
            string prefix = $"http://127.0.0.1:{port}/";
            listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
                return new FakeBinanceTradingServer(listener, new Uri(prefix));
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    /// <summary>Requests seen for <c>"POST /api/v3/order"</c> and the like.</summary>
    public int RequestsTo(string methodAndPath) => _counts.GetValueOrDefault(methodAndPath);

    /// <summary>Answers the next <paramref name="times"/> requests to <paramref name="methodAndPath"/> (any, when null) with
    /// the status and Binance error (no JSON when <paramref name="code"/> is null; <paramref name="rawBody"/> instead when given).</summary>
    public void FailNext(string? methodAndPath, int status, int? code, string message = "", string? retryAfter = null, int times = 1, string? rawBody = null)
    {
        for (int i = 0; i < times; i++) _faults.Enqueue(new Fault(methodAndPath, status, code, message, retryAfter, rawBody));
    }

    public int OpenOrderCount
    {
        get { lock (_gate) return _orders.Count(o => o.Status == "NEW"); }
    }

    public void Dispose()
    {
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }

    private long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + ClockOffsetMs;

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => Handle(context));
        }
    }

    private void Handle(HttpListenerContext context)
    {
        HttpListenerRequest request = context.Request;
        Interlocked.Increment(ref _requests);
        string rawUrl = request.RawUrl ?? "/";
        int q = rawUrl.IndexOf('?', StringComparison.Ordinal);
        string path = q < 0 ? rawUrl : rawUrl[..q];
        string query = q < 0 ? "" : rawUrl[(q + 1)..];
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8)) body = reader.ReadToEnd();
        string key = request.HttpMethod + " " + path;
        _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
        var headers = new StringBuilder();
        foreach (string? name in request.Headers.AllKeys) headers.Append(name).Append(": ").Append(request.Headers[name]).Append('\n');
        _received.Enqueue($"{request.HttpMethod} {rawUrl}\n{headers}\n{body}");

        if (AnswerDelay > TimeSpan.Zero) Thread.Sleep(AnswerDelay);
        Answer answer;
        try
        {
            answer = TakeFault(key) ?? Route(request.HttpMethod, path, query, body, request.Headers["X-MBX-APIKEY"]);
        }
        catch (Exception e)
        {
            answer = Answer.Error(500, -1000, "An unknown error occurred while processing the request. " + e.GetType().Name);
        }
        try
        {
            HttpListenerResponse response = context.Response;
            response.StatusCode = answer.Status;
            if (answer.RetryAfter is not null) response.Headers["Retry-After"] = answer.RetryAfter;
            response.ContentType = "application/json;charset=UTF-8";
            byte[] bytes = Encoding.UTF8.GetBytes(answer.Body);
            response.ContentLength64 = bytes.Length;
            response.OutputStream.Write(bytes);
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client went away.
        }
    }

    private Answer? TakeFault(string key)
    {
        if (!_faults.TryPeek(out Fault? fault) || (fault.MethodAndPath is not null && fault.MethodAndPath != key)) return null;
        if (!_faults.TryDequeue(out fault)) return null;
        string body = fault.RawBody ?? (fault.Code is { } code ? ErrorJson(code, fault.Message) : "");
        return new Answer(fault.Status, body, fault.RetryAfter);
    }

    private Answer Route(string method, string path, string query, string body, string? apiKey) => (method, path) switch
    {
        ("GET", "/api/v3/time") => Answer.Ok($"{{\"serverTime\":{Now}}}"),
        ("GET", "/api/v3/exchangeInfo") => Answer.Ok(ExchangeInfoJson(Now)),
        ("POST", "/api/v3/order") => Signed(query, body, apiKey, NewOrder),
        ("GET", "/api/v3/order") => Signed(query, body, apiKey, QueryOrder),
        ("DELETE", "/api/v3/order") => Signed(query, body, apiKey, CancelOrder),
        ("GET", "/api/v3/openOrders") => Signed(query, body, apiKey, OpenOrders),
        ("GET", "/api/v3/myTrades") => Signed(query, body, apiKey, MyTrades),
        ("GET", "/api/v3/account") => Signed(query, body, apiKey, Account),
        ("GET", "/api/v3/ticker/price") => TickerPrice(query),
        _ => Answer.Error(404, -1000, "Unknown path."),
    };

    private Answer TickerPrice(string query)
    {
        string symbol = query.StartsWith("symbol=", StringComparison.Ordinal) ? query["symbol=".Length..] : "";
        return LastPrices.TryGetValue(symbol, out string? price)
            ? Answer.Ok($"{{\"symbol\":\"{symbol}\",\"price\":\"{price}\"}}")
            : Answer.Error(400, -1121, "Invalid symbol.");
    }

    /// <summary>Authenticates a SIGNED request as Binance does, then runs <paramref name="handler"/> on its parameters.</summary>
    private Answer Signed(string query, string body, string? apiKey, Func<Dictionary<string, string>, Answer> handler)
    {
        if (string.IsNullOrEmpty(apiKey)) return Answer.Error(401, -2014, "API-key format invalid.");
        if (apiKey != ApiKey) return Answer.Error(401, -2015, "Invalid API-key, IP, or permissions for action.");

        // totalParams = query string + request body; the signature is its own parameter, last, in either part.
        string signature;
        string payload;
        if (TrySplitSignature(query, out string queryRest, out string s1)) { signature = s1; payload = queryRest + body; }
        else if (TrySplitSignature(body, out string bodyRest, out string s2)) { signature = s2; payload = query + bodyRest; }
        else return Answer.Error(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string part in (query + "&" + body).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? part : part[..eq];
            string value = eq < 0 ? "" : Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
            if (name == "signature") continue;
            if (!parameters.TryAdd(name, value)) return Answer.Error(400, -1101, $"Duplicate values for a parameter detected.");
        }

        if (!parameters.TryGetValue("timestamp", out string? ts) || !long.TryParse(ts, NumberStyles.None, CultureInfo.InvariantCulture, out long timestamp))
            return Answer.Error(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
        long recvWindow = 5000;
        if (parameters.TryGetValue("recvWindow", out string? rw) && (!long.TryParse(rw, NumberStyles.None, CultureInfo.InvariantCulture, out recvWindow) || recvWindow > 60000))
            return Answer.Error(400, -1131, "recvWindow must be less than 60000");

        byte[] expected = HMACSHA256.HashData(Encoding.ASCII.GetBytes(Secret), Encoding.UTF8.GetBytes(payload));
        // HMAC signatures are not case-sensitive (Binance's request security page).
        if (!string.Equals(Convert.ToHexString(expected), signature, StringComparison.OrdinalIgnoreCase))
            return Answer.Error(400, -1022, "Signature for this request is not valid.");

        long serverTime = Now;
        if (!(timestamp < serverTime + 1000 && serverTime - timestamp <= recvWindow))
            return Answer.Error(400, -1021, "Timestamp for this request is outside of the recvWindow.");
        return handler(parameters);
    }

    private static bool TrySplitSignature(string part, out string rest, out string signature)
    {
        rest = part;
        signature = "";
        int at = part.StartsWith("signature=", StringComparison.Ordinal) ? 0 : part.IndexOf("&signature=", StringComparison.Ordinal);
        if (at < 0) return false;
        int start = at == 0 ? "signature=".Length : at + "&signature=".Length;
        if (part.IndexOf('&', start) >= 0) return false; // Binance wants it last
        signature = part[start..];
        rest = part[..at];
        return true;
    }

    private static string ErrorJson(int code, string message) =>
        $"{{\"code\":{code.ToString(CultureInfo.InvariantCulture)},\"msg\":\"{message.Replace("\"", "\\\"", StringComparison.Ordinal)}\"}}";

    private sealed record Fault(string? MethodAndPath, int Status, int? Code, string Message, string? RetryAfter, string? RawBody);

    private sealed record Answer(int Status, string Body, string? RetryAfter = null)
    {
        public static Answer Ok(string body) => new(200, body);

        public static Answer Error(int status, int code, string message) => new(status, ErrorJson(code, message));
    }
}
