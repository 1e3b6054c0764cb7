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

    public StringBuilder Question(Random random, Senator author, Ministry ministry, int subject, int day)
    {
        _text.Clear();
        var context = new Context(random, TextVocabulary.Subjects[subject].Phrase, ministry.Addressee, author.Female, Days.Year(day));
        var separator = ParagraphSeparator(random, 0.45);
        _text.Append(author.Civility).Append(' ').Append(author.FirstName).Append(' ').Append(author.LastName).Append(' ');
        Append(random.Pick(TextVocabulary.Openings), context, capitalize: false);
        var sentences = random.Between(2, 5);
        var used = 0UL;
        for (var s = 0; s < sentences; s++)
        {
            _text.Append(s == 0 || random.Chance(0.5) ? separator : " ");
            Append(PickUnused(random, TextVocabulary.QuestionSentences, ref used), context);
        }
        Decorate(random, context);
        _text.Append(separator);
        Append(random.Pick(TextVocabulary.Closings), context);
        return _text;
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
