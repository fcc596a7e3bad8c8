using System.Text;
using AspireAgents.AzureDevOps.Auth;

namespace AspireAgents.AzureDevOps.Tests.Auth;

public class PersonalAccessTokenAuthenticationTests
{
    [Fact]
    public async Task SendsTheTokenAsBasicWithAnEmptyUserName()
    {
        var header = await new PersonalAccessTokenAuthentication("s3cret").GetAuthorizationAsync(CancellationToken.None);

        Assert.Equal("Basic", header.Scheme);
        Assert.Equal(":s3cret", Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!)));
    }

    [Fact]
    public async Task TrimsTheTrailingNewlineOfAMountedSecret()
    {
        var header = await new PersonalAccessTokenAuthentication("s3cret\n").GetAuthorizationAsync(CancellationToken.None);

        Assert.Equal(":s3cret", Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!)));
    }

    [Fact]
    public void NeverShowsTheTokenInItsText()
    {
        var authentication = new PersonalAccessTokenAuthentication("s3cret");

        Assert.DoesNotContain("s3cret", authentication.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(":s3cret")), authentication.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DoesNotAskForARetryWhenRefusedBecauseTheSameTokenCannotSucceed()
    {
        var authentication = new PersonalAccessTokenAuthentication("s3cret");

        Assert.False(authentication.Invalidate(new("Basic", "x")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    public void RefusesAnEmptyToken(string token) =>
        Assert.Throws<ArgumentException>(() => new PersonalAccessTokenAuthentication(token));
}
