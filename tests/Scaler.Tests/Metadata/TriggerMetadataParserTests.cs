using AspireAgents.AzureDevOps.Auth;
using AspireAgents.Scaler.Counting;
using AspireAgents.Scaler.Metadata;
using Grpc.Core;

namespace AspireAgents.Scaler.Tests.Metadata;

public class TriggerMetadataParserTests
{
    private static Dictionary<string, string> Valid(params (string Key, string Value)[] extra)
    {
        var metadata = new Dictionary<string, string>
        {
            ["scalerAddress"] = "scaler:5190",
            ["organizationURL"] = "https://dev.azure.com/contoso",
            ["poolID"] = "7",
        };
        foreach (var (key, value) in extra)
        {
            metadata[key] = value;
        }

        return metadata;
    }

    private static ScalerException Invalid(Dictionary<string, string> metadata)
    {
        var error = Assert.Throws<ScalerException>(() => TriggerMetadataParser.Parse(metadata));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        return error;
    }

    [Fact]
    public void DefaultsAreKedas()
    {
        var trigger = TriggerMetadataParser.Parse(Valid());

        Assert.Equal(new Uri("https://dev.azure.com/contoso"), trigger.OrganizationUrl);
        Assert.Equal("contoso", trigger.OrganizationName);
        Assert.Equal(7, trigger.PoolId);
        Assert.Equal(1, trigger.TargetPipelinesQueueLength);
        Assert.Equal(0, trigger.ActivationTargetPipelinesQueueLength);
        Assert.Equal(250, trigger.JobsToFetch);
        Assert.False(trigger.FetchUnfinishedJobsOnly);
        Assert.True(trigger.Rules.ScaleOnInFlight);
        Assert.Null(trigger.Rules.Parent);
        Assert.False(trigger.Rules.HasDemands);
        Assert.Equal(DemandMatching.JobDemandsWithinTrigger, trigger.Rules.Matching);
        Assert.False(trigger.Rules.CaseInsensitive);
        Assert.Null(trigger.Authentication);
        Assert.Equal("?$top=250", trigger.Query.ToQueryString());
    }

    [Fact]
    public void EverySettingIsRead()
    {
        var trigger = TriggerMetadataParser.Parse(Valid(
            ("targetPipelinesQueueLength", "3"),
            ("activationTargetPipelinesQueueLength", "2"),
            ("demands", "docker,java"),
            ("requireAllDemandsAndIgnoreOthers", "true"),
            ("caseInsensitiveDemandsProcessing", "True"),
            ("fetchUnfinishedJobsOnly", "1"),
            ("scaleOnInFlight", "false")));

        Assert.Equal(3, trigger.TargetPipelinesQueueLength);
        Assert.Equal(2, trigger.ActivationTargetPipelinesQueueLength);
        Assert.Equal(["docker", "java"], trigger.Rules.Demands);
        Assert.Equal(DemandMatching.TriggerDemandsWithinJob, trigger.Rules.Matching);
        Assert.True(trigger.Rules.CaseInsensitive);
        Assert.False(trigger.Rules.ScaleOnInFlight);
        Assert.Equal("?completedRequestCount=0", trigger.Query.ToQueryString());
    }

    [Fact]
    public void RequireAllDemandsTakesPrecedence()
    {
        var trigger = TriggerMetadataParser.Parse(Valid(("demands", "docker"), ("requireAllDemands", "true"), ("requireAllDemandsAndIgnoreOthers", "true")));

        Assert.Equal(DemandMatching.SameDemands, trigger.Rules.Matching);
    }

    [Fact]
    public void TheResolvedOrganizationUrlFromEnvWins()
    {
        var trigger = TriggerMetadataParser.Parse(Valid(("organizationURLFromEnv", "http://127.0.0.1:5180/local")));

        Assert.Equal(new Uri("http://127.0.0.1:5180/local"), trigger.OrganizationUrl);
        Assert.Equal("local", trigger.OrganizationName);
    }

