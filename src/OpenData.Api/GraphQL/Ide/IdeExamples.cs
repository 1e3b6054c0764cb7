namespace OpenData.Api.GraphQL.Ide;

/// <summary>
/// The example queries GraphiQL opens with, one tab each. tools/graphql-check.mjs validates them against
/// openapi/schema.graphql with the reference implementation, and the GraphQL tests run each of them.
/// </summary>
public static class IdeExamples
{
    public sealed record Example(string Name, string Query, string? Variables = null);

    public static readonly IReadOnlyList<Example> All =
    [
        new("Latest questions with author, ministry and answer", """
            # The 20 latest questions, with who asked them, the ministry addressed and the answer.
            query LatestQuestions {
              questions(first: 20) {
                totalCount
                pageInfo { hasNextPage endCursor }
                nodes {
                  id
                  title
                  publishedAt
                  status
                  nature { code label }
                  themes { id label }
                  author { id name group { code label } }
                  ministry { id name }
                  answer { publishedAt delayDays }
                }
              }
            }
            """),
        new("French full-text search", """
            # French full-text search: accents, case and word endings are ignored.
            query Search($q: String!, $after: String) {
              questions(filter: { q: $q }, orderBy: RELEVANCE, first: 10, after: $after) {
                totalCount
                pageInfo { hasNextPage endCursor }
                edges { cursor node { id title highlight publishedAt } }
              }
            }
            """, """{ "q": "désertification médicale" }"""),
        new("A senator and their questions", """
            # A senator's groups over time and their overdue questions (08037L: M. Hervé Maurey, in every dataset).
            query SenatorQuestions($id: ID!) {
              senator(id: $id) {
                name
                active
                group { code label }
                groupHistory { group { code } from to }
                questions(filter: { overdue: true }, first: 5) {
                  totalCount
                  nodes { id title deadline ministry { name } }
                }
              }
            }
            """, """{ "id": "08037L" }"""),
        new("Ministry lineage", """
            # Ministries of the government in office, the ones they replaced and their questions still awaiting an answer.
            query Lineage($q: String) {
              ministries(filter: { current: true, q: $q }, first: 3) {
                nodes {
                  id
                  name
                  startDate
                  predecessors { id name startDate endDate predecessors { id name } }
                  questions(filter: { lineage: true, status: [AWAITING_ANSWER] }, first: 5) {
                    totalCount
                    nodes { id title ministry { name startDate } }
                  }
                }
              }
            }
            """, """{ "q": null }"""),
        new("Ministry statistics and timeline", """
            # How each ministry answers written questions, and questions per year. timeToAnswer counts the questions
            # still waiting (Kaplan-Meier): medianDelayDays counts the answered ones only.
            query Statistics {
              ministryStats(filter: { current: true }) {
                ministry { name ministerName }
                questions
                answeredWithinDeadline
                overdue
                medianDelayDays
                timeToAnswer { median p90 n answered censored }
              }
              timeline(interval: YEAR) { period questions answers timeToAnswer { median n } }
              dataset { version importedAt asOf generated licence }
            }
            """),
        new("Twin questions", """
            # The same words tabled by several senators: the largest groups of near-identical questions, which
            # political groups carry them, and the questions most similar to one question (similarity from 0 to 1).
            query Twins {
              twins(first: 5) {
                totalCount
                nodes {
                  id
                  size
                  publishedFrom
                  earliest { title }
                  senators { name }
                  groups { code label }
                }
              }
              question(id: "SEQ240611950") {
                title
                similar(first: 5) {
                  edges { similarity node { id publishedAt authorAtTheTime { name } } }
                }
              }
            }
            """),
    ];
}
