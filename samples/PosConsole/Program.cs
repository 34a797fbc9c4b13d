using PosConsole;

bool hasScript = args.Contains("--script");
return PosConsoleApp.Run(args, Console.In, Console.Out, Console.Error, interactive: !hasScript && !Console.IsInputRedirected);
