using AspireAgents.AgentPacker;

// dotnet AgentPacker.dll <layout directory> <archive path>
if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: dotnet AgentPacker.dll <layout directory> <archive.tar.gz>");
    return 2;
}

try
{
    AgentPackageWriter.Write(args[0], args[1]);
    return 0;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    // MSBuild's Exec recognises this canonical form and reports it as a build error.
    Console.Error.WriteLine($"AgentPacker : error : packing '{args[0]}' into '{args[1]}' failed: {e.Message}");
    return 1;
}
