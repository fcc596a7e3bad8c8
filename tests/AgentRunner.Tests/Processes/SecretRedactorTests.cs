namespace AspireAgents.AgentRunner.Tests.Processes;

public sealed class SecretRedactorTests
{
    [Fact]
    public void MasksEveryKnownSecretWhereverItAppears()
    {
        var redactor = new SecretRedactor();
        redactor.Add("abc123");
        redactor.Add("xyz");

        Assert.Equal("token=*** and *** and ***", redactor.Redact("token=abc123 and xyz and abc123"));
    }

    [Fact]
    public void MasksALongerSecretWholeWhenItContainsAShorterOne()
    {
        var redactor = new SecretRedactor();
        redactor.Add("abc");
        redactor.Add("abcdef");

        Assert.Equal("[***]", redactor.Redact("[abcdef]"));
    }

    [Fact]
    public void LeavesTextWithoutSecretsAsItIs()
    {
        var redactor = new SecretRedactor();
        redactor.Add(null);
        redactor.Add("");

        Assert.Equal("nothing to hide", redactor.Redact("nothing to hide"));
    }
}
