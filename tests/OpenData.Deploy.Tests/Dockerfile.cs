using System.Text.RegularExpressions;

namespace OpenData.Deploy.Tests;

/// <summary>deploy/Dockerfile read into its stages: each stage's base image and instructions.</summary>
public sealed partial class Dockerfile
{
    public sealed record Stage(string Name, string From, IReadOnlyList<(string Instruction, string Arguments)> Lines)
    {
        public IEnumerable<string> All(string instruction) =>
            Lines.Where(l => l.Instruction.Equals(instruction, StringComparison.OrdinalIgnoreCase)).Select(l => l.Arguments);

        public string? Last(string instruction) => All(instruction).LastOrDefault();
    }

    public IReadOnlyList<Stage> Stages { get; }

    public Dockerfile(string text)
    {
        var stages = new List<Stage>();
        // Continuation lines joined, comments dropped.
        var joined = Continuation().Replace(text, " ");
        foreach (var raw in joined.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var space = line.IndexOf(' ');
            var (instruction, arguments) = space < 0 ? (line, "") : (line[..space], line[(space + 1)..].Trim());
            if (instruction.Equals("FROM", StringComparison.OrdinalIgnoreCase))
            {
                var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                stages.Add(new Stage(parts.Length >= 3 && parts[^2].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[^1] : $"#{stages.Count}", parts[0], new List<(string, string)>()));
            }
            else ((List<(string, string)>)stages[^1].Lines).Add((instruction.ToUpperInvariant(), arguments));
        }
        Stages = stages;
    }

    public Stage this[string name] => Stages.Single(s => s.Name == name);

    public static Dockerfile Load() => new(DeployFiles.Text("deploy/Dockerfile"));

    /// <summary>ENV of a stage, as name → value (both the "ENV a=b c=d" and the "ENV a b" forms).</summary>
    public static Dictionary<string, string> Environment(Stage stage)
    {
        var values = new Dictionary<string, string>();
        foreach (var arguments in stage.All("ENV"))
        {
            var pairs = EnvPair().Matches(arguments);
            if (pairs.Count == 0)
            {
                var space = arguments.IndexOf(' ');
                values[arguments[..space]] = arguments[(space + 1)..].Trim();
            }
            foreach (Match pair in pairs) values[pair.Groups[1].Value] = pair.Groups[2].Value.Trim('"');
        }
        return values;
    }

    [GeneratedRegex(@"\\\s*\n")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)=(""[^""]*""|\S+)")]
    private static partial Regex EnvPair();
}
