using Tickwise.Core.Strategies;

namespace Tickwise.Core.Backtest;

/// <summary>Marks the variants' equity at each close with 128-bit integers instead of decimal arithmetic, and returns
/// the very decimal (value and scale, bit for bit) that <c>initial + runner.NetPnl(v)</c> and the sum over the variants give.</summary>
/// <remarks>
/// <para>Why: a held variant is marked every bar, and the decimal sum of realized P&amp;L, quantity × close and cost
/// basis was the backtest's largest cost per bar. Between fills every term but the closes is constant, so a variant's
/// equity is <c>constant + Σ quantity × close</c>, one 64 × 64-bit product per held symbol.</para>
/// <para>Why the decimal is the same: a decimal addition or multiplication whose exact result fits its 96-bit mantissa
/// (at a scale of at most 28) does not round: an addition keeps the larger scale of its operands, a product the sum of
/// theirs. So when every term, scaled to the largest scale S, and the sum of their magnitudes fit in 96 bits, every
/// intermediate of the decimal path is exact in any order, and its result is the exact sum at scale S. Otherwise (and
/// for a result of zero or less, whose sign bit the decimal path decides) <see cref="TryMark"/> returns false and the
/// caller takes the decimal path.</para>
/// <para>The constants are rebuilt from the positions after fills (<see cref="Rebuild"/>): positions change only there.</para>
/// </remarks>
internal sealed class EquityMarker
{
    private const int MaxScale = 28;
    private static readonly UInt128 Limit = UInt128.One << 96; // exclusive bound of a decimal's mantissa
    private static readonly UInt128[] Pow10 = CreatePow10();
    private static readonly UInt128[] MaxBeforeScale = CreateMaxBeforeScale(); // largest magnitude that × 10^k stays < Limit
    private readonly StrategyRunner _runner;
    private readonly int _symbols;
    private readonly Int128 _initial;
    private readonly int _initialScale;
    private readonly bool[] _exact;
    private readonly Int128[] _constant;
    private readonly UInt128[] _constantMagnitude;
    private readonly int[] _scale;
    private readonly long[] _quantity; // per variant × symbol: quantity at scale S − 8 (0 when flat), so × raw close gives scale S
    private readonly Int128[] _equity; // per variant: the latest equity's mantissa (signed) and scale
    private readonly int[] _equityScale;
    private readonly int[] _sameAs; // per variant: an earlier variant with the very same constants and quantities, or -1
    private readonly int[] _markedAt; // per variant: the bar it was last marked at on the integer path, or -1
    private readonly decimal[] _marked; // per variant: that mark

    /// <summary>Creates a marker of <paramref name="runner"/>'s variants, each starting at <paramref name="initialEquity"/>.</summary>
    public EquityMarker(StrategyRunner runner, int variants, decimal initialEquity)
    {
        _runner = runner;
        _symbols = runner.Symbols.Count;
        Decompose(initialEquity, out _initial, out _initialScale);
        _exact = new bool[variants];
        _constant = new Int128[variants];
        _constantMagnitude = new UInt128[variants];
        _scale = new int[variants];
        _quantity = new long[variants * _symbols];
        _equity = new Int128[variants];
        _equityScale = new int[variants];
        _sameAs = new int[variants];
        _markedAt = new int[variants];
        _marked = new decimal[variants];
        _sameAs.AsSpan().Fill(-1);
        _markedAt.AsSpan().Fill(-1);
    }

    /// <summary>Reads the positions again; call after fills, before the next <see cref="TryMark"/>.</summary>
    public void Rebuild()
    {
        for (int v = 0; v < _exact.Length; v++)
        {
            _exact[v] = RebuildVariant(v);
            _sameAs[v] = -1;
            _markedAt[v] = -1;
            if (!_exact[v]) continue;
            for (int u = 0; u < v && _sameAs[v] < 0; u++)
                if (_exact[u] && _constant[u] == _constant[v] && _constantMagnitude[u] == _constantMagnitude[v] && _scale[u] == _scale[v]
                    && _quantity.AsSpan(u * _symbols, _symbols).SequenceEqual(_quantity.AsSpan(v * _symbols, _symbols)))
                    _sameAs[v] = u;
        }
    }

    /// <summary>Marks variant <paramref name="variant"/> at bar <paramref name="bar"/>'s closes <paramref name="closeRaw"/>
    /// (raw fixed point, by symbol); false when the exact integer path cannot promise the decimal path's result.</summary>
    /// <param name="variant">The variant.</param>
    /// <param name="bar">The bar's index: marks of one bar share their closes.</param>
    /// <param name="closeRaw">The closes, by symbol.</param>
    /// <param name="equity">The equity.</param>
    /// <param name="copyOf">An earlier variant whose mark of this bar this is (it holds the same positions, as the
    /// crossover's variants do until a stop parts them), so that its double may be copied too; -1 otherwise.</param>
    public bool TryMark(int variant, int bar, ReadOnlySpan<long> closeRaw, out decimal equity, out int copyOf)
    {
        equity = default;
        copyOf = -1;
        if (!_exact[variant]) return false;
        int same = _sameAs[variant];
        if (same >= 0 && _markedAt[same] == bar)
        {
            // The same constants, quantities and closes: the same sum, so the same decimal.
            equity = _marked[same];
            _equity[variant] = _equity[same];
            _equityScale[variant] = _equityScale[same];
            _markedAt[variant] = bar;
            _marked[variant] = equity;
            copyOf = same;
            return true;
        }
        Int128 sum = _constant[variant];
        UInt128 magnitude = _constantMagnitude[variant];
        int row = variant * _symbols;
        for (int s = 0; s < closeRaw.Length; s++)
        {
            long quantity = _quantity[row + s];
            if (quantity == 0) continue;
            long close = closeRaw[s];
            if (close <= 0) return false;
            Int128 term = (Int128)quantity * close; // both below 2^63: no overflow
            sum += term;
            magnitude += (UInt128)(term < 0 ? -term : term);
        }
        if (magnitude >= Limit || sum <= 0) return false;
        int scale = _scale[variant];
        _equity[variant] = sum;
        _equityScale[variant] = scale;
        equity = ToDecimal(sum, scale);
        _markedAt[variant] = bar;
        _marked[variant] = equity;
        return true;
    }

