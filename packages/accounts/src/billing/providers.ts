// The outside money services: Gold Hat (worker payouts) and the clients' payment methods (collection).
// Each is an interface; the local simulators below are used by default and in tests. See
// docs/billing.md for their environment variables.
import type { Kysely } from 'kysely';
import type { AccountsDB } from '../db/schema.ts';
import type { ProviderAnswer } from '../domain/settlement.ts';

export const PAYMENT_METHODS = ['card', 'bank_transfer', 'hcb_wallet'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const DEFAULT_PAYMENT_METHOD: PaymentMethod = 'card';

export interface TransferRequest {
  /** The same key always means the same transfer: a provider never moves money twice for one key. */
  idempotencyKey: string;
  accountId: string;
  amountCents: number;
  /** For collection: the client's payment method. */
  method?: string;
  reference: string;
}

/** Answers `done` or `declined`; throws on errors (the caller cannot know whether money moved). */
export interface MoneyProvider {
  readonly name: string;
  transfer(req: TransferRequest): Promise<Exclude<ProviderAnswer, { kind: 'unknown' }>>;
}
export type GoldHat = MoneyProvider;
export type PaymentGateway = MoneyProvider;

export class ProviderTimeout extends Error {}

/** Calls a provider with a deadline; errors and timeouts become `unknown`. */
export async function callProvider(p: MoneyProvider, req: TransferRequest, timeoutMs: number): Promise<ProviderAnswer> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProviderTimeout(`${p.name} did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([p.transfer(req), deadline]);
  } catch (e) {
    return { kind: 'unknown', reason: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
  }
}

export type SimBehaviour = 'ok' | 'fail' | 'timeout' | 'late' | 'decline';
const BEHAVIOURS: readonly SimBehaviour[] = ['ok', 'fail', 'timeout', 'late', 'decline'];

export interface SimConfig {
  latencyMs: number;
  failureRate: number;
  timeoutRate: number;
  lateRate: number;
  declineRate: number;
  /** How long a call that times out (or answers late) takes. */
  hangMs: number;
  /** Behaviours for successive calls in this process, then the rates apply. */
  script: SimBehaviour[];
}

/** `MCF_GOLDHAT_*` or `MCF_PAYMENTS_*`. */
export function simConfigFromEnv(env: Record<string, string | undefined>, prefix: 'GOLDHAT' | 'PAYMENTS'): SimConfig {
  const num = (k: string, d: number) => {
    const v = env[`MCF_${prefix}_${k}`];
    const n = v === undefined || v === '' ? d : Number(v);
    return Number.isFinite(n) && n >= 0 ? n : d;
  };
  const script = (env[`MCF_${prefix}_SCRIPT`] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is SimBehaviour => (BEHAVIOURS as readonly string[]).includes(s));
  return {
    latencyMs: num('LATENCY_MS', 150),
    failureRate: num('FAILURE_RATE', 0),
    timeoutRate: num('TIMEOUT_RATE', 0),
    lateRate: num('LATE_RATE', 0),
    declineRate: num('DECLINE_RATE', 0),
    hangMs: num('HANG_MS', 30_000),
    script,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref?.());

/**
 * A simulated provider. It remembers every idempotency key in `accounts.sim_transfer` (shared by all
 * server processes and kept across restarts, as an outside service would): a repeated key returns the
 * first answer and never moves money again.
 *   ok      → transfers, answers after the latency
 *   fail    → answers with an error, moves nothing
 *   timeout → moves nothing and answers only after `hangMs` (past the caller's deadline)
 *   late    → transfers, but answers only after `hangMs`
 *   decline → refuses for good (remembered for the key)
 */
export class SimulatedProvider implements MoneyProvider {
  private readonly script: SimBehaviour[];
  constructor(
    readonly name: string,
    private readonly db: Kysely<AccountsDB>,
    private readonly cfg: SimConfig,
    private readonly random: () => number = Math.random,
  ) {
    this.script = [...cfg.script];
  }

  private nextBehaviour(): SimBehaviour {
    const scripted = this.script.shift();
    if (scripted) return scripted;
    let r = this.random();
    for (const [b, rate] of [['fail', this.cfg.failureRate], ['timeout', this.cfg.timeoutRate], ['late', this.cfg.lateRate], ['decline', this.cfg.declineRate]] as const) {
      if (r < rate) return b;
      r -= rate;
    }
    return 'ok';
  }

  async transfer(req: TransferRequest): Promise<Exclude<ProviderAnswer, { kind: 'unknown' }>> {
    const b = this.nextBehaviour();
    await sleep(this.cfg.latencyMs);
    if (b === 'fail') throw new Error(`${this.name}: 503 service unavailable`);
    if (b === 'timeout') {
      await sleep(this.cfg.hangMs);
      throw new Error(`${this.name}: gateway timeout`);
    }
    const answer = await this.record(req, b === 'decline' ? 'declined' : 'done');
    if (b === 'late') await sleep(this.cfg.hangMs);
    return answer;
  }

  private async record(req: TransferRequest, outcome: 'done' | 'declined') {
    const ref = `${this.name}-${req.idempotencyKey.slice(-12)}-${Math.floor(this.random() * 1e9).toString(36)}`;
    await this.db
      .insertInto('sim_transfer')
      .values({ provider: this.name, key: req.idempotencyKey, account_id: req.accountId, amount_cents: req.amountCents, outcome, ref })
      .onConflict((oc) => oc.columns(['provider', 'key']).doNothing())
      .execute();
    const stored = await this.db.selectFrom('sim_transfer').selectAll().where('provider', '=', this.name).where('key', '=', req.idempotencyKey).executeTakeFirstOrThrow();
    if (Number(stored.amount_cents) !== req.amountCents || stored.account_id !== req.accountId) {
      throw new Error(`${this.name}: idempotency key ${req.idempotencyKey} was used for a different transfer`);
    }
    return stored.outcome === 'declined'
      ? ({ kind: 'declined', reason: `${this.name}: the payment was declined` } as const)
      : ({ kind: 'done', ref: stored.ref } as const);
  }
}
