// The Node side of the Medusa peer run (dotnet run -c Release --project benchmarks/PromoEngine.Benchmarks -- --medusa).
// Copied next to the Medusa kit's boot.js in a work folder; reads the workload the .NET side wrote
// (one cart, several promotion sets), and for each set: loads the promotions into Medusa's promotion module,
// times computeActions([], cart) (median of `iterations` calls after `warmup` calls, as the kit's bench.js)
// and prints one JSON line with the times and the item adjustments of the last call, amounts unrounded.
//   node medusa-peer.js WORKLOAD.json
const fs = require("fs")
const { boot } = require("./boot")

const TABLES = "promotion, promotion_rule, promotion_rule_value, promotion_application_method, promotion_campaign, " +
  "promotion_campaign_budget, promotion_campaign_budget_usage, application_method_target_rules, application_method_buy_rules, promotion_promotion_rule"

async function main() {
  const workload = JSON.parse(fs.readFileSync(process.argv[2], "utf8"))
  const { service, pg, shutdown } = await boot()
  try {
    for (const set of workload.sets) {
      await pg.raw(`TRUNCATE ${TABLES} CASCADE`)
      const created = Date.now()
      for (let i = 0; i < set.promotions.length; i += 100) await service.createPromotions(set.promotions.slice(i, i + 100))
      const createMs = Date.now() - created
      await pg.raw("ANALYZE")

      for (let i = 0; i < set.warmup; i++) await service.computeActions([], workload.cart)
      if (global.gc) global.gc()
      const timesMs = []
      let actions = []
      for (let i = 0; i < set.iterations; i++) {
        const start = process.hrtime.bigint()
        actions = await service.computeActions([], workload.cart)
        timesMs.push(Number(process.hrtime.bigint() - start) / 1e6)
      }
      // Amounts come back as BigNumber objects whose JSON is the JavaScript number: unrounded, as callers get them.
      const adjustments = JSON.parse(JSON.stringify(actions))
        .filter((a) => a.action === "addItemAdjustment")
        .map((a) => ({ item: a.item_id, code: a.code, amount: Number(a.amount) }))
      console.log(JSON.stringify({ name: set.name, promotions: set.promotions.length, createMs, timesMs, adjustments }))
    }
  } finally {
    await shutdown()
  }
}

main().then(() => process.exit(0), (e) => { console.error("MEDUSA PEER FAILED", e); process.exit(1) })
