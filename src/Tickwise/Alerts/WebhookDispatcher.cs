using System.Net;
using System.Text;
using System.Threading.Channels;
using Tickwise.Core.Alerts;

namespace Tickwise.Alerts;

/// <summary>POSTs fired alerts as JSON (<see cref="AlertJson.WriteEvent(AlertEvent)"/>) to webhooks, in the background, with a
/// timeout per attempt and retries with exponential backoff; never blocks the caller.</summary>
/// <remarks>
/// <para>The queue is bounded (<see cref="WebhookOptions.QueueCapacity"/>): <see cref="Enqueue"/> returns at once, and what does
/// not fit is dropped and counted in <see cref="Dropped"/> (the pipeline must not wait on someone's web server). One worker
/// delivers in order. An attempt that times out, cannot connect, or gets 408, 429 or a 5xx is retried after
/// <c>InitialBackoff · 2^(attempt-1)</c> (at most <see cref="WebhookOptions.MaxBackoff"/>); other 4xx answers are final.
/// Deliveries that never succeed are counted in <see cref="Failed"/>.</para>
/// </remarks>
internal sealed class WebhookDispatcher : IAsyncDisposable
{
    private readonly WebhookOptions _options;
    private readonly HttpClient _client;
    private readonly Channel<(AlertEvent Alert, string Url)> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _worker;
    private long _delivered, _failed, _dropped, _retries, _attempts;

    /// <summary>Starts the worker.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public WebhookDispatcher(WebhookOptions? options = null, HttpMessageHandler? handler = null)
    {
        _options = options ?? new WebhookOptions();
        _options.Validate();
        _client = handler is null ? new HttpClient() : new HttpClient(handler);
        _client.Timeout = Timeout.InfiniteTimeSpan; // each attempt has its own
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("Tickwise-Alerts/1");
        _queue = Channel.CreateBounded<(AlertEvent, string)>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            // Wait mode, used only through TryWrite: a full queue refuses the item, and we count it. (DropWrite would
            // report success for an item it drops, hiding the loss.)
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _worker = Task.Run(RunAsync);
    }

    /// <summary>Gets the deliveries that succeeded.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Gets the deliveries given up on after the last attempt or a final answer.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Gets the deliveries dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Gets the attempts that were retries.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Gets every POST attempted.</summary>
    public long Attempts => Interlocked.Read(ref _attempts);

    /// <summary>Queues the event for <paramref name="ruleUrl"/> and the global URL (once when they are the same); returns
    /// false when a delivery was dropped because the queue was full. Never blocks.</summary>
    public bool Enqueue(AlertEvent alert, string? ruleUrl)
    {
        ArgumentNullException.ThrowIfNull(alert);
        bool all = true;
        if (ruleUrl is not null) all &= Offer(alert, ruleUrl);
        if (_options.GlobalUrl is { } global && global != ruleUrl) all &= Offer(alert, global);
        return all;
    }

    /// <summary>Stops taking events, waits up to <paramref name="drain"/> for the queue to empty, then cancels what is left.</summary>
    public async Task ShutdownAsync(TimeSpan drain)
    {
        _queue.Writer.TryComplete();
        if (await Task.WhenAny(_worker, Task.Delay(drain)) != _worker) await _stop.CancelAsync();
        try
        {
            await _worker;
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Shuts down with a 5 s drain and releases the HTTP client.</summary>
    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync(TimeSpan.FromSeconds(5));
        _client.Dispose();
        _stop.Dispose();
    }

    private bool Offer(AlertEvent alert, string url)
    {
        if (_queue.Writer.TryWrite((alert, url))) return true;
        Interlocked.Increment(ref _dropped);
        return false;
    }

    private async Task RunAsync()
    {
        await foreach (var (alert, url) in _queue.Reader.ReadAllAsync(_stop.Token))
        {
            byte[] body = Encoding.UTF8.GetBytes(AlertJson.WriteEvent(alert));
            if (await DeliverAsync(url, body)) Interlocked.Increment(ref _delivered);
            else Interlocked.Increment(ref _failed);
        }
    }

    private async Task<bool> DeliverAsync(string url, byte[] body)
    {
        for (int attempt = 1; ; attempt++)
        {
            if (attempt > 1) Interlocked.Increment(ref _retries);
            Interlocked.Increment(ref _attempts);
            bool retry;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
            {
                timeout.CancelAfter(_options.Timeout);
                try
                {
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                    using HttpResponseMessage response = await _client.PostAsync(url, content, timeout.Token);
                    if (response.IsSuccessStatusCode) return true;
                    int status = (int)response.StatusCode;
                    retry = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
                }
                catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
                {
                    retry = true; // this attempt's timeout
                }
                catch (HttpRequestException)
                {
                    retry = true; // refused, reset, DNS: the server may come back
                }
            }

            if (!retry || attempt >= _options.MaxAttempts) return false;
            double ms = Math.Min(_options.MaxBackoff.TotalMilliseconds, _options.InitialBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1));
            await Task.Delay(TimeSpan.FromMilliseconds(ms), _stop.Token);
        }
    }
}
