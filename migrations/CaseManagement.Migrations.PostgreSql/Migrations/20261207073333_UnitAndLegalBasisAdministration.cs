using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace CaseManagement.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class UnitAndLegalBasisAdministration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeactivatedAt",
                table: "Units",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Reference",
                table: "LegalBases",
                type: "character varying(241)",
                maxLength: 241,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(300)",
                oldMaxLength: 300);

            migrationBuilder.AddColumn<string>(
                name: "Law",
                table: "LegalBases",
                type: "character varying(120)",
                maxLength: 120,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RetiredAt",
                table: "LegalBases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Section",
                table: "LegalBases",
                type: "character varying(120)",
                maxLength: 120,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Summary",
                table: "LegalBases",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidFrom",
                table: "LegalBases",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidTo",
                table: "LegalBases",
                type: "date",
                nullable: true);

            migrationBuilder.UpdateData(
                table: "LegalBases",
                keyColumn: "Id",
                keyValue: new Guid("0193b000-0000-7000-8000-000000000001"),
                columns: new[] { "Law", "RetiredAt", "Section", "Summary", "ValidFrom", "ValidTo" },
                values: new object[] { "forvaltningsloven", null, "§ 13 b første ledd nr. 7", "Et forvaltningsorgan kan dele taushetsbelagte opplysninger med et annet forvaltningsorgan når det er nødvendig for å utføre oppgavene. Del bare det som trengs.", new DateOnly(2024, 1, 1), null });

            migrationBuilder.UpdateData(
                table: "LegalBases",
                keyColumn: "Id",
                keyValue: new Guid("0193b000-0000-7000-8000-000000000002"),
                columns: new[] { "Law", "RetiredAt", "Section", "Summary", "ValidFrom", "ValidTo" },
                values: new object[] { "straffeloven", null, "§ 196", "Alle har plikt til å prøve å avverge visse alvorlige straffbare handlinger, for eksempel ved å varsle politiet. Plikten går foran taushetsplikten.", new DateOnly(2024, 1, 1), null });

            migrationBuilder.UpdateData(
                table: "LegalBases",
                keyColumn: "Id",
                keyValue: new Guid("0193b000-0000-7000-8000-000000000003"),
                columns: new[] { "Law", "RetiredAt", "Section", "Summary", "ValidFrom", "ValidTo" },
                values: new object[] { "politiregisterloven", null, "§ 23", "Hva politiets taushetsplikt omfatter. Unntakene som åpner for å gi opplysninger videre, står i paragrafene etter.", new DateOnly(2024, 1, 1), null });

            migrationBuilder.UpdateData(
                table: "LegalBases",
                keyColumn: "Id",
                keyValue: new Guid("0193b000-0000-7000-8000-000000000004"),
                columns: new[] { "Law", "RetiredAt", "Section", "Summary", "ValidFrom", "ValidTo" },
                values: new object[] { "politiregisterloven", null, "§ 24", "Politiets taushetsplikt er ikke til hinder for å gi opplysninger når det ikke er behov for beskyttelse, for eksempel når den opplysningene gjelder, samtykker.", new DateOnly(2024, 1, 1), null });

            migrationBuilder.UpdateData(
                table: "LegalBases",
                keyColumn: "Id",
                keyValue: new Guid("0193b000-0000-7000-8000-000000000005"),
                columns: new[] { "Law", "RetiredAt", "Section", "Summary", "ValidFrom", "ValidTo" },
                values: new object[] { "barnevernsloven", null, "§ 13-2", "Offentlige myndigheter skal av eget tiltak melde fra til barnevernstjenesten ved alvorlig bekymring for et barn, uten hinder av taushetsplikt.", new DateOnly(2024, 1, 1), null });

            // A basis retired before this migration (Active = false) stays refused for new disclosures: its validity
            // ends before the catalogue's start (ADR-028). Then the flag goes; RetiredAt and the validity replace it.
            migrationBuilder.Sql("UPDATE \"LegalBases\" SET \"ValidTo\" = DATE '2023-12-31' WHERE NOT \"Active\";");

            migrationBuilder.DropColumn(
                name: "Active",
                table: "LegalBases");

            migrationBuilder.InsertData(
                table: "LegalBases",
                columns: new[] { "Id", "Code", "Law", "Reference", "RetiredAt", "Section", "Summary", "Title", "ValidFrom", "ValidTo" },
                values: new object[,]
                {
                    { new Guid("0193b000-0000-7000-8000-000000000006"), "hpl-31", "helsepersonelloven", "helsepersonelloven § 31", null, "§ 31", "Helsepersonell skal varsle politi og brannvesen når det er nødvendig for å avverge alvorlig skade på person eller eiendom.", "Opplysninger til nødetater", new DateOnly(2024, 1, 1), null },
                    { new Guid("0193b000-0000-7000-8000-000000000007"), "hpl-32", "helsepersonelloven", "helsepersonelloven § 32", null, "§ 32", "Helsepersonell skal være oppmerksom på om pasienten trenger hjelp fra sosialtjenesten, og ta kontakt med den når pasienten har sagt ja.", "Opplysninger til sosialtjenesten", new DateOnly(2024, 1, 1), null },
                    { new Guid("0193b000-0000-7000-8000-000000000008"), "hpl-33", "helsepersonelloven", "helsepersonelloven § 33", null, "§ 33", "Helsepersonell skal melde fra til barnevernstjenesten ved alvorlig omsorgssvikt eller alvorlige atferdsvansker hos et barn, og gi opplysninger etter pålegg.", "Opplysningsplikt til barnevernet", new DateOnly(2024, 1, 1), null },
                    { new Guid("0193b000-0000-7000-8000-000000000009"), "sotjl-45", "sosialtjenesteloven", "sosialtjenesteloven § 45", null, "§ 45", "Ansatte i NAV-kontorets sosiale tjenester skal melde fra til barnevernstjenesten ved alvorlig bekymring for et barn, uten hinder av taushetsplikt.", "Opplysningsplikt til barnevernstjenesten", new DateOnly(2024, 1, 1), null }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "LegalBases",
                keyColumn: "Id",
                keyValue: new Guid("0193b000-0000-7000-8000-000000000006"));

            migrationBuilder.DeleteData(
                table: "LegalBases",
                keyColumn: "Id",
                keyValue: new Guid("0193b000-0000-7000-8000-000000000007"));

            migrationBuilder.DeleteData(
                table: "LegalBases",
                keyColumn: "Id",
                keyValue: new Guid("0193b000-0000-7000-8000-000000000008"));

            migrationBuilder.DeleteData(
                table: "LegalBases",
                keyColumn: "Id",
                keyValue: new Guid("0193b000-0000-7000-8000-000000000009"));

            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "Law",
                table: "LegalBases");

            migrationBuilder.DropColumn(
                name: "RetiredAt",
                table: "LegalBases");

            migrationBuilder.DropColumn(
                name: "Section",
                table: "LegalBases");

            migrationBuilder.DropColumn(
                name: "Summary",
                table: "LegalBases");

            migrationBuilder.DropColumn(
                name: "ValidFrom",
                table: "LegalBases");

            migrationBuilder.DropColumn(
                name: "ValidTo",
                table: "LegalBases");

            migrationBuilder.AlterColumn<string>(
                name: "Reference",
                table: "LegalBases",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(241)",
                oldMaxLength: 241);

            migrationBuilder.AddColumn<bool>(
                name: "Active",
                table: "LegalBases",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.UpdateData(
                table: "LegalBases",
                keyColumn: "Id",
                keyValue: new Guid("0193b000-0000-7000-8000-000000000001"),
                column: "Active",
                value: true);

            migrationBuilder.UpdateData(
                table: "LegalBases",
                keyColumn: "Id",
                keyValue: new Guid("0193b000-0000-7000-8000-000000000002"),
                column: "Active",
                value: true);

            migrationBuilder.UpdateData(
                table: "LegalBases",
                keyColumn: "Id",
                keyValue: new Guid("0193b000-0000-7000-8000-000000000003"),
                column: "Active",
                value: true);

            migrationBuilder.UpdateData(
                table: "LegalBases",
                keyColumn: "Id",
                keyValue: new Guid("0193b000-0000-7000-8000-000000000004"),
                column: "Active",
                value: true);

            migrationBuilder.UpdateData(
                table: "LegalBases",
                keyColumn: "Id",
                keyValue: new Guid("0193b000-0000-7000-8000-000000000005"),
                column: "Active",
                value: true);
        }
    }
}
