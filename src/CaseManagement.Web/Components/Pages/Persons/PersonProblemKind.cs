namespace CaseManagement.Web.Components.Pages.Persons;

public enum PersonProblemKind
{
    /// <summary>Does not exist, or belongs to someone the user may not know about: the same answer for both.</summary>
    NotFound,

    /// <summary>The user's roles do not allow the operation at all.</summary>
    Forbidden,

    /// <summary>The user is no longer signed in, or has been disabled while the page was open.</summary>
    Unauthenticated,
}
