namespace OpenData.Generation;

/// <summary>What to generate: <paramref name="Questions"/> questions written into <paramref name="OutputDirectory"/>.</summary>
/// <param name="Questions">Number of questions (at least 1).</param>
/// <param name="OutputDirectory">Directory receiving the files; created if missing.</param>
/// <param name="Seed">Same options, same seed: byte-identical files.</param>
/// <param name="Zip">Also write <c>questions.zip</c> holding <c>questions.sql</c>, as the Senate publishes it.</param>
/// <param name="LegacyCopyHeader">Write the older pg_dump layout (<c>SET search_path</c> and unqualified table names).</param>
public sealed record GenerationOptions(int Questions, string OutputDirectory, int Seed = 1, bool Zip = false, bool LegacyCopyHeader = false);

/// <summary>What was generated.</summary>
/// <param name="UnknownAuthorQuestions">Questions whose author matricule is absent from <c>ODSEN_GENERAL.json</c>.</param>
/// <param name="Files">Full paths of the files written.</param>
public sealed record GenerationSummary(int Questions, int Answers, int Senators, int Ministries, int UnknownAuthorQuestions, IReadOnlyList<string> Files);
