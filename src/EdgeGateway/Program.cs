using System.Reflection;

// The service host arrives with the service issue; until then the binary reports its version.
if (args.Contains("--version"))
{
    Console.WriteLine($"edge-gateway {typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0"}");
    return 0;
}

Console.Error.WriteLine("edge-gateway: the service host is not built yet; use 'egw' for the field-bus tools.");
return 2;
