using System.IO.Compression;
using System.Text;
using Tickwise.Binance.Files;
using Tickwise.Sources;

using Tickwise.Tests.Cli;

namespace Tickwise.Tests.Sources;

/// <summary>Tests of <see cref="RecordedFrameReader"/> (src/Tickwise/Sources; kept beside the replay tests in this folder).</summary>
public class RecordedFrameReaderTests : IDisposable
{
    private const long T0 = 1_723_161_254_000_000_000;
    private readonly TempDirectory _temp = new();
    private readonly List<DumpLineError> _bad = [];

    public void Dispose() => _temp.Dispose();

    private string Write(string name, string text, bool gzip = false)
    {
        string path = _temp.File(name);
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        if (!gzip)
        {
            File.WriteAllBytes(path, bytes);
            return path;
        }
        using var file = File.Create(path);
        using var zip = new GZipStream(file, CompressionLevel.Fastest);
        zip.Write(bytes);
        return path;
    }

    private List<(long Line, long Ns, string Payload)> ReadAll(string path, int maxLineLength = RecordedFrameReader.MaxLineLength)
    {
        using var sut = RecordedFrameReader.Open(path, _bad.Add, maxLineLength);
        var frames = new List<(long, long, string)>();
        while (sut.MoveNext()) frames.Add((sut.LineNumber, sut.ReceiveTimeNs, Encoding.UTF8.GetString(sut.Payload)));
        return frames;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MoveNext_CrLfBlankLinesAndNoFinalBreak_ReadsEveryFrameWithItsLine(bool gzip)
    {
        string path = Write(gzip ? "f.gz" : "f.txt", $"{T0} {{\"a\":1}}\r\n\n{T0 + 5} {{\"b\":2}}\n{T0 + 9} {{\"c\":3}}", gzip);

        ReadAll(path).ShouldBe([(1L, T0, "{\"a\":1}"), (3L, T0 + 5, "{\"b\":2}"), (4L, T0 + 9, "{\"c\":3}")]);
        _bad.ShouldBeEmpty();
    }

    [Fact]
    public void MoveNext_EmptyFile_ReturnsFalse() => ReadAll(Write("empty.txt", "")).ShouldBeEmpty();

    [Theory]
    [InlineData("garbage", "not a frame")]
    [InlineData(" {\"a\":1}", "not a frame")]
    [InlineData("12a4 {}", "whole number")]
    [InlineData("-1723161254000000000 {}", "whole number")]
    [InlineData("99999999999999999999999 {}", "whole number")]
    [InlineData("1723161254000 {}", "between 2000 and 2100")]
    [InlineData("1723161254000000000 ", "no payload")]
    public void MoveNext_BadLine_ReportsFileAndLineAndGoesOn(string line, string reason)
    {
        string path = Write("bad.txt", $"{T0} {{}}\n{line}\n{T0 + 1} {{}}\n");

        ReadAll(path).Select(f => f.Line).ShouldBe([1L, 3L]);

        _bad.Count.ShouldBe(1);
        _bad[0].FileName.ShouldBe("bad.txt");
        _bad[0].LineNumber.ShouldBe(2);
        _bad[0].Reason.ShouldContain(reason);
    }

    [Fact]
    public void MoveNext_LineOverTheLimit_IsReportedAndTheNextLineRead()
    {
        string path = Write("long.txt", $"{T0} {{\"a\":\"{new string('x', 500)}\"}}\n{T0 + 1} {{}}\n");

        ReadAll(path, maxLineLength: 100).ShouldBe([(2L, T0 + 1, "{}")]);

        _bad.Single().Reason.ShouldContain("longer than 100 bytes");
    }

    [Fact]
    public void MoveNext_LastLineOverTheLimitWithoutBreak_IsReported()
    {
        string path = Write("long.txt", $"{T0} {{}}\n{T0} {new string('x', 100_000)}");

        ReadAll(path, maxLineLength: 1000).Count.ShouldBe(1);

        _bad.Single().LineNumber.ShouldBe(2);
    }

    [Fact]
    public void MoveNext_LineLongerThanTheFirstBuffer_IsReadWhole()
    {
        string payload = "{\"a\":\"" + new string('y', 3 << 20) + "\"}";
        string path = Write("huge.gz", $"{T0} {payload}\n{T0 + 1} {{}}\n", gzip: true);

        var frames = ReadAll(path);

        frames.Count.ShouldBe(2);
        frames[0].Payload.ShouldBe(payload);
    }

    [Fact]
    public void Open_MissingFile_ThrowsIOException() =>
        Should.Throw<IOException>(() => RecordedFrameReader.Open(_temp.File("missing.gz"), _ => { }));
}
