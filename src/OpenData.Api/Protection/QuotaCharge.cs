using System.Globalization;
using OpenData.Api.Rest;
using OpenData.Data.Reading;

namespace OpenData.Api.Protection;

/// <summary>
/// Charges the caller for the database work of its request before PostgreSQL does it: a REST batch at the price of
/// its work (<see cref="Prices.Of"/>), a GraphQL query at the price of the work it compiled to, an export at its rows. Every request has
/// paid one permit already (<see cref="QuotaMiddleware"/>); the rest is taken whole or not at all, so requests sent
/// at once cannot run on permits the window no longer has: a caller who cannot pay gets a 429 and nothing runs. A REST
/// request dearer than any request of its caller may be (<see cref="MostFor"/>) is refused with a 400 and nothing run,
/// as a GraphQL query's is. Exports are priced by their rows
/// once counted (<see cref="TakeExportAsync"/>); one dearer than the caller's whole window is refused.
/// </summary>
public sealed class QuotaCharge(IQuotaCounters counters, IHttpContextAccessor accessor, Infrastructure.DatasetState dataset,
    Microsoft.Extensions.Options.IOptions<GraphQL.Protection.GraphQLLimits> limits, Microsoft.Extensions.Options.IOptions<RateLimitingOptions> rates) : IBatchAdmission
{
    /// <summary>What a request has paid, its own permit included, and how long its batches kept PostgreSQL busy.</summary>
    private sealed class Account
    {
        public long Paid = 1;
        public TimeSpan Spent;
    }

    private const string AccountItem = "opendata.account";

    private static Account AccountOf(HttpContext http) =>
        http.Items.TryGetValue(AccountItem, out var found) && found is Account account ? account : (Account)(http.Items[AccountItem] = new Account());

    /// <summary>
    /// Bills a request whose batches took longer than it paid for (<see cref="Prices.PermitsPerMillisecond"/>) by more
    /// than <see cref="RateLimitingOptions.BillBeyondMilliseconds"/>: the difference beyond them, from what is left of its
    /// window (its next requests then wait for the next one). Its answer is not refused: the work is done.
    /// </summary>
    public async ValueTask SettleAsync(TimeSpan spent)
    {
        if (accessor.HttpContext is not { } http || http.Features.Get<ApiClient>() is not { } client) return;
        var account = AccountOf(http);
        account.Spent += spent;
        var worth = (long)Math.Ceiling((account.Spent.TotalMilliseconds - rates.Value.BillBeyondMilliseconds) * Prices.PermitsPerMillisecond);
        var bill = worth - account.Paid;
        if (bill <= 0) return;
        account.Paid += bill;
        await counters.BillAsync(client.Partition, client.Quota, (int)Math.Min(bill, client.Quota.PermitLimit));
    }

    /// <summary>Set on a request whose work was paid as a whole (a GraphQL query): its batches are not charged again.</summary>
    private const string PaidItem = "opendata.paid";

    /// <summary>
    /// The most one request of the caller may cost, its own permit included: <c>GraphQL:MaxCost</c> (about a second of
    /// PostgreSQL time), or the permits of the caller's window when it holds fewer (6,000 for an anonymous client): a
    /// price above the window could never be paid whole, and taking the window for it left the rest of the work unpaid;
    /// or less, when the request says so (<see cref="MaxCost"/>).
    /// </summary>
    public long MostFor(HttpContext http) => Most(http).Permits;

    /// <summary>How <see cref="MostFor"/> is set for this caller, in words.</summary>
    public string MostExplained(HttpContext http) => Most(http).Why;

    /// <summary>The most a request may cost, why, and whether the request's own Max-Cost set it.</summary>
    private readonly record struct Ceiling(long Permits, string Why, bool Asked);

    private Ceiling Most(HttpContext http)
    {
        var most = new Ceiling(limits.Value.MaxCost, "GraphQL:MaxCost, about a second of PostgreSQL time", false);
        if (http.Features.Get<ApiClient>()?.Quota.PermitLimit is { } window && window < most.Permits)
            most = new(window, "this client's window (ask for an API key, X-Api-Key, for more)", false);
        if (http.Features.Get<MaxCost>() is { } asked && asked.Permits < most.Permits)
            most = new(asked.Permits, $"this request's {MaxCost.Header} header", true);
        return most;
    }

    public async ValueTask AdmitAsync(ReadBatch batch, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is not { } http || http.Items.ContainsKey(PaidItem)) return;
        batch.Work.Questions = dataset.Questions;
        var (price, what) = Prices.Of(batch.Work, dataset.Questions);
        var says = string.Create(CultureInfo.InvariantCulture, $"This request costs {price + 1} permits: 1, plus {what}.");
        var most = Most(http);
        if (price >= most.Permits)
        {
            // Refused: it has paid for nothing but its own permit and the planner's estimates that priced it.
            await TakeAsync(http, Prices.Estimating(batch.Work), says);
            throw TooCostly(batch.Work, says, most);
        }
        await TakeAsync(http, price, says);
    }

    /// <summary>A request whose work costs more than any request may: what to change, named by its parameters.</summary>
    private static ApiProblemException TooCostly(BatchWork work, string says, Ceiling most)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (most.Asked) errors[MaxCost.Header] = [string.Create(CultureInfo.InvariantCulture, $"This request allows at most {most.Permits} permits: allow more, or ask for less work.")];
        if (work.RankedSearches > 0) errors["sort"] = ["Ranking every match by relevance is the dearest part: sort by date (the default) instead."];
        if (work.Searches.Count > 0) errors["q"] = [string.Create(CultureInfo.InvariantCulture, $"These words match about {work.Matches?.ToString(CultureInfo.InvariantCulture) ?? "every"} rows: add words or filters to match fewer.")];
        if (work.Facets > 0) errors["facets"] = ["Each facet groups every question: ask for fewer at once, or filter."];
        return new ApiProblemException(StatusCodes.Status400BadRequest, "Request too costly", string.Create(CultureInfo.InvariantCulture,
            $"{says} A request may cost at most {most.Permits} permits ({most.Why}): nothing was run or charged beyond its 1 permit and the planner's estimates that priced it ({Prices.Estimating(work)})."),
            errors.Count > 0 ? errors : null);
    }

    /// <summary>
    /// Takes <paramref name="more"/> permits beyond the one the request paid (at most what the window holds besides it),
    /// or throws a 429 explaining <paramref name="what"/>.
    /// </summary>
    public async ValueTask TakeAsync(HttpContext http, long more, string what)
    {
        if (more <= 0 || http.Features.Get<ApiClient>() is not { } client) return;
        var permits = (int)Math.Min(more, client.Quota.PermitLimit - 1);
        var state = await counters.TryAcquireAsync(client.Partition, client.Quota, permits);
        if (state.Allowed)
        {
            AccountOf(http).Paid += permits;
            return;
        }
        throw new ApiProblemException(StatusCodes.Status429TooManyRequests, "Too many requests", string.Create(CultureInfo.InvariantCulture,
            $"{what} This client has {Math.Max(0, state.Remaining)} of its {state.Limit} permits left in the current window: retry after {state.ResetSeconds} s, or ask for an API key (X-Api-Key) with a larger quota."))
        {
            RetryAfterSeconds = state.ResetSeconds,
        };
    }

    /// <summary>
    /// An export of <paramref name="rows"/> rows, counted (the count paid with its batch), none read yet: 1 permit per
    /// <see cref="Prices.ExportRowsPerPermit"/> rows; refused with a 400 when that is more than the caller's window holds
    /// (it could never pay it: reading the whole dataset for one window's permits was 10 times its price at 300,000
    /// questions), pointing to narrower exports, the bulk files and keys, or more than the request's <see cref="MaxCost"/>.
    /// </summary>
    public async ValueTask TakeExportAsync(HttpContext http, long rows)
    {
        var price = Prices.Export(rows);
        var says = string.Create(CultureInfo.InvariantCulture, $"This export of {rows} rows costs {price + 1} permits: 1, plus 1 per {Prices.ExportRowsPerPermit} rows");
        if (http.Features.Get<MaxCost>() is { } asked && price >= asked.Permits)
            throw ExportTooCostly(says, $"this request's {MaxCost.Header} header allows {asked.Permits}", MaxCost.Header,
                $"At most {(asked.Permits - 1) * Prices.ExportRowsPerPermit} rows in one export at this cost: narrow it with filters or limit, or allow more.");
        if (http.Features.Get<ApiClient>()?.Quota.PermitLimit is { } window && price > window - 1)
            throw ExportTooCostly(says, $"this client's window holds {window}", "limit",
                $"At most {(long)(window - 1) * Prices.ExportRowsPerPermit} rows in one export for this client: narrow it with filters or limit (and go on from the last row's cursor), take the whole dataset from /v1/downloads, or use an API key (X-Api-Key) with a larger quota.");
        await TakeAsync(http, price, $"{says}. Narrow it with filters or limit.");
    }

    /// <summary>An export refused before its rows are read: its price, what allows less (<paramref name="holds"/>), and what to change.</summary>
    private static ApiProblemException ExportTooCostly(string says, FormattableString holds, string parameter, FormattableString advice) =>
        new(StatusCodes.Status400BadRequest, "Request too costly",
            $"{says}; {FormattableString.Invariant(holds)}. Nothing was read or charged beyond counting them.",
            new Dictionary<string, string[]>(StringComparer.Ordinal) { [parameter] = [FormattableString.Invariant(advice)] });

    /// <summary>A GraphQL query: its price (the request's permit included), taken before it runs; its batches are then paid.</summary>
    public async ValueTask TakeQueryAsync(HttpContext http, long price, string work)
    {
        await TakeAsync(http, price - 1, string.Create(CultureInfo.InvariantCulture, $"This query costs {price} permits: 1, plus {work} (extensions.cost.requested)."));
        http.Items[PaidItem] = true;
    }
}
