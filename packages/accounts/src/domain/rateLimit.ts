// Sign-in throttling: too many failures for one account, or too many attempts from one address.
export interface SignInLimits {
  failuresPerAccount: number;
  accountWindowSeconds: number;
  attemptsPerAddress: number;
  addressWindowSeconds: number;
}

export const defaultSignInLimits = (env: Record<string, string | undefined>): SignInLimits => ({
  failuresPerAccount: Number(env.MCF_LOGIN_MAX_FAILURES_PER_ACCOUNT ?? 5),
  accountWindowSeconds: Number(env.MCF_LOGIN_ACCOUNT_WINDOW_SECONDS ?? 900),
  attemptsPerAddress: Number(env.MCF_LOGIN_MAX_ATTEMPTS_PER_ADDRESS ?? 30),
  addressWindowSeconds: Number(env.MCF_LOGIN_ADDRESS_WINDOW_SECONDS ?? 60),
});

export type SignInVerdict = { allowed: true } | { allowed: false; reason: string };

export function judgeSignIn(limits: SignInLimits, recentAccountFailures: number, recentAddressAttempts: number): SignInVerdict {
  if (recentAccountFailures >= limits.failuresPerAccount) {
    return { allowed: false, reason: `Too many failed sign-ins for this account; try again in ${Math.ceil(limits.accountWindowSeconds / 60)} minutes` };
  }
  if (recentAddressAttempts >= limits.attemptsPerAddress) {
    return { allowed: false, reason: 'Too many sign-in attempts from your address; wait a minute' };
  }
  return { allowed: true };
}
