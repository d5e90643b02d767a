using Npgsql;
using Tickwise.Storage.Postgres;

namespace Tickwise.Storage.Tests.Postgres;

public sealed class PostgresUrlTests
{
    [Fact]
    public void Parse_FullUrl_TakesEveryPartApart()
    {
        PostgresUrl sut = PostgresUrl.Parse("postgres://ingest:p%40ss%3Aw%2Frd@db.example.com:6432/market?schema=live&sslmode=require");

        sut.Host.ShouldBe("db.example.com");
        sut.Port.ShouldBe(6432);
        sut.Username.ShouldBe("ingest");
        sut.Password.ShouldBe("p@ss:w/rd");
        sut.Database.ShouldBe("market");
        sut.Schema.ShouldBe("live");
        sut.SslMode.ShouldBe(SslMode.Require);
        sut.Display.ShouldBe("postgres://ingest@db.example.com:6432/market");
    }

    [Fact]
    public void Parse_MinimalUrl_DefaultsPortAndDatabaseAsLibpq()
    {
        PostgresUrl sut = PostgresUrl.Parse("postgresql://tickwise@localhost");

        sut.Port.ShouldBe(5432);
        sut.Database.ShouldBe("tickwise");
        sut.Password.ShouldBeNull();
        sut.Schema.ShouldBeNull();
        sut.SslMode.ShouldBeNull();
    }

    [Fact]
    public void Parse_Ipv6Host_KeepsAddressAndBracketsItForDisplay()
    {
        PostgresUrl sut = PostgresUrl.Parse("postgres://u:pw@[::1]:5433/db");

        sut.Host.ShouldBe("::1");
        sut.Display.ShouldBe("postgres://u@[::1]:5433/db");
    }

    [Theory]
    [InlineData("postgres://u:SECRETPW@host:5432/db?password=x")]
    [InlineData("postgres://u:SECRETPW@host:5432/db?sslmode=sometimes")]
    [InlineData("postgres://:SECRETPW@host:5432/db")]
    [InlineData("postgres://u:SECRETPW@host:5432/db/extra")]
    [InlineData("postgres://u:SECRETPW@host:99999/db")]
    [InlineData("postgres://u:SECRETPW@/db")]
    [InlineData("mysql://u:SECRETPW@host/db")]
    [InlineData("postgres://u:SECRETPW@ho st/db")]
    public void Parse_MalformedUrl_ThrowsArgumentExceptionWithoutPassword(string url)
    {
        ArgumentException e = Should.Throw<ArgumentException>(() => PostgresUrl.Parse(url));

        e.Message.ShouldNotContain("SECRETPW");
        e.Message.ShouldContain("***");
    }

    [Theory]
    [InlineData("")]
    [InlineData("postgres://")]
    [InlineData("postgres:/")]
    [InlineData("\0\u0001\u00ff")]
    public void Parse_Garbage_ThrowsArgumentException(string url) =>
        Should.Throw<ArgumentException>(() => PostgresUrl.Parse(url));

    [Fact]
    public void Parse_HugeUrl_ThrowsArgumentExceptionOnly()
    {
        string url = "postgres://u:pw@host/" + new string('d', 1_000_000) + "/x";

        Should.Throw<ArgumentException>(() => PostgresUrl.Parse(url));
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrowsAnythingButArgumentException()
    {
        var random = new Random(20241121);
        char[] alphabet = "postgres:/@?&=%[]:.0123456789abcXYZ \t-_".ToCharArray();
        for (int i = 0; i < 5_000; i++)
        {
            char[] text = new char[random.Next(0, 60)];
            for (int j = 0; j < text.Length; j++) text[j] = alphabet[random.Next(alphabet.Length)];
            string url = (random.Next(2) == 0 ? "postgres://" : "") + new string(text);
            try { PostgresUrl.Parse(url); }
            catch (ArgumentException) { }
        }
    }

    [Theory]
    [InlineData("postgres://u:pw@host/db", "postgres://u:***@host/db")]
    [InlineData("postgres://u:p@ss@host/db", "postgres://u:***@host/db")]
    [InlineData("postgres://u@host/db", "postgres://u@host/db")]
    [InlineData("not a url", "not a url")]
    public void Redact_Url_HidesOnlyThePassword(string url, string expected) =>
        PostgresUrl.Redact(url).ShouldBe(expected);

    [Theory]
    [InlineData("postgres://u@h/d", true)]
    [InlineData("POSTGRESQL://u@h/d", true)]
    [InlineData("data/tickwise.db", false)]
    [InlineData("/var/lib/postgres.db", false)]
    public void IsUrl_Spec_TellsUrlsFromPaths(string spec, bool expected) =>
        PostgresUrl.IsUrl(spec).ShouldBe(expected);
}
