using Dapper;
using Npgsql;
using OpenData.Data;
using OpenData.Data.Sql;
using OpenData.Testing;

namespace OpenData.Api.Tests;

/// <summary>
/// PostgreSQL's <c>date</c> is <see cref="DateOnly"/> on both sides of Dapper: bound as a parameter (alone, cast or
/// not, and in an array) and read back into every shape the rows of OpenData.Data take (init properties, a
/// positional record, a value tuple, an array column), null included. The rows and filters rely on it: no value
/// goes through <see cref="DateTime"/> on its way in or out.
/// </summary>
public sealed class DateMappingTests
{
    // Not DateOnly.MinValue or MaxValue: Npgsql writes those (like DateTime's) as -infinity and infinity.
    private static readonly DateOnly First = new(2024, 2, 29);
    private static readonly DateOnly Second = new(1900, 1, 1);
    private static readonly DateOnly Third = new(2099, 12, 31);

    public sealed record InitRow
    {
        public DateOnly Day { get; init; }
        public DateOnly? MaybeDay { get; init; }
        public DateOnly[]? Days { get; init; }
    }

    public sealed record PositionalRow(string Id, DateOnly Day, DateOnly? MaybeDay);

    [Fact]
    public async Task A_date_goes_in_and_out_of_PostgreSQL_as_a_DateOnly()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        await using var dataSource = Database.CreateDataSource(database.OwnerConnectionString, "date-mapping-test");
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("CREATE TABLE days (id text PRIMARY KEY, day date NOT NULL, maybe_day date, days date[])");

        // Bound: the values written are the dates given, whatever the session's time zone.
        await connection.ExecuteAsync("SET TIME ZONE 'Pacific/Kiritimati'");
        await connection.ExecuteAsync("INSERT INTO days VALUES (@Id, @Day, @MaybeDay, @Days)", new[]
        {
            new { Id = "a", Day = First, MaybeDay = (DateOnly?)Third, Days = (DateOnly[]?)[First, Second, Third] },
            new { Id = "b", Day = Second, MaybeDay = (DateOnly?)null, Days = (DateOnly[]?)null },
        });
        Assert.Equal("2024-02-29|2099-12-31|{2024-02-29,1900-01-01,2099-12-31}",
            await connection.ExecuteScalarAsync<string>("SELECT day::text || '|' || maybe_day::text || '|' || days::text FROM days WHERE id = 'a'"));
        Assert.True(await connection.ExecuteScalarAsync<bool>("SELECT maybe_day IS NULL AND days IS NULL FROM days WHERE id = 'b'"));
        Assert.Equal("date", await connection.ExecuteScalarAsync<string>("SELECT pg_typeof(@Day)::text", new { Day = First }));

        // As the filters bind them (SqlWhere's parameter bag), compared with a date column, cast or not, and in = ANY.
        var where = new SqlWhere();
        where.Add("day >= {0}::date", First);
        where.Add("day <= {0}", Third);
        where.Add("maybe_day = ANY({0})", new[] { Third, Second });
        await using (var filtered = new NpgsqlCommand($"SELECT id FROM days WHERE {where.Sql}", connection))
        {
            foreach (var value in where.Parameters.All) filtered.Parameters.Add(new NpgsqlParameter { Value = value }); // by position, as a batch sends them
            Assert.Equal("a", await filtered.ExecuteScalarAsync());
        }
        Assert.Equal(["b"], await connection.QueryAsync<string>("SELECT id FROM days WHERE day = @p", new { p = Second }));
        Assert.Equal(["b"], await connection.QueryAsync<string>("SELECT id FROM days WHERE day < @p::date", new { p = (DateOnly?)First }));

        // Read, as a batch reads them (one NpgsqlBatch, one statement per shape): non-null, null and array columns.
        var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("SELECT day, maybe_day, days FROM days ORDER BY id"),
                new("SELECT id, day, maybe_day FROM days ORDER BY id"),
                new("SELECT id, day, maybe_day FROM days ORDER BY id"),
                new("SELECT NULL::date AS maybe_day, '2000-01-02'::date AS day, NULL::date[] AS days"),
            },
        };
        await using var grid = new OpenData.Data.Reading.BatchResults(batch, await batch.ExecuteReaderAsync());
        var init = (await grid.ReadAsync<InitRow>()).ToList();
        Assert.Equal([First, Second], init.Select(r => r.Day));
        Assert.Equal([Third, null], init.Select(r => r.MaybeDay));
        Assert.Equal([First, Second, Third], init[0].Days!);
        Assert.Null(init[1].Days);
        Assert.Equal([new PositionalRow("a", First, Third), new PositionalRow("b", Second, null)], await grid.ReadAsync<PositionalRow>());
        Assert.Equal([("a", First, (DateOnly?)Third), ("b", Second, null)], await grid.ReadAsync<(string Id, DateOnly Day, DateOnly? MaybeDay)>());
        var constants = await grid.ReadSingleAsync<InitRow>();
        Assert.Equal((new DateOnly(2000, 1, 2), (DateOnly?)null, (DateOnly[]?)null), (constants.Day, constants.MaybeDay, constants.Days));
    }
}
