using AspireAgents.Scaler.Security;

namespace AspireAgents.Scaler.Tests.Security;

public class OrganizationUrlPolicyTests
{
    [Theory]
    [InlineData("https://dev.azure.com/contoso")]
    [InlineData("https://DEV.AZURE.COM/Contoso-2")]
    [InlineData("https://contoso.visualstudio.com")]
    [InlineData("http://localhost:5180/local")]
    [InlineData("http://127.0.0.1:5180/local")]
    [InlineData("http://[::1]:5180/local")]
    [InlineData("https://localhost/local")]
    public void AzureDevOpsServicesAndLoopbackAreAllowedByDefault(string url) =>
        Assert.Null(OrganizationUrlPolicy.Default.Refusal(new Uri(url)));

    [Theory]
    [InlineData("https://evil.example/contoso")]
    [InlineData("https://dev.azure.com.evil.example/contoso")]
    [InlineData("https://evil.example/dev.azure.com/contoso")]
    [InlineData("https://dev.azure.com/contoso/extra")]
    [InlineData("https://dev.azure.com:8443/contoso")]
    [InlineData("https://dev.azure.com/con%2Ftoso")]
    [InlineData("https://user:pass@dev.azure.com/contoso")]
    [InlineData("https://dev.azure.com/contoso?x=1")]
    [InlineData("https://evil.example#.visualstudio.com")]
    [InlineData("https://a.b.visualstudio.com")]
    [InlineData("https://contoso.visualstudio.com/path")]
    [InlineData("http://dev.azure.com/contoso")]
    [InlineData("http://10.0.0.5/contoso")]
    [InlineData("http://169.254.169.254/metadata")]
    public void AnythingElseIsRefusedNamingTheSetting(string url)
    {
        var refusal = OrganizationUrlPolicy.Default.Refusal(new Uri(url));

        Assert.NotNull(refusal);
        Assert.Contains("organizationURL", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownHttpsHostIsRefusedWithTheHostToAllow()
    {
        var refusal = OrganizationUrlPolicy.Default.Refusal(new Uri("https://ado.contoso.com/tfs/DefaultCollection"));

        Assert.Contains(OrganizationUrlPolicy.Setting, refusal, StringComparison.Ordinal);
        Assert.Contains("\"ado.contoso.com\"", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainHttpOutsideLoopbackSaysHttpsIsRequired()
    {
        var refusal = new OrganizationUrlPolicy(["ado.contoso.com"]).Refusal(new Uri("http://ado.contoso.com/tfs/DefaultCollection"));

        Assert.Contains("https only", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ado.contoso.com", "https://ado.contoso.com/tfs/DefaultCollection", true)]
    [InlineData("ADO.contoso.com", "https://ado.contoso.com/tfs/DefaultCollection", true)]
    [InlineData("ado.contoso.com:8443", "https://ado.contoso.com:8443/tfs/DefaultCollection", true)]
    [InlineData("ado.contoso.com:8443", "https://ado.contoso.com/tfs/DefaultCollection", false)]
    [InlineData("ado.contoso.com", "https://ado.contoso.com.evil.example/x", false)]
    public void ConfiguredHostsAreAllowedOverHttps(string host, string url, bool allowed) =>
        Assert.Equal(allowed, new OrganizationUrlPolicy([host]).Refusal(new Uri(url)) is null);

    [Theory]
    [InlineData("ado.contoso.com", true)]
    [InlineData("ado.contoso.com:8443", true)]
    [InlineData("https://ado.contoso.com", false)]
    [InlineData("ado.contoso.com/tfs", false)]
    [InlineData("user@ado.contoso.com", false)]
    [InlineData(" ", false)]
    public void AHostEntryIsANameOrNameAndPort(string entry, bool valid) =>
        Assert.Equal(valid, OrganizationUrlPolicy.IsValidHostEntry(entry));
}
