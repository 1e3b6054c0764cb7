using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenData.Generation;

/// <summary>Writes <c>ODSEN_GENERAL.json</c> and <c>ODSEN_HISTOGROUPES.json</c>: bare arrays, dates as <c>yyyy/MM/dd HH:mm:ss</c>.</summary>
internal static class SenatorJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 1,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void WriteGeneral(string path, IReadOnlyList<Senator> senators, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var json = new Utf8JsonWriter(stream, Options);
        json.WriteStartArray();
        foreach (var senator in senators)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = senator.Memberships[^1];
            var profession = senator.Profession >= 0 ? PeopleVocabulary.Professions[senator.Profession] : default;
            json.WriteStartObject();
            json.WriteString("Matricule", senator.Matricule);
            json.WriteString("Qualite", senator.Civility);
            json.WriteString("Nom_usuel", senator.LastName);
            json.WriteString("Prenom_usuel", senator.FirstName);
            json.WriteString("Etat", senator.Active ? "ACTIF" : "ANCIEN");
            Date(json, "Date_naissance", senator.Birth);
            Date(json, "Date_de_deces", senator.Death);
            json.WriteString("Groupe_politique", current.Group);
            json.WriteString("Type_d_app_au_grp_politique", current.Type);
            json.WriteString("Commission_permanente", senator.Committee);
            json.WriteString("Circonscription", senator.Constituency);
            json.WriteString("Fonction_au_Bureau_du_Senat", senator.BureauFunction);
            json.WriteString("Courrier_electronique", senator.Email);
            json.WriteString("PCS_INSEE", profession.Pcs);
            json.WriteString("Categorie_professionnelle", profession.Category);
            json.WriteString("Description_de_la_profession", profession.Description);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>Memberships per senator, most recent first (as the Senate lists them).</summary>
    public static void WriteGroups(string path, IReadOnlyList<Senator> senators, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var json = new Utf8JsonWriter(stream, Options);
        json.WriteStartArray();
        foreach (var senator in senators)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var m = senator.Memberships.Count - 1; m >= 0; m--)
            {
                var membership = senator.Memberships[m];
                json.WriteStartObject();
                json.WriteString("Matricule", senator.Matricule);
                json.WriteString("Groupe_politique", membership.Group);
                json.WriteString("Type_d_app_au_grp_politique", membership.Type);
                Date(json, "Date_debut", membership.Start);
                Date(json, "Date_fin", membership.End);
                json.WriteEndObject();
            }
        }
        json.WriteEndArray();
    }

    private static void Date(Utf8JsonWriter json, string name, int day)
    {
        if (day == Days.None)
        {
            json.WriteNull(name);
            return;
        }
        Span<char> buffer = stackalloc char[19];
        Days.Format(buffer, day, '/');
        json.WriteString(name, buffer);
    }
}
