using Microsoft.Extensions.DependencyInjection;
using OpenData.Api.GraphQL.Types;
using GraphQL.DataLoader;

namespace OpenData.Api.Tests.GraphQL.Reference;

/// <summary>
/// A request-scoped DataLoader over one batch query. Resolvers call <see cref="Load"/>, which only records
/// the key; GraphQL.NET's execution strategy resolves every pending <see cref="IDataLoaderResult"/> after the
/// other fields of the same level, so the first result awaited fetches all the keys collected so far in
/// one round trip. Results are cached for the rest of the request.
/// </summary>
/// <remarks>
/// Written here because the GraphQL.DataLoader package is not available to this project; the core package
/// already knows how to defer <see cref="IDataLoaderResult"/> values, which is all a batch needs.
/// </remarks>
public abstract class BatchLoader<TKey, TValue> where TKey : notnull
{
    private readonly Lock sync = new();
    private readonly Dictionary<TKey, TValue?> loaded = [];
    private readonly Dictionary<TKey, Exception> failed = [];
    private HashSet<TKey> pending = [];
    private Task? running;

    /// <summary>Fetches the values of <paramref name="keys"/>; a key missing from the answer loads as default.</summary>
    protected abstract Task<IReadOnlyDictionary<TKey, TValue>> FetchAsync(IReadOnlyCollection<TKey> keys, CancellationToken cancellationToken);

    /// <summary>The value of one key, fetched with every other key requested before the batch runs.</summary>
    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (sync)
        {
            if (!loaded.ContainsKey(key)) pending.Add(key);
        }
        return new Result(this, key);
    }

    /// <summary>The values of several keys, in order, skipping those that do not exist.</summary>
    public IDataLoaderResult<IReadOnlyList<TValue>> LoadMany(IReadOnlyList<TKey> keys)
    {
        lock (sync)
        {
            foreach (var key in keys)
                if (!loaded.ContainsKey(key)) pending.Add(key);
        }
        return new ManyResult(this, keys);
    }

    // A batch that fails fails every key it held: their waiters, and anyone asking for them later, get its error
    // (never a new, empty batch in a loop); every wait honours cancellation.
    private async Task EnsureLoadedAsync(TKey key, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task batch;
            lock (sync)
            {
                if (loaded.ContainsKey(key)) return;
                if (failed.TryGetValue(key, out var error)) throw error;
                if (running is null || running.IsCompleted)
                {
                    var keys = pending;
                    pending = [];
                    running = RunAsync(keys, cancellationToken);
                }
                batch = running;
            }
            try
            {
                await batch.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // the batch's error is recorded for its keys: the loop rethrows it for this one
            }
        }
    }

    private async Task RunAsync(HashSet<TKey> keys, CancellationToken cancellationToken)
    {
        await Task.Yield(); // let every resolver of the level record its key before the batch leaves
        try
        {
            var values = keys.Count == 0 ? new Dictionary<TKey, TValue>() : await FetchAsync(keys, cancellationToken);
            lock (sync)
            {
                foreach (var key in keys) loaded[key] = values.TryGetValue(key, out var value) ? value : default;
            }
        }
        catch (Exception e)
        {
            lock (sync)
            {
                foreach (var key in keys) failed[key] = e;
            }
            throw;
        }
    }

    private TValue? Get(TKey key)
    {
        lock (sync) return loaded.GetValueOrDefault(key);
    }

    private sealed class Result(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue?>
    {
        public async Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default)
        {
            await loader.EnsureLoadedAsync(key, cancellationToken);
            return loader.Get(key);
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }

    private sealed class ManyResult(BatchLoader<TKey, TValue> loader, IReadOnlyList<TKey> keys) : IDataLoaderResult<IReadOnlyList<TValue>>
    {
        public async Task<IReadOnlyList<TValue>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            foreach (var key in keys) await loader.EnsureLoadedAsync(key, cancellationToken);
            return keys.Select(loader.Get).OfType<TValue>().ToList();
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}

/// <summary>Chains a transformation onto a pending DataLoader result without awaiting it.</summary>
public static class DataLoaderResultExtensions
{
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> result, Func<T, TResult> transform) =>
        new Mapped<T, TResult>(result, transform);

    private sealed class Mapped<T, TResult>(IDataLoaderResult<T> inner, Func<T, TResult> transform) : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) => transform(await inner.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
