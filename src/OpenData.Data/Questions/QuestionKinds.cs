namespace OpenData.Data.Questions;

/// <summary>A value a question column takes, and what it means: REST's parameters and GraphQL's enums are made from these tables.</summary>
public sealed record Choice(string Value, string Description);

/// <summary>The statuses and natures of questions, stated once.</summary>
public static class QuestionKinds
{
    /// <summary>The status of an answered question.</summary>
    public const string Answered = "answered";

    public static readonly IReadOnlyList<Choice> Statuses =
    [
        new("awaiting_answer", "No answer yet."),
        new(Answered, "Answered by a minister."),
        new("lapsed", "Lapsed without answer, at the end of the legislature or of the minister's term."),
        new("withdrawn", "Withdrawn by its author."),
        new("converted", "Converted into an oral question."),
    ];

    /// <summary>The Senate's codes of the kinds of question.</summary>
    public static readonly IReadOnlyList<Choice> Natures =
    [
        new("QE", "Written question (question écrite)."),
        new("QOSD", "Oral question without debate (question orale sans débat)."),
        new("QOAD", "Oral question with debate (question orale avec débat)."),
        new("QOAE", "Oral question with debate on a European subject."),
        new("QG", "Topical question to the government (question d'actualité)."),
        new("QC", "Questions cribles (thematic question time)."),
    ];
}
