using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tickwise.Alerts;
using Tickwise.Core.Alerts;
using Tickwise.Core.Market;
using Tickwise.Storage;

namespace Tickwise.Web.Api;

/// <summary><c>/api/alerts</c> (rules: list, create, replace, delete) and <c>/api/alerts/events</c> (fired alerts, newest first).</summary>
/// <remarks>Rules are the store's (<c>alert_rule</c> records): a rule created here is evaluated at once by the running
/// pipeline, and <c>tickwise alerts</c> sees it. A body that is not JSON is 400; a valid JSON rule that breaks a rule
/// (unknown type, missing symbol, negative cooldown, ...) is 422 with every problem; a symbol the store has never seen is 404.</remarks>
internal static class AlertEndpoints
{
    private static readonly string[] RuleColumns = ["id", "name", "type", "symbol", "pair", "interval", "threshold", "priority", "cooldown_s", "hysteresis", "enabled", "created_ms", "state", "last_value", "last_fire_ms"];
    private static readonly string[] EventColumns = ["id", "rule_id", "rule_name", "type", "symbol", "pair", "interval", "priority", "time", "value", "threshold", "message"];

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/alerts").WithTags("Alerts");
        api.MapGet("", List).WithName("GetAlertRules").WithSummary("Every alert rule (JSON or CSV), with where its evaluation stands when a pipeline runs (state: no_value, armed, passed, disabled; last_value; last_fire_ms).");
        api.MapPost("", Create).WithName("CreateAlertRule").WithSummary("Creates a rule from its JSON (id, name and created_ms are filled in when missing).");
        api.MapPut("/{id}", Replace).WithName("ReplaceAlertRule").WithSummary("Replaces the rule with this id.");
        api.MapDelete("/{id}", Delete).WithName("DeleteAlertRule").WithSummary("Deletes the rule with this id.");
        api.MapGet("/events", Events).WithName("GetAlertEvents").WithSummary("Fired alerts, newest first (limit default 100, at most 10,000).");
        return app;
    }

    private static IResult List(WebContext context, HttpRequest request)
    {
        var rows = new List<string>();
        // A running pipeline says where each rule's evaluation stands; a store served alone evaluates nothing.
        AlertEngine? engine = context.Pipeline?.Alerts.Engine;
        foreach (AlertRule rule in context.Alerts.Repository.LoadRules()) rows.Add(AlertJson.WriteRule(rule, engine?.StatusOf(rule.Id)));
        return JsonRowsResult.For(request, "alert-rules", RuleColumns, rows);
    }

    private static async Task<IResult> Create(WebContext context, HttpRequest request)
    {
        AlertRule rule = await ReadRule(context, request);
        AlertRule stored;
        try { stored = context.Alerts.Add(rule); }
        catch (AlertRuleException e) { throw Invalid(e); }
        catch (ArgumentException e) { throw new ApiException(StatusCodes.Status409Conflict, "Conflict", e.Message); }
        return new JsonBodyResult(writer => AlertJson.WriteRule(writer, stored), StatusCodes.Status201Created);
    }

    private static async Task<IResult> Replace(WebContext context, HttpRequest request, string id)
    {
        AlertRule rule = await ReadRule(context, request);
        if (rule.Id is { Length: > 0 } bodyId && bodyId != id) throw ApiException.BadRequest($"The body's id '{QueryValues.Shorten(bodyId)}' differs from the address's '{QueryValues.Shorten(id)}'.");
        AlertRule? stored;
        try { stored = context.Alerts.Replace(rule with { Id = id }); }
        catch (AlertRuleException e) { throw Invalid(e); }
        if (stored is null) throw ApiException.NotFound($"No alert rule '{QueryValues.Shorten(id)}'.");
        return new JsonBodyResult(writer => AlertJson.WriteRule(writer, stored));
    }

    private static IResult Delete(WebContext context, string id) =>
        context.Alerts.Remove(id) ? Results.NoContent() : throw ApiException.NotFound($"No alert rule '{QueryValues.Shorten(id)}'.");

    private static IResult Events(WebContext context, HttpRequest request, string? limit)
    {
        int count = QueryValues.Int(limit, "limit", 100, 1, 10_000);
        var rows = new List<string>();
        foreach (AlertEvent e in context.Alerts.Repository.ReadEvents(count)) rows.Add(AlertJson.WriteEvent(e));
        return JsonRowsResult.For(request, "alert-events", EventColumns, rows);
    }

    private static async Task<AlertRule> ReadRule(WebContext context, HttpRequest request)
    {
        byte[] body = await RequestBodies.ReadJsonAsync(request);
        AlertRule rule;
        try { rule = AlertJson.ReadRule(body); }
        catch (JsonException e) { throw ApiException.BadRequest($"The body is not an alert rule: {e.Message}"); }
        catch (AlertRuleException e) { throw Invalid(e); }
        IReadOnlyList<Symbol> known = context.Store.ListSymbols();
        foreach (Symbol symbol in Symbols(rule))
            if (!known.Contains(symbol)) throw ApiException.NotFound($"Unknown symbol {symbol}: the store has no data of it.");
        return rule;
    }

    private static IEnumerable<Symbol> Symbols(AlertRule rule)
    {
        if (rule.Symbol is { } symbol) yield return symbol;
        if (rule.Pair is { } pair)
        {
            yield return pair.A;
            yield return pair.B;
        }
    }

    private static ApiException Invalid(AlertRuleException e) =>
        new(StatusCodes.Status422UnprocessableEntity, "Invalid alert rule", string.Join(" ", e.Problems));
}
