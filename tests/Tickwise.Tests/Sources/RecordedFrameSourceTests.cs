using System.Text;
using Tickwise.Binance.Files;
using Tickwise.Sources;

using Tickwise.Tests.Cli;

namespace Tickwise.Tests.Sources;

/// <summary>Tests of <see cref="RecordedFrameSource"/> (src/Tickwise/Sources; kept beside the replay tests in this folder).</summary>
public class RecordedFrameSourceTests : IDisposable
{
    private const long T0 = 1_723_161_254_000_000_000;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Write(string name, params long[] offsets)
    {
        string path = _temp.File(name);
        File.WriteAllLines(path, offsets.Select(o => $"{T0 + o} {{\"{name}\":{o}}}"));
        return path;
    }

    private static List<string> Drain(RecordedFrameSource sut)
    {
        var order = new List<string>();
        while (sut.MoveNext()) order.Add($"{sut.FileIndex}:{Encoding.UTF8.GetString(sut.Current.Payload)}");
        return order;
    }

    [Fact]
    public void MoveNext_InterleavedFiles_MergesByReceiveTimeAndTiesByFileOrder()
    {
        using var sut = new RecordedFrameSource([Write("a", 0, 5, 5, 9), Write("b", 1, 5, 20)], _ => { });

        Drain(sut).ShouldBe(["0:{\"a\":0}", "1:{\"b\":1}", "0:{\"a\":5}", "0:{\"a\":5}", "1:{\"b\":5}", "0:{\"a\":9}", "1:{\"b\":20}"]);
        sut.MoveNext().ShouldBeFalse();
    }

    [Fact]
    public void MoveNext_FileWhoseClockStepsBack_KeepsItsOwnLineOrder()
    {
        using var sut = new RecordedFrameSource([Write("a", 10, 2), Write("b", 5)], _ => { });

        Drain(sut).ShouldBe(["1:{\"b\":5}", "0:{\"a\":10}", "0:{\"a\":2}"]);
    }

    [Fact]
    public void MoveNext_BadLinesInOneFile_AreReportedAndTheMergeGoesOn()
    {
        string bad = _temp.File("bad");
        File.WriteAllLines(bad, ["oops", $"{T0 + 3} {{}}"]);
        var reported = new List<DumpLineError>();
        using var sut = new RecordedFrameSource([Write("a", 1, 4), bad], reported.Add);

        Drain(sut).Count.ShouldBe(3);

        reported.Single().ShouldBe(new DumpLineError("bad", 1, "not a frame: expected '<receive time ns> <payload>'"));
    }

    [Fact]
    public void Constructor_NoFile_Throws() => Should.Throw<ArgumentException>(() => new RecordedFrameSource([], _ => { }));

    [Fact]
    public void Constructor_OneFileMissing_ThrowsIOException() =>
        Should.Throw<IOException>(() => new RecordedFrameSource([Write("a", 1), _temp.File("missing")], _ => { }));
}
