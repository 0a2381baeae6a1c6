// Clients come from the Happy Cat Box tester roster: no sign-up, no password; each new tester gets a
// one-time login link. Re-importing a known tester changes nothing (see docs/billing.md, "Testers").
import type { Kysely } from 'kysely';
import { isUniqueViolation, newId, newToken, type Clock, type EventPublisher } from '@mcf/kernel';
import type { AccountsDB } from './db/schema.ts';
import { ACCOUNTS, accountCreated, type AccountCreated } from './events.ts';
import { normaliseEmail, type AccountView } from './domain/roles.ts';
import type { TesterRow } from './domain/roster.ts';
import { hashToken, type Sessions } from './sessions.ts';
import { DomainError } from '@mcf/kernel';

export const LOGIN_LINK_PREFIX = 'mcfl';

export interface ImportedTester {
  externalId: string;
  id: string;
  /** A one-time login token for a newly created client; null when the tester was already known. */
  loginToken: string | null;
  created: boolean;
}

export class Testers {
  constructor(
    private readonly db: Kysely<AccountsDB>,
    private readonly clock: Clock,
    private readonly events: EventPublisher,
    private readonly sessions: Sessions,
    private readonly linkTtlMs: number,
  ) {}

  /** All or nothing: a row that cannot be imported (email taken by someone else) rejects the whole roster. */
  async importTesters(rows: readonly TesterRow[], byAccountId: string | null = null): Promise<{ clients: ImportedTester[] }> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.importOnce(rows, byAccountId);
      } catch (e) {
        // Two imports of the same roster at once: the loser retries and finds the winner's clients.
        if (attempt < 2 && isUniqueViolation(e) && !(e instanceof DomainError)) continue;
        throw e;
      }
    }
  }

  private async importOnce(rows: readonly TesterRow[], byAccountId: string | null) {
    const seen = new Map<string, TesterRow>();
    for (const r of rows) if (!seen.has(r.externalId)) seen.set(r.externalId, r);
    return this.db.transaction().execute(async (trx) => {
      const clients: ImportedTester[] = [];
      const events: AccountCreated[] = [];
      for (const row of seen.values()) {
        const existing = await trx.selectFrom('account').select(['id']).where('external_id', '=', row.externalId).executeTakeFirst();
        if (existing) {
          clients.push({ externalId: row.externalId, id: existing.id, loginToken: null, created: false });
          continue;
        }
        const email = normaliseEmail(row.email);
        const taken = await trx.selectFrom('account').select(['id', 'external_id']).where('email', '=', email).executeTakeFirst();
        if (taken) throw new DomainError('CONFLICT', `Tester ${row.externalId}: the email ${email} already belongs to another account`);
        const id = newId();
        const name = row.name.trim();
        await trx.insertInto('account').values({ id, email, name, role: 'client', password_hash: null, external_id: row.externalId }).execute();
        const loginToken = await this.issueLinkIn(trx, id, byAccountId);
        clients.push({ externalId: row.externalId, id, loginToken, created: true });
        events.push(accountCreated({ accountId: id, role: 'client', name, email }));
      }
      await this.events.publish(trx, ACCOUNTS, events);
      return { clients };
    });
  }

  private async issueLinkIn(trx: Kysely<AccountsDB>, accountId: string, byAccountId: string | null) {
    const token = newToken(LOGIN_LINK_PREFIX);
    await trx
      .insertInto('login_link')
      .values({ id: newId(), account_id: accountId, token_hash: hashToken(token), created_by: byAccountId, expires_at: new Date(this.clock.now().getTime() + this.linkTtlMs) })
      .execute();
    return token;
  }

  /**
   * A fresh one-time link for an existing client (a manager re-sends an invitation) or worker (hiring
   * creates accepted cats without a password; this link is how they first sign in); older links stay
   * valid until used or expired. Never for managers or clerks.
   */
  async issueLink(accountId: string, byAccountId: string | null): Promise<{ loginToken: string; expiresAt: string }> {
    const a = await this.db.selectFrom('account').select(['id', 'role']).where('id', '=', accountId).executeTakeFirst();
    if (!a) throw new DomainError('NOT_FOUND', 'Account not found');
    if (a.role !== 'client' && a.role !== 'worker') throw new DomainError('CONFLICT', 'Login links are for clients and workers only');
    const loginToken = await this.issueLinkIn(this.db, accountId, byAccountId);
    return { loginToken, expiresAt: new Date(this.clock.now().getTime() + this.linkTtlMs).toISOString() };
  }

  /** Spends a login link (once) and opens a session; null when the link is unknown, used or expired. */
  async loginWithLink(loginToken: string): Promise<{ token: string; account: AccountView } | null> {
    if (!loginToken.startsWith(`${LOGIN_LINK_PREFIX}_`)) return null;
    const now = this.clock.now();
    const used = await this.db
      .updateTable('login_link')
      .set({ used_at: now })
      .where('token_hash', '=', hashToken(loginToken))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('account_id')
      .executeTakeFirst();
    if (!used) return null;
    const account = await this.sessions.get(used.account_id);
    if (!account) return null;
    const token = await this.sessions.openSession(account.id);
    return { token, account };
  }
}
