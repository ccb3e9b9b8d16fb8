using EdgeGateway.Control.Contract.Console;

namespace EdgeGateway.Cli.Commands.WebConsole;

/// <summary>Loading and saving the users file with egw's errors: one line naming the file, and the exit code.</summary>
internal static class ConsoleUserFiles
{
    public static ConsoleUserFile Load(string path)
    {
        try
        {
            return ConsoleUserFile.Load(path);
        }
        catch (FormatException exception)
        {
            throw new CommandException(ExitCodes.Failed, exception.Message, "invalid");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommandException(ExitCodes.Unavailable, $"cannot read {path}: {exception.Message} (it is root's: sudo egw console user ...)", "unavailable");
        }
    }

    public static void Save(ConsoleUserFile users, string path)
    {
        try
        {
            users.Save(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommandException(ExitCodes.Unavailable, $"cannot write {path}: {exception.Message} (sudo egw console user ...)", "unavailable");
        }
    }

    public static void RequireName(string name)
    {
        if (!ConsoleUser.IsValidName(name))
        {
            throw new CommandException(ExitCodes.Usage, $"'{name}' is not a user name: {ConsoleUser.NameRule}", "usage");
        }
    }
}
