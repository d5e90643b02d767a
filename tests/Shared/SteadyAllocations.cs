namespace Tickwise.Testing;

/// <summary>The bytes hot-path code allocates on the calling thread once the runtime has settled.</summary>
/// <remarks>Linked into the test projects that need it (see their csproj files). One round measured right after a
/// warm-up can still count the runtime's own one-off work on the calling thread: a method replaced by its next tier or
/// on the stack, a type loaded by a branch taken for the first time (a few KB; it failed CI that way twice in one run).
/// Code that allocates per call allocates in every round, so the fewest bytes of a few rounds is what the code itself
/// allocates: zero for an allocation-free path, and never zero for one that is not.</remarks>
internal static class SteadyAllocations
{
    /// <summary>Runs <paramref name="round"/> up to <paramref name="rounds"/> times, stopping after a round that
    /// allocated nothing, and returns the fewest bytes a round allocated on this thread.</summary>
    public static long Of(Action round, int rounds = 5)
    {
        long fewest = long.MaxValue;
        for (int i = 0; i < rounds && fewest > 0; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            round();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return fewest;
    }
}
