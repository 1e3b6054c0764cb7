using System.IO.Compression;
using System.Text;
using OpenData.Generation;
using OpenData.Testing;

namespace OpenData.Ingest.Tests.Generation;

public sealed class DumpFormatTests
{
    private static readonly string[] TableOrder =
        ["etatquestion", "legquestion", "naturequestion", "sortquestion", "tam_ministeres", "tam_questions", "tam_reponses", "the"];

    private static readonly string[] QuestionColumns =
    [
        "id", "sorquecod", "matricule", "natquecod", "legislature", "etaquecod", "uuid", "numero", "reference", "titre",
        "version", "datecloture", "delaijours", "nom", "prenom", "nomtechnique", "codequalite", "cirnum", "circonscription",
        "groupe", "rubrique", "datejodepot", "mindepotid", "mindepotlib", "datejotran", "mintranid", "mintranlib",
        "minreplib1", "minrepid1", "delaijoursrep1", "datejorep1", "datesynctam", "natqueord", "repub", "uuidtransori",
        "dattransori", "uuidtrans", "dattrans", "uuidquerappelee", "refquerappelee", "daterappel", "txtque", "themes",
        "renvoi1", "renvoi2", "renvoi3", "datesignal", "pagejodepot", "pageerr", "dateerr", "ratgrp", "thecrible",
        "txterrque", "tranisreattr", "compub", "dateseance", "rang", "caduque_redeposee",
    ];

    [Fact]
    public void Every_copy_block_row_has_as_many_fields_as_its_header_and_ends_with_the_terminator()
    {
        using var directory = TempDirectory.Create();
        DatasetGenerator.Generate(new GenerationOptions(300, directory.Path));

        var blocks = CopyDumpReader.ReadBlocks(directory.File("questions.sql"));

        Assert.Equal(TableOrder, blocks.Select(b => b.Table));
        foreach (var block in blocks)
        {
            Assert.True(block.Terminated, block.Table);
            Assert.NotEmpty(block.RawRows);
            Assert.All(block.RawRows, row => Assert.Equal(block.Columns.Count, row.Length));
            Assert.Matches(@"^COPY questions\.[a-z_]+ \([a-z0-9_, ]+\) FROM stdin;$", block.Header);
        }
        var lines = File.ReadAllText(directory.File("questions.sql")).Split('\n');
        Assert.Equal(TableOrder.Length, lines.Count(l => l == "\\."));
    }

    [Fact]
    public void Column_lists_are_the_senate_ones()
    {
        using var directory = TempDirectory.Create();
        DatasetGenerator.Generate(new GenerationOptions(50, directory.Path));

        var blocks = CopyDumpReader.Read(directory.File("questions.sql"));

        Assert.Equal(QuestionColumns, blocks["tam_questions"].Columns);
        Assert.Equal(
            ["idque", "datejorep", "txtrep", "delaijoursrep", "minrepid", "minreplib", "pagejorep", "urlrep", "errpage", "errdate", "idrepunique", "txterrrep"],
            blocks["tam_reponses"].Columns);
        Assert.Equal(
            ["minid", "minidremp", "datedebut", "datefin", "ordreprotocolaire", "libelle", "libellelong", "titreministre", "intitulejo", "nomministre"],
            blocks["tam_ministeres"].Columns);
        Assert.Equal(["legislature", "republique", "leglib", "legdatdeb", "legdatfin"], blocks["legquestion"].Columns);
        Assert.Equal(["thecle", "thelib", "theali", "thenouidt"], blocks["the"].Columns);
    }

    [Fact]
    public void The_dump_reads_like_a_current_pg_dump_with_lf_line_ends_and_no_bom()
    {
        using var directory = TempDirectory.Create();
        DatasetGenerator.Generate(new GenerationOptions(120, directory.Path));

        var bytes = File.ReadAllBytes(directory.File("questions.sql"));
        var text = Encoding.UTF8.GetString(bytes);

        Assert.NotEqual(0xEF, bytes[0]);
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.StartsWith("--\n-- PostgreSQL database dump\n--\n\n\\restrict ", text);
        var key = text.Split('\n')[4]["\\restrict ".Length..];
        Assert.Matches("^[A-Za-z0-9]{63}$", key);
        Assert.EndsWith("-- PostgreSQL database dump complete\n--\n\n\\unrestrict " + key + "\n\n", text);
        Assert.Contains("\nSET client_encoding = 'UTF8';\n", text);
        Assert.Contains("\nSELECT pg_catalog.set_config('search_path', '', false);\n", text);
        Assert.Contains("\nCREATE SCHEMA questions;\n\n\nALTER SCHEMA questions OWNER TO senat;\n", text);
        Assert.Contains("\nCREATE TABLE questions.tam_questions (\n    id bigint NOT NULL,\n    sorquecod bigint,\n", text);
        Assert.Contains("    caduque_redeposee character varying(1)\n);\n\n\nALTER TABLE questions.tam_questions OWNER TO senat;\n", text);
        Assert.Contains("ALTER TABLE ONLY questions.tam_questions\n    ADD CONSTRAINT tam_questions_pkey PRIMARY KEY (id);\n", text);
        Assert.Contains("\nCREATE INDEX tam_reponses_idque ON questions.tam_reponses USING btree (idque);\n", text);
        Assert.DoesNotContain("SET search_path", text);
        Assert.True(text.IndexOf("CREATE TABLE questions.the", StringComparison.Ordinal) < text.IndexOf("COPY questions.etatquestion", StringComparison.Ordinal));
        Assert.True(text.IndexOf("COPY questions.the", StringComparison.Ordinal) < text.IndexOf("ADD CONSTRAINT", StringComparison.Ordinal));
    }

