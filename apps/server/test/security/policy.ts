// Who may call what: one entry per procedure of the AppRouter. The access test walks the router and
// fails for any procedure missing here (and for entries whose procedure is gone). When a context
// merges, add its procedures. `allow` lists who gets past authorisation; everyone else must be refused
// (UNAUTHORIZED without a token, FORBIDDEN with the wrong role or a candidate token).
export type Who = 'anonymous' | 'client' | 'worker' | 'clerk' | 'manager' | 'candidate';

export const ACCOUNT_ROLES = ['client', 'worker', 'clerk', 'manager'] as const satisfies readonly Who[];
export const EVERYONE = ['anonymous', ...ACCOUNT_ROLES, 'candidate'] as const satisfies readonly Who[];

export interface Policy {
  allow: readonly Who[];
  /**
   * Input for the access check. By default the call sends none, so an allowed caller is stopped by
   * validation (BAD_REQUEST) or succeeds, and a refused one is stopped before that. Give a sample when
   * a procedure authorises after reading its input.
   */
  input?: unknown;
  /** Why, when it is not obvious. */
  note?: string;
}

export const policy: Record<string, Policy> = {
  // system
  'system.health': { allow: EVERYONE },

  // accounts
  'accounts.login': { allow: EVERYONE, note: 'signing in is public' },
  'accounts.logout': { allow: ACCOUNT_ROLES },
  'accounts.me': { allow: ACCOUNT_ROLES },
  'accounts.create': { allow: ['manager'] },
  'accounts.onAccounts': { allow: ['manager'] },
};
