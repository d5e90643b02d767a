namespace Tickwise.Storage.Postgres;

/// <summary>One run of consecutive stored trade ids of a symbol: every id from <see cref="FirstId"/> to <see cref="LastId"/> is stored, once.</summary>
internal readonly record struct TradeIdRun(int SymbolId, long FirstId, long LastId);

/// <summary>Collects the ids a write adds as runs of consecutive ids per symbol, for the <c>trade_runs</c> ledger.</summary>
/// <remarks>
/// <para>Ids must arrive in ascending order per symbol (symbols may interleave, as in a live batch); a contiguous feed
/// of one symbol makes one run per batch, so the ledger costs a row per symbol per batch instead of a row per trade.</para>
/// <para>Reused from batch to batch: nothing is allocated per id once the lists have grown.</para>
/// </remarks>
internal sealed class TradeIdRuns
{
    private readonly List<TradeIdRun> _runs = [];
    private readonly Dictionary<int, int> _lastRunOf = [];

    /// <summary>The runs collected since <see cref="Clear"/>, each symbol's in ascending order.</summary>
    public IReadOnlyList<TradeIdRun> Runs => _runs;

    /// <summary>Forgets the runs collected so far.</summary>
    public void Clear()
    {
        _runs.Clear();
        _lastRunOf.Clear();
    }

    /// <summary>Adds one id of a symbol; it must be above every id added for that symbol since <see cref="Clear"/>.</summary>
    /// <exception cref="ArgumentException">The id does not ascend.</exception>
    public void Add(int symbolId, long id)
    {
        if (_lastRunOf.TryGetValue(symbolId, out int index))
        {
            TradeIdRun last = _runs[index];
            if (id <= last.LastId) throw new ArgumentException($"Trade id {id} of symbol {symbolId} does not ascend (last {last.LastId}).", nameof(id));
            if (id == last.LastId + 1)
            {
                _runs[index] = last with { LastId = id };
                return;
            }
        }
        _lastRunOf[symbolId] = _runs.Count;
        _runs.Add(new TradeIdRun(symbolId, id, id));
    }

    /// <summary>Copies the runs into the column lists a <c>unnest</c> parameter needs.</summary>
    public void CopyTo(List<int> symbolIds, List<long> firstIds, List<long> lastIds)
    {
        symbolIds.Clear();
        firstIds.Clear();
        lastIds.Clear();
        foreach (TradeIdRun run in _runs)
        {
            symbolIds.Add(run.SymbolId);
            firstIds.Add(run.FirstId);
            lastIds.Add(run.LastId);
        }
    }
}
