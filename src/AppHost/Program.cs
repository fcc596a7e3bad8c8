using AspireAgents.AppHost;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args).AddLocalRunSettings();
var agents = builder.Configuration.GetSection("Agents").Get<AgentsSettings>() ?? new();

// Azure infrastructure: publish only (azd provisions it); absent from the model under `dotnet run`.
var logs = builder.AddAzureLogAnalyticsWorkspace("logs");
var registry = builder.AddAzureContainerRegistry("registry");
var pullIdentity = builder.AddAzureManagedIdentity("pull-identity").WithAcrPull(registry);
var agentsIdentity = builder.AddAzureManagedIdentity("agents-identity");
var environment = builder.AddAzureContainerAppsEnvironment("aca")
    .WithLogAnalyticsWorkspace(logs)
    .WithSettings(agents.Environment);

// Azure DevOps under `dotnet run`: a local organisation and managed-identity endpoint, never deployed.
var devops = builder.AddAzureDevOpsEmulator<Projects.DevOpsEmulator>("devops", agents.EmulatorPort)
    .WithAgentPackage(AgentPackage.Path);

// The KEDA-compatible scaler: answers for the agents' scale rule locally; deployed for an external rule.
var scaler = builder.AddProject<Projects.Scaler>("scaler")
    .WithLocalSettings(agents, devops);

// Agents: an event job, one ephemeral agent per execution; the manual job that registers the pool's offline
// placeholder agent; and the scheduled job that removes the agents of killed executions and keeps the placeholder.
var runner = builder.AddProject<Projects.AgentRunner>("agent-runner");
var agentJob = builder.AddContainerAppJob("agents", runner)
    .WithAgentImage(agents)
    .WithContainerAppsEnvironment(environment)
    .WithImagePull(registry, pullIdentity)
    .WithSettings(agents, scaler, agentsIdentity)
    .WithLocalSettings(agents, devops, scaler);
var placeholder = builder.AddPlaceholderJob("agents-placeholder", agentJob);
builder.AddMaintenanceJob("agents-maintenance", placeholder)
    .WithMaintenanceSettings(agents.Maintenance);

builder.Build().Run();
