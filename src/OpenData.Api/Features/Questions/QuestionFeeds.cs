using OpenData.Data;
using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http.Extensions;
using OpenData.Api.Rest;
using OpenData.Data.Ministries;
using OpenData.Data.Paging;
using OpenData.Data.Questions;
using OpenData.Data.Reading;
using OpenData.Data.Senators;

namespace OpenData.Api.Features.Questions;

/// <summary>
/// Atom 1.0 feeds (RFC 4287) of any question list: the questions matching the filters, latest changed first, each entry
/// identified by its senat.fr page (stable) and dated by its updatedAt, so that a feed reader shows a question again when
/// it is answered, transferred or closed.
/// </summary>
public static class QuestionFeeds
{
    public const string AtomType = "application/atom+xml";
    private const string Atom = "http://www.w3.org/2005/Atom";

    public static void MapQuestionFeeds(this IEndpointRouteBuilder app)
    {
        Document(app.MapGet("/v1/questions.atom", (HttpContext http, DatasetSession session, QuestionQueries questions, CancellationToken ct) =>
                FeedAsync(http, session, questions, Parameters(), f => f, null, null, "Questions au Gouvernement du Sénat", ct)),
            Parameters(), "QuestionsFeed", "Questions", "Atom feed of questions", "Takes every question filter.");
        Document(app.MapGet("/v1/senators/{id}/questions.atom", (string id, HttpContext http, DatasetSession session, QuestionQueries questions, SenatorQueries senators, CancellationToken ct) =>
                FeedAsync(http, session, questions, Parameters(senatorFixed: true), f => f with { Senator = OpenData.Data.Ids.Canonical(id) },
                    batch => senators.Exists(batch, OpenData.Data.Ids.Canonical(id)), $"There is no senator '{id}'.", $"Questions du sénateur {OpenData.Data.Ids.Canonical(id)}", ct)).WithSenatorId(),
            Parameters(senatorFixed: true), "SenatorQuestionsFeed", "Senators", "Atom feed of a senator's questions", "Takes every question filter except senator.");
        Document(app.MapGet("/v1/ministries/{id}/questions.atom", (long id, HttpContext http, DatasetSession session, QuestionQueries questions, MinistryQueries ministries, CancellationToken ct) =>
                FeedAsync(http, session, questions, Parameters(ministryFixed: true), f => f with { Ministry = id },
                    batch => ministries.Exists(batch, id), $"There is no ministry {id}.", $"Questions au ministère {id}", ct)).WithMinistryId(),
            Parameters(ministryFixed: true), "MinistryQuestionsFeed", "Ministries", "Atom feed of the questions of a ministry", "Takes every question filter except ministry; lineage=true adds its predecessors'.");
    }

    private static IReadOnlyList<ApiParameter> Parameters(bool senatorFixed = false, bool ministryFixed = false) =>
        [.. QuestionParameters.Filters(senatorFixed, ministryFixed), ApiParameter.PageLimit];

