using CaseManagement.Domain.Access;

namespace CaseManagement.Web.Components.Pages.Administration;

/// <summary>
/// The resource keys of the capabilities' labels on the clients page. By name, not by a switch: the Capability enum
/// grows in several branches at once; a capability without a label shows its key.
/// </summary>
public static class CapabilityTexts
{
    public static string Key(Capability capability) => "Enum_Capability_" + capability;
}
