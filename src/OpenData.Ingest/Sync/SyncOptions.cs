using System.ComponentModel.DataAnnotations;

namespace OpenData.Ingest.Sync;

/// <summary>
/// Where <c>sync</c> fetches the Senate's files and keeps them (configuration section <c>Sync</c>: environment variables
/// <c>Sync__Directory</c>, <c>Sync__QuestionsUrl</c>, …; the command's options override them). The default URLs are
/// the links published on https://data.senat.fr/les-questions-ecrites-et-orales/.
/// </summary>
public sealed class SyncOptions : IValidatableObject
{
    public const string Section = "Sync";

    /// <summary>Where the files and the state of the last downloads (sync-state.json) are kept, between runs.</summary>
    [Required(ErrorMessage = "Sync:Directory (--dir) is required: where the downloaded files are kept between runs")]
    public string Directory { get; set; } = "";

    public string QuestionsUrl { get; set; } = "https://data.senat.fr/data/questions/questions.zip";
    public string SenatorsUrl { get; set; } = "https://data.senat.fr/data/senateurs/ODSEN_GENERAL.json";
    /// <summary>Empty: no group memberships.</summary>
    public string GroupsUrl { get; set; } = "https://data.senat.fr/data/senateurs/ODSEN_HISTOGROUPES.json";
    /// <summary>The one-year extract; empty: not fetched.</summary>
    public string ExtractUrl { get; set; } = "https://data.senat.fr/data/questions/questions-depuis-un-an.csv";

    /// <summary>How long the server may take to connect, to answer, or between two pieces of a file.</summary>
    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// The largest file a download may bring, in MB (2 GB: the Senate's questions.zip is well under it); a larger one is
    /// refused as soon as it is announced or reached.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxDownloadMegabytes { get; set; } = 2048;

    /// <summary>How long one file's download may take in all (one hour).</summary>
    [Range(1, 86_400)]
    public int MaxFileSeconds { get; set; } = 3600;

    /// <summary>The files to fetch: role, URL and the name each is kept under (the URL's last segment).</summary>
    public IReadOnlyList<SourceLink> Links() =>
    [
        .. new[] { ("questions", QuestionsUrl), ("senators", SenatorsUrl), ("groups", GroupsUrl), (Import.Importer.ExtractRole, ExtractUrl) }
            .Where(l => !string.IsNullOrWhiteSpace(l.Item2))
            .Select(l => new SourceLink(l.Item1, new Uri(l.Item2), Path.GetFileName(new Uri(l.Item2).AbsolutePath))),
    ];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        (string Key, string Url, string[] Endings, bool Required)[] urls =
        [
            ("QuestionsUrl", QuestionsUrl, [".zip", ".sql"], true), ("SenatorsUrl", SenatorsUrl, [".json"], true),
            ("GroupsUrl", GroupsUrl, [".json"], false), ("ExtractUrl", ExtractUrl, [".csv"], false),
        ];
        foreach (var (key, url, endings, required) in urls)
        {
            if (string.IsNullOrWhiteSpace(url))
            {
                if (required) yield return new ValidationResult($"Sync:{key} is required", [key]);
                continue;
            }
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                yield return new ValidationResult($"Sync:{key} '{url}' is not an http(s) URL", [key]);
            else if (!endings.Any(e => uri.AbsolutePath.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                yield return new ValidationResult($"Sync:{key} '{url}' does not name a {string.Join(" or ", endings)} file", [key]);
        }
    }
}

/// <summary>One file <c>sync</c> fetches.</summary>
public sealed record SourceLink(string Role, Uri Url, string FileName);
