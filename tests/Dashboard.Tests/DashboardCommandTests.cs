using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace AspireAgents.Dashboard.Tests;

/// <summary>
/// The dashboard's commands, clicked as a user clicks them: the real AppHost started with <c>dotnet run</c>, its dashboard
/// in Debian's Chromium driven by Playwright, and the effect read back from the emulator's own APIs.
/// </summary>
public sealed class DashboardCommandTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private AppHostProcess _appHost = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium package (.ci/run does).");
        _appHost = AppHostProcess.Start();
        var login = await _appHost.LoginUrl.WaitAsync(TimeSpan.FromMinutes(2));

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // No sandbox as root; no background traffic on a machine without internet.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        _page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        _page.SetDefaultTimeout((float)Patience.TotalMilliseconds);
        await _page.GotoAsync(login.ToString());

        // Commands answer once the resource runs and its commands are enabled; the placeholder's success means the
        // whole system is up.
        await Row("agents-placeholder").Locator("td[title='Completed']").WaitForAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _appHost.DisposeAsync();
    }

    [Fact]
    public async Task QueuePipelineRunQueuesTheRunsAsked()
    {
        // Enabled once the emulator is healthy: its pool holds the placeholder agent, so a queued run can be taken.
        await Row("devops").Locator("fluent-button[aria-label='Queue runs of a pipeline through the pipelines REST API']:not([disabled])").ClickAsync();
        await Dialog.WaitForAsync();
        await Field("Runs").FillAsync("2");
        await Submit();

        var runs = await Eventually(async client =>
            (await client.GetFromJsonNodeAsync("local/demo/_apis/pipelines/1/runs?api-version=7.1"))!["count"]!.GetValue<int>(), count => count == 2);
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task InjectFaultRegistersTheFault()
    {
        await Row("devops").Locator("[aria-label='Actions']").ClickAsync();
        await _page.GetByRole(AriaRole.Menuitem, new PageGetByRoleOptions { Name = "Inject fault" }).ClickAsync();
        await Dialog.WaitForAsync();
        await Field("Requests").FillAsync("4");
        await Submit();

        var faults = await Eventually(async client => (await client.GetFromJsonNodeAsync("_emulator/faults"))!.AsArray(), faults => faults.Count == 1);
        var fault = Assert.Single(faults)!;
        Assert.Equal(429, fault["status"]!.GetValue<int>());
        // The Scaler and the observer poll meanwhile, and each request the fault answered counts down its remainder.
        Assert.Equal(4, fault["remaining"]!.GetValue<int>() + fault["applied"]!.GetValue<int>());
    }

    [Fact]
    public async Task StartAnExecutionNowStartsOne()
    {
        await Row("agents").Locator("[aria-label='Start one execution, as az containerapp job start does']").ClickAsync();

        // An execution appears under the job, named after it.
        await _page.Locator("tr[role=row] td[title^='ContainerAppJobExecution: agents-']:not([title*='placeholder'])").First.WaitForAsync();
    }

    private ILocator Row(string resource) =>
        _page.Locator("tr[role=row]", new PageLocatorOptions { Has = _page.Locator($"td[title$=': {resource}']") });

    private ILocator Dialog => _page.Locator("#interactions-input-dialog fluent-dialog-body");

    private ILocator Field(string label) =>
        Dialog.Locator(".interaction-input", new LocatorLocatorOptions { Has = _page.Locator("label", new PageLocatorOptions { HasText = label }) }).Locator("input");

    private async Task Submit()
    {
        await Dialog.Locator("fluent-button", new LocatorLocatorOptions { HasText = "OK" }).ClickAsync();
        await Dialog.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });
    }

    private async Task<T> Eventually<T>(Func<HttpClient, Task<T>> read, Func<T, bool> done)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://localhost:{_appHost.EmulatorPort}/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(":local-dev-pat")));
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read(client);
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(250);
        }
    }
}

internal static class HttpClientJson
{
    public static async Task<JsonNode?> GetFromJsonNodeAsync(this HttpClient client, string path) =>
        JsonNode.Parse(await client.GetStringAsync(path));
}
