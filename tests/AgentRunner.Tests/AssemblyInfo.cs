// The runner manages Linux process groups and the tests read /proc: they run on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
