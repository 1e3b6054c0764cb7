using OpenData.Data.Datasets;

namespace OpenData.Generation;

/// <summary>
/// The non-data parts of a plain pg_dump of schema <c>questions</c>: header, DDL, constraints, footer.
/// Current layout (pg_dump 15: schema-qualified names, <c>\restrict</c>) or legacy one (pg_dump 9.6: <c>SET search_path</c>).
/// </summary>
internal sealed class DumpLayout(TextWriter writer, bool legacy, string restrictKey)
{
    private const string Schema = DumpSchema.Schema;
    private const string Owner = DumpSchema.Owner;

    private string Qualified(string table) => legacy ? table : Schema + "." + table;

    public void WriteHeader()
    {
        Line("--");
        Line("-- PostgreSQL database dump");
        Line("--");
        Line();
        if (!legacy)
        {
            Line("\\restrict " + restrictKey);
            Line();
        }
        var version = legacy ? "9.6.24" : "15.18 (Debian 15.18-0+deb12u1)";
        Line("-- Dumped from database version " + version);
        Line("-- Dumped by pg_dump version " + version);
        Line(GeneratedData.DumpMarker + " generate: synthetic data in the Senate's formats, but for question " +
            PublishedQuestion.Reference + ", as the Senate published it.");
        Line();
        Line("SET statement_timeout = 0;");
        Line("SET lock_timeout = 0;");
        Line("SET idle_in_transaction_session_timeout = 0;");
        Line("SET client_encoding = 'UTF8';");
        Line("SET standard_conforming_strings = on;");
        if (!legacy)
        {
            Line("SELECT pg_catalog.set_config('search_path', '', false);");
        }
        Line("SET check_function_bodies = false;");
        if (!legacy)
        {
            Line("SET xmloption = content;");
        }
        Line("SET client_min_messages = warning;");
        Line("SET row_security = off;");
        Line();
        Comment("questions", "SCHEMA", "-");
        Line("CREATE SCHEMA " + Schema + ";");
        Line();
        Line();
        Line("ALTER SCHEMA " + Schema + " OWNER TO " + Owner + ";");
        Line();
        if (legacy)
        {
            Line("SET search_path = " + Schema + ", pg_catalog;");
            Line();
        }
        Line("SET default_tablespace = '';");
        Line();
        Line(legacy ? "SET default_with_oids = false;" : "SET default_table_access_method = heap;");
        Line();
    }

    public void WriteTables()
    {
        foreach (var (name, columns) in DumpSchema.Tables)
        {
            Comment(name, "TABLE", Schema);
            Line("CREATE TABLE " + Qualified(name) + " (");
            for (var i = 0; i < columns.Length; i++)
            {
                Line("    " + columns[i].Name + " " + columns[i].Type + (i < columns.Length - 1 ? "," : ""));
            }
            Line(");");
            Line();
            Line();
            Line("ALTER TABLE " + Qualified(name) + " OWNER TO " + Owner + ";");
            Line();
        }
    }

    /// <summary>The data comment and the <c>COPY ... FROM stdin;</c> line; rows follow, then <see cref="EndCopy"/>.</summary>
    public void BeginCopy(string table)
    {
        writer.Write("--\n-- Data for Name: " + table + "; Type: TABLE DATA; Schema: " + Schema + "; Owner: " + Owner + "\n--\n\n");
        var columns = string.Join(", ", DumpSchema.Columns(table).Select(c => c.Name));
        Line("COPY " + Qualified(table) + " (" + columns + ") FROM stdin;");
    }

    public void EndCopy()
    {
        Line("\\.");
        Line();
        Line();
    }

    public void WriteConstraints()
    {
        (string Table, string Column)[] keys =
        [
            ("etatquestion", "etaquecod"), ("legquestion", "legislature"), ("naturequestion", "natquecod"),
            ("sortquestion", "sorquecod"), ("tam_ministeres", "minid"), ("tam_questions", "id"), ("the", "thecle"),
        ];
        foreach (var (table, column) in keys)
        {
            Comment(legacy ? table + "_pkey" : table + " " + table + "_pkey", "CONSTRAINT", Schema);
            Line("ALTER TABLE ONLY " + Qualified(table));
            Line("    ADD CONSTRAINT " + table + "_pkey PRIMARY KEY (" + column + ");");
            Line();
            Line();
        }
        Comment("tam_reponses_idque", "INDEX", Schema);
        Line("CREATE INDEX tam_reponses_idque ON " + Qualified("tam_reponses") + " USING btree (idque);");
        Line();
        Line();
        ForeignKey("tam_questions", "tam_questions_mindepotid_fkey", "mindepotid", "tam_ministeres", "minid");
        ForeignKey("tam_reponses", "tam_reponses_idque_fkey", "idque", "tam_questions", "id");
    }

    public void WriteFooter()
    {
        Line("--");
        Line("-- PostgreSQL database dump complete");
        Line("--");
        Line();
        if (!legacy)
        {
            Line("\\unrestrict " + restrictKey);
            Line();
        }
    }

    private void ForeignKey(string table, string name, string column, string target, string targetColumn)
    {
        Comment(legacy ? name : table + " " + name, "FK CONSTRAINT", Schema);
        Line("ALTER TABLE ONLY " + Qualified(table));
        Line("    ADD CONSTRAINT " + name + " FOREIGN KEY (" + column + ") REFERENCES " + Qualified(target) + "(" + targetColumn + ");");
        Line();
        Line();
    }

    private void Comment(string name, string type, string schema)
    {
        Line("--");
        Line("-- Name: " + name + "; Type: " + type + "; Schema: " + schema + "; Owner: " + Owner);
        Line("--");
        Line();
    }

    private void Line(string text = "")
    {
        writer.Write(text);
        writer.Write('\n');
    }
}
