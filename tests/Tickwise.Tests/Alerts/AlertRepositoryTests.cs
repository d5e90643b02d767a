using Tickwise.Alerts;
using Tickwise.Core.Alerts;
using Tickwise.Core.Market;
using Tickwise.Storage;
using Tickwise.Tests.Cli;
using static Tickwise.Tests.Alerts.AlertTestStores;

namespace Tickwise.Tests.Alerts;

/// <summary>Rules and events in the store's records, on SQLite and PostgreSQL alike.</summary>
public class AlertRepositoryTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Add_RuleWithoutIdOrTime_StoresItCompletedAndItSurvivesReopening(string kind)
    {
        using var temp = new TempDirectory();
        string spec = Spec(kind, temp, cluster);
        AlertRule added;
        using (ITickStore store = TickStores.Open(spec))
        {
            var sut = new AlertRepository(store, new FixedTime(Start));
            added = sut.Add(PriceAbove(62000.5) with { CooldownS = 60, Hysteresis = 10, Webhook = "http://127.0.0.1:1/x" });
        }

        using (ITickStore reopened = TickStores.Open(spec))
        {
            var sut = new AlertRepository(reopened);
            sut.LoadRules().ShouldBe([added]);
            sut.Get(added.Id).ShouldBe(added);
        }

        added.Id.Length.ShouldBe(8);
        added.CreatedMs.ShouldBe(Start);
        added.Name.ShouldBe("price_above BTCUSDT 1m 62000.5");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void SaveEvents_SameEventsTwice_StoresThemOnceAndReadsNewestFirst(string kind)
    {
        using var temp = new TempDirectory();
        using ITickStore store = TickStores.Open(Spec(kind, temp, cluster));
        var sut = new AlertRepository(store);
        var fired = new List<AlertEvent>();
        var engine = new AlertEngine(fired.Add);
        engine.Add(PriceAbove(100, "r1") with { CreatedMs = Start });
        double[] prices = [99, 101, 99, 101, 99, 101];
        for (int i = 0; i < prices.Length; i++) engine.OnTrade(T(i, prices[i], Start + i * 1000L));

        sut.SaveEvents(fired);
        sut.SaveEvents(fired);

        IReadOnlyList<AlertEvent> read = sut.ReadEvents(10);
        read.Select(e => e.Id).ShouldBe([$"r1:{Start + 5000}", $"r1:{Start + 3000}", $"r1:{Start + 1000}"]);
        read[0].Values["price"].ShouldBe(101);
        read[0].Values["previous"].ShouldBe(99);
        sut.ReadEvents(2).Count.ShouldBe(2);
        sut.ReadEvents(10, new TimeRange(Start + 2000, Start + 4000)).ShouldHaveSingleItem().TimeMs.ShouldBe(Start + 3000);
    }

    [Fact]
    public void Add_InvalidRule_StoresNothing()
    {
        using var temp = new TempDirectory();
        using ITickStore store = TickStores.OpenSqlite(temp.File("a.db"));
        var sut = new AlertRepository(store);

        Should.Throw<AlertRuleException>(() => sut.Add(PriceAbove(-1)));

        sut.LoadRules().ShouldBeEmpty();
    }

    [Fact]
    public void Add_ExistingId_ThrowsAndKeepsTheFirst()
    {
        using var temp = new TempDirectory();
        using ITickStore store = TickStores.OpenSqlite(temp.File("a.db"));
        var sut = new AlertRepository(store);
        AlertRule first = sut.Add(PriceAbove(1, "same"));

        Should.Throw<ArgumentException>(() => sut.Add(PriceAbove(2, "same")));

        sut.Get("same").ShouldBe(first);
    }

    [Fact]
    public void SetEnabledAndRemove_StoredRule_ChangeTheStore()
    {
        using var temp = new TempDirectory();
        using ITickStore store = TickStores.OpenSqlite(temp.File("a.db"));
        var sut = new AlertRepository(store);
        AlertRule rule = sut.Add(PriceAbove(1));

        sut.SetEnabled(rule.Id, false)!.Enabled.ShouldBeFalse();
        sut.Get(rule.Id)!.Enabled.ShouldBeFalse();
        sut.SetEnabled("missing", true).ShouldBeNull();
        sut.Remove(rule.Id).ShouldBeTrue();
        sut.Remove(rule.Id).ShouldBeFalse();
        sut.Get(rule.Id).ShouldBeNull();
    }

    [Fact]
    public void LoadRules_DamagedRecord_IsSkippedAndReported()
    {
        using var temp = new TempDirectory();
        using ITickStore store = TickStores.OpenSqlite(temp.File("a.db"));
        var sut = new AlertRepository(store);
        AlertRule good = sut.Add(PriceAbove(1));
        store.PutRecords([
            new StoredRecord(AlertRepository.RuleKind, "bad1", 1, "{not json"),
            new StoredRecord(AlertRepository.RuleKind, "bad2", 2, """{"type":"price_above","id":"bad2","threshold":-5,"symbol":"BTCUSDT"}"""),
        ]);
        var problems = new List<string>();

        sut.LoadRules(problems).ShouldBe([good]);

        problems.Count.ShouldBe(2);
        problems.ShouldContain(p => p.Contains("'bad2'") && p.Contains("positive price"));
    }

    [Fact]
    public void BuildEngine_AfterARestart_KeepsTheFiredLevelDisarmedAndItsCooldown()
    {
        using var temp = new TempDirectory();
        string path = temp.File("a.db");
        AlertRule rule = PriceAbove(100, "r1") with { CooldownS = 60, CreatedMs = Start };
        using (ITickStore store = TickStores.OpenSqlite(path))
        {
            var repository = new AlertRepository(store);
            repository.Save(rule);
            AlertEngine before = repository.BuildEngine(repository.SaveEvent);
            before.OnTrade(T(1, 99, Start));
            before.OnTrade(T(2, 101, Start + 1000));
            before.Fired.ShouldBe(1);
        }

        using ITickStore reopened = TickStores.OpenSqlite(path);
        var fired = new List<AlertEvent>();
        AlertEngine sut = new AlertRepository(reopened).BuildEngine(fired.Add);
        sut.OnTrade(T(3, 102, Start + 2000));   // still above: the restored level is disarmed
        sut.OnTrade(T(4, 99, Start + 3000));
        sut.OnTrade(T(5, 101, Start + 4000));   // crosses within 60 s of the stored fire: suppressed
        sut.OnTrade(T(6, 99, Start + 62_000));
        sut.OnTrade(T(7, 101, Start + 62_000)); // 61 s after: fires

        sut.Rules.ShouldBe([rule]);
        fired.Select(e => e.TimeMs).ShouldBe([Start + 62_000]);
        sut.Suppressed.ShouldBe(1);
    }
}
