using EdgeGateway.Cli;

return EgwApp.Run(args, new CliConsole(Console.Out, Console.Error, Console.In)
{
    ErrorIsTerminal = !Console.IsErrorRedirected,
    TerminalColumns = Console.IsOutputRedirected ? null : Console.WindowWidth,
});
