namespace OpenData.Generation;

/// <summary>A legislature; <see cref="End"/> is <see cref="Days.None"/> for the current (open) one.</summary>
internal sealed record Legislature(int Number, int Start, int End)
{
    public bool Contains(int day) => day >= Start && (End == Days.None || day <= End);
}

/// <summary>One ministry row: a portfolio within one government.</summary>
internal sealed class Ministry
{
    public required int Index { get; init; }
    public required long Id { get; init; }
    public long? SuccessorId { get; set; }
    public required int Government { get; init; }
    public required int Portfolio { get; init; }
    public required int Order { get; init; }
    public required string Label { get; init; }
    public required string LongLabel { get; init; }
    public required string MinisterTitle { get; init; }
    public required string JoTitle { get; init; }
    public required string MinisterName { get; init; }
    /// <summary>How a senator addresses the minister in a question ("Mme la ministre de ...").</summary>
    public required string Addressee { get; init; }
    public required double Weight { get; init; }
}

/// <summary>A government; <see cref="End"/> (exclusive: the next one's start) is <see cref="Days.None"/> for the current one.</summary>
internal sealed class Government
{
    public required int Index { get; init; }
    public required int Start { get; init; }
    public required int End { get; init; }
    public List<Ministry> Ministries { get; } = [];
    public double[] CumulativeWeights { get; set; } = [];
    /// <summary>Per theme code (index code-1), the positions in <see cref="Ministries"/> of the ministries answering for it.</summary>
    public int[][] ByTheme { get; set; } = [];

    /// <summary>Last day a question can be addressed to this government.</summary>
    public int LastDay => End == Days.None ? Days.LastDay : End - 1;
}

/// <summary>A group membership; <see cref="End"/> is <see cref="Days.None"/> while current.</summary>
internal sealed record Membership(string Group, string? Type, int Start, int End)
{
    public bool Contains(int day) => day >= Start && (End == Days.None || day <= End);
}

internal sealed class Senator
{
    public int Index { get; set; }
    public required string Matricule { get; init; }
    public required bool Female { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public required string Constituency { get; init; }
    public required int ConstituencyNumber { get; init; }
    /// <summary>False for authors absent from ODSEN_GENERAL.json.</summary>
    public required bool Known { get; init; }
    public bool Active { get; init; }
    public int Birth { get; init; }
    public int Death { get; init; }
    public int MandateStart { get; init; }
    public string? Committee { get; init; }
    public string? BureauFunction { get; init; }
    public int Profession { get; init; } = -1;
    public string? Email { get; init; }
    /// <summary>Chronological.</summary>
    public List<Membership> Memberships { get; } = [];

    public string Civility => Female ? "Mme" : "M.";

    public string UpperName => LastName.ToUpperInvariant();

    public string TechnicalName => PeopleVocabulary.Technical(LastName + " " + FirstName);

    public string GroupAt(int day)
    {
        foreach (var membership in Memberships)
        {
            if (membership.Contains(day))
            {
                return membership.Group;
            }
        }
        return Memberships[^1].Group;
    }
}

/// <summary>A Senate seat: its successive occupants, each in office from Start to End inclusive.</summary>
internal sealed class Seat
{
    public List<(Senator Senator, int Start, int End)> Occupants { get; } = [];

    public Senator OccupantAt(int day)
    {
        foreach (var (senator, start, end) in Occupants)
        {
            if (day >= start && day <= end)
            {
                return senator;
            }
        }
        throw new InvalidOperationException("No senator in office at that date.");
    }
}

/// <summary>Everything the questions refer to, built before any question.</summary>
internal sealed class World
{
    public required IReadOnlyList<Legislature> Legislatures { get; init; }
    public required IReadOnlyList<Government> Governments { get; init; }
    public required IReadOnlyList<Ministry> Ministries { get; init; }
    /// <summary>Senators of ODSEN_GENERAL.json, in file order (by matricule); <see cref="Senator.Index"/> is their position here.</summary>
    public required IReadOnlyList<Senator> Senators { get; init; }
    /// <summary>Authors missing from the senators file; their <see cref="Senator.Index"/> follows the known senators.</summary>
    public required IReadOnlyList<Senator> Ghosts { get; init; }
    public required IReadOnlyList<Seat> Seats { get; init; }
    public required double[] SeatCumulativeWeights { get; init; }

    public int PeriodStart => Governments[0].Start;

    public Senator Author(int index) => index < Senators.Count ? Senators[index] : Ghosts[index - Senators.Count];
}
