using AspireAgents.Planner.Cli;

// The what-if planner (docs/planner.md):
// dotnet run --project src/Planner -- --jobs jobs.json --polling 5,10,30 --max 5,10,20 --standby 0,1,2
return await new PlannerCommand().Create().Parse(args).InvokeAsync().ConfigureAwait(false);
