using CaseManagement.Tests.Support.Databases;

// One PostgreSQL cluster and (where Docker exists) one SQL Server container for the whole test run.
[assembly: AssemblyFixture(typeof(PostgresServer))]
[assembly: AssemblyFixture(typeof(SqlServerServer))]
