using Tickwise.Alerts;
using Tickwise.Core.Alerts;
using Tickwise.Storage;
using Tickwise.Tests.Cli;
using static Tickwise.Tests.Alerts.AlertTestStores;

namespace Tickwise.Tests.Alerts;

public class AlertServiceTests
{
    [Fact]
    public void Observer_RuleFires_StoresTheEventThenPublishesIt()
    {
        using var temp = new TempDirectory();
        using ITickStore store = TickStores.OpenSqlite(temp.File("a.db"));
        var published = new List<(AlertEvent Event, int StoredBefore)>();
        AlertService? service = null;
        service = AlertService.Open(store, e => published.Add((e, service!.Repository.ReadEvents(10).Count)));
        AlertRule rule = service.Add(PriceAbove(100));

        service.Observer.OnTrade(T(1, 99, Start));
        service.Observer.OnTrade(T(2, 101, Start + 1000));

        var (alert, storedBefore) = published.ShouldHaveSingleItem();
        storedBefore.ShouldBe(1, "stored before it is published");
        alert.RuleId.ShouldBe(rule.Id);
        service.Repository.ReadEvents(10).ShouldHaveSingleItem().Id.ShouldBe(alert.Id);
        service.EventsStored.ShouldBe(1);
    }

    [Fact]
    public void AddReplaceDisableRemove_ChangeTheStoreAndTheEngineTogether()
    {
        using var temp = new TempDirectory();
        using ITickStore store = TickStores.OpenSqlite(temp.File("a.db"));
        AlertService sut = AlertService.Open(store);

        AlertRule added = sut.Add(PriceAbove(100) with { Name = "first" });
        AlertRule replaced = sut.Replace(added with { Threshold = 200, Name = "" })!;
        sut.SetEnabled(added.Id, false);

        replaced.Name.ShouldBe("first");
        replaced.CreatedMs.ShouldBe(added.CreatedMs);
        sut.Engine.Find(added.Id).ShouldBe(replaced with { Enabled = false });
        sut.Repository.Get(added.Id).ShouldBe(replaced with { Enabled = false });
        sut.Replace(PriceAbove(1, "missing")).ShouldBeNull();
        sut.Remove(added.Id).ShouldBeTrue();
        sut.Engine.Rules.ShouldBeEmpty();
        sut.Repository.LoadRules().ShouldBeEmpty();
    }

    [Fact]
    public void SyncFromStore_RulesChangedByAnotherProcess_ReachTheRunningEngine()
    {
        using var temp = new TempDirectory();
        using ITickStore store = TickStores.OpenSqlite(temp.File("a.db"));
        var other = new AlertRepository(store);
        AlertRule kept = other.Add(PriceAbove(100, "kept"));
        AlertRule dropped = other.Add(PriceAbove(200, "dropped"));
        AlertService sut = AlertService.Open(store);
        sut.Observer.OnTrade(T(1, 99, Start)); // "kept" now armed

        other.Remove(dropped.Id);
        other.Add(PriceAbove(300, "new"));
        int changes = sut.SyncFromStore();
        sut.Observer.OnTrade(T(2, 101, Start + 1000));

        changes.ShouldBe(2);
        sut.Engine.Rules.Select(r => r.Id).Order().ShouldBe(["kept", "new"]);
        sut.Engine.Fired.ShouldBe(1, "the unchanged rule kept its armed state through the sync");
        sut.SyncFromStore().ShouldBe(0);
    }
}
