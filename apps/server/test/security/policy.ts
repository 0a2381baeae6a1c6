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
  /**
   * The fuzzer skips this procedure: a mutation whose input is entirely optional accepts almost any
   * object (unknown keys are stripped), so "hostile input is refused" does not apply. Say why in `note`.
   */
  acceptsAnyInput?: true;
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
  'accounts.list': { allow: ['manager'] },
  'accounts.importTestersFile': { allow: ['manager'] },
  'accounts.billing.onChange': { allow: ACCOUNT_ROLES, note: 'each account watches its own billing' },
  'accounts.onAccounts': { allow: ['manager'] },
  // accounts (billing included)
  'accounts.billing.closeMonth': { allow: ['manager'] },
  'accounts.billing.closeWeek': { allow: ['manager'] },
  'accounts.billing.creditWorker': { allow: ['manager'] },
  'accounts.billing.invoices': { allow: ['manager'] },
  'accounts.billing.paymentMethod': { allow: ['client'] },
  'accounts.billing.retryInvoice': { allow: ['manager'] },
  'accounts.billing.setPaymentMethod': { allow: ['client'] },
  'accounts.billing.statement': { allow: ACCOUNT_ROLES, note: "own statement by default; naming another account is checked after the input (managers only)" },
  'accounts.importTesters': { allow: ['manager'] },
  'accounts.issueLoginLink': { allow: ['manager'] },
  'accounts.loginWithLink': { allow: EVERYONE, note: "signing in with a link is public" },

  // orders
  'orders.admin.explain': { allow: ['manager'] },
  'orders.admin.onOrders': { allow: ['manager'] },
  'orders.admin.rematch': { allow: ['manager'] },
  'orders.admin.fail': { allow: ['manager'] },
  'orders.admin.history': { allow: ['manager'] },
  'orders.admin.list': { allow: ['manager'] },
  'orders.admin.pipeline.get': { allow: ['manager'] },
  'orders.admin.pipeline.set': { allow: ['manager'] },
  'orders.admin.pipeline.stepKinds': { allow: ['manager'] },
  'orders.admin.pipeline.versions': { allow: ['manager'] },
  'orders.admin.workers': { allow: ['manager'] },
  'orders.cancel': { allow: ['client', 'manager'], note: "clients cancel their own orders; managers may cancel any" },
  'orders.checkIn': { allow: ['worker'] },
  'orders.complete': { allow: ['worker'] },
  'orders.create': { allow: ['client'] },
  'orders.feed': { allow: ['worker'] },
  'orders.get': { allow: ACCOUNT_ROLES, note: "who may read which order is checked after the input (its client, its worker, clerks and managers)" },
  'orders.mine': { allow: ['client'] },
  'orders.onMine': { allow: ['client'] },
  'orders.onStatus': { allow: ACCOUNT_ROLES, note: "who may watch which order is checked after the input" },
  'orders.photo': { allow: ACCOUNT_ROLES, note: "who may see which photo is checked after the input" },
  'orders.quote': { allow: ['client'] },
  'orders.rebook': { allow: ['client'] },
  'orders.serviceTypes.create': { allow: ['manager'] },
  'orders.serviceTypes.list': { allow: ACCOUNT_ROLES },
  'orders.serviceTypes.retire': { allow: ['manager'] },
  'orders.serviceTypes.update': { allow: ['manager'] },
  'orders.tasks': { allow: ['worker'] },

  // supplies
  'supplies.acceptanceForm': { allow: ACCOUNT_ROLES, note: "who may read which form is checked after the input" },
  'supplies.forOrder': { allow: ACCOUNT_ROLES, note: "who may read which order's supplies is checked after the input" },
  'supplies.issue': { allow: ['clerk'] },
  'supplies.mine': { allow: ['worker'] },
  'supplies.onMine': { allow: ['worker'] },
  'supplies.onRequests': { allow: ['clerk'] },
  'supplies.recordCookieArrival': { allow: ['clerk'] },
  'supplies.requests': { allow: ['clerk'] },
  'supplies.retryCookie': { allow: ['clerk'] },

  // betting
  'betting.history': { allow: ['manager'] },
  'betting.recentSettlements': { allow: ['manager'] },
  'betting.leaderboard': { allow: ['manager'] },
  'betting.myBets': { allow: ['manager'] },
  'betting.odds': { allow: ['manager'] },
  'betting.onOdds': { allow: ['manager'] },
  'betting.openOrders': { allow: ['manager'] },
  'betting.placeBet': { allow: ['manager'] },
  'betting.settlement': { allow: ['manager'] },
  'betting.topUp': { allow: ['manager'] },
  'betting.wallet': { allow: ['manager'] },

  // quality
  'quality.causes.create': { allow: ['manager'] },
  'quality.causes.list': { allow: ['manager'] },
  'quality.causes.update': { allow: ['manager'] },
  'quality.exportCsv': { allow: ['manager'] },
  'quality.hypotheses.list': { allow: ['manager'] },
  'quality.list': { allow: ['manager'] },
  'quality.onQueue': { allow: ['manager'] },
  'quality.photo': { allow: ['manager'] },
  'quality.pickRandom': { allow: ['manager'] },
  'quality.queue': { allow: ['manager'] },
  'quality.review': { allow: ['manager'] },
  'quality.stats': { allow: ['manager'] },
  'quality.submit': { allow: ['manager'] },

  // hiring
  'hiring.admissionStats': { allow: ['manager'] },
  'hiring.application': { allow: ['manager'] },
  'hiring.applications': { allow: ['manager'] },
  'hiring.apply': { allow: EVERYONE, note: "public, behind a proof of work (hiring.challenge)" },
  'hiring.assignTests': { allow: ['manager'] },
  'hiring.candidate.me': { allow: ['candidate'] },
  'hiring.candidate.start': { allow: ['candidate'] },
  'hiring.candidate.submit': { allow: ['candidate'] },
  'hiring.challenge': { allow: EVERYONE, note: "public" },
  'hiring.config.activate': { allow: ['manager'] },
  'hiring.config.active': { allow: ['manager'] },
  'hiring.config.compare': { allow: ['manager'] },
  'hiring.config.create': { allow: ['manager'] },
  'hiring.config.list': { allow: ['manager'] },
  'hiring.decide': { allow: ['manager'] },
  'hiring.distribution': { allow: ['manager'] },
  'hiring.markContacted': { allow: ['manager'] },
  'hiring.newLink': { allow: ['manager'] },
  'hiring.onPipeline': { allow: ['manager'] },
  'hiring.photo': { allow: ['manager'] },
  'hiring.recordResult': { allow: ['manager'] },
  'hiring.testKinds': { allow: ['manager'] },
  'hiring.workerProfile': { allow: ['manager'] },
};
