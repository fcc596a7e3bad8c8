using AspireAgents.Hosting.Tests.Infrastructure;

namespace AspireAgents.Hosting.Tests;

/// <summary>
/// The azd hook scripts (scripts/*.sh) run by /bin/sh against a fake Azure CLI: which calls they make, in which
/// order, where they stop and what they tell the platform engineer.
/// </summary>
public class HookScriptTests
{
    private const string Grant = "scripts/grant-azure-devops-access.sh";
    private const string Postprovision = "scripts/postprovision.sh";
    private const string StartPlaceholder = "scripts/start-placeholder.sh";
    private const string DevOpsApplication = "--resource 499b84ac-1321-427f-aa17-267ca6975798";

    private const string IdentityId =
        "/subscriptions/0000/resourceGroups/rg-dev/providers/Microsoft.ManagedIdentity/userAssignedIdentities/agents-identity";
    private const string ScalerId = "/subscriptions/0000/resourceGroups/rg-dev/providers/Microsoft.App/containerApps/scaler";

    private const string ResourceList = "resource list";
    private const string ResourceShow = "resource show";
    private const string PoolLookup = "rest --method get";
    private const string Entitlement = "rest --method post";
    private const string RoleAssignment = "rest --method put";
    private const string JobList = "containerapp job list";
    private const string ExecutionList = "containerapp job execution list";
    private const string JobStart = "containerapp job start";
    private const string ExecutionShow = "containerapp job execution show";

    private static string Tagged(string id, string name, string role, string pool = "aca-agents") =>
        $"{id}|{name}|{role}|https://dev.azure.com/contoso|{pool}";

    /// <summary>An organisation administrator's Azure DevOps, and a placeholder that registers at its first run.</summary>
    private static FakeAz GrantingAz(FakeAz az) => az
        .On(ResourceShow, "principal-1")
        .On(PoolLookup, "17")
        .On(Entitlement, "member-1")
        .On(RoleAssignment)
        .On(JobList, "agents-placeholder")
        .On(ExecutionList, "")
        .On(JobStart, "agents-placeholder-run1")
        .On(ExecutionShow, "Running", "Succeeded");

    private static IEnumerable<string> CallsOf(ScriptRun run, string command) => run.Calls.Where(c => c.StartsWith(command, StringComparison.Ordinal));

    private static int IndexOf(ScriptRun run, string command) => run.Calls.ToList().FindIndex(c => c.StartsWith(command, StringComparison.Ordinal));

