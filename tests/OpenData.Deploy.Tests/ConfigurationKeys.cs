using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;

namespace OpenData.Deploy.Tests;

/// <summary>
/// The settings the API and the importer actually read, derived from their code: the keys their sources name
/// (GetValue("A:B"), configuration["A:B"], GetConnectionString("X"), GetEnvironmentVariable("X")), and the
/// properties of the options classes bound to a section (a const Section, or Configure&lt;T&gt;(GetSection("X"))),
/// walked by reflection; plus the host's own (ASPNETCORE_URLS, …, Logging, Kestrel, OpenTelemetry's OTEL_*).
/// </summary>
public static partial class ConfigurationKeys
{
    private static readonly Lazy<(HashSet<string> Keys, Dictionary<string, Type> Sections)> Api = new(ReadApi);

    /// <summary>Whether an environment variable given to the API container is a setting the API reads.</summary>
    public static bool IsApiSetting(string variable)
    {
        if (variable.StartsWith("ASPNETCORE_", StringComparison.Ordinal))
            return variable[11..] is "URLS" or "HTTP_PORTS" or "HTTPS_PORTS" or "ENVIRONMENT";
        if (variable.StartsWith("DOTNET_", StringComparison.Ordinal) || variable.StartsWith("OTEL_EXPORTER_OTLP_", StringComparison.Ordinal)) return true;
        var key = variable.Replace("__", ":", StringComparison.Ordinal);
        if (key.StartsWith("Logging:", StringComparison.Ordinal) || key.StartsWith("Kestrel:", StringComparison.Ordinal)) return true;
        var (keys, sections) = Api.Value;
        if (keys.Contains(key)) return true;
        var segments = key.Split(':');
        return sections.TryGetValue(segments[0], out var type) && IsPropertyPath(type, segments.AsSpan(1))
            || sections.TryGetValue("", out var root) && IsPropertyPath(root, segments); // options bound at the root
    }

    /// <summary>The environment variables the importer reads itself.</summary>
    public static IReadOnlySet<string> IngestVariables { get; } = SourceFiles("src/OpenData.Ingest")
        .SelectMany(text => EnvironmentVariable().Matches(text)).Select(m => m.Groups[1].Value).ToHashSet();

    /// <summary>Whether an environment variable given to the importer is a setting it reads: one it reads itself, or one of its sync options (Sync__…).</summary>
    public static bool IsIngestSetting(string variable)
    {
        if (IngestVariables.Contains(variable)) return true;
        var segments = variable.Split("__");
        return segments.Length > 1 && segments[0] == OpenData.Ingest.Sync.SyncOptions.Section && IsPropertyPath(typeof(OpenData.Ingest.Sync.SyncOptions), segments.AsSpan(1));
    }

    private static (HashSet<string>, Dictionary<string, Type>) ReadApi()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        var assembly = typeof(OpenData.Api.Infrastructure.ManagementOptions).Assembly;
        foreach (var text in SourceFiles("src/OpenData.Api"))
        {
            foreach (Match m in LiteralKey().Matches(text)) keys.Add(m.Groups[1].Value);
            foreach (Match m in ConnectionString().Matches(text)) keys.Add($"ConnectionStrings:{m.Groups[1].Value}");
            var ns = Namespace().Match(text).Groups[1].Value;
            foreach (Match m in SectionConstant().Matches(text)) sections[m.Groups[2].Value] = TypeNamed(assembly, ns, m.Groups[1].Value);
            foreach (Match m in ConfiguredSection().Matches(text)) sections[m.Groups[2].Value] = TypeNamed(assembly, null, m.Groups[1].Value);
        }
        return (keys, sections);
    }

    /// <summary>Whether the segments name a settable property path of the type (dictionary keys and list indexes included).</summary>
    private static bool IsPropertyPath(Type type, ReadOnlySpan<string> segments)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (segments.IsEmpty) return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan);
        if (type.IsArray) return int.TryParse(segments[0], out _) && IsPropertyPath(type.GetElementType()!, segments[1..]);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>)) return IsPropertyPath(type.GetGenericArguments()[1], segments[1..]);
        if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type != typeof(string))
            return int.TryParse(segments[0], out _) && IsPropertyPath(type.GetGenericArguments()[0], segments[1..]);
        var property = type.GetProperty(segments[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is { CanWrite: true } && IsPropertyPath(property.PropertyType, segments[1..]);
    }

    private static Type TypeNamed(Assembly assembly, string? ns, string name) =>
        (ns is null ? null : assembly.GetType($"{ns}.{name}"))
        ?? assembly.GetExportedTypes().SingleOrDefault(t => t.Name == name)
        ?? throw new InvalidOperationException($"options type {name} not found in {assembly.GetName().Name}");

    private static IEnumerable<string> SourceFiles(string relative) =>
        Directory.EnumerateFiles(Path.Combine(DeployFiles.Root, relative), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(File.ReadAllText);

    [GeneratedRegex(@"(?:GetValue(?:<[^>]+>)?\(|[Cc]onfiguration\[)""([A-Za-z0-9_]+(?::[A-Za-z0-9_]+)*)""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex(@"GetConnectionString\(""(\w+)""\)")]
    private static partial Regex ConnectionString();

    [GeneratedRegex(@"GetEnvironmentVariable\(""(\w+)""\)")]
    private static partial Regex EnvironmentVariable();

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"class (\w+)\s*\{[^{}]*?const string Section = ""(\w*)""")]
    private static partial Regex SectionConstant();

    [GeneratedRegex(@"Configure<(\w+)>\(\w+\.GetSection\(""(\w+)""\)\)")]
    private static partial Regex ConfiguredSection();
}
