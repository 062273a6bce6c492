using System.Reflection;
using Microsoft.Data.SqlClient;

namespace CaseManagement.Tests.Support.Databases;

/// <summary>
/// A <see cref="SqlException"/> with a chosen error number, for tests that run without a SQL Server. SqlClient has no
/// public constructor for it, so this goes through its internal factory (SqlError, SqlErrorCollection.Add,
/// SqlException.CreateException); the SQL Server rows of the same tests meet the real exceptions in the hosted CI.
/// </summary>
internal static class SqlServerErrors
{
    private const BindingFlags Internal = BindingFlags.NonPublic | BindingFlags.Instance;

    public static SqlException Exception(int number, string message, byte errorClass = 14)
    {
        var error = NewError(number, message, errorClass);
        var errors = (SqlErrorCollection)Activator.CreateInstance(typeof(SqlErrorCollection), nonPublic: true)!;
        typeof(SqlErrorCollection).GetMethod("Add", Internal)!.Invoke(errors, [error]);
        var create = typeof(SqlException).GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
            .Single(m => m.Name == "CreateException" && m.GetParameters().Select(p => p.ParameterType).SequenceEqual([typeof(SqlErrorCollection), typeof(string)]));
        return (SqlException)create.Invoke(null, [errors, "16.00.0000"])!;
    }

    /// <summary>SqlError(infoNumber, errorState, errorClass, server, errorMessage, procedure, lineNumber, …): the rest take their defaults.</summary>
    private static SqlError NewError(int number, string message, byte errorClass)
    {
        var constructor = typeof(SqlError).GetConstructors(Internal)
            .Where(c => c.GetParameters() is [{ ParameterType: var n }, { ParameterType: var s }, { ParameterType: var k }, ..] && n == typeof(int) && s == typeof(byte) && k == typeof(byte))
            .OrderBy(c => c.GetParameters().Length)
            .First();
        var arguments = constructor.GetParameters().Select((p, i) => (object?)(i switch
        {
            0 => (object?)number,
            1 => (byte)1,
            2 => errorClass,
            3 => "test-server",
            4 => message,
            5 => "",
            6 => 1,
            _ => p.HasDefaultValue ? p.DefaultValue : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null,
        })).ToArray();
        return (SqlError)constructor.Invoke(arguments);
    }
}