    [Fact]
    public void AMissingOrganizationUrlNamesTheKeyAndTheFix()
    {
        var metadata = Valid();
        metadata.Remove("organizationURL");
        metadata["organizationURLFromEnv"] = "  ";

        var error = Invalid(metadata);

        Assert.Contains("missing required parameter \"organizationURL\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("organizationURLFromEnv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATrailingSlashOnTheOrganizationUrlFailsAsInKeda()
    {
        var error = Invalid(Valid(("organizationURL", "https://dev.azure.com/contoso/")));

        Assert.Contains("failed to extract organization name from organizationURL", error.Message, StringComparison.Ordinal);
        Assert.Contains("trailing '/'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOrganizationUrlThatIsNotAnHttpUrlIsRefused()
    {
        var error = Invalid(Valid(("organizationURL", "contoso")));

        Assert.Contains("organizationURL \"contoso\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutPoolNameOrPoolIdTheMessageSaysSo()
    {
        var metadata = Valid();
        metadata["poolID"] = "";

        var error = Invalid(metadata);

        Assert.Contains("no poolName or poolID given", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PoolNameWinsOverPoolId()
    {
        var trigger = TriggerMetadataParser.Parse(Valid(("poolName", " linux pool ")));

        Assert.Equal("linux pool", trigger.PoolName);
        Assert.Equal(0, trigger.PoolId);
    }

    [Theory]
    [InlineData("poolID", "abc")]
    [InlineData("poolID", "1.5")]
    [InlineData("poolID", "99999999999")]
    [InlineData("targetPipelinesQueueLength", "one")]
    [InlineData("activationTargetPipelinesQueueLength", "A")]
    [InlineData("jobsToFetch", "test")]
    [InlineData("jobsToFetch", "+5")]
    [InlineData("jobsToFetch", "007")]
    public void ANonNumericValueNamesTheKeyAndTheValue(string key, string value)
    {
        var metadata = Valid();
        metadata[key] = value;

        var error = Invalid(metadata);

        Assert.Contains($"unable to set param \"{key}\" value \"{value}\"", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("no poolName or poolID given", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("requireAllDemands")]
    [InlineData("requireAllDemandsAndIgnoreOthers")]
    [InlineData("caseInsensitiveDemandsProcessing")]
    [InlineData("fetchUnfinishedJobsOnly")]
    [InlineData("scaleOnInFlight")]
    public void ANonBooleanValueNamesTheKey(string key)
    {
        var error = Invalid(Valid((key, "yes")));

        Assert.Contains($"unable to set param \"{key}\" value \"yes\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NumbersAndBooleansAreTrimmed()
    {
        var trigger = TriggerMetadataParser.Parse(Valid(("targetPipelinesQueueLength", " 5 "), ("scaleOnInFlight", " false ")));

        Assert.Equal(5, trigger.TargetPipelinesQueueLength);
        Assert.False(trigger.Rules.ScaleOnInFlight);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("true")]
    public void JobsToFetchWithFetchUnfinishedJobsOnlyIsRefusedWhateverTheValue(string value)
    {
        var error = Invalid(Valid(("jobsToFetch", "42"), ("fetchUnfinishedJobsOnly", value)));

        Assert.Equal("cannot specify both jobsToFetch and fetchUnfinishedJobsOnly at the same time", error.Message);
    }

    [Fact]
    public void JobsToFetchWithParentIsRefused()
    {
        var error = Invalid(Valid(("jobsToFetch", "42"), ("parent", "linux-template")));

        Assert.StartsWith("cannot specify both jobsToFetch and parent at the same time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParentWithFetchUnfinishedJobsOnlyIsAllowed()
    {
        var trigger = TriggerMetadataParser.Parse(Valid(("parent", "linux-template"), ("fetchUnfinishedJobsOnly", "true")));

        Assert.Equal("linux-template", trigger.Rules.Parent);
        Assert.Equal("?completedRequestCount=0", trigger.Query.ToQueryString());
    }

    [Fact]
    public void ParentAsksWithoutTopSoThatMatchedAgentsIsReturned()
    {
        var trigger = TriggerMetadataParser.Parse(Valid(("parent", "linux-template")));

        Assert.Equal(string.Empty, trigger.Query.ToQueryString());
    }

    [Fact]
    public void EveryProblemIsReportedAtOnce()
    {
        var error = Invalid(new Dictionary<string, string> { ["poolID"] = "x", ["targetPipelinesQueueLength"] = "y" });

        Assert.Contains("organizationURL", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"poolID\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"targetPipelinesQueueLength\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APatFromTheEnvironmentIsUsedButNeverShown()
    {
        var trigger = TriggerMetadataParser.Parse(Valid(("personalAccessTokenFromEnv", "very-secret-pat\n")));

        Assert.IsType<PersonalAccessTokenAuthentication>(trigger.Authentication);
        Assert.StartsWith("pat:", trigger.CredentialKey, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-pat", trigger.CredentialKey, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-pat", trigger.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void APatGivenAsPlainMetadataIsIgnoredAsKedaIgnoresIt()
    {
        var trigger = TriggerMetadataParser.Parse(Valid(("personalAccessToken", "plain")));

        Assert.Null(trigger.Authentication);
    }

    [Theory]
    [InlineData("targetPipelinesQueueLength", "0", "must be at least 1")]
    [InlineData("targetPipelinesQueueLength", "-3", "must be at least 1")]
    [InlineData("jobsToFetch", "0", "must be at least 1")]
    [InlineData("jobsToFetch", "-1", "must be at least 1")]
    [InlineData("poolID", "-7", "must be at least 1")]
    [InlineData("poolID", "2147483648", "fits in 32 bits")]
    [InlineData("targetPipelinesQueueLength", "9223372036854775808", "fits in 64 bits")]
    [InlineData("activationTargetPipelinesQueueLength", "-9223372036854775809", "fits in 64 bits")]
    [InlineData("jobsToFetch", "99999999999999999999999", "fits in 64 bits")]
    public void AnOutOfRangeNumberIsInvalidArgumentSayingTheRange(string key, string value, string expected)
    {
        var metadata = Valid();
        metadata[key] = value;

        var error = Invalid(metadata);

        Assert.StartsWith($"unable to set param \"{key}\" value \"{value}\": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLargestValuesThatFitAreAccepted()
    {
        var trigger = TriggerMetadataParser.Parse(Valid(("poolID", "2147483647"), ("targetPipelinesQueueLength", "9223372036854775807"), ("jobsToFetch", "1")));

        Assert.Equal(int.MaxValue, trigger.PoolId);
        Assert.Equal(long.MaxValue, trigger.TargetPipelinesQueueLength);
        Assert.Equal(1, trigger.JobsToFetch);
    }

    [Fact]
    public void AnOrganizationOffTheAllowListIsInvalidArgumentNamingTheSetting()
    {
        var error = Invalid(Valid(("organizationURL", "https://attacker.example/contoso")));

        Assert.Contains("Scaler:AllowedOrganizationHosts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOrganizationFromEnvIsCheckedToo()
    {
        var error = Invalid(Valid(("organizationURLFromEnv", "http://attacker.example/contoso")));

        Assert.Contains("https only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AConfiguredHostIsAccepted()
    {
        var trigger = TriggerMetadataParser.Parse(Valid(("organizationURL", "https://ado.contoso.com/tfs/DefaultCollection")), new AspireAgents.Scaler.Security.OrganizationUrlPolicy(["ado.contoso.com"]));

        Assert.Equal("DefaultCollection", trigger.OrganizationName);
    }
}
