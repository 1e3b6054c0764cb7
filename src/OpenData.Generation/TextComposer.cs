using System.Globalization;
using System.Text;

namespace OpenData.Generation;

/// <summary>
/// Builds titles, question and answer texts from <see cref="TextVocabulary"/> into a reused buffer.
/// A share of texts carry newlines (paragraphs), a few tabs, carriage returns and backslashes, as real ones do.
/// </summary>
internal sealed class TextComposer
{
    private readonly StringBuilder _text = new(4096);

    public static string Title(Random random, int subject)
    {
        var (title, phrase, _) = TextVocabulary.Subjects[subject];
        var prefix = random.Pick(TextVocabulary.TitlePrefixes);
        var main = prefix.Length == 0 ? title : prefix + DeForm(phrase);
        return main + random.Pick(TextVocabulary.TitleSuffixes);
    }

    /// <summary>
    /// A question's text: its author and minister, then sentences drawn from <paramref name="random"/> (a campaign's
    /// stream gives each of its copies the same words); a planted twin's <paramref name="edit"/> is drawn from
    /// <paramref name="edits"/>. Each text carries two or three facts of its own (a place, a body, a figure, a year), as real
    /// questions do: two texts on one subject share their phrasing, not their words.
    /// </summary>
    public StringBuilder Question(Random random, Senator author, Ministry ministry, int subject, int day, Random? edits = null, TwinEdit edit = TwinEdit.None)
    {
        _text.Clear();
        var context = new Context(random, TextVocabulary.Subjects[subject].Phrase, ministry.Addressee, author.Female, Days.Year(day));
        var separator = ParagraphSeparator(random, 0.45);
        _text.Append(author.Civility).Append(' ').Append(author.FirstName).Append(' ').Append(author.LastName).Append(' ');
        Append(random.Pick(TextVocabulary.Openings), context, capitalize: false);
        var body = _text.Length;
        var sentences = random.Between(2, 5);
        var used = 0UL;
        for (var s = 0; s < sentences; s++)
        {
            _text.Append(s == 0 || random.Chance(0.5) ? separator : " ");
            Append(PickUnused(random, TextVocabulary.QuestionSentences, ref used), context);
        }
        for (var f = random.Between(2, 3); f > 0; f--)
        {
            _text.Append(' ');
            LocalFact(random, context.Year);
        }
        if (edit == TwinEdit.SentenceAdded && edits is not null)
        {
            _text.Append(' ');
            LocalFact(edits, context.Year);
        }
        Decorate(random, context);
        _text.Append(separator);
        Append(random.Pick(TextVocabulary.Closings), context);
        if (edit == TwinEdit.WordsChanged && edits is not null) ChangeWords(edits, body, edits.Between(2, 4));
        return _text;
    }

    /// <summary>
    /// A sentence of the text's own: "À Millau, la mission locale a recensé 212 dossiers en attente depuis 2011, selon
    /// Claire Lefèvre, adjointe au maire (dossier n° 40817)." Its names and figures make it rare among thousands of texts.
    /// </summary>
    private void LocalFact(Random random, int year)
    {
        var female = random.Chance(0.5);
        var first = random.Pick(female ? PeopleVocabulary.FemaleFirstNames : PeopleVocabulary.MaleFirstNames);
        var role = random.Pick(TextVocabulary.Roles);
        _text.Append(CultureInfo.InvariantCulture,
            $"À {random.Pick(TextVocabulary.Towns)}, {random.Pick(TextVocabulary.Bodies)} {random.Pick(TextVocabulary.Findings)} {random.Between(2, 990)} {random.Pick(TextVocabulary.Counted)} depuis {year - random.Between(1, 25)}, selon {first} {random.Pick(PeopleVocabulary.LastNames)}, {(female ? role.Female : role.Male)} (dossier n° {random.Between(10_000, 99_999)}).");
    }

    /// <summary>Replaces <paramref name="count"/> words of five letters or more after <paramref name="from"/>, as an editor would.</summary>
    private void ChangeWords(Random random, int from, int count)
    {
        for (var attempt = 0; count > 0 && attempt < 50; attempt++)
        {
            var at = random.Next(from, _text.Length);
            while (at > from && char.IsLetter(_text[at - 1])) at--;
            var end = at;
            while (end < _text.Length && char.IsLetter(_text[end])) end++;
            if (end - at < 5) continue;
            _text.Remove(at, end - at).Insert(at, random.Pick(TextVocabulary.Replacements));
            count--;
        }
    }

