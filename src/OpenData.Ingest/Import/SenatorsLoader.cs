using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using OpenData.Data;
using OpenData.Ingest.Source;

namespace OpenData.Ingest.Import;

/// <summary>
/// Loads the senators exports (ODSEN_GENERAL.json, ODSEN_HISTOGROUPES.json) into staging tables. They are
/// small (a few MB for every senator since 1958), so each is parsed whole.
/// </summary>
internal sealed class SenatorsLoader(NpgsqlConnection connection, ImportProgress progress, ICollection<string> notices)
{
    private static readonly string[] GeneralFields =
    [
        "Matricule", "Qualite", "Nom_usuel", "Prenom_usuel", "Etat", "Date_naissance", "Date_de_deces", "Groupe_politique",
        "Type_d_app_au_grp_politique", "Commission_permanente", "Circonscription", "Fonction_au_Bureau_du_Senat",
        "Courrier_electronique", "PCS_INSEE", "Categorie_professionnelle", "Description_de_la_profession",
    ];
    private static readonly string[] GroupFields = ["Matricule", "Groupe_politique", "Type_d_app_au_grp_politique", "Date_debut", "Date_fin"];
    private static readonly HashSet<string> DateFields = ["Date_naissance", "Date_de_deces", "Date_debut", "Date_fin"];

    public static string CreateRawTablesSql() =>
        RawTableSql("src_senators", GeneralFields) + "\n" + RawTableSql("src_senator_groups", GroupFields);

    public Task<long> LoadGeneralAsync(string path, CancellationToken cancellationToken) =>
        LoadAsync(path, "src_senators", GeneralFields, cancellationToken);

    public Task<long> LoadGroupsAsync(string path, CancellationToken cancellationToken) =>
        LoadAsync(path, "src_senator_groups", GroupFields, cancellationToken);

    private async Task<long> LoadAsync(string path, string rawTable, string[] fields, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        progress.Begin(name);
        using var document = await ParseAsync(path, name, cancellationToken);
        var records = FindRecords(document.RootElement, name);

        var columns = string.Join(", ", fields.Select(f => f.ToLowerInvariant()));
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {Database.StagingSchema}.{rawTable} (line, {columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        long index = 0, removed = 0;
        foreach (var record in records.EnumerateArray())
        {
            index++;
            if (record.ValueKind != JsonValueKind.Object)
                throw new SourceFormatException($"{name}, record {index}: expected an object, found {record.ValueKind}");
            importer.StartRow();
            importer.Write(index, NpgsqlDbType.Bigint);
            foreach (var field in fields)
            {
                var value = SafeText.Clean(ReadString(record, field, name, index), ref removed);
                if (field == "Matricule" && string.IsNullOrWhiteSpace(value))
                    throw new SourceFormatException($"{name}, record {index}: Matricule is missing");
                if (value is null) importer.WriteNull();
                else if (DateFields.Contains(field)) importer.Write(ParseDate(value, field, name, index), NpgsqlDbType.Date);
                else importer.Write(value.Trim(), NpgsqlDbType.Text);
            }
        }
        await importer.CompleteAsync(cancellationToken);
        progress.Rows(name, index, 1, 1, done: true);
        if (removed > 0) notices.Add($"{name}: {removed} control characters removed from the text (invalid in XML, CSV and HTML)");
        return index;
    }

    private static async Task<JsonDocument> ParseAsync(string path, string name, CancellationToken cancellationToken)
    {
        try
        {
            SourceLimits.CheckSize(path, name, SourceLimits.MaxJsonBytes);
            await using var stream = File.OpenRead(path);
            return await JsonDocument.ParseAsync(stream, new JsonDocumentOptions { AllowTrailingCommas = false }, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new SourceFormatException($"{name}, line {e.LineNumber + 1}: malformed JSON ({FirstSentence(e.Message)})", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SourceFormatException($"{name}: cannot open ({e.Message})", e);
        }
    }

    /// <summary>A bare array of records, or an object wrapping one (e.g. {"results": [...]}).</summary>
    private static JsonElement FindRecords(JsonElement root, string name)
    {
        if (root.ValueKind == JsonValueKind.Array) return root;
        if (root.ValueKind == JsonValueKind.Object)
        {
            var arrays = root.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array).ToList();
            if (arrays.Count == 1) return arrays[0].Value;
        }
        throw new SourceFormatException($"{name}: expected an array of records, or an object wrapping one array");
    }

    private static string? ReadString(JsonElement record, string field, string name, long index)
    {
        if (!record.TryGetProperty(field, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new SourceFormatException($"{name}, record {index}: {field} should be a string, found {value.ValueKind}"),
        };
    }

    private static DateOnly ParseDate(string value, string field, string name, long index)
    {
        string[] formats = ["yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss"];
        if (DateTime.TryParseExact(value.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return DateOnly.FromDateTime(date);
        throw new SourceFormatException($"{name}, record {index}: {field} '{value}' is not a date (expected YYYY/MM/DD HH:MM:SS)");
    }

    private static string RawTableSql(string table, string[] fields) =>
        $"CREATE UNLOGGED TABLE {Database.StagingSchema}.{table} (line bigint NOT NULL, " +
        string.Join(", ", fields.Select(f => $"{f.ToLowerInvariant()} {(DateFields.Contains(f) ? "date" : "text")}")) + ");";

    private static string FirstSentence(string message) => message.Split(". ")[0].TrimEnd('.');
}
