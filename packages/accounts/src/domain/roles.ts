import type { Role } from '@mcf/kernel';

export interface AccountView {
  id: string;
  role: Role;
  name: string;
  email: string;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
