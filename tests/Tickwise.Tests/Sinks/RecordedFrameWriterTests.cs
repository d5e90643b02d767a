using System.IO.Compression;
using System.Text;
using Tickwise.Sinks;
using Tickwise.Tests.Cli;

namespace Tickwise.Tests.Sinks;

public sealed class RecordedFrameWriterTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Write_Frames_AreLinesOfReceiveTimeAndPayload_GzippedByName()
    {
        string path = _temp.File("x.gz");
        using (var sut = new RecordedFrameWriter(path))
        {
            sut.Write(1_723_161_254_087_896_568, """{"a":1}"""u8);
            sut.Write(1_723_161_254_087_896_569, "{\"b\":\n2}"u8); // a line break inside a frame would split it
            sut.Write(1_723_161_254_087_896_570, Encoding.UTF8.GetBytes(new string('x', 200_000))); // larger than the line buffer
            sut.Frames.ShouldBe(3);
        }

        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        string[] lines = reader.ReadToEnd().Split('\n');
        lines[0].ShouldBe("""1723161254087896568 {"a":1}""");
        lines[1].ShouldBe("""1723161254087896569 {"b": 2}""");
        lines[2].Length.ShouldBe(20 + 200_000);
        lines[3].ShouldBe("");
    }

    [Fact]
    public void Write_PlainName_IsNotCompressed_AndWritesAfterDisposeAreIgnored()
    {
        string path = _temp.File("x.jsonl");
        var sut = new RecordedFrameWriter(path);
        sut.Write(1, "{}"u8);
        sut.Dispose();
        sut.Write(2, "{}"u8);

        File.ReadAllText(path).ShouldBe("1 {}\n");
    }
}
