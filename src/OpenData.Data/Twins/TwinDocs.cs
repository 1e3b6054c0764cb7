namespace OpenData.Data.Twins;

/// <summary>The descriptions of the twin questions' types, stated once for the schema's declarations and the tests' reference executor.</summary>
public static class TwinDocs
{
    public static readonly string Similar = string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"The questions whose text is near-identical to this one's (twins: the same words sent to several senators), the most similar first, from a similarity of {TwinQueries.Threshold:0.0} (REST: /v1/questions/{{id}}/similar).");
    public const string Similarity = "How near the question's text is to the other's, from 0 to 1 (1: the same words): the Jaccard similarity of their three-word shingles after the opening formula, the language of questions left out.";
    public const string Twins = "Groups of near-identical questions, the largest first (REST: /v1/twins).";
    public const string Group = "A group of near-identical questions, named by its earliest.";
    public const string Id = "The id of its earliest question (the group's name while that question stays the earliest).";
    public const string Size = "How many questions it holds.";
    public const string MinSimilarity = "The least similarity of the pairs of questions that join it, to four decimals.";
    public const string PublishedFrom = "The publication date of its earliest question.";
    public const string PublishedTo = "The publication date of its latest question.";
    public const string Earliest = "Its earliest question.";
    public const string Questions = "Its questions in publication order, the earliest first.";
    public const string Senators = "Its senators the senators file knows, in the order of their first question.";
    public const string Groups = "The political groups of its senators when they asked, by code (those the groups table lists).";
}
