using AspireAgents.AgentRunner;
using AspireAgents.AgentRunner.Boundary;
using Microsoft.Extensions.Hosting;

// First of all: from here on no other process reads this one's environment (the identity header) or memory.
RunnerPrivileges.MakeNonDumpable();

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.AddAgentRunner();

using var host = builder.Build();
return await host.RunAgentExecutionAsync();
