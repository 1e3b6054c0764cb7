using System.Globalization;
using System.Text.Json;

namespace OpenData.Ingest.Tests.Generation;

public sealed class WorldShapeTests(GeneratedDatasetFixture data) : IClassFixture<GeneratedDatasetFixture>
{
    private static DateOnly? JsonDate(JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.Null
            ? null
            : DateOnly.ParseExact(element.GetProperty(property).GetString()!, "yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture);

    [Fact]
    public void Ministries_point_to_their_successor_in_the_next_government_and_the_current_ones_to_none()
    {
        var byId = data.Ministries.ToDictionary(m => m.Number("minid")!.Value);
        var governments = data.Ministries.GroupBy(m => m.Date("datedebut")!.Value).OrderBy(g => g.Key).ToList();
        var current = governments[^1].ToList();

        Assert.True(governments.Count >= 3);
        Assert.All(governments, g => Assert.InRange(g.Count(), 25, 38));
        Assert.All(current, m => Assert.Null(m["datefin"]));
        Assert.All(current, m => Assert.Null(m["minidremp"]));
        Assert.Equal(current.Count, data.Ministries.Count(m => m["datefin"] is null));
        for (var g = 0; g < governments.Count - 1; g++)
        {
            foreach (var ministry in governments[g])
            {
                Assert.Equal(governments[g + 1].Key, ministry.Date("datefin"));
                if (ministry.Number("minidremp") is { } successor)
                {
                    Assert.Equal(governments[g + 1].Key, byId[successor].Date("datedebut"));
                }
            }
        }
        var old = governments.SkipLast(1).SelectMany(g => g).ToList();
        Assert.True(old.Count(m => m["minidremp"] is not null) > old.Count * 0.8);
        var successors = data.Ministries.Select(m => m.Number("minidremp")).OfType<long>().ToHashSet();
        var disappearing = old.Count(m => m["minidremp"] is null);
        var appearing = governments.Skip(1).SelectMany(g => g).Count(m => !successors.Contains(m.Number("minid")!.Value));
        Assert.True(disappearing > 0 && appearing > 0, $"{disappearing} disappearing, {appearing} appearing portfolios");
        Assert.Equal(successors.Count, data.Ministries.Count(m => m["minidremp"] is not null));
    }

    [Fact]
    public void Ministries_include_delegate_ministers_with_long_labels_and_accented_names()
    {
        Assert.Contains(data.Ministries, m => m["titreministre"] == "Ministre déléguée" && m["libellelong"]!.Length > 80
            && m["libellelong"]!.StartsWith("Ministère auprès du ministre", StringComparison.Ordinal));
        Assert.Contains(data.Ministries, m => m["nomministre"]!.Any(c => "éèêëïîôçÉ".Contains(c)));
        Assert.All(data.Ministries, m => Assert.InRange(m["libellelong"]!.Length, 1, 255));
        Assert.All(data.Ministries.GroupBy(m => m["datedebut"]), g =>
            Assert.Equal(Enumerable.Range(1, g.Count()).Select(i => (long)i), g.Select(m => m.Number("ordreprotocolaire")!.Value).Order()));
    }

    [Fact]
    public void Questions_are_addressed_to_a_ministry_of_the_government_in_office_on_their_date()
    {
        var byId = data.Ministries.Append(data.RealMinistry).ToDictionary(m => m.Number("minid")!.Value);

        Assert.All(data.Questions.Append(data.RealQuestion), q =>
        {
            var ministry = byId[q.Number("mindepotid")!.Value];
            var published = q.Date("datejodepot")!.Value;
            Assert.True(ministry.Date("datedebut") <= published && (ministry.Date("datefin") is not { } end || published < end));
            Assert.Equal(ministry["libellelong"], q["mindepotlib"]);
        });
    }

    [Fact]
    public void Senators_are_mostly_former_ones_with_a_current_group_membership_for_the_active_ones()
    {
        var memberships = data.Memberships.GroupBy(m => m.GetProperty("Matricule").GetString()!).ToDictionary(g => g.Key, g => g.ToList());
        var active = data.Senators.Where(s => s.GetProperty("Etat").GetString() == "ACTIF").ToList();

        Assert.Equal(40, data.Senators.Count);
        Assert.Equal(24, active.Count);
        Assert.All(data.Senators, s => Assert.Contains(s.GetProperty("Etat").GetString(), new[] { "ACTIF", "ANCIEN" }));
        Assert.Equal(data.Senators.Count, data.Senators.Select(s => s.GetProperty("Matricule").GetString()).Distinct().Count());
        Assert.Equal(memberships.Keys.Order(StringComparer.Ordinal), data.Senators.Select(s => s.GetProperty("Matricule").GetString()!).Order(StringComparer.Ordinal));
        foreach (var senator in data.Senators)
        {
            var history = memberships[senator.GetProperty("Matricule").GetString()!];
            var isActive = senator.GetProperty("Etat").GetString() == "ACTIF";
            Assert.InRange(history.Count, 1, 3);
            Assert.Equal(isActive ? 1 : 0, history.Count(m => JsonDate(m, "Date_fin") is null));
            Assert.Equal(history[0].GetProperty("Groupe_politique").GetString(), senator.GetProperty("Groupe_politique").GetString());
            Assert.All(history, m => Assert.Contains(m.GetProperty("Groupe_politique").GetString(), new[] { "LR", "SER", "UC", "RDPI", "CRCE-K", "GEST", "RDSE", "LIRT", "NI" }));
            Assert.Matches(@"^[a-z]\.[a-z-]+@senat\.fr$", senator.GetProperty("Courrier_electronique").GetString());
            Assert.Matches("^[0-9]{5}[A-Z]$", senator.GetProperty("Matricule").GetString());
            Assert.Contains(senator.GetProperty("Qualite").GetString(), new[] { "M.", "Mme" });
            Assert.NotNull(JsonDate(senator, "Date_naissance"));
            if (JsonDate(senator, "Date_de_deces") is { } death)
            {
                Assert.False(isActive);
                Assert.True(death >= history.Max(m => JsonDate(m, "Date_fin")!.Value));
            }
        }
        Assert.True(data.Senators.Select(s => s.GetProperty("Circonscription").GetString()).Distinct().Count() >= 12);
        Assert.Contains(data.Senators, s => s.GetProperty("Commission_permanente").ValueKind == JsonValueKind.Null);
        Assert.Contains(data.Senators, s => s.GetProperty("PCS_INSEE").ValueKind == JsonValueKind.String);
    }

    [Fact]
    public void Each_senators_memberships_follow_each_other_without_overlap()
    {
        foreach (var history in data.Memberships.GroupBy(m => m.GetProperty("Matricule").GetString()))
        {
            var chronological = history.OrderBy(m => JsonDate(m, "Date_debut")).ToList();
            for (var i = 1; i < chronological.Count; i++)
            {
                Assert.Equal(JsonDate(chronological[i - 1], "Date_fin")!.Value.AddDays(1), JsonDate(chronological[i], "Date_debut"));
                Assert.NotEqual(chronological[i - 1].GetProperty("Groupe_politique").GetString(), chronological[i].GetProperty("Groupe_politique").GetString());
            }
        }
    }

    [Fact]
    public void Question_authors_are_snapshots_of_the_senator_and_group_on_the_question_date()
    {
        var senators = data.Senators.ToDictionary(s => s.GetProperty("Matricule").GetString()!);
        var memberships = data.Memberships.ToLookup(m => m.GetProperty("Matricule").GetString()!);
        var unknown = 0;

        foreach (var q in data.Questions)
        {
            if (!senators.TryGetValue(q["matricule"]!, out var senator))
            {
                unknown++;
                Assert.False(string.IsNullOrEmpty(q["nom"]));
                Assert.False(string.IsNullOrEmpty(q["groupe"]));
                continue;
            }
            var published = q.Date("datejodepot")!.Value;
            var membership = Assert.Single(memberships[q["matricule"]!],
                m => JsonDate(m, "Date_debut") <= published && (JsonDate(m, "Date_fin") is not { } end || published <= end));
            Assert.Equal(membership.GetProperty("Groupe_politique").GetString(), q["groupe"]);
            Assert.Equal(senator.GetProperty("Nom_usuel").GetString()!.ToUpperInvariant(), q["nom"]);
            Assert.Equal(senator.GetProperty("Prenom_usuel").GetString(), q["prenom"]);
            Assert.Equal(senator.GetProperty("Qualite").GetString(), q["codequalite"]);
            Assert.Equal(senator.GetProperty("Circonscription").GetString(), q["circonscription"]);
        }

        Assert.True(unknown > 0);
        Assert.Equal(data.Summary.UnknownAuthorQuestions, unknown);
        Assert.InRange(unknown / (double)data.Questions.Count, 0.003, 0.008);
    }
}
