using PromoEngine.Fuzz;
using SharpFuzz;

// PromoEngine.Fuzz rules|cart               one input per run, from afl-fuzz (through SharpFuzz)
// PromoEngine.Fuzz --check rules|cart PATH…  each file (or each file of a folder) once: to replay what AFL found
if (args is ["--check", "rules" or "cart", .. var paths])
{
    var target = FuzzTarget.Create(args[1]);
    int inputs = 0, failures = 0;
    foreach (string input in paths.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p) : [p]))
    {
        inputs++;
        try
        {
            target.Run(File.ReadAllBytes(input));
        }
        catch (InvariantBroken e)
        {
            failures++;
            Console.Error.WriteLine($"{input}: {e.Message}");
        }
    }
    Console.WriteLine($"{inputs} inputs, {failures} broke the invariant");
    return failures == 0 ? 0 : 1;
}
if (args is not ["rules" or "cart"])
{
    Console.Error.WriteLine("usage: PromoEngine.Fuzz rules|cart  |  PromoEngine.Fuzz --check rules|cart PATH...   (see fuzz/README.md)");
    return 2;
}
// Instrumented code may run only inside Fuzzer.Run (it writes AFL's coverage map): the target is made on the first input.
FuzzTarget? fuzz = null;
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    (fuzz ??= FuzzTarget.Create(args[0])).Run(buffer.ToArray());
});
return 0;