    [Fact]
    public void The_legacy_variant_sets_the_search_path_and_copies_into_unqualified_tables()
    {
        using var directory = TempDirectory.Create();
        DatasetGenerator.Generate(new GenerationOptions(300, directory.Path, LegacyCopyHeader: true));

        var text = File.ReadAllText(directory.File("questions.sql"));
        var blocks = CopyDumpReader.ReadBlocks(directory.File("questions.sql"));

        var searchPath = text.IndexOf("\nSET search_path = questions, pg_catalog;\n", StringComparison.Ordinal);
        Assert.True(searchPath > 0);
        Assert.True(searchPath < text.IndexOf("\nCOPY ", StringComparison.Ordinal));
        Assert.Equal(TableOrder, blocks.Select(b => b.Table));
        Assert.All(blocks, b => Assert.Matches(@"^COPY [a-z_]+ \([a-z0-9_, ]+\) FROM stdin;$", b.Header));
        Assert.All(blocks, b => Assert.All(b.RawRows, row => Assert.Equal(b.Columns.Count, row.Length)));
        Assert.Equal(QuestionColumns, blocks.Single(b => b.Table == "tam_questions").Columns);
        Assert.DoesNotContain("questions.tam_", text);
        Assert.DoesNotContain("\\restrict", text);
    }

    [Fact]
    public void The_zip_holds_one_questions_sql_entry_equal_to_the_plain_dump()
    {
        using var directory = TempDirectory.Create();
        var summary = DatasetGenerator.Generate(new GenerationOptions(250, directory.Path, Zip: true));

        using var archive = ZipFile.OpenRead(directory.File("questions.zip"));
        var entry = Assert.Single(archive.Entries);
        Assert.Equal("questions.sql", entry.FullName);
        // A fixed entry time, not the clock: reruns must give the same archive bytes.
        Assert.Equal(new DateTime(2026, 10, 31, 0, 0, 0), entry.LastWriteTime.DateTime);
        using var content = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(content);
        }
        Assert.Equal(File.ReadAllBytes(directory.File("questions.sql")), content.ToArray());
        Assert.Contains(directory.File("questions.zip"), summary.Files);
    }

    [Fact]
    public void The_lookup_tables_carry_the_senate_rows()
    {
        using var directory = TempDirectory.Create();
        DatasetGenerator.Generate(new GenerationOptions(50, directory.Path));

        var blocks = CopyDumpReader.Read(directory.File("questions.sql"));

        Assert.Equal(
            ["QE\tQuestion écrite\t1", "QOSD\tQuestion orale sans débat\t2", "QG\tQuestion d'actualité au Gouvernement\t3",
             "QC\tQuestion cribles thématiques\t4", "QOAD\tQuestion orale avec débat\t5", "QOAE\tQuestion orale avec débat portant sur un sujet européen\t6"],
            blocks["naturequestion"].RawRows.Select(r => string.Join('\t', r)));
        Assert.Equal(
            ["1\tRéponse du Ministère\t1", "2\tEn attente de réponse du Ministère\t2", "3\tCaduque\t3", "4\tRetirée\t4",
             "5\tTransformée en question orale\t5", "6\tRéponse commune\t6"],
            blocks["sortquestion"].RawRows.Select(r => string.Join('\t', r)));
        Assert.Equal(["100\tPubliée\t1", "200\tRéponse publiée\t2", "300\tClose\t3"], blocks["etatquestion"].RawRows.Select(r => string.Join('\t', r)));
        var themes = blocks["the"].RawRows;
        Assert.Equal(30, themes.Count);
        Assert.Equal("1\tAgriculture et pêche\tAGRICULTURE ET PÊCHE\t1", string.Join('\t', themes[0]));
        Assert.Equal("30\tTourisme\tTOURISME\t30", string.Join('\t', themes[29]));
    }

    [Fact]
    public void Legislatures_are_consecutive_cover_every_question_and_the_last_one_is_open()
    {
        using var directory = TempDirectory.Create();
        DatasetGenerator.Generate(new GenerationOptions(2_000, directory.Path, Seed: 3));
        var blocks = CopyDumpReader.Read(directory.File("questions.sql"));
        var legislatures = blocks["legquestion"].Rows.ToList();

        for (var i = 1; i < legislatures.Count; i++)
        {
            Assert.Equal(legislatures[i - 1].Number("legislature") + 1, legislatures[i].Number("legislature"));
            Assert.Equal(legislatures[i - 1].Date("legdatfin")!.Value.AddDays(1), legislatures[i].Date("legdatdeb"));
        }
        Assert.Null(legislatures[^1]["legdatfin"]);
        Assert.All(legislatures.SkipLast(1), l => Assert.NotNull(l["legdatfin"]));
        var first = blocks["tam_questions"].Rows.Min(q => q.Date("datejodepot"));
        Assert.True(legislatures[0].Date("legdatdeb") <= first);
    }

    [Fact]
    public void The_output_directory_is_created_and_every_file_written_is_listed_by_full_path()
    {
        using var root = TempDirectory.Create();
        var nested = Path.Combine(root.Path, "a", "b");

        var summary = DatasetGenerator.Generate(new GenerationOptions(100, nested));

        Assert.Equal(
            [
                Path.Combine(nested, "questions.sql"), Path.Combine(nested, "ODSEN_GENERAL.json"), Path.Combine(nested, "ODSEN_HISTOGROUPES.json"),
                Path.Combine(nested, "questions-depuis-un-an.csv"), Path.Combine(nested, "planted-twins.csv"),
            ],
            summary.Files);
        Assert.All(summary.Files, f => Assert.True(File.Exists(f) && Path.IsPathFullyQualified(f), f));
        Assert.Equal(5, Directory.GetFiles(nested).Length);
    }
}
