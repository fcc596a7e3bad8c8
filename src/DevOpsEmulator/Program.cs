using AspireAgents.DevOpsEmulator.Hosting;

// A local Azure DevOps organisation and managed-identity endpoint; see docs/emulator.md.
var app = EmulatorApplication.Create(args);
app.Run();
