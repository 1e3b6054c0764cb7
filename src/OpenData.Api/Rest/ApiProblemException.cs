namespace OpenData.Api.Rest;

/// <summary>A client error with a problem+json body; 400s carry the offending parameters in <c>errors</c>.</summary>
public sealed class ApiProblemException(int status, string title, string detail, IDictionary<string, string[]>? errors = null) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public IDictionary<string, string[]>? Errors { get; } = errors;

    /// <summary>Sent as Retry-After when set (a temporary refusal).</summary>
    public int? RetryAfterSeconds { get; init; }

    public static ApiProblemException BadRequest(IDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, "Invalid request parameters",
            $"Check the parameter{(errors.Count > 1 ? "s" : "")} {string.Join(", ", errors.Keys)}.", errors);

    public static ApiProblemException BadParameter(string name, string message) =>
        BadRequest(new Dictionary<string, string[]> { [name] = [message] });

    public static ApiProblemException NotFound(string what) =>
        new(StatusCodes.Status404NotFound, "Not found", what);

    /// <summary>The 503 of a read that needs the serving dataset before the first import has landed.</summary>
    public static ApiProblemException NoDataset() =>
        new(StatusCodes.Status503ServiceUnavailable, "No dataset yet", "No dataset has been imported yet. The operator must run the importer.")
        { RetryAfterSeconds = Infrastructure.ApiProblems.RetryAfterSeconds };
}
