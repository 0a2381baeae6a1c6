// Sign-in, sessions and the bootstrap manager. Tokens are opaque; only their SHA-256 is stored.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isUniqueViolation, newId, newToken, type Caller, type Clock, type EventPublisher, type Role } from '@mcf/kernel';
import { ACCOUNTS, accountCreated } from './events.ts';
import type { AccountsDB } from './db/schema.ts';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './domain/password.ts';
import { judgeSignIn, type SignInLimits } from './domain/rateLimit.ts';
import { normaliseEmail, type AccountView } from './domain/roles.ts';

export const SESSION_TOKEN_PREFIX = 'mcfs';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export type SignInResult =
  | { ok: true; token: string; account: AccountView }
  | { ok: false; reason: 'invalid' | 'throttled'; message: string };

export class Sessions {
  constructor(
    private readonly db: Kysely<AccountsDB>,
    private readonly clock: Clock,
    private readonly limits: SignInLimits,
    private readonly ttlMs: number,
    private readonly events: EventPublisher,
  ) {}

  /** Creates an account and tells other contexts (matching learns of new workers this way). */
  async createAccount(input: { role: Role; email: string; name: string; password: string | null; id?: string }) {
    const id = input.id ?? newId();
    const passwordHash = input.password === null ? null : await hashPassword(input.password);
    const email = normaliseEmail(input.email);
    const name = input.name.trim();
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('account').values({ id, email, name, role: input.role, password_hash: passwordHash }).execute();
      await this.events.publish(trx, ACCOUNTS, [accountCreated({ accountId: id, role: input.role, name, email })]);
    });
    return id;
  }

  async listByRole(role: Role): Promise<AccountView[]> {
    return this.db.selectFrom('account').select(['id', 'role', 'name', 'email']).where('role', '=', role).orderBy('name').execute();
  }

  async signIn(emailRaw: string, password: string, address: string): Promise<SignInResult> {
    const email = normaliseEmail(emailRaw);
    const now = this.clock.now();
    const since = (s: number) => new Date(now.getTime() - s * 1000);
    const [fails, attempts] = await Promise.all([
      this.db.selectFrom('sign_in_attempt').select((e) => e.fn.countAll<string>().as('n'))
        .where('email', '=', email).where('succeeded', '=', false).where('at', '>', since(this.limits.accountWindowSeconds)).executeTakeFirstOrThrow(),
      this.db.selectFrom('sign_in_attempt').select((e) => e.fn.countAll<string>().as('n'))
        .where('address', '=', address).where('at', '>', since(this.limits.addressWindowSeconds)).executeTakeFirstOrThrow(),
    ]);
    const verdict = judgeSignIn(this.limits, Number(fails.n), Number(attempts.n));
    if (!verdict.allowed) return { ok: false, reason: 'throttled', message: verdict.reason };

    const account = await this.db.selectFrom('account').selectAll().where('email', '=', email).executeTakeFirst();
    const ok = account?.password_hash ? await verifyPassword(password, account.password_hash) : await verifyAgainstNothing(password);
    await this.db.insertInto('sign_in_attempt').values({ email, address, succeeded: ok, at: now }).execute();
    if (!ok || !account) return { ok: false, reason: 'invalid', message: 'Wrong email or password' };
    const token = await this.openSession(account.id);
    return { ok: true, token, account: { id: account.id, role: account.role, name: account.name, email: account.email } };
  }

  async openSession(accountId: string): Promise<string> {
    const token = newToken(SESSION_TOKEN_PREFIX);
    await this.db
      .insertInto('session')
      .values({ id: newId(), token_hash: hashToken(token), account_id: accountId, expires_at: new Date(this.clock.now().getTime() + this.ttlMs) })
      .execute();
    return token;
  }

  async authenticate(token: string): Promise<Caller | null> {
    if (!token.startsWith(`${SESSION_TOKEN_PREFIX}_`)) return null;
    const row = await this.db
      .selectFrom('session')
      .innerJoin('account', 'account.id', 'session.account_id')
      .select(['session.id as sessionId', 'account.id as accountId', 'account.role', 'account.name'])
      .where('session.token_hash', '=', hashToken(token))
      .where('session.revoked_at', 'is', null)
      .where('session.expires_at', '>', this.clock.now())
      .executeTakeFirst();
    return row ? { kind: 'account', accountId: row.accountId, role: row.role, name: row.name, sessionId: row.sessionId } : null;
  }

  async revoke(sessionId: string) {
    await this.db.updateTable('session').set({ revoked_at: this.clock.now() }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
  }

  async findByEmail(email: string): Promise<AccountView | null> {
    const a = await this.db.selectFrom('account').select(['id', 'role', 'name', 'email']).where('email', '=', normaliseEmail(email)).executeTakeFirst();
    return a ?? null;
  }

  async get(accountId: string): Promise<AccountView | null> {
    const a = await this.db.selectFrom('account').select(['id', 'role', 'name', 'email']).where('id', '=', accountId).executeTakeFirst();
    return a ?? null;
  }

  /** The first manager, from MCF_ADMIN_EMAIL / MCF_ADMIN_PASSWORD, when there is no manager yet. */
  async ensureFirstManager(email: string, password: string): Promise<{ created: boolean }> {
    const any = await this.db.selectFrom('account').select('id').where('role', '=', 'manager').limit(1).executeTakeFirst();
    if (any) return { created: false };
    if (await this.findByEmail(email)) return { created: false };
    try {
      await this.createAccount({ role: 'manager', email, name: 'Administrator', password });
    } catch (e) {
      // Several server processes starting at once: another one created it first.
      if (isUniqueViolation(e)) return { created: false };
      throw e;
    }
    return { created: true };
  }
}
