using System.Collections.Concurrent;

namespace OpenData.Api.Protection;

/// <summary>Where a partition stands: what the RateLimit-* headers report.</summary>
public readonly record struct QuotaState(bool Allowed, int Limit, int Remaining, TimeSpan Reset)
{
    /// <summary>Whole seconds until the window resets, rounded up (never 0 while a window runs).</summary>
    public int ResetSeconds => Math.Max(1, (int)Math.Ceiling(Reset.TotalSeconds));
}

/// <summary>
/// Fixed-window counters, one per partition (client IP or API key), in memory. Written here rather than
/// taken from System.Threading.RateLimiting because the headers need what its limiters do not tell: the
/// start of the window (for RateLimit-Reset) and what is left in it after a refusal. Windows that ended are swept once a minute.
/// </summary>
public sealed class QuotaCounters(TimeProvider time)
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);
    private long lastSweep = time.GetTimestamp();

    /// <summary>Takes <paramref name="permits"/> if the window has them all, otherwise none (rejected).</summary>
    public QuotaState TryAcquire(string partition, Quota quota, int permits) => Update(partition, quota, permits, force: false);

    /// <summary>The partition's state without taking anything.</summary>
    public QuotaState Peek(string partition, Quota quota) => Update(partition, quota, 0, force: true);

    /// <summary>Takes <paramref name="permits"/> whatever is left (a bill for work done): at most the rest of the window.</summary>
    public QuotaState Bill(string partition, Quota quota, int permits) => Update(partition, quota, permits, force: true);

    private QuotaState Update(string partition, Quota quota, int permits, bool force)
    {
        var now = time.GetTimestamp();
        SweepIfDue(now);
        var window = windows.GetOrAdd(partition, static (_, state) => new Window(state.now, state.quota.Window), (now, quota));
        lock (window)
        {
            if (time.GetElapsedTime(window.Start, now) >= window.Length)
            {
                window.Start = now;
                window.Used = 0;
            }
            var allowed = force || window.Used + permits <= quota.PermitLimit;
            if (allowed) window.Used = (int)Math.Min(quota.PermitLimit, (long)window.Used + permits);
            return new QuotaState(allowed, quota.PermitLimit, quota.PermitLimit - window.Used, window.Length - time.GetElapsedTime(window.Start, now));
        }
    }

    private void SweepIfDue(long now)
    {
        var last = Interlocked.Read(ref lastSweep);
        if (time.GetElapsedTime(last, now) < SweepEvery || Interlocked.CompareExchange(ref lastSweep, now, last) != last) return;
        foreach (var entry in windows)
            if (time.GetElapsedTime(entry.Value.Start, now) >= entry.Value.Length)
                windows.TryRemove(entry);
    }

    private sealed class Window(long start, TimeSpan length)
    {
        public long Start = start;
        public int Used;
        public readonly TimeSpan Length = length;
    }
}
