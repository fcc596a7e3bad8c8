using AspireAgents.AgentRunner;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.AddAgentRunner();

using var host = builder.Build();
return await host.RunAgentExecutionAsync();
