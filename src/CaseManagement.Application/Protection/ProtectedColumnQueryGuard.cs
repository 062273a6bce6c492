using System.Linq.Expressions;
using System.Reflection;
using CaseManagement.Domain.Auditing;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CaseManagement.Application.Protection;

/// <summary>
/// Refuses a query that compares, sorts or searches an encrypted ([Sensitive]) string column. Such a query would
/// not fail by itself: EF encrypts the compared value with a fresh nonce, so <c>p.NationalIdentityNumber == x</c>
/// silently finds nothing. Reading the column (projection) and testing it for null are fine; look-ups use a blind
/// index (<see cref="PersonBlindIndex"/>).
/// </summary>
public sealed class ProtectedColumnQueryGuard : IQueryExpressionInterceptor
{
    public static readonly ProtectedColumnQueryGuard Instance = new();

    private static readonly HashSet<string> Orderings = new(StringComparer.Ordinal)
    {
        nameof(Queryable.OrderBy), nameof(Queryable.OrderByDescending), nameof(Queryable.ThenBy), nameof(Queryable.ThenByDescending),
        nameof(Queryable.Min), nameof(Queryable.Max), nameof(Queryable.GroupBy), nameof(Queryable.Distinct),
    };

    private ProtectedColumnQueryGuard()
    {
    }

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData)
    {
        new Visitor().Visit(queryExpression);
        return queryExpression;
    }

    private static bool IsProtected(Expression? expression)
    {
        while (expression is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked or ExpressionType.Quote } unary)
        {
            expression = unary.Operand;
        }

        return expression is MemberExpression { Member: PropertyInfo property } && property.PropertyType == typeof(string)
            && property.GetCustomAttribute<SensitiveAttribute>() is not null;
    }

    private static bool IsNull(Expression expression) =>
        expression is ConstantExpression { Value: null } || (expression is UnaryExpression u && IsNull(u.Operand));

    /// <summary>Names the property only: the expression could hold a compared value (an identity number).</summary>
    private static InvalidOperationException Refused(IEnumerable<Expression?> operands)
    {
        var member = operands.Select(Member).FirstOrDefault(m => m is not null);
        return new($"The query compares, sorts or searches the encrypted column {member?.DeclaringType?.Name}.{member?.Name}; use its blind index or compare after reading (ADR-010).");
    }

    private static MemberInfo? Member(Expression? expression)
    {
        while (expression is UnaryExpression unary)
        {
            expression = unary.Operand;
        }

        return expression switch
        {
            MemberExpression m when IsProtected(m) => m.Member,
            LambdaExpression l => Member(l.Body),
            _ => null,
        };
    }

    private sealed class Visitor : ExpressionVisitor
    {
        protected override Expression VisitBinary(BinaryExpression node)
        {
            if ((IsProtected(node.Left) && !IsNull(node.Right)) || (IsProtected(node.Right) && !IsNull(node.Left)))
            {
                throw Refused([node.Left, node.Right]);
            }

            return base.VisitBinary(node);
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (IsProtected(node.Object) || node.Arguments.Any(IsProtected))
            {
                throw Refused([node.Object, .. node.Arguments]);
            }

            if (Orderings.Contains(node.Method.Name) && node.Arguments.Skip(1).Any(a => StripQuote(a) is LambdaExpression { Body: var body } && IsProtected(body)))
            {
                throw Refused(node.Arguments.Skip(1));
            }

            return base.VisitMethodCall(node);
        }

        private static Expression StripQuote(Expression e) => e is UnaryExpression { NodeType: ExpressionType.Quote } u ? u.Operand : e;
    }
}
