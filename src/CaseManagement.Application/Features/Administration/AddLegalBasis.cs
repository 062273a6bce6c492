using System.Text.RegularExpressions;
using CaseManagement.Application.Common;
using CaseManagement.Application.Data;
using CaseManagement.Application.Resources;
using CaseManagement.Domain.Access;
using CaseManagement.Domain.Sharing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CaseManagement.Application.Features.Administration;

/// <summary>
/// Adds a legal basis to the shared catalogue (ADR-028): a code that disclosures and the API name it by, a title,
/// the law and the section cited exactly, a plain-Norwegian summary, and the days from (and optionally to) which new
/// disclosures may be made on it. Either agency's administrator may add: the law is the same for both.
/// </summary>
[Requires(Capability.AdministerUsers)]
public sealed record AddLegalBasis(
    string? Code, string? Title, string? Law, string? Section, string? Summary, DateOnly? ValidFrom, DateOnly? ValidTo = null) : ICommand<LegalBasisChanged>;

public sealed record LegalBasisChanged(Guid Id, string Code);

internal sealed partial class AddLegalBasisValidator : AbstractValidator<AddLegalBasis>
{
    public AddLegalBasisValidator()
    {
        RuleFor(x => x.Code).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => Messages.LegalBasis_CodeRequired)
            .MaximumLength(LegalBasis.CodeMaxLength).WithMessage(_ => Messages.LegalBasis_CodeFormat)
            .Must(c => CodePattern().IsMatch(c!)).WithMessage(_ => Messages.LegalBasis_CodeFormat);
        RuleFor(x => x.Title).Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(_ => Messages.LegalBasis_TitleRequired)
            .SingleLine(LegalBasis.TitleMaxLength);
        RuleFor(x => x.Law).Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(_ => Messages.LegalBasis_LawRequired)
            .SingleLine(LegalBasis.LawMaxLength);
        RuleFor(x => x.Section).Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(_ => Messages.LegalBasis_SectionRequired)
            .SingleLine(LegalBasis.SectionMaxLength)
            .Must(v => v!.Contains('§', StringComparison.Ordinal)).WithMessage(_ => Messages.LegalBasis_SectionFormat);
        RuleFor(x => x.Summary).Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(_ => Messages.LegalBasis_SummaryRequired)
            .MaximumLength(LegalBasis.SummaryMaxLength);
        RuleFor(x => x.ValidFrom).NotNull().WithMessage(_ => Messages.LegalBasis_ValidFromRequired);
        RuleFor(x => x.ValidTo).Must((x, to) => to is null || x.ValidFrom is null || to >= x.ValidFrom).WithMessage(_ => Messages.LegalBasis_PeriodInvalid);
    }

    /// <summary>Lower-case letters, digits and single hyphens ("fvl-13b-7"): a code is typed in the API and read aloud.</summary>
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}

internal sealed class AddLegalBasisHandler(CaseDbContext db) : ICommandHandler<AddLegalBasis, LegalBasisChanged>
{
    public async ValueTask<LegalBasisChanged> Handle(AddLegalBasis command, CancellationToken cancellationToken)
    {
        var code = command.Code!;
        if (await db.LegalBases.AnyAsync(b => b.Code == code, cancellationToken))
        {
            throw new RuleViolationException(nameof(command.Code), Messages.LegalBasis_CodeTaken);
        }

        var basis = new LegalBasis(
            Guid.CreateVersion7(), code, TextRules.Clean(command.Title)!, TextRules.Clean(command.Law)!, TextRules.Clean(command.Section)!,
            command.Summary!.Trim(), command.ValidFrom!.Value, command.ValidTo);
        db.LegalBases.Add(basis);
        return new LegalBasisChanged(basis.Id, basis.Code);
    }
}
