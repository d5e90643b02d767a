using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Tickwise.Alerts;
using Tickwise.Core.Alerts;
using Tickwise.Core.Market;
using Tickwise.Storage;
using Tickwise.Tests.Cli;
using static Tickwise.Tests.Alerts.AlertTestStores;

namespace Tickwise.Tests.Alerts;

/// <summary>Delivery to a real HTTP listener on 127.0.0.1.</summary>
public sealed class WebhookDispatcherTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Body, string? ContentType)> _received = new();
    private readonly CancellationTokenSource _stop = new();
    private Func<int, Task<int>> _answer = _ => Task.FromResult(200);
    private int _requests;

    public WebhookDispatcherTests()
    {
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
            Url = $"http://127.0.0.1:{port}/hook/";
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(Url);
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }
        _ = Task.Run(ServeAsync);
    }

    private string Url { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested || !_listener.IsListening)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                int n = Interlocked.Increment(ref _requests);
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                string body = await reader.ReadToEndAsync();
                _received.Enqueue((body, context.Request.ContentType));
                try
                {
                    context.Response.StatusCode = await _answer(n);
                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    // the client gave up (timeout) or the listener closed
                }
            });
        }
    }

    private static AlertEvent Event(int n) => new()
    {
        Id = $"r1:{Start + n}",
        RuleId = "r1",
        RuleName = "btc up",
        Type = AlertType.PriceAbove,
        Symbol = Btc,
        Interval = Interval.OneMinute,
        Priority = AlertPriority.High,
        TimeMs = Start + n,
        Value = 62000.5,
        Threshold = 62000,
        Message = "BTCUSDT price 62000.5 rose to 62000 or above",
        Values = new Dictionary<string, double> { ["price"] = 62000.5 },
    };

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(20)) throw new TimeoutException(what);
            await Task.Delay(10);
        }
    }

    private static WebhookOptions Fast(int attempts = 4) => new()
    {
        Timeout = TimeSpan.FromSeconds(5), // generous: a busy machine answers the first request slowly
        MaxAttempts = attempts,
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(100),
    };

    [Fact]
    public async Task Enqueue_HealthyServer_PostsTheEventJson()
    {
        await using var sut = new WebhookDispatcher(Fast());

        sut.Enqueue(Event(1), Url).ShouldBeTrue();
        await Eventually(() => sut.Delivered == 1, "delivery");

        _received.Single().Body.ShouldBe(AlertJson.WriteEvent(Event(1)));
        _received.Single().ContentType.ShouldBe("application/json; charset=utf-8");
        sut.Retries.ShouldBe(0);
    }

    [Fact]
    public async Task Enqueue_ServerFailsTwiceThenSucceeds_RetriesWithBackoffAndDeliversOnce()
    {
        _answer = n => Task.FromResult(n <= 2 ? 503 : 200);
        await using var sut = new WebhookDispatcher(Fast());
        var clock = Stopwatch.StartNew();

        sut.Enqueue(Event(1), Url);
        await Eventually(() => sut.Delivered == 1, "delivery after retries");

        sut.Attempts.ShouldBe(3);
        sut.Retries.ShouldBe(2);
        sut.Failed.ShouldBe(0);
        clock.ElapsedMilliseconds.ShouldBeGreaterThanOrEqualTo(20 + 40, "backoff 20 ms then 40 ms");
    }

    [Fact]
    public async Task Enqueue_ClientError_IsNotRetried()
    {
        _answer = _ => Task.FromResult(400);
        await using var sut = new WebhookDispatcher(Fast());

        sut.Enqueue(Event(1), Url);
        await Eventually(() => sut.Failed == 1, "final failure");

        sut.Attempts.ShouldBe(1);
        sut.Delivered.ShouldBe(0);
    }

    [Fact]
    public async Task Enqueue_ServerTooSlow_TimesOutEachAttemptAndGivesUp()
    {
        _answer = async _ =>
        {
            await Task.Delay(2000);
            return 200;
        };
        await using var sut = new WebhookDispatcher(Fast(attempts: 2) with { Timeout = TimeSpan.FromMilliseconds(100) });

        sut.Enqueue(Event(1), Url);
        await Eventually(() => sut.Failed == 1, "give up after timeouts");

        sut.Attempts.ShouldBe(2);
    }

    [Fact]
    public async Task Enqueue_NobodyListening_RetriesThenCountsTheFailure()
    {
        int port = FreePort();
        await using var sut = new WebhookDispatcher(Fast(attempts: 3));

        sut.Enqueue(Event(1), $"http://127.0.0.1:{port}/none");
        await Eventually(() => sut.Failed == 1, "connection refused three times");

        sut.Attempts.ShouldBe(3);
    }

    [Fact]
    public async Task Enqueue_QueueFullWhileServerHangs_ReturnsAtOnceAndCountsTheDropped()
    {
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _answer = _ => release.Task;
        await using var sut = new WebhookDispatcher(Fast(attempts: 1) with { QueueCapacity = 2, Timeout = TimeSpan.FromSeconds(10) });
        sut.Enqueue(Event(0), Url);
        await Eventually(() => _requests == 1, "the first request in flight");

        var clock = Stopwatch.StartNew();
        int accepted = 0;
        for (int i = 1; i <= 10; i++) accepted += sut.Enqueue(Event(i), Url) ? 1 : 0;
        clock.Stop();
        release.SetResult(200);
        await Eventually(() => sut.Delivered == 3, "the first and the two queued");

        clock.ElapsedMilliseconds.ShouldBeLessThan(500, "enqueueing never waits for the server");
        accepted.ShouldBe(2);
        sut.Dropped.ShouldBe(8);
    }

    [Fact]
    public async Task Enqueue_RuleAndGlobalUrl_PostsToBothAndOnceWhenTheyAreTheSame()
    {
        await using var sut = new WebhookDispatcher(Fast() with { GlobalUrl = Url });

        sut.Enqueue(Event(1), Url + "rule");
        sut.Enqueue(Event(2), Url);
        await Eventually(() => sut.Delivered == 3, "three deliveries");
        await Task.Delay(100);

        sut.Delivered.ShouldBe(3);
    }

    [Fact]
    public async Task AlertService_RuleWithWebhook_PostsTheStoredEventWhenItFires()
    {
        using var temp = new TempDirectory();
        using ITickStore store = TickStores.OpenSqlite(temp.File("a.db"));
        await using var webhooks = new WebhookDispatcher(Fast());
        AlertService service = AlertService.Open(store, webhooks: webhooks);
        service.Add(PriceAbove(100, "hooked") with { Webhook = Url });

        service.Observer.OnTrade(T(1, 99, Start));
        service.Observer.OnTrade(T(2, 101, Start + 1000));
        await Eventually(() => webhooks.Delivered == 1, "the rule's webhook");

        AlertEvent stored = service.Repository.ReadEvents(1).Single();
        _received.Single().Body.ShouldBe(AlertJson.WriteEvent(stored));
    }

    [Fact]
    public void Constructor_BadOptions_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new WebhookDispatcher(new WebhookOptions { MaxAttempts = 0 }));
        Should.Throw<ArgumentOutOfRangeException>(() => new WebhookDispatcher(new WebhookOptions { GlobalUrl = "file:///etc/passwd" }));
        Should.Throw<ArgumentOutOfRangeException>(() => new WebhookDispatcher(new WebhookOptions { Timeout = TimeSpan.Zero }));
    }
}
