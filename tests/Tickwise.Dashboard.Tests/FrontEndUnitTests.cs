using System.Diagnostics;
using Tickwise.Testing;
using Xunit.Abstractions;

namespace Tickwise.Dashboard.Tests;

/// <summary>Runs the dashboard's own unit tests (web/test/*.test.ts: form parsing, feed frames, markers) with Node's test runner, so that <c>dotnet test</c> covers them.</summary>
/// <remarks>web/node_modules exists because building Tickwise (a reference of this project) ran <c>npm ci</c>.</remarks>
public sealed class FrontEndUnitTests(ITestOutputHelper output)
{
    [Fact]
    public async Task NpmTest_FrontEndModules_AllPass()
    {
        var start = new ProcessStartInfo("npm") { WorkingDirectory = Path.Combine(RepositoryPaths.Root, "web"), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { "test", "--silent" }) start.ArgumentList.Add(arg);
        using var sut = Process.Start(start)!;
        Task<string> stdout = sut.StandardOutput.ReadToEndAsync();
        Task<string> stderr = sut.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await sut.WaitForExitAsync(timeout.Token);

        string text = await stdout;
        string summary = string.Join('\n', text.Split('\n').Where(line => line.StartsWith("# ", StringComparison.Ordinal) || line.StartsWith("not ok", StringComparison.Ordinal)));
        output.WriteLine(summary);
        sut.ExitCode.ShouldBe(0, $"npm test failed:\n{text}\n{await stderr}");
        text.ShouldContain("# fail 0");
        text.ShouldNotContain("# pass 0");
    }
}
