using OpenData.Data.Graph;
using OpenData.Data.Representations;

namespace OpenData.Data.Answers;

/// <summary>
/// REST's answer: the declaration's (<see cref="AnswerGraph"/>) but for its ministry, by id and name (<c>MinistryRef</c>),
/// its common answer's other questions, by id in <c>sharedWith</c>, its erratum, whose fields are the declaration's, and
/// its links. In CSV, the ministry is two columns and the erratum its date.
/// </summary>
public static class AnswerRepresentations
{
    private static readonly Representation Links = Representation.Own("AnswerLinks", "Links of an answer.",
        new RepresentationField("question", "String!", "The API URL of the question answered.", r => $"'/v1/questions/' || {r}.question_id"));

    private static readonly Representation Erratum = Representation.Of("Erratum", GraphDeclarations.Erratum);

    public static readonly Representation Answer = Representation.Of("AnswerResponse", GraphDeclarations.Answer,
        new("questionId", "ID!", "The question answered.", r => $"{r}.question_id"),
        RepresentationReferences.Ministry("ministry", "ministry", "The answering ministry.") with
        {
            Csv = [new("ministryId", "ministry", "id"), new("ministryName", "ministry", "name")],
        },
        RepresentationField.Left("sharedWithIds", "REST's sharedWith gives the ids"),
        new("sharedWith", "[ID!]!", "Ids of the other questions answered by the same common answer (réponse commune).", r => $"to_json({r}.shared_with)"),
        RepresentationField.Holding("erratum", Erratum, "A correction published later, if any.",
            r => $"({r}.erratum_page IS NOT NULL OR {r}.erratum_date IS NOT NULL OR {r}.erratum_text IS NOT NULL)") with
        {
            Csv = [new("erratumDate", "erratum", "date")],
        },
        RepresentationField.Holding("links", Links, "Links to the question."));
}