    [Theory]
    [InlineData(IdentityId, "agents-identity", "Administrator")]
    [InlineData(ScalerId, "scaler", "Reader")]
    public async Task GrantMakesTheTaggedIdentityAMemberWithItsRoleThenStartsThePlaceholder(string id, string name, string role)
    {
        using var az = GrantingAz(new FakeAz().On(ResourceList, Tagged(id, name, role)));

        var run = await az.RunAsync(Grant);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("--resource-group rg-dev", Assert.Single(CallsOf(run, ResourceList)), StringComparison.Ordinal);
        var show = Assert.Single(CallsOf(run, ResourceShow));
        Assert.Contains($"--ids {id}", show, StringComparison.Ordinal);
        Assert.Contains("properties.principalId || identity.principalId", show, StringComparison.Ordinal);

        var lookup = Assert.Single(CallsOf(run, PoolLookup));
        Assert.Contains(DevOpsApplication, lookup, StringComparison.Ordinal);
        Assert.Contains("--url https://dev.azure.com/contoso/_apis/distributedtask/pools?poolName=aca-agents&api-version=7.1", lookup, StringComparison.Ordinal);

        var entitlement = Assert.Single(CallsOf(run, Entitlement));
        Assert.Contains(DevOpsApplication, entitlement, StringComparison.Ordinal);
        Assert.Contains("--url https://vsaex.dev.azure.com/contoso/_apis/serviceprincipalentitlements?api-version=7.1-preview.1", entitlement, StringComparison.Ordinal);
        Assert.Contains(
            """{"accessLevel":{"accountLicenseType":"express"},"servicePrincipal":{"origin":"aad","originId":"principal-1","subjectKind":"servicePrincipal"}}""",
            entitlement, StringComparison.Ordinal);

        var assignment = Assert.Single(CallsOf(run, RoleAssignment));
        Assert.Contains(DevOpsApplication, assignment, StringComparison.Ordinal);
        Assert.Contains(
            "--url https://dev.azure.com/contoso/_apis/securityroles/scopes/distributedtask.agentpoolrole/roleassignments/resources/17?api-version=7.1-preview.1",
            assignment, StringComparison.Ordinal);
        Assert.Contains($$"""[{"userId":"member-1","roleName":"{{role}}"}]""", assignment, StringComparison.Ordinal);

        Assert.True(IndexOf(run, PoolLookup) < IndexOf(run, Entitlement) && IndexOf(run, Entitlement) < IndexOf(run, RoleAssignment));
        Assert.True(IndexOf(run, RoleAssignment) < IndexOf(run, JobStart), "the placeholder starts only after the grant");
        Assert.Contains("--name agents-placeholder", Assert.Single(CallsOf(run, JobStart)), StringComparison.Ordinal);
        Assert.Contains("the placeholder agent is registered", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrantTakesTheResourceGroupAsArgumentAndTheSubscriptionFromAzd()
    {
        using var az = GrantingAz(new FakeAz().On(ResourceList, Tagged(IdentityId, "agents-identity", "Administrator")))
            .WithEnvironment("AZURE_SUBSCRIPTION_ID", "sub-1");

        var run = await az.RunAsync(Grant, "rg-other");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("--resource-group rg-other --query", Assert.Single(CallsOf(run, ResourceList)), StringComparison.Ordinal);
        Assert.All(run.Calls.Where(c => !c.StartsWith("rest ", StringComparison.Ordinal)),
            call => Assert.EndsWith("--subscription sub-1", call, StringComparison.Ordinal));
        Assert.All(CallsOf(run, "rest "), call => Assert.DoesNotContain("--subscription", call, StringComparison.Ordinal));
        Assert.Contains("--resource-group rg-other", Assert.Single(CallsOf(run, JobStart)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrantStopsAtTheFirstFailedCallAndNamesTheResource()
    {
        using var az = new FakeAz()
            .On(ResourceList, Tagged(IdentityId, "agents-identity", "Administrator") + "\n" + Tagged(ScalerId, "scaler", "Reader"))
            .On(ResourceShow, "principal-1")
            .On(PoolLookup, "17")
            .On(Entitlement, AzReply.Fails("ERROR: Forbidden"));

        var run = await az.RunAsync(Grant);

        Assert.NotEqual(0, run.ExitCode);
        Assert.StartsWith(Entitlement, run.Calls[^1], StringComparison.Ordinal);
        Assert.Single(CallsOf(run, ResourceShow));
        Assert.Contains("agents-identity", run.Error, StringComparison.Ordinal);
        Assert.Contains("not an organisation administrator", run.Error, StringComparison.Ordinal);
        Assert.Contains("Entra tenant", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrantFailsWhenTheOrganisationGivesNoMemberId()
    {
        using var az = new FakeAz()
            .On(ResourceList, Tagged(IdentityId, "agents-identity", "Administrator"))
            .On(ResourceShow, "principal-1")
            .On(PoolLookup, "17")
            .On(Entitlement, "");

        var run = await az.RunAsync(Grant);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Empty(CallsOf(run, RoleAssignment));
        Assert.Contains("agents-identity", run.Error, StringComparison.Ordinal);
        Assert.Contains("no member id", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrantSaysWhichPoolIsMissing()
    {
        using var az = new FakeAz()
            .On(ResourceList, Tagged(IdentityId, "agents-identity", "Administrator", pool: "no-such-pool"))
            .On(ResourceShow, "principal-1")
            .On(PoolLookup, "");

        var run = await az.RunAsync(Grant);

        Assert.NotEqual(0, run.ExitCode);
        Assert.StartsWith(PoolLookup, run.Calls[^1], StringComparison.Ordinal);
        Assert.Contains("Agent pool 'no-such-pool' was not found in https://dev.azure.com/contoso", run.Error, StringComparison.Ordinal);
        Assert.Contains("agents-identity", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrantRejectsAnUnexpectedRoleBeforeCallingAzureDevOps()
    {
        using var az = new FakeAz().On(ResourceList, Tagged(IdentityId, "agents-identity", "Owner"));

        var run = await az.RunAsync(Grant);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Single(run.Calls);
        Assert.Contains("aspireagentsPoolRole is 'Owner'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrantNamesAMissingOrganizationTag()
    {
        using var az = new FakeAz().On(ResourceList, $"{IdentityId}|agents-identity|Administrator||aca-agents");

        var run = await az.RunAsync(Grant);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Single(run.Calls);
        Assert.Contains("agents-identity: tag aspireagentsOrganization is missing", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostprovisionGrantsButLeavesThePlaceholderToPostdeploy()
    {
        using var az = GrantingAz(new FakeAz().On(ResourceList, Tagged(IdentityId, "agents-identity", "Administrator")));

        var run = await az.RunAsync(Postprovision);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Single(CallsOf(run, RoleAssignment));
        Assert.Empty(CallsOf(run, "containerapp"));
        Assert.DoesNotContain("One step is left", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostprovisionWithAFailedGrantLetsTheDeploymentGoOnAndNamesTheStepLeft()
    {
        using var az = new FakeAz()
            .On(ResourceList, Tagged(IdentityId, "agents-identity", "Administrator"))
            .On(ResourceShow, "principal-1")
            .On(PoolLookup, AzReply.Fails("ERROR: Unauthorized"));

        var run = await az.RunAsync(Postprovision);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("The deployment continues", run.Output, StringComparison.Ordinal);
        Assert.Contains("sh scripts/grant-azure-devops-access.sh rg-dev", run.Output, StringComparison.Ordinal);
        Assert.Contains("agents-identity", run.Error, StringComparison.Ordinal);
        Assert.Empty(CallsOf(run, "containerapp"));
    }

    [Fact]
    public async Task PostprovisionHasNothingToGrantWithoutTaggedResources()
    {
        using var az = new FakeAz().On(ResourceList, "");

        var run = await az.RunAsync(Postprovision);

        Assert.Equal(0, run.ExitCode);
        Assert.Single(run.Calls);
        Assert.Contains("nothing to grant", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("One step is left", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartPlaceholderLeavesAJobWhoseLastExecutionSucceeded()
    {
        using var az = new FakeAz()
            .On(JobList, "agents-placeholder")
            .On(ExecutionList, "agents-placeholder-run1\tSucceeded");

        var run = await az.RunAsync(StartPlaceholder);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("aspireagentsRole=='placeholder'", Assert.Single(CallsOf(run, JobList)), StringComparison.Ordinal);
        Assert.Empty(CallsOf(run, JobStart));
        Assert.Contains("the placeholder agent is registered", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartPlaceholderRestartsAJobWhoseLastExecutionFailedAndWaitsForIt()
    {
        using var az = new FakeAz()
            .On(JobList, "agents-placeholder")
            .On(ExecutionList, "agents-placeholder-run1\tFailed")
            .On(JobStart, "agents-placeholder-run2")
            // Any status but Succeeded, Failed and Stopped is waited out.
            .On(ExecutionShow, "Processing", "Running", "Degraded", "Unknown", "Succeeded");

        var run = await az.RunAsync(StartPlaceholder);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("--query name --output tsv", Assert.Single(CallsOf(run, JobStart)), StringComparison.Ordinal);
        var polls = CallsOf(run, ExecutionShow).ToList();
        Assert.Equal(5, polls.Count);
        Assert.All(polls, poll => Assert.Contains("--name agents-placeholder --job-execution-name agents-placeholder-run2", poll, StringComparison.Ordinal));
        Assert.Contains("succeeded: the placeholder agent is registered", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("One step is left", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartPlaceholderWaitsForARunningExecutionInsteadOfStartingAnother()
    {
        using var az = new FakeAz()
            .On(JobList, "agents-placeholder")
            .On(ExecutionList, "agents-placeholder-run1\tRunning")
            .On(ExecutionShow, "Running", "Succeeded");

        var run = await az.RunAsync(StartPlaceholder);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Empty(CallsOf(run, JobStart));
        Assert.All(CallsOf(run, ExecutionShow), poll => Assert.Contains("--job-execution-name agents-placeholder-run1", poll, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public async Task StartPlaceholderGivesUpAfterItsAttemptsWithTheStepLeft(bool strict, int exitCode)
    {
        using var az = new FakeAz()
            .On(JobList, "agents-placeholder")
            .On(ExecutionList, "")
            .On(JobStart, "agents-placeholder-run1", "agents-placeholder-run2", "agents-placeholder-run3")
            .On(ExecutionShow, "Failed")
            .WithEnvironment("PLACEHOLDER_ATTEMPTS", "3");

        var run = await az.RunAsync(StartPlaceholder, strict ? ["--strict"] : []);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal(3, CallsOf(run, JobStart).Count());
        Assert.Contains("agents-placeholder failed 3 time(s)", run.Output, StringComparison.Ordinal);
        Assert.Contains("sh scripts/grant-azure-devops-access.sh rg-dev", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartPlaceholderStopsWaitingAtTheTimeoutWithoutStartingAnother()
    {
        using var az = new FakeAz()
            .On(JobList, "agents-placeholder")
            .On(ExecutionList, "")
            .On(JobStart, "agents-placeholder-run1")
            .On(ExecutionShow, "Running")
            .WithEnvironment("PLACEHOLDER_TIMEOUT_SECONDS", "0");

        var run = await az.RunAsync(StartPlaceholder);

        Assert.Equal(0, run.ExitCode);
        Assert.Single(CallsOf(run, JobStart));
        Assert.Contains("did not finish within 0s", run.Output, StringComparison.Ordinal);
        Assert.Contains("sh scripts/grant-azure-devops-access.sh rg-dev", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrantFailsWhenThePlaceholderStillFailsAfterTheGrant()
    {
        using var az = new FakeAz()
            .On(ResourceList, Tagged(IdentityId, "agents-identity", "Administrator"))
            .On(ResourceShow, "principal-1")
            .On(PoolLookup, "17")
            .On(Entitlement, "member-1")
            .On(RoleAssignment)
            .On(JobList, "agents-placeholder")
            .On(ExecutionList, "agents-placeholder-run1\tFailed")
            .On(JobStart, "agents-placeholder-run2", "agents-placeholder-run3")
            .On(ExecutionShow, "Failed");

        var run = await az.RunAsync(Grant);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal(2, CallsOf(run, JobStart).Count());
        Assert.Contains("Azure DevOps can take a few minutes", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartPlaceholderStopsWhenTheJobsCannotBeListed()
    {
        using var az = new FakeAz().On(JobList, AzReply.Fails("ERROR: Please run 'az login' to setup account."));

        var run = await az.RunAsync(StartPlaceholder);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Listing the jobs of rg-dev failed", run.Error, StringComparison.Ordinal);
    }
}
