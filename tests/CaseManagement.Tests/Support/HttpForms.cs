using System.Text;

namespace CaseManagement.Tests.Support;

/// <summary>Posts that dispose the content they create (CA2000): a form, or a JSON text as it is.</summary>
public static class HttpForms
{
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken = default)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(path, content, cancellationToken);
    }

    public static async Task<HttpResponseMessage> PostJsonTextAsync(this HttpClient client, string path, string json, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PostAsync(path, content, cancellationToken);
    }
}
