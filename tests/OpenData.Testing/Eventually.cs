namespace OpenData.Testing;

/// <summary>
/// Waits for a condition the test can observe (a version served, a session listening, a counter reached) instead of
/// sleeping for a time assumed long enough: the wait ends as soon as the condition holds, and fails, saying what it
/// waited for, only if it never does within a generous bound (a hang, not a timing).
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>Checks <paramref name="condition"/> every <paramref name="every"/> (20 ms unless given: a process starting is asked less often).</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + (within ?? Bound);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited {(within ?? Bound).TotalSeconds:0} s for {what}");
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(20));
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? within = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, within);
}
