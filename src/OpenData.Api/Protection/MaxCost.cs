using System.Globalization;
using OpenData.Api.Rest;

namespace OpenData.Api.Protection;

/// <summary>
/// The most a client will pay for one request, from its <c>Max-Cost</c> header: a request priced higher is refused as too
/// costly (400, or GraphQL's MAX_COST_EXCEEDED) before it runs, for its own permit and the planner's estimates that priced
/// it, as one dearer than the API allows is (<see cref="QuotaCharge.MostFor"/>). A client that would rather do without an
/// answer than spend much of its window on it (ranking a common word by relevance) asks for it so, and learns its price.
/// </summary>
public sealed record MaxCost(long Permits)
{
    public const string Header = "Max-Cost";

    /// <summary>
    /// The API's own searches (the home page's, in home.js, and the MCP search tool) rank by relevance for at most this
    /// share of the caller's window (1,200 of an anonymous 6,000), else list the newest matches: ranking every match of a
    /// word in many questions would take most of the window (a word in 36,461 of 300,000 questions: 5,117 permits).
    /// </summary>
    public const int RankingShare = 5;

    public const string Description = "The most this request may cost, in permits, its own included (at least 1): a request priced higher is refused " +
        "as too costly (400 \"Request too costly\"; GraphQL: MAX_COST_EXCEEDED, extensions.cost) before it runs, for 1 permit and the planner's " +
        "estimates that priced it (a GraphQL document new to the server pays for its reading too, 1 per 25 fields), and its price is named. Without it, a request may cost what the API allows (GraphQL:MaxCost) and the client's window holds.";

    /// <summary>The header of <paramref name="request"/>, or null without one; a 400 naming it when it is not a positive integer.</summary>
    public static MaxCost? Read(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(Header, out var values)) return null;
        return values is [{ } text] && long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var permits) && permits >= 1
            ? new MaxCost(permits)
            : throw ApiProblemException.BadParameter(Header, "must be one positive integer: the most this request may cost, in permits");
    }
}
