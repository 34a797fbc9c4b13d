using PromoEngine.Cli;

return PromoCommand.Run(args, Console.Out, Console.Error);