    private static void Document(RouteHandlerBuilder route, IReadOnlyList<ApiParameter> parameters, string name, string tag, string summary, string takes) =>
        route.WithName(name).WithTags(tag).WithSummary(summary)
            .WithDescription($"Atom 1.0: the matching questions, latest changed first (limit, default {ListResults.DefaultLimit}, at most {ListResults.MaxLimit}). Each entry's id is the question's senat.fr page and its updated its updatedAt, so a reader shows it again when it changes. {takes}")
            .WithParameters(parameters)
            .Produces<string>(StatusCodes.Status200OK, AtomType)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> FeedAsync(HttpContext http, DatasetSession session, QuestionQueries questions,
        IReadOnlyList<ApiParameter> parameters, Func<QuestionFilter, QuestionFilter> fix, Func<ReadBatch, Deferred<bool>>? exists, string? notFound, string title, CancellationToken ct)
    {
        var binder = new QueryBinder(http.Request.Query, parameters);
        var bound = QuestionParameters.BindFilter(binder);
        var filter = fix(bound);
        QuestionParameters.Check(binder, bound, ministryFixed: bound.Ministry is null && filter.Ministry is not null);
        var limit = ListResults.Limit(binder, ResponseFormat.Json, exportable: false)!.Value;
        binder.ThrowIfInvalid();

        var batch = session.Batch();
        var found = exists?.Invoke(batch);
        var page = questions.Page(batch, filter, QuestionSort.UpdatedDesc, null, limit, highlight: false);
        var dataset = new OpenData.Data.Datasets.DatasetQueries(session).Current(batch);
        await batch.RunAsync(ct);
        if (found is { Value: false }) throw ApiProblemException.NotFound(notFound!);
        var self = UriHelper.BuildAbsolute(http.Request.Scheme, http.Request.Host, http.Request.PathBase, http.Request.Path, http.Request.QueryString);
        var updated = page.Value.Items.Count > 0 ? page.Value.Items.Max(q => Dates.Utc(q.UpdatedAt)) : dataset.Value?.ImportedAt ?? DateTime.UnixEpoch;
        var generated = dataset.Value?.Generated ?? false;
        return Results.Text(Write(http, self, title, updated, page.Value.Items, generated), $"{AtomType}; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>
    /// The feed. Of a generated dataset, it claims neither the Senate as author, nor its licence, nor senat.fr pages: its
    /// entries are identified by their API URL (but the one real question, whose senat.fr page exists).
    /// </summary>
    private static string Write(HttpContext http, string self, string title, DateTime updated, IReadOnlyList<QuestionRow> items, bool generated)
    {
        var api = UriHelper.BuildAbsolute(http.Request.Scheme, http.Request.Host, http.Request.PathBase).TrimEnd('/');
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, Encoding = Encoding.UTF8 }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteElementString("id", Atom, self);
            xml.WriteElementString("title", Atom, title);
            xml.WriteElementString("subtitle", Atom, generated
                ? "Données générées (synthétiques) aux formats du Sénat, pour essayer l'API : ce ne sont pas les questions du Sénat."
                : "Questions écrites et orales des sénateurs au Gouvernement, et leurs réponses (data.senat.fr, Licence Ouverte 2.0).");
            xml.WriteElementString("updated", Atom, Timestamp(updated));
            Link(xml, "self", self, AtomType);
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, generated ? "OpenData.Api (données générées)" : "Sénat (data.senat.fr), via OpenData.Api");
            xml.WriteEndElement();
            if (!generated) xml.WriteElementString("rights", Atom, "Licence Ouverte / Open Licence 2.0 (Etalab)");
            foreach (var q in items)
            {
                var json = $"{api}/v1/questions/{Uri.EscapeDataString(q.Id)}";
                var senatPage = q.Url; // null in generated data, but for its one real question
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, senatPage ?? json);
                xml.WriteElementString("title", Atom, q.Title ?? $"Question n° {q.Number}");
                xml.WriteElementString("updated", Atom, Timestamp(Dates.Utc(q.UpdatedAt)));
                xml.WriteElementString("published", Atom, Timestamp(q.PublishedAt.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)));
                xml.WriteStartElement("author", Atom);
                xml.WriteElementString("name", Atom, q.AuthorName);
                xml.WriteElementString("uri", Atom, $"{api}/v1/senators/{Uri.EscapeDataString(q.AuthorId)}");
                xml.WriteEndElement();
                if (senatPage is not null) Link(xml, "alternate", senatPage, "text/html");
                Link(xml, senatPage is not null ? "related" : "alternate", json, "application/json");
                xml.WriteStartElement("category", Atom);
                xml.WriteAttributeString("term", q.Status);
                xml.WriteEndElement();
                xml.WriteElementString("summary", Atom, Summary(q));
                xml.WriteStartElement("content", Atom);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(q.Text ?? "");
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        // StringBuilder output is declared UTF-16 by XmlWriter: the response is UTF-8.
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static string Summary(QuestionRow q)
    {
        var parts = new List<string> { $"{q.NatureLabel} n° {q.Number} de {q.AuthorName}, publiée le {Day(q.PublishedAt)}" };
        if (q.MinistryName is not null) parts.Add($"ministère : {q.MinistryName}");
        if (q.TransferredAt is { } t) parts.Add($"transmise le {Day(t)} ({q.TransferMinistryName})");
        parts.Add(q.AnsweredAt is { } a ? $"réponse publiée le {Day(a)}" : $"statut : {q.Status}");
        return string.Join(", ", parts) + ".";
    }

    private static string Day(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Timestamp(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
