using System.Numerics;

namespace Tickwise.Core.Simulation;

/// <summary>
/// The xoshiro256** generator (Blackman and Vigna, 2018), seeded by SplitMix64, with uniform, normal and
/// exponential draws built only from IEEE-exact operations and <see cref="DeterministicMath"/>.
/// </summary>
/// <remarks>
/// The simulator owns its generator instead of using <see cref="System.Random"/>, whose algorithm is not
/// part of its contract and has changed between .NET versions: a seed must give the same events on any
/// machine and runtime. A class, not a struct, so that a copy can never silently fork the stream.
/// </remarks>
internal sealed class Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpareNormal;

    /// <summary>Creates a generator whose 256-bit state is four SplitMix64 outputs of <paramref name="seed"/>.</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        ulong sm = seed;
        _s0 = SplitMix64(ref sm);
        _s1 = SplitMix64(ref sm);
        _s2 = SplitMix64(ref sm);
        _s3 = SplitMix64(ref sm);
        // SplitMix64 never returns four zeros in a row, so the state is never the all-zero fixed point.
    }

    /// <summary>Creates a generator from an explicit state, for the reference vectors of the algorithm.</summary>
    /// <exception cref="ArgumentException">All four words are zero, a state the generator never leaves.</exception>
    public Xoshiro256StarStar(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0) throw new ArgumentException("The all-zero state is not allowed.", nameof(s0));
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>Advances <paramref name="state"/> by the golden gamma and returns its SplitMix64 mix (Steele, Lea, Flood 2014).</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Returns the next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Returns a uniform double in [0, 1) on the grid of 2^-53.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Returns a standard normal draw by Marsaglia's polar method.</summary>
    /// <remarks>The method yields two independent draws per accepted pair; the second is kept for the next call.</remarks>
    public double NextNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = Math.Sqrt(-2 * DeterministicMath.Log(s) / s);
        _spareNormal = v * factor;
        _hasSpareNormal = true;
        return u * factor;
    }

    /// <summary>Returns an exponential draw with mean 1.</summary>
    public double NextExponential() => -DeterministicMath.Log(1 - NextDouble()); // 1 - u is in (0, 1]: never log(0)
}
