using PromoEngine.Cli;

using var stdin = Console.OpenStandardInput();
return PromoCommand.Run(args, stdin, Console.Out, Console.Error);
