using BenchmarkDotNet.Running;
using PromoEngine.Benchmarks.ColdStart;
using PromoEngine.Benchmarks.Load;
using PromoEngine.Benchmarks.Peer;
using PromoEngine.Benchmarks.Peer.Medusa;
using PromoEngine.Benchmarks.Quick;
using PromoEngine.Benchmarks.Workloads;

// dotnet run -c Release --project benchmarks/PromoEngine.Benchmarks -- --quick     every workload briefly (own loop)
// dotnet run -c Release --project benchmarks/PromoEngine.Benchmarks -- --filter '*' the BenchmarkDotNet suite
// dotnet run -c Release --project benchmarks/PromoEngine.Benchmarks -- --loop W1 20  one workload in a loop, for a profiler
// dotnet run -c Release --project benchmarks/PromoEngine.Benchmarks -- --medusa     side by side with Medusa (needs Node ≥ 20.19 and PostgreSQL)
// dotnet run -c Release --project benchmarks/PromoEngine.Benchmarks -- --load       the sample service under load, with and without reloads
// dotnet run -c Release --project benchmarks/PromoEngine.Benchmarks -- --cold       first carts of fresh processes: library, promo, service
// dotnet run -c Release --project benchmarks/PromoEngine.Benchmarks -- --wallets    coupon wallets of 10 to 320 instances (W4-L, W4-I)
if (args.Contains("--quick")) return QuickRunner.Run(args);
if (args.Contains("--medusa")) return MedusaRun.Run(args);
if (args.Contains("--cold")) return ColdRun.Run(args);
if (args.Contains("--wallets")) return WalletRun.Run(args);
if (args.Contains("--load")) return LoadRun.Run(args);
if (args.Contains("--cold-probe")) return LibraryProbe.Run(args);
if (Array.IndexOf(args, "--loop") is >= 0 and var at) return QuickRunner.Loop(args.ElementAtOrDefault(at + 1) ?? "W1", int.Parse(args.ElementAtOrDefault(at + 2) ?? "20"));

// Startup assertions, as in the quick mode: the W1 cart exercises every kind, and RulesEngine agrees on the subset.
var w1 = Workloads.W1Engine.Price(Workloads.W1Cart);
Coverage.Of(Workloads.W1Rules, Workloads.W1Cart, w1).RequireEverything("W1");
Console.WriteLine(PeerCheck.Verify());

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
