using AspireAgents.AppHost;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);
var agents = builder.Configuration.GetSection("Agents").Get<AgentsSettings>() ?? new();

// Azure infrastructure: publish only (azd provisions it); absent from the model under `dotnet run`.
var logs = builder.AddAzureLogAnalyticsWorkspace("logs");
var registry = builder.AddAzureContainerRegistry("registry");
var pullIdentity = builder.AddAzureManagedIdentity("pull-identity").WithAcrPull(registry);
var environment = builder.AddAzureContainerAppsEnvironment("aca")
    .WithLogAnalyticsWorkspace(logs)
    .WithSettings(agents.Environment);

// Agents: an event job scaled by KEDA's azure-pipelines rule, one ephemeral agent per execution,
// and the manual job that registers the pool's offline placeholder agent.
var agentJob = builder.AddContainerAppJob("agents", agents.Image)
    .WithContainerAppsEnvironment(environment)
    .WithImagePull(registry, pullIdentity)
    .WithSettings(agents);
builder.AddPlaceholderJob("agents-placeholder", agentJob);

builder.Build().Run();
