namespace OpenData.Generation;

/// <summary>What became of a question: the <c>sorquecod</c> codes of <see cref="LookupTables.Outcomes"/>.</summary>
internal enum Outcome : byte
{
    Answered = 1,
    Awaiting = 2,
    Lapsed = 3,
    Withdrawn = 4,
    Converted = 5,
    CommonAnswer = 6,
}

[Flags]
internal enum QuestionFlags : byte
{
    None = 0,
    QuestionErratum = 1,
    AnswerErratum = 2,
    PublicComment = 4,
}

/// <summary>How a planted twin differs from its campaign's text; a decoy takes its title and none of its words.</summary>
internal enum TwinEdit : byte
{
    None = 0,
    Identical = 1,
    WordsChanged = 2,
    SentenceAdded = 3,
    NewTitle = 4,
    Decoy = 5,
}

/// <summary>The small per-question facts decided up front; texts are produced later, while writing.</summary>
internal struct PlannedQuestion
{
    public int Published;
    public int Numero;
    public int Author;
    public int Ministry;
    public int TransferMinistry;
    public int TransferDate;
    public int AnswerDate;
    public int Group;
    public int Reminds;
    /// <summary>A planted twin: the campaign question whose text this one copies (<see cref="TwinEdit"/> says how); -1 for none.</summary>
    public int TwinOf;
    public short Legislature;
    public short Subject;
    public QuestionKind Kind;
    public Outcome Outcome;
    public QuestionFlags Flags;
    public TwinEdit TwinEdit;

    public readonly bool IsAnswered => Outcome is Outcome.Answered or Outcome.CommonAnswer;

    public readonly bool IsTransferred => TransferMinistry >= 0;

    public readonly int AnsweringMinistry => IsTransferred ? TransferMinistry : Ministry;

    public readonly int Delay => AnswerDate - Published;

    /// <summary>The public reference, e.g. <c>SEQ240611950</c>.</summary>
    public readonly string Reference
    {
        get
        {
            Span<char> buffer = stackalloc char[12];
            buffer[0] = 'S';
            buffer[1] = 'E';
            buffer[2] = Kind.Letter();
            Write(buffer.Slice(3, 4), Days.YearMonthCode(Published));
            Write(buffer.Slice(7, 5), Numero);
            return new string(buffer);
        }
    }

    public readonly string NumeroText
    {
        get
        {
            Span<char> buffer = stackalloc char[5];
            Write(buffer, Numero);
            return new string(buffer);
        }
    }

    private static void Write(Span<char> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }
}

/// <summary>A common answer: several questions answered by one text, on one date, by one ministry.</summary>
internal sealed class AnswerGroup
{
    public required int Id { get; init; }
    public required int Date { get; init; }
    public required int Anchor { get; init; }
    public required int Target { get; init; }
    public int Size { get; set; } = 1;
}

internal sealed class QuestionPlan
{
    public required PlannedQuestion[] Questions { get; init; }
    public required List<AnswerGroup> Groups { get; init; }

    public int Answers { get; set; }
    public int UnknownAuthorQuestions { get; set; }

    /// <summary>The question that copies the real one's text (a twin every dataset holds, for the documented examples); -1 for none.</summary>
    public int CopiesPublished { get; set; } = -1;
}