    public StringBuilder Answer(Random random, int subject, int day)
    {
        _text.Clear();
        var context = new Context(random, TextVocabulary.Subjects[subject].Phrase, "", false, Days.Year(day));
        var separator = ParagraphSeparator(random, 0.6);
        Append(random.Pick(TextVocabulary.AnswerOpenings), context);
        var sentences = random.Between(2, 6);
        var used = 0UL;
        for (var s = 0; s < sentences; s++)
        {
            _text.Append(random.Chance(0.5) ? separator : " ");
            Append(PickUnused(random, TextVocabulary.AnswerSentences, ref used), context);
        }
        Decorate(random, context);
        return _text;
    }

    public static string QuestionErratum(Random random, int day, int page) => string.Create(CultureInfo.InvariantCulture,
        $"Cette question a fait l'objet d'un erratum au Journal officiel du {Days.French(day)}, page {page} : au lieu de « {random.Between(2, 49)} % », lire « {random.Between(50, 95)} % ».");

    public static string AnswerErratum(Random random, int answerDay, int page) => string.Create(CultureInfo.InvariantCulture,
        $"Dans la réponse publiée au Journal officiel du {Days.French(answerDay)}, page {page}, il convient de lire : « {random.Between(2, 90)} millions d'euros » au lieu de « {random.Between(91, 400)} millions d'euros ».");

    public const string PublicComment = "Question transmise pour attribution au ministère compétent.";

    /// <summary>"de la", "de l'", "du", "des" form of a phrase starting with an article ("la ...", "l'...", "le ...", "les ...").</summary>
    private static string DeForm(string phrase) =>
        phrase.StartsWith("le ", StringComparison.Ordinal) ? "du " + phrase[3..]
        : phrase.StartsWith("les ", StringComparison.Ordinal) ? "des " + phrase[4..]
        : "de " + phrase;

    private static string ParagraphSeparator(Random random, double newlineShare) =>
        !random.Chance(newlineShare) ? " " : random.Chance(0.01) ? "\r\n" : "\n";

    /// <summary>Now and then a tabulated figure or a file reference with backslashes.</summary>
    private void Decorate(Random random, Context context)
    {
        if (random.Chance(0.03))
        {
            _text.Append(CultureInfo.InvariantCulture, $" Montant engagé :\t{context.Number()} 000 €\tsoit {context.Number()} % du total.");
        }
        if (random.Chance(0.015))
        {
            _text.Append(CultureInfo.InvariantCulture, $" (dossier n° ADM\\{context.Year}\\{context.Number()})");
        }
    }

    /// <summary>A sentence not yet used in this text (pools hold fewer than 64 sentences).</summary>
    private static string PickUnused(Random random, string[] pool, ref ulong used)
    {
        while (true)
        {
            var index = random.Next(pool.Length);
            if ((used & (1UL << index)) == 0)
            {
                used |= 1UL << index;
                return pool[index];
            }
        }
    }

    /// <summary>Appends a template, replacing its placeholders; a sentence never starts lower case.</summary>
    private void Append(string template, Context context, bool capitalize = true)
    {
        var start = _text.Length;
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf('{', position);
            if (open < 0)
            {
                _text.Append(template, position, template.Length - position);
                break;
            }
            _text.Append(template, position, open - position);
            var close = template.IndexOf('}', open);
            var key = template.AsSpan(open + 1, close - open - 1);
            switch (key)
            {
                case "sujet": _text.Append(context.Subject); break;
                case "ministre": _text.Append(context.Addressee); break;
                case "il": _text.Append(context.Female ? "elle" : "il"); break;
                case "Il": _text.Append(context.Female ? "Elle" : "Il"); break;
                case "n": _text.Append(CultureInfo.InvariantCulture, $"{context.Number()}"); break;
                case "annee": _text.Append(CultureInfo.InvariantCulture, $"{context.Year - context.Random.Next(4)}"); break;
                case "lieu": _text.Append(context.Random.Pick(TextVocabulary.Places)); break;
                default: _text.Append(template, open, close - open + 1); break;
            }
            position = close + 1;
        }
        if (capitalize && _text.Length > start && char.IsLower(_text[start]))
        {
            _text[start] = char.ToUpperInvariant(_text[start]);
        }
    }

    private readonly record struct Context(Random Random, string Subject, string Addressee, bool Female, int Year)
    {
        public int Number() => Random.Between(2, 95);
    }
}