    /// <summary>Records the equity of <paramref name="variant"/> computed on the decimal path.</summary>
    public void SetEquity(int variant, decimal equity)
    {
        Decompose(equity, out _equity[variant], out _equityScale[variant]);
    }

    /// <summary>The sum of the variants' latest equities as <c>0m + e0 + e1 + ...</c> gives it; false when the exact path
    /// cannot promise it.</summary>
    public bool TryTotal(out decimal total)
    {
        total = default;
        int scale = 0;
        for (int v = 0; v < _equityScale.Length; v++) scale = Math.Max(scale, _equityScale[v]);
        Int128 sum = 0;
        UInt128 magnitude = 0;
        for (int v = 0; v < _equity.Length; v++)
        {
            int by = scale - _equityScale[v];
            Int128 e = _equity[v];
            UInt128 m = (UInt128)(e < 0 ? -e : e);
            if (by != 0)
            {
                if (m > MaxBeforeScale[by]) return false;
                m *= Pow10[by];
            }
            magnitude += m; // each below 2^96: a few of them cannot overflow 128 bits
            sum += e < 0 ? -(Int128)m : (Int128)m;
        }
        if (magnitude >= Limit || sum <= 0) return false;
        total = ToDecimal(sum, scale);
        return true;
    }

    private bool RebuildVariant(int v)
    {
        int row = v * _symbols;
        // Scale S: the largest of the terms' scales (a product's is the sum of its factors'; a close has scale 8).
        int scale = _initialScale;
        for (int s = 0; s < _symbols; s++)
        {
            var p = _runner.GetPosition(v, s);
            scale = Math.Max(scale, p.RealizedNetOfFees.Scale);
            if (p.IsFlat) continue;
            scale = Math.Max(scale, p.CostBasis.Scale);
            scale = Math.Max(scale, p.Quantity.Scale + 8);
        }
        if (scale > MaxScale) return false;
        Int128 sum = 0;
        UInt128 magnitude = 0;
        if (!Add(_initial, _initialScale, scale, ref sum, ref magnitude)) return false;
        for (int s = 0; s < _symbols; s++)
        {
            var p = _runner.GetPosition(v, s);
            _quantity[row + s] = 0;
            Decompose(p.RealizedNetOfFees, out Int128 realized, out int realizedScale);
            if (!Add(realized, realizedScale, scale, ref sum, ref magnitude)) return false;
            if (p.IsFlat) continue;
            Decompose(p.CostBasis, out Int128 cost, out int costScale);
            if (!Add(-cost, costScale, scale, ref sum, ref magnitude)) return false;
            Decompose(p.Quantity, out Int128 quantity, out int quantityScale);
            UInt128 q = (UInt128)(quantity < 0 ? -quantity : quantity);
            int by = scale - 8 - quantityScale;
            if (q > MaxBeforeScale[by]) return false;
            q *= Pow10[by];
            if (q > long.MaxValue) return false;
            _quantity[row + s] = quantity < 0 ? -(long)q : (long)q;
        }
        if (magnitude >= Limit) return false;
        _constant[v] = sum;
        _constantMagnitude[v] = magnitude;
        _scale[v] = scale;
        return true;
    }

    private static bool Add(Int128 mantissa, int fromScale, int toScale, ref Int128 sum, ref UInt128 magnitude)
    {
        UInt128 m = (UInt128)(mantissa < 0 ? -mantissa : mantissa);
        int by = toScale - fromScale;
        if (m > MaxBeforeScale[by]) return false;
        m *= Pow10[by];
        magnitude += m;
        sum += mantissa < 0 ? -(Int128)m : (Int128)m;
        return true;
    }

    private static decimal ToDecimal(Int128 positive, int scale)
    {
        var m = (UInt128)positive;
        return new decimal((int)(uint)m, (int)(uint)(m >> 32), (int)(uint)(m >> 64), false, (byte)scale);
    }

    private static void Decompose(decimal value, out Int128 mantissa, out int scale)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        UInt128 magnitude = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        scale = (bits[3] >> 16) & 0xFF;
        mantissa = bits[3] < 0 ? -(Int128)magnitude : (Int128)magnitude;
    }

    private static UInt128[] CreatePow10()
    {
        var table = new UInt128[MaxScale + 1];
        table[0] = 1;
        for (int i = 1; i < table.Length; i++) table[i] = table[i - 1] * 10;
        return table;
    }

    private static UInt128[] CreateMaxBeforeScale()
    {
        var table = new UInt128[MaxScale + 1];
        for (int i = 0; i < table.Length; i++) table[i] = (Limit - 1) / Pow10[i];
        return table;
    }
}
