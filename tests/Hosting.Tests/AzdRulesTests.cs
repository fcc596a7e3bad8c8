using Aspire.Hosting;
using AspireAgents.Hosting.Tests.Infrastructure;
using AspireAgents.Hosting.Tests.Infrastructure.Azd;

namespace AspireAgents.Hosting.Tests;

/// <summary>The rehearsal's model of azd's rules, checked on the cases that broke deployments before.</summary>
public class AzdRulesTests
{
    [Theory]
    [InlineData("600", "'\"600\"'")]
    [InlineData("2.0", "'\"2.0\"'")]
    [InlineData("true", "'\"true\"'")]
    [InlineData("yes", "'\"yes\"'")]
    [InlineData("", "'\"\"'")]
    [InlineData("0x1F", "'\"0x1F\"'")]
    [InlineData("aca-agents", "'aca-agents'")]
    [InlineData("https://dev.azure.com/contoso", "'https://dev.azure.com/contoso'")]
    [InlineData("{{ .Env.ACA_ID }}", "'{{ .Env.ACA_ID }}'")]
    [InlineData("{{ securedParameter \"azp_pat\" }}", "'{{ securedParameter \"azp_pat\" }}'")]
    public void DeployParametersAreQuotedAsAzdQuotesThem(string value, string expected)
    {
        Assert.Equal(expected, AzdYaml.DeployParameterExpression(value));
    }

    [Fact]
    public async Task ALiteralDeploymentParameterWouldReachArmAsAQuotedString()
    {
        // The failure mode the modules avoid: a module taking a literal (here the replica timeout) as a parameter.
        var directory = Directory.CreateTempSubdirectory("azd-literal-");
        try
        {
            var module = Path.Combine(directory.FullName, "literal.bicep");
            File.WriteAllText(module, "param replicaTimeout string\noutput timeout int = int(replicaTimeout)\n");
            var parameters = Path.Combine(directory.FullName, "main.bicepparam");
            File.WriteAllText(parameters, $"using './literal.bicep'\nparam replicaTimeout = {AzdYaml.DeployParameterExpression("600")}\n");

            Assert.Equal(0, BicepCompiler.BuildParams(parameters).ExitCode);
            var evaluation = await Record.ExceptionAsync(() => Task.Run(() => BicepCompiler.Snapshot(parameters)));
            Assert.NotNull(evaluation);
            Assert.Contains("\"600\"", evaluation.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task EveryDeploymentParameterIsAReference()
    {
        using var manifest = await PublishedManifest.PublishAsync(TestModel.Compose(configureJob: m =>
            m.WithExternalScaler().WithPersonalAccessToken(m.Runner.ApplicationBuilder.AddParameter("azp-pat", secret: true))));

        var parameters = manifest.Resources
            .Where(r => r.Value!["deployment"] is not null)
            .SelectMany(r => r.Value!["deployment"]!["params"]!.AsObject().Select(p => (Resource: r.Key, p.Key, Value: (string)p.Value!)))
            .ToList();
        Assert.NotEmpty(parameters);
        Assert.All(parameters, p => Assert.Matches(@"^\{[a-z][a-z0-9-]*\.(outputs\.[A-Za-z_]+|containerImage|value)\}$", p.Value));
    }
}
