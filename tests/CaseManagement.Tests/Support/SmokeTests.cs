using System.Net;

namespace CaseManagement.Tests.Support;

public sealed class SmokeTests
{
    [Fact]
    public async Task Anonymous_request_to_the_api_is_refused_with_401()
    {
        await using var factory = new CaseWebFactory();
        using var client = factory.CreateHttpsClient();
        var response = await client.GetAsync("/api/v1/persons", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
