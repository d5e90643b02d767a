using System.Text;
using Tickwise.Binance.Files;

namespace Tickwise.Binance.Tests.Files;

public sealed class DumpLineReaderTests : IDisposable
{
    private readonly TempDumps _temp = new();

    public void Dispose() => _temp.Dispose();

    private static List<(LineStatus Status, string Line, long Number)> ReadAll(string path)
    {
        var lines = new List<(LineStatus, string, long)>();
        using DumpLineReader sut = DumpLineReader.Open(path);
        LineStatus status;
        while ((status = sut.ReadLine(out ReadOnlySpan<byte> line)) != LineStatus.End)
            lines.Add((status, Encoding.UTF8.GetString(line), sut.LineNumber));
        return lines;
    }

    [Fact]
    public void ReadLine_MixedLineEndingsWithoutFinalBreak_ReturnsEveryLine()
    {
        string path = _temp.Csv("x.csv", "\uFEFFa,b\r\n\nc\rd\nlast");

        ReadAll(path).ShouldBe([(LineStatus.Line, "a,b", 1L), (LineStatus.Line, "", 2L), (LineStatus.Line, "c\rd", 3L), (LineStatus.Line, "last", 4L)]);
    }

    [Fact]
    public void ReadLine_LinesAcrossBufferBoundaries_AreWhole()
    {
        var content = new StringBuilder();
        for (int i = 0; i < 100_000; i++) content.Append(i).Append(",abcdefghij\n"); // about 1.6 MB: crosses the 1 MB buffer
        string path = _temp.Csv("x.csv", content.ToString());

        List<(LineStatus Status, string Line, long Number)> sut = ReadAll(path);

        sut.Count.ShouldBe(100_000);
        for (int i = 0; i < sut.Count; i++) sut[i].Line.ShouldBe($"{i},abcdefghij");
    }

    [Fact]
    public void ReadLine_HugeLines_AreReportedOnceAndSkipped()
    {
        string huge = new('x', 3 << 20); // longer than the whole buffer
        string path = _temp.Csv("x.csv", "first\n" + huge + "\nmiddle\n" + new string('y', DumpLineReader.MaxLineLength + 1) + "\nlast\n" + huge);

        ReadAll(path).ShouldBe([
            (LineStatus.Line, "first", 1L), (LineStatus.TooLong, "", 2L), (LineStatus.Line, "middle", 3L),
            (LineStatus.TooLong, "", 4L), (LineStatus.Line, "last", 5L), (LineStatus.TooLong, "", 6L)]);
    }

    [Fact]
    public void ReadLine_ZipEntry_StreamsTheCsv()
    {
        var content = new StringBuilder();
        for (int i = 0; i < 50_000; i++) content.Append(i).Append(",1.5,2\n");
        string path = _temp.Zip("x.zip", ("notes.txt", "ignored"), ("x.csv", content.ToString()));

        List<(LineStatus Status, string Line, long Number)> sut = ReadAll(path);

        sut.Count.ShouldBe(50_000);
        sut[^1].Line.ShouldBe("49999,1.5,2");
    }
}
