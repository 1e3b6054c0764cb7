using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using Parquet;
using Parquet.Schema;

namespace OpenData.Ingest.Import.Downloads;

/// <summary>
/// The bulk files of an import: for each table of <see cref="DownloadTable.All"/>, a Parquet file (typed columns, dates as
/// dates, Zstandard-compressed row groups) and a gzipped CSV file, written from the staging schema before the swap and
/// stored in opendata_meta.downloads and download_chunks under the version being built, so that the version lands with
/// them. Rows are read in order and written a row group at a time: memory stays flat whatever the dataset's size.
/// </summary>
public static class DownloadFiles
{
    /// <summary>The size of a stored chunk (a range request reads the chunks it overlaps).</summary>
    public const int ChunkBytes = 1 << 20;

    /// <summary>Rows per Parquet row group (and per buffer in memory).</summary>
    public const int RowGroupRows = 5_000;

    /// <summary>How many landed versions keep their files (the serving one and those before it).</summary>
    public const int KeptVersions = 3;

    public static async Task WriteAsync(NpgsqlConnection connection, string schema, long version, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("opendata-downloads-");
        try
        {
            foreach (var table in DownloadTable.All)
            {
                var parquet = Path.Combine(directory.FullName, $"{table.Name}.parquet");
                var csv = Path.Combine(directory.FullName, $"{table.Name}.csv.gz");
                var rows = await WriteTableAsync(connection, schema, table, parquet, csv, cancellationToken);
                await StoreAsync(connection, version, table.Name, "parquet", "application/vnd.apache.parquet", parquet, rows, cancellationToken);
                await StoreAsync(connection, version, table.Name, "csv.gz", "application/gzip", csv, rows, cancellationToken);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Deletes the files of versions that are not among the last <see cref="KeptVersions"/> landed (and of imports that never landed).</summary>
    public static Task PruneAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM opendata_meta.downloads WHERE version NOT IN (SELECT version FROM opendata_meta.landings ORDER BY version DESC LIMIT @KeptVersions);
            DELETE FROM opendata_meta.download_chunks WHERE version NOT IN (SELECT version FROM opendata_meta.downloads);
            """, new { KeptVersions }, commandTimeout: 0, cancellationToken: cancellationToken));

    private static async Task<long> WriteTableAsync(NpgsqlConnection connection, string schema, DownloadTable table, string parquetPath, string csvPath, CancellationToken cancellationToken)
    {
        var fields = table.Columns.Select(Field).ToArray();
        await using var parquetFile = File.Create(parquetPath);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), parquetFile,
            // Zstandard at its default level: Parquet.Net's default (SmallestSize) took 90 times longer for a tenth less (bench/README.md).
            new ParquetOptions { CompressionMethod = CompressionMethod.Zstd, CompressionLevel = CompressionLevel.Optimal }, cancellationToken: cancellationToken);
        await using var csvFile = File.Create(csvPath);
        await using var gzip = new GZipStream(csvFile, CompressionLevel.Optimal);
        await using var csv = new StreamWriter(gzip, new UTF8Encoding(false), 1 << 16) { NewLine = "\r\n" };
        await csv.WriteLineAsync(string.Join(',', table.Columns.Select(c => c.Name)));

        var buffer = table.Columns.Select(_ => new List<object?>(RowGroupRows)).ToArray();
        long rows = 0;
        await using (var command = new NpgsqlCommand(table.Select(schema), connection) { CommandTimeout = 0 })
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            var line = new StringBuilder();
            while (await reader.ReadAsync(cancellationToken))
            {
                line.Clear();
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    var value = reader.IsDBNull(i) ? null : Read(reader, i, table.Columns[i].Kind);
                    buffer[i].Add(value);
                    if (i > 0) line.Append(',');
                    Csv(line, value);
                }
                await csv.WriteLineAsync(line, cancellationToken);
                if (++rows % RowGroupRows == 0) await WriteRowGroupAsync(writer, fields, table.Columns, buffer, cancellationToken);
            }
        }
        if (buffer[0].Count > 0 || rows == 0) await WriteRowGroupAsync(writer, fields, table.Columns, buffer, cancellationToken);
        return rows;
    }

    private static DataField Field(DownloadColumn column) => column.Kind switch
    {
        ColumnKind.Int => new DataField<int?>(column.Name),
        ColumnKind.Long => new DataField<long?>(column.Name),
        ColumnKind.Date => new DataField<DateOnly?>(column.Name),
        ColumnKind.Bool => new DataField<bool?>(column.Name),
        _ => new DataField<string>(column.Name, true),
    };

    private static object Read(NpgsqlDataReader reader, int i, ColumnKind kind) => kind switch
    {
        ColumnKind.Int => reader.GetInt32(i),
        ColumnKind.Long => reader.GetInt64(i),
        ColumnKind.Date => reader.GetFieldValue<DateOnly>(i),
        ColumnKind.Bool => reader.GetBoolean(i),
        _ => reader.GetString(i),
    };

    private static async Task WriteRowGroupAsync(ParquetWriter writer, DataField[] fields, IReadOnlyList<DownloadColumn> columns, List<object?>[] buffer, CancellationToken cancellationToken)
    {
        using var group = writer.CreateRowGroup();
        for (var i = 0; i < fields.Length; i++)
        {
            var values = buffer[i];
            var write = columns[i].Kind switch
            {
                ColumnKind.Int => group.WriteAsync<int>(fields[i], values.Select(v => (int?)v).ToArray(), cancellationToken: cancellationToken),
                ColumnKind.Long => group.WriteAsync<long>(fields[i], values.Select(v => (long?)v).ToArray(), cancellationToken: cancellationToken),
                ColumnKind.Date => group.WriteAsync<DateOnly>(fields[i], values.Select(v => (DateOnly?)v).ToArray(), cancellationToken: cancellationToken),
                ColumnKind.Bool => group.WriteAsync<bool>(fields[i], values.Select(v => (bool?)v).ToArray(), cancellationToken: cancellationToken),
                _ => group.WriteAsync(fields[i], values.Select(v => (string)v!).ToArray()),
            };
            await write;
            values.Clear();
        }
    }

    /// <summary>A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; nothing for null.</summary>
    private static void Csv(StringBuilder line, object? value)
    {
        switch (value)
        {
            case null: return;
            case string s when s.AsSpan().IndexOfAny(",\"\r\n") >= 0:
                line.Append('"').Append(s.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                return;
            case DateOnly d: line.Append(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); return;
            case bool b: line.Append(b ? "true" : "false"); return;
            case IFormattable f: line.Append(f.ToString(null, CultureInfo.InvariantCulture)); return;
            default: line.Append(value); return;
        }
    }

    /// <summary>Stores a file in chunks with its checksum, in one transaction: it is listed only whole.</summary>
    private static async Task StoreAsync(NpgsqlConnection connection, long version, string table, string format, string mediaType, string path, long rows, CancellationToken cancellationToken)
    {
        var name = $"{table}.{format}";
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes = 0;
        await using (var file = File.OpenRead(path))
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY opendata_meta.download_chunks (version, name, seq, data) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            var chunk = new byte[ChunkBytes];
            for (var seq = 0; ; seq++)
            {
                var read = await file.ReadAtLeastAsync(chunk, ChunkBytes, throwOnEndOfStream: false, cancellationToken);
                if (read == 0 && seq > 0) break;
                hash.AppendData(chunk, 0, read);
                bytes += read;
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(version, NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(name, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(seq, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(chunk.AsMemory(0, read).ToArray(), NpgsqlDbType.Bytea, cancellationToken);
                if (read < ChunkBytes) break;
            }
            await importer.CompleteAsync(cancellationToken);
        }
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO opendata_meta.downloads (version, name, table_name, format, media_type, rows, bytes, sha256, chunk_bytes)
            VALUES (@version, @name, @table, @format, @mediaType, @rows, @bytes, @sha256, @ChunkBytes)
            """, new { version, name, table, format, mediaType, rows, bytes, sha256 = Convert.ToHexStringLower(hash.GetHashAndReset()), ChunkBytes },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}
