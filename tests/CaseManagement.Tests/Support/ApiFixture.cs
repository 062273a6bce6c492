namespace CaseManagement.Tests.Support;

/// <summary>
/// One running app per test class, with a bearer client per demo user obtained through the real code + PKCE flow.
/// Tests in the class create their own records, so sharing the app is safe and saves a start-up per test.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _lock = new(1, 1);

    public CaseWebFactory Factory { get; } = new();

    public async Task<HttpClient> ClientForAsync(string userName)
    {
        await _lock.WaitAsync();
        try
        {
            if (!_clients.TryGetValue(userName, out var client))
            {
                client = await ApiSession.BearerForAsync(Factory, userName);
                _clients[userName] = client;
            }

            return client;
        }
        finally
        {
            _lock.Release();
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _lock.Dispose();
        await Factory.DisposeAsync();
    }
}
