using System.Text.Json.Nodes;
using OpenData.Data.Datasets;

namespace OpenData.Api.Features.Catalog;

/// <summary>
/// The dataset described for data portals and search engines, from the dataset being served: a DCAT-AP 3 catalog
/// (<c>GET /v1/catalog</c>, JSON-LD) and a schema.org <c>Dataset</c> (the home page's head). Both use contexts written
/// inline, so that a JSON-LD processor reads them without fetching anything.
/// </summary>
public static class CatalogDocument
{
    private const string Eu = "http://publications.europa.eu/resource/authority/";

    /// <summary>The DCAT-AP catalog of the dataset served at <paramref name="api"/> (the API's absolute base URL).</summary>
    public static JsonObject Dcat(DatasetInfo d, string api)
    {
        var publisher = Publisher(d);
        var dataset = new JsonObject
        {
            ["@id"] = $"{api}/v1/dataset",
            ["@type"] = "dcat:Dataset",
            ["dct:identifier"] = $"{api}/v1/dataset",
            ["dct:title"] = Texts("Questions écrites et orales des sénateurs au Gouvernement", "Senators' written and oral questions to the government"),
            ["dct:description"] = Texts(Describe(d, french: true), Describe(d, french: false)),
            ["dct:publisher"] = publisher,
            ["dcat:contactPoint"] = new JsonObject
            {
                ["@type"] = "vcard:Organization",
                ["vcard:fn"] = "OpenData.Api",
                ["vcard:hasURL"] = Iri($"{api}/"),
            },
            ["dcat:landingPage"] = Iri($"{api}/"),
            ["dcat:keyword"] = new JsonArray("Sénat", "questions écrites", "questions orales", "Gouvernement", "ministères", "sénateurs", "Journal officiel"),
            ["dcat:theme"] = Iri(Eu + "data-theme/GOVE"),
            ["dct:language"] = Iri(Eu + "language/FRA"),
            ["dct:spatial"] = Iri(Eu + "country/FRA"),
            ["dct:accrualPeriodicity"] = Iri(Eu + "frequency/DAILY"),
            ["dct:modified"] = Typed(d.ImportedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ"), "xsd:dateTime"),
            ["adms:versionInfo"] = d.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["dcat:distribution"] = new JsonArray([
                Distribution(d, $"{api}/#rest", "REST (JSON)", $"{api}/v1/questions", "application/json", "JSON", api),
                Distribution(d, $"{api}/#graphql", "GraphQL", $"{api}/graphql", "application/graphql-response+json", "JSON", api),
                Distribution(d, $"{api}/#csv", "CSV", $"{api}/v1/questions?format=csv", "text/csv", "CSV", api),
                .. d.Downloads.Select(f => Download(d, f, api))]),
        };
        if (d.AsOf is { } asOf)
            dataset["dct:temporal"] = new JsonObject
            {
                ["@type"] = "dct:PeriodOfTime",
                ["dcat:endDate"] = Typed(asOf.ToString("yyyy-MM-dd"), "xsd:date"),
            };
        if (Licence(d) is { } licence) dataset["dct:license"] = Iri(licence);
        if (d.SourceUrl is { } source) dataset["dct:source"] = Iri(source);

        return new JsonObject
        {
            ["@context"] = new JsonObject
            {
                ["dcat"] = "http://www.w3.org/ns/dcat#",
                ["dct"] = "http://purl.org/dc/terms/",
                ["foaf"] = "http://xmlns.com/foaf/0.1/",
                ["vcard"] = "http://www.w3.org/2006/vcard/ns#",
                ["adms"] = "http://www.w3.org/ns/adms#",
                ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
                ["spdx"] = "http://spdx.org/rdf/terms#",
            },
            ["@id"] = $"{api}/v1/catalog",
            ["@type"] = "dcat:Catalog",
            ["dct:title"] = Texts("Catalogue d'OpenData.Api", "OpenData.Api's catalog"),
            ["dct:description"] = Texts("Les données servies par OpenData.Api et son API.", "The data OpenData.Api serves, and its API."),
            ["dct:publisher"] = publisher.DeepClone(),
            ["foaf:homepage"] = Iri($"{api}/"),
            ["dct:language"] = Iri(Eu + "language/FRA"),
            ["dct:modified"] = dataset["dct:modified"]!.DeepClone(),
            ["dcat:dataset"] = dataset,
            ["dcat:service"] = new JsonObject
            {
                ["@id"] = $"{api}/#api",
                ["@type"] = "dcat:DataService",
                ["dct:title"] = Texts("OpenData.Api : REST et GraphQL", "OpenData.Api: REST and GraphQL"),
                ["dcat:endpointURL"] = Iri($"{api}/"),
                ["dcat:endpointDescription"] = Iri($"{api}/openapi/v1.json"),
                ["dct:conformsTo"] = new JsonArray(Iri("https://spec.openapis.org/oas/v3.1.0"), Iri("https://spec.graphql.org/")),
                ["dcat:servesDataset"] = Iri($"{api}/v1/dataset"),
                ["dct:publisher"] = publisher.DeepClone(),
                ["dct:accessRights"] = Iri(Eu + "access-right/PUBLIC"),
            },
        };
    }

    /// <summary>The schema.org <c>Dataset</c> of the home page (search engines list it).</summary>
    public static JsonObject SchemaOrg(DatasetInfo d, string api)
    {
        var dataset = new JsonObject
        {
            ["@context"] = new JsonObject { ["@vocab"] = "https://schema.org/" },
            ["@type"] = "Dataset",
            ["@id"] = $"{api}/v1/dataset",
            ["name"] = "Questions écrites et orales des sénateurs au Gouvernement",
            ["description"] = Describe(d, french: true),
            ["url"] = $"{api}/",
            ["inLanguage"] = "fr",
            ["isAccessibleForFree"] = true,
            ["dateModified"] = d.ImportedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["version"] = d.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["keywords"] = new JsonArray("Sénat", "questions écrites", "questions orales", "Gouvernement"),
            ["creator"] = new JsonObject { ["@type"] = "Organization", ["name"] = d.Generated ? "OpenData.Api (données générées)" : "Sénat", ["url"] = d.Generated ? $"{api}/" : "https://www.senat.fr/" },
            ["includedInDataCatalog"] = new JsonObject { ["@type"] = "DataCatalog", ["@id"] = $"{api}/v1/catalog", ["url"] = $"{api}/v1/catalog" },
            ["distribution"] = new JsonArray([
                new JsonObject { ["@type"] = "DataDownload", ["encodingFormat"] = "text/csv", ["contentUrl"] = $"{api}/v1/questions?format=csv" },
                new JsonObject { ["@type"] = "DataDownload", ["encodingFormat"] = "application/json", ["contentUrl"] = $"{api}/v1/questions" },
                .. d.Downloads.Select(f => new JsonObject
                {
                    ["@type"] = "DataDownload",
                    ["name"] = f.Name,
                    ["encodingFormat"] = f.MediaType,
                    ["contentUrl"] = api + OpenData.Data.Datasets.DownloadAddress.Of(d.Version, f.Name),
                    ["contentSize"] = f.Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                })]),
        };
        if (Licence(d) is { } licence) dataset["license"] = licence;
        if (d.AsOf is { } asOf) dataset["temporalCoverage"] = $"../{asOf:yyyy-MM-dd}";
        return dataset;
    }

    private static string? Licence(DatasetInfo d) => d.Generated ? null : d.LicenceUrl;

    private static string Describe(DatasetInfo d, bool french) => (d.Generated, french) switch
    {
        (true, true) => "Données générées : questions, réponses, sénateurs et ministères synthétiques au format du Sénat (sauf une vraie question, SEQ240611950). Ce ne sont pas les données du Sénat.",
        (true, false) => "Generated data: synthetic questions, answers, senators and ministries in the Senate's formats (but for one real question, SEQ240611950). Not the Senate's data.",
        (false, true) => "Les questions écrites et orales des sénateurs au Gouvernement et les réponses des ministres, publiées par le Sénat sur data.senat.fr.",
        (false, false) => "The senators' written and oral questions to the government and the ministers' answers, as the Senate publishes them on data.senat.fr.",
    };

    private static JsonObject Publisher(DatasetInfo d) => d.Generated
        ? new JsonObject { ["@type"] = "foaf:Agent", ["foaf:name"] = "OpenData.Api" }
        : new JsonObject { ["@id"] = "https://www.senat.fr/", ["@type"] = "foaf:Agent", ["foaf:name"] = "Sénat" };

    private static JsonObject Distribution(DatasetInfo d, string id, string title, string url, string mediaType, string format, string api)
    {
        var distribution = new JsonObject
        {
            ["@id"] = id,
            ["@type"] = "dcat:Distribution",
            ["dct:title"] = title,
            ["dcat:accessURL"] = Iri(url),
            ["dcat:mediaType"] = Iri($"https://www.iana.org/assignments/media-types/{mediaType}"),
            ["dct:format"] = Iri(Eu + "file-type/" + format),
            ["dcat:accessService"] = Iri($"{api}/#api"),
        };
        if (Licence(d) is { } licence) distribution["dct:license"] = Iri(licence);
        return distribution;
    }

    /// <summary>A bulk file of the serving version: where it is downloaded, its size and its checksum.</summary>
    private static JsonObject Download(DatasetInfo d, DatasetDownload file, string api)
    {
        var url = api + OpenData.Data.Datasets.DownloadAddress.Of(d.Version, file.Name);
        var distribution = new JsonObject
        {
            ["@id"] = url,
            ["@type"] = "dcat:Distribution",
            ["dct:title"] = $"{file.Table} ({(file.Format == "parquet" ? "Parquet" : "CSV, gzip")})",
            ["dcat:accessURL"] = Iri(url),
            ["dcat:downloadURL"] = Iri(url),
            ["dcat:mediaType"] = Iri($"https://www.iana.org/assignments/media-types/{(file.Format == "parquet" ? "application/vnd.apache.parquet" : "text/csv")}"),
            ["dct:format"] = Iri(Eu + "file-type/" + (file.Format == "parquet" ? "PARQUET" : "CSV")),
            ["dcat:byteSize"] = Typed(file.Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture), "xsd:nonNegativeInteger"),
            ["spdx:checksum"] = new JsonObject
            {
                ["@type"] = "spdx:Checksum",
                ["spdx:algorithm"] = Iri("http://spdx.org/rdf/terms#checksumAlgorithm_sha256"),
                ["spdx:checksumValue"] = Typed(file.Sha256, "xsd:hexBinary"),
            },
        };
        if (file.Format == "csv.gz") distribution["dcat:compressFormat"] = Iri("https://www.iana.org/assignments/media-types/application/gzip");
        if (Licence(d) is { } licence) distribution["dct:license"] = Iri(licence);
        return distribution;
    }

    private static JsonObject Iri(string iri) => new() { ["@id"] = iri };

    private static JsonObject Typed(string value, string type) => new() { ["@value"] = value, ["@type"] = type };

    private static JsonArray Texts(string french, string english) =>
        [new JsonObject { ["@value"] = french, ["@language"] = "fr" }, new JsonObject { ["@value"] = english, ["@language"] = "en" }];
}
