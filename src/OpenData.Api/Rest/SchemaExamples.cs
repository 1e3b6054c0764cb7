using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace OpenData.Api.Rest;

/// <summary>
/// Example values of the response fields in the OpenAPI document, taken from the question of M. Hervé
/// Maurey published in the Journal officiel of 6 June 2024 (SEQ240611950) and its surroundings.
/// </summary>
public static class SchemaExamples
{
    private static readonly Dictionary<string, JsonNode> Examples = new()
    {
        ["QuestionResponse.id"] = "SEQ240611950", ["QuestionResponse.number"] = "11950", ["QuestionResponse.legislature"] = 16,
        ["QuestionResponse.status"] = "awaiting_answer",
        ["QuestionResponse.title"] = "Développement d'outils d'intelligence artificielle dans les services publics de proximité",
        ["QuestionResponse.text"] = "M. Hervé Maurey attire l'attention de Mme la ministre déléguée … sur la nécessité de développer des outils d'intelligence artificielle (IA) dans le service public …",
        ["QuestionResponse.topic"] = "Collectivités territoriales", ["QuestionResponse.publishedAt"] = "2024-06-06",
        ["QuestionResponse.journalPage"] = 2565, ["QuestionResponse.answeredAt"] = "2024-09-12", ["QuestionResponse.answerDelayDays"] = 98,
        ["QuestionResponse.deadline"] = "2024-08-06", ["QuestionResponse.overdue"] = false, ["QuestionResponse.remindsQuestionId"] = "SEQ240100012",
        ["QuestionResponse.updatedAt"] = "2024-09-12T04:10:00Z", ["QuestionResponse.url"] = "https://www.senat.fr/questions/base/2024/qSEQ240611950.html",
        ["QuestionResponse.highlight"] = "… développer des outils d'<mark>intelligence</mark> <mark>artificielle</mark> (IA) dans le service public …",
        ["CodeLabel.code"] = "QE", ["CodeLabel.label"] = "Question écrite",
        ["ThemeRef.id"] = 5, ["ThemeRef.label"] = "Collectivités territoriales",
        ["MinistryRef.id"] = 900, ["MinistryRef.name"] = "Collectivités territoriales et ruralité",
        ["MinistryPeriod.id"] = 900, ["MinistryPeriod.name"] = "Collectivités territoriales et ruralité", ["MinistryPeriod.startDate"] = "2024-01-11", ["MinistryPeriod.endDate"] = "2024-09-21",
        ["AuthorSnapshot.id"] = "08037L", ["AuthorSnapshot.name"] = "Hervé Maurey", ["AuthorSnapshot.civility"] = "M.",
        ["AuthorSnapshot.constituency"] = "Eure", ["AuthorSnapshot.self"] = "/v1/senators/08037L",
        ["TransferInfo.at"] = "2024-06-20",
        ["AnswerResponse.questionId"] = "SEQ240611950", ["AnswerResponse.publishedAt"] = "2024-09-12",
        ["AnswerResponse.text"] = "Le Gouvernement partage la préoccupation de l'honorable parlementaire …", ["AnswerResponse.journalPage"] = 3412,
        ["AnswerResponse.delayDays"] = 98, ["AnswerResponse.sharedWith"] = new JsonArray("SEQ240611951"),
        ["AnswerResponse.url"] = "https://www.senat.fr/questions/base/2024/qSEQ240611950.html",
        ["SenatorResponse.id"] = "08037L", ["SenatorResponse.civility"] = "M.", ["SenatorResponse.firstName"] = "Hervé",
        ["SenatorResponse.lastName"] = "Maurey", ["SenatorResponse.name"] = "Hervé Maurey", ["SenatorResponse.active"] = true,
        ["SenatorResponse.birthDate"] = "1961-04-29", ["SenatorResponse.constituency"] = "Eure", ["SenatorResponse.committee"] = "commission des finances",
        ["SenatorResponse.email"] = "h.maurey@senat.fr", ["SenatorResponse.profession"] = "Cadre supérieur", ["SenatorResponse.questionCount"] = 412,
        ["SenatorResponse.url"] = "https://www.senat.fr/senateur/maurey_herve08037l.html",
        ["MinistryResponse.id"] = 900, ["MinistryResponse.name"] = "Collectivités territoriales et ruralité",
        ["MinistryResponse.fullName"] = "Ministère auprès du ministre de l'intérieur et des outre-mer et du ministre de la transition écologique et de la cohésion des territoires, chargé des collectivités territoriales et de la ruralité",
        ["MinistryResponse.ministerTitle"] = "Ministre déléguée", ["MinistryResponse.ministerName"] = "Dominique Faure",
        ["MinistryResponse.startDate"] = "2024-01-11", ["MinistryResponse.endDate"] = "2024-09-21", ["MinistryResponse.current"] = false,
        ["MinistryResponse.successorId"] = 921, ["MinistryResponse.predecessorIds"] = new JsonArray(880), ["MinistryResponse.questionCount"] = 1204,
        ["DatasetResponse.version"] = 42, ["DatasetResponse.importedAt"] = "2026-11-28T04:00:12Z",
        ["DatasetResponse.unknownAuthors"] = 37, ["DatasetResponse.generated"] = false,
        ["DatasetResponse.description"] = "The Senate's parliamentary questions to the government, as published on data.senat.fr.", ["DatasetResponse.source"] = "https://data.senat.fr/les-questions-ecrites-et-orales/",
        ["DatasetSource.role"] = "questions", ["DatasetSource.name"] = "questions.zip", ["DatasetSource.bytes"] = 58212034,
        ["ListMeta.total"] = 291042, ["ListMeta.limit"] = 20, ["ListMeta.nextCursor"] = "WyItcHVibGlzaGVkQXQiLCIyMDI0LTA2LTA2IiwiU0VRMjQwNjExOTUwIl0",
        ["FacetValue.id"] = "UC", ["FacetValue.label"] = "Union Centriste", ["FacetValue.count"] = 18211,
    };

    /// <summary>Sets the examples on the document's component schemas (derived schemas inherit their base's examples).</summary>
    public static void Apply(OpenApiDocument document)
    {
        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (schema is not OpenApiSchema { Properties: { } properties }) continue;
            var baseName = name.EndsWith("DetailResponse", StringComparison.Ordinal) ? name.Replace("DetailResponse", "Response", StringComparison.Ordinal) : name;
            foreach (var (property, value) in properties)
                if (value is OpenApiSchema target && (Examples.TryGetValue($"{name}.{property}", out var example) || Examples.TryGetValue($"{baseName}.{property}", out example)))
                    target.Examples = [example.DeepClone()]; // written as "example" in OpenAPI 3.0
        }
    }
}
