// Benchmarks that wait for other contexts. Each shows as "pending" in the table until a module in
// bench/ lists its id in `provides` (see lib/types.ts for the module shape).
export interface PendingHook {
  id: string;
  group: string;
  metric: string;
  waitsFor: string;
  /** Where the module is expected. */
  module: string;
}

export const pendingHooks: PendingHook[] = [
  { id: 'orders-e2e', group: 'orders', metric: 'order created → matched → worker feed, at 100 orders/s: p50/p99 and sustained rate', waitsFor: 'pending orders context', module: 'bench/orders-e2e.bench.ts' },
  { id: 'orders-fanout', group: 'live fan-out', metric: 'orders.onStatus fan-out (switch `fanoutTarget` in bench/targets.ts)', waitsFor: 'pending orders context', module: 'bench/targets.ts' },
  { id: 'matching-100k', group: 'orders', metric: 'matching over 100,000 workers', waitsFor: 'pending orders context', module: 'bench/matching.ts' },
  { id: 'odds-fanout', group: 'betting', metric: 'betting.onOdds fan-out while bets are placed', waitsFor: 'pending betting context', module: 'bench/odds-fanout.ts' },
  { id: 'hiring-flood', group: 'hiring', metric: 'hiring flood: applications/s accepted, ranking time', waitsFor: 'pending hiring context', module: 'bench/hiring-flood.bench.ts' },
];
