using Tickwise.Binance.Trading;

namespace Tickwise.Binance.Tests.Trading;

public class BinanceCredentialsTests
{
    private const string Key = "keyABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghij";
    private const string Secret = "secretZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvu";

    private static Func<string, string?> Env(string? key, string? secret) => name => name switch
    {
        BinanceCredentials.ApiKeyVariable => key,
        BinanceCredentials.ApiSecretVariable => secret,
        _ => null,
    };

    [Fact]
    public void FromEnvironment_BothVariablesSet_ReadsThem()
    {
        var sut = BinanceCredentials.FromEnvironment(Env(Key, Secret));

        sut.ApiKey.ShouldBe(Key);
        System.Text.Encoding.ASCII.GetString(sut.Secret).ShouldBe(Secret);
    }

    [Fact]
    public void FromEnvironment_SurroundingWhitespace_IsTrimmed()
    {
        var sut = BinanceCredentials.FromEnvironment(Env(" " + Key + "\n", Secret + " "));

        sut.ApiKey.ShouldBe(Key);
    }

    [Fact]
    public void FromEnvironment_NothingSet_NamesBothVariables()
    {
        var e = Should.Throw<InvalidOperationException>(() => BinanceCredentials.FromEnvironment(Env(null, null)));

        e.Message.ShouldContain("set TICKWISE_BINANCE_API_KEY and TICKWISE_BINANCE_API_SECRET");
    }

    [Fact]
    public void FromEnvironment_SecretMissing_NamesItAndNeverEchoesTheKey()
    {
        var e = Should.Throw<InvalidOperationException>(() => BinanceCredentials.FromEnvironment(Env(Key, "  ")));

        e.Message.ShouldContain("set TICKWISE_BINANCE_API_SECRET");
        e.Message.ShouldNotContain(Key);
    }

    [Fact]
    public void FromEnvironment_KeyMissing_NamesItAndNeverEchoesTheSecret()
    {
        var e = Should.Throw<InvalidOperationException>(() => BinanceCredentials.FromEnvironment(Env("", Secret)));

        e.Message.ShouldContain("set TICKWISE_BINANCE_API_KEY");
        e.Message.ShouldNotContain(Secret);
    }

    [Fact]
    public void FromEnvironment_SecretWithNonAsciiCharacter_NamesTheVariableNotTheValue()
    {
        string badSecret = Secret + "é";

        var e = Should.Throw<InvalidOperationException>(() => BinanceCredentials.FromEnvironment(Env(Key, badSecret)));

        e.Message.ShouldContain(BinanceCredentials.ApiSecretVariable);
        e.Message.ShouldNotContain(Secret);
        e.ToString().ShouldNotContain(Secret);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("tab\tinside")]
    public void Constructor_BadKey_ThrowsWithoutEchoingIt(string key)
    {
        var e = Should.Throw<ArgumentException>(() => new BinanceCredentials(key, Secret));

        if (key.Length > 0) e.Message.ShouldNotContain(key);
        e.Message.ShouldNotContain(Secret);
    }

    [Fact]
    public void Constructor_HugeSecret_Throws()
    {
        Should.Throw<ArgumentException>(() => new BinanceCredentials(Key, new string('s', 100_000)));
    }

    [Fact]
    public void ToString_Always_RedactsKeyAndSecret()
    {
        var sut = new BinanceCredentials(Key, Secret);

        string text = sut.ToString();

        text.ShouldContain("redacted");
        text.ShouldNotContain(Key);
        text.ShouldNotContain(Secret);
        $"{sut}".ShouldNotContain(Secret);
    }

    [Fact]
    public void FromEnvironment_ProcessEnvironment_ReadsTheRealVariables()
    {
        // The process may hold real keys; only check the outcome matches what the environment says.
        bool set = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(BinanceCredentials.ApiKeyVariable))
                   && !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(BinanceCredentials.ApiSecretVariable));

        if (set) BinanceCredentials.FromEnvironment().ShouldNotBeNull();
        else Should.Throw<InvalidOperationException>(() => BinanceCredentials.FromEnvironment());
    }
}
