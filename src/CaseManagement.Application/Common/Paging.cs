using FluentValidation;

namespace CaseManagement.Application.Common;

/// <summary>One page of a list. No list in the product is unbounded.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount)
{
    public const int MaxPageSize = 100;

    public int PageCount => TotalCount == 0 ? 0 : (int)Math.Ceiling(TotalCount / (double)PageSize);
}

/// <summary>A list query: which page, how large.</summary>
public interface IPagedQuery
{
    int PageNumber { get; }
    int PageSize { get; }
}

public static class PagingRules
{
    /// <summary>Page 1 or later; 1 to <see cref="Page{T}.MaxPageSize"/> rows, so no list is unbounded.</summary>
    public static void AddPagingRules<T>(this AbstractValidator<T> validator)
        where T : IPagedQuery
    {
        validator.RuleFor(x => x.PageNumber).GreaterThanOrEqualTo(1).WithMessage(_ => Resources.Messages.Paging_PageNumber);
        validator.RuleFor(x => x.PageSize).InclusiveBetween(1, Page<object>.MaxPageSize).WithMessage(_ => Resources.Messages.Paging_PageSize);
    }
}

/// <summary>
/// The one place a page becomes rows to skip. Computed in 64 bits and capped, so a huge page number is a page past
/// the end (no rows, the right total), never page 1 after an integer overflow.
/// </summary>
public static class PageWindow
{
    public static int RowsToSkip(this IPagedQuery page) =>
        (int)Math.Clamp(((long)page.PageNumber - 1) * page.PageSize, 0, int.MaxValue);

    public static IQueryable<T> TakePage<T>(this IQueryable<T> source, IPagedQuery page) =>
        source.Skip(page.RowsToSkip()).Take(page.PageSize);

    public static IEnumerable<T> TakePage<T>(this IEnumerable<T> source, IPagedQuery page) =>
        source.Skip(page.RowsToSkip()).Take(page.PageSize);
}
