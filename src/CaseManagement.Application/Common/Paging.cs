namespace CaseManagement.Application.Common;

/// <summary>One page of a list. No list in the product is unbounded.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount)
{
    public const int MaxPageSize = 100;

    public int PageCount => TotalCount == 0 ? 0 : (int)Math.Ceiling(TotalCount / (double)PageSize);
}
