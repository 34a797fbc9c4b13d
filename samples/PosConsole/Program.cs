Console.WriteLine("PosConsole");
