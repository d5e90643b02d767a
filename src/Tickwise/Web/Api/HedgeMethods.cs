using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tickwise.Core.Pairs;

namespace Tickwise.Web.Api;

/// <summary>The API's names of the hedge methods: ols, rolling_ols, huber, theilsen, kalman.</summary>
internal static class HedgeMethods
{
    /// <summary>Parses a hedge method name (case-insensitive; absent means ols).</summary>
    /// <exception cref="ApiException">400: an unknown name.</exception>
    public static HedgeMethod Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "ols" => HedgeMethod.WindowOls,
        "rolling_ols" or "rollingols" or "rolling" => HedgeMethod.RollingOls,
        "huber" => HedgeMethod.Huber,
        "theilsen" or "theil_sen" => HedgeMethod.TheilSen,
        "kalman" => HedgeMethod.Kalman,
        _ => throw ApiException.BadRequest($"hedge={QueryValues.Shorten(text!)}: choose ols, rolling_ols, huber, theilsen or kalman."),
    };

    /// <summary>Returns the API name of a method.</summary>
    public static string Name(HedgeMethod method) => method switch
    {
        HedgeMethod.WindowOls => "ols",
        HedgeMethod.RollingOls => "rolling_ols",
        HedgeMethod.Huber => "huber",
        HedgeMethod.TheilSen => "theilsen",
        _ => "kalman",
    };
}
