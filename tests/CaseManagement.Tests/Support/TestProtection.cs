using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManagement.Tests.Support;

/// <summary>Fixed keys for the tests (public, like the Development keys). Two keys so rotation can be tested.</summary>
public static class TestProtection
{
    public const string Key1 = "dGVzdC1rZXktMS1mb3ItdGhlLWF1ZGl0LXRlc3RzISE=";
    public const string Key2 = "dGVzdC1rZXktMi1mb3Itcm90YXRpb24tb2YtZGF0YSE=";
    public const string ChainKey = "Y2hhaW4ta2V5LWZvci10aGUtYXVkaXQtdGVzdHMtISE=";
    public const string BlindIndexKey = "YmxpbmQtaW5kZXgta2V5LWZvci10aGUtdGVzdHMhISE=";

    public static Dictionary<string, string?> Settings(string activeKey = "t1") => new()
    {
        ["Protection:ActiveKey"] = activeKey,
        ["Protection:Keys:t1"] = Key1,
        ["Protection:Keys:t2"] = Key2,
        ["Protection:ChainKey"] = ChainKey,
        ["Protection:BlindIndexKey"] = BlindIndexKey,
    };

    /// <summary>Registers an in-memory configuration with the test keys (for hosts without appsettings).</summary>
    public static IServiceCollection AddTestProtection(this IServiceCollection services, string activeKey = "t1") =>
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(Settings(activeKey)).Build());
}
